"""What is wrong with a budget cell, row or file, as a code with parameters (texts in i18n).

A Problem only describes; whether it keeps a row out of the totals is its `blocking` flag, set
by the parser (iop_core.budget.rows) or the notices (iop_core.budget.editor, .terms).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iop_core.budget.vocabulary import (
    KINDS,
    PARTIES,
    category_label,
    kind_label,
    party_label,
    vocabulary,
)
from iop_core.format import format_sek
from iop_core.i18n import DEFAULT_LANGUAGE, t

_PARAM_WORDS = {"party": party_label, "category": category_label, "kind": kind_label}
"""Problem parameters that hold a Swedish vocabulary label (translated when the text is shown)."""
_AMOUNTS = {"amount", "rate"}
"""Problem parameters that hold an amount in kronor (written in the language when shown)."""


def _swedish_ids(label: Callable[[str], str], ids: Iterable[str]) -> dict[str, str]:
    return {label(i): i for i in ids}


def _localise(name: str, value: str, lang: str) -> str:
    """A problem parameter in `lang`: amounts are written the language's way, vocabulary labels
    translated, everything else kept."""
    if name in _AMOUNTS:
        return format_sek(Decimal(value), lang, ore=True)
    if lang == DEFAULT_LANGUAGE:
        return value
    ids = {"party": PARTIES, "category": tuple(vocabulary().categories), "kind": KINDS}
    if name == "allowed":
        by_label = _swedish_ids(category_label, ids["category"])
        return ", ".join(category_label(by_label[x], lang) if x in by_label else x for x in value.split(", "))
    if name in _PARAM_WORDS:
        by_label = _swedish_ids(_PARAM_WORDS[name], ids[name])
        return _PARAM_WORDS[name](by_label[value], lang) if value in by_label else value
    return value


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (column) of a row, or with a whole row/file (column None).

    The Swedish text lives in i18n/sv.toml under budget.err_<code>; `params` fill it in.
    `blocking` problems keep a row out of the totals; notices (blocking=False) only inform.
    """

    column: str | None
    code: str
    params: tuple[tuple[str, str], ...] = ()
    blocking: bool = True

    def text(self, lang: str = "sv") -> str:
        return t(f"budget.err_{self.code}", lang, **{k: _localise(k, v, lang) for k, v in self.params})

    def where(self, lang: str = "sv") -> str:
        """The column's Swedish name, or "" for a whole-row problem."""
        return t(f"budget.col_{self.column}", lang) if self.column else ""

    def full(self, lang: str = "sv") -> str:
        where = self.where(lang)
        return f"{where}: {self.text(lang)}" if where else self.text(lang)


def problem(column: str | None, code: str, blocking: bool = True, **params: Any) -> Problem:
    return Problem(column, code, tuple((k, str(v)) for k, v in params.items()), blocking)
