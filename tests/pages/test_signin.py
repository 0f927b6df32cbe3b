"""AppTest: officer sign-in in the app (iop_shell/signin.py). Texts that match what is configured, a
clear log line for a broken accounts file, hammering refused, and "Logga ut" that the server
remembers for local and OpenID Connect sign-in (issues #22 and #23)."""

from __future__ import annotations

import logging
import time

import pytest

from iop_core.council.signin import LocalSession, OfficerSessions
from iop_core.storage import load_settings, make_engine
from tests.support import ROOT
from tests.support.apptest import run
from tests.support.council import PASSWORD, app, oidc_app, sign_in, texts

pytestmark = pytest.mark.usefixtures("register_on")

SIGNOUT = "officer_signout"


def all_text(at) -> str:
    return texts(at) + " ".join(b.label for b in at.button)


def sessions() -> OfficerSessions:
    import os

    return OfficerSessions(make_engine(load_settings(os.environ, {}, ROOT).database_url))


def test_with_local_accounts_only_the_page_does_not_offer_the_council_s_account():
    at = app("pages/9_register.py")
    assert "användarnamn och lösenord" in texts(at)
    assert "kommunens konto" not in all_text(at)


def test_with_oidc_only_the_page_offers_the_council_s_account_and_no_form(monkeypatch):
    monkeypatch.delenv("IOP_OFFICER_ACCOUNTS")
    at = oidc_app({"is_logged_in": False}, "pages/9_register.py")
    assert "Logga in med kommunens konto." in texts(at) or "Logga in med kommunens konto" in all_text(at)
    assert "lokalt konto" not in texts(at) and not at.text_input


def test_a_missing_accounts_file_says_so_and_logs_a_line_for_the_administrator(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("IOP_OFFICER_ACCOUNTS", str(tmp_path / "borta.toml"))
    with caplog.at_level(logging.ERROR, logger="iop.signin"):
        at = sign_in(app("pages/9_register.py"))
    assert "kontofilen saknas eller är felaktig" in texts(at) and not at.dataframe
    lines = [r.getMessage() for r in caplog.records if r.name == "iop.signin"]
    assert any("borta.toml does not exist" in line for line in lines), lines
    assert not any(PASSWORD in line or "bertil" in line for line in lines)


def test_wrong_passwords_in_a_row_then_the_right_one_is_refused():
    """Issue #22: 60 wrong passwords in a row, then the right one, signed in."""
    at = app("pages/9_register.py")
    for i in range(5):
        at = sign_in(at, f"fel lösen nummer {i}")
    assert "För många misslyckade inloggningar" in texts(at)
    at = sign_in(at)
    assert "För många misslyckade inloggningar" in texts(at) and not at.dataframe


def test_signing_out_revokes_the_session_on_the_server():
    at = sign_in(app("pages/9_register.py"))
    session = at.session_state["register_officer"]
    assert isinstance(session, LocalSession) and "Inloggad som Bertil" in texts(at)
    # the same session held elsewhere (a captured cookie's row) works until "Logga ut"
    other = app("pages/9_register.py")
    other.session_state["register_officer"] = session
    assert "Inloggad som Bertil" in texts(run(other))
    at.button(key=SIGNOUT).click()
    at = run(at)
    assert "Logga in som handläggare" in texts(at) and not sessions().active(session.row)
    assert "Logga in som handläggare" in texts(run(other)) and not other.dataframe


def test_an_oidc_identity_from_before_sign_out_no_longer_opens_the_register():
    """Issue #22: a `_streamlit_user` cookie captured before "Logga ut" still signed in."""
    claims = {"sub": "anna", "email": "anna@kommun.example", "email_verified": True, "name": "Anna",
              "iat": int(time.time()) - 5}
    at = oidc_app(claims)
    assert "Inloggad som Anna" in texts(at)
    at.button(key=SIGNOUT).click()
    run(at)
    captured = oidc_app(claims)  # the old identity cookie, in a new session
    assert "Inloggad som Anna" not in texts(captured) and not captured.dataframe
    assert "Logga in med kommunens konto" in all_text(captured)


def test_an_unverified_email_does_not_open_the_register():
    """Issue #22: `email_verified: false` was granted officer access."""
    at = oidc_app({"sub": "mallory", "email": "ANNA@kommun.example", "email_verified": False, "iat": int(time.time())})
    assert "inte utsedd till handläggare" in texts(at) and not at.dataframe
