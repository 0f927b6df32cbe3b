"""A fresh server's first crowd: 30 sessions open the app at the same moment on a fresh database
(SQLite and PostgreSQL, three fresh databases each). None crashes, each one's draft is saved,
and the database is fully migrated (issue 22: 27-29 of 30 first loads crashed and SQLite was
left half-migrated). Streamlit's websocket protocol without a browser (tests/support/ws.py)."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iop_core.i18n import t
from iop_core.storage import make_engine
from iop_core.storage.tables import ACTIVE, drafts
from tests.support.servers import free_port, start_streamlit, stop
from tests.support.storage import assert_fully_migrated
from tests.support.ws import Session

ROOT = Path(__file__).resolve().parents[2]
CROWD = 30
FIRST_PAGES = ("", "", "values")


async def _crowd(url: str) -> list[Session]:
    sessions = await asyncio.gather(*(Session(url).open() for _ in range(CROWD)))
    try:
        # every first page load at once; a third of them by a page's own address, as a link or a
        # reload does (before any session has called st.navigation, Streamlit runs pages/ itself)
        await asyncio.gather(*(s.rerun(page=FIRST_PAGES[i % len(FIRST_PAGES)]) for i, s in enumerate(sessions)))
        label = t("start.org_name")
        await asyncio.gather(*(s.rerun() for s in sessions if label not in s.labels))  # to the start page
        await asyncio.gather(*(s.type(label, f"Förening {i}") for i, s in enumerate(sessions)))
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    return sessions


def _drain(proc) -> list[str]:
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(ln.decode(errors="replace") for ln in proc.stdout), daemon=True).start()
    return lines


@pytest.mark.parametrize("trial", range(3))
def test_thirty_first_sessions_at_once_on_a_fresh_database(db_url, tmp_path, trial):
    port = free_port()
    proc = start_streamlit(ROOT, port, {"IOP_DATABASE_URL": db_url, "IOP_DRAFTS": "true",
                                        "IOP_DATA_DIR": str(tmp_path / "data")})
    log = _drain(proc)
    try:
        # On a thread of its own: Playwright (browser tests in the same run) keeps an event loop
        # on the main thread, where asyncio.run() is refused.
        with ThreadPoolExecutor(1) as pool:
            sessions = pool.submit(asyncio.run, _crowd(f"ws://127.0.0.1:{port}/_stcore/stream")).result()
    finally:
        stop(proc)
    crashed = [e for s in sessions for e in s.exceptions]
    assert crashed == [], f"{len(crashed)} of {CROWD} sessions crashed: {sorted(set(crashed))[:3]}"
    assert all(t("start.org_name") in s.labels for s in sessions)  # each has typed its organisation
    assert not [ln for ln in log if "Traceback" in ln or "Error" in ln]
    assert_fully_migrated(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        saved = conn.execute(select(func.count()).select_from(drafts).where(drafts.c.state == ACTIVE)).scalar()
    engine.dispose()
    assert saved == CROWD, "every session's draft is saved"
