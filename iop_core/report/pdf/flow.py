"""Blocks onto pages: each block drawn in turn, kept together where it must, rolled back if it fails.

Flow decides where blocks go: a heading stays with the start of what follows it (start_height),
a small table or box moves whole to the next page and a large one splits (style.KEEP_WHOLE). A
block fpdf2 cannot lay out is undone and printed as plain text instead. Tables are drawn by
tables.py; the cover and the one-page header by cover.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fpdf.enums import XPos, YPos

from iop_core.i18n import t
from iop_core.report.pdf import tables
from iop_core.report.pdf.canvas import LAYOUT_ERRORS, Canvas
from iop_core.report.pdf.model import Bullets, Callout, Heading, PageBreak, Paragraph, Table
from iop_core.report.pdf.style import (
    BLUE,
    BODY_LH,
    BODY_PT,
    HEADING_LINES,
    KEEP_WHOLE,
    MARGIN_B,
    MARGIN_L,
    MUTED,
    RULE,
    SMALL_LH,
    SMALL_PT,
    TEXT,
    TONES,
    Colour,
)
from iop_core.report.pdf.text import break_long_words, prep

log = logging.getLogger(__name__)

CHAIN = 3  # a heading looks this many blocks ahead (a heading after a heading, then their text)
BULLET_INDENT = 6.0
BOX_PAD_X, BOX_PAD_Y, BOX_BAR = 4.0, 3.2, 1.6
BOX_GAP = 1.5
PARAGRAPH_GAP = 2.6
LEAD_IN_LINES = 6  # a paragraph ending in ":" up to this long keeps with what follows it


@dataclass(frozen=True)
class HeadingStyle:
    pt: float
    lh: float
    before: float
    after: float
    rule: bool


HEADING_STYLES = {1: HeadingStyle(15.0, 7.2, 7.0, 3.5, True), 2: HeadingStyle(12.0, 6.0, 5.0, 1.2, False),
                  3: HeadingStyle(BODY_PT, BODY_LH, 3.0, 0.4, False)}
PARAGRAPH_STYLES = {"normal": (BODY_PT, BODY_LH, TEXT), "muted": (BODY_PT, BODY_LH, MUTED),
                    "note": (SMALL_PT, SMALL_LH, MUTED)}


@dataclass(frozen=True)
class BoxStyle:
    fill: Colour
    bar: Colour | None
    border: Colour | None
    title_color: Colour
    pt: float = BODY_PT
    lh: float = BODY_LH


@dataclass
class BoxText:
    style: BoxStyle
    title: list[str]  # wrapped lines
    body: list[str]

    def title_height(self) -> float:
        gap = 1.0 if self.title and self.body else 0.0
        return len(self.title) * self.style.lh + gap

    def height(self, body_lines: int) -> float:
        return 2 * BOX_PAD_Y + self.title_height() + body_lines * self.style.lh


def page_chunks(n_lines: int, first: int, rest: int) -> list[int]:
    """How many of *n_lines* go on each page when *first* lines fit on this one and *rest* on each
    next: as many as fit, except that the last page never gets one line alone (a widow). The
    page before gives it a line if it can keep two; else a text of three lines starts on the next
    page (the first size is then 0)."""
    sizes, fit = [], max(first, 1)
    while sum(sizes) < n_lines:
        sizes.append(min(fit, n_lines - sum(sizes)))
        fit = max(rest, 1)
    if len(sizes) > 1 and sizes[-1] == 1:
        if sizes[-2] >= 3:
            sizes[-2:] = [sizes[-2] - 1, 2]
        elif len(sizes) == 2 and n_lines <= rest:
            sizes = [0, n_lines]
    return sizes


def plain_text(block: Any) -> str:
    """What a block says, as plain lines (printed when the block itself cannot be laid out)."""
    if isinstance(block, Callout):
        return prep(f"{block.title}\n{block.text}").strip()
    if isinstance(block, (Heading, Paragraph)):
        return prep(block.text).strip()
    if isinstance(block, Bullets):
        return "\n".join("• " + prep(i, 5_000) for i in block.items)
    if isinstance(block, Table):
        return "\n".join(" · ".join(prep(c, tables.CELL_MAX) for c in row) for row in [block.headers, *block.rows])
    return ""


class Flow:
    def __init__(self, canvas: Canvas, lang: str):
        self.c = canvas
        self.lang = lang
        self._measured: dict[int, Any] = {}  # id(block) -> TablePlan | BoxText, measured once

    @property
    def epw(self) -> float:
        return self.c.epw

    def render(self, blocks: Sequence[Any]) -> None:
        for i, block in enumerate(blocks):
            following = blocks[i + 1: i + 1 + CHAIN]
            self.guard(lambda block=block, following=following: self.block(block, following),
                       fallback_text=plain_text(block))
            self.c.set_left_margin(MARGIN_L)
            self.c.shaping(False)

    def guard(self, draw: Callable[[], None], *, fallback_text: str = "") -> None:
        """Run *draw*; if fpdf2 cannot lay it out, undo it and print *fallback_text* plainly."""
        c = self.c
        snap = c.snapshot()
        try:
            draw()
            return
        except LAYOUT_ERRORS as exc:
            log.warning("PDF block failed, using fallback: %s", type(exc).__name__)
            c.rollback(snap)
        c.shaping(False)
        c.set_left_margin(MARGIN_L)
        c.set_x(MARGIN_L)
        if fallback_text:
            snap = c.snapshot()
            try:
                self._plain(break_long_words(fallback_text), BODY_PT, TEXT)
                return
            except LAYOUT_ERRORS as exc:
                log.warning("PDF fallback failed: %s", type(exc).__name__)
                c.rollback(snap)
        self._plain(t("pdf.failed_block", self.lang), SMALL_PT, MUTED)

    def _plain(self, text: str, pt: float, colour: Colour) -> None:
        self.c.set_font("body", "", pt)
        self.c.set_text_color(*colour)
        self.c.multi_cell(0, BODY_LH, text, align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, b: Any, following: Sequence[Any] = ()) -> None:
        self.c.set_text_color(*TEXT)
        self.c.set_font("body", "", BODY_PT)
        match b:
            case Heading():
                self.heading(b, following)
            case Paragraph():
                self.paragraph(b, following)
            case Bullets():
                self.bullets(b)
            case Table():
                plan = self._table_plan(b)
                if plan is not None:
                    tables.render_table(self.c, plan, self.lang)
            case Callout():
                self.callout(b)
            case PageBreak():
                if not self.c.at_page_top():
                    self.c.add_page()

    # -- keeping together ---------------------------------------------------------
    def start_height(self, b: Any, following: Sequence[Any] = ()) -> float:
        """mm *b* needs on a page to start there: a heading with the start of what follows it,
        two lines of a text, a table's header and first two rows, a box's title and first lines, or
        all of a small table or box."""
        match b:
            case Heading():
                text, style = prep(b.text, 1_000), HEADING_STYLES[self._level(b)]
                own = style.before + self._heading_height(text, style) if text.strip() else 0.0
                return own + self.follow_height(following)
            case Paragraph():
                return self._text_start(b)
            case Bullets():
                first = next((prep(i, 5_000) for i in b.items if i.strip()), "")
                self.c.set_font("body", "", BODY_PT)
                return self._item_start(first) if first else 0.0
            case Table():
                plan = self._table_plan(b)
                return plan.start if plan is not None else 0.0
            case Callout():
                box = self._callout_box(b)
                return BOX_GAP + self._box_start(box) if box is not None else 0.0
        return 0.0

    def _text_start(self, b: Paragraph) -> float:
        """Two lines of a text, or all three of a three-line one (it never splits two and one)."""
        text = prep(b.text)
        pt, lh, _ = PARAGRAPH_STYLES[b.style]
        self.c.set_font("body", "", pt)
        lines = self.c.line_count(text, self.epw)
        if lines > 1 and self.c.get_string_width(text) < 3.5 * self.epw:  # maybe three lines: count them
            lines = len(self.c.text_lines(text, self.epw, lh))
        return (3 if lines == 3 else min(lines, HEADING_LINES)) * lh

    def _item_start(self, item: str) -> float:
        """One line of a bullet item, two if it wraps (an item never splits one line and the rest)."""
        self.c.set_font("body", "", BODY_PT)
        return self.c.line_count(item, self.epw - BULLET_INDENT) * BODY_LH + 0.5

    def follow_height(self, following: Sequence[Any]) -> float:
        """What a heading keeps with it: the start of the next block, and if that is a text of one
        or two lines (a subtitle, a short answer), the start of the block after it too."""
        if not following:
            return 0.0
        head, rest = following[0], following[1:]
        height = self.start_height(head, rest)
        if isinstance(head, Paragraph) and rest and isinstance(rest[0], (Paragraph, Bullets, Table, Callout)) \
                and self._is_short(head):
            height += PARAGRAPH_GAP + self.start_height(rest[0], rest[1:])
        return height

    def _is_short(self, b: Paragraph, lines: int = HEADING_LINES) -> bool:
        """At most *lines* lines (measured only when the length allows it)."""
        text = prep(b.text)
        if len(text) > 100 * lines:  # over 100 characters a line: cannot be that short
            return False
        pt, lh, _ = PARAGRAPH_STYLES[b.style]
        self.c.set_font("body", "", pt)
        return len(self.c.text_lines(text, self.epw, lh)) <= lines

    def _level(self, b: Heading) -> int:
        return min(max(b.level, 1), 3)

    def _heading_height(self, text: str, style: HeadingStyle) -> float:
        self.c.set_font("body", "B", style.pt)
        return len(self.c.text_lines(text, self.epw, style.lh)) * style.lh + style.after

    def _box_start(self, box: BoxText) -> float:
        whole = box.height(len(box.body))
        return whole if whole <= self.c.eph * KEEP_WHOLE else box.height(min(len(box.body), HEADING_LINES))

    # -- blocks -------------------------------------------------------------------
    def heading(self, b: Heading, following: Sequence[Any]) -> None:
        c = self.c
        text = prep(b.text, 1_000)
        if not text.strip():
            return
        style = HEADING_STYLES[self._level(b)]
        try:
            follow = self.follow_height(following)
        except LAYOUT_ERRORS:  # what follows cannot be measured: it falls back to plain text lines
            follow = HEADING_LINES * BODY_LH
        c.space(style.before)
        c.ensure_space(self._heading_height(text, style) + follow)
        c.set_font("body", "B", style.pt)
        c.set_text_color(*BLUE)
        c.write_text(text, h=style.lh)
        if style.rule:
            c.set_draw_color(*RULE)
            c.set_line_width(0.35)
            c.line(c.l_margin, c.y + 0.8, c.l_margin + self.epw, c.y + 0.8)
        c.ln(style.after)

    def paragraph(self, b: Paragraph, following: Sequence[Any] = ()) -> None:
        text = prep(b.text)
        if not text.strip():
            return
        pt, lh, colour = PARAGRAPH_STYLES[b.style]
        self.c.set_font("body", "", pt)
        need = self.c.line_count(text, self.epw) * lh  # no lone first line at a page end
        if text.rstrip().endswith(":") and following:
            need = max(need, self._lead_in_height(b, following))
        self.c.ensure_space(need)
        self.c.set_font("body", "", pt)  # measuring what follows may have changed it
        self.c.set_text_color(*colour)
        if self._fits(text, lh):
            self.c.write_text(text, h=lh)
        else:  # split by lines, so that no line is left alone on the next page
            lines = self.c.text_lines(text, self.epw, lh)
            for k, size in enumerate(page_chunks(len(lines), self._lines_left(lh), int(self.c.eph // lh))):
                if k:
                    self.c.add_page()
                if size:
                    self.c.write_text("\n".join(lines[:size]), h=lh)
                    lines = lines[size:]
        self.c.ln(PARAGRAPH_GAP)

    def _lines_left(self, lh: float) -> int:
        return int((self.c.room() + 0.01) // lh)

    def _fits(self, text: str, lh: float) -> bool:
        """Surely fits on this page (a cheap upper bound of its lines: no layout)."""
        lines = text.count("\n") + 1 + self.c.get_string_width(text) / (self.epw - 2 * self.c.c_margin) * 1.15
        return lines + 1 <= self._lines_left(lh)

    def _lead_in_height(self, b: Paragraph, following: Sequence[Any]) -> float:
        """A short text ending in ":" ("… intygar att:") with the start of what it introduces;
        0 if it is long or cannot be measured (then it flows like any text)."""
        try:
            if not self._is_short(b, lines=LEAD_IN_LINES):
                return 0.0
            _, lh, _ = PARAGRAPH_STYLES[b.style]
            lines = len(self.c.text_lines(prep(b.text), self.epw, lh))
            return lines * lh + PARAGRAPH_GAP + self.start_height(following[0], following[1:])
        except LAYOUT_ERRORS:
            return 0.0

    def bullets(self, b: Bullets) -> None:
        c = self.c
        items = [i for i in (prep(x, 5_000) for x in b.items) if i.strip()]
        if not items:
            return
        lm = c.l_margin
        try:
            for item in items:
                c.set_font("body", "", BODY_PT)
                c.ensure_space(self._item_start(item))
                y = c.y
                c.set_text_color(*BLUE)
                c.set_xy(lm + 1.2, y)
                c.cell(BULLET_INDENT - 1.2, BODY_LH, "•")
                c.set_text_color(*TEXT)
                c.set_left_margin(lm + BULLET_INDENT)
                c.set_xy(lm + BULLET_INDENT, y)
                c.write_text(item, h=BODY_LH)
                c.set_left_margin(lm)
                c.ln(1.0)
        finally:
            c.set_left_margin(lm)
            c.set_x(lm)
        c.ln(1.6)

    def callout(self, b: Callout) -> None:
        box = self._callout_box(b)
        if box is None:
            return
        self.c.space(BOX_GAP)
        self.box(box)
        self.c.ln(3.5)

    # -- boxes --------------------------------------------------------------------
    def _table_plan(self, b: Table) -> tables.TablePlan | None:
        if id(b) not in self._measured:
            self._measured[id(b)] = tables.plan_table(self.c, b, self.lang)
        return self._measured[id(b)]

    def _callout_box(self, b: Callout) -> BoxText | None:
        if id(b) not in self._measured:
            fill, bar, title_color = TONES.get(b.tone, TONES["info"])
            style = BoxStyle(fill=fill, bar=bar, border=None, title_color=title_color)
            self._measured[id(b)] = self.measure_box(prep(b.text), prep(b.title, 500), style)
        return self._measured[id(b)]

    def measure_box(self, text: str, title: str, style: BoxStyle) -> BoxText | None:
        """The box's text wrapped to its inner width; None if it has no text at all."""
        if not text.strip() and not title.strip():
            return None
        inner_w = self.epw - (BOX_BAR if style.bar else 0.0) - 2 * BOX_PAD_X
        self.c.set_font("body", "B", style.pt)
        title_lines = self.c.text_lines(title, inner_w, style.lh) if title.strip() else []
        self.c.set_font("body", "", style.pt)
        body = self.c.text_lines(text, inner_w, style.lh) if text.strip() else []
        while body and not body[-1].strip():
            body.pop()
        return BoxText(style=style, title=title_lines, body=body)

    def box(self, box: BoxText) -> None:
        """A tinted box with an optional left bar or border: whole if small, else split by lines."""
        c = self.c
        c.ensure_space(self._box_start(box))
        lh = box.style.lh
        first = int((c.room() - 2 * BOX_PAD_Y - box.title_height() + 0.01) // lh)
        sizes = page_chunks(len(box.body), first, int((c.eph - 2 * BOX_PAD_Y) // lh)) if box.body else [0]
        remaining = list(box.body)
        if sizes[0] == 0:  # three lines that would split two and one: all on the next page
            c.add_page()
            sizes = sizes[1:]
        for k, size in enumerate(sizes):
            if k:
                c.add_page()
            self._box_part(box, box.title if k == 0 else [], remaining[:size])
            remaining = remaining[size:]

    def _box_part(self, box: BoxText, title: list[str], chunk: list[str]) -> None:
        c, s = self.c, box.style
        bar_w = BOX_BAR if s.bar else 0.0
        height = 2 * BOX_PAD_Y + (box.title_height() if title else 0.0) + len(chunk) * s.lh
        x0, y0, lm, auto = c.l_margin, c.y, c.l_margin, c.auto_page_break
        c.set_fill_color(*s.fill)
        if s.border:
            c.set_draw_color(*s.border)
            c.set_line_width(0.3)
        c.rect(x0, y0, self.epw, height, style="DF" if s.border else "F")
        if s.bar:
            c.set_fill_color(*s.bar)
            c.rect(x0, y0, bar_w, height, style="F")
        inner_x, inner_w = x0 + bar_w + BOX_PAD_X, self.epw - bar_w - 2 * BOX_PAD_X
        c.set_auto_page_break(False, margin=MARGIN_B)  # the default margin=0 would move page_break_trigger
        try:
            c.set_left_margin(inner_x)
            c.set_xy(inner_x, y0 + BOX_PAD_Y)
            for lines, bold, colour in ((title, "B", s.title_color), (chunk, "", TEXT)):
                if lines:
                    c.set_font("body", bold, s.pt)
                    c.set_text_color(*colour)
                    c.write_text("\n".join(lines), h=s.lh, w=inner_w)
                    if bold and chunk:
                        c.ln(1.0)
        finally:
            c.set_left_margin(lm)
            c.set_auto_page_break(auto, margin=MARGIN_B)
        c.set_xy(lm, y0 + height)
