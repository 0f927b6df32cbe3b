"""PDFs in tests: documents made for the renderer (a realistic one, one of a few blocks, text known
to break PDF libraries) and PDFs read back (text per page, all text folded, the lines of each page
with their place, size and weight)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from pypdf import PdfReader

from iop_core.report.pdf import Bullets, Callout, Heading, Paragraph, PdfDocument, Table, render_pdf

FIXED = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SWEDISH = "Årsredovisning för Örebro – “Ändamål” på 1 200 € … åäö ÅÄÖ"


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def render(doc: PdfDocument) -> bytes:
    data = render_pdf(doc, creation_date=FIXED)
    assert data.startswith(b"%PDF")
    return data


def doc_with(*blocks, **kw) -> PdfDocument:
    return PdfDocument(title=kw.pop("title", "Test"), blocks=list(blocks), **kw)


def realistic_doc() -> PdfDocument:
    para = (
        "Föreningen Gemensam Grund bedriver sedan 2014 verksamhet för nyanlända familjer i Örebro. "
        "Verksamheten bygger på ideella insatser – läxhjälp, språkcaféer och “öppet hus” – och "
        "finansieras i dag av projektbidrag på 450 000 € … "
    )
    rows = [
        [f"Post {i}: Lokalhyra för språkcafé", f"{i * 12_500:,}".replace(",", " "), "Kommunen", "Ja"]
        for i in range(1, 41)
    ]
    return PdfDocument(
        title="Underlag för idéburet offentligt partnerskap",
        subtitle="Självskattning – IOP-screening",
        cover_lines=["Organisation: Föreningen Gemensam Grund", "Ramverk: Örebro kommun", "Datum: 2025-03-14"],
        disclaimer="Detta är ett stöd för dialog och ersätter inte en juridisk bedömning.",
        footer_left="IOP-screening · Föreningen Gemensam Grund",
        blocks=[
            Heading(text="1. Sammanfattning"),
            Paragraph(text=para * 4),
            Callout(tone="success", title="Bedömning", text="Förutsättningar för IOP finns."),
            Heading(text="1.1 Styrkor", level=2),
            Bullets(items=["Tydligt allmännyttigt syfte (§ 2).", SWEDISH, para]),
            Callout(tone="warning", title="Komplettera", text="Verksamhetsberättelse saknas."),
            Paragraph(text="Not: beloppen är avrundade.", style="note"),
            Heading(text="2. Budget"),
            Table(
                headers=["Post", "Belopp (kr)", "Finansiär", "Beviljat"],
                rows=rows,
                col_widths=[4, 1.5, 1.6, 1.2],
                align_right=[False, True, False, False],
            ),
            Heading(text="3. Övrigt"),
            Paragraph(text=para * 10, style="muted"),
            Callout(tone="danger", text="Risk för upphandlingsplikt enligt LOU."),
        ],
    )


def flat(data: bytes) -> str:
    """All text, with line breaks folded to spaces (wrapped lines join again)."""
    return re.sub(r"\s+", " ", " ".join(page_texts(data)))


# Text known to make a PDF library fail: right-to-left scripts, emoji with modifiers and flags.
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
EMOJI = "✅ 👍🏽 🇸🇪 😀"


# --- the lines of each page: where a text sits and how it is set -------------------------------

PT = 72 / 25.4  # PDF points per mm
TOP = 297 * PT - 20 * PT  # first baseline is just below this (A4, 20 mm top margin)
BOTTOM = 22 * PT  # bottom margin; the footer sits below it
FOOTER = 16 * PT  # text below this is the footer


@dataclass(frozen=True)
class Line:
    y: float  # baseline, PDF points from the bottom
    size: float
    bold: bool
    text: str

    @property
    def heading(self) -> bool:
        return self.bold and self.size >= 12


def page_lines(data: bytes) -> list[list[Line]]:
    """The text lines of each page (footer left out), top to bottom."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines: list[Line] = []

        def visit(text, cm, tm, font, size, lines=lines):
            if text.strip() and tm[5] > FOOTER:
                lines.append(Line(tm[5], size, "Bold" in str((font or {}).get("/BaseFont", "")), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(lines, key=lambda x: -x.y))
    return pages


def fill(lines: list[Line]) -> float:
    """Share of the page's text area used, from the top margin to the lowest line."""
    return (TOP - min(x.y for x in lines)) / (TOP - BOTTOM) if lines else 0.0
