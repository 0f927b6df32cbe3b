"""Officer triage: the quick questions, the value-declaration status and the meeting note."""

import io
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from iop_core.report.pdf import Callout, Heading, Paragraph, Table
from iop_core.report.triage import (
    meeting_note,
    meeting_note_pdf,
    note_file_name,
    page_count,
    triage_questions,
    unanswered,
    value_declaration_status,
    value_declaration_text,
)
from iop_core.rules.catalogue import questions
from iop_core.screening.demo import demo_cases, load_demo
from iop_core.screening.model import MAX_LINE, MAX_TEXT, VALUE_POINTS, Screening
from tests.support.pdf import fill, page_lines

CREATED = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


FOOTER = re.compile(r"IOP-screening · mötesanteckning\s*Sida \d+ av \d+\s*$")


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _flat(pdf: bytes) -> str:
    """The note's text without footers or whitespace (a line may break anywhere in a long word)."""
    return "".join("".join(FOOTER.sub("", p.extract_text()).split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _whole(typed: str, pdf_flat: str) -> bool:
    return "".join(typed.split()) in pdf_flat


def _prose(tag: str, n: int) -> str:
    """Exactly n characters of numbered words (so order and gaps show), Swedish letters, a full stop
    and a line break every 15 words."""
    words, i = [], 0
    while sum(len(w) + 1 for w in words) < n:
        i += 1
        words.append(f"{tag}{i}åäö" + (".\n" if i % 15 == 0 else ","))
    return " ".join(words)[:n].strip()


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
    assert "Initiativ" in cells and "Kommunen eller regionen" in cells
    text = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    assert "Värdegrund: 13 av 13 punkter intygade" in text
    for name in ("SKR", "Mora", "Botkyrka", "VGR", "Helsingborg"):
        assert name in text
    said = [(h.text, p.text) for h, p in zip(doc.blocks, doc.blocks[1:], strict=False) if isinstance(h, Heading)]
    assert said == [("Öppna frågor", "Vem äger lokalen?"), ("Överenskomna nästa steg", "Föreningen tar fram en budget."),
                    ("Anteckningar", "Bra möte.")]


def test_meeting_note_pdf_is_one_page_with_the_content():
    s = load_demo("genuine_iop")
    s.meeting.next_steps = "Kommunen återkommer – före 15 december."
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1
    text = _text(pdf)
    assert "Mötesanteckning" in text and "Grönt" in text and "IOP verkar möjligt" in text
    assert "Kommunen återkommer – före 15 december." in text
    assert "inte ett juridiskt besked" in text and "Sida 1 av 1" in text


def test_a_fully_answered_case_keeps_short_notes_and_the_names_whole():
    """Issue #23.1: three short notes came out as ~40 characters and the names were cut."""
    s = load_demo("public_pays_all")
    assert not unanswered(s)
    s.organisation.name = "Stiftelsen Gränsbygdens härbärge och sociala arbete för hemlösa i Norra Dalarna (fiktiv)"
    s.organisation.public_partner = "Gränsby kommun, socialnämnden och arbetsmarknadsnämnden gemensamt (fiktiv)"
    s.meeting.open_questions = ("Är härbärget en del av socialtjänstens uppdrag eller föreningens eget initiativ? "
                                "Vem står för lokalen och vem bär ansvaret om verksamheten växer?")
    s.meeting.next_steps = ("Föreningen skickar stadgar, verksamhetsplan och en budget med eget bidrag före "
                            "nästa möte den 15 januari; kommunen tar fram politiskt beslut.")
    s.meeting.notes = ("Båda parter vill fortsätta dialogen. Kommunen återkommer om lokalfrågan "
                       "och om hur uppföljningen ska gå till, utan sanktioner.")
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    flat, text = _flat(pdf), _text(pdf)
    for typed in (s.organisation.name, s.organisation.public_partner, s.meeting.open_questions,
                  s.meeting.next_steps, s.meeting.notes):
        assert _whole(typed, flat), typed
    assert "…" not in text and "förkortad" not in text
    pages = page_lines(pdf)
    assert len(pages) <= 2 and fill(pages[0]) > 0.85  # the notes start in the room page 1 has
    assert "Öppna frågor" in " ".join(x.text for x in pages[0])


def test_the_longest_notes_continue_on_the_next_pages_with_every_character():
    s = load_demo("disguised_procurement")
    s.organisation.name = ("Föreningen Ö " + "Långnamn " * 40)[:MAX_LINE].strip()
    s.organisation.public_partner = ("Kommunen W " + "Nämnd " * 60)[:MAX_LINE].strip()
    s.meeting.open_questions = _prose("fråga", MAX_TEXT)
    s.meeting.next_steps = _prose("steg", MAX_TEXT)
    s.meeting.notes = _prose("anteckning", MAX_TEXT)
    assert len(s.meeting.notes) == MAX_TEXT and len(s.organisation.name) == MAX_LINE
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    flat = _flat(pdf)
    for typed in (s.organisation.name, s.organisation.public_partner, s.meeting.open_questions,
                  s.meeting.next_steps, s.meeting.notes):
        assert _whole(typed, flat)
    assert "…" not in _text(pdf)
    pages = page_lines(pdf)
    assert 8 <= len(pages) <= 16 and f"Sida {len(pages)} av {len(pages)}" in _text(pdf)
    assert [n for n, lines in enumerate(pages[:-1], start=1) if fill(lines) < 0.85] == []  # no page left half empty


@pytest.mark.parametrize("sizes", [(0, 0, 2_500), (900, 900, 900)])
def test_a_note_longer_than_the_room_left_starts_on_page_one_and_goes_on_overleaf(sizes):
    """One long text, or three that would fit the compact table but not one page: the texts flow."""
    s = load_demo("genuine_iop")
    s.meeting.open_questions, s.meeting.next_steps, s.meeting.notes = (
        _prose(tag, n) for tag, n in zip(("fråga", "steg", "anteckning"), sizes, strict=True))
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    pages = page_lines(pdf)
    assert len(pages) == 2 and fill(pages[0]) > 0.9
    first, second = (" ".join(x.text for x in p) for p in pages)
    assert "anteckning1åäö" in first or "fråga1åäö" in first
    last = re.findall(r"anteckning\d+åäö", s.meeting.notes)[-1]
    assert last in second and last not in first
    assert all(_whole(typed, _flat(pdf)) for typed in (s.meeting.open_questions, s.meeting.next_steps, s.meeting.notes))


def test_an_empty_screening_gives_a_one_page_note_listing_what_is_unanswered():
    pdf = meeting_note_pdf(Screening(), creation_date=CREATED)
    assert page_count(pdf) == 1
    text = " ".join(_text(pdf).split())
    assert "Organisation inte angiven" in text and "Obesvarat i triagen" in text and "Osäkert" in text


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
def test_any_text_gives_a_note(notes, steps, name):
    s = load_demo("public_pays_all")
    s.organisation.name = name.strip()[:MAX_LINE]
    s.meeting.notes = notes
    s.meeting.next_steps = steps
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert pdf.startswith(b"%PDF") and 1 <= page_count(pdf) <= 4


@pytest.mark.parametrize("case_id", [c.id for c in demo_cases()])
def test_every_demo_case_with_one_line_notes_gives_a_one_page_note(case_id):
    s = load_demo(case_id)
    s.meeting.open_questions = "Är härbärget en del av socialtjänstens uppdrag eller föreningens eget initiativ?"
    s.meeting.next_steps = "Föreningen skickar stadgar och budget före nästa möte den 15 januari."
    s.meeting.notes = "Båda parter vill fortsätta dialogen. Kommunen återkommer om lokalfrågan."
    pdf = meeting_note_pdf(s, creation_date=CREATED)
    assert page_count(pdf) == 1
    assert all(_whole(typed, _flat(pdf)) for typed in (s.meeting.open_questions, s.meeting.next_steps, s.meeting.notes))
