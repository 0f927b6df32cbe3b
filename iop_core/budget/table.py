"""What the budget page and the report show around the totals, as data: which parties get a
column, each year's inputs per party, the rows' problems grouped the way the page lists them,
and each row's value. Words and layout are the page's and the report's; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from iop_core.budget.editor import line_notices
from iop_core.budget.problems import Problem
from iop_core.budget.rows import RowResult
from iop_core.budget.totals import ZERO, BudgetSummary, line_value
from iop_core.budget.vocabulary import PARTIES, category_label, party_label, vocabulary
from iop_core.screening.model import Budget


def shown_parties(summary: BudgetSummary) -> list[str]:
    """The parties that get a figure or a column: the public side and the organisation always,
    another financier only when it brings something."""
    return [p for p in PARTIES if p != "other" or summary.party(p)]


@dataclass(frozen=True)
class YearRow:
    """One year's inputs per party (in the order of `parties`) and the year's total."""

    year: int
    amounts: tuple[Decimal, ...]
    total: Decimal


def year_rows(summary: BudgetSummary, parties: Sequence[str]) -> list[YearRow]:
    """The year × party table, years ascending (the page's figures table and the report's)."""
    return [YearRow(year, tuple(by_party.get(p, ZERO) for p in parties), summary.year_total(year))
            for year, by_party in summary.by_year.items()]


@dataclass(frozen=True)
class ProblemGroups:
    """The rows to list under the table, each as (row number as shown, problems): rows with an
    error (not counted), rows only not filled in yet, and counted rows with something to check."""

    wrong: list[tuple[int, tuple[Problem, ...]]] = field(default_factory=list)
    unfinished: list[tuple[int, tuple[Problem, ...]]] = field(default_factory=list)
    notices: list[tuple[int, tuple[Problem, ...]]] = field(default_factory=list)


def group_problems(results: Sequence[tuple[int, RowResult]], budget: Budget) -> ProblemGroups:
    """Per shown row: what is wrong (its errors first), what is not filled in, what to check."""
    groups = ProblemGroups()
    for label, r in results:
        if r.line is not None:
            notices = line_notices(r.line, budget)
            if notices:
                groups.notices.append((label, notices))
            continue
        errors = tuple(p for p in r.problems if not p.code.endswith("_missing"))
        missing = tuple(p for p in r.problems if p.code.endswith("_missing"))
        if errors:
            groups.wrong.append((label, errors + missing))
        else:
            groups.unfinished.append((label, missing))
    return groups


@dataclass(frozen=True)
class RowValue:
    """A shown row's number, party and category in words, and its value (None: not counted)."""

    label: int
    party: str
    category: str
    value: Decimal | None


def row_values(results: Sequence[tuple[int, RowResult]], lang: str) -> list[RowValue]:
    """Each shown row's value; a typed text that is no known party or category stays as typed."""
    categories = vocabulary().categories
    out = []
    for label, r in results:
        party, category = r.cells["party"], r.cells["category"]
        out.append(RowValue(
            label,
            party_label(party, lang) if party in PARTIES else party,
            category_label(category, lang) if category in categories else category,
            None if r.line is None else line_value(r.line),
        ))
    return out
