"""Officer sign-in in the app (not a page): who the officer of this session is, the sign-in form,
"Logga ut". The logic is in iop_core.council (officers.py: who is an officer; signin.py:
throttle, sessions, sign-outs); this module connects it to the session.

Every run asks the database (iop_core.council.signin.OfficerSessions):
- a local sign-in is a session row; the session holds its number and the browser, once serve.py's
  route has turned the one-time code into it, a signed HttpOnly cookie (`iop_officer`) with the
  row's token, so a reload (a new Streamlit session) finds the officer again. A revoked or expired
  row signs no one in, whatever the browser still holds.
- an OpenID Connect identity (Streamlit's `_streamlit_user` cookie, st.user) counts only when it
  was issued after the subject's last "Logga ut" and within SESSION_HOURS.
Started with `streamlit run app.py` (no routes: AppTest, older set-ups), a local sign-in holds for
the session only, as before; everything else is the same.
"""

from __future__ import annotations

import logging
import os
import re

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from iop_core.council.officers import Officer, OfficerSettings, load_officer_settings, officer_from_claims
from iop_core.council.signin import (
    COOKIE,
    ROUTES,
    XSRF_COOKIE,
    LocalSession,
    OfficerSessions,
    Routes,
    SignIn,
    browser_key,
    cookie_token,
)
from iop_core.storage import StorageUnavailable
from iop_shell import drafts, state
from iop_shell.ui import action, notify, show_notice, tr

log = logging.getLogger("iop.signin")
NOTICE = "register_signin"
_PAGE = re.compile(r"[a-z0-9_-]{0,40}")


def settings() -> OfficerSettings:
    return state.per_run("council", lambda: load_officer_settings(os.environ, drafts.secrets(), drafts.APP_ROOT))


@st.cache_resource(show_spinner=False)
def _services(url: str) -> tuple[SignIn, OfficerSessions]:
    """One per process and database (shares the drafts' engine; holds no user data)."""
    engine = drafts.draft_store().engine
    return SignIn(engine), OfficerSessions(engine)


def services() -> tuple[SignIn, OfficerSessions]:
    drafts.draft_store()  # raises StorageUnavailable while the database is down
    return _services(drafts.settings().database_url)


def cookie_secret() -> str:
    from streamlit.web.server.server_util import get_cookie_secret

    return get_cookie_secret()


def client() -> str:
    """The client's address for the throttle: the connection's, or behind a proxy on this machine
    the last X-Forwarded-For entry (the one nginx itself appended, not one the client sent)."""
    ip = st.context.ip_address
    if ip:
        return ip[:64]
    forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    return forwarded[:64] or "local"


def _oidc_claims() -> dict | None:
    try:
        return st.user.to_dict() if st.user.is_logged_in else None
    except (AttributeError, KeyError, StreamlitSecretNotFoundError):
        return None


def _find_officer() -> Officer | None:
    cfg, sessions = settings(), services()[1]
    local = state.OFFICER.get()
    if isinstance(local, LocalSession):
        if sessions.active(local.row):
            return local.officer
        state.OFFICER.pop()  # revoked (another tab's "Logga ut") or expired
    if cfg.accounts_file is not None:
        found = sessions.by_token(cookie_token(st.context.cookies.get(COOKIE), cookie_secret()))
        if found is not None:
            state.OFFICER.set(found)
            return found.officer
    claims = _oidc_claims() if cfg.oidc else None
    if claims and sessions.identity_valid(claims):
        return officer_from_claims(claims, cfg)
    return None


def current_officer() -> Officer | None:
    """The officer of this session, checked against the database on every run (not per_run: a
    rerun on the same thread after "Logga ut" must not see the officer of the run before)."""
    try:
        return _find_officer()
    except StorageUnavailable:
        return None


def _navigate(path: str) -> None:
    """Send the browser to one of serve.py's routes (as st.login does for its own)."""
    from streamlit import config
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    from streamlit.url_util import make_url_path

    ctx = get_script_run_ctx()
    if ctx is not None:
        msg = ForwardMsg()
        msg.auth_redirect.url = make_url_path(config.get_option("server.baseUrlPath"), path)
        ctx.enqueue(msg)


def _here() -> str:
    page = str(state.NOTICE_PAGE.get() or "")
    return page if _PAGE.fullmatch(page) else ""


def _wait_text(seconds: int) -> str:
    return tr("register.signin_wait_minutes", minutes=(seconds + 59) // 60) if seconds > 90 else \
        tr("register.signin_wait_seconds", seconds=seconds)


@action
def _local_sign_in() -> None:
    user, password = state.OFFICER_USER.get(""), state.OFFICER_PASSWORD.get("")
    state.OFFICER_PASSWORD.set("")
    try:
        signin, sessions = services()
        outcome = signin.attempt(settings().accounts_file, user, password, client())
        if outcome.officer is not None:
            session, code = sessions.start(outcome.officer, browser_key(st.context.cookies.get(XSRF_COOKIE)))
    except StorageUnavailable:
        notify(NOTICE, "error", tr("register.unavailable"))
        return
    if outcome.officer is None:
        texts = {"throttled": tr("register.signin_throttled", wait=_wait_text(outcome.retry_after_s)),
                 "busy": tr("register.signin_busy"), "config": tr("register.signin_config")}
        notify(NOTICE, "error", texts.get(outcome.result, tr("register.signin_failed")))
        return
    state.OFFICER.set(session)
    if Routes.mounted:  # the cookie that survives a reload: the route sets it and comes back here
        _navigate(f"{ROUTES['start']}?code={code}&to={_here()}")


def _oidc_sign_out() -> None:
    claims = _oidc_claims() or {}
    try:
        if claims.get("sub"):
            services()[1].signed_out(str(claims["sub"]))
    except StorageUnavailable:
        log.error("officer sign-out could not be recorded (database unavailable); the identity cookie is cleared")
    st.logout()


@action
def _sign_out() -> None:
    local = state.OFFICER.pop()
    if isinstance(local, LocalSession):
        try:
            services()[1].revoke(row=local.row)
        except StorageUnavailable:
            log.error("officer sign-out could not be recorded (database unavailable); the cookie is cleared")
        if Routes.mounted:
            _navigate(f"{ROUTES['end']}?to={_here()}")
        return
    _oidc_sign_out()


def _sidebar(officer: Officer) -> None:
    with st.sidebar:
        st.caption(tr("register.signed_in", name=officer.name))
        st.button(tr("register.signout"), on_click=_sign_out, key="officer_signout")


def _intro(cfg: OfficerSettings) -> str:
    if cfg.oidc and cfg.accounts_file is not None:
        return tr("register.signin_intro_both")
    return tr("register.signin_intro_oidc") if cfg.oidc else tr("register.signin_intro_local")


def _oidc_box() -> None:
    claims = _oidc_claims()
    if claims is not None and services()[1].identity_valid(claims):
        st.warning(tr("register.not_officer"))
        st.button(tr("register.signout"), on_click=action(_oidc_sign_out), key="oidc_signout")
    else:
        st.button(tr("register.signin_oidc"), on_click=st.login, key="oidc_signin", type="primary")


def require_officer(enabled: bool) -> Officer:
    """The signed-in officer; for anyone else the sign-in form, and the page stops here."""
    if not enabled:
        st.stop()
    officer = current_officer()
    if officer is not None:
        _sidebar(officer)
        return officer
    cfg = settings()
    st.title(tr("register.signin_title"))
    if not cfg.can_sign_in:
        st.info(tr("register.no_signin"))
        st.stop()
    st.write(_intro(cfg))
    show_notice(NOTICE)
    try:
        if cfg.oidc:
            _oidc_box()
    except StorageUnavailable:
        st.error(tr("register.unavailable"))
    if cfg.accounts_file is not None:
        with st.form("officer_signin"):
            st.text_input(tr("register.username"), key=state.OFFICER_USER.name, max_chars=200)
            st.text_input(tr("register.password"), type="password", key=state.OFFICER_PASSWORD.name, max_chars=1024)
            st.form_submit_button(tr("register.signin"), on_click=_local_sign_in)
    st.stop()
