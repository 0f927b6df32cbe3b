"""The app's own texts: every sentence, label and message the pages and the core compose.

One TOML file per language (sv.toml is the source, en.toml the translation), one function:
t("nav.start", lang). Keys are dotted; the first part names the page or the core topic
("budget.total", "assessment.leaning_iop", "upload.empty"). A key missing from a translation
falls back to Swedish; tests/core/test_i18n.py keeps the files in step and every key in use.
A count is written as {n}; a text whose words change with the count has a singular beside it,
`<key>_one` ("1 finding" beside "{n} findings"), which t() takes when n is 1.

The catalogue's own texts (rules, questions, documents, sources) are data, not here: Swedish in
iop_core/data/*.toml, other languages in iop_core/data/i18n/<lang>.toml (rules.catalogue).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Language = Literal["sv", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "sv"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested TOML tables as one level of dotted keys: {"a": {"b": 1}} -> {"a.b": 1}."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@cache
def strings(lang: str) -> dict[str, str]:
    """Every text of one language by dotted key ({} for a language without a file)."""
    path = Path(__file__).parent / f"{lang}.toml"
    if not path.exists():
        return {}
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8")))


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for `key` in `lang` (falling back to Swedish), formatted with `values`; the
    singular `<key>_one` when it exists and n is 1."""
    if values.get("n") in (1, "1") and f"{key}_one" in strings(DEFAULT_LANGUAGE):
        key = f"{key}_one"
    text = strings(lang).get(key) or strings(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"missing text {key!r}; add it to iop_core/i18n/sv.toml and en.toml")
    return text.format(**values) if values else text
