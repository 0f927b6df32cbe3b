"""AppTest: a half-migrated database (what the crowd at a first start used to leave) is not used:
the page works, and the sidebar says drafts cannot be saved and names the fix."""

from __future__ import annotations

import sqlite3

from tests.support.apptest import alerts, start


def test_a_half_migrated_database_is_reported_not_used(own_data_dir):
    with sqlite3.connect(own_data_dir / "iop.sqlite3") as db:
        db.execute("CREATE TABLE drafts (id VARCHAR(64) PRIMARY KEY)")
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    at = start()
    shown = " ".join(alerts(at))
    assert "databas är bara delvis uppgraderad" in shown and "säkerhetskopia" in shown
    with sqlite3.connect(own_data_dir / "iop.sqlite3") as db:  # left as it was, for its repair
        assert db.execute("SELECT count(*) FROM alembic_version").fetchone() == (0,)
        assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {"drafts", "alembic_version"}
