"""Drafts in the app (AppTest): autosave, resume by link, delete, two tabs, bad links, faults, off.

AppTest runs no JavaScript: `start(token)` (tests/support/apptest.py) does what the browser's script
does with a link `/#utkast=<token>` (iop_shell/draft_link.py), and `address(at)` reads the token the
script would put in the address.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from iop_core.storage import StorageSettings, new_token, open_store
from iop_shell.draft_link import FIELD, mark
from tests.support import ROOT
from tests.support.apptest import address, alerts, run, send, start

pytestmark = pytest.mark.usefixtures("own_data_dir")

NAME = "Föreningen Utkast"


def type_name(at: AppTest, name: str = NAME) -> AppTest:
    gen = at.session_state["screening_generation"]
    at.text_input(key=f"organisation.name@{gen}").set_value(name)
    return run(at)


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("caption", "warning", "error", "code") for e in at.sidebar.get(kind))


def test_nothing_is_stored_before_the_first_answer(own_data_dir):
    at = start()
    run(at)
    assert address(at) is None
    assert "Sparat" not in sidebar_text(at)


def test_a_change_is_saved_and_the_link_resumes_it():
    at = type_name(start())
    token = address(at)
    assert len(token) == 32
    assert "Sparat" in sidebar_text(at)
    at.session_state["draft_link"] = True  # the box with the link is drawn when opened
    box = sidebar_text(run(at))
    assert f"/#utkast={token}" in box  # the link to copy
    assert "radera utkastet när du är klar eller använd ett privat fönster" in box  # it stays in the history
    again = start(token)
    assert again.session_state["screening"].organisation.name == NAME
    assert any("utkast är öppnat" in a for a in alerts(again))


def test_the_privacy_notice_says_what_is_stored_and_for_how_long():
    text = " ".join(c.value for c in start().caption)
    assert "krypterat utkast" in text and "30 dagar" in text and "Radera mitt utkast" in text
    assert "sparar ingenting" not in text
    assert "I din webbläsare finns länken i adressfältet och historiken" in text  # docs/drafts.md "In your browser"


def with_link_box(at: AppTest) -> AppTest:
    at.session_state["draft_link"] = True  # the link box is drawn only while open
    return run(at)


def delete_draft(at: AppTest) -> AppTest:
    """"Radera mitt utkast", then "Ja, radera utkastet" (the app asks first)."""
    with_link_box(at).sidebar.button(key="draft_delete").click()
    run(at)
    with_link_box(at).sidebar.button(key="draft_delete_yes").click()
    return run(at)


def test_delete_asks_first_and_cancel_keeps_the_draft():
    at = type_name(start())
    token = at.session_state["draft_state"].token
    with_link_box(at).sidebar.button(key="draft_delete").click()
    run(at)
    assert "Radera utkastet från servern?" in sidebar_text(with_link_box(at))
    assert at.session_state["draft_state"].token == token  # nothing deleted by the first click
    assert start(token).session_state["screening"].organisation.name == NAME
    at.sidebar.button(key="draft_delete_cancel").click()
    run(at)
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
    token = address(at)
    delete_draft(at)
    assert address(at) == "-"  # the link leaves the address
    assert at.session_state["screening"].organisation.name == NAME  # still in this tab
    type_name(at, NAME + " igen")  # no new draft appears by itself after a delete
    assert address(at) == "-"
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
    assert address(at) != token


def test_two_tabs_never_overwrite_each_other_silently():
    first = type_name(start())
    token = address(first)
    second = start(token)
    type_name(second, "Från flik två")
    type_name(first, "Från flik ett")
    assert "annan flik" in first.main.warning[0].value  # at the top of the page, where the user looks
    assert "Sparat" not in sidebar_text(first) and "annan flik" in sidebar_text(first)
    assert address(first) == token
    assert start(token).session_state["screening"].organisation.name == "Från flik två"
    first.button(key="draft_take_newer").click()
    run(first)
    assert first.session_state["screening"].organisation.name == "Från flik två"
    assert "Sparat" in sidebar_text(first)


def test_keep_mine_saves_this_tab_over_the_newer_draft():
    first = type_name(start())
    token = address(first)
    type_name(start(token), "Från flik två")
    type_name(first, "Från flik ett")
    first.button(key="draft_keep_mine").click()
    run(first)
    assert start(token).session_state["screening"].organisation.name == "Från flik ett"


def test_a_draft_deleted_in_another_tab_is_not_recreated_silently():
    first = type_name(start())
    token = address(first)
    other = start(token)
    delete_draft(other)
    type_name(first, "Ändrat efteråt")
    assert "är raderat" in sidebar_text(first)
    assert address(first) == "-"
    assert first.session_state["screening"].organisation.name == "Ändrat efteråt"
    first.sidebar.button(key="draft_new").click()  # the user chooses to keep a draft again
    run(first)
    assert address(first) != token
    assert start(address(first)).session_state["screening"].organisation.name == "Ändrat efteråt"


def test_a_database_that_is_down_keeps_the_answers_and_spara(monkeypatch):
    from tests.support.servers import free_port

    monkeypatch.setenv("IOP_DATABASE_URL", f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none")
    at = type_name(start())
    assert "kunde inte sparas" in sidebar_text(at)
    assert at.session_state["screening"].organisation.name == NAME
    assert at.sidebar.get("download_button")  # "Spara" is still there
    assert address(at) is None


def test_a_link_while_the_database_is_down_is_kept_for_later(monkeypatch):
    from tests.support.servers import free_port

    monkeypatch.setenv("IOP_DATABASE_URL", f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none")
    token = new_token()
    at = type_name(start(token))
    assert any("kan inte hämtas just nu" in a for a in alerts(start(token)))
    assert address(at) is None and at.session_state["draft_state"].token is None  # the address keeps
    # the link as the browser has it: no new draft replaces it
    assert "kan inte hämtas just nu" in sidebar_text(at)  # said on every page, not only once


def test_a_tampered_draft_says_so(own_data_dir):
    from sqlalchemy import update

    from iop_core.storage.tables import drafts

    at = type_name(start())
    token = address(at)
    store = open_store(StorageSettings(True, f"sqlite:///{own_data_dir / 'iop.sqlite3'}", 30, own_data_dir))
    with store.engine.begin() as conn:
        conn.execute(update(drafts).values(body=b"\x01" + b"0" * 60))
    assert any("har ändrats eller skadats" in a for a in alerts(start(token)))


def test_drafts_off_behaves_as_before(monkeypatch, own_data_dir):
    monkeypatch.setenv("IOP_DRAFTS", "false")
    at = type_name(start())
    assert not any("data-iop-address" in el.proto.body for el in at.sidebar.get("html"))  # no link, no script
    assert "Sparat" not in sidebar_text(at) and not at.sidebar.get("code")
    assert "sparar ingenting på servern" in " ".join(c.value for c in at.caption)
    assert not (own_data_dir / "iop.sqlite3").exists()


def test_english_mode_has_the_draft_texts():
    at = start()
    gen = at.session_state["screening_generation"]
    at.radio(key=f"language@{gen}").set_value("en")
    run(at)
    type_name(at)
    assert "Saved" in sidebar_text(at)
    assert "encrypted draft" in " ".join(c.value for c in at.caption)


def test_the_address_shows_the_link_from_the_run_that_creates_the_draft():
    at = start()
    assert address(at) is None
    type_name(at)  # one run: the save that creates the draft, and the address showing it
    assert address(at) == at.session_state["draft_state"].token
    assert "utkast" not in at.query_params  # never in the query: a proxy could log it


def test_an_old_link_with_the_token_in_its_query_moves_into_the_fragment():
    token = address(type_name(start()))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["utkast"] = token
    at.run()
    assert "utkast" not in at.query_params and address(at) == token  # the browser's script sends it back
    send(at, token)
    assert at.session_state["screening"].organisation.name == NAME
    assert any("utkast är öppnat" in a for a in alerts(at))


def test_a_link_made_in_another_browser_asks_before_the_first_save():
    token = address(type_name(start()))
    victim = start(token, known=False)
    assert any("skapades på en annan enhet" in a for a in alerts(victim)), alerts(victim)
    type_name(victim, "Hemligt svar")
    assert start(token).session_state["screening"].organisation.name == NAME  # nothing saved yet
    assert "Inget sparas förrän" in sidebar_text(victim)
    victim.button(key="draft_fork").click()  # "Spara i ett eget, nytt utkast"
    run(victim)
    own = address(victim)
    assert own != token and start(own).session_state["screening"].organisation.name == "Hemligt svar"
    assert start(token).session_state["screening"].organisation.name == NAME  # the sender reads nothing new
    assert not any("skapades på en annan enhet" in a for a in alerts(victim))


def test_going_on_in_a_draft_made_elsewhere_saves_and_remembers_it():
    token = address(type_name(start()))
    at = start(token, known=False)
    at.button(key="draft_trust").click()  # "Fortsätt i det här utkastet"
    run(at)
    type_name(at, "Från min andra dator")
    assert start(token).session_state["screening"].organisation.name == "Från min andra dator"
    assert f'data-iop-mark="{mark(token)}"' in at.sidebar.get("html")[-1].proto.body  # the browser keeps it


@pytest.mark.parametrize("sent", ["", " ", "x" * 5000, "<script> 1", "utkast", "utkast " + "ä" * 64 + " 1",
                                  "../../etc 1", "arende <b> 1", "arende " + "x" * 5000])
def test_whatever_arrives_in_the_hidden_field_is_answered_calmly(sent):
    at = start()
    at.text_input(key=FIELD).set_value(sent)
    run(at)
    assert at.session_state["screening"].organisation.name == ""
