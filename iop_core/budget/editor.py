"""The budget table as the page's `st.data_editor` shows it: edit deltas in, a new Budget out.

The grid shows the valid lines, then the drafts (`shown_rows`). An edit delta is applied to
those rows and every touched row parsed again (iop_core.budget.rows); nothing typed is lost.
Also the per-row notices and the volunteer-rate change, which re-parses rows the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def _edited(current: list, delta: Mapping[str, Any], rate: Decimal, year: int) -> list[RowResult | bool | None]:
    """Per shown row: the edited row parsed again, False for a row whose every cell was emptied
    (it goes, as a deleted row would), or None for an untouched row."""
    results: list[RowResult | bool | None] = [None] * len(current)
    for key, changes in (delta.get("edited_rows") or {}).items():
        i = int(key)
        if not 0 <= i < len(current) or not isinstance(changes, Mapping):
            continue
        before = raw_of(current[i])
        after = {**before, **{c: cell_text(v) for c, v in changes.items() if c in COLUMNS}}
        results[i] = _is_filled(after) and parse_row(after, rate=rate, default_year=year, previous=before)
    return results


def editor_results(
    budget: Budget, delta: Mapping[str, Any], *, today: date | None = None,
) -> list[tuple[int, RowResult]]:
    """The editor's rows after `delta`, in the order the grid shows them, each with its row label.

    `delta` is a `st.data_editor` state over `shown_rows(budget)`: `edited_rows` ({"3": {"quantity":
    "12"}}) and `deleted_rows` ([1, 4]) index the rows as shown, `added_rows` are appended. Labels
    are the grid's row numbers: 1..n for the shown rows (a deleted row's number is not reused),
    n+1… for added rows. Edited and added rows are parsed again; untouched lines stay as they are;
    a row whose cells were all emptied is gone.
    """
    rate, year = budget.volunteer_hourly_rate, default_year(budget.terms, today)
    current = shown_rows(budget)
    results = _edited(current, delta, rate, year)
    deleted = {int(i) for i in (delta.get("deleted_rows") or [])}
    kept: list[tuple[int, RowResult]] = []
    for i, row in enumerate(current):
        if i in deleted or results[i] is False:
            continue
        if results[i] is not None:
            kept.append((i + 1, results[i]))
        elif isinstance(row, BudgetLine):
            kept.append((i + 1, RowResult(row, raw_of(row), ())))
        else:
            kept.append((i + 1, parse_row(row, rate=rate, default_year=year)))
    for j, added in enumerate(delta.get("added_rows") or []):
        if _is_filled(added):
            kept.append((len(current) + j + 1, parse_row(added, rate=rate, default_year=year)))
    return kept[:MAX_BUDGET_ROWS]


def grid_delta(delta: Mapping[str, Any], shown: int, rows: int) -> dict[str, Any]:
    """The state of a grid with a fixed number of `rows` (the `shown` rows, then empty rows to type
    new ones into) as editor_results reads it: `edited_rows` of the shown rows, and the empty rows
    typed into as `added_rows` (an untouched one as {}, so each keeps its row number). Cells the
    client names outside the grid are ignored."""
    edited: dict[str, Any] = {}
    added: dict[int, Any] = {}
    for key, changes in (delta.get("edited_rows") or {}).items():
        try:
            i = int(key)
        except (TypeError, ValueError):
            continue
        if 0 <= i < shown:
            edited[str(i)] = changes
        elif shown <= i < min(rows, MAX_BUDGET_ROWS):
            added[i - shown] = changes
    return {"edited_rows": edited, "deleted_rows": [],
            "added_rows": [added.get(j, {}) for j in range(max(added, default=-1) + 1)]}


def grid_cells(budget: Budget, delta: Mapping[str, Any], rows: int, *, today: date | None = None) -> list[dict[str, str]]:
    """What a grid of `rows` rows over `shown_rows(budget)` shows after `delta` (a grid_delta):
    each row's cells as parsed, with what the app fills in (kind, unit, quantity, hourly value,
    year), and empty cells for the empty rows and for rows that were emptied."""
    cells = [dict.fromkeys(COLUMNS, "") for _ in range(rows)]
    for label, result in editor_results(budget, delta, today=today):
        if label <= rows:
            cells[label - 1] = dict(result.cells)
    return cells


CHOICE_COLUMNS = ("party", "category", "kind", "unit")


def hidden_choices(delta: Mapping[str, Any], cells: list[dict[str, str]]) -> bool:
    """Does the grid's own state show a choice (a drop-down cell it keeps as picked) that the app
    has since changed, e.g. the kind after a new category? Then the grid must be drawn afresh."""
    for key, changes in (delta.get("edited_rows") or {}).items():
        i = int(key) if str(key).isdigit() else -1
        if not (0 <= i < len(cells) and isinstance(changes, Mapping)):
            continue
        if any(c in changes and cell_text(changes[c]) != cells[i][c] for c in CHOICE_COLUMNS if cells[i][c]):
            return True
    return False


def apply_editor_delta(budget: Budget, delta: Mapping[str, Any], *, today: date | None = None) -> Budget:
    """A `st.data_editor` delta applied to `shown_rows(budget)` (see editor_results); returns the new
    Budget. A row that fails becomes a draft with its texts kept, a draft that now passes a line."""
    lines, drafts = split_rows(r for _, r in editor_results(budget, delta, today=today))
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
