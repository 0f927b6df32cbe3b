"""Render a generic structured document to PDF bytes (fpdf2).

Pure module: no Streamlit import, no per-user state at module level. The only
module-level cache is the lookup of font *paths* on disk.

Usage::

    doc = PdfDocument(title="Avtalsunderlag", blocks=[Heading(text="Bakgrund"),
                                                      Paragraph(text="...")])
    data = render_pdf(doc)            # bytes starting with b"%PDF"

Robustness (see STREAMLIT-NOTES.md §3, all inputs are treated as user text):

* every string goes through :func:`clean_text` (NFC, no control / surrogate /
  private-use / unassigned code points, length cap);
* Unicode TTF fonts only (DejaVu Sans + Bold), optional monochrome fallback
  fonts for Hebrew/Arabic/symbols/emoji (never NotoColorEmoji);
* ``markdown`` is never enabled, ``multi_cell`` always uses ``align="L"``;
* text shaping (uharfbuzz) only for strings that contain RTL characters; a
  failing block is rolled back and retried unshaped, then in a simpler form;
* footers ("Sida N av M") are drawn after layout, when the page count is
  known; fpdf2's ``{nb}`` alias is switched off (it would replace user text
  "{nb}", and its placeholder width makes right-aligned labels drift);
* if the whole render fails, a second "safe mode" pass without shaping and
  fallback fonts is tried before :class:`PdfRenderError` is raised.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableBordersLayout, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Block",
    "Bullets",
    "Callout",
    "FontNotFoundError",
    "FontPaths",
    "Heading",
    "PageBreak",
    "Paragraph",
    "PdfDocument",
    "PdfRenderError",
    "Table",
    "clean_text",
    "find_fonts",
    "render_pdf",
]

log = logging.getLogger(__name__)


class _NoUserText(logging.Filter):
    """fpdf2 logs the glyphs a font lacks, i.e. the user's own characters, in order ("'秘' '密' …").
    Keep the warning, drop the characters: logs carry no user data (README, threat model)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "missing the following glyphs" in str(record.msg) and isinstance(record.args, tuple) and record.args:
            record.msg = "Font %s is missing some glyphs (characters not logged)"
            record.args = record.args[:1]
        return True


logging.getLogger("fpdf.output").addFilter(_NoUserText())

# --------------------------------------------------------------------------- #
# Document model
# --------------------------------------------------------------------------- #


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Heading(_Model):
    kind: Literal["heading"] = "heading"
    text: str
    level: int = 1  # 1 or 2 (other values are clamped)


class Paragraph(_Model):
    kind: Literal["paragraph"] = "paragraph"
    text: str
    style: Literal["normal", "muted", "note"] = "normal"


class Bullets(_Model):
    kind: Literal["bullets"] = "bullets"
    items: list[str]


class Table(_Model):
    kind: Literal["table"] = "table"
    headers: list[str]
    rows: list[list[str]]
    col_widths: list[float] | None = None  # relative widths, one per column
    align_right: list[bool] | None = None  # True for number columns


class Callout(_Model):
    kind: Literal["callout"] = "callout"
    text: str
    tone: Literal["info", "warning", "danger", "success"] = "info"
    title: str = ""


class PageBreak(_Model):
    kind: Literal["pagebreak"] = "pagebreak"


Block = Annotated[
    Union[Heading, Paragraph, Bullets, Table, Callout, PageBreak],
    Field(discriminator="kind"),
]


class PdfDocument(_Model):
    title: str
    subtitle: str = ""
    cover_lines: list[str] = []  # e.g. organisation, framework, date
    disclaimer: str = ""  # shown boxed on the cover page
    footer_left: str = ""  # small text left in the footer
    page_label: str = "Sida {n} av {total}"  # {n} and {total} are replaced
    blocks: list[Block] = []
    language: str = "sv"
    layout: Literal["report", "one_page"] = "report"
    """report: a cover page, the blocks from page 2. one_page: a compact header
    on page 1 with the blocks right below it and the disclaimer at the end (for
    short notes that should fit one page; the caller keeps them short)."""


# --------------------------------------------------------------------------- #
# Errors
# --------------------------------------------------------------------------- #


class PdfRenderError(Exception):
    """The PDF could not be produced at all (message is user-facing Swedish)."""


class FontNotFoundError(PdfRenderError):
    """The base Unicode font (DejaVu Sans) is not installed / not found."""


# --------------------------------------------------------------------------- #
# Text cleaning
# --------------------------------------------------------------------------- #

# Bidi embedding/override/isolate controls and the BOM: spoofing risk, no value.
_DROP_CHARS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_DROP_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})

# Scripts written right-to-left (Hebrew, Arabic, Syriac, Thaana, NKo, ... and
# their presentation forms / supplementary-plane blocks).
_RTL_RE = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def clean_text(s: Any, max_len: int = 20_000) -> str:
    """Return *s* as text that is safe to hand to fpdf2.

    NFC-normalised; control characters (except ``\\n`` and ``\\t``), lone
    surrogates, private-use and unassigned code points, bidi override controls
    and BOMs are removed; ``\\r\\n``/``\\r``/U+2028/U+2029 become ``\\n``; the
    result is at most *max_len* characters (a truncated text ends with "…").
    ``None`` becomes ``""``.
    """
    if s is None:
        return ""
    s = str(s)
    # Filter once before NFC (lone surrogates are category Cs and are dropped
    # here), once after (normalisation cannot add such characters, but cheap).
    s = "".join(c for c in s if unicodedata.category(c) != "Cs")
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    s = unicodedata.normalize("NFC", s)
    s = "".join(
        c
        for c in s
        if c == "\n"
        or c == "\t"
        or (c not in _DROP_CHARS and unicodedata.category(c) not in _DROP_CATEGORIES)
    )
    if max_len is not None and len(s) > max_len:
        s = s[: max(max_len - 1, 0)] + "…" if max_len > 0 else ""
    return s


def _has_rtl(s: str) -> bool:
    return _RTL_RE.search(s) is not None


def _prep(s: Any, max_len: int = 20_000) -> str:
    """clean_text + layout tweaks (tabs are not glyphs in DejaVu)."""
    return clean_text(s, max_len).replace("\t", "    ")


def _one_line(s: Any, max_len: int = 500) -> str:
    return " ".join(_prep(s, max_len).split())


# --------------------------------------------------------------------------- #
# Fonts
# --------------------------------------------------------------------------- #

BASE_FONT_REGULAR = "DejaVuSans.ttf"
BASE_FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_DIR_ENV = "IOP_PDF_FONT_DIR"
SYSTEM_FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/truetype/dejavu",)

# Optional monochrome fallback fonts (family name, file name, directories).
# NotoColorEmoji is deliberately absent: >255 distinct colour glyphs make
# output() raise in fpdf2 2.8.9.
FALLBACK_FONTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fbhebrew", "NotoSansHebrew-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbarabic", "NotoSansArabic-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbsymbols2", "NotoSansSymbols2-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbsymbola", "Symbola_hint.ttf", ("/usr/share/fonts/truetype/ancient-scripts",)),
)


@dataclass(frozen=True)
class FontPaths:
    regular: Path
    bold: Path
    fallbacks: tuple[tuple[str, Path], ...]  # (family, path)


def _matplotlib_font_dir() -> Path | None:
    """mpl-data/fonts/ttf of an installed matplotlib, without importing it."""
    try:
        spec = importlib.util.find_spec("matplotlib")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


def _base_font_dirs() -> list[Path]:
    dirs: list[Path] = []
    env = os.environ.get(FONT_DIR_ENV, "").strip()
    if env:
        dirs.append(Path(env))
    dirs.extend(Path(d) for d in SYSTEM_FONT_DIRS)
    mpl = _matplotlib_font_dir()
    if mpl is not None:
        dirs.append(mpl)
    return dirs


@functools.cache
def find_fonts() -> FontPaths:
    """Locate the fonts (cached; call ``find_fonts.cache_clear()`` after changing
    ``IOP_PDF_FONT_DIR``). Raises :class:`FontNotFoundError`."""
    dirs = _base_font_dirs()
    regular = bold = None
    for d in dirs:  # regular and bold from the same directory
        r, b = d / BASE_FONT_REGULAR, d / BASE_FONT_BOLD
        if r.is_file():
            regular, bold = r, (b if b.is_file() else r)
            break
    if regular is None:
        searched = ", ".join(str(d) for d in dirs) or "-"
        raise FontNotFoundError(
            "PDF:en kunde inte skapas: typsnittet DejaVu Sans saknas på servern. "
            "Installera Debian-paketet fonts-dejavu-core (står i packages.txt) "
            f"eller peka miljövariabeln {FONT_DIR_ENV} på en katalog med "
            f"{BASE_FONT_REGULAR} och {BASE_FONT_BOLD}. / "
            "Cannot create the PDF: font DejaVu Sans not found. Install the Debian "
            f"package fonts-dejavu-core or set {FONT_DIR_ENV}. Searched: {searched}"
        )
    fallbacks: list[tuple[str, Path]] = []
    env = os.environ.get(FONT_DIR_ENV, "").strip()
    for family, fname, fdirs in FALLBACK_FONTS:
        if "coloremoji" in fname.lower():  # never, see above
            continue
        candidates = ([Path(env)] if env else []) + [Path(d) for d in fdirs]
        for d in candidates:
            p = d / fname
            if p.is_file():
                fallbacks.append((family, p))
                break
    return FontPaths(regular=regular, bold=bold, fallbacks=tuple(fallbacks))


try:  # text shaping needs uharfbuzz; without it RTL text is rendered unshaped
    import uharfbuzz  # noqa: F401

    HAS_HARFBUZZ = True
except Exception:  # pragma: no cover - depends on the environment
    HAS_HARFBUZZ = False


# --------------------------------------------------------------------------- #
# Layout constants
# --------------------------------------------------------------------------- #

MARGIN_L = 22.0
MARGIN_R = 20.0
MARGIN_T = 20.0
MARGIN_B = 22.0
FOOTER_Y = -14.0  # mm from the bottom edge

BLUE = (31, 95, 139)  # #1f5f8b
TEXT = (33, 37, 41)
MUTED = (92, 102, 112)
RULE = (196, 208, 218)
HEADER_FILL = (223, 234, 243)
ZEBRA = (246, 248, 250)
BOX_FILL = (247, 248, 250)
BOX_BORDER = (150, 165, 178)

TONES: dict[str, tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]] = {
    # tone: (background, bar, title colour)
    "info": ((234, 242, 248), BLUE, BLUE),
    "warning": ((255, 245, 226), (196, 125, 0), (130, 80, 0)),
    "danger": ((252, 236, 235), (179, 38, 30), (150, 30, 25)),
    "success": ((234, 245, 236), (46, 125, 50), (28, 94, 33)),
}

BODY_PT = 10.5
BODY_LH = 5.4
SMALL_PT = 9.0
SMALL_LH = 4.6
TABLE_PT = 9.0
TABLE_LH = 4.6
TABLE_PAD_X = 1.8
TABLE_PAD_Y = 1.4
MAX_TABLE_COLS = 12
MIN_COL_MM = 14.0
KEEP_TOGETHER = 0.35  # boxes (callouts) up to this share of a page are never split
CELL_MAX = 4_000

_MESSAGES = {
    "sv": {
        "failed_block": "[Det här avsnittet kunde inte återges i PDF:en.]",
        "row": "Rad",
    },
    "en": {
        "failed_block": "[This section could not be rendered in the PDF.]",
        "row": "Row",
    },
}


def _msg(lang: str, key: str) -> str:
    return _MESSAGES.get((lang or "sv")[:2].lower(), _MESSAGES["sv"])[key]


# --------------------------------------------------------------------------- #
# The FPDF subclass
# --------------------------------------------------------------------------- #


@dataclass
class _Snapshot:
    page: int
    content_len: int
    x: float
    y: float
    state: Any
    auto_break: bool


class _Pdf(FPDF):
    def __init__(self, fonts: FontPaths, *, safe_mode: bool, footer_left: str, page_label: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.safe_mode = safe_mode
        self.shaping_allowed = HAS_HARFBUZZ and not safe_mode
        self.footer_left_text = footer_left
        self.page_label_tpl = page_label
        self.set_margins(MARGIN_L, MARGIN_T, MARGIN_R)
        self.set_auto_page_break(True, margin=MARGIN_B)
        self.add_font("body", "", str(fonts.regular))
        self.add_font("body", "B", str(fonts.bold))
        if not safe_mode and fonts.fallbacks:
            names = []
            for family, path in fonts.fallbacks:
                try:
                    self.add_font(family, "", str(path))
                    names.append(family)
                except Exception as exc:  # a broken optional font must not matter
                    log.warning("Skipping fallback font %s: %s", path, exc)
            if names:
                self.set_fallback_fonts(names, exact_match=False)
        # fpdf2's default "{nb}" alias would turn user text "{nb}" into the page
        # count; the total is written by draw_footers() instead.
        self.alias_nb_pages(None)
        self.set_font("body", "", BODY_PT)
        self.set_text_color(*TEXT)

    # -- shaping ------------------------------------------------------------
    def shaping(self, on: bool) -> None:
        on = bool(on and self.shaping_allowed)
        if on == bool(self.text_shaping):
            return
        if on:
            self.set_text_shaping(use_shaping_engine=True)
        else:
            self.set_text_shaping(use_shaping_engine=False)

    def wants_shaping(self, *texts: str) -> bool:
        return self.shaping_allowed and any(_has_rtl(t) for t in texts)

    # -- rollback -----------------------------------------------------------
    def snapshot(self) -> _Snapshot:
        return _Snapshot(
            page=self.page,
            content_len=len(self.pages[self.page].contents),
            x=self.x,
            y=self.y,
            state=self._get_current_graphics_state(),
            auto_break=self.auto_page_break,
        )

    def rollback(self, snap: _Snapshot) -> None:
        """Undo everything drawn since *snap* (pages added, content written)."""
        for p in [p for p in self.pages if p > snap.page]:
            del self.pages[p]
        self.page = snap.page
        contents = self.pages[snap.page].contents
        del contents[snap.content_len :]
        # The content stream is now back at the snapshot's graphics state, so
        # the Python-side state must match it again.
        self._pop_local_stack()
        self._push_local_stack(snap.state.copy())
        self.set_auto_page_break(snap.auto_break, margin=MARGIN_B)
        self.x, self.y = snap.x, snap.y

    # -- footer -------------------------------------------------------------
    def footer(self) -> None:
        """No-op: footers are drawn by :meth:`draw_footers` once the total page
        count is known (exact "Sida N av M", no ``{nb}`` alias involved)."""

    def draw_footers(self) -> None:
        last_page, auto = self.page, self.auto_page_break
        total = self.pages_count
        self.shaping(False)
        self.set_auto_page_break(False)
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
                except Exception as exc:  # a footer must never cost the document
                    log.warning("footer on page %s not rendered: %s", n, type(exc).__name__)
                finally:
                    self.shaping(False)
                    self._out("Q")
        finally:
            self.page = last_page
            self.set_auto_page_break(auto, margin=MARGIN_B)

    def _footer_content(self, n: int, total: int) -> None:
        width = self.w - MARGIN_L - MARGIN_R
        y = self.h + FOOTER_Y
        self.set_draw_color(*RULE)
        self.set_fill_color(255, 255, 255)
        self.set_line_width(0.2)
        self.line(MARGIN_L, y - 1.5, self.w - MARGIN_R, y - 1.5)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        label = self.page_label_tpl.replace("{n}", str(n)).replace("{total}", str(total))
        label = _fit_one_line(self, label, width * 0.45)
        label_w = self.get_string_width(label) + 2 * self.c_margin
        left = self.footer_left_text
        if left:
            avail = width - label_w - 4
            left = _fit_one_line(self, left, avail - 2 * self.c_margin)
            if left:
                self.shaping(self.wants_shaping(left))
                try:
                    self.set_xy(MARGIN_L - self.c_margin, y)
                    self.cell(avail, 4, left, align="L")
                except Exception as exc:
                    log.warning("footer_left not rendered: %s", type(exc).__name__)
                finally:
                    self.shaping(False)
                    # A fallback font used for footer_left leaves its Tf in the stream while
                    # fpdf2 still believes "body" is selected: force "body" to be re-emitted.
                    self.current_font_is_set_on_page = False
                    self.set_font("body", "", 8)
        self.set_xy(self.w - MARGIN_R - label_w + self.c_margin, y)
        self.cell(label_w, 4, label, align="R")


def _fit_one_line(pdf: FPDF, text: str, width: float) -> str:
    """Shorten *text* with an ellipsis so that it fits into *width* (unshaped)."""
    text = " ".join(text.split())
    if pdf.get_string_width(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with "…"
        mid = (lo + hi + 1) // 2
        if pdf.get_string_width(text[:mid] + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


# --------------------------------------------------------------------------- #
# Renderer
# --------------------------------------------------------------------------- #


class _Renderer:
    def __init__(self, pdf: _Pdf, lang: str):
        self.pdf = pdf
        self.lang = lang
        self.next_blocks: list[Any] = []  # the blocks after the current one (headings keep with them)

    # -- primitives -----------------------------------------------------------
    @property
    def epw(self) -> float:
        return self.pdf.epw

    def at_page_top(self) -> bool:
        return self.pdf.y <= self.pdf.t_margin + 0.5

    def space(self, mm: float) -> None:
        """Vertical space that is swallowed at the top of a page."""
        if self.at_page_top():
            return
        if self.pdf.y + mm > self.pdf.page_break_trigger:
            self.pdf.add_page()
        else:
            self.pdf.ln(mm)

    def ensure_space(self, mm: float) -> None:
        if not self.at_page_top() and self.pdf.y + mm > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def text(self, text: str, *, h: float, w: float = 0) -> None:
        """multi_cell from the current x with shaping retry (never markdown)."""
        pdf = self.pdf
        if not text:
            return
        attempts = [True, False] if pdf.wants_shaping(text) else [False]
        error: Exception | None = None
        for shaped in attempts:
            snap = pdf.snapshot()
            try:
                pdf.shaping(shaped)
                pdf.multi_cell(
                    w, h, text, align="L", markdown=False,
                    new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                )
                return
            except Exception as exc:  # RecursionError in bidi, width errors, ...
                error = exc
                pdf.rollback(snap)
            finally:
                pdf.shaping(False)
        assert error is not None
        raise error

    def measure_lines(self, text: str, w: float, h: float) -> list[str]:
        pdf = self.pdf
        attempts = [True, False] if pdf.wants_shaping(text) else [False]
        error: Exception | None = None
        for shaped in attempts:
            try:
                pdf.shaping(shaped)
                return list(
                    pdf.multi_cell(
                        w, h, text, align="L", markdown=False, dry_run=True,
                        output=MethodReturnValue.LINES,
                    )
                )
            except Exception as exc:
                error = exc
            finally:
                pdf.shaping(False)
        assert error is not None
        raise error

    # -- cover ------------------------------------------------------------------
    def cover(self, doc: PdfDocument) -> None:
        pdf = self.pdf
        pdf.add_page()
        # Calm blue band at the top of the cover.
        pdf.set_fill_color(*BLUE)
        pdf.rect(0, 0, pdf.w, 6, style="F")
        pdf.set_y(48)
        title = _prep(doc.title, 500)
        pdf.set_font("body", "B", 24)
        pdf.set_text_color(*BLUE)
        self.guard(lambda: self.text(title, h=11), fallback_text=title)
        subtitle = _prep(doc.subtitle, 1_000)
        if subtitle:
            pdf.ln(2)
            pdf.set_font("body", "", 14)
            pdf.set_text_color(*MUTED)
            self.guard(lambda: self.text(subtitle, h=7), fallback_text=subtitle)
        pdf.ln(5)
        pdf.set_draw_color(*BLUE)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin + pdf.c_margin, pdf.y, pdf.l_margin + pdf.c_margin + 40, pdf.y)
        pdf.ln(7)
        lines = [_prep(line, 2_000) for line in doc.cover_lines]
        lines = [line for line in lines if line.strip()]
        if lines:
            pdf.set_font("body", "", 11.5)
            pdf.set_text_color(*TEXT)
            for line in lines:
                self.guard(lambda line=line: self.text(line, h=6.4), fallback_text=line)
        disclaimer = _prep(doc.disclaimer)
        if disclaimer:
            # Place the disclaimer in the lower part of the cover when it fits.
            pdf.set_font("body", "", SMALL_PT)
            try:
                n = len(self.measure_lines(disclaimer, self.epw - 12, SMALL_LH))
            except Exception:
                n = 999
            box_h = n * SMALL_LH + 10
            target = pdf.page_break_trigger - box_h - 8
            if pdf.page == 1 and target > pdf.y + 12:
                pdf.set_y(target)
            else:
                pdf.ln(10)
            self.guard(
                lambda: self.box(disclaimer, "", fill=BOX_FILL, bar=None,
                                 border=BOX_BORDER, title_color=TEXT,
                                 pt=SMALL_PT, lh=SMALL_LH),
                fallback_text=disclaimer,
            )

    # -- one-page layout --------------------------------------------------------
    def compact_header(self, doc: PdfDocument) -> None:
        """Title, subtitle and cover lines in a few lines at the top of page 1."""
        pdf = self.pdf
        pdf.add_page()
        pdf.set_fill_color(*BLUE)
        pdf.rect(0, 0, pdf.w, 4, style="F")
        title = _prep(doc.title, 500)
        pdf.set_font("body", "B", 16)
        pdf.set_text_color(*BLUE)
        self.guard(lambda: self.text(title, h=7.5), fallback_text=title)
        subtitle = _prep(doc.subtitle, 1_000)
        if subtitle:
            pdf.set_font("body", "", 11)
            pdf.set_text_color(*MUTED)
            self.guard(lambda: self.text(subtitle, h=5.6), fallback_text=subtitle)
        lines = [line for line in (_prep(x, 2_000) for x in doc.cover_lines) if line.strip()]
        pdf.set_font("body", "", SMALL_PT)
        pdf.set_text_color(*TEXT)
        for line in lines:
            self.guard(lambda line=line: self.text(line, h=SMALL_LH), fallback_text=line)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.35)
        y = pdf.y + 1.2
        pdf.line(pdf.l_margin, y, pdf.l_margin + self.epw, y)
        pdf.ln(2.5)

    def closing_disclaimer(self, doc: PdfDocument) -> None:
        disclaimer = _prep(doc.disclaimer)
        if not disclaimer:
            return
        self.guard(lambda: self.paragraph(Paragraph(text=disclaimer, style="note")), fallback_text=disclaimer)

    # -- blocks ---------------------------------------------------------------
    def block(self, block: Any) -> None:
        pdf = self.pdf
        pdf.set_text_color(*TEXT)
        pdf.set_font("body", "", BODY_PT)
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Callout):
            self.callout(block)
        elif isinstance(block, PageBreak):
            if not self.at_page_top():
                pdf.add_page()

    def guard(self, fn: Any, *, fallback_text: str = "") -> None:
        """Run *fn*; on failure roll back and render a plain fallback instead."""
        pdf = self.pdf
        snap = pdf.snapshot()
        try:
            fn()
            return
        except Exception as exc:
            log.warning("PDF block failed, using fallback: %s", type(exc).__name__)
            pdf.rollback(snap)
        pdf.shaping(False)
        pdf.set_left_margin(MARGIN_L)
        pdf.set_x(MARGIN_L)
        for text, style in ((fallback_text, "plain"), (_msg(self.lang, "failed_block"), "note")):
            if not text:
                continue
            snap = pdf.snapshot()
            try:
                pdf.set_font("body", "", BODY_PT if style == "plain" else SMALL_PT)
                pdf.set_text_color(*(TEXT if style == "plain" else MUTED))
                # Break overlong "words" so that the narrowest case cannot fail.
                safe = re.sub(r"(\S{60})", r"\1 ", text) if style == "plain" else text
                pdf.multi_cell(0, BODY_LH, safe, align="L", markdown=False,
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                return
            except Exception as exc:  # pragma: no cover - last resort
                log.warning("PDF fallback failed: %s", type(exc).__name__)
                pdf.rollback(snap)

    def heading(self, b: Heading) -> None:
        pdf = self.pdf
        text = _prep(b.text, 1_000)
        if not text.strip():
            return
        level = 1 if b.level <= 1 else 2
        pt, lh, before, after = (15.0, 7.2, 7.0, 2.0) if level == 1 else (12.0, 6.0, 5.0, 1.2)
        follow = self._kept_height(*self.next_blocks[:2])  # measures in other fonts: before set_font
        pdf.set_font("body", "B", pt)
        try:
            n = len(self.measure_lines(text, self.epw, lh))
        except Exception:
            n = 2
        # keep the heading together with about three lines of what follows,
        # or with all of a short table or box that is kept whole
        self.space(before)
        self.ensure_space(n * lh + after + max(3 * BODY_LH + 2, follow))
        pdf.set_text_color(*BLUE)
        self.text(text, h=lh)
        if level == 1:
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.35)
            y = pdf.y + 0.8
            pdf.line(pdf.l_margin, y, pdf.l_margin + self.epw, y)
            pdf.ln(after + 1.5)
        else:
            pdf.ln(after)

    def paragraph(self, b: Paragraph) -> None:
        pdf = self.pdf
        text = _prep(b.text)
        if not text.strip():
            return
        if b.style == "normal":
            pdf.set_font("body", "", BODY_PT)
            pdf.set_text_color(*TEXT)
            lh = BODY_LH
        elif b.style == "muted":
            pdf.set_font("body", "", BODY_PT)
            pdf.set_text_color(*MUTED)
            lh = BODY_LH
        else:  # note
            pdf.set_font("body", "", SMALL_PT)
            pdf.set_text_color(*MUTED)
            lh = SMALL_LH
        self.text(text, h=lh)
        pdf.ln(2.6)

    def bullets(self, b: Bullets) -> None:
        pdf = self.pdf
        items = [_prep(i, 5_000) for i in b.items]
        items = [i for i in items if i.strip()]
        if not items:
            return
        indent = 6.0
        lm = pdf.l_margin
        try:
            for item in items:
                pdf.set_font("body", "", BODY_PT)
                self.ensure_space(BODY_LH + 0.5)
                y = pdf.y
                pdf.set_text_color(*BLUE)
                pdf.set_xy(lm + 1.2, y)
                pdf.cell(indent - 1.2, BODY_LH, "•")
                pdf.set_text_color(*TEXT)
                pdf.set_left_margin(lm + indent)
                pdf.set_xy(lm + indent, y)
                self.text(item, h=BODY_LH)
                pdf.set_left_margin(lm)
                pdf.ln(1.0)
        finally:
            pdf.set_left_margin(lm)
            pdf.set_x(lm)
        pdf.ln(1.6)

    def callout(self, b: Callout) -> None:
        fill, bar, title_color = TONES.get(b.tone, TONES["info"])
        text = _prep(b.text)
        title = _prep(b.title, 500)
        if not text.strip() and not title.strip():
            return
        self.space(1.5)
        self.box(text, title, fill=fill, bar=bar, border=None, title_color=title_color,
                 pt=BODY_PT, lh=BODY_LH)
        self.pdf.ln(3.5)

    def box(self, text: str, title: str, *, fill, bar, border, title_color, pt, lh) -> None:
        """Tinted box with optional left bar/border; splits across pages by lines."""
        pdf = self.pdf
        pad_x, pad_y, bar_w = 4.0, 3.2, (1.6 if bar else 0.0)
        inner_x = pdf.l_margin + bar_w + pad_x
        inner_w = self.epw - bar_w - 2 * pad_x
        pdf.set_font("body", "B", pt)
        title_lines = self.measure_lines(title, inner_w, lh) if title.strip() else []
        pdf.set_font("body", "", pt)
        body_lines = self.measure_lines(text, inner_w, lh) if text.strip() else []
        # strip trailing empty lines
        while body_lines and not body_lines[-1].strip():
            body_lines.pop()
        title_gap = 1.0 if title_lines and body_lines else 0.0
        first = True
        remaining = list(body_lines)
        while first or remaining:
            avail = pdf.page_break_trigger - pdf.y
            head_h = (len(title_lines) * lh + title_gap) if first else 0.0
            n_fit = int((avail - 2 * pad_y - head_h + 0.01) // lh)
            need = min(len(remaining), 2) if remaining else 0
            # A short box is kept whole: moved to the next page rather than split.
            whole = head_h + 2 * pad_y + len(remaining) * lh
            keep = first and avail < whole <= pdf.eph * KEEP_TOGETHER
            if (keep or n_fit < need or (first and head_h + 2 * pad_y > avail)) and not self.at_page_top():
                pdf.add_page()
                continue
            n_fit = max(n_fit, 1)
            chunk, remaining = remaining[:n_fit], remaining[n_fit:]
            box_h = 2 * pad_y + head_h + len(chunk) * lh
            x0, y0 = pdf.l_margin, pdf.y
            pdf.set_fill_color(*fill)
            if border:
                pdf.set_draw_color(*border)
                pdf.set_line_width(0.3)
                pdf.rect(x0, y0, self.epw, box_h, style="DF")
            else:
                pdf.rect(x0, y0, self.epw, box_h, style="F")
            if bar:
                pdf.set_fill_color(*bar)
                pdf.rect(x0, y0, bar_w, box_h, style="F")
            auto = pdf.auto_page_break
            lm = pdf.l_margin
            pdf.set_auto_page_break(False)
            try:
                pdf.set_left_margin(inner_x)
                pdf.set_xy(inner_x, y0 + pad_y)
                if first and title_lines:
                    pdf.set_font("body", "B", pt)
                    pdf.set_text_color(*title_color)
                    self.text("\n".join(title_lines), h=lh, w=inner_w)
                    pdf.ln(title_gap)
                if chunk:
                    pdf.set_font("body", "", pt)
                    pdf.set_text_color(*TEXT)
                    self.text("\n".join(chunk), h=lh, w=inner_w)
            finally:
                pdf.set_left_margin(lm)
                pdf.set_auto_page_break(auto, margin=MARGIN_B)
            pdf.set_xy(lm, y0 + box_h)
            first = False
            if remaining:
                pdf.add_page()

    # -- tables ---------------------------------------------------------------
    def table(self, b: Table) -> None:
        pdf = self.pdf
        headers = [_one_line(h, 300) for h in b.headers]
        rows = [[_prep(c, CELL_MAX) for c in row] for row in b.rows]
        ncols = len(headers) or max((len(r) for r in rows), default=0)
        if ncols == 0:
            return
        rows = [(r + [""] * ncols)[:ncols] for r in rows]
        # Extra cells beyond the header count are kept in the last column.
        for src, dst in zip(b.rows, rows):
            if len(src) > ncols:
                extra = [_prep(c, CELL_MAX) for c in src[ncols:] if str(c).strip()]
                if extra:
                    dst[-1] = "\n".join([dst[-1], *extra]).strip()
        align_right = list(b.align_right or [])
        align_right = (align_right + [False] * ncols)[:ncols]
        widths = _column_widths(b.col_widths, ncols, self.epw)
        if widths is not None:
            widths = self._fit_words(headers, rows, widths)

        self.space(1.5)
        if ncols > MAX_TABLE_COLS or widths is None:
            self.table_as_list(headers, rows)
            return
        full_rows = rows
        try:
            headers, rows, notes = self._fit_cells(headers, rows, widths)
        except Exception as exc:  # measuring is an optimisation only
            log.info("table cell fitting failed: %s", type(exc).__name__)
            notes = []
        texts = headers + [c for r in rows for c in r]
        for shaped in ([True, False] if pdf.wants_shaping(*texts) else [False]):
            snap = pdf.snapshot()
            try:
                self._draw_table(headers, rows, widths, align_right, shaped)
                if notes:
                    pdf.ln(1.5)
                    pdf.set_font("body", "", SMALL_PT)
                    pdf.set_text_color(*MUTED)
                    for note in notes:
                        self.text(note, h=SMALL_LH)
                        pdf.ln(0.8)
                pdf.ln(3.5)
                return
            except Exception as exc:
                log.info("table layout failed (shaped=%s): %s", shaped, type(exc).__name__)
                pdf.rollback(snap)
            finally:
                pdf.shaping(False)
        self.table_as_list(headers, full_rows)

    def _fit_words(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> list[float]:
        """Widen columns whose longest word would otherwise break in the middle ("omsorgsnäm nden"),
        taking the width from columns with room to spare. Words longer than a fair share of the
        page still break; the widths always add up to the same total."""
        pdf = self.pdf
        try:
            pad = 2 * TABLE_PAD_X + 2 * pdf.c_margin + 1.5  # fpdf2 wraps a little before the edge
            need = []
            for j in range(len(widths)):
                longest = 0.0
                for i, text in enumerate([headers[j] if j < len(headers) else "", *(r[j] for r in rows)]):
                    pdf.set_font("body", "B" if i == 0 else "", TABLE_PT)
                    for word in re.split(r"[ \t\n]+", str(text)):  # a no-break space joins its parts
                        longest = max(longest, pdf.get_string_width(word))
                need.append(min(longest + pad, sum(widths) / 2.5))
        except Exception as exc:  # measuring is an optimisation only
            log.info("word widths failed: %r", exc)
            return widths
        out = list(widths)
        for j, want in enumerate(need):
            missing = want - out[j]
            if missing <= 0:
                continue
            for k in sorted(range(len(out)), key=lambda k: need[k] - out[k]):
                spare = out[k] - max(need[k], MIN_COL_MM)
                if k == j or spare <= 0:
                    continue
                give = min(spare, missing)
                out[k] -= give
                out[j] += give
                missing -= give
                if missing <= 0:
                    break
        return out

    def _fit_cells(
        self, headers: list[str], rows: list[list[str]], widths: list[float]
    ) -> tuple[list[str], list[list[str]], list[str]]:
        """Cut cells that would make a row taller than about half a page.

        fpdf2 cannot split a table row over pages ("row ... is too high").
        The cut text ends with "… [n]" and note n after the table holds the
        full text, so nothing is lost and the table stays a table.
        """
        pdf = self.pdf
        max_lines = max(int((pdf.eph * 0.45 - 2 * TABLE_PAD_Y) // TABLE_LH), 4)
        notes: list[str] = []
        row_word = _msg(self.lang, "row").lower()

        def lines_of(text: str, j: int, bold: bool) -> list[str]:
            pdf.set_font("body", "B" if bold else "", TABLE_PT)
            inner = widths[j] - 2 * TABLE_PAD_X - 2 * pdf.c_margin
            return self.measure_lines(text, inner, TABLE_LH)

        def cheap_ok(text: str, limit: int) -> bool:
            return len(text) <= 2 * limit and text.count("\n") < limit // 2

        new_headers = []
        for j, h in enumerate(headers):
            if not cheap_ok(h, 6):
                lines = lines_of(h, j, True)
                if len(lines) > 6:
                    h = "\n".join(lines[:5]) + "…"
            new_headers.append(h)
        new_rows = []
        for i, row in enumerate(rows, start=1):
            new_row = []
            for j, cell in enumerate(row):
                if not cheap_ok(cell, max_lines):
                    lines = lines_of(cell, j, False)
                    if len(lines) > max_lines:
                        n = len(notes) + 1
                        column = _one_line(headers[j], 60) if j < len(headers) and headers[j] else f"{j + 1}"
                        notes.append(f"[{n}] {column}, {row_word} {i}: {cell}")
                        cell = "\n".join(lines[: max_lines - 1]).rstrip() + f"\n… [{n}]"
                new_row.append(cell)
            new_rows.append(new_row)
        return new_headers, new_rows, notes

    def _kept_height(self, block: Any = None, after: Any = None) -> float:
        """Height of a following table or callout that will not be split (0 if it may be);
        for a following heading, the heading and what it keeps with."""
        try:
            if isinstance(block, Heading):
                return 13.0 + max(3 * BODY_LH + 2, self._kept_height(after))
            if isinstance(block, Table):
                headers = [_one_line(h, 300) for h in block.headers]
                ncols = len(headers) or max((len(r) for r in block.rows), default=0)
                widths = _column_widths(block.col_widths, ncols, self.epw)
                if not ncols or widths is None:
                    return 0.0
                rows = [([_prep(c, CELL_MAX) for c in r] + [""] * ncols)[:ncols] for r in block.rows]
                widths = self._fit_words(headers, rows, widths)
                return (self._short_table_height(headers, rows, widths) or 0.0) + 1.5
            if isinstance(block, Callout):
                pdf = self.pdf
                inner_w = self.epw - 1.6 - 8.0
                pdf.set_font("body", "B", BODY_PT)
                n = len(self.measure_lines(_prep(block.title, 500), inner_w, BODY_LH)) if block.title.strip() else 0
                pdf.set_font("body", "", BODY_PT)
                n += len(self.measure_lines(_prep(block.text), inner_w, BODY_LH)) if block.text.strip() else 0
                height = n * BODY_LH + 2 * 3.2 + 2.5
                return height if height <= pdf.eph * KEEP_TOGETHER else 0.0
        except Exception:  # measuring is an optimisation only
            return 0.0
        return 0.0

    def _short_table_height(self, headers, rows, widths) -> float | None:
        """Estimated height of a table up to KEEP_TOGETHER of a page, else None."""
        if len(rows) > 25:
            return None
        pdf = self.pdf
        total = 2.0
        try:
            for i, row in enumerate(([headers] if headers else []) + rows):
                pdf.set_font("body", "B" if headers and i == 0 else "", TABLE_PT)
                lines = max(
                    (len(self.measure_lines(c, widths[j] - 2 * TABLE_PAD_X - 2 * pdf.c_margin, TABLE_LH))
                     for j, c in enumerate(row) if c),
                    default=1,
                )
                total += lines * TABLE_LH + 2 * TABLE_PAD_Y
                if total > pdf.eph * KEEP_TOGETHER:
                    return None
        except Exception:  # measuring is an optimisation only
            return None
        finally:
            pdf.set_font("body", "", TABLE_PT)
        return total

    def _draw_table(self, headers, rows, widths, align_right, shaped: bool) -> None:
        pdf = self.pdf
        pdf.set_font("body", "", TABLE_PT)
        pdf.set_text_color(*TEXT)
        pdf.set_draw_color(*RULE)
        # fpdf2 takes the current fill colour as the background of rows that
        # are not zebra-filled (it used to be the blue callout bar...).
        pdf.set_fill_color(255, 255, 255)
        pdf.set_line_width(0.25)
        # A short table is kept on one page (no lone last row); otherwise at
        # least the header and one row on this page.
        height = self._short_table_height(headers, rows, widths)
        self.ensure_space(height if height is not None else 2 * (TABLE_LH + 3) + 2)
        pdf.shaping(shaped)
        headings_style = FontFace(emphasis="BOLD", color=BLUE, fill_color=HEADER_FILL)
        with pdf.table(
            width=self.epw,
            align="LEFT",  # margins are asymmetric; CENTER would centre on the page
            col_widths=tuple(widths),
            text_align=tuple("RIGHT" if r else "LEFT" for r in align_right),
            v_align="TOP",
            line_height=TABLE_LH,
            padding=(TABLE_PAD_Y, TABLE_PAD_X, TABLE_PAD_Y, TABLE_PAD_X),
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            cell_fill_color=ZEBRA,
            cell_fill_mode=TableCellFillMode.EVEN_ROWS if headers else TableCellFillMode.ROWS,
            headings_style=headings_style,
            first_row_as_headings=bool(headers),
            repeat_headings=1,
            markdown=False,
        ) as table:
            if headers:
                table.row(headers)
            for r in rows:
                table.row(r)
        # HORIZONTAL_LINES draws no line under the last row: close the table.
        pdf.line(pdf.l_margin, pdf.y, pdf.l_margin + self.epw, pdf.y)
        pdf.set_x(pdf.l_margin)

    def table_as_list(self, headers: list[str], rows: list[list[str]]) -> None:
        """Fallback for tables that do not fit: one small block per row."""
        pdf = self.pdf
        label = _msg(self.lang, "row")
        if headers and not rows:
            rows = []
            pdf.set_font("body", "B", SMALL_PT)
            pdf.set_text_color(*BLUE)
            self.text(" · ".join(headers), h=SMALL_LH)
        for i, row in enumerate(rows, start=1):
            parts = []
            for j, cell in enumerate(row):
                name = headers[j] if j < len(headers) and headers[j] else f"{j + 1}"
                parts.append(f"{name}: {cell}")
            pdf.set_font("body", "B", SMALL_PT)
            pdf.set_text_color(*BLUE)
            self.ensure_space(2 * SMALL_LH)
            self.text(f"{label} {i}", h=SMALL_LH)
            pdf.set_font("body", "", SMALL_PT)
            pdf.set_text_color(*TEXT)
            self.text("\n".join(parts), h=SMALL_LH)
            pdf.ln(1.5)
        pdf.ln(2)


def _column_widths(col_widths: list[float] | None, ncols: int, epw: float) -> list[float] | None:
    """Relative widths -> fractions (fpdf2 scales them), each >= MIN_COL_MM."""
    rel: list[float]
    if (
        col_widths
        and len(col_widths) == ncols
        and all(isinstance(w, (int, float)) and math.isfinite(w) and w > 0 for w in col_widths)
    ):
        rel = [float(w) for w in col_widths]
    else:
        rel = [1.0] * ncols
    total = sum(rel)
    mm = [w / total * epw for w in rel]
    min_mm = MIN_COL_MM
    if ncols * min_mm > epw:
        min_mm = epw / ncols
        if min_mm < 10:  # too many columns for a readable table
            return None
    # raise narrow columns to the minimum, taking the width from the wide ones
    for _ in range(ncols):
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


# --------------------------------------------------------------------------- #
# Public entry point
# --------------------------------------------------------------------------- #

PRODUCER = "IOP-screening (fpdf2)"
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}")


def _build(doc: PdfDocument, created: datetime, *, safe_mode: bool) -> bytes:
    fonts = find_fonts()
    lang = doc.language if _LANG_RE.fullmatch(doc.language or "") else "sv"
    label = clean_text(doc.page_label, 200) or "{n} / {total}"
    pdf = _Pdf(fonts, safe_mode=safe_mode, footer_left=_one_line(doc.footer_left, 300),
               page_label=" ".join(label.split()))
    pdf.set_creation_date(created)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_title(_one_line(doc.title, 300))
    if doc.subtitle:
        pdf.set_subject(_one_line(doc.subtitle, 300))
    pdf.set_lang(lang)
    r = _Renderer(pdf, lang)
    if doc.layout == "one_page":
        r.compact_header(doc)
    else:
        r.cover(doc)
        if doc.blocks:
            pdf.add_page()
    for i, block in enumerate(doc.blocks):
        r.next_blocks = doc.blocks[i + 1 : i + 3]
        fallback = ""
        if isinstance(block, Callout):
            fallback = _prep(f"{block.title}\n{block.text}").strip()
        elif isinstance(block, (Heading, Paragraph)):
            fallback = _prep(block.text).strip()
        elif isinstance(block, Bullets):
            fallback = "\n".join("• " + _prep(i, 5_000) for i in block.items)
        r.guard(lambda block=block: r.block(block), fallback_text=fallback)
        pdf.set_left_margin(MARGIN_L)
        pdf.shaping(False)
    if doc.layout == "one_page":
        r.closing_disclaimer(doc)
    pdf.draw_footers()
    return bytes(pdf.output())


def render_pdf(doc: PdfDocument, *, creation_date: datetime | None = None) -> bytes:
    """Render *doc* to PDF bytes.

    The same document and the same *creation_date* give byte-identical output
    (None = now). Raises :class:`FontNotFoundError` if DejaVu Sans is missing
    and :class:`PdfRenderError` if the document cannot be rendered even in the
    simplified safe mode.
    """
    created = creation_date or datetime.now(timezone.utc)
    errors: list[BaseException] = []
    for safe_mode in (False, True):
        try:
            return _build(doc, created, safe_mode=safe_mode)
        except FontNotFoundError:
            raise
        except Exception as exc:  # includes RecursionError
            log.warning("PDF rendering failed (safe_mode=%s): %s", safe_mode, type(exc).__name__)
            errors.append(exc)
    # User-facing and always Swedish (the app's language); details stay in the
    # exception chain and the log, not in the message.
    kind = type(errors[-1]).__name__ if errors else "okänt fel"
    raise PdfRenderError(
        "PDF:en kunde inte skapas. Försök igen, eller korta ner eller ändra texter "
        f"med ovanliga tecken. (Tekniskt fel: {kind})"
    ) from (errors[-1] if errors else None)
