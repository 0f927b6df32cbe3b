"""Render a structured document to PDF bytes (fpdf2). Pure: no Streamlit, no per-user state.

Usage::

    doc = PdfDocument(title="Avtalsunderlag", blocks=[Heading(text="Bakgrund"), Paragraph(text="...")])
    data = render_pdf(doc)            # bytes starting with b"%PDF"

**A Block** is one of Heading (level 1, 2, or 3: a bold label in body size), Paragraph (normal,
muted or a small note), Bullets, Table (header row, rows of text cells, relative column widths,
right-aligned number columns), Callout (a tinted box with a title; tone info, warning, danger or success) and
PageBreak. Blocks are plain pydantic data (model.py), discriminated by ``kind``, so a document
can come from JSON. A PdfDocument adds the title, subtitle, cover lines, disclaimer, footer text,
page label ("Sida {n} av {total}"), language and layout ("report": a cover page, then the
blocks; "one_page": a compact header, the blocks, the disclaimer last).

**What render_pdf() guarantees**

* It never fails on text. Every string is treated as user text: cleaned (clean_text: NFC; no
  control, surrogate, private-use or bidi-override characters) and capped (20 000 characters,
  4 000 in a table cell); markdown and ``{nb}`` are printed literally. It raises only
  FontNotFoundError (DejaVu Sans is not installed: the message names the operator's fix) and
  PdfRenderError (one sentence for the user, in the document's language) — nothing else.
* Nothing typed is silently lost: a cell too tall for a page is cut to "… [n]" and note n after
  the table holds the full text; a table fpdf2 cannot draw becomes one small block per row; any
  other block it cannot lay out (canvas.LAYOUT_ERRORS) is rolled back and printed as plain text;
  a pass that fails anyway is rerun once in safe mode (no text shaping, no fallback fonts).
* Bounded time: linear in the amount of text. Texts are capped, a block is tried at most twice
  (shaped, then plain; shaping only for right-to-left script) plus one plain fallback, a
  document at most twice; nothing is laid out again to make it fit.
* Deterministic: the same document and creation_date give the same bytes.
* Page layout: "Sida N av M" on every page with the exact total (drawn after layout). A heading
  stays on the page with the start of what follows it: two lines of text, a table's header and
  first two rows, a box's title and first lines, or all of a small table or box; so does a short
  text ending in ":" that introduces a table or list. A table or box up to a quarter of a page
  (style.KEEP_WHOLE) moves whole to the next page; a larger one splits where the page ends:
  tables between rows with the header row repeated, texts and boxes between lines, never leaving
  one line alone overleaf. So a page other than the last ends at most about a third empty,
  unless a PageBreak asks for more. Table columns widen to their longest word where others have
  room.

**What it does not do**: no judgement or wording (report.build and report.triage write the
text); no images, links, hyphenation, justified text or cell spans; a table row never splits
across pages (hence the cut at TALL_ROW); right-to-left text is shaped (uharfbuzz) but the page
stays left-to-right; a glyph no installed font has is left blank (the log names the font, not
the characters); the one_page layout does not enforce one page (what does not fit flows onto
the next page like any text; the caller chooses what to put on it).

Modules: model (the blocks), text (cleaning), fonts (finding DejaVu and the fallbacks), style
(sizes, colours, KEEP_WHOLE), canvas (fpdf2 surface: shaping retry, rollback, footers), tables,
flow (blocks onto pages, keep-together, fallback), cover, render (the two passes).
"""

from __future__ import annotations

from iop_core.report.pdf.fonts import FontPaths, find_fonts
from iop_core.report.pdf.model import (
    Block,
    Bullets,
    Callout,
    FontNotFoundError,
    Heading,
    PageBreak,
    Paragraph,
    PdfDocument,
    PdfRenderError,
    Table,
)
from iop_core.report.pdf.render import render_pdf
from iop_core.report.pdf.text import clean_text

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
