"""Where a theme's findings are shown: its summary group and its step of the walk (data/themes.toml).

The catalogue places every rule through its theme when it loads (`place`), so each rule, and each
finding, carries its `group` and `step`; a theme with no place stops the load. Functions take the
data folder (iop_core.rules.catalogue.DATA), so a test's copy of the data is read as a whole.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iop_core.rules.errors import CatalogueError
from iop_core.screening.model import STEPS


class ThemeError(CatalogueError):
    """data/themes.toml is invalid, or a rule's theme is not in it. The message names the fix."""


@dataclass(frozen=True)
class Place:
    group: str
    step: str


@dataclass(frozen=True)
class Themes:
    groups: tuple[str, ...]
    """The summary's groups, in the order data/themes.toml lists them."""
    places: dict[str, Place]
    """Theme -> its group and step."""


@cache
def load(data: Path) -> Themes:
    """data/themes.toml, each theme's group checked against `groups` and its step against STEPS."""
    try:
        raw = tomllib.loads((data / "themes.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThemeError(f"{data}: no themes.toml; copy iop_core/data/themes.toml there (each theme's group and step)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"themes.toml: invalid TOML: {exc}") from exc
    groups = tuple(raw.get("groups", ()))
    places = {}
    for theme, body in raw.get("themes", {}).items():
        where = f"themes.toml theme {theme!r}"
        if not isinstance(body, dict) or set(body) != {"group", "step"}:
            raise ThemeError(f'{where}: needs exactly `group` and `step`, e.g. {{ group = "money", step = "budget" }}')
        if body["group"] not in groups:
            raise ThemeError(f"{where}: unknown group {body['group']!r}; use one of {', '.join(groups)} "
                             "or add it to `groups` (with its title summary.group_<group> in the UI texts)")
        if body["step"] not in STEPS:
            raise ThemeError(f"{where}: unknown step {body['step']!r}; the steps of the walk are {', '.join(STEPS)}")
        places[theme] = Place(**body)
    return Themes(groups, places)


def place(theme: str, data: Path, rule: str) -> Place:
    """The group and step of a rule's theme; `rule` names the file and the rule for the message."""
    found = load(data).places.get(theme)
    if found is None:
        raise ThemeError(f"{rule}: theme {theme!r} has no group and step; add "
                         f'`{theme} = {{ group = "…", step = "…" }}` under [themes] in iop_core/data/themes.toml')
    return found
