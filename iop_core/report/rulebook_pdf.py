"""A framework's rule text (iop_core.rules.rulebook) as a PDF, for a lawyer's review.

`rulebook_document(fw, today=...)` lays the rulebook out as an iop_core.report.pdf.PdfDocument: a
cover page with the framework, its source and the date, then each step as a heading, its rules
as list items with their marks ("[Ändrat i Mora: …]") and explanations below them.
`rulebook_pdf()` renders it; the same framework on the same day gives the same bytes. Like every
PDF builder here it adds no wording of its own beyond the text table (iop_core.i18n) and raises
only iop_core.report.pdf.PdfRenderError. No Streamlit here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from iop_core.clock import today as swedish_today
from iop_core.format import format_date
from iop_core.i18n import t
from iop_core.report.pdf import (
    Block,
    Bullets,
    Heading,
    Paragraph,
    PdfDocument,
    render_pdf,
)
from iop_core.rules.catalogue import Framework
from iop_core.rules.rulebook import Part, Rulebook, rulebook, source_title


def _part_blocks(part: Part) -> list[Block]:
    blocks: list[Block] = []
    if part.title:
        blocks.append(Heading(text=" ".join([part.title, *part.marks]), level=2))
    blocks += [Paragraph(text=text) for text in part.intro]
    for item in part.items:
        blocks.append(Bullets(items=[item.text]))
        blocks += [Paragraph(text=mark, style="note") for mark in item.marks]
        if item.note:
            blocks.append(Paragraph(text=item.note, style="muted"))
    return blocks


def _blocks(book: Rulebook) -> list[Block]:
    blocks: list[Block] = [Paragraph(text=text) for text in book.intro]
    for section in book.sections:
        blocks.append(Heading(text=section.title, level=1))
        blocks += [Paragraph(text=text) for text in section.paragraphs]
        for part in section.parts:
            blocks += _part_blocks(part)
    return blocks


def rulebook_document(fw: Framework, *, today: date) -> PdfDocument:
    """`fw`'s rule text as a document, in the framework's language."""
    lang = fw.lang
    return PdfDocument(
        title=t("rulebook.pdf_title", lang),
        subtitle=fw.name,
        cover_lines=[t("rulebook.source", lang, source=source_title(fw)),
                     t("rulebook.pdf_date", lang, date=format_date(today, lang))],
        disclaimer=t("rulebook.pdf_disclaimer", lang),
        footer_left=t("rulebook.pdf_footer", lang, framework=fw.short),
        page_label=t("triage.pdf_page", lang),
        blocks=_blocks(rulebook(fw)),
        language=lang,
    )


def rulebook_pdf(fw: Framework, *, today: date | None = None) -> bytes:
    """`fw`'s rule text as PDF bytes. Raises iop_core.report.pdf.PdfRenderError (a message in the
    framework's language) on failure."""
    today = today or swedish_today()
    created = datetime(today.year, today.month, today.day, 12, 0, tzinfo=UTC)
    return render_pdf(rulebook_document(fw, today=today), creation_date=created)


def rulebook_file_name(fw: Framework, extension: str) -> str:
    """"regelverk-mora.pdf" / "regelverk-mora.txt" ("rules-mora.pdf" in English); ASCII, safe as a download name."""
    prefix = "regelverk" if fw.lang == "sv" else "rules"
    return f"{prefix}-{fw.id}.{extension}"
