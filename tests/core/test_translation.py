"""The English translation of the catalogue (data/i18n/en.toml): complete, not stale, used by assess().

"A test fails when a key exists in one language and not the other": every Swedish text of the
catalogue has an English entry and every English entry belongs to a Swedish one, for rules,
framework overrides, questions (and each choice), documents, the value declaration and budget
words. (The sentences code composes are iop_core/i18n's, kept in step by test_i18n.py.) assess()
in English gives the same judgement in English words.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from iop_core.i18n import t
from iop_core.rules import catalogue
from iop_core.rules.assessment import assess, disclaimer
from iop_core.rules.catalogue import DATA, CatalogueError, base_rules, framework, frameworks, questions
from iop_core.rules.checks import free_texts, value_declaration_gaps, value_declaration_text
from iop_core.rules.wording import TERMS
from iop_core.screening.demo import demo_cases, load_demo
from iop_core.screening.model import VALUE_POINTS, BudgetLine, Screening

TEXT = ("title", "explanation", "next_step")


def _toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def en() -> dict:
    return _toml(DATA / "i18n" / "en.toml")


@pytest.fixture(scope="module")
def framework_files() -> dict[str, dict]:
    return {p.stem: _toml(p) for p in sorted((DATA / "frameworks").glob("*.toml"))}


# --- Both directions, table by table ----------------------------------------------------------


def test_every_rule_has_english_texts_and_no_more(en):
    sv = {r["id"]: r for r in base_rules()}
    assert set(en["rules"]) == set(sv), "rules in one language only"
    for rule_id, entry in en["rules"].items():
        assert set(entry) == set(TEXT), rule_id
        for field in TEXT:
            assert entry[field].strip() and entry[field] != sv[rule_id][field], (rule_id, field)


def test_every_framework_override_text_has_english_and_no_more(en, framework_files):
    assert set(en["frameworks"]) == set(framework_files)
    for fid, body in framework_files.items():
        entry = en["frameworks"][fid]
        assert entry["name"].strip() and entry["description"].strip(), fid
        sv_texts = {rid: {k for k in o if k in TEXT} for rid, o in body.get("overrides", {}).items()}
        sv_texts = {rid: fields for rid, fields in sv_texts.items() if fields}
        en_texts = {rid: set(fields) for rid, fields in entry.get("rules", {}).items()}
        assert en_texts == sv_texts, f"{fid}: override texts differ between sv and en"


def test_every_question_and_choice_has_english_and_no_more(en):
    sv = questions()
    assert set(en["questions"]) == set(sv)
    for qid, entry in en["questions"].items():
        q = sv[qid]
        assert entry["label"].strip() and entry["label"] != q.label, qid
        assert entry["help"].strip() and entry["help"] != q.help, qid
        assert set(entry.get("choices", {})) == set(q.choices), f"{qid}: choices differ"
        assert bool(entry.get("unit")) == bool(q.unit), f"{qid}: unit in one language only"


def test_every_document_and_framework_note_has_english_and_no_more(en):
    raw = _toml(DATA / "documents.toml")
    sv = {d["id"]: d for d in raw["document"]}
    assert set(en["documents"]) == set(sv)
    for did, entry in en["documents"].items():
        assert entry["label"] != sv[did]["label"], did
        assert bool(entry.get("help")) == bool(sv[did].get("help")), did
    assert set(en["document_notes"]) == set(raw.get("framework", {}))
    assert all(e["note"].strip() for e in en["document_notes"].values())


def test_value_declaration_is_translated_point_by_point(en):
    sv = _toml(DATA / "value_declaration.toml")
    vd = en["value_declaration"]
    assert {"preface", "intro"} & set(sv) <= set(vd)
    assert "{organisation}" in vd["intro"]
    assert set(vd["groups"]) == {g["id"] for g in sv.get("group", [])}
    assert list(vd["points"]) == list(VALUE_POINTS) == [p["id"] for p in sv["point"]]
    for p in sv["point"]:
        assert set(vd["points"][p["id"]]) == {k for k in ("label", "text") if k in p}, p["id"]
    assert set(vd["context"]) == set(sv.get("context", {}))
    for fid, ctx in sv.get("context", {}).items():
        fields = {k for k in ("title", "note", "quote", "items") if k in ctx}
        assert set(vd["context"][fid]) == fields, fid
        assert len(vd["context"][fid].get("items", [])) == len(ctx.get("items", [])), fid


def test_budget_vocabulary_is_translated(en):
    sv = _toml(DATA / "budget.toml")
    words = en["budget"]
    assert set(words["parties"]) == set(sv["party"])
    assert set(words["kinds"]) == set(sv["kind"])
    assert set(words["categories"]) == set(sv["category"])
    assert set(words["units"]) == set(sv["unit"])


def test_glossary_explains_every_word_check_term(en):
    terms = {t.avoid for t in TERMS} | {t.prefer for t in TERMS}
    assert terms <= set(en["glossary"])


def test_sources_overlay_names_known_sources_only(en):
    assert set(en.get("sources", {})) <= set(catalogue.sources())


def test_swedish_needs_no_translation_overlay():
    """Swedish is the model, written in the data files; data/i18n holds the other languages only."""
    assert not (DATA / "i18n" / "sv.toml").exists()
    assert catalogue.translation("sv") == {}


# --- The loaded catalogue ---------------------------------------------------------------------


def test_no_swedish_text_is_left_in_the_english_frameworks():
    for fid, fw_sv in frameworks("sv").items():
        fw_en = frameworks("en")[fid]
        assert fw_en.lang == "en" and fw_sv.lang == "sv"
        assert fw_en.name != fw_sv.name and fw_en.description != fw_sv.description
        for r_sv, r_en in zip(fw_sv.rules, fw_en.rules, strict=True):
            assert r_sv.id == r_en.id
            assert (r_sv.severity, r_sv.direction, r_sv.when, r_sv.citations) == (
                r_en.severity, r_en.direction, r_en.when, r_en.citations)
            for field in TEXT:
                assert getattr(r_en, field) != getattr(r_sv, field), (fid, r_sv.id, field)
        for d_sv, d_en in zip(fw_sv.documents, fw_en.documents, strict=True):
            assert d_sv.id == d_en.id and d_sv.label != d_en.label


def test_framework_override_texts_win_over_the_baseline_in_english():
    assert framework("mora", "en").rule("initiative.public").title == "The initiative must come from the organisation"
    assert framework("vgr", "en").rule("mandate.none").title != framework("skr", "en").rule("mandate.none").title
    # A framework that overrides only the explanation keeps the baseline's English title.
    helsingborg = framework("helsingborg", "en").rule("time.short")
    assert helsingborg.title == framework("skr", "en").rule("time.short").title
    assert helsingborg.explanation.startswith("Helsingborg's framework")


def test_old_signatures_still_give_swedish():
    assert framework("skr") == framework("skr", "sv")
    assert questions()["initiative.initiative_by"].label == "Vem tog initiativet till samarbetet?"
    assert catalogue.questions_for("vgr", "en")[0].label == "Who took the initiative for the cooperation?"
    assert catalogue.rules_for_fact("skr", "initiative.sanctions", "en")[0].title.startswith("Sanctions")


def test_answers_are_in_the_question_language():
    years_sv, years_en = questions("sv")["initiative.planned_years"], questions("en")["initiative.planned_years"]
    assert years_sv.answer_label(2.5) == "2,5 år"
    assert years_en.answer_label(2.5) == "2.5 years"
    assert years_en.answer_label(1) == "1 year"
    sanctions = questions("en")["initiative.sanctions"]
    assert [sanctions.answer_label(v) for v in (True, False, None)] == ["Yes", "No", "Not answered"]
    assert [questions()["initiative.sanctions"].answer_label(v) for v in (True, False, None)] == ["Ja", "Nej", "Inte besvarad"]
    assert questions("en")["initiative.org_type"].answer_label("stiftelse") == "Foundation (stiftelse)"


def test_money_answers_are_written_as_money_in_each_language():
    """An amount reads as every other amount of the language ("SEK 250,000", never "250,000 SEK")."""
    per_year, total = "initiative.public_amount_per_year", "initiative.total_value"
    assert questions("sv")[per_year].answer_label(250_000) == "250\u00a0000\u00a0kr per år"
    assert questions("en")[per_year].answer_label(250_000) == "SEK\u00a0250,000 per year"
    assert questions("sv")[total].answer_label(3_630_000) == "3\u00a0630\u00a0000\u00a0kr"
    assert questions("en")[total].answer_label(3_630_000) == "SEK\u00a03,630,000"


def test_unknown_language_is_refused():
    with pytest.raises(CatalogueError, match="språk"):
        framework("skr", "de")


# --- assess() ---------------------------------------------------------------------------------

CASES = [c.id for c in demo_cases()]


def _english(s: Screening) -> Screening:
    s = s.model_copy(deep=True)
    s.language = "en"
    return s


@pytest.mark.parametrize("case_id", CASES)
@pytest.mark.parametrize("fw", list(frameworks()))
def test_demo_cases_in_english_keep_the_judgement_and_change_the_words(case_id, fw):
    sv_case = load_demo(case_id)
    a_sv, a_en = assess(sv_case, fw), assess(_english(sv_case), fw)
    assert (a_en.classification, a_en.traffic_light, a_en.scores) == (a_sv.classification, a_sv.traffic_light, a_sv.scores)
    assert [f.rule_id for f in a_en.findings] == [f.rule_id for f in a_sv.findings]
    assert [m.fact for m in a_en.missing] == [m.fact for m in a_sv.missing]
    assert a_en.disclaimer.startswith("This is support for a first assessment")
    assert a_en.summary != a_sv.summary
    for f_sv, f_en in zip(a_sv.findings, a_en.findings, strict=True):
        assert f_en.citations == f_sv.citations
        for field in TEXT:
            assert getattr(f_en, field) != getattr(f_sv, field), (f_en.rule_id, field)
        assert len(f_en.facts) == len(f_sv.facts)
    english = json.dumps(a_en.model_dump(mode="json"), ensure_ascii=False)
    for q in questions("sv").values():
        assert q.label not in english, q.label
    for word in ("Vem tog initiativet", "Inte besvarad", "Svaren pekar", "står för", "Underskriftens", "lämnas senare"):
        assert word not in english


@pytest.mark.parametrize("case_id", CASES)
def test_swedish_stays_the_default(case_id):
    s = load_demo(case_id)
    assert s.language == "sv"
    assert assess(s) == assess(s, lang="sv")
    assert assess(s).disclaimer == disclaimer("sv")
    assert disclaimer("sv").startswith("Det här är ett stöd för en första bedömning")


def test_language_argument_overrides_the_screening():
    s = load_demo("disguised_procurement")
    assert assess(s, "skr", "en") == assess(_english(s), "skr")


def test_fact_lines_use_english_labels_and_answers():
    s = Screening(language="en")
    s.initiative.initiative_by = "public"
    finding = next(f for f in assess(s, "skr").findings if f.rule_id == "initiative.public")
    assert finding.facts == ["Who took the initiative for the cooperation? The municipality or region"]


def test_word_hits_explain_the_swedish_words_in_english():
    s = Screening(language="en")
    s.initiative.activities = "Föreningen får ersättning och betalar vite vid försening."
    findings = {f.rule_id: f for f in assess(s, "skr").findings}
    assert findings["wording.commercial"].facts == [
        "Activities: rewrite the sentence “Föreningen får ersättning och betalar vite vid försening.” "
        "(“ersättning” (compensation) – SKR recommends “utbetalning” (disbursement))."
    ]
    assert "“vite” (penalty)" in findings["wording.sanctions"].facts[0]
    assert list(free_texts(s)) == ["Activities"]
    assert list(free_texts(s, "sv")) == ["Aktiviteter"]


def test_budget_lines_in_english():
    s = Screening(language="en")
    s.budget.lines = [BudgetLine(party="public", category="pengar", kind="money", quantity=Decimal("2000"),
                                 unit="timmar", unit_value=Decimal("350"), year=2027)]
    findings = {f.rule_id: f for f in assess(s, "skr").findings}
    assert findings["budget.per_unit_lines"].facts == ["Money: 2,000 hours at SEK\u00a0350 each (2027)."]
    assert findings["budget.public_pays_all"].facts[0] == "Public party: SEK\u00a0700,000 of SEK\u00a0700,000 (100%)."


def test_value_declaration_gaps_and_missing_text_in_english():
    s = Screening(language="en")
    s.value_declaration.confirmed = {p: True for p in VALUE_POINTS if p != "4b"} | {"4b": False}
    gaps = value_declaration_gaps(s)
    assert gaps[0] == "Point 4b: cannot be certified – " + value_declaration_text("en")["points"]["4b"]
    assert "on grounds of ethnicity" in gaps[0]
    assert gaps[1:] == ["The signer's name is missing.", "The signer's role is missing.",
                        "The signer's organisation is missing.", "The date of signing is missing."]
    assert value_declaration_gaps(s, "sv")[0].startswith("Punkt 4b kan inte intygas: ")
    untouched = assess(Screening(language="en"), "mora")
    assert "The value declaration (värdegrundsförklaring) has not been filled in." in [m.question for m in untouched.missing]
    first = next(p for p in untouched.path if p.decided)
    assert untouched.summary == "Nothing certain can be said yet. " + t("path.why_missing", "en", step=first.title)
    assert first.title == "Can public money go here at all?" and first.missing  # the first step waits for its answers


# --- A broken translation fails at load time --------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(catalogue.DATA, target)
    monkeypatch.setattr(catalogue, "DATA", target)
    cached = (catalogue.translation, catalogue.sources, catalogue.questions,
              catalogue.frameworks, catalogue.document_specs)
    for fn in cached:
        fn.cache_clear()
    yield target
    for fn in cached:
        fn.cache_clear()


@pytest.mark.parametrize(
    ("extra", "message_part"),
    [
        ('\n[rules."no.such.rule"]\ntitle = "X"\n', "unknown ids"),
        ('\n[questions."initiative.sanctions".choices]\nmaybe = "Maybe"\n', "unknown choices"),
        ('\n[frameworks.mora.rules."no.such.rule"]\ntitle = "X"\n', "unknown rule"),
        ('\n[documents.passport]\nlabel = "Passport"\n', "unknown ids"),
        ('\n[colours]\nred = "Red"\n', "unknown tables"),
    ],
)
def test_a_stale_or_misspelt_translation_fails_at_load(data_copy, extra, message_part):
    path = data_copy / "i18n" / "en.toml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message_part):
        frameworks("en")
        questions("en")
        catalogue.document_specs("en")


def test_a_misspelt_field_fails_at_load(data_copy):
    path = data_copy / "i18n" / "en.toml"
    text = path.read_text(encoding="utf-8").replace('[rules."time.short"]\ntitle', '[rules."time.short"]\ntitel', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown fields"):
        frameworks("en")
