"""UI strings. Every text the app shows that is not rule data comes from here.

One TOML file per language (sv.toml is the source; en.toml the translation). Keys are dotted:
t("nav.start"). A key missing from a translation falls back to Swedish; a test keeps the files
in step. Rule texts (questions, findings, citations) live with the rules in iop_core/data.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("sv", "en")
DEFAULT = "sv"


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


@cache
def strings(lang: str) -> dict[str, str]:
    path = Path(__file__).parent / f"{lang}.toml"
    if not path.exists():
        return {}
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8")))


def t(key: str, lang: str = DEFAULT, /, **values: object) -> str:
    """The string for `key` in `lang` (falling back to Swedish), formatted with `values`."""
    text = strings(lang).get(key) or strings(DEFAULT).get(key)
    if text is None:
        raise KeyError(f"missing UI string {key!r}; add it to iop_core/i18n/sv.toml")
    return text.format(**values) if values else text
