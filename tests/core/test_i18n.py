"""The app's texts (iop_core/i18n, one table per language): both languages have the same keys and
placeholders, the code asks only for keys that exist, every key is used, and no Swedish UI text
is hard-coded in a page.

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
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from iop_core.budget.rows import parse_row
from iop_core.budget.vocabulary import category_label, kind_label, party_label, party_short, unit_label
from iop_core.documents.checklist import (
    document_rows,
    file_info,
    framework_note,
    outstanding_documents,
    state_label,
    statutes_rows,
)
from iop_core.documents.declaration import (
    declaration,
    declaration_context,
    declaration_intro,
    declaration_status,
    point_label,
    signature_line,
)
from iop_core.documents.upload_check import ACCEPTED_KINDS
from iop_core.i18n import DEFAULT_LANGUAGE, LANGUAGES, strings, t
from iop_core.report.triage import meeting_note, meeting_note_pdf, note_file_name, triage_questions
from iop_core.report.what_if import switch, switches
from iop_core.rules.catalogue import DATA
from iop_core.screening.demo import DEMO_DIR, demo_cases, load_demo
from iop_core.screening.model import VALUE_POINTS, DocumentEntry, Screening, UploadedFileMeta
from tests.support import ROOT

UI_FILES = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "iop_shell").glob("*.py")) + [ROOT / "app.py"]
SOURCES = sorted((ROOT / "iop_core").rglob("*.py")) + UI_FILES
"""Every Python file that may ask for a text."""

SAME_IN_BOTH = {"Start", "Budget", "Information", "IOP", "Organisation", "Period", "Status", "Språk / Language",
                "Svenska", "English", "budget", "organisation", "PDF", "PDF, {pages}, {size}.", "Version",
                "Word 97–2003 (.doc)", "Excel 97–2003 (.xls)", "PowerPoint 97–2003 (.ppt)", "{n} byte"}
"""Words that are the same in Swedish and English. Any other English string equal to the Swedish
one is an untranslated copy."""


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- The two string files ---------------------------------------------------------------------


def test_every_key_exists_in_both_languages():
    sv, en = strings("sv"), strings("en")
    assert sv and en
    assert not set(sv) - set(en), f"only in sv.toml, translate them in en.toml: {sorted(set(sv) - set(en))}"
    assert not set(en) - set(sv), f"only in en.toml, add them to sv.toml or remove them: {sorted(set(en) - set(sv))}"


GLOSSED = {key: {"avoid_gloss", "prefer_gloss"} for key in ("words.hit", "words.inline", "words.swap")}
"""Placeholders only a translation uses: English explains the Swedish words the word check found
("ersättning" (compensation)); Swedish needs no gloss. The code always passes them."""


def test_placeholders_are_the_same_in_both_languages():
    sv, en = strings("sv"), strings("en")
    differ = {key: (_placeholders(sv[key]), _placeholders(en[key])) for key in sv.keys() & en.keys()
              if _placeholders(sv[key]) != _placeholders(en[key]) - GLOSSED.get(key, set())}
    assert not differ, differ
    assert all(GLOSSED[key] <= _placeholders(en[key]) for key in GLOSSED), "GLOSSED names a gloss en.toml no longer has"


def test_english_strings_are_translations_not_copies():
    sv, en = strings("sv"), strings("en")
    neutral = re.compile(r"\{[^}]*\}|:material/[a-z_]+:|[^A-Za-zÅÄÖåäö]")
    copies = [key for key in sv.keys() & en.keys()
              if sv[key] == en[key] and neutral.sub("", sv[key]) and sv[key] not in SAME_IN_BOTH]
    assert not copies, f"English text equal to the Swedish: {copies}"


def test_a_count_of_one_takes_the_singular():
    """"The frameworks weigh 1 findings differently" (issue #24 point 7): the singular from the table."""
    titles = "“Governance”"
    assert t("report.differs_intro", "en", n=1, titles=titles).startswith("The frameworks weigh 1 finding differently")
    assert t("report.differs_intro", "en", n=2, titles=titles).startswith("The frameworks weigh 2 findings differently")
    assert t("summary.missing_title", "sv", n=1) == "1 viktig fråga är obesvarad"
    assert t("summary.missing_title", "sv", n=3) == "3 viktiga frågor är obesvarade"
    assert t("file.pages", "en", n=1) == "1 page" and t("file.pages", "en", n=0) == "0 pages"


def test_every_singular_has_a_plural_and_the_same_placeholders():
    sv = strings("sv")
    ones = [key for key in sv if key.endswith("_one") and "{n}" in sv.get(key[:-4], "")]
    assert len(ones) >= 10
    for key in ones:
        assert _placeholders(sv[key]) <= _placeholders(sv[key[:-4]]), key


SWEDISH_OPENING = re.compile(r"(^|[\s(])\u201d\w")
"""A Swedish opening quotation mark (”Styrning”); English opens with “."""


def test_quotes_follow_the_language_within_a_sentence():
    """Issue #24 point 7: no ”Swedish” quotes inside an English sentence with “English” ones."""
    from iop_core.format import quote
    from iop_core.report.build import build_report
    from iop_core.report.comparison import compare

    assert quote("Styrning", "sv") == "\u201dStyrning\u201d" and quote("Governance", "en") == "\u201cGovernance\u201d"
    s = load_demo("initiative_by_municipality", "en")
    cmp = compare(s, lang="en")
    assert cmp.classification.differs and "\u201c" in cmp.classification.explanation
    assert not SWEDISH_OPENING.search(cmp.classification.explanation), cmp.classification.explanation
    report = repr(build_report(s, lang="en", today=date(2026, 12, 1)))
    assert "The frameworks weigh" in report and not SWEDISH_OPENING.search(report)
    sv = compare(load_demo("initiative_by_municipality", "sv"), lang="sv").classification.explanation
    assert "\u201d" in sv and "\u201c" not in sv


def test_t_formats_falls_back_to_swedish_and_names_a_missing_key():
    assert t("nav.next", "en", page="Budget") == "Next: Budget"
    assert t("nav.next", "sv", page="Budget") == "Nästa: Budget"
    assert t("nav.next", page="Budget") == "Nästa: Budget"  # Swedish is the default
    assert set(LANGUAGES) == {"sv", "en"} and LANGUAGES[0] == DEFAULT_LANGUAGE == "sv"
    assert all((ROOT / "iop_core" / "i18n" / f"{lang}.toml").exists() for lang in LANGUAGES)
    with pytest.raises(KeyError, match="sv.toml"):
        t("no.such.key", "en")


# --- Every key asked for exists, every key is used ------------------------------------------------
# A key is used when it is written out in the code (t("nav.start"), or a key kept in a dict or a
# conditional and passed on). Keys the code completes at run time (t(f"nav.{step}")) are declared
# below by the literal start of the f-string: a new one must be added here, and one no longer
# built fails. Only what is declared escapes the check.

TEXT_FUNCTIONS = {"t", "tr"}
"""iop_core.i18n.t and the pages' tr(): the first argument is a key."""

KEY_WRAPPERS = {("iop_core/documents/upload_check.py", "_msg"): "upload.",
                ("iop_core/documents/upload_check.py", "_has_msg"): "upload."}
"""Helpers that prepend their section to the key they are given: _msg("empty") reads "upload.empty"."""

CODE_FILES = {"upload.": ("iop_core/documents/office.py", "iop_core/documents/pdf_check.py")}
"""Modules whose problem codes name a sentence: office.zip_problem() returns "zip_broken", which
upload_check reads as upload.zip_broken. A string constant there counts as a use of the key."""

DYNAMIC = {
    "nav.": "app.py: page titles by step and mode id",
    "migration.": "0_start.py: what opening an older file could not carry over, by note id",
    "nav.register_pages.": "app.py: the officers' page titles",
    "start.role_": "0_start.py: the role choices",
    "language.": "0_start.py: the language names",
    "initiative.": "1_initiative.py: each free text's label and help by field name",
    "initiative.group_": "1_initiative.py: question group headings",
    "initiative.tab_": "1_initiative.py: the tabs, one per question group and one for the texts",
    "documents.status_": "2_documents.py: the status choices",
    "budget.col_": "4_budget.py and budget problems: column headers by column id",
    "budget.help_": "4_budget.py: column help by column id",
    "budget.err_": "budget problems (iop_core.budget): one sentence per problem code",
    "budget.terms_": "budget.term_problems: the missing terms by field name",
    "progress.": "app.py: step states in the sidebar",
    "progress.icon_": "app.py: step state icons",
    "trainer.change_": "8_trainer.py: what a switch changed (added, removed, changed)",
    "picture.icon_": "traffic-light icons by colour",
    "picture.class_": "leaning labels by classification",
    "picture.light_": "traffic-light labels by colour",
    "picture.zone_": "picture.py: zone labels",
    "summary.dir_": "comparison.py: direction labels",
    "summary.dir_short_": "short direction labels",
    "summary.chart_dir_": "comparison.py: chart direction labels",
    "summary.group_": "summary.group_findings: group headings by group key",
    "summary.cond_": "summary.rule_condition: one phrase per comparison operator",
    "summary.check_": "summary.rule_condition: one sentence per Python check",
    "severity.": "severity labels by severity",
    "report.col_": "report/build.py: table headers by column id",
    "triage.fact_": "triage.py: short fact labels by question id",
    "triage.pdf_": "triage.py: the meeting note's text rows by field",
    "register.policy.": "9_register.py / 10_followup.py: policy areas",
    "drafts.error.": "_drafts.py: draft storage problems by key",
    "drafts.paused.": "_drafts.py: why drafts are paused",
    "assessment.leaning_": "assessment.py: the summary sentence by classification",
    "values.missing_": "checks.value_declaration_gaps: the signature fields",
    "fields.": "checks.free_texts: the word-checked texts by field name",
    "document_state.": "documents.checklist: document states",
    "point_state.": "documents.checklist: declaration point states",
    "signature.": "documents.checklist: the signature fields",
    "file_kind.": "file details and upload checks by file kind",
    "upload.content.": "upload_check.py: what a detected kind looks like",
    "upload.first.": "upload_check.py: first sentences by kind",
    "upload.advice.": "upload_check.py: advice by kind",
    "validation.field.": "persistence.py: field names in validation errors",
    "validation.problem.": "persistence.py: problems by pydantic error type",
    "rulebook.check_": "rule_sentences.py: one condition per Python check, in the rule text",
    "rulebook.theme_": "rule_sentences.py: each criterion (a theme of rules.toml) named as what must hold",
}
"""Keys completed at run time, by the literal start of the f-string that builds them."""


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _head(node: ast.JoinedStr) -> str:
    first = node.values[0] if node.values else None
    return first.value if isinstance(first, ast.Constant) else ""


def _key_calls(path: Path, tree: ast.AST):
    """(prefix, first argument) of every call that takes a key: t(), tr() and KEY_WRAPPERS
    (not the calls inside a wrapper itself, which build its section's keys)."""
    wrappers = {name: prefix for (file, name), prefix in KEY_WRAPPERS.items() if file == _rel(path)}
    inside = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in wrappers
              for n in ast.walk(f)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args and id(node) not in inside:
            if node.func.id in TEXT_FUNCTIONS:
                yield "", node.args[0]
            elif node.func.id in wrappers:
                yield wrappers[node.func.id], node.args[0]


def _strings_in(node: ast.AST):
    """The string constants and f-strings of an expression (an f-string as a whole, not its parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        yield from _strings_in(child)


@cache
def _scan() -> tuple[dict[str, str], dict[str, str], set[str], dict[str, str]]:
    """Literal keys (key -> where), built prefixes (prefix -> where), every string constant, and
    the f-string heads anywhere in the sources (head -> where)."""
    literal, built, constants, heads = {}, {}, set(), {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and _head(node):
                heads.setdefault(_head(node), f"{_rel(path)}:{node.lineno}")
        for prefix, arg in _key_calls(path, tree):
            for part in _strings_in(arg):
                where = f"{_rel(path)}:{part.lineno}"
                if isinstance(part, ast.Constant):
                    literal.setdefault(prefix + part.value, where)
                else:
                    built.setdefault(prefix + _head(part), where)
                    heads.setdefault(prefix + _head(part), where)
    return literal, built, constants, heads


def test_the_code_asks_only_for_keys_that_exist():
    keys = set(strings("sv"))
    literal, built, _, _ = _scan()
    missing = [f"{where} {key!r}" for key, where in literal.items() if "." in key and key not in keys]
    missing += [f"{where} {prefix!r}…" for prefix, where in built.items() if not any(k.startswith(prefix) for k in keys)]
    assert not missing, f"t()/tr() keys missing from iop_core/i18n/sv.toml: {missing}"


def test_every_key_built_at_run_time_is_declared():
    _, built, _, _ = _scan()
    undeclared = {prefix: where for prefix, where in built.items() if prefix not in DYNAMIC}
    assert not undeclared, f"declare these key prefixes in DYNAMIC (tests/core/test_i18n.py): {undeclared}"


def test_every_declared_prefix_is_built_and_has_keys():
    _, _, _, heads = _scan()
    keys = set(strings("sv"))
    stale = [p for p in DYNAMIC if p not in heads]
    assert not stale, f"no code builds keys with these prefixes any more; remove them from DYNAMIC: {stale}"
    empty = [p for p in DYNAMIC if not any(k.startswith(p) for k in keys)]
    assert not empty, f"no key starts with these DYNAMIC prefixes: {empty}"
    wrappers = {(file, name) for file, name in KEY_WRAPPERS
                if f"def {name}(" not in (ROOT / file).read_text(encoding="utf-8")}
    assert not wrappers, f"KEY_WRAPPERS names helpers that no longer exist: {wrappers}"
    assert all((ROOT / f).exists() for files in CODE_FILES.values() for f in files), "CODE_FILES names a missing file"


def _codes() -> set[str]:
    """CODE_FILES' string constants as the keys they name."""
    return {prefix + node.value for prefix, files in CODE_FILES.items() for file in files
            for node in ast.walk(ast.parse((ROOT / file).read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_key_is_used():
    literal, _, constants, _ = _scan()
    used = set(literal) | constants | _codes()
    used |= {f"{key}_one" for key in used}  # a singular is used wherever its key is (see iop_core.i18n)
    unused = sorted(key for key in strings("sv") if key not in used and not key.startswith(tuple(DYNAMIC)))
    assert not unused, f"no code uses these keys; remove them from sv.toml and en.toml (or declare DYNAMIC): {unused}"


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
    for c_sv, c_en in zip(sv, en, strict=True):
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
                            uploaded_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    assert " · PNG-bild · " in file_info(meta) and " · PNG image · " in file_info(meta, "en")
    pdf = meta.model_copy(update={"file_name": "x.pdf", "kind": "pdf", "pages": 3})
    assert " · 3 sidor · " in file_info(pdf) and " · 3 pages · " in file_info(pdf, "en")
    s = Screening(language="en")
    s.documents = {"statutes": DocumentEntry(status="uploaded", file=pdf)}
    assert "3 pages" in document_rows(s, "mora")[0].file_info


def test_file_kind_names_match_the_upload_check():
    assert {k: t(f"file_kind.{k}") for k in ACCEPTED_KINDS} == ACCEPTED_KINDS


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
    pdf = meeting_note_pdf(s, creation_date=datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    text = _pdf_text(pdf)
    for heading in ("Meeting note – IOP triage", "Red: Risk of procurement", "All frameworks", "Facts", "Answer",
                    "Open questions", "Agreed next steps", "Page 1 of", "not a legal ruling"):
        assert heading in text, heading
    for swedish in ("Mötesanteckning", "Rött", "Öppna frågor", "Sida 1 av", "juridiskt besked", "Vem tog"):
        assert swedish not in text, swedish
    assert note_file_name(s).startswith("meeting-note-iop-")
    assert note_file_name(load_demo("disguised_procurement")).startswith("motesanteckning-iop-")


def test_the_swedish_triage_note_is_unchanged_by_default():
    s = load_demo("disguised_procurement")
    created = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert meeting_note_pdf(s, creation_date=created) == meeting_note_pdf(s, creation_date=created, lang="sv")
    assert "Mötesanteckning" in _pdf_text(meeting_note_pdf(s, creation_date=created))


def test_data_translation_has_a_table_for_the_switches():
    en = tomllib.loads((DATA / "i18n" / "en.toml").read_text(encoding="utf-8"))
    assert set(en["what_if"]) == {sw.id for sw in switches()}


def test_one_language_list_and_one_default():
    """LANGUAGES, DEFAULT_LANGUAGE and Language are defined in iop_core.i18n and imported from there."""
    names = {"LANGUAGES", "DEFAULT_LANGUAGE", "Language"}
    stray = []
    for path in SOURCES:
        if _rel(path) == "iop_core/i18n/__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "iop_core.i18n":
                stray += [f"{_rel(path)}: from {node.module} import {a.name}" for a in node.names if a.name in names]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                stray += [f"{_rel(path)}: {t.id} =" for t in targets if isinstance(t, ast.Name) and t.id in names]
    assert not stray, stray
