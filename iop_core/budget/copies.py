"""Copying budget lines to later years: one row, or all of a year's rows, to the next year or to
every year of the agreement period (a five-year budget is typed once, not five times).

Only counted lines are copied (a row with problems is fixed first). Copies go after the lines
that are there, so every existing line keeps its row number; a copy that exists already in a
year (the same line but for the year) is not added twice. A copy that would take the budget
past MAX_BUDGET_ROWS copies nothing and says so. Texts are the page's; this module only decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from iop_core.budget.editor import shown_rows
from iop_core.budget.problems import Problem, problem
from iop_core.budget.terms import period_years
from iop_core.screening.model import MAX_BUDGET_ROWS, Budget, BudgetLine

Scope = Literal["next", "period"]
LAST_YEAR = 2100
"""The last year a row may have (iop_core.budget.rows checks 2000–2100)."""


@dataclass(frozen=True)
class CopyResult:
    """The budget after the copy, the row numbers (as the table shows them, 1-based) of the new
    rows, the years copied to, how many copies existed already, or the problem that stopped it."""

    budget: Budget
    rows: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    skipped: int = 0
    problem: Problem | None = None


def target_years(year: int, budget: Budget, scope: Scope) -> tuple[list[int], Problem | None]:
    """The years a line of `year` is copied to, or the problem why there are none."""
    years = period_years(budget.terms)
    if scope == "period":
        if not years:
            return [], problem("year", "copy_no_period")
        targets = [y for y in years if y != year]
        return targets, None if targets else problem("year", "copy_period_one_year", year=year)
    if year + 1 > LAST_YEAR:
        return [], problem("year", "year_range", value=year + 1)
    if years and year + 1 not in years:
        return [], problem("year", "copy_outside_period", year=year + 1, start=years[0], end=years[-1])
    return [year + 1], None


def _key(line: BudgetLine) -> tuple:
    """A line but for its year."""
    return tuple(v for k, v in line.model_dump().items() if k != "year")


def copy_lines(budget: Budget, sources: Sequence[BudgetLine], scope: Scope) -> CopyResult:
    """`sources` (lines of `budget`, all of one year) copied to the years `scope` gives."""
    if not sources:
        return CopyResult(budget, problem=problem(None, "copy_nothing"))
    targets, why = target_years(sources[0].year, budget, scope)
    if why is not None:
        return CopyResult(budget, problem=why)
    there = {(_key(line), line.year) for line in budget.lines}
    new, skipped = [], 0
    for year in targets:
        for line in sources:
            if (_key(line), year) in there:
                skipped += 1
                continue
            there.add((_key(line), year))
            new.append(line.model_copy(update={"year": year}))
    if not new:
        return CopyResult(budget, skipped=skipped, problem=problem(None, "copy_nothing_new"))
    total = len(shown_rows(budget)) + len(new)
    if total > MAX_BUDGET_ROWS:
        return CopyResult(budget, problem=problem(None, "copy_too_many", n=total, limit=MAX_BUDGET_ROWS))
    first = len(budget.lines) + 1
    copied = budget.model_copy(update={"lines": [*budget.lines, *new]})
    return CopyResult(copied, tuple(range(first, first + len(new))), tuple(targets), skipped)


def year_lines(budget: Budget, year: int) -> list[BudgetLine]:
    """The counted lines of one year, in table order."""
    return [line for line in budget.lines if line.year == year]


def number_ranges(numbers: Sequence[int]) -> str:
    """2, 3, 4, 7 -> "2–4, 7": row numbers and years as short as they can be said."""
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1].rsplit("–", 1)[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
