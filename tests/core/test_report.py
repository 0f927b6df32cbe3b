"""iop_core.report.build: the whole report as a PDF, read back with pypdf.

Property-based part: arbitrary Unicode in every text field of the Screening still gives a PDF.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import typing
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from pydantic import BaseModel
from pypdf import PdfReader

from iop_core.report.build import build_report, build_report_pdf, report_file_name
from iop_core.screening.model import MAX_LINE, MAX_TEXT, Screening, set_fact
from tests.support import ROOT
from tests.support.pdf import flat
from tests.support.screenings import demo

TODAY = date(2026, 11, 24)


def pages(data: bytes) -> list[str]:
    return [(p.extract_text() or "").replace("\u00a0", " ") for p in PdfReader(io.BytesIO(data)).pages]


@cache
def genuine_pdf() -> bytes:
    return build_report_pdf(demo("genuine_iop"), today=TODAY)


def test_the_report_has_every_section_in_order():
    text = flat(genuine_pdf())
    headings = ["1. Sammanfattning", "2. Nästa steg", "3. Iakttagelser", "4. Så skiljer sig ramverken",
                "5. Budget och samfinansiering", "6. Dokument", "7. Värdegrundsförklaring", "8. Avtalsutkast"]
    positions = [text.find(h) for h in headings]
    assert all(p > 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)


def test_the_cover_names_organisation_framework_date_and_the_disclaimer():
    first = re.sub(r"\s+", " ", pages(genuine_pdf())[0])
    assert "Underlag inför ett idéburet offentligt partnerskap" in first
    assert "Föreningen Läxhjälp i Gränsbyn (fiktiv)" in first
    assert "Ramverk: SKR (nationell vägledning)" in first
    assert "Datum: 24 november 2026" in first
    assert "inte ett juridiskt besked" in first
    assert "inte en ansökan" in first and "VGR Ett IOP" in first


def test_page_numbers_say_sida_n_av_m():
    texts = pages(genuine_pdf())
    total = len(texts)
    for n, text in enumerate(texts, start=1):
        assert f"Sida {n} av {total}" in text


def test_findings_carry_their_citations_and_next_steps():
    text = flat(genuine_pdf())
    assert "Talar för IOP: Initiativet kom från organisationen eller från er tillsammans" in text
    assert "Källa: SKR 4.4.4; SKR 4.4.1" in text
    assert "Nästa steg: Beskriv i avtalsutkastet hur idén växte fram." in text
    assert "Era svar: Vem tog initiativet till samarbetet? Organisationen" in text


def test_budget_figures_and_the_cofinancing_split():
    text = flat(genuine_pdf())
    assert "Offentlig part 2 250 000 kr 700 000 kr 2 950 000 kr 48,8 %" in text
    assert "Organisationen 300 000 kr 2 800 000 kr 3 100 000 kr 51,2 %" in text
    assert "Totalt 2 550 000 kr 3 500 000 kr 6 050 000 kr 100 %" in text
    assert "Ideellt arbete räknas till 300 kr per timme" in text
    assert "1 januari 2027 – 31 december 2031" in text


def test_documents_and_value_declaration_status():
    text = flat(genuine_pdf())
    assert "Stadgar, bolagsordning eller motsvarande" in text and "Lämnas senare" in text
    assert "13 av 13 punkter är intygade." in text
    assert "Undertecknad av Anna Lind, Ordförande, Föreningen Läxhjälp i Gränsbyn (fiktiv), den 2 mars 2026." in text


def test_swedish_characters_survive_the_round_trip():
    s = demo("genuine_iop")
    s.initiative.goal = "Åsa, Örjan och Ärla – ”Läxhjälp” för 1 200 € … åäö ÅÄÖ é ü"
    text = flat(build_report_pdf(s, today=TODAY))
    assert "Åsa, Örjan och Ärla – ”Läxhjälp” för 1 200 € … åäö ÅÄÖ é ü" in text


@pytest.mark.parametrize("fid, heading", [
    ("skr", "7 Parternas insatser – samfinansiering"),
    ("botkyrka", "12 Förändringar, rätt att lämna projektet och återbetalning"),
    ("mora", "12 Ekonomi, fakturaadress"),
    ("vgr", "10 Hävning och tvist"),
    ("helsingborg", "2.3.1 Avtalspartner"),
])
def test_the_outline_of_the_chosen_framework(fid, heading):
    text = flat(build_report_pdf(demo("genuine_iop"), fid, today=TODAY))
    assert heading in text
    assert "Vägledning:" in text


def test_the_outline_prints_user_edits_and_word_hits():
    s = demo("genuine_iop")
    s.agreement.sections = {"renegotiation": "Vid försening utgår vite."}
    text = flat(build_report_pdf(s, today=TODAY))
    assert "Vid försening utgår vite." in text
    assert "Ordval att se över: ”vite”: välj hellre ”återbetalning” i stället för ”vite”." in text


def test_the_comparison_section_explains_mora_versus_botkyrka():
    text = flat(build_report_pdf(demo("initiative_by_municipality"), today=TODAY))
    assert "Så skiljer sig ramverken" in text
    assert "Mora och Helsingborg: stor risk, pekar mot upphandling (Mora Checklista för inkomna IOP-initiativ punkt 1" in text
    assert "Botkyrka: information, pekar inte åt något håll (Botkyrka När kan ett partnerskap ingås? punkt 1)" in text


def test_same_input_same_day_same_bytes():
    s = demo("disguised_procurement")
    assert build_report_pdf(s, today=TODAY) == build_report_pdf(s.model_copy(deep=True), today=TODAY)


def test_an_empty_screening_still_gives_a_readable_report():
    text = flat(build_report_pdf(Screening(), today=TODAY))
    assert "Organisation inte angiven" in text
    assert "Ingen budget är ifylld ännu." in text
    assert "Inte ifyllt ännu – att diskutera tillsammans." in text


def test_the_document_model_is_the_same_text_twice():
    a = build_report(demo("genuine_iop"), today=TODAY)
    b = build_report(demo("genuine_iop"), today=TODAY)
    assert a == b


def test_file_name_is_ascii():
    s = demo("genuine_iop")
    assert report_file_name(s, TODAY) == "iop-underlag-foreningen-laxhjalp-i-gransbyn-fiktiv-2026-11-24.pdf"
    assert report_file_name(Screening(), TODAY) == "iop-underlag-2026-11-24.pdf"


def test_cli_builds_the_pdf_for_a_saved_screening(tmp_path):
    out = tmp_path / "underlag.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "iop_core", "pdf", str(ROOT / "assets/demo_cases/genuine_iop.json"),
         "-o", str(out), "--framework", "mora"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert "Det skriftliga partnerskapet – disposition efter Mora kommuns riktlinje" in flat(data)


# --------------------------------------------------------------------------- robustness


HOSTILE = [
    "Föreningen Ödmjuk & Co – ”Läxhjälp” för 1 200 € …",
    "👍🏽✅🇸🇪 " * 40,
    "שלום עולם 123 · مرحبا بالعالم",
    "." * 1500,  # >= 1000 bidi-neutral characters: RecursionError vector with shaping
    "a" * 3000,  # one very long word
    "x\x00y\x07z\u200b\ufffe\U000f0000",  # control, zero-width, non-character and private-use code points
    "**fet** __understruken__ {nb} {total} <b>html</b> [länk](http://example.org)",
]


def _text_paths(model: type[BaseModel], prefix: str = "") -> list[tuple[str, int]]:
    """Every plain str field of the Screening tree with its max length (dotted paths)."""
    out = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if typing.get_origin(ann) in (dict, list):  # documents, sections, budget lines: set separately
            continue
        args = typing.get_args(ann)
        inner = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), ann)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out += _text_paths(inner, f"{prefix}{name}.")
        elif ann is str:
            limit = next((m.max_length for m in field.metadata if getattr(m, "max_length", None)), MAX_TEXT)
            out.append((f"{prefix}{name}", limit))
    return out


TEXT_PATHS = [p for p in _text_paths(Screening) if p[0] not in ("demo_case",)]


def test_every_text_field_is_covered():
    paths = {p for p, _ in TEXT_PATHS}
    assert {"organisation.name", "initiative.challenge", "budget.terms.surplus_handling",
            "value_declaration.signer_name", "agreement.contact_public", "meeting.notes"} <= paths


def _hostile_screening(texts: list[str]) -> Screening:
    s = demo("genuine_iop")
    for (path, limit), text in zip(TEXT_PATHS, texts, strict=True):
        value = text[:limit]
        set_fact(s, path, value.strip() if limit == MAX_LINE else value)
    s.documents["statutes"].reason = texts[0][:MAX_LINE]  # a reason is one line (DocumentEntry.reason)
    s.agreement.sections = {"goal": texts[-1][:MAX_TEXT], "parties": texts[0][:MAX_TEXT]}
    s.budget.lines[0].note = texts[1][:MAX_LINE].strip()
    return s


@pytest.mark.parametrize("text", HOSTILE)
def test_known_crash_vectors_in_every_field(text):
    s = _hostile_screening([text] * len(TEXT_PATHS))
    data = build_report_pdf(s, today=TODAY)
    assert data.startswith(b"%PDF")


def test_ten_thousand_characters_in_every_long_field():
    words = ("Läxhjälp åäö ÅÄÖ – ”citat” " * 400)[:MAX_TEXT]
    s = _hostile_screening([words] * len(TEXT_PATHS))
    text = flat(build_report_pdf(s, today=TODAY))
    assert "Läxhjälp åäö ÅÄÖ – ”citat”" in text
    assert "\ufffd" not in text  # no replacement characters for Swedish text


unicode_text = hs.text(hs.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400) | hs.sampled_from(HOSTILE)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hs.lists(unicode_text, min_size=len(TEXT_PATHS), max_size=len(TEXT_PATHS)))
def test_arbitrary_unicode_in_every_text_field_still_builds(texts):
    data = build_report_pdf(_hostile_screening(texts), today=TODAY)
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 8


# --------------------------------------------------------------------------- English


@cache
def english_pdf() -> bytes:
    s = demo("genuine_iop")
    s.language = "en"
    return build_report_pdf(s, today=TODAY)


def test_the_english_report_has_english_headings_page_labels_and_budget_words():
    text = flat(english_pdf())
    headings = ["1. Summary", "2. Next steps", "3. Findings", "4. How the frameworks differ",
                "5. Budget and co-financing", "6. Documents", "7. Value declaration", "8. Draft agreement"]
    positions = [text.find(h) for h in headings]
    assert all(p > 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    assert "Page 1 of" in text and "Date: 24 November 2026" in text
    assert "Public party" in text and "The organisation" in text and "Volunteer work" in text
    assert "SEK 6,050,000" in text and "48.8%" in text and "400 hours" in text
    assert "1 January 2027 – 31 December 2031" in text
    assert "not an application" in text and "1 Parties" in text and "8 Budget" in text
    assert "The partnership is run without a profit motive." in text
    assert "Before the dialogue starts, the public party" in text  # who decides (SKR 2.1)


def test_the_english_report_has_no_swedish_ui_words():
    text = flat(english_pdf())
    for word in ("Sammanfattning", "Sida", "Nästa steg", "Iakttagelser", "Avtalsutkast", "Offentlig part",
                 "Organisationen", "Ideellt arbete", "Vägledning:", "november", " kr ", " kr.", "Parter ",
                 "Partnerskapet bedrivs", "Samhällsutmaningen", "Den samlade budgeten"):
        assert word not in text, word


def test_the_english_outline_keeps_the_swedish_headings_of_local_frameworks():
    s = demo("genuine_iop")
    s.language = "en"
    text = flat(build_report_pdf(s, "helsingborg", today=TODAY))
    assert "2.3.1 Contracting partners (Avtalspartner)" in text
    assert "Helsingborg 2.3.1" in text  # citations are not translated


def test_english_file_name():
    s = demo("genuine_iop")
    s.language = "en"
    assert report_file_name(s, TODAY) == "iop-report-foreningen-laxhjalp-i-gransbyn-fiktiv-2026-11-24.pdf"
    assert report_file_name(Screening(), TODAY, "en") == "iop-report-2026-11-24.pdf"


def test_long_words_in_budget_and_document_tables_are_not_broken_in_the_middle():
    """Issue #13 point 12: "omsorgsnäm nden", "Medlemsavgi fter" – a column gets the width of its
    longest word, taken from columns with room to spare."""
    from iop_core.budget.editor import grid_results, grid_rows, with_results

    s = demo("genuine_iop")
    new = [{"party": "other", "category": "annat", "other_text": "Medlemsavgifter", "kind": "money", "unit": "kr",
            "quantity": "1", "unit_value": "20 000", "year": "2027"},
           {"party": "public", "category": "annat", "other_text": "Bidrag från omsorgsnämnden", "kind": "money",
            "unit": "kr", "quantity": "1", "unit_value": "5 000", "year": "2027"}]
    rows = grid_rows(s.budget, 2)  # typed into the grid's two empty rows below the budget's own
    typed = {str(len(rows) - 2 + i): row for i, row in enumerate(new)}
    s.budget = with_results(s.budget, (r for _, r in grid_results(rows, {"edited_rows": typed}, s.budget)))
    assert not s.budget.drafts
    text = flat(build_report_pdf(s, today=TODAY))
    for word in ("Medlemsavgifter", "omsorgsnämnden"):
        assert word in text
        broken = [f"{word[:k]} {word[k:]}" for k in range(3, len(word) - 2)]
        assert not [b for b in broken if b in text], word
