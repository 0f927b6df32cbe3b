"""The council's register in the app (not a page): officer sign-in, "Skicka till kommunen" and the
status an organisation sees through its link.

The logic is in iop_core.storage.cases and iop_core.council; this module connects it to the
session. With `[iop] register = false` (the default) every function does nothing and no register
page is registered. Officers sign in with Streamlit's st.login (OpenID Connect, `[auth]` in
secrets.toml) or a local account (argon2 hashes in the accounts file), see iop_shell/signin.py;
`require_officer()` stops any register page for everyone else, and the register's functions
refuse anyone who is not an `Officer` as well.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import streamlit as st

from iop_core.clock import stamp
from iop_core.council.officers import Officer
from iop_core.storage import new_token
from iop_core.storage.cases import CaseStatus, CaseStore
from iop_core.storage.errors import AlreadySubmitted, CaseInvalid, StorageError, StorageUnavailable
from iop_shell import drafts, signin, state
from iop_shell.draft_link import CASE, TOKEN
from iop_shell.signin import current_officer, settings  # noqa: F401  (the register pages use them through here)
from iop_shell.ui import action, clear_notices, current, current_assessments, notify, show_notice, tr

T = TypeVar("T")
SUBMIT_NOTICE = "submit"  # the notice slot of "Skicka till kommunen"


def enabled() -> bool:
    return settings().register


@st.cache_resource(show_spinner=False)
def _case_store(url: str) -> CaseStore:
    """One register per process and database (shares the drafts' engine; no user data cached)."""
    return CaseStore(drafts.draft_store().engine)


def store() -> CaseStore:
    drafts.draft_store()  # raises StorageUnavailable while the database is down
    return _case_store(drafts.settings().database_url)


def read_or_stop(read: Callable[[CaseStore], T]) -> T:
    """What `read` gets from the register; while the database is down the page says so and stops."""
    try:
        return read(store())
    except StorageUnavailable:
        st.error(tr("register.unavailable"))
        st.stop()


# --- officers ------------------------------------------------------------------------------------


def require_officer() -> Officer:
    """The signed-in officer; for anyone else the sign-in form, and the page stops here."""
    return signin.require_officer(enabled())


# --- the organisation's side -------------------------------------------------------------------


def _token() -> str | None:
    """The link of this session's case: the draft's (a case sent from a draft uses the draft's
    link), else the case's own (`#arende=`), which keeps working when the draft is deleted."""
    draft = state.draft_state().token if drafts.enabled() else None
    return draft or state.CASE_TOKEN.get() or state.CASE_SENT.get()


def link_status() -> CaseStatus | None:
    token = _token()
    if not token:
        return None
    try:
        status = store().status(token)
    except StorageError:
        return None
    if status is not None:
        state.CASE_TOKEN.set(token)  # the status link lives with the case, not the draft
    return status


def _date(dt: datetime) -> str:
    return stamp(dt)


def _can_resend(token: str | None) -> bool:
    """Only the screening the case was sent from may be sent again (never a blank one after the
    draft was deleted, nor one opened from the status link alone)."""
    if drafts.enabled() and state.draft_state().token:
        return state.draft_state().token == token
    return bool(token) and state.SENT_HERE.get() == token


def _submit() -> None:
    token = _token() or new_token()
    try:
        status = store().submit(token, current(), current_assessments())
    except AlreadySubmitted:
        state.SUBMIT_PENDING.set(False)
        notify(SUBMIT_NOTICE, "info", tr("submit.already"))
        return
    except CaseInvalid:
        notify(SUBMIT_NOTICE, "error", tr("submit.too_large"))
        return
    except StorageError:
        state.SUBMIT_PENDING.set(True)
        return
    state.SUBMIT_PENDING.set(False)
    state.CASE_TOKEN.set(token)
    state.SENT_HERE.set(token)
    state.RESEND_CONSENT.pop()
    key = "submit.resent" if status.versions > 1 else "submit.sent"
    notify(SUBMIT_NOTICE, "success", tr(key, date=_date(status.last_sent_at or status.received_at), n=status.versions,
                                        status=status.status_in(current().language)))


def retry_pending() -> None:
    """A submission that found the database down is tried again on the next run (app.py calls this)."""
    if enabled() and state.SUBMIT_PENDING.get():
        _submit()


def sync_link() -> None:
    """Every run (app.py): once per link, whether a case was sent from it (then its status link is
    kept, so deleting the draft does not lose it). An old status link with its token in the
    query (`?arende=`; nginx moves it into the fragment itself) is taken from the address."""
    if not enabled():
        return
    old = st.query_params.get(CASE)
    if old is not None:
        st.query_params.pop(CASE, None)
        if TOKEN.fullmatch(old):
            state.CASE_SENT.set(old)
    token = _token()
    if token and state.CASE_CHECKED.get() != token:
        state.CASE_CHECKED.set(token)
        link_status()


def link_token() -> str | None:
    """The case link the address shows when the session has no draft of its own (app.py)."""
    return state.CASE_TOKEN.get() if enabled() else None


def _status(status: CaseStatus) -> None:
    """What the organisation sees of its case: status, versions, its link, and "Skicka igen"."""
    lang = current().language
    st.subheader(tr("submit.status_title"))
    st.markdown(tr("submit.status_line", date=_date(status.received_at), status=status.status_in(lang)))
    if status.versions > 1:
        st.caption(tr("submit.versions", n=status.versions, date=_date(status.last_sent_at or status.received_at)))
    token = _token()
    if token:
        st.caption(tr("submit.link_help"))
        st.code(drafts.resume_link(token).replace(f"{drafts.PARAM}=", f"{CASE}="), language=None)
    if not _can_resend(token) or status.sent(current()):
        return
    st.warning(tr("submit.changed", date=_date(status.last_sent_at or status.received_at)), icon=":material/edit_note:")
    consent = st.checkbox(tr("submit.consent"), key=state.RESEND_CONSENT.name, on_change=clear_notices)
    st.button(tr("submit.resend"), on_click=action(_submit), disabled=not consent, type="primary", key="resend_button",
              icon=":material/send:")


def submit_box() -> None:
    """"Skicka till kommunen" with the consent, or the case's status once sent (and "Skicka igen"
    when the answers changed since)."""
    if not enabled():
        return
    st.divider()
    st.header(tr("submit.title"))
    show_notice(SUBMIT_NOTICE)
    status = link_status()
    if status is not None:
        _status(status)
        return
    st.write(tr("submit.intro"))
    st.info(tr("submit.what"), icon=":material/outgoing_mail:")
    consent = st.checkbox(tr("submit.consent"), key="submit_consent", on_change=clear_notices)
    if state.SUBMIT_PENDING.get():
        st.error(tr("submit.pending"), icon=":material/cloud_off:")
        st.button(tr("submit.retry"), on_click=action(_submit), key="submit_retry")
    else:
        st.button(tr("submit.button"), on_click=action(_submit), disabled=not consent, type="primary", key="submit_button",
                  icon=":material/send:")
