"""The budget table as the page's `st.data_editor` shows it: edit deltas in, a new Budget out.

The grid shows the valid lines, then the drafts (`shown_rows`), then empty rows to type into
(`grid_rows`). An edit delta is applied to those rows by position and every touched row parsed
again (iop_core.budget.rows, `grid_results`); nothing typed is lost (`with_results`).
Also the per-row notices and the volunteer-rate change, which re-parses rows the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from iop_core.budget.numbers import ORE, cell_text, is_missing, parse_number
from iop_core.budget.problems import Problem, problem
from iop_core.budget.rows import COLUMNS, RowResult, parse_row, raw_of, split_rows
from iop_core.budget.terms import default_year, period_years
from iop_core.budget.vocabulary import is_volunteer_hours
from iop_core.format import format_number
from iop_core.screening.model import MAX_BUDGET_ROWS, Budget, BudgetDraft, BudgetLine


def shown_rows(budget: Budget) -> list[BudgetLine | BudgetDraft]:
    """What the editor shows, in order: the valid lines, then the rows with problems."""
    return [*budget.lines, *budget.drafts]


def _is_filled(added: Any) -> bool:
    """An added editor row with at least one cell typed in (empty added rows are ignored)."""
    return isinstance(added, Mapping) and any(not is_missing(added.get(c)) for c in COLUMNS)


GridRow = BudgetLine | BudgetDraft | None
"""A row of the page's grid by position: a line, a draft, or an empty row to type a new one into."""


def grid_rows(budget: Budget, empty: int) -> list[GridRow]:
    """A fresh grid: the shown rows, then `empty` empty rows (never past MAX_BUDGET_ROWS)."""
    rows: list[GridRow] = list(shown_rows(budget))
    return rows + [None] * max(0, min(empty, MAX_BUDGET_ROWS - len(rows)))


def grid_results(
    rows: list[GridRow], delta: Mapping[str, Any], budget: Budget, *, today: date | None = None,
) -> list[tuple[int, RowResult]]:
    """The grid's rows after `delta` (a `st.data_editor` state over a grid with a fixed number of
    rows: `edited_rows` by position), each with its row number as the grid shows it. An empty row
    typed into is parsed as a new row; a row whose cells were all emptied is gone; untouched lines
    stay as they are. Positions never move, so the numbers stay what the grid shows. The volunteer
    rate and the default year are `budget`'s; positions the client names outside the grid are ignored."""
    rate, year = budget.volunteer_hourly_rate, default_year(budget.terms, today)
    edited: dict[int, Mapping[str, Any]] = {}
    for key, changes in (delta.get("edited_rows") or {}).items():
        i = int(key) if str(key).isdigit() else -1
        if 0 <= i < len(rows) and isinstance(changes, Mapping):
            edited[i] = changes
    out: list[tuple[int, RowResult]] = []
    for i, row in enumerate(rows):
        changes = edited.get(i)
        if changes is None:
            if isinstance(row, BudgetLine):
                out.append((i + 1, RowResult(row, raw_of(row), ())))
            elif row is not None:
                out.append((i + 1, parse_row(row, rate=rate, default_year=year)))
            continue
        before = raw_of(row) if row is not None else dict.fromkeys(COLUMNS, "")
        after = {**before, **{c: cell_text(v) for c, v in changes.items() if c in COLUMNS}}
        if _is_filled(after):
            out.append((i + 1, parse_row(after, rate=rate, default_year=year,
                                         previous=before if row is not None else None)))
    return out


def grid_after(size: int, results: list[tuple[int, RowResult]]) -> list[GridRow]:
    """The grid's rows by position after grid_results: what the grid is drawn from next."""
    rows: list[GridRow] = [None] * size
    for label, r in results:
        rows[label - 1] = r.line if r.line is not None else r.as_draft()
    return rows


def with_results(budget: Budget, results: Iterable[RowResult]) -> Budget:
    """The budget holding `results` (the grid's rows, grid_results): the rows that pass as lines,
    the others as drafts with their texts kept."""
    lines, drafts = split_rows(results)
    return budget.model_copy(update={"lines": lines, "drafts": drafts})


def row_problems(budget: Budget, *, today: date | None = None) -> dict[int, tuple[Problem, ...]]:
    """Problems per shown row index (`shown_rows(budget)`): blocking ones for drafts, notices for lines."""
    rate, year = budget.volunteer_hourly_rate, default_year(budget.terms, today)
    out: dict[int, tuple[Problem, ...]] = {}
    years = period_years(budget.terms)
    for i, line in enumerate(budget.lines):
        notices = line_notices(line, budget, years)
        if notices:
            out[i] = notices
    for j, draft in enumerate(budget.drafts):
        out[len(budget.lines) + j] = parse_row(draft, rate=rate, default_year=year).problems
    return out


def line_notices(line: BudgetLine, budget: Budget, years: list[int] | None = None) -> tuple[Problem, ...]:
    """What a counted line should make the user look at again (never blocking)."""
    years = period_years(budget.terms) if years is None else years
    notices = []
    if years and line.year not in years:
        notices.append(problem("year", "year_outside_period", False, year=line.year, start=years[0], end=years[-1]))
    if is_volunteer_hours(line.category, line.unit) and line.unit_value != budget.volunteer_hourly_rate:
        notices.append(problem("unit_value", "volunteer_rate_differs", False, rate=budget.volunteer_hourly_rate))
    return tuple(notices)


def change_volunteer_rate(budget: Budget, new_rate: Decimal) -> Budget:
    """Set the hourly value of volunteer time. Volunteer-hour rows that used the old rate follow;
    rows with a value of their own keep it. A row whose value would become absurd turns into a
    draft with its problem shown, never silently changed."""
    old = budget.volunteer_hourly_rate
    new_rate = Decimal(new_rate).quantize(ORE, rounding=ROUND_HALF_UP)
    year = default_year(budget.terms)
    results = []
    for row in shown_rows(budget):
        cells = raw_of(row)
        if is_volunteer_hours(cells["category"], cells["unit"]) and parse_number(cells["unit_value"]) == old:
            cells["unit_value"] = format_number(new_rate)
            results.append(parse_row(cells, rate=new_rate, default_year=year))
        elif isinstance(row, BudgetLine):
            results.append(RowResult(row, cells, ()))
        else:
            results.append(parse_row(cells, rate=new_rate, default_year=year))
    lines, drafts = split_rows(results)
    return budget.model_copy(update={"lines": lines, "drafts": drafts, "volunteer_hourly_rate": new_rate})
