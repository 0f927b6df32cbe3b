"""render_pdf(): one pass over the document, a second "safe mode" pass if the first fails."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from iop_core.i18n import t
from iop_core.report.pdf import cover
from iop_core.report.pdf.canvas import Canvas
from iop_core.report.pdf.flow import Flow
from iop_core.report.pdf.fonts import find_fonts
from iop_core.report.pdf.model import FontNotFoundError, PdfDocument, PdfRenderError
from iop_core.report.pdf.style import MARGIN_L
from iop_core.report.pdf.text import clean_text, one_line

log = logging.getLogger(__name__)

PRODUCER = "IOP-screening (fpdf2)"
_LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}")


def _language(doc: PdfDocument) -> str:
    return doc.language if _LANG_RE.fullmatch(doc.language or "") else "sv"


def _build(doc: PdfDocument, created: datetime, *, safe_mode: bool) -> bytes:
    """One rendering pass. safe_mode: no text shaping and no fallback fonts."""
    lang = _language(doc)
    label = clean_text(doc.page_label, 200) or "{n} / {total}"
    canvas = Canvas(find_fonts(), safe_mode=safe_mode, footer_left=one_line(doc.footer_left, 300),
                    page_label=" ".join(label.split()))
    canvas.set_creation_date(created)
    canvas.set_producer(PRODUCER)
    canvas.set_creator(PRODUCER)
    canvas.set_title(one_line(doc.title, 300))
    if doc.subtitle:
        canvas.set_subject(one_line(doc.subtitle, 300))
    canvas.set_lang(lang)
    flow = Flow(canvas, lang[:2].lower())
    if doc.layout == "one_page":
        cover.compact_header(flow, doc)
    else:
        cover.cover(flow, doc)
        if doc.blocks:
            canvas.add_page()
    flow.render(doc.blocks)
    canvas.set_left_margin(MARGIN_L)
    if doc.layout == "one_page":
        cover.closing_disclaimer(flow, doc)
    canvas.draw_footers()
    return bytes(canvas.output())


def render_pdf(doc: PdfDocument, *, creation_date: datetime | None = None) -> bytes:
    """Render *doc* to PDF bytes.

    The same document and the same *creation_date* give byte-identical output
    (None = now). Raises :class:`FontNotFoundError` if DejaVu Sans is missing
    and :class:`PdfRenderError` if the document cannot be rendered even in the
    simplified safe mode; never anything else.
    """
    created = creation_date or datetime.now(UTC)
    failure: BaseException | None = None
    for safe_mode in (False, True):
        try:
            return _build(doc, created, safe_mode=safe_mode)
        except FontNotFoundError:
            raise
        # The one catch-all of the package. fpdf2, fontTools and uharfbuzz are large and raise
        # assorted errors (KeyError, IndexError, AssertionError, struct.error …) on inputs nobody
        # has tried; the blocks already catch what they are known to raise (canvas.LAYOUT_ERRORS).
        # The contract is that a failed PDF is one PdfRenderError the page can show, never a
        # stack trace and never a lost screening; the class name goes to the log, not user text.
        except Exception as exc:  # noqa: BLE001 - the one catch-all, see above
            log.warning("PDF rendering failed (safe_mode=%s): %s", safe_mode, type(exc).__name__)
            failure = exc
    kind = type(failure).__name__
    raise PdfRenderError(t("pdf.render_failed", _language(doc)[:2].lower(), kind=kind)) from failure
