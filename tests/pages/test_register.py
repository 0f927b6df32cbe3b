"""AppTest: "Skicka till kommunen" with consent, the organisation's status, officer sign-in with a
local account, the register and a case, version conflicts, the database down, access refused."""

from __future__ import annotations

import time

import pytest

from iop_core.storage import StorageUnavailable
from iop_core.storage import cases as cases_module
from tests.support.apptest import run
from tests.support.council import ORG, app, link_token, oidc_app, open_case, sign_in, submitted, texts
from tests.support.screenings import demo

pytestmark = pytest.mark.usefixtures("register_on")

REGISTER_PAGES = ["pages/9_register.py", "pages/10_followup.py"]


def test_the_organisation_consents_submits_and_sees_only_the_status():
    at = submitted()
    assert "Skickat till kommunen" in texts(at)
    assert "Status: **Mottaget**" in texts(at) or "Status: Mottaget" in texts(at)
    token = link_token(at)
    assert token
    # the resume link in a new session shows the status, and the register stays closed to it
    other = app("pages/5_summary.py", token=token)
    assert "Mottaget" in texts(other)
    other.switch_page("pages/9_register.py").run()
    assert "Logga in som handläggare" in texts(other) and ORG not in texts(other) and not other.dataframe


@pytest.mark.parametrize("with_link", [False, True], ids=["anonymous", "organisation_link"])
@pytest.mark.parametrize("page", REGISTER_PAGES)
def test_every_register_page_refuses_an_anonymous_session_and_an_organisation_s_link(page, with_link):
    org = submitted()
    at = app(page, token=link_token(org) if with_link else None)
    assert "Logga in som handläggare" in texts(at)
    assert not at.dataframe and "Läxhjälpen" not in texts(at)


def test_a_wrong_password_is_refused_and_a_right_one_opens_the_register():
    submitted()
    at = sign_in(app("pages/9_register.py"), "fel")
    assert "Fel användarnamn eller lösenord" in texts(at) and not at.dataframe
    at = sign_in(at)
    assert at.dataframe and "Läxhjälpen" in at.dataframe[0].value.to_string()


def test_an_oidc_user_the_settings_name_is_an_officer_and_anyone_else_is_not():
    submitted()
    now = int(time.time())  # an identity cookie carries its issue time (st.user's `iat`)
    at = oidc_app({"sub": "anna", "email": "anna@kommun.example", "email_verified": True, "name": "Anna", "iat": now})
    assert at.dataframe and "Läxhjälpen" in at.dataframe[0].value.to_string()
    for page in REGISTER_PAGES:
        other = oidc_app({"sub": "kim", "email": "kim@forening.example", "email_verified": True, "iat": now}, page)
        assert "inte utsedd till handläggare" in texts(other) and not other.dataframe


def test_an_officer_ticks_steps_writes_a_note_and_decides_the_organisation_sees_it():
    org = submitted()
    token = link_token(org)
    at = open_case(sign_in(app("pages/9_register.py")))
    gen = f"{at.session_state['register_open_case']}@1"
    at.checkbox(key=f"step_done_checklist@{gen}").check()
    at.checkbox(key=f"step_done_first_meeting@{gen}").check()
    next(b for b in at.button if b.label == "Spara arbetsgången").click()
    run(at)
    assert "Sparat." in texts(at)
    assert "Inbjudan till första möte" in texts(app("pages/5_summary.py", token=token))
    gen = f"{at.session_state['register_open_case']}@3"
    at.text_area(key=f"case_note@{gen}").set_value("<img src=x onerror=alert(1)> [klicka](http://evil.example)")
    at.button(key="case_note_add").click()
    run(at)
    notes = [m.value for m in at.markdown if "onerror" in m.value]
    assert notes and "\\<img" in notes[0] and "\\[klicka\\]" in notes[0]
    gen = f"{at.session_state['register_open_case']}@4"
    at.selectbox(key=f"case_decision@{gen}").set_value("iop_agreed")
    next(b for b in at.button if b.label == "Spara beslut").click()
    run(at)
    assert "Beslut: partnerskap (IOP) ingås" in texts(app("pages/5_summary.py", token=token))
    audit = next(d.value for d in at.dataframe if "Vad" in d.value.columns)
    said = " ".join(audit["Vad"])
    assert "Beslut: IOP ingås (" in said and "Steg klart: Initiativtagarna inbjudna till ett första möte (" in said
    assert "Skickat till kommunen (version 1)" in said and "Anteckning 1 tillagd" in said
    assert "decision:" not in said and "iop_agreed" not in said and "onerror" not in audit.to_string()
    assert list(audit.columns) == ["När (svensk tid)", "Vem", "Vad"] and "Organisationen" in set(audit["Vem"])


def test_two_officers_editing_the_same_case_get_a_conflict_message():
    submitted()
    a = open_case(sign_in(app("pages/9_register.py")))
    b = open_case(sign_in(app("pages/9_register.py")))
    gen = f"{a.session_state['register_open_case']}@1"
    a.text_area(key=f"case_note@{gen}").set_value("Från A")
    a.button(key="case_note_add").click()
    run(a)
    b.text_area(key=f"case_note@{gen}").set_value("Från B")
    b.button(key="case_note_add").click()
    run(b)
    assert "En annan handläggare har ändrat ärendet" in texts(b)
    assert "Från A" in texts(b) and "Från B" not in " ".join(m.value for m in b.markdown)


def test_a_submission_while_the_database_is_down_is_kept_and_retried(monkeypatch):
    real = cases_module.CaseStore.submit

    def down(*_a, **_k):
        raise StorageUnavailable("down")

    monkeypatch.setattr(cases_module.CaseStore, "submit", down)
    at = submitted()
    assert "går inte att nå just nu" in texts(at)
    assert at.session_state["screening"].organisation.name == ORG  # nothing lost
    monkeypatch.setattr(cases_module.CaseStore, "submit", real)
    at.button(key="submit_retry").click()
    run(at)
    assert "Skickat till kommunen" in texts(at)


def test_the_yearly_follow_up_counts_the_case_and_offers_csv():
    submitted()
    at = sign_in(app("pages/10_followup.py"))
    assert at.dataframe[0].value.iloc[0, 1] == 1
    assert at.get("download_button")


def test_with_the_register_off_nothing_changes(monkeypatch):
    monkeypatch.delenv("IOP_REGISTER")
    s = demo("genuine_iop")
    at = app("pages/5_summary.py", s)
    assert not any(c.key == "submit_consent" for c in at.checkbox)
    assert "Skicka till kommunen" not in texts(at)


def test_triage_can_send_too():
    at = app("pages/7_triage.py", demo("genuine_iop"))
    assert any(c.key == "submit_consent" for c in at.checkbox)
    assert "Skicka till kommunen" in " ".join(h.value for h in at.header)


def test_erasing_a_case_needs_a_confirmation_and_leaves_it_out_of_the_register():
    org = submitted()
    at = open_case(sign_in(app("pages/9_register.py")))
    assert at.button(key="case_erase").disabled
    gen = f"{at.session_state['register_open_case']}@1"
    at.checkbox(key=f"erase_sure_{gen}").check()
    run(at)
    at.button(key="case_erase").click()
    run(at)
    assert "Ärendet är raderat" in texts(at) and "Inga ärenden ännu" in texts(at)
    status = app("pages/5_summary.py", token=link_token(org))
    assert "Mottaget" not in texts(status)


@pytest.mark.parametrize("page", REGISTER_PAGES)
def test_a_register_page_with_the_database_down_says_so_and_shows_nothing_else(page, monkeypatch):
    at = sign_in(app(page))

    def down(*_a, **_k):
        raise StorageUnavailable("down")

    for name in ("list", "all_for_followup"):
        monkeypatch.setattr(cases_module.CaseStore, name, down)
    run(at)
    assert [e.value for e in at.error] == [
        "Registret går inte att nå just nu (databasen svarar inte). Inget har ändrats; försök igen om en stund."]
    assert not at.dataframe and not at.get("download_button")  # the page stops there
