"""Budget page in a real browser: several cell edits in a row, each one visible in the totals;
new rows with every drop-down chosen by mouse and by keyboard (issue #13 point 1).

AppTest cannot type into the data editor's canvas grid, and the every-second-edit-lost trap
(writing the editor's return value back) only shows in a browser, so these tests edit real cells one after another
(tests/support/grid.py: how the canvas is driven without pixel positions).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from iop_core.clock import today as swedish_today
from tests.support.browser import (
    goto_page,
    metric,
    open_demo,
    rerun,
    screenshot,
    show,
)
from tests.support.grid import Grid

pytestmark = pytest.mark.browser


def alert(page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text).first


def test_several_edits_in_a_row_all_reach_the_totals(page):
    open_demo(page, "Läxhjälp i Gränsbyn")
    goto_page(page, "Budget")
    expect(page.get_by_role("heading", name="Budget och samfinansiering")).to_be_visible()
    expect(metric(page, "Totalt")).to_have_text("6 050 000 kr")
    grid = Grid(page)
    grid.frame.scroll_into_view_if_needed()

    grid.type(0, "Kr per enhet", "500000")  # public money 450 000 -> 500 000 (+50 000)
    expect(metric(page, "Totalt")).to_have_text("6 100 000 kr")
    grid.type(1, "Antal", "6")  # premises 12 months -> 6 months at 8 000 (-48 000)
    expect(metric(page, "Totalt")).to_have_text("6 052 000 kr")
    grid.type(3, "Antal", "2 000")  # volunteer hours 1 800 -> 2 000 at 300 (+60 000), the Swedish way
    expect(metric(page, "Totalt")).to_have_text("6 112 000 kr")
    expect(metric(page, "Organisationen")).to_have_text("3 160 000 kr")
    grid.type(4, "Kr per enhet", "65 000,50")  # organisation money 60 000 -> 65 000,50
    expect(metric(page, "Totalt")).to_have_text("6 117 001 kr")

    # A bad value is kept and explained; every other edit stays
    grid.type(2, "Antal", "åttio")
    expect(alert(page, "”åttio” är inte ett tal")).to_contain_text(re.compile(r"Rad \d+"))
    expect(metric(page, "Totalt")).to_have_text("6 073 001 kr")  # row 3 (44 000) no longer counts
    show(page, "Vem bidrar med vad?")
    screenshot(page, "budget")
    show(page, "Diagram")
    screenshot(page, "budget_charts")


def test_csv_upload_keeps_bad_rows_visible_in_the_grid(page):
    goto_page(page, "Budget")
    csv = ("Part;Kategori;Antal;Värde per enhet (kr);År\n"
           "Offentlig part;Pengar;1;450 000;2027\n"
           "Grannen;Pengar;1;5 000;2027\n"
           "Organisationen;Ideellt arbete;1 200;;2027\n").encode("cp1252")
    with rerun(page):
        page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
            files=[{"name": "budget.csv", "mimeType": "text/csv", "buffer": csv}])
    expect(alert(page, "Rad 3 i filen")).to_be_visible()
    expect(metric(page, "Totalt")).to_have_text("810 000 kr")  # 450 000 + 1 200 h × 300 kr; the unknown party waits
    expect(alert(page, "”Grannen” är ingen part")).to_be_visible()
    expect(Grid(page).canvas.locator("td").filter(has_text="Grannen")).to_have_count(1)  # the typed text stays
    show(page, "Vem bidrar med vad?")
    screenshot(page, "budget_csv")


def test_a_new_row_typed_cell_by_cell_counts_once_complete(page):
    goto_page(page, "Budget")
    expect(page.get_by_text("Budgeten är tom").first).to_be_visible()
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    grid.choose(0, "Part", "Organisationen")
    expect(alert(page, "fyll i Kategori")).to_be_visible()  # kept, explained
    grid.choose(0, "Kategori", "Ideellt arbete")  # fills kind, unit, rate and year
    grid.type(0, "Antal", "1 200")
    expect(metric(page, "Totalt")).to_have_text("360 000 kr")
    expect(metric(page, "Organisationen")).to_have_text("360 000 kr")
    expect(page.get_by_test_id("stAlert").filter(has_text="Rad 1")).to_have_count(0)


# --- issue #13 point 1: new rows, every drop-down by mouse and by keyboard, Tab between cells ----

def add_rows(page, grid: Grid) -> None:
    """Four rows typed into the grid's empty rows; drop-downs chosen by mouse and typed. After a
    mouse pick in Kategori a click on the next row's cell gives the keys back (grid.py)."""
    grid.choose(0, "Part", "Offentlig part")
    grid.type(0, "Antal", "1")
    expect(grid.cell(0, "Enhet")).to_have_attribute("aria-selected", "true")  # Tab moved on, in the table
    grid.type(0, "Kr per enhet", "200000")
    grid.choose(0, "Kategori", "Pengar", mouse=True)  # fills Sort and Enhet
    grid.click(1)

    grid.choose(1, "Part", "Organisationen")
    grid.type(1, "Antal", "500")
    expect(grid.cell(1, "Enhet")).to_have_attribute("aria-selected", "true")
    grid.choose(1, "Kategori", "Ideellt arbete", mouse=True)
    grid.click(2)

    grid.choose(2, "Part", "Organisationen")
    grid.choose(2, "Kategori", "Lokaler")
    grid.type(2, "Antal", "12")
    grid.type(2, "Kr per enhet", "5000")
    grid.choose(2, "Sort", "Annan resurs")

    grid.choose(3, "Kategori", "Pengar")  # fills Sort, Antal 1 and Enhet
    grid.type(3, "Kr per enhet", "20000")
    grid.choose(3, "Part", "Annan finansiär", mouse=True)  # the last pick: see Grid.click


def test_new_rows_keep_every_choice_and_tab_moves_between_cells(page):
    goto_page(page, "Budget")
    expect(page.get_by_text("Budgeten är tom").first).to_be_visible()
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    add_rows(page, grid)
    expect(metric(page, "Totalt")).to_have_text("430 000 kr")  # 200 000 + 500 h × 300 + 12 × 5 000 + 20 000
    assert [r[1:4] for r in grid.rows()[:4]] == [["public", "pengar", "money"], ["organisation", "ideellt arbete", "in_kind"],
                                                 ["organisation", "lokaler", "in_kind"], ["other", "pengar", "money"]]
    expect(page.get_by_test_id("stAlert").filter(has_text="Rad ")).to_have_count(0)
    show(page, "Vem bidrar med vad?")
    screenshot(page, "budget_new_rows")

    with page.expect_download() as dl:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Spara").click()
    saved = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    lines = [(ln["party"], ln["category"], ln["kind"], float(ln["quantity"]), ln["unit"], float(ln["unit_value"]))
             for ln in saved["budget"]["lines"]]
    assert lines == [
        ("public", "pengar", "money", 1, "kr", 200_000),
        ("organisation", "ideellt arbete", "in_kind", 500, "timmar", 300),
        ("organisation", "lokaler", "in_kind", 12, "månader", 5_000),
        ("other", "pengar", "money", 1, "kr", 20_000),
    ]
    assert saved["budget"]["drafts"] == []


# --- issue #24 point 2: the grid shows what it fills in; keys after a pick; copy to later years ---

YEAR = str(swedish_today().year)  # new rows take this year while no agreement period is given


def filled_in(grid: Grid, row: int, **cells: str) -> None:
    """The grid shows these values in `row` (column title -> text) without leaving the page."""
    for column, text in cells.items():
        expect(grid.cell(row, column)).to_have_text(text)


def test_a_keyboard_pick_shows_the_filled_in_values_and_the_keys_move_on(page):
    goto_page(page, "Budget")
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    expect(grid.cell(0, "Rad")).to_have_text("1")  # the row number is there before anything is typed
    grid.choose(0, "Part", "Organisationen")
    filled_in(grid, 0, År=YEAR)
    expect(alert(page, "Rad 1")).to_be_visible()  # the message names the row the grid numbers 1
    grid.choose(0, "Kategori", "Ideellt arbete")
    filled_in(grid, 0, Sort="in_kind", Enhet="timmar", **{"Kr per enhet": "300"})
    for key, column in (("Tab", "Sort"), ("Shift+Tab", "Kategori"), ("ArrowRight", "Sort"), ("ArrowLeft", "Kategori"),
                        ("ArrowDown", "Kategori"), ("ArrowUp", "Kategori")):
        page.keyboard.press(key)
        expect(grid.cell(1 if key == "ArrowDown" else 0, column)).to_have_attribute("aria-selected", "true")
    grid.choose(1, "Part", "Offentlig part")
    grid.choose(1, "Kategori", "Pengar")
    filled_in(grid, 1, Sort="money", Antal="1", Enhet="kr", År=YEAR)
    screenshot(page, "budget_filled_in")


def test_a_mouse_pick_shows_the_filled_in_values_and_a_click_gives_the_keys_back(page):
    goto_page(page, "Budget")
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    grid.choose(0, "Kategori", "Pengar", mouse=True)
    filled_in(grid, 0, Sort="money", Antal="1", Enhet="kr", År=YEAR)
    grid.click(1)  # the next cell by mouse; the keys work from there
    grid.choose(0, "Part", "Offentlig part")
    grid.type(0, "Kr per enhet", "40000")
    expect(metric(page, "Totalt")).to_have_text("40 000 kr")


def test_an_amount_typed_right_after_a_pick_is_kept(page):
    """The keys go on while the pick's run is still on its way (each step waits only for the grid
    itself, never for the server): the run fills in the row, and the amount typed is counted."""
    goto_page(page, "Budget")
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    grid.choose(0, "Part", "Offentlig part")
    grid.go(0, "Kategori")
    page.keyboard.press("Enter")
    page.locator("input[role=combobox]:focus").fill("Pengar")
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Enter")  # the pick; its run goes on while the keys go on
    expect(grid.cell(1, "Kategori")).to_have_attribute("aria-selected", "true")  # Enter moved down
    page.keyboard.press("ArrowUp")
    expect(grid.cell(0, "Kategori")).to_have_attribute("aria-selected", "true")
    for column in ("Sort", "Antal", "Enhet", "Kr per enhet"):
        page.keyboard.press("Tab")
        expect(grid.cell(0, column)).to_have_attribute("aria-selected", "true")
    grid.type(0, "Kr per enhet", "75000")  # Enter, the amount, Tab: from the cell Tab reached
    expect(metric(page, "Totalt")).to_have_text("75 000 kr")
    filled_in(grid, 0, Sort="money", Antal="1", Enhet="kr", **{"Kr per enhet": "75000"})


def choose_rows(page, option: str, *, mouse: bool) -> None:
    """Pick a row or a year under the table: typed into the field (a long list is filtered) and
    Enter, or with the mouse (the list filtered the same way when the option is far down)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text="Vilken rad eller vilket år?")
    field = box.get_by_role("combobox")
    choice = page.get_by_role("option", name=option, exact=True)
    if mouse:
        field.evaluate("el => el.scrollIntoView({block: 'center'})")
        field.click()
        expect(field).to_have_attribute("aria-expanded", "true")
        if not choice.is_visible():
            field.fill(option)
        expect(choice).to_be_visible()
        with rerun(page):
            choice.click()
        return
    field.focus()
    field.fill(option)
    expect(choice).to_be_visible()
    with rerun(page):
        page.keyboard.press("Enter")


def press(page, name: str, *, mouse: bool) -> None:
    button = page.get_by_role("button", name=name)
    with rerun(page):
        if mouse:
            button.click()
        else:
            button.focus()
            page.keyboard.press("Enter")


@pytest.mark.parametrize("mouse", [False, True], ids=["keyboard", "mouse"])
def test_a_row_and_a_year_are_copied_to_later_years(page, mouse):
    open_demo(page, "Läxhjälp i Gränsbyn")  # 2027–2031, six rows a year
    goto_page(page, "Budget")
    grid = Grid(page)
    grid.frame.scroll_into_view_if_needed()
    grid.choose(30, "Part", "Organisationen")  # row 31, the first empty row
    grid.choose(30, "Kategori", "Pengar")
    grid.type(30, "Kr per enhet", "1000")
    filled_in(grid, 30, År="2027")
    expect(metric(page, "Totalt")).to_have_text("6 051 000 kr")

    choose_rows(page, "Alla rader för 2027 (7 st)", mouse=mouse)
    widths = [page.get_by_role("button", name=name).bounding_box()["width"]
              for name in ("Kopiera till nästa år", "Kopiera till alla år i perioden")]
    assert abs(widths[0] - widths[1]) <= 1, widths  # a row of two equal buttons (one block: ui.EVEN)
    press(page, "Kopiera till nästa år", mouse=mouse)
    expect(alert(page, "Raderna för 2027 kopierades till 2028. Nya rader i tabellen: 32.")).to_contain_text(
        "6 kopior fanns redan och lades inte till igen.")
    choose_rows(page, "Rad 31: Organisationen, Pengar, 2027", mouse=mouse)
    press(page, "Kopiera till alla år i perioden", mouse=mouse)
    expect(alert(page, "Rad 31 kopierades till 2028–2031. Nya rader i tabellen: 33–35.")).to_contain_text(
        "1 kopia fanns redan")
    expect(metric(page, "Totalt")).to_have_text("6 055 000 kr")
    grid.frame.scroll_into_view_if_needed()
    grid.go(34, "År")  # the rows the message names, as the grid numbers them
    expect(grid.cell(34, "Rad")).to_have_text("35")
    expect(grid.cell(34, "År")).to_have_text("2031")
    expect(grid.cell(31, "År")).to_have_text("2028")
    screenshot(page, f"budget_copied_{'mouse' if mouse else 'keyboard'}")
