"""Tables: column widths, cells cut with a note, the height a table needs to start, drawing.

plan_table() measures once (widths that keep whole words, over-tall cells cut to "… [n]" with
note n after the table holding the full text, the start height); render_table() draws with
fpdf2's table (rows never split; the header row repeats on every page), falling back to one
small block per row when fpdf2 cannot lay it out. Nothing is judged or reworded here.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field

from fpdf.enums import TableBordersLayout, TableCellFillMode
from fpdf.fonts import FontFace

from iop_core.i18n import t
from iop_core.report.pdf.canvas import LAYOUT_ERRORS, Canvas
from iop_core.report.pdf.model import Table
from iop_core.report.pdf.style import (
    BLUE,
    CELL_MAX,
    HEADER_FILL,
    KEEP_WHOLE,
    MAX_TABLE_COLS,
    MIN_COL_MM,
    MUTED,
    RULE,
    SMALL_LH,
    SMALL_PT,
    TABLE_LH,
    TABLE_PAD_X,
    TABLE_PAD_Y,
    TABLE_PT,
    TALL_ROW,
    TEXT,
    WHITE,
    ZEBRA,
)
from iop_core.report.pdf.text import one_line, prep

log = logging.getLogger(__name__)

GAP_BEFORE = 1.5
GAP_AFTER = 3.5
START_ROWS = 2  # a table that splits starts with its header and at least this many rows
ROW_SLACK = 1.0  # mm added to measured heights: fpdf2 rounds its row heights up a little


@dataclass
class TablePlan:
    headers: list[str]
    rows: list[list[str]]  # cells as drawn (an over-tall cell is cut and points to a note)
    full_rows: list[list[str]]  # cells as given (the row-list fallback prints these)
    widths: list[float] | None  # mm per column; None: too many columns, drawn as a row list
    align_right: list[bool]
    notes: list[str] = field(default_factory=list)
    start: float = 0.0  # mm the table needs on a page before it may start there


def column_widths(col_widths: list[float] | None, ncols: int, epw: float) -> list[float] | None:
    """Relative widths -> mm, each >= MIN_COL_MM; None if the columns cannot be readable."""
    rel = [1.0] * ncols
    if col_widths and len(col_widths) == ncols and all(
            isinstance(w, (int, float)) and math.isfinite(w) and w > 0 for w in col_widths):
        rel = [float(w) for w in col_widths]
    mm = [w / sum(rel) * epw for w in rel]
    min_mm = MIN_COL_MM
    if ncols * min_mm > epw:
        min_mm = epw / ncols
        if min_mm < 10:  # too many columns for a readable table
            return None
    for _ in range(ncols):  # raise narrow columns to the minimum, taking the width from wide ones
        short = [i for i, w in enumerate(mm) if w < min_mm - 1e-9]
        if not short:
            break
        deficit = sum(min_mm - mm[i] for i in short)
        for i in short:
            mm[i] = min_mm
        wide = [i for i, w in enumerate(mm) if w > min_mm + 1e-9]
        spare = sum(mm[i] - min_mm for i in wide)
        if spare <= 0:
            break
        for i in wide:
            mm[i] -= deficit * (mm[i] - min_mm) / spare
    return mm


def _inner(c: Canvas, width: float) -> float:
    """The width to measure a cell's text with: inside a table fpdf2 wraps at the column width less
    the padding, while measuring without padding also keeps c_margin clear on both sides."""
    return width - 2 * TABLE_PAD_X + 2 * c.c_margin


def _longest_words(c: Canvas, headers: list[str], rows: list[list[str]], ncols: int) -> list[float]:
    longest = [0.0] * ncols
    for i, row in enumerate([headers, *rows]):
        c.set_font("body", "B" if i == 0 else "", TABLE_PT)
        for j, text in enumerate(row[:ncols]):
            for word in re.split(r"[ \t\n]+", text):  # a no-break space joins its parts
                longest[j] = max(longest[j], c.get_string_width(word))
    return longest


def fit_words(c: Canvas, headers: list[str], rows: list[list[str]], widths: list[float]) -> list[float]:
    """Widen columns whose longest word would otherwise break in the middle ("omsorgsnäm nden"),
    taking the width from columns with room to spare. Words longer than a fair share of the
    page still break; the widths always add up to the same total."""
    pad = 2 * TABLE_PAD_X + 1.0  # the cell padding, and 1 mm to spare
    need = [min(w + pad, sum(widths) / 2.5) for w in _longest_words(c, headers, rows, len(widths))]
    out = list(widths)
    for j, want in enumerate(need):
        missing = want - out[j]
        for k in sorted(range(len(out)), key=lambda k: need[k] - out[k]):
            if missing <= 0:
                break
            spare = out[k] - max(need[k], MIN_COL_MM)
            if k == j or spare <= 0:
                continue
            give = min(spare, missing)
            out[k] -= give
            out[j] += give
            missing -= give
    return out


def _cut(c: Canvas, text: str, width: float, max_lines: int, bold: bool) -> list[str] | None:
    """The wrapped lines of *text* if they are more than *max_lines*, else None (cheaply)."""
    if len(text) <= 2 * max_lines and text.count("\n") < max_lines // 2:
        return None  # cannot be that tall
    c.set_font("body", "B" if bold else "", TABLE_PT)
    lines = c.text_lines(text, _inner(c, width), TABLE_LH)
    return lines if len(lines) > max_lines else None


def fit_cells(c: Canvas, plan: TablePlan, lang: str) -> None:
    """Cut cells that would make a row taller than TALL_ROW of a page.

    fpdf2 cannot split a table row over pages ("row ... is too high"). The cut text ends with
    "… [n]" and note n after the table holds the full text, so nothing is lost and the table
    stays a table. Headers are cut to five lines.
    """
    assert plan.widths is not None
    max_lines = max(int((c.eph * TALL_ROW - 2 * TABLE_PAD_Y) // TABLE_LH), 4)
    row_word = t("pdf.row", lang).lower()
    for j, header in enumerate(plan.headers):
        lines = _cut(c, header, plan.widths[j], 6, bold=True)
        if lines:
            plan.headers[j] = "\n".join(lines[:5]) + "…"
    for i, row in enumerate(plan.rows, start=1):
        for j, cell in enumerate(row):
            lines = _cut(c, cell, plan.widths[j], max_lines, bold=False)
            if lines:
                n = len(plan.notes) + 1
                column = one_line(plan.headers[j], 60) if plan.headers[j] else f"{j + 1}"
                plan.notes.append(f"[{n}] {column}, {row_word} {i}: {cell}")
                row[j] = "\n".join(lines[: max_lines - 1]).rstrip() + f"\n… [{n}]"


def _row_height(c: Canvas, row: list[str], widths: list[float], bold: bool) -> float:
    c.set_font("body", "B" if bold else "", TABLE_PT)
    lines = max((len(c.text_lines(cell, _inner(c, w), TABLE_LH)) for cell, w in zip(row, widths, strict=True) if cell),
                default=1)
    return lines * TABLE_LH + 2 * TABLE_PAD_Y


def start_height(c: Canvas, plan: TablePlan) -> float:
    """The whole table if it is small (it moves whole to the next page), else its header and
    first START_ROWS rows (it starts here and splits); as a row list, the first row's label and line."""
    if plan.widths is None:
        return GAP_BEFORE + 2 * SMALL_LH
    limit = c.eph * KEEP_WHOLE
    rows = ([plan.headers] if plan.headers else []) + plan.rows
    first = START_ROWS + (1 if plan.headers else 0)
    heights = [_row_height(c, row, plan.widths, bold=bool(plan.headers) and i == 0)
               for i, row in enumerate(rows[:first])]
    if len(rows) * (TABLE_LH + 2 * TABLE_PAD_Y) <= limit:  # may be small: measure on until it is not
        for row in rows[first:]:
            heights.append(_row_height(c, row, plan.widths, bold=False))
            if sum(heights) > limit:
                break
    need = sum(heights) if sum(heights) <= limit else sum(heights[:first])
    return GAP_BEFORE + need + ROW_SLACK


def plan_table(c: Canvas, b: Table, lang: str) -> TablePlan | None:
    """Everything measured before drawing; None for a table with no columns."""
    headers = [one_line(h, 300) for h in b.headers]
    ncols = len(headers) or max((len(r) for r in b.rows), default=0)
    if ncols == 0:
        return None
    rows = []
    for src in b.rows:
        row = ([prep(x, CELL_MAX) for x in src] + [""] * ncols)[:ncols]
        extra = [prep(x, CELL_MAX) for x in src[ncols:] if str(x).strip()]
        if extra:  # cells beyond the header count are kept in the last column
            row[-1] = "\n".join([row[-1], *extra]).strip()
        rows.append(row)
    widths = column_widths(b.col_widths, ncols, c.epw) if ncols <= MAX_TABLE_COLS else None
    plan = TablePlan(headers=headers, rows=[list(r) for r in rows], full_rows=rows, widths=widths,
                     align_right=(list(b.align_right or []) + [False] * ncols)[:ncols])
    if widths is not None:
        try:
            plan.widths = fit_words(c, headers, rows, widths)
            fit_cells(c, plan, lang)
            plan.start = start_height(c, plan)
        except LAYOUT_ERRORS as exc:  # cannot measure: draw uncut; a failure then gives the row list
            log.info("table measuring failed: %s", type(exc).__name__)
            plan.rows, plan.notes, plan.start = [list(r) for r in rows], [], GAP_BEFORE + 2 * (TABLE_LH + 3)
    else:
        plan.start = start_height(c, plan)
    return plan


def draw_table(c: Canvas, plan: TablePlan, shaped: bool) -> None:
    """fpdf2's table: horizontal rules, zebra rows, the header row repeated on each page."""
    assert plan.widths is not None
    c.set_font("body", "", TABLE_PT)
    c.set_text_color(*TEXT)
    c.set_draw_color(*RULE)
    c.set_fill_color(*WHITE)  # fpdf2 fills the non-zebra rows with the current fill colour
    c.set_line_width(0.25)
    c.shaping(shaped)
    with c.table(
        width=c.epw,
        align="LEFT",  # margins are asymmetric; CENTER would centre on the page
        col_widths=tuple(plan.widths),
        text_align=tuple("RIGHT" if r else "LEFT" for r in plan.align_right),
        v_align="TOP",
        line_height=TABLE_LH,
        padding=(TABLE_PAD_Y, TABLE_PAD_X, TABLE_PAD_Y, TABLE_PAD_X),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS if plan.headers else TableCellFillMode.ROWS,
        headings_style=FontFace(emphasis="BOLD", color=BLUE, fill_color=HEADER_FILL),
        first_row_as_headings=bool(plan.headers),
        repeat_headings=1,
        markdown=False,
    ) as table:
        for row in ([plan.headers] if plan.headers else []) + plan.rows:
            table.row(row)
    # HORIZONTAL_LINES draws no line under the last row: close the table.
    c.line(c.l_margin, c.y, c.l_margin + c.epw, c.y)
    c.set_x(c.l_margin)


def _draw_notes(c: Canvas, notes: list[str]) -> None:
    if not notes:
        return
    c.ln(1.5)
    c.set_font("body", "", SMALL_PT)
    c.set_text_color(*MUTED)
    for note in notes:
        c.write_text(note, h=SMALL_LH)
        c.ln(0.8)


def draw_as_list(c: Canvas, headers: list[str], rows: list[list[str]], lang: str) -> None:
    """Fallback for tables that do not fit: one small block per row ("Rad 1", "Kolumn: värde")."""
    if headers and not rows:
        c.set_font("body", "B", SMALL_PT)
        c.set_text_color(*BLUE)
        c.write_text(" · ".join(headers), h=SMALL_LH)
    for i, row in enumerate(rows, start=1):
        parts = [f"{headers[j] if j < len(headers) and headers[j] else j + 1}: {cell}" for j, cell in enumerate(row)]
        c.set_font("body", "B", SMALL_PT)
        c.set_text_color(*BLUE)
        c.ensure_space(2 * SMALL_LH)
        c.write_text(f"{t('pdf.row', lang)} {i}", h=SMALL_LH)
        c.set_font("body", "", SMALL_PT)
        c.set_text_color(*TEXT)
        c.write_text("\n".join(parts), h=SMALL_LH)
        c.ln(1.5)
    c.ln(2)


def render_table(c: Canvas, plan: TablePlan, lang: str) -> None:
    """Draw the planned table where it may start; the row list if fpdf2 cannot lay it out."""
    c.space(GAP_BEFORE)
    if plan.widths is not None:
        c.ensure_space(plan.start - GAP_BEFORE)
        texts = plan.headers + [cell for row in plan.rows for cell in row]
        for shaped in c.shaping_attempts(*texts):
            snap = c.snapshot()
            try:
                draw_table(c, plan, shaped)
                _draw_notes(c, plan.notes)
                c.ln(GAP_AFTER)
                return
            except LAYOUT_ERRORS as exc:
                log.info("table layout failed (shaped=%s): %s", shaped, type(exc).__name__)
                c.rollback(snap)
            finally:
                c.shaping(False)
    draw_as_list(c, plan.headers, plan.full_rows, lang)
