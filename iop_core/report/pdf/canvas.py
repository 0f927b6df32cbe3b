"""The fpdf2 page surface: fonts, text shaping, text and measuring with a retry, undo, footers.

Canvas adds to FPDF what the block renderer needs and nothing about blocks: writing and
measuring wrapped text (shaped only when the text has right-to-left script, retried unshaped),
vertical spacing that starts a new page when needed, a snapshot to roll back a failed block, and
footers drawn once the page count is known. Layout decisions live in flow.py and tables.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.errors import FPDFException

from iop_core.report.pdf.fonts import FONT_ERRORS, HAS_HARFBUZZ, FontPaths
from iop_core.report.pdf.style import (
    BODY_PT,
    FOOTER_Y,
    MARGIN_B,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    MUTED,
    RULE,
    TEXT,
    WHITE,
)
from iop_core.report.pdf.text import fit_one_line, has_rtl

log = logging.getLogger(__name__)

LAYOUT_ERRORS = (FPDFException, ValueError, RecursionError)
"""What fpdf2 2.8 raises on text it cannot lay out, from its source and the fuzz tests:
FPDFException ("Not enough horizontal space to render a single character"), ValueError (a table
row "too high … to be rendered on a single page", a glyph of a damaged font) and RecursionError
(the bidi algorithm on 1000+ neutral characters with text shaping). Layout code catches these."""


class _NoUserText(logging.Filter):
    """fpdf2 logs the glyphs a font lacks, i.e. the user's own characters, in order ("'秘' '密' …").
    Keep the warning, drop the characters: logs carry no user data (docs/security.md)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "missing the following glyphs" in str(record.msg) and isinstance(record.args, tuple) and record.args:
            record.msg = "Font %s is missing some glyphs (characters not logged)"
            record.args = record.args[:1]
        return True


logging.getLogger("fpdf.output").addFilter(_NoUserText())


@dataclass
class Snapshot:
    page: int
    content_len: int
    x: float
    y: float
    state: Any
    auto_break: bool


class Canvas(FPDF):
    def __init__(self, fonts: FontPaths, *, safe_mode: bool, footer_left: str, page_label: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.shaping_allowed = HAS_HARFBUZZ and not safe_mode
        self.footer_left_text = footer_left
        self.page_label_tpl = page_label
        self.set_margins(MARGIN_L, MARGIN_T, MARGIN_R)
        self.set_auto_page_break(True, margin=MARGIN_B)
        self.add_font("body", "", str(fonts.regular))
        self.add_font("body", "B", str(fonts.bold))
        if not safe_mode:
            self._add_fallback_fonts(fonts)
        # fpdf2's default "{nb}" alias would turn user text "{nb}" into the page
        # count; the total is written by draw_footers() instead.
        self.alias_nb_pages(None)
        self.set_font("body", "", BODY_PT)
        self.set_text_color(*TEXT)

    def _add_fallback_fonts(self, fonts: FontPaths) -> None:
        names = []
        for family, path in fonts.fallbacks:
            try:
                self.add_font(family, "", str(path))
                names.append(family)
            except FONT_ERRORS as exc:  # a broken optional font must not matter
                log.warning("Skipping fallback font %s: %s", path, type(exc).__name__)
        if names:
            self.set_fallback_fonts(names, exact_match=False)

    # -- shaping ------------------------------------------------------------
    def shaping(self, on: bool) -> None:
        on = bool(on and self.shaping_allowed)
        if on != bool(self.text_shaping):
            self.set_text_shaping(use_shaping_engine=on)

    def shaping_attempts(self, *texts: str) -> tuple[bool, ...]:
        """(True, False) for text with right-to-left script (shaped, then plain), else (False,)."""
        return (True, False) if self.shaping_allowed and any(has_rtl(t) for t in texts) else (False,)

    # -- rollback -----------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return Snapshot(page=self.page, content_len=len(self.pages[self.page].contents), x=self.x, y=self.y,
                        state=self._get_current_graphics_state(), auto_break=self.auto_page_break)

    def rollback(self, snap: Snapshot) -> None:
        """Undo everything drawn since *snap* (pages added, content written)."""
        for p in [p for p in self.pages if p > snap.page]:
            del self.pages[p]
        self.page = snap.page
        del self.pages[snap.page].contents[snap.content_len:]
        # The content stream is now back at the snapshot's graphics state, so
        # the Python-side state must match it again.
        self._pop_local_stack()
        self._push_local_stack(snap.state.copy())
        self.set_auto_page_break(snap.auto_break, margin=MARGIN_B)
        self.x, self.y = snap.x, snap.y

    # -- vertical space -------------------------------------------------------
    def at_page_top(self) -> bool:
        return self.y <= self.t_margin + 0.5

    def room(self) -> float:
        """mm left on this page above the bottom margin."""
        return self.page_break_trigger - self.y

    def space(self, mm: float) -> None:
        """Vertical space that is swallowed at the top of a page."""
        if self.at_page_top():
            return
        if mm > self.room():
            self.add_page()
        else:
            self.ln(mm)

    def ensure_space(self, mm: float) -> None:
        """A new page unless *mm* fit on this one (or this page is still empty)."""
        if not self.at_page_top() and mm > self.room():
            self.add_page()

    # -- text -----------------------------------------------------------------
    def write_text(self, text: str, *, h: float, w: float = 0) -> None:
        """Wrapped text from the current x (never markdown), shaped only if it has to be."""
        if not text:
            return
        attempts = self.shaping_attempts(text)
        for shaped in attempts:
            snap = self.snapshot()
            try:
                self.shaping(shaped)
                self.multi_cell(w, h, text, align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                return
            except LAYOUT_ERRORS:
                self.rollback(snap)
                if shaped == attempts[-1]:
                    raise
            finally:
                self.shaping(False)

    def text_lines(self, text: str, w: float, h: float) -> list[str]:
        """The lines *text* wraps into at width *w* in the current font (nothing drawn)."""
        attempts = self.shaping_attempts(text)
        for shaped in attempts:
            try:
                self.shaping(shaped)
                return list(self.multi_cell(w, h, text, align="L", markdown=False, dry_run=True,
                                            output=MethodReturnValue.LINES))
            except LAYOUT_ERRORS:
                if shaped == attempts[-1]:
                    raise
            finally:
                self.shaping(False)
        return []  # not reached: the last attempt returns or raises

    def line_count(self, text: str, w: float) -> int:
        """1 or 2: cheap estimate of whether *text* wraps at width *w* (no layout)."""
        return 2 if "\n" in text.strip() or self.get_string_width(text) > w - 2 * self.c_margin else 1

    # -- footer -------------------------------------------------------------
    def footer(self) -> None:
        """No-op: footers are drawn by :meth:`draw_footers` once the total page
        count is known (exact "Sida N av M", no ``{nb}`` alias involved)."""

    def draw_footers(self) -> None:
        last_page, auto = self.page, self.auto_page_break
        total = self.pages_count
        self.shaping(False)
        self.set_auto_page_break(False, margin=MARGIN_B)
        try:
            for n in range(1, total + 1):
                self.page = n
                self._out("q")  # isolate from whatever state the page ended in
                # The stream state at the end of page n is unknown here: reset the
                # Python-side state so that every setter below emits its operator.
                self.draw_color = None
                self.fill_color = None
                self.line_width = -1
                self.current_font_is_set_on_page = False
                try:
                    self._footer_content(n, total)
                except LAYOUT_ERRORS as exc:  # a footer must never cost the document
                    log.warning("footer on page %s not rendered: %s", n, type(exc).__name__)
                finally:
                    self._out("Q")
        finally:
            self.page = last_page
            self.set_auto_page_break(auto, margin=MARGIN_B)

    def _footer_content(self, n: int, total: int) -> None:
        width = self.w - MARGIN_L - MARGIN_R
        y = self.h + FOOTER_Y
        self.set_draw_color(*RULE)
        self.set_fill_color(*WHITE)
        self.set_line_width(0.2)
        self.line(MARGIN_L, y - 1.5, self.w - MARGIN_R, y - 1.5)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        label = self.page_label_tpl.replace("{n}", str(n)).replace("{total}", str(total))
        label = fit_one_line(self, label, width * 0.45)
        label_w = self.get_string_width(label) + 2 * self.c_margin
        if self.footer_left_text:
            self._footer_left(width - label_w - 4, y)
        self.set_xy(self.w - MARGIN_R - label_w + self.c_margin, y)
        self.cell(label_w, 4, label, align="R")

    def _footer_left(self, avail: float, y: float) -> None:
        """The footer's left text, cut to *avail* mm; left out (logged) if fpdf2 cannot draw it."""
        left = fit_one_line(self, self.footer_left_text, avail - 2 * self.c_margin)
        contents = self.pages[self.page].contents
        for shaped in self.shaping_attempts(left) if left else ():
            drawn = len(contents)
            try:
                self.shaping(shaped)
                self.set_xy(MARGIN_L - self.c_margin, y)
                self.cell(avail, 4, left, align="L")
                break
            except LAYOUT_ERRORS as exc:
                log.warning("footer_left not rendered (shaped=%s): %s", shaped, type(exc).__name__)
                del contents[drawn:]  # no half-drawn text (the page's q/Q isolates the state)
            finally:
                self.shaping(False)
                # A fallback font used for footer_left leaves its Tf in the stream while
                # fpdf2 still believes "body" is selected: force "body" to be re-emitted.
                self.current_font_is_set_on_page = False
                self.set_font("body", "", 8)
