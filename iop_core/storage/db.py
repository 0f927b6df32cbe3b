"""Engines and migrations. The only place that knows SQLite from PostgreSQL (connection options).

`make_engine(url)` creates the SQLite file's folder on first start; `migrate(engine)` brings the
schema to the newest Alembic revision, once even when several app servers start together.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 15_2026  # PostgreSQL advisory lock id held while migrating
CONNECT_TIMEOUT_S = 3


def make_engine(url: str) -> Engine:
    """An engine for `url`. Statement parameters are never put into error messages or logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(url, hide_parameters=True, connect_args={"timeout": CONNECT_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA secure_delete = ON")  # deleted drafts are overwritten, not left in free pages
            cur.close()

        return engine
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)


def migrate(engine: Engine) -> None:
    """Run every Alembic migration not yet applied (the app calls this on start)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    _restrict_sqlite_file(engine)


def _restrict_sqlite_file(engine: Engine) -> None:
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:" and os.path.exists(database):
        os.chmod(database, 0o600)
