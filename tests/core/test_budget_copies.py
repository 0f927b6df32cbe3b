"""Copying budget lines to later years, the grid of fixed rows, and the table data the budget page
and the report share (issue #24 point 2, issue #25 point 2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from iop_core.budget.copies import copy_lines, number_ranges, target_years, year_lines
from iop_core.budget.editor import grid_after, grid_results, grid_rows
from iop_core.budget.table import group_problems, row_values, shown_parties, year_rows
from iop_core.budget.totals import summarise
from iop_core.screening.model import (
    MAX_BUDGET_ROWS,
    Budget,
    BudgetDraft,
    BudgetLine,
    BudgetTerms,
)

TODAY = date(2027, 5, 1)


def line(year: int = 2027, party: str = "public", value: str = "100", **kw) -> BudgetLine:
    fields = {"party": party, "category": "pengar", "kind": "money", "quantity": D(1), "unit": "kr",
              "unit_value": D(value), "year": year, **kw}
    return BudgetLine(**fields)


def budget(*lines: BudgetLine, period: tuple[int, int] | None = (2027, 2029), drafts=()) -> Budget:
    terms = BudgetTerms(period_start=date(period[0], 1, 1), period_end=date(period[1], 12, 31)) if period else BudgetTerms()
    return Budget(lines=list(lines), drafts=list(drafts), terms=terms)


def test_a_row_goes_to_the_next_year_after_every_line_and_draft_keeps_its_place():
    b = budget(line(2027), line(2027, "organisation", "50"), drafts=[BudgetDraft(party="x")])
    r = copy_lines(b, [b.lines[0]], "next")
    assert r.problem is None and [(ln.party, ln.year) for ln in r.budget.lines] == [
        ("public", 2027), ("organisation", 2027), ("public", 2028)]
    assert r.rows == (3,) and r.years == (2028,) and r.budget.drafts == b.drafts


def test_a_row_goes_to_every_other_year_of_the_period_and_a_copy_that_exists_is_skipped():
    b = budget(line(2028), line(2027))
    r = copy_lines(b, [b.lines[0]], "period")
    assert [ln.year for ln in r.budget.lines] == [2028, 2027, 2029]  # 2027 exists: skipped
    assert r.years == (2027, 2029) and r.skipped == 1 and r.rows == (3,)
    again = copy_lines(r.budget, [r.budget.lines[0]], "period")
    assert again.problem.code == "copy_nothing_new" and again.budget == r.budget


def test_a_years_rows_are_copied_together():
    b = budget(line(2027), line(2027, "organisation", "50"), line(2028, value="7"))
    r = copy_lines(b, year_lines(b, 2027), "period")
    assert [(ln.party, ln.year) for ln in r.budget.lines[3:]] == [
        ("public", 2028), ("organisation", 2028), ("public", 2029), ("organisation", 2029)]
    assert r.rows == (4, 5, 6, 7) and number_ranges(r.rows) == "4–7"


def test_the_targets_respect_the_period_and_the_year_range():
    assert target_years(2029, budget(), "next")[1].code == "copy_outside_period"
    assert target_years(2027, budget(period=None), "period")[1].code == "copy_no_period"
    assert target_years(2027, budget(period=(2027, 2027)), "period")[1].code == "copy_period_one_year"
    assert target_years(2100, budget(period=None), "next")[1].code == "year_range"
    assert target_years(2031, budget(period=None), "next") == ([2032], None)
    assert copy_lines(budget(), [], "next").problem.code == "copy_nothing"


def test_a_copy_past_the_row_limit_copies_nothing():
    drafts = [BudgetDraft(party="x")] * (MAX_BUDGET_ROWS - 3)
    b = budget(line(2027), line(2027, value="2"), drafts=drafts)
    r = copy_lines(b, year_lines(b, 2027), "period")
    assert r.problem.code == "copy_too_many" and dict(r.problem.params) == {"n": "1003", "limit": "1000"}
    assert r.budget == b
    assert "högst 1000" in r.problem.text("sv") and "at most 1000" in r.problem.text("en")


def test_number_ranges():
    assert number_ranges([7, 2, 3, 4]) == "2–4, 7" and number_ranges([5]) == "5" and number_ranges([]) == ""


# --- the grid of fixed rows ---------------------------------------------------------------------


def test_a_grid_has_the_shown_rows_then_empty_rows_never_past_the_limit():
    b = budget(line(2027), drafts=[BudgetDraft(party="x")])
    assert grid_rows(b, 3) == [b.lines[0], b.drafts[0], None, None, None]
    full = budget(drafts=[BudgetDraft(party="x")] * (MAX_BUDGET_ROWS - 1))
    assert len(grid_rows(full, 5)) == MAX_BUDGET_ROWS


def test_grid_results_show_what_the_app_fills_in_by_position():
    b = budget(line(2027))
    rows = grid_rows(b, 3)
    state = {"edited_rows": {"2": {"party": "organisation", "category": "ideellt arbete"}, "9": {"party": "x"},
                             "y": {"party": "x"}}}
    results = grid_results(rows, state, b, today=TODAY)
    assert [label for label, _ in results] == [1, 3]  # numbered as the grid shows them; outside ignored
    cells = results[1][1].cells
    assert (cells["kind"], cells["unit"], cells["unit_value"], cells["year"]) == ("in_kind", "timmar", "300", "2027")
    after = grid_after(len(rows), results)
    assert after[0] == b.lines[0] and after[1] is None and after[2].category == "ideellt arbete"
    assert after[3] is None


def test_a_grid_row_follows_its_new_category_and_an_emptied_row_is_gone():
    b = budget(line(2027), line(2028, "organisation", category="lokaler", kind="in_kind", unit="månader"))
    rows = grid_rows(b, 1)
    results = grid_results(rows, {"edited_rows": {"1": {"category": "pengar"}}}, b)
    assert results[1][1].cells["kind"] == "money" and results[1][1].cells["unit"] == "kr"
    emptied = {"edited_rows": {0: dict.fromkeys(("party", "category", "kind", "quantity", "unit", "unit_value",
                                                 "year"), None)}}
    assert [label for label, _ in grid_results(rows, emptied, b)] == [2]


# --- the page's and the report's table data ------------------------------------------------------


def test_parties_shown_and_the_year_by_party_table():
    s = summarise(budget(line(2027), line(2028, "organisation", "50"), line(2028, value="5")))
    assert shown_parties(s) == ["public", "organisation"]
    assert [(r.year, r.amounts, r.total) for r in year_rows(s, shown_parties(s))] == [
        (2027, (D(100), D(0)), D(100)), (2028, (D(5), D(50)), D(55))]
    s2 = summarise(budget(line(2027, "other", "9")))
    assert shown_parties(s2) == ["public", "organisation", "other"]


def test_problems_are_grouped_wrong_unfinished_and_to_check():
    b = budget(line(2031), drafts=[BudgetDraft(party="public", category="pengar", quantity="tolv"),
                                   BudgetDraft(party="organisation")])
    results = grid_results(grid_rows(b, 0), {}, b, today=TODAY)
    g = group_problems(results, b)
    assert [n for n, _ in g.wrong] == [2] and [n for n, _ in g.unfinished] == [3] and [n for n, _ in g.notices] == [1]
    assert g.notices[0][1][0].code == "year_outside_period"
    values = row_values(results, "en")
    assert [(v.label, v.party, v.value) for v in values] == [(1, "Public party", D(100)), (2, "Public party", None),
                                                            (3, "The organisation", None)]
