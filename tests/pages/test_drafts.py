"""Drafts in the app (AppTest): autosave, resume by link, delete, two tabs, bad links, faults, off.

AppTest reruns only the page after its first run in this app, so `rerun()` asks for the entry
script (app.py), as a browser does on every interaction.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from iop_core.storage import StorageSettings, new_token, open_store
from tests.conftest import ROOT
from tests.pages.helpers import alerts

NAME = "Föreningen Utkast"


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IOP_DRAFTS", raising=False)
    return tmp_path


def rerun(at: AppTest) -> AppTest:
    at._finished_page_script_hash = ""  # run app.py (router + sidebar), not only the page
    at.run()
    assert not at.exception, at.exception
    return at


def start(token: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if token:
        at.query_params["utkast"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def type_name(at: AppTest, name: str = NAME) -> AppTest:
    gen = at.session_state["screening_generation"]
    at.text_input(key=f"organisation.name@{gen}").set_value(name)
    return rerun(at)


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("caption", "warning", "error", "code") for e in at.sidebar.get(kind))


def test_nothing_is_stored_before_the_first_answer(own_data_dir):
    at = start()
    rerun(at)
    assert "utkast" not in at.query_params
    assert "Sparat" not in sidebar_text(at)


def test_a_change_is_saved_and_the_link_resumes_it():
    at = type_name(start())
    token = at.query_params["utkast"]
    assert len(token) == 32
    assert "Sparat" in sidebar_text(at)
    at.session_state["draft_link"] = True  # the box with the link is drawn when opened
    assert f"/?utkast={token}" in sidebar_text(rerun(at))  # the link to copy
    again = start(token)
    assert again.session_state["screening"].organisation.name == NAME
    assert any("utkast är öppnat" in a for a in alerts(again))


def test_the_privacy_notice_says_what_is_stored_and_for_how_long():
    text = " ".join(c.value for c in start().caption)
    assert "krypterat utkast" in text and "30 dagar" in text and "Radera mitt utkast" in text
    assert "sparar ingenting" not in text


def with_link_box(at: AppTest) -> AppTest:
    at.session_state["draft_link"] = True  # the link box is drawn only while open
    return rerun(at)


def delete_draft(at: AppTest) -> AppTest:
    """"Radera mitt utkast", then "Ja, radera utkastet" (the app asks first)."""
    with_link_box(at).sidebar.button(key="draft_delete").click()
    rerun(at)
    with_link_box(at).sidebar.button(key="draft_delete_yes").click()
    return rerun(at)


def test_delete_asks_first_and_cancel_keeps_the_draft():
    at = type_name(start())
    token = at.query_params["utkast"]
    with_link_box(at).sidebar.button(key="draft_delete").click()
    rerun(at)
    assert "Radera utkastet från servern?" in sidebar_text(with_link_box(at))
    assert at.query_params["utkast"] == token  # nothing deleted by the first click
    assert start(token).session_state["screening"].organisation.name == NAME
    at.sidebar.button(key="draft_delete_cancel").click()
    rerun(at)
    assert "Radera utkastet från servern?" not in sidebar_text(with_link_box(at))
    assert at.sidebar.button(key="draft_delete")
    assert start(token).session_state["screening"].organisation.name == NAME


def test_after_a_delete_the_sidebar_says_one_thing():
    at = delete_draft(type_name(start()))
    text = sidebar_text(at)
    assert "inget sparas längre automatiskt" in text
    assert "sparas automatiskt som ett krypterat utkast" not in text and "Sparat" not in text
    assert text.count("raderat") == 1


def test_delete_removes_the_draft_and_the_link_says_so():
    at = type_name(start())
    token = at.query_params["utkast"]
    delete_draft(at)
    assert "utkast" not in at.query_params
    assert at.session_state["screening"].organisation.name == NAME  # still in this tab
    type_name(at, NAME + " igen")  # no new draft appears by itself after a delete
    assert "utkast" not in at.query_params
    gone = start(token)
    assert any("är raderat" in a for a in alerts(gone))
    assert gone.session_state["screening"].organisation.name == ""


@pytest.mark.parametrize("token, words", [
    ("abc", "ofullständig"),
    (new_token(), "inget utkast"),
])
def test_a_bad_link_gives_a_swedish_message_and_an_empty_screening(token, words):
    at = start(token)
    assert any(words in a for a in alerts(at)), alerts(at)
    type_name(at)  # the user can go on; a new draft gets a new link
    assert at.query_params["utkast"] != token


def test_two_tabs_never_overwrite_each_other_silently():
    first = type_name(start())
    token = first.query_params["utkast"]
    second = start(token)
    type_name(second, "Från flik två")
    type_name(first, "Från flik ett")
    assert "annan flik" in first.main.warning[0].value  # at the top of the page, where the user looks
    assert "Sparat" not in sidebar_text(first) and "annan flik" in sidebar_text(first)
    assert first.query_params["utkast"] == token
    assert start(token).session_state["screening"].organisation.name == "Från flik två"
    first.button(key="draft_take_newer").click()
    rerun(first)
    assert first.session_state["screening"].organisation.name == "Från flik två"
    assert "Sparat" in sidebar_text(first)


def test_keep_mine_saves_this_tab_over_the_newer_draft():
    first = type_name(start())
    token = first.query_params["utkast"]
    type_name(start(token), "Från flik två")
    type_name(first, "Från flik ett")
    first.button(key="draft_keep_mine").click()
    rerun(first)
    assert start(token).session_state["screening"].organisation.name == "Från flik ett"


def test_a_draft_deleted_in_another_tab_is_not_recreated_silently():
    first = type_name(start())
    token = first.query_params["utkast"]
    other = start(token)
    delete_draft(other)
    type_name(first, "Ändrat efteråt")
    assert "är raderat" in sidebar_text(first)
    assert "utkast" not in first.query_params
    assert first.session_state["screening"].organisation.name == "Ändrat efteråt"
    first.sidebar.button(key="draft_new").click()  # the user chooses to keep a draft again
    rerun(first)
    assert first.query_params["utkast"] != token
    assert start(first.query_params["utkast"]).session_state["screening"].organisation.name == "Ändrat efteråt"


def test_a_database_that_is_down_keeps_the_answers_and_spara(monkeypatch):
    from tests.servers import free_port

    monkeypatch.setenv("IOP_DATABASE_URL", f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none")
    at = type_name(start())
    assert "kunde inte sparas" in sidebar_text(at)
    assert at.session_state["screening"].organisation.name == NAME
    assert at.sidebar.get("download_button")  # "Spara" is still there
    assert "utkast" not in at.query_params


def test_a_link_while_the_database_is_down_is_kept_for_later(monkeypatch):
    from tests.servers import free_port

    monkeypatch.setenv("IOP_DATABASE_URL", f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none")
    token = new_token()
    at = type_name(start(token))
    assert any("kan inte hämtas just nu" in a for a in alerts(start(token)))
    assert at.query_params["utkast"] == token  # not replaced by a new draft
    assert "kan inte hämtas just nu" in sidebar_text(at)  # said on every page, not only once


def test_a_tampered_draft_says_so(own_data_dir):
    from sqlalchemy import update

    from iop_core.storage.tables import drafts

    at = type_name(start())
    token = at.query_params["utkast"]
    store = open_store(StorageSettings(True, f"sqlite:///{own_data_dir / 'iop.sqlite3'}", 30, own_data_dir))
    with store.engine.begin() as conn:
        conn.execute(update(drafts).values(body=b"\x01" + b"0" * 60))
    assert any("har ändrats eller skadats" in a for a in alerts(start(token)))


def test_drafts_off_behaves_as_before(monkeypatch, own_data_dir):
    monkeypatch.setenv("IOP_DRAFTS", "false")
    at = type_name(start())
    assert "utkast" not in at.query_params
    assert "Sparat" not in sidebar_text(at) and not at.sidebar.get("code")
    assert "sparar ingenting på servern" in " ".join(c.value for c in at.caption)
    assert not (own_data_dir / "iop.sqlite3").exists()


def test_english_mode_has_the_draft_texts():
    at = start()
    gen = at.session_state["screening_generation"]
    at.radio(key=f"language@{gen}").set_value("en")
    rerun(at)
    type_name(at)
    assert "Saved" in sidebar_text(at)
    assert "encrypted draft" in " ".join(c.value for c in at.caption)
