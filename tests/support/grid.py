"""The budget table in a real browser: Streamlit's data editor, a glide-data-grid drawn on a canvas.

A canvas has no cells to click, but the grid mirrors what it shows in an accessible table inside
the canvas element: a <th> per visible column (aria-colindex) and a <td id="glide-cell-COL-ROW">
per visible cell, aria-selected on the selected one, its text as the grid shows it. Cells are
reached with the arrow keys from the selected cell, the way a keyboard user moves, and every
step is checked against that table. The budget grid has a fixed number of rows: the budget's
rows, then empty rows that new rows are typed into (iop_shell/budget_grid.py).

Upstream behaviour (glide-data-grid in Streamlit 1.67): after an option was clicked with the
mouse in a drop-down cell, the grid takes no keys (arrows, Tab) until a cell is clicked; a mouse
user clicks the next cell anyway (`click`). After a pick by keyboard the keys work at once.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.support.browser import rerun

ROW_HEIGHT = 35  # px, the header's and each row's height in Streamlit's grid
FIRST_COLUMN_X = 100  # px from the grid's left edge: inside the first column after the row number


class Grid:
    def __init__(self, page: Page, index: int = 0) -> None:
        self.page = page
        self.frame = page.get_by_test_id("stDataFrame").nth(index)
        self.canvas = self.frame.get_by_test_id("data-grid-canvas")
        self.selected = self.canvas.locator("td[aria-selected=true]")

    def column(self, name: str) -> int:
        """The grid's column number of the column headed `name` (visible columns only; the row
        number is 0). aria-colindex counts from 1."""
        header = self.canvas.locator("th").filter(has_text=re.compile(f"^{re.escape(name)}$"))
        expect(header).to_be_attached()
        return int(header.get_attribute("aria-colindex")) - 1

    def cell(self, row: int, column: str) -> Locator:
        """The mirrored cell; `row` counts from 0."""
        return self.canvas.locator(f"#glide-cell-{self.column(column)}-{row}")

    def rows(self) -> list[list[str]]:
        """The cells as the grid shows them, row by row (the row number column first)."""
        return [row.locator("td").all_inner_texts() for row in self.canvas.locator("tbody tr").all()]

    def expect_rows(self, n: int) -> None:
        expect(self.canvas.locator("tbody tr")).to_have_count(n)

    def _position(self) -> tuple[int, int]:
        expect(self.selected).to_have_count(1)
        col, row = self.selected.get_attribute("id").split("-")[2:]
        return int(col), int(row)

    def go(self, row: int, column: str) -> Locator:
        """Select a cell with the arrow keys, from the selected cell (the first cell if the grid
        had no selection)."""
        if not self.canvas.evaluate("c => c.contains(document.activeElement)"):
            self.canvas.focus()  # focusing the grid selects its first cell if none was selected
        target = self.cell(row, column)
        col, at_row = self._position()
        to_col = self.column(column)
        for key, steps in (("ArrowRight", to_col - col), ("ArrowLeft", col - to_col),
                           ("ArrowDown", row - at_row), ("ArrowUp", at_row - row)):
            for _ in range(max(steps, 0)):
                self.page.keyboard.press(key)
        expect(target).to_have_attribute("aria-selected", "true")
        return target

    def click(self, row: int) -> None:
        """Click the first column's cell of `row` (the grid not scrolled), as a mouse user does
        after a mouse pick; that cell is selected and the keys move on from it. Upstream: after a
        mouse pick in Part or Sort the first click gave the keys back but left the selection where
        it was (not after a pick in Kategori), so the tests click only after Kategori picks."""
        self.canvas.evaluate("c => c.scrollIntoView({block: 'center'})")
        box = self.canvas.bounding_box()
        self.page.mouse.click(box["x"] + FIRST_COLUMN_X, box["y"] + ROW_HEIGHT * (row + 1.5))
        expect(self.canvas.locator(f"#glide-cell-1-{row}")).to_have_attribute("aria-selected", "true")

    def type(self, row: int, column: str, text: str, *, then: str = "Tab") -> Locator:
        """Select a cell, open its editor (Enter), replace the text and commit with `then` (Tab:
        the next cell to the right is selected after it, Enter: the cell below)."""
        cell = self.go(row, column)
        self.page.keyboard.press("Enter")
        editor = self.page.locator("textarea.gdg-input")
        expect(editor).to_be_focused()
        editor.fill(text)
        expect(editor).to_have_value(text)
        with rerun(self.page):
            self.page.keyboard.press(then)
        col = self.column(column)
        moved = self.canvas.locator(f"#glide-cell-{col + 1}-{row}" if then == "Tab" else f"#glide-cell-{col}-{row + 1}")
        if moved.count():  # still in the table: keyboard focus did not leave the grid
            expect(moved).to_have_attribute("aria-selected", "true")
        return cell

    def choose(self, row: int, column: str, option: str, *, mouse: bool = False, opened: bool = False) -> None:
        """Pick `option` in a drop-down cell: with the mouse, or by typing it and Enter.

        `opened`: the drop-down is open already. A typed pick commits with Enter, which moves the
        selection one row down; it is moved back to the cell here. After a mouse pick the grid takes
        keys again only once a cell was clicked (click)."""
        cell = self.cell(row, column) if opened else self.go(row, column)
        if not opened:
            self.page.keyboard.press("Enter")
        choice = self.page.get_by_role("option", name=option, exact=True)
        expect(choice).to_be_visible()
        if mouse:  # pointed at first: the list redraws the option it highlights, and a click that
            choice.hover()  # began on the old drawing would end on the new one and pick nothing
            expect(self.page.locator("input[role=combobox][aria-expanded=true]")).to_have_attribute(
                "aria-activedescendant", choice.get_attribute("id"))
            with rerun(self.page):
                choice.click()
        else:  # typed into the drop-down's filter: the one option left is picked with Enter
            self.page.locator("input[role=combobox]:focus").fill(option)
            expect(self.page.get_by_role("option")).to_have_count(1)
            with rerun(self.page):
                self.page.keyboard.press("Enter")
        expect(self.page.get_by_role("option")).to_have_count(0)  # the list closed once, on the pick
        expect(cell).not_to_have_text("")
        if not mouse:
            below = self.canvas.locator(f"#glide-cell-{self.column(column)}-{row + 1}")
            if below.count():  # Enter moved the selection one row down
                expect(below).to_have_attribute("aria-selected", "true")
                self.page.keyboard.press("ArrowUp")
            expect(cell).to_have_attribute("aria-selected", "true")
