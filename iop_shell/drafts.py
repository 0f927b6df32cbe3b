"""Drafts in the app (not a page): resume from the link, autosave, "Sparat HH:MM", delete, conflicts.

The logic is in iop_core.storage; this module only connects it to the session. app.py calls
`start()` before anything reads the screening, `autosave()` once the callbacks of a run have
changed it, and `sidebar()` / `messages()` to show the state. With `[iop] drafts = false` every
function does nothing and the app behaves as without drafts.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitSecretNotFoundError

from iop_core.screening.model import Screening
from iop_core.storage import (
    Draft,
    DraftConflict,
    DraftError,
    DraftStore,
    StorageError,
    StorageSettings,
    StorageUnavailable,
    StoreOpener,
    load_settings,
)
from iop_shell import draft_link as link
from iop_shell import state
from iop_shell.draft_link import CASE, PARAM, TOKEN, Sent
from iop_shell.navigation import PAGE_FILES
from iop_shell.ui import action, current, lazy_expander, notify, replace_screening, screening_json, show_notice, tr
from iop_shell.unsaved import mark_saved

NOTICE = "drafts"  # the notice slot at the top of every page: resumed, bad link, deleted
APP_ROOT = Path(__file__).resolve().parents[1]
GONE = ("deleted", "expired", "not_found")


def secrets() -> dict:
    """secrets.toml as a dict ({} without one), read once per run."""
    def read() -> dict:
        try:
            return st.secrets.to_dict()
        except (FileNotFoundError, StreamlitSecretNotFoundError):
            return {}
    return state.per_run("secrets", read)


def settings() -> StorageSettings:
    return state.per_run("drafts", lambda: load_settings(os.environ, secrets(), APP_ROOT))


def enabled() -> bool:
    return settings().drafts


@st.cache_resource(show_spinner=False)
def opener(cfg: StorageSettings) -> StoreOpener:
    """One opener per process and configuration: the engine is shared, no user data is cached."""
    return StoreOpener(cfg)


def draft_store() -> DraftStore:
    """This process's draft store; raises StorageUnavailable while the database is down. The
    council's register and the officers' sign-in share its engine (iop_shell/council.py, _signin.py)."""
    return opener(settings()).get()


def _clock(dt: datetime) -> str:
    try:
        return dt.astimezone(ZoneInfo("Europe/Stockholm")).strftime("%H:%M")
    except ZoneInfoNotFoundError:
        return dt.astimezone().strftime("%H:%M")


def _error_text(key: str) -> str:
    return tr(f"drafts.error.{key}")


def start() -> None:
    """First run of a session. The link's token comes from the browser (`_link_sent`); an old link
    with the token in its query (`?utkast=`) is moved into the fragment first, so that it is
    opened the same way, with this browser's marks (iop_shell/draft_link.py)."""
    if not enabled():
        return
    ds = state.draft_state()
    if ds.started:
        return
    ds.started = True
    token = st.query_params.get(PARAM)
    if token:
        st.query_params.pop(PARAM, None)
        if TOKEN.fullmatch(token):
            ds.moved = token
        else:
            _open(Sent(PARAM, token[:64], known=False))  # says the link is malformed
    try:
        store = draft_store()
    except StorageUnavailable as exc:
        if exc.key != StorageUnavailable.key:
            ds.problem = exc.key  # a half-migrated database: the sidebar says so and names the fix
        return
    try:
        store.cleanup_if_due()
    except StorageUnavailable:
        pass  # a read-only database: drafts can still be opened


def _link_sent() -> None:
    """on_change of the hidden field: the browser's script sent the token in the address."""
    ds, sent = state.draft_state(), link.received(state.DRAFT_LINK_IN.get(""))
    if sent is None:
        return
    ds.heard = sent.token
    if sent.name == CASE:
        state.CASE_SENT.set(sent.token)  # a status link: iop_shell/council.py looks the case up
        return
    if not enabled():
        return
    ds.moved = None
    if ds.token is None:  # a tab with a draft of its own reloads when another link is pasted into it
        _open(sent)


def _open(sent: Sent) -> None:
    """Open the draft of a link. One made in another browser waits for the user before it saves."""
    ds = state.draft_state()
    try:
        draft = draft_store().load(sent.token, current().language)
    except StorageUnavailable:
        ds.paused = "unavailable"  # keep the link: do not start a new draft that would replace it
        notify(NOTICE, "error", tr("drafts.paused.unavailable"))
        return
    except DraftError as exc:
        notify(NOTICE, "error", _error_text(exc.key))
        return
    replace_screening(draft.screening)
    ds.token, ds.version, ds.saved_at, ds.own = sent.token, draft.version, draft.updated_at, sent.known
    ds.saved_json = screening_json()  # the draft's, replace_screening() made it current
    ds.paused = None if sent.known else "foreign"
    notify(NOTICE, "success", tr("drafts.resumed", time=_clock(draft.updated_at)))


def _is_empty(s: Screening) -> bool:
    return s == Screening(language=s.language)


def autosave(*, fresh: bool = False) -> None:
    """Save the screening if it changed since the last save. Never raises; problems are shown.
    `fresh`: compare a new dump of it, not this run's (ui.screening_json)."""
    if not enabled():
        return
    ds = state.draft_state()
    if ds.paused or ds.conflict:
        return
    s = current()
    text = screening_json(fresh=fresh)
    if text == ds.saved_json or (ds.token is None and _is_empty(s)):
        return
    try:
        store = draft_store()
        if ds.token is None:
            ds.token, saved = store.create(s)
            ds.own = True  # the browser remembers its mark with this run's address (_draft_link)
        else:
            saved = store.save(ds.token, s, ds.version)
    except DraftConflict as exc:
        ds.conflict = exc.current.updated_at
        return
    except StorageError as exc:
        if exc.key in GONE:
            ds.paused = "gone"
            ds.token = None
        ds.problem = exc.key
        return
    ds.version, ds.saved_json, ds.saved_at, ds.problem = saved.version, text, saved.updated_at, None
    mark_saved()  # the draft holds it now: no "leave page?" prompt for what is already stored


def sync_link(slot: DeltaGenerator, case: str | None, cases: bool) -> None:
    """Keep the session's link in the address bar's fragment: the draft's, from the run whose save
    created it; without a draft, the status link of the case this session sent or opened (`case`).
    `cases`: the council's register is on, so a status link may arrive even with drafts off.
    app.py calls this last, into a slot in the sidebar (iop_shell/draft_link.py)."""
    if not (enabled() or cases):
        return
    ds = state.draft_state()
    if case and not ds.token:  # drafts off, or the draft deleted: the case's own link stays
        name, token, address, own = CASE, case, case, False
    else:
        name, token, own = PARAM, ds.token, ds.own
        address = ds.token or ds.moved or ("-" if ds.paused in ("deleted", "gone") else "")
    with slot:
        link.draw(ds.session, name, token, address, ds.heard, own, _link_sent)


def resume_link(token: str) -> str:
    """The app's start address with the token, from the address the browser uses."""
    base = (st.context.url or "").rstrip("/")
    for slug in PAGE_FILES:  # every page's address
        if base.endswith("/" + slug):
            base = base[: -len(slug) - 1]
            break
    return f"{base}/#{PARAM}={token}"


# --- callbacks ------------------------------------------------------------------------------------


@action
def _take_newer() -> None:
    ds, draft = state.draft_state(), _newest()
    if draft is None:
        return
    replace_screening(draft.screening)
    ds.version, ds.saved_at, ds.conflict, ds.problem = draft.version, draft.updated_at, None, None
    ds.saved_json = screening_json()  # the draft's, replace_screening() made it current


@action
def _keep_mine() -> None:
    """Save this tab's answers over the newer draft (the user chose to)."""
    ds, newest = state.draft_state(), _newest()
    if newest is None:
        return
    ds.version, ds.conflict, ds.saved_json = newest.version, None, None
    autosave()


def _newest() -> Draft | None:
    """The draft as stored now (another tab saved it), or None with the reason in the state."""
    ds = state.draft_state()
    try:
        return draft_store().load(ds.token, current().language)
    except StorageError as exc:
        ds.problem = exc.key
        return None


@action
def _ask_delete() -> None:
    state.CONFIRM_DELETE.set(True)


@action
def _cancel_delete() -> None:
    state.CONFIRM_DELETE.pop()


@action
def _delete() -> None:
    state.CONFIRM_DELETE.pop()
    ds = state.draft_state()
    try:
        draft_store().delete(ds.token)
    except StorageError as exc:
        if exc.key not in GONE:
            ds.problem = exc.key
            return
    ds.token, ds.saved_json, ds.saved_at, ds.problem, ds.conflict = None, None, None, None, None
    ds.paused = "deleted"
    notify(NOTICE, "success", tr("drafts.deleted"))


@action
def _trust() -> None:
    """The user made this draft (on another device) or trusts whoever sent the link: save on."""
    ds = state.draft_state()
    ds.paused, ds.own = None, True
    autosave()


@action
def _fork() -> None:
    """Go on in a new draft of one's own: whoever sent the link cannot read what is typed now."""
    ds = state.draft_state()
    ds.paused, ds.token, ds.version, ds.saved_json, ds.saved_at = None, None, 0, None, None
    autosave()


@action
def _new_draft() -> None:
    ds = state.draft_state()
    ds.paused, ds.problem, ds.saved_json = None, None, None
    autosave()


# --- what the user sees --------------------------------------------------------------------------


def messages() -> None:
    """What happened to the draft (resumed, bad link, deleted), at the top of the page until the
    user's next action; a conflict with another tab stays there, where the user looks, until the
    user chooses which answers to keep."""
    if not enabled():
        return
    show_notice(NOTICE)
    ds = state.draft_state()
    if ds.conflict:
        st.warning(tr("drafts.conflict", time=_clock(ds.conflict)), icon=":material/sync_problem:")
        newer, mine, _ = st.columns([2, 2, 3])
        newer.button(tr("drafts.take_newer"), on_click=_take_newer, key="draft_take_newer", width="stretch")
        mine.button(tr("drafts.keep_mine"), on_click=_keep_mine, key="draft_keep_mine", width="stretch")
    if ds.paused == "foreign":
        st.warning(tr("drafts.foreign.question"), icon=":material/devices:")
        trust, fork = st.columns(2)
        trust.button(tr("drafts.foreign.trust"), on_click=_trust, key="draft_trust", type="primary", width="stretch")
        fork.button(tr("drafts.foreign.fork"), on_click=_fork, key="draft_fork", width="stretch")


def sidebar() -> None:
    """Save state, the resume link and "Radera mitt utkast". Why nothing is saved (deleted, gone,
    database down) is said once, by privacy_text() under it."""
    if not enabled():
        return
    ds = state.draft_state()
    if ds.conflict:
        st.caption(f":material/sync_problem: {tr('drafts.conflict_short')}")
    elif ds.problem:
        st.error(_error_text(ds.problem), icon=":material/cloud_off:")
    elif ds.saved_at and ds.token:
        st.caption(f":material/cloud_done: {tr('drafts.saved', time=_clock(ds.saved_at))}")
    if ds.paused in ("deleted", "gone"):
        st.button(tr("drafts.new"), on_click=_new_draft, key="draft_new", width="stretch")
    if ds.token:
        lazy_expander(tr("drafts.link_title"), "draft_link", lambda: _link_box(ds.token), icon=":material/link:")


def _link_box(token: str) -> None:
    st.caption(tr("drafts.link_help"))
    st.code(resume_link(token), language=None, wrap_lines=True)
    if not state.CONFIRM_DELETE.get():
        st.button(tr("drafts.delete"), on_click=_ask_delete, key="draft_delete", icon=":material/delete:",
                  width="stretch")
        return
    st.warning(tr("drafts.delete_confirm"), icon=":material/delete_forever:")
    st.button(tr("drafts.delete_yes"), on_click=_delete, key="draft_delete_yes", icon=":material/delete:",
              type="primary", width="stretch")
    st.button(tr("drafts.delete_cancel"), on_click=_cancel_delete, key="draft_delete_cancel", width="stretch")


def privacy_text() -> str:
    """The plain notice of what is stored: true for the current setting and for this session (a
    deleted draft, or a database that cannot be reached, saves nothing: it says that instead)."""
    if not enabled():
        return tr("app.privacy")
    if state.draft_state().paused:
        return tr(f"drafts.paused.{state.draft_state().paused}")
    return tr("drafts.privacy", days=settings().draft_days)
