"""Storage helpers: a settable clock, a check that a database is fully migrated, and calls run on
threads that all start at the same moment (a crowd of sessions)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from iop_core.storage import make_engine
from iop_core.storage.db import _config
from iop_core.storage.tables import metadata


class Clock:
    """A settable clock, so expiry is tested without waiting 30 days."""

    def __init__(self) -> None:
        from iop_core.storage.drafts import utcnow

        self.at = utcnow()

    def __call__(self):
        return self.at

    def today(self):
        """The register's "today": Sweden's date, which near midnight is not UTC's."""
        from iop_core.clock import today

        return today(self.at)


def head() -> str:
    """The newest migration (the chain is checked by alembic: one head)."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def assert_fully_migrated(db_url: str) -> None:
    """The database at `db_url` is at the newest migration and has every table."""
    eng = make_engine(db_url)
    try:
        with eng.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
            assert set(metadata.tables) <= set(inspect(conn).get_table_names())
    finally:
        eng.dispose()


def at_once(calls: list[Callable[[], object]]) -> list[BaseException]:
    """Run every call on its own thread, all released at the same moment; the exceptions raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(calls))

    def run(call) -> None:
        start.wait()
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - every failure counts, on the thread that raised it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
