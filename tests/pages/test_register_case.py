"""AppTest: the register read as the organisation saw it, versions, filters and the Swedish words.

"Skicka igen" after a change and the officer's view of both versions; deleting the draft keeps
the case's status link; filters by status, framework, year and policy area; the case with lights
per framework, the report's sections and every answer in words (never JSON); Swedish
placeholders and YYYY-MM-DD date pickers; every register page with the hostile payloads renders
no link, image or HTML (as tests/pages/test_hostile_text.py does for the walk)."""

from __future__ import annotations

import re

import pytest

from iop_shell.draft_link import FIELD
from tests.support.apptest import address, problems, run
from tests.support.council import app, link_token, open_case, sign_in, submitted, texts
from tests.support.screenings import MARK, hostile_screening

pytestmark = pytest.mark.usefixtures("register_on")

LIGHT = re.compile(r"\*\*(Grönt|Gult|Rött) – ")


def frame_with(at, *columns: str):
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def resend(org, contact: str = "Kim Karlsson"):
    org.session_state["screening"].organisation.contact_name = contact
    run(org)
    assert "Du har ändrat svar sedan du skickade" in texts(org)
    assert org.button(key="resend_button").disabled  # nothing is sent without consent
    org.checkbox(key="resend_consent").check()
    run(org)
    org.button(key="resend_button").click()
    return run(org)


def test_the_organisation_sends_again_after_a_change_and_the_officer_sees_both_versions():
    org = submitted()
    assert not any(b.key == "resend_button" for b in org.button)  # nothing changed yet
    org = resend(org)
    assert "Version 2 skickad till kommunen" in texts(org)
    assert "Du har skickat 2 versioner" in texts(org) and not any(b.key == "resend_button" for b in org.button)
    at = open_case(sign_in(app("pages/9_register.py")))
    assert frame_with(at, "Versioner")["Versioner"].tolist() == [2]
    assert "Organisationen har skickat 2 versioner" in texts(at)
    diff = frame_with(at, "Före")
    assert diff.to_dict("records") == [{"Avsnitt": "Organisationen", "Fråga eller fält": "Kontaktperson",
                                        "Före": "Anna Lind", "Efter": "Kim Karlsson"}]
    shown = at.selectbox(key=f"case_version@{at.session_state['register_open_case']}")
    assert shown.value == 2
    shown.set_value(1)
    run(at)
    answers = frame_with(at, "Fråga eller fält", "Svar")
    assert "Anna Lind" in answers["Svar"].tolist() and "Kim Karlsson" not in answers["Svar"].tolist()
    said = " ".join(frame_with(at, "Vad")["Vad"])
    assert "Ny version skickad (version 2)" in said


def test_deleting_the_draft_keeps_the_case_s_status_link():
    org = submitted()
    token = link_token(org)
    home = app(token=token)  # the organisation comes back through its link, on the Start page
    home.session_state["draft_link"] = True  # the box with the link is drawn when opened
    run(home).sidebar.button(key="draft_delete").click()
    run(home)
    home.session_state["draft_link"] = True  # the link box (closed by the run) holds the question
    run(home).sidebar.button(key="draft_delete_yes").click()  # the app asks first
    run(home)
    assert address(home, "arende") == token and home.session_state["draft_state"].token is None
    home.switch_page("pages/5_summary.py").run()
    assert "Mottaget" in texts(home)
    assert not any(b.key in ("resend_button", "submit_button") for b in home.button)  # a blank screening is not sent
    assert f"/#arende={token}" in " ".join(c.value for c in home.code)  # the link it can keep
    status = app()  # the status link in a fresh browser: its script sends what the fragment holds
    status.text_input(key=FIELD).set_value(f"arende {token} 1")
    assert address(run(status), "arende") == token
    status.switch_page("pages/5_summary.py").run()
    assert "Mottaget" in texts(status) and not any(b.key == "resend_button" for b in status.button)
    old = app()  # an old link with the token in its query (nginx moves it into the fragment itself)
    old.query_params["arende"] = token
    assert address(run(old), "arende") == token and "arende" not in old.query_params
    old.switch_page("pages/5_summary.py").run()
    assert "Mottaget" in texts(old)


def test_filters_narrow_the_register_and_say_when_nothing_matches():
    submitted("Föreningen Läxhjälpen")
    other = app("pages/5_summary.py")
    from tests.support.screenings import demo

    s = demo("genuine_iop")
    s.framework = "vgr"
    s.organisation.name = "Idrottsklubben Norr"
    other.session_state["screening"] = s
    other.session_state["screening_generation"] = 1
    run(other)
    other.checkbox(key="submit_consent").check()
    run(other)
    other.button(key="submit_button").click()
    run(other)
    at = sign_in(app("pages/9_register.py"))
    assert len(at.dataframe[0].value) == 2
    at.multiselect(key="register_frameworks").set_value(["vgr"])
    run(at)
    assert at.dataframe[0].value["Organisation"].tolist() == ["Idrottsklubben Norr"]
    at.multiselect(key="register_frameworks").set_value([])
    at.multiselect(key="register_statuses").set_value(["iop_agreed"])
    run(at)
    assert "Inga ärenden matchar" in texts(at) and not at.dataframe
    at.multiselect(key="register_statuses").set_value(["open"])
    at.multiselect(key="register_areas").set_value(["unset"])
    year = at.multiselect(key="register_years")
    year.set_value(year.options and [int(year.options[0])])
    run(at)
    assert len(at.dataframe[0].value) == 2
    assert [b.label for b in at.get("download_button")][:2] == ["Ladda ner CSV", "Ladda ner Excel (XLSX)"]


def test_the_case_is_read_as_the_organisation_saw_it_with_lights_and_answers_in_words():
    submitted()
    at = open_case(sign_in(app("pages/9_register.py")))
    boxes = [e.value for kind in ("success", "warning", "error") for e in getattr(at, kind) if LIGHT.search(e.value)]
    assert len(boxes) == 5 and sum("valt ramverk" in b for b in boxes) == 1
    tabs = [t.label for t in at.tabs]
    assert tabs[:3] == ["1. Sammanfattning", "2. Nästa steg", "3. Iakttagelser"]  # the report's order (#24: top-down)
    assert "Alla uppgifter som skickades" in tabs
    assert any(label.endswith("Budget och samfinansiering") for label in tabs)
    answers = frame_with(at, "Fråga eller fält", "Svar")
    assert "Vem tog initiativet till samarbetet?" in answers["Fråga eller fält"].tolist()
    assert not at.code  # no raw JSON any more
    flat = answers.to_string()
    assert "schema_version" not in flat and "initiative." not in flat
    assert len(at.get("vega_lite_chart")) >= 2  # the picture and the budget charts
    labels = [b.label for b in at.get("download_button")]
    assert "Organisationens underlag (PDF)" in labels and "Mötesanteckning (PDF)" in labels


def test_every_select_speaks_swedish_and_dates_are_iso():
    submitted()
    at = open_case(sign_in(app("pages/9_register.py")))
    for widget in [*at.multiselect, *at.selectbox]:
        assert widget.proto.placeholder and "Choose" not in widget.proto.placeholder, widget.label
    assert at.date_input and all(d.proto.format == "YYYY-MM-DD" for d in at.date_input)


def rendered(at) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader")
    texts_ = [e.value for kind in kinds for e in getattr(at, kind) if not e.value.startswith("<style>")]
    return texts_ + [e.label for e in at.expander] + [t.label for t in at.tabs]


@pytest.mark.parametrize("page", ["pages/9_register.py", "pages/10_followup.py"])
def test_hostile_text_renders_as_text_on_every_register_page(page):
    s = hostile_screening("mora")
    org = app("pages/5_summary.py", s)
    org.checkbox(key="submit_consent").check()
    run(org)
    org.button(key="submit_button").click()
    run(org)
    at = sign_in(app(page))
    if page.endswith("9_register.py"):
        at = open_case(at)
        at.text_area(key=f"case_note@{at.session_state['register_open_case']}@1").set_value(hostile_screening().meeting.notes)
        at.button(key="case_note_add").click()
        run(at)
    found = {t[:80]: problems(t) for t in rendered(at)}
    assert {t: p for t, p in found.items() if p} == {}
    if page.endswith("9_register.py"):
        assert any(MARK in t for t in rendered(at)), "the payload must reach the page for this test to mean anything"
