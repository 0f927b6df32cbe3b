"""The UI strings (iop_core/i18n): both languages have the same keys and placeholders, pages only
ask for keys that exist, and no Swedish UI text is hard-coded in a page.

The data texts (rules, questions, …) are kept in step by tests/core/test_translation.py; the
core texts that follow the screening's language (documents, demo cases, "Tänk om…" switches,
budget words, the triage note) are tested here.
"""

from __future__ import annotations

import ast
import io
import re
import string
import tomllib
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from iop_core.budget.rows import parse_row
from iop_core.budget.vocabulary import category_label, kind_label, party_label, party_short, unit_label
from iop_core.rules.catalogue import DATA, message
from iop_core.screening.demo import DEMO_DIR, demo_cases, load_demo
from iop_core.documents.declaration import (
    declaration,
    declaration_context,
    declaration_intro,
    declaration_status,
    point_label,
    signature_line,
)
from iop_core.documents.register import (
    document_rows,
    file_info,
    framework_note,
    outstanding_documents,
    state_label,
    statutes_rows,
)
from iop_core.i18n import LANGUAGES, strings, t
from iop_core.screening.model import VALUE_POINTS, DocumentEntry, Screening, UploadedFileMeta
from iop_core.report.triage import meeting_note, meeting_note_pdf, note_file_name, triage_questions
from iop_core.documents.upload_check import ACCEPTED_KINDS
from iop_core.report.what_if import switch, switches
from tests.conftest import ROOT

UI_FILES = sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]

SAME_IN_BOTH = {"Start", "Budget", "Information", "IOP", "Organisation", "Period", "Status", "Språk / Language",
                "Svenska", "English"}
"""Words that are the same in Swedish and English. Any other English string equal to the Swedish
one is an untranslated copy."""


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- The two string files ---------------------------------------------------------------------


def test_every_key_exists_in_both_languages():
    sv, en = strings("sv"), strings("en")
    assert sv and en
    assert not set(sv) - set(en), f"only in sv.toml, translate them in en.toml: {sorted(set(sv) - set(en))}"
    assert not set(en) - set(sv), f"only in en.toml, add them to sv.toml or remove them: {sorted(set(en) - set(sv))}"


def test_placeholders_are_the_same_in_both_languages():
    sv, en = strings("sv"), strings("en")
    differ = {key: (_placeholders(sv[key]), _placeholders(en[key])) for key in sv.keys() & en.keys()
              if _placeholders(sv[key]) != _placeholders(en[key])}
    assert not differ, differ


def test_english_strings_are_translations_not_copies():
    sv, en = strings("sv"), strings("en")
    neutral = re.compile(r"\{[^}]*\}|:material/[a-z_]+:|[^A-Za-zÅÄÖåäö]")
    copies = [key for key in sv.keys() & en.keys()
              if sv[key] == en[key] and neutral.sub("", sv[key]) and sv[key] not in SAME_IN_BOTH]
    assert not copies, f"English text equal to the Swedish: {copies}"


def test_t_formats_falls_back_to_swedish_and_names_a_missing_key():
    assert t("nav.next", "en", page="Budget") == "Next: Budget"
    assert t("nav.next", "sv", page="Budget") == "Nästa: Budget"
    assert t("nav.next", page="Budget") == "Nästa: Budget"  # Swedish is the default
    assert set(LANGUAGES) == {"sv", "en"} and LANGUAGES[0] == "sv"
    with pytest.raises(KeyError, match="sv.toml"):
        t("no.such.key", "en")


# --- The pages ---------------------------------------------------------------------------------


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "tr") and node.args:
            yield node.args[0]


def test_pages_ask_only_for_keys_that_exist():
    keys = set(strings("sv"))
    missing = []
    for path in UI_FILES:
        for arg in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                if arg.value not in keys:
                    missing.append(f"{_rel(path)}:{arg.lineno} {arg.value!r}")
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                prefix = arg.values[0].value  # tr(f"nav.{step}"): some key must start with "nav."
                if not any(k.startswith(prefix) for k in keys):
                    missing.append(f"{_rel(path)}:{arg.lineno} {prefix!r}…")
    assert not missing, f"tr()/t() keys missing from iop_core/i18n/sv.toml: {missing}"


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
    return out


def test_no_swedish_ui_text_is_hard_coded_in_a_page():
    found = []
    for path in UI_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                if re.search("[åäöÅÄÖ]", node.value):
                    found.append(f"{_rel(path)}:{node.lineno} {node.value[:60]!r}")
    assert not found, f"move these texts to iop_core/i18n/sv.toml and en.toml: {found}"


# --- Core texts that follow the language ---------------------------------------------------------


def test_demo_cases_have_english_texts_for_every_case_and_no_more():
    sv_raw = tomllib.loads((DEMO_DIR / "cases.toml").read_text(encoding="utf-8"))
    en_raw = tomllib.loads((DEMO_DIR / "cases.en.toml").read_text(encoding="utf-8"))
    assert list(en_raw) == list(sv_raw)
    for cid, body in sv_raw.items():
        assert set(en_raw[cid]) == set(body), cid
    sv, en = demo_cases(), demo_cases("en")
    assert [c.id for c in en] == [c.id for c in sv]
    for c_sv, c_en in zip(sv, en):
        assert (c_en.title, c_en.story, c_en.teaches) != (c_sv.title, c_sv.story, c_sv.teaches)
        assert c_en.title != c_sv.title and c_en.story != c_sv.story and c_en.teaches != c_sv.teaches
    assert demo_cases("sv") == sv


def test_a_demo_opens_in_the_chosen_language():
    assert load_demo("genuine_iop").language == "sv"
    assert load_demo("genuine_iop", "en").language == "en"


def test_every_what_if_switch_has_english_label_and_claim():
    for sw_sv, sw_en in zip(switches(), switches("en"), strict=True):
        assert sw_en.id == sw_sv.id
        assert sw_en.label != sw_sv.label and sw_en.label.startswith("What if"), sw_sv.id
        assert sw_en.claim != sw_sv.claim and sw_en.claim.strip(), sw_sv.id
        assert (sw_en.set, sw_en.org_share, sw_en.score, sw_en.direction) == (sw_sv.set, sw_sv.org_share, sw_sv.score,
                                                                             sw_sv.direction)
    assert switch("sanctions_on", "en").label == "What if the agreement had a penalty (vite) or damages (skadestånd)"
    assert switch("sanctions_on").label == "Tänk om avtalet hade vite eller skadestånd"


def test_budget_words_follow_the_language():
    assert party_label("public") == "Offentlig part"
    assert party_label("public", "en") == "Public party"
    assert category_label("ideellt arbete", "en") == "Volunteer work"
    assert kind_label("in_kind", "en") == "Other resource"
    assert unit_label("timmar") == "timmar" and unit_label("timmar", "en") == "hours"
    assert party_short("other", "en") == "Other"
    row = {"party": "public", "category": "ideellt arbete", "quantity": "5"}
    problems = parse_row(row, rate=Decimal(250), default_year=2027).problems
    category = next(p for p in problems if p.code == "category_not_for_party")
    assert category.text().startswith("Ideellt arbete finns inte bland insatserna för Offentlig part.")
    assert category.text("en").startswith("Volunteer work is not among the inputs for Public party.")
    assert "Money" in category.text("en") and "Pengar" not in category.text("en")


def test_documents_texts_follow_the_screening_language():
    s = load_demo("unsigned_declaration")
    en = s.model_copy(deep=True)
    en.language = "en"
    assert state_label("later") == "Lämnas senare" and state_label("later", "en") == "Will be handed in later"
    assert point_label(False) == "Kan inte intygas" and point_label(False, "en") == "Cannot be certified"
    assert framework_note("mora", "en").note.startswith("Mora Municipality")
    assert framework_note("mora", "en").citations == framework_note("mora").citations
    assert declaration("en").point("4b").label == "Ethnicity"
    assert declaration("en").citation == declaration().citation
    assert declaration_context("botkyrka", "en").items[0] == "dialogue"
    assert "certifies that neither" in declaration_intro(en)
    assert [p.point_id for p in declaration_status(en)] == list(VALUE_POINTS)
    assert {p.status for p in declaration_status(en)} <= {"Certified", "Cannot be certified", "Not answered"}
    assert signature_line(en).startswith(("Signed by", "The signature is not complete", "Not signed"))
    assert signature_line(en, "sv") == signature_line(s)
    assert statutes_rows(en)[0][0] != statutes_rows(s)[0][0]
    rows = document_rows(en, "mora")
    assert rows and all(r.status in {"Uploaded", "Given in the app", "Will be handed in later", "Does not exist",
                                      "Not uploaded"} or r.status.startswith("Does not exist: ") for r in rows)
    assert all(not line.endswith(("inte uppladdad.", "lämnas senare.")) for line in outstanding_documents(en, "mora"))


def test_signature_line_names_what_is_missing_in_english():
    s = Screening(language="en")
    assert signature_line(s) == "Not signed."
    s.value_declaration.signer_name = "Anna Lind"
    assert signature_line(s) == "The signature is not complete (Anna Lind). Missing: role, organisation, date."


def test_file_details_in_english():
    meta = UploadedFileMeta(file_name="stadgar.png", kind="png", size_bytes=2048, pages=None, sha256="a" * 64,
                            uploaded_at=datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc))
    assert " · PNG-bild · " in file_info(meta) and " · PNG image · " in file_info(meta, "en")
    pdf = meta.model_copy(update={"file_name": "x.pdf", "kind": "pdf", "pages": 3})
    assert " · 3 sidor · " in file_info(pdf) and " · 3 pages · " in file_info(pdf, "en")
    s = Screening(language="en")
    s.documents = {"statutes": DocumentEntry(status="uploaded", file=pdf)}
    assert "3 pages" in document_rows(s, "mora")[0].file_info


def test_file_kind_names_match_the_upload_check():
    assert {k: message(f"file_kind.{k}") for k in ACCEPTED_KINDS} == ACCEPTED_KINDS


# --- The triage note ---------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_triage_questions_in_english():
    assert [q.id for q in triage_questions("en")] == [q.id for q in triage_questions()]
    assert triage_questions("en")[0].label == "Who took the initiative for the cooperation?"


def test_the_triage_note_follows_the_screening_language():
    s = load_demo("disguised_procurement", "en")
    doc = meeting_note(s, on=datetime(2026, 11, 24).date())
    assert doc.title == "Meeting note – IOP triage" and doc.language == "en"
    pdf = meeting_note_pdf(s, creation_date=datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc))
    text = _pdf_text(pdf)
    for heading in ("Meeting note – IOP triage", "Red: Risk of procurement", "All frameworks", "Facts", "Answer",
                    "Open questions", "Agreed next steps", "Page 1 of 1", "not a legal ruling"):
        assert heading in text, heading
    for swedish in ("Mötesanteckning", "Rött", "Öppna frågor", "Sida 1 av 1", "juridiskt besked", "Vem tog"):
        assert swedish not in text, swedish
    assert note_file_name(s).startswith("meeting-note-iop-")
    assert note_file_name(load_demo("disguised_procurement")).startswith("motesanteckning-iop-")


def test_the_swedish_triage_note_is_unchanged_by_default():
    s = load_demo("disguised_procurement")
    created = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
    assert meeting_note_pdf(s, creation_date=created) == meeting_note_pdf(s, creation_date=created, lang="sv")
    assert "Mötesanteckning" in _pdf_text(meeting_note_pdf(s, creation_date=created))


def test_data_translation_has_a_table_for_the_switches():
    en = tomllib.loads((DATA / "i18n" / "en.toml").read_text(encoding="utf-8"))
    assert set(en["what_if"]) == {sw.id for sw in switches()}
