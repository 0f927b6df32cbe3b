"""The word check's allow-list: phrases it does not flag, national and per framework, as data.

data/wording.toml holds the national phrases (a political mandate, a volunteer's travel
reimbursement), data/frameworks/<id>.toml a `[wording]` table with the words the framework uses
itself. Every entry is cited and must contain a word the check would otherwise flag, so the list
never holds a dead entry. Loaded by iop_core.rules.catalogue into each Framework (`wording`);
nothing here reads a screening (iop_core.rules.wording checks the texts).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iop_core.rules.wording import check_text
from iop_core.screening.model import Citation

PHRASE = r"^\*?[\w-]+\*?( \*?[\w-]+\*?)*$"
"""Words separated by single spaces; `*` at a word's start or end stands for any letters."""


class WordingError(ValueError):
    """The allow-list in a data file is invalid. The message names the file and the entry."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AllowedWord(_Frozen):
    phrase: str = Field(pattern=PHRASE, max_length=80)
    citations: tuple[Citation, ...] = Field(min_length=1)
    """Where the framework uses the phrase itself, or why it is not the contract's vocabulary."""


class _Table(_Frozen):
    allowed: tuple[AllowedWord, ...] = ()


class Wording(_Frozen):
    """The allow-list under one framework."""

    national: tuple[AllowedWord, ...] = ()
    own: tuple[AllowedWord, ...] = ()
    """The framework's own words ([wording] in its file)."""

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every allowed phrase, national first: what iop_core.rules.wording.check_text takes."""
        return tuple(dict.fromkeys(w.phrase for w in (*self.national, *self.own)))


def _entries(raw: Any, where: str) -> tuple[AllowedWord, ...]:
    try:
        table = _Table.model_validate(raw)
    except ValidationError as exc:
        raise WordingError(f"{where} [wording]: {exc}") from None
    for entry in table.allowed:
        if not check_text(entry.phrase.replace("*", "")):
            raise WordingError(f"{where} [wording]: {entry.phrase!r} holds no word the word check flags; remove it")
    return table.allowed


@cache
def national(folder: Path) -> tuple[AllowedWord, ...]:
    """data/wording.toml's phrases (none when the file is missing)."""
    path = folder / "wording.toml"
    if not path.exists():
        return ()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(f"wording.toml: invalid TOML: {exc}") from None
    return _entries(raw, "wording.toml")


def load(raw: Any, where: str, folder: Path, check_citations: Callable[[tuple[Citation, ...], str], None]) -> Wording:
    """A framework file's `[wording]` table (`raw`, {} when absent) with the national phrases;
    every citation checked by `check_citations(citations, where)`."""
    wording = Wording(national=national(folder), own=_entries(raw, where))
    for name, entries in (("wording.toml", wording.national), (where, wording.own)):
        for entry in entries:
            check_citations(entry.citations, f"{name} [wording] {entry.phrase!r}")
    return wording
