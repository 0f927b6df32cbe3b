"""Sign-in that holds (issue #22): throttle and lock in the database, logged without a password
or a username; local sessions and OpenID Connect sign-outs that the server revokes. On SQLite and
PostgreSQL, like the rest of the register."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from iop_core.council.officers import Officer, account_ref, hash_password
from iop_core.council.signin import (
    ACCOUNT,
    CLIENT,
    HANDOFF_S,
    LOCK_S,
    OfficerSessions,
    SignIn,
    Throttle,
    browser_key,
    cookie_token,
    sign_cookie,
)

RIGHT = "kommunens långa lösen"
USER = "bertil"


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "officers.toml"
    path.write_text(f'[[account]]\nusername = "{USER}"\nname = "Bertil"\npassword_hash = "{hash_password(RIGHT)}"\n',
                    encoding="utf-8")
    return path


@pytest.fixture
def signin(engine, clock):
    return SignIn(engine, now=clock)


def test_wrong_passwords_then_the_right_one_is_refused_until_the_delay_has_passed(signin, accounts, clock):
    """Issue #22: 60 wrong passwords in a row, then the right one, signed in."""
    outcomes = [signin.attempt(accounts, USER, f"fel lösen {i:04d}", "203.0.113.5") for i in range(ACCOUNT.free)]
    assert [o.result for o in outcomes[:-1]] == ["wrong"] * (ACCOUNT.free - 1)
    assert outcomes[-1].result == "throttled" and outcomes[-1].retry_after_s == 2
    refused = signin.attempt(accounts, USER, RIGHT, "203.0.113.5")
    assert refused.result == "throttled" and refused.officer is None  # refused before any check
    clock.at += timedelta(seconds=2)
    assert signin.attempt(accounts, USER, RIGHT, "203.0.113.5").officer.id == USER


def test_the_delay_grows_and_ten_failures_lock_the_account_for_fifteen_minutes(signin, accounts, clock):
    waits = []
    for i in range(ACCOUNT.lock_after):
        outcome = signin.attempt(accounts, USER, f"fel lösen {i:04d}", f"198.51.100.{i}")  # a new address each time
        waits.append(outcome.retry_after_s)
        if outcome.retry_after_s < LOCK_S:
            clock.at += timedelta(seconds=outcome.retry_after_s)
    assert waits == [0, 0, 0, 0, 2, 4, 8, 16, 32, LOCK_S]
    assert signin.attempt(accounts, USER, RIGHT, "192.0.2.1").result == "throttled"
    clock.at += timedelta(seconds=LOCK_S - 1)
    assert signin.attempt(accounts, USER, RIGHT, "192.0.2.1").retry_after_s == 1
    clock.at += timedelta(seconds=1)
    assert signin.attempt(accounts, USER, RIGHT, "192.0.2.1").result == "ok"


def test_one_client_trying_many_accounts_is_slowed_as_a_client(signin, accounts, clock):
    results = [signin.attempt(accounts, f"namn{i}", "fel lösen hela tiden", "203.0.113.9").result
               for i in range(CLIENT.free)]
    assert results[-1] == "throttled" and results.count("wrong") == CLIENT.free - 1
    assert signin.attempt(accounts, USER, RIGHT, "203.0.113.9").result == "throttled"
    assert signin.attempt(accounts, USER, RIGHT, "192.0.2.77").result == "ok"  # another client is not slowed


def test_unknown_names_are_throttled_like_known_ones(signin, accounts):
    known = [signin.attempt(accounts, USER, "fel lösen xxxxx", f"a{i}").result for i in range(ACCOUNT.free)]
    unknown = [signin.attempt(accounts, "finns-inte", "fel lösen xxxxx", f"b{i}").result for i in range(ACCOUNT.free)]
    assert known == unknown


def test_the_throttle_holds_across_processes(engine, accounts, clock):
    """Two app processes behind nginx: the count lives in the database, not in one process."""
    first, second = SignIn(engine, now=clock), SignIn(engine, now=clock)
    for i in range(ACCOUNT.free - 1):
        (first if i % 2 else second).attempt(accounts, USER, "fel lösen xxxxx", f"c{i}")
    assert first.attempt(accounts, USER, "fel lösen xxxxx", "c9").result == "throttled"
    assert second.attempt(accounts, USER, RIGHT, "c10").result == "throttled"


def test_every_refusal_is_logged_for_the_security_contact_without_password_or_name(signin, accounts, caplog, clock):
    with caplog.at_level(logging.INFO, logger="iop.signin"):
        for i in range(ACCOUNT.lock_after):
            clock.at += timedelta(seconds=signin.attempt(accounts, USER, f"hemligt lösen {i:04d}", "203.0.113.5").retry_after_s)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"account={account_ref(USER)}" in logged and "client=203.0.113.5" in logged
    assert "failures=5" in logged and "locked for 900 s after 10 failures: account=" in logged
    assert "hemligt" not in logged and USER not in logged


def test_a_missing_or_broken_accounts_file_is_logged_for_the_administrator(signin, tmp_path, caplog):
    with caplog.at_level(logging.ERROR, logger="iop.signin"):
        assert signin.attempt(tmp_path / "saknas.toml", USER, RIGHT, "x").result == "config"
    assert "saknas.toml does not exist" in caplog.text and RIGHT not in caplog.text


def test_a_matching_password_below_the_policy_is_refused_and_logged(signin, tmp_path, caplog):
    path = tmp_path / "weak.toml"
    path.write_text(f'[[account]]\nusername = "{USER}"\npassword_hash = "{hash_password("kort")}"\n', encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="iop.signin"):
        assert signin.attempt(path, USER, "kort", "x").result == "wrong"
    assert "shorter than 12 characters" in caplog.text and "hash-password" in caplog.text
    assert "kort" not in caplog.text.replace("shorter", "")


# --- sessions ----------------------------------------------------------------------------------

BERTIL = Officer(id=USER, name="Bertil", via="local")


def test_a_local_session_lives_through_its_cookie_until_signed_out(engine, clock):
    sessions = OfficerSessions(engine, now=clock)
    session, code = sessions.start(BERTIL)
    assert sessions.active(session.row) and sessions.by_token(code) is None  # the code is not the token
    token = sessions.redeem(code)
    assert token and sessions.redeem(code) is None  # once only
    cookie = sign_cookie(token, "secret")
    assert cookie_token(cookie, "secret") == token and cookie_token(cookie, "other secret") is None
    assert cookie_token(token + ".x", "secret") is None and cookie_token(None, "secret") is None
    assert sessions.by_token(token).officer == BERTIL  # a reload: a new Streamlit session, the same officer
    sessions.revoke(row=session.row)  # "Logga ut"
    assert sessions.by_token(token) is None and not sessions.active(session.row)


def test_a_session_code_and_a_session_expire(engine, clock):
    sessions = OfficerSessions(engine, now=clock, hours=1)
    _, late = sessions.start(BERTIL)
    clock.at += timedelta(seconds=HANDOFF_S + 1)
    assert sessions.redeem(late) is None
    session, code = sessions.start(BERTIL)
    token = sessions.redeem(code)
    clock.at += timedelta(hours=1)
    assert sessions.by_token(token) is None and not sessions.active(session.row)
    clock.at += timedelta(days=2)
    assert sessions.cleanup() == 2


def test_signing_out_by_the_cookie_revokes_that_session_only(engine, clock):
    sessions = OfficerSessions(engine, now=clock)
    one, other = (sessions.redeem(sessions.start(BERTIL)[1]) for _ in range(2))
    sessions.revoke(token=one)
    assert sessions.by_token(one) is None and sessions.by_token(other) is not None


def test_an_oidc_identity_issued_before_the_subject_s_sign_out_no_longer_counts(engine, clock):
    """Issue #22: a `_streamlit_user` cookie captured before "Logga ut" still signed in (30 days)."""
    sessions = OfficerSessions(engine, now=clock)
    issued = int(clock.at.timestamp()) - 60
    claims = {"sub": "anna", "iat": issued}
    assert sessions.identity_valid(claims)
    sessions.signed_out("anna")
    assert not sessions.identity_valid(claims)
    assert sessions.identity_valid({"sub": "bertil", "iat": issued})  # only that subject
    clock.at += timedelta(seconds=5)
    assert sessions.identity_valid({"sub": "anna", "iat": int(clock.at.timestamp())})  # signed in again
    sessions.signed_out("anna")  # a second sign-out moves the time
    assert not sessions.identity_valid({"sub": "anna", "iat": int(clock.at.timestamp()) - 1})


def test_an_oidc_identity_without_issue_time_or_older_than_a_working_day_does_not_count(engine, clock):
    sessions = OfficerSessions(engine, now=clock, hours=10)
    now = int(clock.at.timestamp())
    assert not sessions.identity_valid({"sub": "anna"})
    assert not sessions.identity_valid({"sub": "anna", "iat": "x"})
    assert not sessions.identity_valid({"sub": "anna", "iat": now - 10 * 3600 - 1})
    assert not sessions.identity_valid({"sub": "anna", "iat": now + 3600})
    assert sessions.identity_valid({"sub": "anna", "iat": now - 9 * 3600})


def test_the_throttle_key_never_holds_the_name(engine):
    assert USER not in Throttle.key("account", USER)


def test_a_session_code_works_only_in_the_browser_that_signed_in(engine, clock):
    """Login CSRF: an officer's fresh code, sent to another browser, signs that browser in as no one."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    mine, theirs = bytes(range(16)), bytes(range(1, 17))
    cookie_now, cookie_later = generate_xsrf_token_string(mine), generate_xsrf_token_string(mine)
    assert cookie_now != cookie_later and browser_key(cookie_now) == browser_key(cookie_later) == mine.hex()
    assert browser_key(None) == browser_key("x|y") == browser_key("2|zz|00|1") == ""
    sessions = OfficerSessions(engine, now=clock)
    _, code = sessions.start(BERTIL, browser_key(cookie_now))
    assert sessions.redeem(code, browser_key(generate_xsrf_token_string(theirs))) is None
    assert sessions.redeem(code, "") is None
    assert sessions.redeem(code, browser_key(cookie_later))
