"""Officer triage: the quick questions, the value-declaration status and the one-page meeting note."""

import io
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from iop_core.rules.catalogue import questions
from iop_core.screening.demo import load_demo
from iop_core.screening.model import MAX_LINE, MAX_TEXT, VALUE_POINTS, Screening
from iop_core.report.pdf import Callout, Paragraph, Table
from iop_core.report.triage import (
    NOTE_LIMITS, ELLIPSIS, meeting_note, meeting_note_pdf, note_file_name, page_count, triage_questions, truncate,
    unanswered, value_declaration_status, value_declaration_text,
)

CREATED = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_triage_asks_the_quick_dozen_from_the_catalogue():
    ids = [q.id.split(".")[-1] for q in triage_questions()]
    assert ids == [
        "initiative_by", "need_defined_by", "public_regulates_detail", "service_responsibility", "payment_model", "sanctions",
        "org_contribution", "private_providers", "planned_years", "joint_learning", "political_mandate", "org_type",
    ]
    assert all(questions()[q.id] is q for q in triage_questions())  # the same fields as the full walk


def test_unanswered_lists_what_the_meeting_did_not_settle():
    s = Screening()
    assert len(unanswered(s)) == len(triage_questions())
    s.initiative.sanctions = False  # "no" is an answer, not a gap
    assert "initiative.sanctions" not in {q.id for q in unanswered(s)}


def test_value_declaration_status_reports_the_model_and_never_confirms_anything():
    s = Screening()
    st0 = value_declaration_status(s, "mora")
    assert (st0.started, st0.confirmed, st0.signed, st0.required) == (False, 0, False, True)
    assert not value_declaration_status(s, "skr").required
    assert s.value_declaration.confirmed == {}  # asking for the status changes nothing

    s.value_declaration.confirmed = {p: True for p in VALUE_POINTS[:5]} | {"6": False}
    st1 = value_declaration_status(s, "mora")
    assert (st1.started, st1.confirmed, st1.total, st1.complete) == (True, 5, len(VALUE_POINTS), False)
    assert value_declaration_text(st1, "Mora") == "5 av 13 punkter intygade, inte underskriven. Mora kräver den före dialogen."

    full = load_demo("genuine_iop")
    assert value_declaration_status(full).complete


def test_unsigned_declaration_demo_shows_its_gap():
    s = load_demo("unsigned_declaration")
    status = value_declaration_status(s)
    assert status.started and not status.complete and status.required


def test_truncate_cuts_visibly_at_a_word_and_by_lines():
    assert truncate("kort text", 100, 5) == ("kort text", False)
    cut, was_cut = truncate("ett två tre fyra fem sex sju", 12, 5)
    assert was_cut and cut.endswith(ELLIPSIS) and len(cut) <= 13 and " " not in cut[-2:]
    cut, was_cut = truncate("a\nb\nc\nd", 100, 2)
    assert was_cut and cut == "a\nb" + ELLIPSIS
    assert truncate("", 10, 1) == ("", False)


def test_meeting_note_has_facts_result_all_frameworks_and_the_officers_texts():
    s = load_demo("disguised_procurement")
    s.meeting.open_questions = "Vem äger lokalen?"
    s.meeting.next_steps = "Föreningen tar fram en budget."
    s.meeting.notes = "Bra möte."
    doc = meeting_note(s, on=date(2026, 11, 24))
    assert doc.layout == "one_page"
    callout = next(b for b in doc.blocks if isinstance(b, Callout))
    assert callout.tone == "danger" and "Rött" in callout.title and "Risk för upphandling" in callout.title
    facts = doc.blocks[[isinstance(b, Table) for b in doc.blocks].index(True)]
    cells = [c for row in facts.rows for c in row]
    assert "Initiativ" in cells and "Kommunen eller regionen" in cells and "Värdegrund" in cells
    text = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    for name in ("SKR", "Mora", "Botkyrka", "VGR", "Helsingborg"):
        assert name in text
    meeting = doc.blocks[-1] if isinstance(doc.blocks[-1], Table) else [b for b in doc.blocks if isinstance(b, Table)][-1]
    assert ["Öppna frågor", "Vem äger lokalen?"] in meeting.rows
    assert ["Överenskomna nästa steg", "Föreningen tar fram en budget."] in meeting.rows


def test_meeting_note_pdf_is_one_page_with_the_content():
    s = load_demo("genuine_iop")
    s.meeting.next_steps = "Kommunen återkommer – före 15 december."
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1
    text = _text(pdf)
    assert "Mötesanteckning" in text and "Grönt" in text and "IOP verkar möjligt" in text
    assert "Kommunen återkommer – före 15 december." in text
    assert "inte ett juridiskt besked" in text and "Sida 1 av 1" in text


def test_long_notes_are_cut_visibly_and_still_fit_one_page():
    s = load_demo("disguised_procurement")
    s.organisation.name = "Föreningen " + "Ö" * (MAX_LINE - 11)
    s.organisation.public_partner = "W" * MAX_LINE
    s.meeting.open_questions = "Fråga?\n" * (MAX_TEXT // 7)
    s.meeting.next_steps = "x" * MAX_TEXT
    s.meeting.notes = ("Långt ord " * MAX_TEXT)[:MAX_TEXT]
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert page_count(pdf) == 1
    text = _text(pdf)
    assert ELLIPSIS in text and "Hela texten finns i den sparade filen" in text
    assert len(s.meeting.notes) == MAX_TEXT  # the model keeps the full text


def test_an_empty_screening_gives_a_one_page_note_listing_what_is_unanswered():
    pdf = meeting_note_pdf(Screening(), creation_date=CREATED)
    assert page_count(pdf) == 1
    text = " ".join(_text(pdf).split())
    assert "Organisation inte angiven" in text and "Obesvarat i triagen" in text and "Osäkert" in text


def test_the_first_limits_are_used_when_they_fit():
    s = load_demo("genuine_iop")
    s.meeting.notes = "Anteckning. " * 30  # 360 characters: fits the first limits uncut
    text = " ".join(_text(meeting_note_pdf(s, creation_date=CREATED)).split())
    assert ELLIPSIS not in text and text.count("Anteckning.") == 30
    assert NOTE_LIMITS[0].chars[2] >= 360


def test_same_input_same_bytes():
    s = load_demo("grant_fits_better")
    assert meeting_note_pdf(s, creation_date=CREATED) == meeting_note_pdf(s, creation_date=CREATED)


def test_note_file_name_reuses_the_save_slug():
    s = load_demo("genuine_iop")
    assert note_file_name(s, date(2026, 11, 24)) == "motesanteckning-iop-foreningen-laxhjalp-i-gransbyn-fiktiv-2026-11-24.pdf"


hostile = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=2_000,
) | st.sampled_from(["**fett** __x__ {nb}", "שלום עולם 123", "مرحبا بالعالم", "." * 1_500, "😀" * 300, "\x00\x07\u202e"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=hostile, steps=hostile, name=st.text(max_size=MAX_LINE))
def test_any_text_gives_one_page(notes, steps, name):
    s = load_demo("public_pays_all")
    s.organisation.name = name.strip()[:MAX_LINE]
    s.meeting.notes = notes
    s.meeting.next_steps = steps
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1


@pytest.mark.parametrize("case_id", ["genuine_iop", "disguised_procurement", "grant_fits_better",
                                     "unsigned_declaration", "public_pays_all", "commercial_competition"])
def test_every_demo_case_gives_a_one_page_note(case_id):
    assert page_count(meeting_note_pdf(load_demo(case_id), creation_date=CREATED)) == 1
