"""Engines and migrations. The only place that knows SQLite from PostgreSQL (connection options).

`make_engine(url)` creates the SQLite file's folder on first start; `migrate(engine)` brings the
schema to the newest Alembic revision exactly once, however many sessions, threads or servers
start together: one migration at a time per process (Alembic keeps its context in module
globals), a file lock beside a SQLite file, an advisory lock on PostgreSQL. On SQLite a
migration is one transaction (DDL included), so it is applied whole or not at all. A database
left half-migrated by an older version, or newer than this app, is refused with `SchemaError`
(the log names what is wrong and the fix), never used silently.

On PostgreSQL the migrations may run as a separate owner role (`owner_url`, setting
`IOP_MIGRATION_DATABASE_URL`); the app's own role then gets only what it needs, and on the audit
table only INSERT and SELECT (docs/operations-postgresql.md).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from iop_core.storage.errors import SchemaError
from iop_core.storage.tables import AUDIT_TABLE, metadata

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 15_2026  # PostgreSQL advisory lock id held while migrating
CONNECT_TIMEOUT_S = 3
_PROCESS_LOCK = threading.Lock()  # Alembic's context and op are module globals: one migration per process
FIX = ("stop the app, keep a copy of the database, and restore the last good backup; a SQLite file that holds "
       "nothing to keep may be renamed instead (a new one is made on the next start); see "
       "docs/operations-postgresql.md 'A database that does not start'")


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`. Statement parameters are never put into error messages or logs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            folder = Path(parsed.database).parent
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(parsed, hide_parameters=True, connect_args={"timeout": CONNECT_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(parsed, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA secure_delete = ON")  # deleted drafts are overwritten, not left in free pages
    cur.close()


def _migration_engine(url: URL) -> Engine:
    """A one-connection engine for migrating. On SQLite the driver's own transaction handling
    (which leaves CREATE TABLE outside any transaction) is replaced by an explicit BEGIN
    IMMEDIATE, so a migration's DDL commits or rolls back as one (SQLAlchemy's documented recipe)."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, hide_parameters=True, poolclass=NullPool,
                             connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    engine = create_engine(url, hide_parameters=True, poolclass=NullPool, connect_args={"timeout": CONNECT_TIMEOUT_S})
    event.listen(engine, "connect", _sqlite_pragmas)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def _file_lock(url: URL) -> Iterator[None]:
    """An exclusive lock on `<database>.migrate-lock` beside a SQLite file (released by the
    system if the process dies). Nothing for other databases, or where no file can be made (a
    read-only folder: nothing can be migrated there either)."""
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    try:
        fd = os.open(f"{database}.migrate-lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine, owner_url: str | URL | None = None) -> None:
    """Run every Alembic migration not yet applied (the app calls this on start), once.

    `owner_url`: migrate as this role instead (PostgreSQL: the tables' owner), then grant the
    role of `engine` what the app needs. Raises SchemaError for a database it must not touch."""
    cfg = _config()
    url = make_url(owner_url) if owner_url else engine.url
    with _PROCESS_LOCK, _file_lock(url):
        migrator = _migration_engine(url)
        try:
            with migrator.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
                head = ScriptDirectory.from_config(cfg).get_current_head()
                _check_before(conn, cfg)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                _check_after(conn, head)
                if owner_url and conn.dialect.name == "postgresql":
                    grant_app_role(conn, engine.url.username or "")
        finally:
            migrator.dispose()
    _restrict_sqlite_file(engine)


def _revisions(conn: Connection, tables: set[str]) -> list[str]:
    if "alembic_version" not in tables:
        return []
    return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def _check_before(conn: Connection, cfg: Config) -> None:
    tables = set(inspect(conn).get_table_names())
    revisions = _revisions(conn, tables)
    ours = sorted(tables & set(metadata.tables))
    if not revisions and ours:
        _refuse("half_migrated", f"tables {', '.join(ours)} exist but alembic_version records no revision")
    if len(revisions) > 1:
        _refuse("half_migrated", f"alembic_version holds {len(revisions)} revisions")
    script = ScriptDirectory.from_config(cfg)
    for rev in revisions:
        if rev not in {s.revision for s in script.walk_revisions()}:
            _refuse("too_new", f"the database is at revision {rev!r}, which this app does not know")


def _check_after(conn: Connection, head: str | None) -> None:
    tables = set(inspect(conn).get_table_names())
    missing = sorted(set(metadata.tables) - tables)
    revisions = _revisions(conn, tables)
    if missing or revisions != [head]:
        _refuse("half_migrated", f"at revision {revisions or 'none'} (head {head}) but tables missing: "
                                 f"{', '.join(missing) or 'none'}")


def _refuse(kind: str, detail: str) -> None:
    log.error("storage: the database schema cannot be used (%s: %s); fix: %s", kind, detail,
              FIX if kind == "half_migrated" else "run the newest version of the app, or restore a backup")
    raise SchemaError(kind, detail)


def grant_app_role(conn: Connection, role: str) -> None:
    """Give the app's role what it needs and no more: every table but the audit trail in full,
    the audit trail INSERT and SELECT only (no UPDATE, DELETE, TRUNCATE, TRIGGER), the
    sequences, and reading alembic_version. Run by the owner after each migration."""
    if not role or role == conn.execute(text("SELECT current_user")).scalar():
        log.warning("storage: the migration role and the app role are the same; the audit trail is only "
                    "trigger-protected (docs/operations-postgresql.md)")
        return
    quote = conn.dialect.identifier_preparer.quote
    app = quote(role)
    conn.execute(text(f"GRANT USAGE ON SCHEMA {quote(conn.execute(text('SELECT current_schema()')).scalar())} TO {app}"))
    for name in metadata.tables:
        if name == AUDIT_TABLE:
            conn.execute(text(f"REVOKE ALL ON {quote(name)} FROM {app}"))
            conn.execute(text(f"GRANT SELECT, INSERT ON {quote(name)} TO {app}"))
        else:
            conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quote(name)} TO {app}"))
    conn.execute(text(f"GRANT SELECT ON alembic_version TO {app}"))
    for (seq,) in conn.execute(text("SELECT sequence_name FROM information_schema.sequences "
                                    "WHERE sequence_schema = current_schema()")):
        conn.execute(text(f"GRANT USAGE, SELECT ON SEQUENCE {quote(seq)} TO {app}"))


def audit_only_trigger_protected(engine: Engine) -> bool:
    """True if the app's own role could rewrite the audit trail on PostgreSQL (it owns the
    table, is a superuser, or may UPDATE, DELETE or TRUNCATE it): only triggers protect it."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT has_table_privilege(CAST(:t AS text), 'UPDATE') OR has_table_privilege(CAST(:t AS text), 'DELETE') "
            "OR has_table_privilege(CAST(:t AS text), 'TRUNCATE') "
            "OR pg_has_role((SELECT relowner FROM pg_class WHERE oid = CAST(:t AS regclass)), 'USAGE')"),
            {"t": AUDIT_TABLE}).scalar())


def may_vacuum(engine: Engine, table: str) -> bool:
    """PostgreSQL 15: only the table's owner (or a superuser) may VACUUM it."""
    with engine.connect() as conn:
        return bool(conn.execute(text("SELECT pg_has_role((SELECT relowner FROM pg_class WHERE oid = CAST(:t AS regclass)), "
                                      "'USAGE')"), {"t": table}).scalar())


def _restrict_sqlite_file(engine: Engine) -> None:
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:" and os.path.exists(database):
        os.chmod(database, 0o600)
