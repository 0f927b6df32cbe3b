"""The rule text as a PDF (iop_core.report.rulebook_pdf): the cover names the framework, the steps
come in order with their rules and the framework's changes marked, and the bytes are the same for
the same day."""

import io
from datetime import date

from pypdf import PdfReader

from iop_core.report.rulebook_pdf import (
    rulebook_document,
    rulebook_file_name,
    rulebook_pdf,
)
from iop_core.rules.catalogue import frameworks

DAY = date(2026, 12, 6)


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_pdf_holds_the_steps_in_order_and_the_marked_changes():
    data = rulebook_pdf(frameworks()["mora"], today=DAY)
    assert data.startswith(b"%PDF")
    text = _text(data)
    heads = ["Regelverket som text", "Mora kommun", "Steg 1. Kan offentliga pengar gå hit?",
             "Steg 2. Köper den offentliga parten en tjänst?", "Steg 3. Bidrag eller partnerskap?",
             "Vid sidan av: Statsstöd", "Vid sidan av: Den offentliga partens process", "Parametrar Siffrorna"]
    places = [text.find(h) for h in heads]
    assert -1 not in places, [h for h, p in zip(heads, places, strict=True) if p == -1]
    assert places == sorted(places)
    assert "Vem tog initiativet till samarbetet?" in text
    assert "[Ändrat i Mora: allvarlighetsgrad stor risk i stället för varning" in text
    assert "Måste vara uppfyllda" in text and "initiative." not in text


def test_the_same_day_gives_the_same_bytes_and_a_safe_file_name():
    fw = frameworks()["skr"]
    assert rulebook_pdf(fw, today=DAY) == rulebook_pdf(fw, today=DAY)
    assert rulebook_file_name(fw, "pdf") == "regelverk-skr.pdf"
    assert rulebook_file_name(frameworks("en")["vgr"], "txt") == "rules-vgr.txt"


def test_the_document_uses_the_report_layout_with_a_cover():
    doc = rulebook_document(frameworks()["vgr"], today=DAY)
    assert doc.layout == "report" and doc.subtitle == "Västra Götalandsregionen"
    assert "6 december 2026" in " ".join(doc.cover_lines)
    assert doc.disclaimer and doc.language == "sv"
