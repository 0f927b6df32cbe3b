"""The document's head: a cover page (report layout) or a compact header and closing note (one page).

Each text goes through Flow.guard, so a title fpdf2 cannot lay out is printed plainly instead.
"""

from __future__ import annotations

from iop_core.report.pdf.flow import BoxStyle, Flow
from iop_core.report.pdf.model import Paragraph, PdfDocument
from iop_core.report.pdf.style import BLUE, BOX_BORDER, BOX_FILL, MUTED, RULE, SMALL_LH, SMALL_PT, TEXT
from iop_core.report.pdf.text import prep

DISCLAIMER_BOX = BoxStyle(fill=BOX_FILL, bar=None, border=BOX_BORDER, title_color=TEXT, pt=SMALL_PT, lh=SMALL_LH)


def _lines(flow: Flow, texts: list[str], *, pt: float, lh: float, colour, bold: str = "") -> None:
    """Each non-empty text in its own guarded block, in one font."""
    for text in texts:
        if text.strip():
            flow.c.set_font("body", bold, pt)
            flow.c.set_text_color(*colour)
            flow.guard(lambda text=text: flow.c.write_text(text, h=lh), fallback_text=text)


def cover(flow: Flow, doc: PdfDocument) -> None:
    """Page 1: a blue band, title, subtitle, the cover lines and the disclaimer boxed at the bottom."""
    c = flow.c
    c.add_page()
    c.set_fill_color(*BLUE)
    c.rect(0, 0, c.w, 6, style="F")
    c.set_y(48)
    _lines(flow, [prep(doc.title, 500)], pt=24, lh=11, colour=BLUE, bold="B")
    subtitle = prep(doc.subtitle, 1_000)
    if subtitle:
        c.ln(2)
        _lines(flow, [subtitle], pt=14, lh=7, colour=MUTED)
    c.ln(5)
    c.set_draw_color(*BLUE)
    c.set_line_width(0.6)
    c.line(c.l_margin + c.c_margin, c.y, c.l_margin + c.c_margin + 40, c.y)
    c.ln(7)
    _lines(flow, [prep(line, 2_000) for line in doc.cover_lines], pt=11.5, lh=6.4, colour=TEXT)
    disclaimer = prep(doc.disclaimer)
    if disclaimer:
        flow.guard(lambda: _cover_disclaimer(flow, disclaimer), fallback_text=disclaimer)


def _cover_disclaimer(flow: Flow, disclaimer: str) -> None:
    """The disclaimer box in the lower part of the cover when it fits there, else below the lines."""
    c = flow.c
    box = flow.measure_box(disclaimer, "", DISCLAIMER_BOX)
    if box is None:
        return
    target = c.page_break_trigger - box.height(len(box.body)) - 8
    if c.page == 1 and target > c.y + 12:
        c.set_y(target)
    else:
        c.ln(10)
    flow.box(box)


def compact_header(flow: Flow, doc: PdfDocument) -> None:
    """Title, subtitle and cover lines in a few lines at the top of page 1."""
    c = flow.c
    c.add_page()
    c.set_fill_color(*BLUE)
    c.rect(0, 0, c.w, 4, style="F")
    _lines(flow, [prep(doc.title, 500)], pt=16, lh=7.5, colour=BLUE, bold="B")
    _lines(flow, [prep(doc.subtitle, 1_000)], pt=11, lh=5.6, colour=MUTED)
    _lines(flow, [prep(x, 2_000) for x in doc.cover_lines], pt=SMALL_PT, lh=SMALL_LH, colour=TEXT)
    c.set_draw_color(*RULE)
    c.set_line_width(0.35)
    c.line(c.l_margin, c.y + 1.2, c.l_margin + flow.epw, c.y + 1.2)
    c.ln(2.5)


def closing_disclaimer(flow: Flow, doc: PdfDocument) -> None:
    disclaimer = prep(doc.disclaimer)
    if disclaimer:
        flow.guard(lambda: flow.paragraph(Paragraph(text=disclaimer, style="note")), fallback_text=disclaimer)

