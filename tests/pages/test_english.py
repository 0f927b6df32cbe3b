"""English (AppTest): the language chosen on Start carries through every finished page."""

from __future__ import annotations

import pytest

from iop_core.report.triage import triage_questions
from iop_core.report.what_if import switches
from iop_core.rules.catalogue import questions, questions_for
from iop_core.screening.demo import demo_cases
from tests.support.apptest import PAGES, alerts, app, demo_click, gen, model
from tests.support.screenings import demo

TITLES = {
    "start": "IOP screening",
    "initiative": "The initiative",
    "documents": "Documents and statutes",
    "values": "Shared values",
    "budget": "Budget and co-financing",
    "triage": "Quick triage",
    "trainer": "Training mode",
}


def _english_app():
    at = app()
    at.radio(key=f"language@{gen(at)}").set_value("en").run()
    assert not at.exception
    assert model(at).language == "en"
    return at


def _visible_text(at) -> str:
    parts = [*(m.value for m in at.markdown), *(c.value for c in at.caption), *alerts(at),
             *(h.value for h in at.title), *(h.value for h in at.subheader)]
    for kind in ("radio", "selectbox", "text_input", "text_area", "number_input", "toggle"):
        parts += [w.label for w in getattr(at, kind)]
    return " ".join(parts)


def test_switching_to_english_on_start_changes_the_start_page():
    at = _english_app()
    assert at.title[0].value == "IOP screening"
    assert "What is an IOP?" in [h.value for h in at.subheader]
    assert any("not a legal ruling" in a for a in alerts(at))
    assert at.radio(key=f"language@{gen(at)}").options == ["Svenska", "English"]
    assert at.radio(key=f"role@{gen(at)}").label == "Who are you?"
    text = _visible_text(at)
    assert "Vad är ett IOP?" not in text and "Vem är du?" not in text
    for case in demo_cases("en"):
        assert any(e.label.startswith(case.title) for e in at.expander), case.title


def test_swedish_is_the_default_and_switching_back_works():
    at = app()
    assert model(at).language == "sv" and at.title[0].value == "IOP-screening"
    at.radio(key=f"language@{gen(at)}").set_value("en").run()
    at.radio(key=f"language@{gen(at)}").set_value("sv").run()
    assert model(at).language == "sv" and "Vad är ett IOP?" in [h.value for h in at.subheader]


def test_an_example_opened_in_english_stays_english():
    at = demo_click(_english_app(), "disguised_procurement")
    assert model(at).demo_case == "disguised_procurement" and model(at).language == "en"
    assert any("Safe return home" in a and "is open" in a for a in alerts(at))


@pytest.mark.parametrize("page", [p for p in TITLES if p != "start"])
def test_every_finished_page_is_english_without_exceptions(page):
    at = _english_app()
    at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    assert at.title[0].value == TITLES[page] if page != "trainer" else TITLES[page] in [t.value for t in at.title]


@pytest.mark.parametrize("page", ["initiative", "documents", "values", "budget", "triage", "trainer"])
def test_pages_with_a_demo_case_in_english(page):
    s = demo("genuine_iop")
    s.language = "en"
    at = app(s, page)
    assert not at.exception
    text = _visible_text(at)
    for swedish in ("Vet inte", "Varför frågar vi?", "Nästa:", "Källa:", "Inte besvarad"):
        assert swedish not in text, (page, swedish)


def test_initiative_question_labels_are_english():
    at = _english_app()
    at.switch_page(PAGES["initiative"]).run()
    labels = {r.label for r in at.radio} | {n.label for n in at.number_input}
    english = {q.label for q in questions_for("skr", "en") if q.group != "statutes"}
    swedish = {q.label for q in questions_for("skr")}
    assert labels & english and not labels & swedish
    assert "Don't know / not answered" in at.radio[0].options
    assert "Why do we ask?" in [e.label for e in at.expander]


# A radio's format_func that reads the language from session state runs outside the script in
# AppTest (in Swedish), so an English page with answered yes/no questions is not run a second time.


def _unsigned_in_english():
    s = demo("unsigned_declaration")
    s.language = "en"
    return s


def test_documents_page_uses_english_data():
    at = app(_unsigned_in_english(), "documents")
    text = _visible_text(at)
    assert "Mora Municipality" in text and "Does the organisation have statutes" in " ".join(r.label for r in at.radio)
    assert "Will be handed in later" in " ".join(o for r in at.radio for o in r.options)


def test_values_page_uses_english_data():
    at = app(_unsigned_in_english(), "values")
    labels = [r.label for r in at.radio]
    assert "4b – Ethnicity" in labels
    assert at.radio[0].options == ["Certify", "Cannot certify", "Not answered"]
    original = next(e for e in at.expander if e.label.startswith("The declaration in Swedish"))
    assert "utövar våld, tvång eller hot mot en person" in " ".join(m.value for m in original.markdown)


def test_budget_page_shows_english_party_and_category_labels():
    s = demo("genuine_iop")
    s.language = "en"
    at = app(s, "budget")
    metrics = [m.label for m in at.metric]
    assert "Public party" in metrics and "The organisation" in metrics and "Offentlig part" not in metrics
    assert all(m.value.startswith("SEK\u00a0") for m in at.metric)  # the currency with the figure, as everywhere
    at.session_state["budget_how"] = True  # "How to fill in the table" is drawn when opened
    assert "Volunteer work" in _visible_text(at.run())


def test_triage_page_in_english():
    s = demo("disguised_procurement")
    s.language = "en"
    at = app(s, "triage")
    labels = {w.label for w in [*at.radio, *at.selectbox, *at.number_input]}
    assert {q.label for q in triage_questions("en")} <= labels
    assert not labels & {q.label for q in questions().values()}
    assert any("Red – Risk of procurement" in a for a in alerts(at))


def test_trainer_gallery_and_switches_in_english():
    at = _english_app()
    at.switch_page(PAGES["trainer"]).run()
    gallery = next(e for e in at.expander if e.label.startswith("Examples to show"))
    text = " ".join(m.value for m in gallery.markdown)
    for case in demo_cases("en"):
        assert case.title in text
    options = at.radio(key=f"trainer.what_if@{gen(at)}").options
    assert options[0] == "No change (the case as it is)"
    assert set(options[1:]) <= {sw.label for sw in switches("en")} and len(options) > 1


def test_a_what_if_switch_explains_itself_in_english():
    s = demo("genuine_iop")
    s.language = "en"
    at = app(s, "trainer")
    at.radio(key=f"trainer.what_if@{gen(at)}").set_value("per_unit_payment").run()
    assert not at.exception
    text = _visible_text(at)
    assert "Claim:" in text and "payment per delivered unit" in text
    assert "Changed\\: How will the public money be paid out?" in text  # shown through plain()
    assert "Påstående" not in text and "Ändrat" not in text
