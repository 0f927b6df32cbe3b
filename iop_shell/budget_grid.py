"""The budget page's table (a `st.data_editor`) and the actions on its rows: copy, delete, more rows.

The grid has a fixed number of rows: the budget's rows, then empty rows to type new ones into.
A keyed editor with fixed rows keeps its identity while only its values change (Streamlit 1.67
ties a growing editor's identity to its data, and a new identity remounts the grid: an open
drop-down closes, the selection jumps and keyboard focus leaves the table). So after every edit
the grid is drawn again with what the app filled in (kind, unit, quantity, hourly value, year)
and stays where the user is. Given new data, the grid drops every pending edit the data now
holds and sends what is left (an edit it still holds is applied again, which changes nothing);
so its edits are applied to the rows it was last drawn with, kept here by position (rows never
move while the grid lives, so the row numbers in messages stay true). The
rows are taken from the model again only when the grid starts afresh: on entering the page,
after a demo, file or CSV was opened, the volunteer rate changed, rows were copied or deleted, or
more empty rows were asked for. Edits are applied in on_change: writing the editor's return
value back loses every second edit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from iop_core.budget.copies import copy_lines, number_ranges, year_lines
from iop_core.budget.editor import GridRow, grid_after, grid_results, grid_rows, with_results
from iop_core.budget.numbers import parse_number
from iop_core.budget.rows import COLUMNS, RowResult
from iop_core.budget.vocabulary import (
    KINDS,
    PARTIES,
    UNITS,
    category_label,
    kind_label,
    party_label,
    unit_label,
    vocabulary,
)
from iop_core.format import format_number, ungroup
from iop_core.screening.model import MAX_BUDGET_ROWS, Budget
from iop_shell import state
from iop_shell.ui import EVEN, action, current, notify, plain, select_placeholder, tr, wkey

NOTICE = "budget"  # the notice slot of the page: a CSV import, a copy, a deletion
BLANK_ROWS = 5
# Column order and widths (px): each header fits in both languages (its edit icon and padding take
# about 45 px; tests/pages/test_budget.py), and the columns before the free texts fit a 1280 px
# screen next to the sidebar; the free texts come last.
WIDTHS = {"party": 124, "category": 124, "kind": 110, "quantity": 100, "unit": 84, "unit_value": 120, "year": 76,
          "other_text": 192, "note": 180}
NUMBER_COLUMNS = ("quantity", "unit_value")


def editor_key() -> str:
    return state.BUDGET_EDITOR.key(field=wkey("budget.editor"), epoch=state.BUDGET_EPOCH.get(0))


def restart_editor(empty_rows: int = BLANK_ROWS) -> None:
    """The budget changed outside the grid: the next run draws a fresh grid from the model."""
    state.BUDGET_EPOCH.set(state.BUDGET_EPOCH.get(0) + 1)
    state.BUDGET_EMPTY_ROWS.set(empty_rows)


def editor_rows(key: str) -> list[GridRow]:
    """The rows by position that the grid with `key` shows (its edits so far applied)."""
    stored = state.BUDGET_BASE.get()
    if stored is None or stored[0] != key or not state.has_widget(key):
        stored = state.BUDGET_BASE.set((key, grid_rows(current().budget, state.BUDGET_EMPTY_ROWS.pop(BLANK_ROWS))))
    return stored[1]


def _typed(delta: dict, lang: str) -> dict:
    """The grid's edits with numbers read as written in `lang` ("250,000" is 250 000 in English)."""
    if lang == "sv" or not delta:
        return delta

    def cells(row) -> dict:
        if not isinstance(row, dict):
            return row
        return {c: ungroup(v, lang) if c in NUMBER_COLUMNS and isinstance(v, str) else v for c, v in row.items()}

    return {**delta, "edited_rows": {k: cells(v) for k, v in (delta.get("edited_rows") or {}).items()}}


@action
def _commit_editor(key: str) -> None:
    """The grid's pending edits applied to the rows it was last drawn with (edits the new data
    already holds the grid drops itself); the model gets the lines and drafts."""
    s = current()
    rows = editor_rows(key)
    results = grid_results(rows, _typed(state.widget_value(key) or {}, s.language), s.budget)
    state.BUDGET_BASE.set((key, grid_after(len(rows), results)))
    s.budget = with_results(s.budget, (r for _, r in results))


def _results() -> list[tuple[int, RowResult]]:
    """The grid's rows as it shows them, each with its row number."""
    return grid_results(editor_rows(editor_key()), {}, current().budget)


# --- the grid ----------------------------------------------------------------------------------


def _options(base: tuple[str, ...], column: str, drafts) -> list[str]:
    """The choices of a select column, plus any unrecognised text a draft holds (so it shows)."""
    extra = [getattr(d, column) for d in drafts if getattr(d, column) and getattr(d, column) not in base]
    return [*base, *dict.fromkeys(extra)]


def _frame(cells: list[dict[str, str]]) -> pd.DataFrame:
    """The rows as the grid shows them: numbers written the language's way ("1,800" in English)."""
    lang = current().language
    rows = [dict(row) for row in cells]
    for row in rows if lang != "sv" else ():
        for column in NUMBER_COLUMNS:
            number = parse_number(row[column])
            row[column] = row[column] if number is None else format_number(number, lang)
    # Column names as plain objects: pandas 3 stores str labels in an Arrow array, whose indexing
    # is what st.data_editor's checks spent their time on (~0.5 ms a rerun).
    frame = pd.DataFrame(rows, columns=pd.Index(list(COLUMNS), dtype=object), dtype="object")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _column_config(budget: Budget) -> dict:
    lang = current().language

    def select(column, options, fmt):
        return st.column_config.SelectboxColumn(
            tr(f"budget.col_{column}"), options=_options(options, column, budget.drafts),
            help=tr(f"budget.help_{column}"), width=WIDTHS[column],
            format_func=lambda v: fmt(v) if v in options else tr("budget.unknown_value", value=v),
        )

    def text(column, **kw):
        return st.column_config.TextColumn(tr(f"budget.col_{column}"), help=tr(f"budget.help_{column}"),
                                           width=WIDTHS[column], **kw)

    return {
        "_index": st.column_config.NumberColumn(tr("budget.col_row"), help=tr("budget.help_row"), width=40),
        "party": select("party", PARTIES, lambda v: party_label(v, lang)),
        "category": select("category", tuple(vocabulary().categories), lambda v: category_label(v, lang)),
        "other_text": text("other_text", max_chars=300),
        "kind": select("kind", KINDS, lambda v: kind_label(v, lang)),
        "quantity": text("quantity", alignment="right"),
        "unit": select("unit", UNITS, lambda v: unit_label(v, lang)),
        "unit_value": text("unit_value", alignment="right"),
        "year": text("year", alignment="right"),
        "note": text("note", max_chars=300),
    }


def draw_grid() -> list[tuple[int, RowResult]]:
    """The grid, drawn with every value the app filled in; returns its rows as the grid numbers them."""
    key = editor_key()
    rows = editor_rows(key)
    results = _results()
    cells = [dict.fromkeys(COLUMNS, "") for _ in rows]
    for label, r in results:
        cells[label - 1] = r.cells
    try:
        # The same cells give the same frame (st.data_editor copies it before applying edits).
        frame = state.memo(state.BUDGET_FRAME, (current().language, cells), lambda: _frame(cells))
        st.data_editor(frame, key=key, on_change=_commit_editor, args=(key,), num_rows="fixed",
                       column_config=_column_config(current().budget), column_order=list(WIDTHS), width="stretch",
                       placeholder="", hide_index=False)
    except (IndexError, KeyError, ValueError):  # a client named cells outside the grid (no browser does)
        restart_editor(rows.count(None))
        st.rerun()
    free = rows.count(None)
    st.caption(tr("budget.rows_free", n=free) if free else tr("budget.rows_none_free"))
    return results


# --- actions on rows: copy to later years, delete, more empty rows --------------------------------


def _say(kind: str, text: str) -> None:
    notify(NOTICE, kind, plain(text))


@action
def _copy(choice: str, scope: str) -> None:
    s, lang = current(), current().language
    what, value = choice.split(":")
    if what == "row":
        row = dict(_results()).get(int(value))
        if row is None or row.line is None:
            return _say("warning", tr("budget.copy_unfinished", row=value))
        sources = [row.line]
    else:
        sources = year_lines(s.budget, int(value))
    result = copy_lines(s.budget, sources, scope)
    if result.problem is not None:
        return _say("warning", result.problem.text(lang))
    s.budget = result.budget
    restart_editor()
    text = (tr("budget.copy_done_row", row=s.budget.lines.index(sources[0]) + 1, years=number_ranges(result.years),
               rows=number_ranges(result.rows)) if what == "row" else
            tr("budget.copy_done_year", year=value, years=number_ranges(result.years), rows=number_ranges(result.rows)))
    if result.skipped:
        text += " " + tr("budget.copy_skipped", n=result.skipped)
    _say("success", text)


@action
def _delete(choice: str) -> None:
    s = current()
    label = int(choice.split(":")[1])
    s.budget = with_results(s.budget, (r for n, r in _results() if n != label))
    state.BUDGET_COPY.set(None)
    restart_editor()
    _say("success", tr("budget.deleted", row=label))


@action
def _more_rows() -> None:
    restart_editor(editor_rows(editor_key()).count(None) + BLANK_ROWS)


def _option_label(results: dict[int, RowResult], choice: str) -> str:
    what, value = choice.split(":")
    lang = current().language
    if what == "year":
        return tr("budget.copy_year_option", year=value, n=len(year_lines(current().budget, int(value))))
    cells = results[int(value)].cells
    party = party_label(cells["party"], lang) if cells["party"] in PARTIES else cells["party"]
    category = category_label(cells["category"], lang) if cells["category"] in vocabulary().categories else cells["category"]
    return tr("budget.copy_row_option", row=value, party=party, category=category, year=cells["year"])


def row_actions(results: list[tuple[int, RowResult]]) -> None:
    """Copy a row or a year's rows to the next year or the whole period; delete a row; more rows."""
    by_label = dict(results)
    years = sorted({line.year for line in current().budget.lines})
    choices = [f"year:{y}" for y in years] + [f"row:{n}" for n in by_label]  # the few years first
    if state.BUDGET_COPY.get() not in (None, *choices):
        state.BUDGET_COPY.set(None)  # a row that is gone
    with st.container(key="budget_actions", border=True):
        st.markdown(f"**{tr('budget.actions_title')}**")
        labels = {c: _option_label(by_label, c) for c in choices}
        placeholder = tr("budget.copy_choose") if choices else select_placeholder(choices)
        choice = st.selectbox(tr("budget.copy_what"), choices, index=None, key=state.BUDGET_COPY.name, placeholder=placeholder,
                              format_func=labels.get, help=tr("budget.copy_help", limit=MAX_BUDGET_ROWS))
        # two a row: "Kopiera till alla år i perioden" whole in both languages; a row is one block
        copy = st.container(horizontal=True, key=f"{EVEN}budget-copy")
        copy.button(tr("budget.copy_next"), on_click=_copy, args=(choice, "next"), disabled=choice is None,
                  icon=":material/arrow_forward:", width="stretch")
        copy.button(tr("budget.copy_period"), on_click=_copy, args=(choice, "period"), disabled=choice is None,
                  icon=":material/double_arrow:", width="stretch")
        rows = st.container(horizontal=True, key=f"{EVEN}budget-rows")
        rows.button(tr("budget.delete_row"), on_click=_delete, args=(choice,), icon=":material/delete:",
                  disabled=choice is None or not choice.startswith("row:"), width="stretch")
        size = len(editor_rows(editor_key()))
        rows.button(tr("budget.more_rows", n=BLANK_ROWS), on_click=_more_rows, icon=":material/add:", width="stretch",
                  disabled=size >= MAX_BUDGET_ROWS, help=tr("budget.more_rows_help", limit=MAX_BUDGET_ROWS))
