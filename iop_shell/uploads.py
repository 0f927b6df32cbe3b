"""Upload bytes held per session, bounded (not a page; issue #22 point 5).

Streamlit keeps every file PUT to `/_stcore/upload_file/<session>/<file>` in the memory of the
process until the session ends, whether or not a widget of the app ever asks for it: 25 uploads
of 19 MB held 475 MB. The app drops Streamlit's copy as soon as it has read a document
(pages/2_documents.py), so a real user's session holds at most a file or two at any time.
`bound()` wraps the upload manager of this process once: after each upload, the session's oldest
files beyond `SESSION_BUDGET_MB` are dropped (the newest stays), and the session's next run says
so in Swedish (`notice()`). nginx limits the number of uploads per session and per address
(deploy/nginx.conf); together they bound what one client can make the server hold.

Streamlit's upload manager is not a public API; if it changes, `bound()` leaves it alone and
says so in the server log (no user text), and the app works as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import streamlit as st

from iop_core.documents.upload_check import DEFAULT_MAX_UPLOAD_MB
from iop_shell.ui import tr

log = logging.getLogger(__name__)

SESSION_BUDGET_MB = 2 * DEFAULT_MAX_UPLOAD_MB  # the largest file, and room for the one before it
_MIB = 1024 * 1024
_DROPPED: dict[str, int] = {}  # session id -> files dropped since that session's last run
_LOCK = threading.Lock()
_TRIED = False


def over_budget(files: Iterable[tuple[str, int]], budget: int) -> list[str]:
    """The ids to drop, oldest first, so that what is left (newest kept) fits in `budget` bytes."""
    files = list(files)
    total = sum(size for _, size in files)
    drop = []
    for file_id, size in files[:-1]:  # never the newest: that is the upload being answered
        if total <= budget:
            break
        drop.append(file_id)
        total -= size
    return drop


def bound(budget: int = SESSION_BUDGET_MB * _MIB) -> None:
    """Once per process: wrap the upload manager's add_file with the per-session budget."""
    global _TRIED  # once per process, whichever session runs first
    if _TRIED:
        return
    _TRIED = True
    try:
        from streamlit import runtime

        mgr = runtime.get_instance().uploaded_file_mgr
        if getattr(mgr, "_iop_budget", None) is not None:
            return
        storage, lock, add_file = mgr.file_storage, mgr._lock, mgr.add_file
    except Exception as exc:  # noqa: BLE001 - not a running server (AppTest), or Streamlit changed inside
        log.info("upload budget not installed: %s", type(exc).__name__)
        return

    def add_bounded(session_id: str, file) -> None:
        add_file(session_id, file)
        with lock:
            held = storage.get(session_id) or {}
            drop = over_budget(((fid, len(rec.data)) for fid, rec in held.items()), budget)
            for fid in drop:
                held.pop(fid, None)
        if drop:
            log.warning("a session held more than %d MB of uploads: %d file(s) dropped", budget // _MIB, len(drop))
            with _LOCK:
                if len(_DROPPED) < 10_000:  # sessions that never run again leave a number each
                    _DROPPED[session_id] = _DROPPED.get(session_id, 0) + len(drop)

    mgr.add_file = add_bounded
    mgr._iop_budget = budget


def notice() -> None:
    """app.py, every run: say so when this session's uploads went over the budget."""
    if not _DROPPED:
        return
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    with _LOCK:
        dropped = _DROPPED.pop(ctx.session_id, 0) if ctx is not None else 0
    if dropped:
        st.warning(tr("upload.over_budget", mb=SESSION_BUDGET_MB), icon=":material/upload_file:")
