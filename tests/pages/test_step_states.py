"""The sidebar's step states, page by page (issue #24 point 4): one answer on a step starts it,
and the summary, which asks nothing, is started only once it has been opened.

AppTest runs only the page script after switch_page(); the sidebar is drawn by app.py, so the
states are read from a run of the whole app (which lands on Start). The summary's "opened" is
recorded by app.py on a real page visit: tests/e2e/test_navigation.py checks it in a browser."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import app, gen
from tests.support.screenings import demo

STEP_NAMES = ("Start", "Initiativet", "Dokument", "Värdegrund", "Budget", "Sammanfattning", "Avtalsutkast")


def whole_run(at: AppTest) -> AppTest:
    at._page_hash = at._finished_page_script_hash = ""  # run app.py (router + sidebar) on Start
    at.run()
    assert not at.exception, at.exception
    return at


def step_state(at: AppTest, step: str) -> str:
    """"Pågår" from the sidebar's line "… Budget: *Pågår*"."""
    lines = next(m.value for m in at.sidebar.markdown if "**Dina steg**" in m.value).split("\n")
    line = next(ln for ln in lines if f" {step}: " in ln)
    return line.split(f" {step}: ", 1)[1].strip(" *")


@pytest.mark.parametrize("page, step, answer", [
    ("start", "Start", lambda at: at.text_input(key=f"organisation.org_number@{gen(at)}").input("802000-0000")),
    ("documents", "Dokument", lambda at: at.number_input(key=f"statutes.members@{gen(at)}").set_value(40)),
    ("values", "Värdegrund", lambda at: at.text_input(key=f"value_declaration.signer_role@{gen(at)}").input("Ordförande")),
    ("budget", "Budget",
     lambda at: at.date_input(key=f"budget.terms.period_start@{gen(at)}").set_value(date(2027, 1, 1))),
])
def test_one_answer_on_a_step_starts_it(page, step, answer):
    at = app(page=page)
    answer(at)
    at.run()  # the page's own run stores the answer
    assert step_state(whole_run(at), step) == "Pågår"


def test_a_free_text_on_initiativet_starts_it():
    at = app()
    at.session_state["initiative_section"] = "Beskrivning"  # the texts' tab
    at.switch_page("pages/1_initiative.py").run()
    at.text_area(key=f"initiative.goal@{gen(at)}").input("Fler barn klarar skolan.")
    at.run()
    assert step_state(whole_run(at), "Initiativet") == "Pågår"


def test_nothing_answered_nothing_started():
    at = whole_run(app())
    assert {step_state(at, step) for step in STEP_NAMES} == {"Inte påbörjad"}


def test_the_summary_is_not_started_until_it_is_opened():
    at = app(demo("genuine_iop"), "budget")
    assert step_state(whole_run(at), "Sammanfattning") == "Inte påbörjad"
    assert step_state(at, "Budget") == "Klar"
    at.session_state["seen_pages"] = {"start", "summary"}  # what app.py records on a visit (page_shown)
    assert step_state(whole_run(at), "Sammanfattning") == "Klar"


def test_another_screening_starts_with_its_summary_unopened():
    at = app(demo("disguised_procurement"), "start")
    at.session_state["seen_pages"] = {"start", "summary"}
    assert step_state(whole_run(at), "Sammanfattning") == "Behöver åtgärdas"
    for button in ("demo_genuine_iop", "demo_genuine_iop_yes"):  # it replaces the case in the session: asked first
        at.session_state["demo_case_genuine_iop"] = True  # its box open (as apptest.demo_click, in whole runs)
        whole_run(at)
        at.session_state["demo_case_genuine_iop"] = True
        at.button(key=button).click()
        whole_run(at)
    assert at.session_state["screening"].demo_case == "genuine_iop"
    assert step_state(at, "Sammanfattning") == "Inte påbörjad"
