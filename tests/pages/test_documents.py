"""The documents page (AppTest): statutes questions, uploads through the real widget, statuses."""

from __future__ import annotations

from iop_core.screening.model import Screening
from tests.support.apptest import PAGES, alerts, app, gen, model, shown
from tests.support.files import make_pdf, make_png

PDF = make_pdf(3)


def mora() -> Screening:
    s = Screening(framework="mora")
    s.organisation.name = "Föreningen Test (fiktiv)"
    return s


def texts(at) -> str:
    parts = [*alerts(at), *(e.value for kind in ("title", "subheader", "markdown", "caption") for e in getattr(at, kind))]
    return shown(" ".join(parts))


def uploader(at, doc_id: str):
    """The document's current uploader (its key changes after every attempt, for an empty dropzone)."""
    matches = [u for u in at.file_uploader if u.key.startswith(f"upload.{doc_id}.") and u.key.endswith(f"@{gen(at)}")]
    assert len(matches) == 1, [u.key for u in at.file_uploader]
    return matches[0]


def upload(at, doc_id: str, name: str, data: bytes, mime: str = "application/pdf"):
    uploader(at, doc_id).set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def test_mora_lists_eight_documents_with_privacy_note_and_sources():
    at = app(mora(), "documents")
    assert len(at.file_uploader) == 8
    page = texts(at)
    assert "Dokument som Mora begär" in page
    assert "skrivs aldrig till disk" in page and "högst 20 MB per fil" in page
    assert "Mora Kontroll av partner i IOP punkt 3" in page
    assert "0 av 8 dokument" in page


def test_valid_upload_is_listed_with_its_page_count_and_kept_in_memory_only():
    at = upload(app(mora(), "documents"), "statutes", "stadgar.pdf", PDF)
    entry = model(at).documents["statutes"]
    assert entry.status == "uploaded" and entry.file.pages == 3
    assert at.session_state["document_files"].get("statutes") == PDF
    page = texts(at)
    assert "Filen är uppladdad: PDF, 3 sidor" in page
    assert "stadgar.pdf · PDF · 3 sidor" in page  # the file line
    assert "1 av 8 dokument" in page
    assert any(b.label == "Ta bort" for b in at.button)


def test_bad_uploads_show_a_swedish_message_and_keep_everything_else():
    at = app(mora(), "documents")
    at.radio(key=f"statutes.has_statutes@{gen(at)}").set_value(True).run()
    at.radio(key=f"documents.mission.status@{gen(at)}").set_value("later").run()
    upload(at, "statutes", "stadgar.pdf", PDF)
    before = model(at).model_dump_json()
    for name, data, message in [
        ("stadgar.pdf", make_png(), "PNG-bild"),
        ("tom.pdf", b"", "Filen är tom"),
        ("trasig.pdf", PDF[:400], "trasig"),
    ]:
        upload(at, "statutes", name, data)
        assert any("Filen kunde inte tas emot" in e.value and message in shown(e.value) for e in at.error), name
        upload(at, "annual_report", name, data)
        assert model(at).model_dump_json() == before, name
    assert at.session_state["document_files"].get("statutes") == PDF
    assert "stadgar.pdf · PDF · 3 sidor" in texts(at)


def test_remove_button_drops_file_and_bytes():
    at = upload(app(mora(), "documents"), "statutes", "stadgar.pdf", PDF)
    next(b for b in at.button if b.label == "Ta bort").click().run()
    assert model(at).documents["statutes"].file is None
    assert "statutes" not in at.session_state["document_files"]
    assert "0 av 8 dokument" in texts(at)


def test_later_and_missing_with_reason():
    at = app(mora(), "documents")
    at.radio(key=f"documents.audit_report.status@{gen(at)}").set_value("missing").run()
    at.text_input(key=f"documents.audit_report.reason@{gen(at)}").input("Vi har ingen revisor ännu.").run()
    entry = model(at).documents["audit_report"]
    assert (entry.status, entry.reason) == ("missing", "Vi har ingen revisor ännu.")
    assert "Revisionsberättelse: finns inte. Skäl: Vi har ingen revisor ännu." in [
        f for f in next(f for f in _findings(at) if f.rule_id == "documents.missing").facts
    ]


def _findings(at):
    from iop_core.rules.assessment import assess

    return assess(model(at)).findings


def test_statutes_questions_bind_to_the_model_and_show_moras_blocker():
    at = app(mora(), "documents")
    at.radio(key=f"statutes.has_statutes@{gen(at)}").set_value(False).run()
    at.radio(key=f"initiative.org_type@{gen(at)}").set_value("ideell_forening").run()
    at.number_input(key=f"statutes.members@{gen(at)}").set_value(120).run()
    s = model(at)
    assert (s.statutes.has_statutes, s.initiative.org_type, s.statutes.members) == (False, "ideell_forening", 120)
    assert any("Organisationen saknar stadgar" in e.value and "Hinder" in e.value for e in at.error)
    # The number of members stands in for Mora's eighth document.
    assert "1 av 8 dokument" in texts(at)


def test_framework_without_a_list_says_so_and_offers_optional_uploads():
    at = app(Screening(framework="helsingborg"), "documents")
    page = texts(at)
    assert "Demokrativillkor och formella villkor" in page and "Fråga staden" in page
    assert "Helsingborg begär inga bestämda dokument" in page
    assert [e.label for e in at.expander if "Fler dokument" in e.label] == ["Fler dokument (frivilligt)"]
    upload(at, "statutes", "stadgar.pdf", PDF)
    assert model(at).documents["statutes"].file.pages == 3
    assert not [f for f in _findings(at) if f.rule_id == "documents.missing"]


def test_upload_survives_page_changes():
    at = upload(app(mora(), "documents"), "statutes", "stadgar.pdf", PDF)
    for page in ("values", "budget", "start", "documents"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception
    assert model(at).documents["statutes"].file.pages == 3
    assert at.session_state["document_files"].get("statutes") == PDF
    assert "stadgar.pdf · PDF · 3 sidor" in texts(at)


def test_a_loaded_screening_with_file_metadata_says_the_file_itself_is_not_here():
    from tests.support.screenings import full_screening

    at = app(full_screening(), "documents")
    assert "Filen laddades upp i en tidigare session" in texts(at)


def test_streamlits_own_copy_of_an_upload_is_dropped(monkeypatch):
    """Streamlit would keep every uploaded file until the session ends; the page keeps only its own copy."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    dropped = []
    original = MemoryUploadedFileManager.remove_file

    def remove_file(self, session_id, file_id):
        dropped.append(file_id in self.file_storage.get(session_id, {}))
        original(self, session_id, file_id)

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_file", remove_file)
    at = upload(app(mora(), "documents"), "statutes", "stadgar.pdf", PDF)
    upload(at, "mission", "tom.pdf", b"")  # rejected files are dropped too
    assert dropped == [True, True]
    assert at.session_state["document_files"].get("statutes") == PDF
