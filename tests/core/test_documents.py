"""iop_core.documents: required documents per framework (register), uploads into the model (uploads), the
value declaration (declaration).

All files are real and made here, in memory (fpdf2, pypdf, a hand-built PNG): nothing on disk.
The byte-level checks themselves are tested in depth in test_upload_check.py; these tests follow a
file through the documents step: verdict, Swedish message, what lands in the Screening and the
FileStore, and that a bad upload changes nothing.
"""

from __future__ import annotations

import copy
import hashlib
import io
import pickle
from datetime import date, datetime

import pytest
from pypdf import PdfWriter

from iop_core.documents.checklist import (
    document_rows,
    document_state,
    framework_note,
    optional_documents,
    outstanding_documents,
    required_documents,
    set_reason,
    set_status,
    statutes_rows,
)
from iop_core.documents.declaration import (
    declaration,
    declaration_context,
    declaration_intro,
    declaration_status,
    point_state,
    set_point,
    signature_line,
)
from iop_core.documents.upload_check import DEFAULT_MAX_UPLOAD_MB, check_upload
from iop_core.documents.uploads import (
    FileStore,
    accept_upload,
    max_upload_bytes,
    meta_from_check,
    remove_upload,
)
from iop_core.rules.assessment import assess
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import VALUE_POINTS, DocumentEntry, Screening, ValueDeclaration
from iop_core.screening.persistence import dump_screening, load_screening
from tests.support.files import make_pdf, make_png

NOW = datetime(2026, 11, 24, 9, 30)
MIB = 1024 * 1024


# --------------------------------------------------------------------------- real small files


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(1)))
    writer.encrypt(user_password="hemligt", owner_password="hemligt", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = make_pdf(3)

# name, data, accepted?, words the Swedish message must contain
UPLOADS = {
    "valid_pdf": ("stadgar.pdf", PDF, True, ["PDF", "3 sidor"]),
    "png_renamed": ("stadgar.pdf", make_png(), False, [".pdf", "PNG-bild"]),
    "encrypted_pdf": ("stadgar.pdf", encrypted_pdf(), False, ["lösenordsskyddad", "olåst kopia"]),
    "truncated_pdf": ("stadgar.pdf", PDF[: len(PDF) // 3], False, ["trasig", "ladda upp"]),
    "empty": ("stadgar.pdf", b"", False, ["tom", "0 byte"]),
    "emoji_rtl_name": ("Stadgar \U0001F4C4 \u05e9\u05dc\u05d5\u05dd \u202egpj.pdf", PDF, True, ["PDF"]),
}


@pytest.mark.parametrize("case", sorted(UPLOADS))
def test_upload_verdicts_and_messages(case):
    name, data, ok, words = UPLOADS[case]
    s, store = Screening(framework="mora"), FileStore()
    result = accept_upload(s, store, "statutes", name, data, now=NOW)
    assert result.ok is ok
    for word in words:
        assert word.lower() in result.message.lower(), (case, result.message)
    if ok:
        assert document_state(s, "statutes") == "uploaded"
        assert store.get("statutes") == data
    else:
        assert s.documents == {} and len(store) == 0


def test_an_oversized_file_is_rejected_with_the_limit_named():
    s, store = Screening(), FileStore()
    result = accept_upload(s, store, "statutes", "stadgar.pdf", PDF, max_bytes=len(PDF) - 1, now=NOW)
    assert not result.ok
    assert "för stor" in result.message and "Största tillåtna storlek" in result.message
    assert s.documents == {} and len(store) == 0


def test_default_limit_is_20_mb_and_follows_streamlits_option():
    assert DEFAULT_MAX_UPLOAD_MB == 20
    assert max_upload_bytes() == 20 * MIB
    assert max_upload_bytes(5) == 5 * MIB
    assert max_upload_bytes(None) == max_upload_bytes(0) == 20 * MIB
    just_over = b"%PDF-1.4\n" + b"\x00" * (20 * MIB)
    assert "för stor" in accept_upload(Screening(), FileStore(), "statutes", "a.pdf", just_over).message


def test_only_metadata_reaches_the_screening():
    s, store = Screening(framework="mora"), FileStore()
    accept_upload(s, store, "statutes", "stadgar.pdf", PDF, now=NOW)
    meta = s.documents["statutes"].file
    assert (meta.file_name, meta.kind, meta.pages, meta.size_bytes) == ("stadgar.pdf", "pdf", 3, len(PDF))
    assert meta.sha256 == hashlib.sha256(PDF).hexdigest()
    assert meta.uploaded_at == NOW
    saved = dump_screening(s)
    growth = len(saved) - len(dump_screening(Screening(framework="mora")))
    assert growth < 600 < len(PDF)  # a few lines of metadata; the bytes (in any encoding) would be larger
    assert "%PDF" not in saved and "data" not in s.documents["statutes"].file.model_dump()
    assert load_screening(saved).documents["statutes"] == s.documents["statutes"]


def test_emoji_and_right_to_left_name_is_kept_readable_but_safe():
    name, data, _, _ = UPLOADS["emoji_rtl_name"]
    s = Screening()
    accept_upload(s, FileStore(), "statutes", name, data, now=NOW)
    shown = s.documents["statutes"].file.file_name
    assert "\U0001F4C4" in shown and "\u05e9\u05dc\u05d5\u05dd" in shown
    assert "\u202e" not in shown  # a right-to-left override could disguise the extension
    assert shown.endswith(".pdf")


def test_a_bad_upload_never_removes_earlier_uploads_or_answers():
    s, store = Screening(framework="mora"), FileStore()
    s.statutes.has_statutes = True
    s.statutes.members = 120
    accept_upload(s, store, "statutes", "stadgar.pdf", PDF, now=NOW)
    set_status(s, "audit_report", "missing")
    set_reason(s, "audit_report", "Vi har ingen revisor ännu.")
    before, stored = s.model_dump_json(), store.get("statutes")
    for name, data, ok, _ in UPLOADS.values():
        if not ok:
            for doc in ("statutes", "annual_report", "audit_report"):  # same document, another, a "missing" one
                assert not accept_upload(s, store, doc, name, data, now=NOW).ok
    assert s.model_dump_json() == before
    assert store.get("statutes") == stored and len(store) == 1


def test_replacing_and_removing_a_file():
    s, store = Screening(framework="mora"), FileStore()
    accept_upload(s, store, "annual_report", "gammal.pdf", make_pdf(1), now=NOW)
    accept_upload(s, store, "annual_report", "ny.png", make_png(), now=NOW)
    assert s.documents["annual_report"].file.file_name == "ny.png"
    assert s.documents["annual_report"].file.pages is None
    assert store.get("annual_report") == make_png()
    set_reason(s, "annual_report", "Kommer efter årsmötet.")
    remove_upload(s, store, "annual_report")
    assert document_state(s, "annual_report") == "open"
    assert s.documents["annual_report"].reason == "Kommer efter årsmötet."
    assert "annual_report" not in store


def test_status_later_missing_and_reason():
    s = Screening(framework="mora")
    set_status(s, "audit_report", "missing")
    set_reason(s, "audit_report", "Föreningen är ny.")
    set_status(s, "mission", "later")
    assert document_state(s, "audit_report") == "missing"
    assert document_state(s, "mission") == "later"
    lines = outstanding_documents(s, "mora")
    assert "Revisionsberättelse: finns inte. Skäl: Föreningen är ny." in lines
    assert any(line.startswith("Beskrivning av organisationens verksamhetsidé") and "lämnas senare" in line for line in lines)
    set_status(s, "audit_report", None)
    assert document_state(s, "audit_report") == "open"
    assert s.documents["audit_report"].reason == "Föreningen är ny."  # nothing the user wrote is lost


def test_status_cannot_hide_an_uploaded_file_and_unknown_documents_fail():
    s, store = Screening(), FileStore()
    accept_upload(s, store, "statutes", "stadgar.pdf", PDF, now=NOW)
    with pytest.raises(ValueError):
        set_status(s, "statutes", "later")
    with pytest.raises(KeyError):
        set_status(s, "no_such_document", "later")
    with pytest.raises(KeyError):
        accept_upload(s, store, "no_such_document", "a.pdf", PDF)
    with pytest.raises(ValueError):
        set_status(s, "mission", "uploaded")


def test_too_long_reason_is_refused_without_losing_the_old_one():
    from pydantic import ValidationError

    s = Screening()
    set_reason(s, "mission", "Kort skäl.")
    with pytest.raises(ValidationError):
        set_reason(s, "mission", "x" * 20_000)
    assert s.documents["mission"].reason == "Kort skäl."


def test_meta_only_for_accepted_uploads():
    with pytest.raises(ValueError):
        meta_from_check(check_upload("a.pdf", b""), NOW)


# --------------------------------------------------------------------------- frameworks


def test_mora_asks_for_eight_documents_in_its_order_with_citations():
    docs = required_documents("mora")
    assert [d.label for d in docs] == [
        "Stadgar, bolagsordning eller motsvarande",
        "Beskrivning av organisationens verksamhetsidé och ordinarie verksamhet",
        "Årsmötesprotokoll",
        "Verksamhetsberättelse",
        "Ekonomisk berättelse med bokslut",
        "Revisionsberättelse",
        "Verksamhetsplan och styrelseförteckning",
        "Uppgift om medlemsantal",
    ]
    assert [d.citations[0].section for d in docs] == [f"Kontroll av partner i IOP punkt {n}" for n in range(1, 9)]
    assert optional_documents("mora") == ()


def test_every_framework_says_what_it_asks_for_without_inventing_a_list():
    for fid in frameworks():
        assert framework_note(fid).note
    for fid in ("skr", "botkyrka", "vgr", "helsingborg"):
        assert required_documents(fid) == ()
        assert len(optional_documents(fid)) == 8
        assert "inga dokument" in framework_note(fid).note or "inte lista" in framework_note(fid).note
    helsingborg = framework_note("helsingborg")
    assert "Demokrativillkor och formella villkor | Helsingborg.se" in helsingborg.note
    assert [c.section for c in helsingborg.citations] == ["1.2"]


def test_missing_documents_become_a_finding_only_where_required():
    s = Screening()
    set_status(s, "audit_report", "missing")
    mora = {f.rule_id: f for f in assess(s, "mora").findings}["documents.missing"]
    assert mora.theme == "documents_missing"
    assert len(mora.facts) == 8
    assert "Revisionsberättelse: finns inte. Inget skäl angivet." in mora.facts
    assert "documents.missing" not in {f.rule_id for f in assess(s, "helsingborg").findings}


def test_number_of_members_stands_in_for_moras_eighth_document():
    s = Screening()
    assert "Uppgift om medlemsantal: inte uppladdad." in outstanding_documents(s, "mora")
    s.statutes.members = 210
    assert document_state(s, "membership") == "answered"
    assert not any(line.startswith("Uppgift om medlemsantal") for line in outstanding_documents(s, "mora"))


def test_all_handed_in_gives_no_finding():
    s, store = Screening(), FileStore()
    for spec in required_documents("mora")[:-1]:
        assert accept_upload(s, store, spec.id, f"{spec.id}.pdf", PDF, now=NOW).ok
    s.statutes.members = 40
    assert outstanding_documents(s, "mora") == []
    assert "documents.missing" not in {f.rule_id for f in assess(s, "mora").findings}


# --------------------------------------------------------------------------- file store


def test_file_store_is_memory_only_and_follows_the_screening():
    s, store = Screening(), FileStore()
    accept_upload(s, store, "statutes", "stadgar.pdf", PDF, now=NOW)
    assert "statutes" in store and store.total_bytes == len(PDF)
    assert store.get("statutes", sha256="0" * 64) is None
    assert "PDF" not in repr(store) and "%PDF" not in repr(store)
    with pytest.raises(TypeError):
        pickle.dumps(store)
    with pytest.raises(TypeError):
        copy.deepcopy(store)
    store.sync(s)
    assert "statutes" in store
    store.sync(Screening())  # another screening was loaded: its documents do not point to these bytes
    assert len(store) == 0


# --------------------------------------------------------------------------- value declaration


MORA_4 = [
    "Kön eller könsöverskridande identitet och uttryck", "Etnisk tillhörighet", "Religion eller annan trosuppfattning",
    "Funktionsnedsättning", "Sexuell läggning", "Ålder", "Politisk åskådning",
]


def test_declaration_is_moras_wording_point_by_point():
    d = declaration()
    assert tuple(p.id for p in d.points) == VALUE_POINTS
    assert [p.label for p in d.points if p.group == "4"] == MORA_4
    assert d.group("4").text.endswith("bryter mot principen om alla människors lika värde utifrån")
    assert d.point("4b").text == f"{d.group('4').text} etnisk tillhörighet"
    assert d.point("6").label == "motarbetar det demokratiska styrelseskicket"
    assert d.point("routines").label.startswith("Jag intygar också att organisationen har rutiner")
    assert "dess ägare, någon av dess underavdelningar eller någon av dess företrädare" in d.intro
    assert (d.citation.document, d.citation.section) == ("mora", "Värdegrund")


def test_intro_names_the_organisation_or_keeps_the_blank():
    assert "__________________ intygar" in declaration_intro(Screening())
    s = Screening()
    s.organisation.name = "Föreningen {Test} – \u05e9\u05dc\u05d5\u05dd"
    assert "representant för Föreningen {Test} – \u05e9\u05dc\u05d5\u05dd intygar" in declaration_intro(s)
    s.value_declaration.signer_organisation = "Läxhjälpen"
    assert "representant för Läxhjälpen intygar" in declaration_intro(s)


def test_each_point_has_three_states():
    s = Screening()
    set_point(s, "4c", True)
    assert point_state(s, "4c") is True
    set_point(s, "4c", False)
    assert point_state(s, "4c") is False
    set_point(s, "4c", None)
    assert point_state(s, "4c") is None and "4c" not in s.value_declaration.confirmed
    with pytest.raises(KeyError):
        set_point(s, "7", True)
    with pytest.raises(TypeError):
        set_point(s, "1", "ja")


SIGNED = dict(signer_name="Anna Lind", signer_role="Ordförande", signer_organisation="Föreningen (fiktiv)",
              signed_on=date(2026, 3, 2))


def test_a_refused_point_blocks_and_is_named():
    s = Screening(value_declaration=ValueDeclaration(confirmed={p: True for p in VALUE_POINTS}, **SIGNED))
    assert "values.incomplete" not in {f.rule_id for f in assess(s, "mora").findings}
    set_point(s, "4e", False)
    finding = {f.rule_id: f for f in assess(s, "mora").findings}["values.incomplete"]
    assert (finding.severity, finding.theme) == ("blocker", "value_declaration_incomplete")
    assert any(fact.startswith("Punkt 4e kan inte intygas") and "sexuell läggning" in fact for fact in finding.facts)
    assert assess(s, "mora").classification == "not_eligible"


@pytest.mark.parametrize("fid", [f for f in frameworks() if f != "mora"])
def test_only_mora_asks_for_the_declaration(fid):
    """Mora's declaration is Mora's: the other texts have no declaration to sign (Botkyrka's
    principles and Helsingborg's demokrativillkor are context, not a declaration)."""
    s = Screening(value_declaration=ValueDeclaration(confirmed={"1": False}))
    assert "values.incomplete" not in {f.rule_id for f in assess(s, fid).findings}
    assert "value_declaration" not in {m.fact for m in assess(Screening(), fid).missing}


def test_unsigned_declaration_blocks_in_mora():
    s = Screening(value_declaration=ValueDeclaration(confirmed={p: True for p in VALUE_POINTS}))
    finding = {f.rule_id: f for f in assess(s, "mora").findings}["values.incomplete"]
    assert finding.severity == "blocker"
    assert {"Underskriftens namn saknas.", "Underskriftens datum saknas."} <= set(finding.facts)


def test_context_per_framework():
    botkyrka = declaration_context("botkyrka")
    assert botkyrka.items == ("dialog", "demokrati", "öppenhet och insyn", "självständighet och oberoende",
                              "kvalitet", "långsiktighet", "mångfald och utveckling")
    helsingborg = declaration_context("helsingborg")
    assert "demokrativillkor" in helsingborg.quote
    assert {c.section for c in helsingborg.citations} == {"1.2", "2.2.1"}
    # the shipped frameworks each say something about values; a context names a known framework
    # (one without, e.g. a municipality's new file, shows none: pages/3_values.py)
    assert {"skr", "mora", "botkyrka", "vgr", "helsingborg"} <= set(declaration().context) <= set(frameworks())


# --------------------------------------------------------------------------- rows for summary / PDF


def test_rows_for_the_summary_and_the_pdf():
    s, store = Screening(framework="mora"), FileStore()
    accept_upload(s, store, "statutes", "stadgar.pdf", PDF, now=NOW)
    set_status(s, "audit_report", "missing")
    set_reason(s, "audit_report", "Ingen revisor ännu.")
    s.statutes.members = 75
    rows = {r.label: r for r in document_rows(s, "mora")}
    assert len(rows) == 8
    statutes = rows["Stadgar, bolagsordning eller motsvarande"]
    assert statutes.status == "Uppladdad"
    assert statutes.file_info.startswith("stadgar.pdf · PDF · 3 sidor · ")
    assert "2026-11-24 09:30" in statutes.file_info
    assert statutes.citation == "Mora Kontroll av partner i IOP punkt 1"
    assert rows["Revisionsberättelse"].status == "Finns inte: Ingen revisor ännu."
    assert rows["Uppgift om medlemsantal"][1:3] == ("Angiven i appen", "75 medlemmar")
    # Under a framework without a list, only what the user handed in or marked is listed, as optional.
    skr_rows = document_rows(s, "skr")
    assert [r.label for r in skr_rows] == ["Stadgar, bolagsordning eller motsvarande (frivilligt)",
                                            "Revisionsberättelse (frivilligt)"]


def test_declaration_status_and_signature_line():
    s = Screening()
    set_point(s, "1", True)
    set_point(s, "4a", False)
    status = {p.point_id: p for p in declaration_status(s)}
    assert [p.point_id for p in declaration_status(s)] == list(VALUE_POINTS)
    assert status["1"].status == "Intygas"
    assert status["4a"].status == "Kan inte intygas"
    assert "kön eller könsöverskridande identitet" in status["4a"].text
    assert status["routines"].status == "Inte besvarad"
    assert signature_line(s) == "Inte undertecknad."
    s.value_declaration.signer_name = "Anna Lind"
    assert signature_line(s) == "Underskriften är inte klar (Anna Lind). Saknas: roll, organisation, datum."
    s.value_declaration = ValueDeclaration(**SIGNED)
    assert signature_line(s) == "Undertecknad av Anna Lind, Ordförande, Föreningen (fiktiv), 2026-03-02."


def test_statutes_rows():
    s = Screening()
    s.statutes.has_statutes = True
    s.initiative.org_type = "stiftelse"
    rows = dict(statutes_rows(s))
    assert rows["Har organisationen stadgar, bolagsordning eller motsvarande?"] == "Ja"
    assert rows["Vilken sorts organisation är ni?"] == "Stiftelse"
    assert rows["Hur många medlemmar har organisationen?"] == "Inte besvarad"


def test_document_entry_roundtrip_without_file():
    s = Screening(documents={"mission": DocumentEntry(status="later")})
    assert load_screening(dump_screening(s)).documents["mission"].status == "later"
