"""Budget page in a real browser: several cell edits in a row, each one visible in the totals.

AppTest cannot type into the data editor's canvas grid, and the every-second-edit-lost trap
(STREAMLIT-NOTES §1) only shows in a browser, so this test edits real cells one after another.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.e2e.conftest import goto_page, open_demo, screenshot, wait_idle

pytestmark = pytest.mark.browser

HEADER_PX = 35
ROW_PX = 35


def _metric(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has=page.locator('[data-testid="stMetricLabel"]', has_text=label)).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().replace("\u00a0", " ").strip()


# The editor's columns left to right (pages/4_budget.py WIDTHS); the grid is a canvas, so cells
# are reached by clicking the first column of a row and moving right with the arrow keys.
COLUMNS = ["Part", "Kategori", "Sort", "Antal", "Enhet", "Kr per enhet", "År"]


def _edit_cell(page, grid, row: int, column: str, text: str, *, select: bool = False) -> None:
    """Select a cell, open its editor with Enter, replace the content, commit with Enter.

    For a select column (`select=True`) the typed text filters the choices and Enter picks the
    first match."""
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 130, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2)
    page.wait_for_timeout(150)
    for _ in range(COLUMNS.index(column)):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    if not select:
        page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=60)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    wait_idle(page)


def _wait_grid(page, rows: int) -> None:
    """Wait until the grid has drawn `rows` rows (its accessible mirror table has them)."""
    page.wait_for_function(
        "n => { const c = document.querySelector('[data-testid=data-grid-canvas]');"
        " return c && c.querySelectorAll('tr').length >= n + 1; }", arg=rows)
    page.wait_for_timeout(300)


def _scroll_to(page, heading: str) -> None:
    """Bring a heading to the top of the view (for screenshots of what follows it)."""
    page.get_by_role("heading", name=heading).evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)  # let charts and the grid repaint


def _wait_metric(page, label: str, expected: str) -> None:
    for _ in range(60):
        if _metric(page, label) == expected:
            return
        page.wait_for_timeout(250)
    assert _metric(page, label) == expected


def test_several_edits_in_a_row_all_reach_the_totals(page):
    open_demo(page, "Läxhjälp i Gränsbyn")
    goto_page(page, "Budget")
    page.get_by_role("heading", name="Budget och samfinansiering").wait_for()
    assert _metric(page, "Totalt") == "3 630 000 kr"
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    _wait_grid(page, 10)

    # Row 0: public money 450 000 -> 500 000 (+50 000)
    _edit_cell(page, grid, 0, "Kr per enhet", "500000")
    _wait_metric(page, "Totalt", "3 680 000 kr")
    # Row 1: premises 12 months -> 6 months at 8 000 (-48 000)
    _edit_cell(page, grid, 1, "Antal", "6")
    _wait_metric(page, "Totalt", "3 632 000 kr")
    # Row 3: volunteer hours 1 800 -> 2 000 at 300 (+60 000), typed the Swedish way
    _edit_cell(page, grid, 3, "Antal", "2 000")
    _wait_metric(page, "Totalt", "3 692 000 kr")
    assert _metric(page, "Organisationen") == "1 920 000 kr"
    # Row 4: organisation money 60 000 -> 65 000,50 (decimal comma)
    _edit_cell(page, grid, 4, "Kr per enhet", "65 000,50")
    _wait_metric(page, "Totalt", "3 697 001 kr")

    # A bad value is kept and explained; every other edit stays
    _edit_cell(page, grid, 2, "Antal", "åttio")
    page.locator('[data-testid="stAlert"]', has_text="”åttio” är inte ett tal").first.wait_for()
    _wait_metric(page, "Totalt", "3 653 001 kr")  # row 2 (44 000) no longer counts
    alert = page.locator('[data-testid="stAlert"]', has_text="”åttio” är inte ett tal").first
    assert re.search(r"Rad \d+", alert.inner_text())
    _scroll_to(page, "Vem bidrar med vad?")
    screenshot(page, "budget")

    _scroll_to(page, "Diagram")
    screenshot(page, "budget_charts")


def test_csv_upload_keeps_bad_rows_visible_in_the_grid(page):
    goto_page(page, "Budget")
    page.get_by_role("heading", name="Budget och samfinansiering").wait_for()
    csv = ("Part;Kategori;Antal;Värde per enhet (kr);År\n"
           "Offentlig part;Pengar;1;450 000;2027\n"
           "Grannen;Pengar;1;5 000;2027\n"
           "Organisationen;Ideellt arbete;1 200;;2027\n").encode("cp1252")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": "budget.csv", "mimeType": "text/csv", "buffer": csv}])
    wait_idle(page)
    page.locator('[data-testid="stAlert"]', has_text="Rad 3 i filen").first.wait_for()
    _wait_metric(page, "Totalt", "810 000 kr")  # 450 000 + 1 200 h × 300 kr; the unknown party waits
    page.locator('[data-testid="stAlert"]', has_text="”Grannen” är ingen part").first.wait_for()
    _scroll_to(page, "Vem bidrar med vad?")
    screenshot(page, "budget_csv")


def test_a_new_row_typed_cell_by_cell_counts_once_complete(page):
    goto_page(page, "Budget")
    page.get_by_text("Budgeten är tom").first.wait_for()
    _scroll_to(page, "Vem bidrar med vad?")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    page.get_by_role("button", name="Add row").dispatch_event("click")  # the toolbar's plus
    wait_idle(page)
    _edit_cell(page, grid, 0, "Part", "Organisationen", select=True)
    page.locator('[data-testid="stAlert"]', has_text="fyll i Kategori").first.wait_for()  # kept, explained
    _edit_cell(page, grid, 0, "Kategori", "Ideellt", select=True)  # fills kind, unit, rate and year
    _edit_cell(page, grid, 0, "Antal", "1 200")
    _wait_metric(page, "Totalt", "360 000 kr")
    _wait_metric(page, "Organisationen", "360 000 kr")
    assert page.locator('[data-testid="stAlert"]', has_text="Rad 1").count() == 0


# --- issue #13 point 1: new rows, every dropdown by mouse, Tab between cells ---------------------

GRID_COLUMNS = ["Rad", "Part", "Kategori", "Sort", "Antal", "Enhet", "Kr per enhet", "År"]
WIDTH = {"Rad": 40, "Part": 124, "Kategori": 124, "Sort": 110, "Antal": 100, "Enhet": 84,
         "Kr per enhet": 120, "År": 76}  # pages/4_budget.py WIDTHS (+ the row number)
MARKER_PX = 33  # the row-marker column left of "Rad"


def _cell_xy(grid, row: int, column: str) -> tuple[float, float]:
    box = grid.bounding_box()
    left = box["x"] + MARKER_PX + sum(WIDTH[c] for c in GRID_COLUMNS[:GRID_COLUMNS.index(column)])
    return left + WIDTH[column] / 2, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2


def _grid_rows(page) -> list[list[str]]:
    """The cells as the grid shows them (its accessible mirror table), without the header."""
    return page.evaluate("""() => [...document.querySelector('[data-testid=data-grid-canvas]')
        .querySelectorAll('tr')].slice(1).map(tr => [...tr.children].map(td => td.innerText))""")


def _selected(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelector('[data-testid=data-grid-canvas]')
        .querySelectorAll('td[aria-selected=true]')].map(td => td.innerText)""")


def _choose(page, grid, row: int, column: str, option: str) -> None:
    """Pick `option` in a dropdown cell with the mouse, the way a volunteer does.

    Upstream quirk (Streamlit's grid, also with on_change="ignore" and no rerun): the first click
    after an option was picked with the mouse only wakes the grid, so the cell is clicked until
    it is selected, then clicked again to open its dropdown."""
    x, y = _cell_xy(grid, row, column)
    for _ in range(3):
        page.mouse.click(x, y)
        page.wait_for_timeout(250)
        if page.get_by_role("option").count():
            break
    else:
        raise AssertionError(f"the dropdown of {column} in row {row + 1} did not open")
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
    assert not page.get_by_role("option").count(), "the dropdown must close once, on the pick"


def _type_row(page, texts: list[str]) -> None:
    """From the selected cell: Enter opens the editor, type, Tab commits and moves right."""
    for text in texts:
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        page.keyboard.type(text, delay=40)
        page.keyboard.press("Tab")
        wait_idle(page)


def test_new_rows_by_mouse_keep_every_choice_and_tab_moves_between_cells(page):
    goto_page(page, "Budget")
    page.get_by_text("Budgeten är tom").first.wait_for()
    _scroll_to(page, "Vem bidrar med vad?")
    grid = page.locator('[data-testid="stDataFrame"]').first
    rows = [  # party, category, kind by mouse; quantity, unit value by keyboard
        ("Offentlig part", "Pengar", "Pengar", ["1", "200000"]),
        ("Organisationen", "Ideellt arbete", None, ["500"]),
        ("Organisationen", "Lokaler", "Annan resurs", ["12", "5000"]),
        ("Annan finansiär", "Pengar", None, ["1", "20000"]),
    ]
    for i, (party, category, kind, typed) in enumerate(rows):
        x, y = _cell_xy(grid, i, "Part")
        page.mouse.click(x, y)  # the empty bottom row: adds a row and opens its Part dropdown
        for _ in range(2):
            if page.get_by_role("option").count():
                break
            page.wait_for_timeout(300)
            page.mouse.click(x, y)
        page.get_by_role("option", name=party, exact=True).click()
        wait_idle(page)
        assert _grid_rows(page)[i][1] != "", f"row {i + 1}: the Part choice was lost"
        _choose(page, grid, i, "Kategori", category)
        if kind:
            _choose(page, grid, i, "Sort", kind)
        x, y = _cell_xy(grid, i, "Antal")
        while "Antal" not in _selected_column(page):
            page.mouse.click(x, y)
            page.wait_for_timeout(250)
        _type_row(page, typed[:1])
        assert _selected_column(page) == "Enhet", "Tab moves to the next cell and stays in the table"
        if len(typed) > 1:
            page.keyboard.press("Tab")  # past Enhet (its default follows the category)
            _type_row(page, typed[1:])
    _wait_metric(page, "Totalt", "430 000 kr")  # 200 000 + 500 h × 300 + 12 × 5 000 + 20 000
    shown = _grid_rows(page)
    assert [r[1:4] for r in shown[:4]] == [["public", "pengar", "money"], ["organisation", "ideellt arbete", ""],
                                          ["organisation", "lokaler", "in_kind"], ["other", "pengar", ""]]
    assert page.locator('[data-testid="stAlert"]', has_text="Rad ").count() == 0
    _scroll_to(page, "Vem bidrar med vad?")
    screenshot(page, "budget_new_rows")

    with page.expect_download() as dl:
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Spara").click()
    saved = json.loads(open(dl.value.path(), encoding="utf-8").read())
    lines = [(ln["party"], ln["category"], ln["kind"], float(ln["quantity"]), ln["unit"], float(ln["unit_value"]))
             for ln in saved["budget"]["lines"]]
    assert lines == [
        ("public", "pengar", "money", 1, "kr", 200_000),
        ("organisation", "ideellt arbete", "in_kind", 500, "timmar", 300),
        ("organisation", "lokaler", "in_kind", 12, "månader", 5_000),
        ("other", "pengar", "money", 1, "kr", 20_000),
    ]
    assert saved["budget"]["drafts"] == []


def _selected_column(page) -> str:
    """The header of the selected cell's column ("" when no cell is selected)."""
    return page.evaluate("""() => {
        const td = document.querySelector('[data-testid=data-grid-canvas] td[aria-selected=true]');
        if (!td) return "";
        const i = Number(td.getAttribute('aria-colindex'));
        const th = document.querySelector('[data-testid=data-grid-canvas] tr').children[i - 1];
        return th ? th.innerText : "";
    }""")
