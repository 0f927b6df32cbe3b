"""Drafts: the saved-screening JSON, encrypted with a key from the user's token, addressed by a hash.

`DraftStore` is the one interface the app uses (create, save, load, delete, cleanup), the same on
SQLite and PostgreSQL. Each save is one transaction guarded by a version number, so two tabs
never overwrite each other silently (`DraftConflict`). Every failure is a `StorageError`
(storage/errors.py) whose `key` names a plain-language message (i18n `drafts.error.<key>`);
nothing here logs user data.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from iop_core.screening.model import Screening
from iop_core.screening.persistence import MAX_FILE_BYTES, ScreeningFileError, dump_screening, load_screening
from iop_core.storage import crypto
from iop_core.storage.db import audit_only_trigger_protected, make_engine, may_vacuum, migrate
from iop_core.storage.errors import (
    DraftConflict,
    DraftExpired,
    DraftGone,
    DraftNotFound,
    DraftTampered,
    DraftTooLarge,
    SchemaError,
    StorageBroken,
    StorageUnavailable,
    TokenMalformed,
)
from iop_core.storage.settings import StorageSettings
from iop_core.storage.tables import ACTIVE, DELETED, EXPIRED, drafts

log = logging.getLogger(__name__)

CLEANUP_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class SavedDraft:
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class Draft:
    screening: Screening
    version: int
    updated_at: datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


class DraftStore:
    """Encrypted drafts in one database. Safe to share between sessions and threads."""

    def __init__(self, engine: Engine, ttl_days: int, *, now: Callable[[], datetime] = utcnow,
                 retry_after_s: float = 10.0, vacuum_engine: Engine | None | str = "same") -> None:
        self.engine = engine
        if vacuum_engine == "same":  # the role that may VACUUM drafts (PostgreSQL), None for none
            vacuum_engine = engine if engine.dialect.name == "postgresql" else None
        self.vacuum_engine = vacuum_engine
        self.ttl = timedelta(days=ttl_days)
        self.now = now
        self.retry_after_s = retry_after_s
        self._down_until = 0.0
        self._last_cleanup: datetime | None = None
        self._scrub_due = False  # a draft was deleted since the last VACUUM FULL (PostgreSQL)

    # --- the interface ------------------------------------------------------------------------

    def create(self, screening: Screening) -> tuple[str, SavedDraft]:
        """A new draft holding `screening`; returns its token (shown to the user, never stored)."""
        token = crypto.new_token()
        now = self.now()
        body = self._seal(token, 1, screening)
        with self._db() as conn:
            conn.execute(insert(drafts).values(id=crypto.draft_id(token), version=1, state=ACTIVE,
                                               created_at=now, updated_at=now, body=body))
        return token, SavedDraft(1, now)

    def save(self, token: str, screening: Screening, expected_version: int) -> SavedDraft:
        """Replace the draft if it is still at `expected_version`; else DraftConflict (nothing written)."""
        draft_id = self._id(token)
        version = expected_version + 1
        body = self._seal(token, version, screening)
        now = self.now()
        with self._db() as conn:
            done = conn.execute(
                update(drafts)
                .where(drafts.c.id == draft_id, drafts.c.version == expected_version, drafts.c.state == ACTIVE)
                .values(version=version, body=body, updated_at=now)
            ).rowcount
            if done == 1:
                return SavedDraft(version, now)
            row = conn.execute(select(drafts.c.version, drafts.c.state, drafts.c.updated_at)
                               .where(drafts.c.id == draft_id)).first()
        if row is None:
            raise DraftNotFound("no draft for this token")
        self._raise_if_gone(row.state)
        raise DraftConflict(SavedDraft(row.version, _aware(row.updated_at)))

    def load(self, token: str, lang: str = "sv") -> Draft:
        draft_id = self._id(token)
        with self._db() as conn:
            row = conn.execute(select(drafts).where(drafts.c.id == draft_id)).first()
            if row is None:
                raise DraftNotFound("no draft for this token")
            self._raise_if_gone(row.state)
            updated = _aware(row.updated_at)
            if updated + self.ttl < self.now():
                self._expire(conn, draft_id)
                expired = self._scrub_due = True
            else:
                expired = False
        if expired:
            raise DraftExpired("the draft was not used for too long")
        try:
            text = crypto.open_sealed(token, row.version, row.body)
            screening = load_screening(text, lang)
        except (crypto.Undecryptable, ScreeningFileError, UnicodeDecodeError):
            raise DraftTampered("the stored draft does not open") from None
        return Draft(screening, row.version, updated)

    def delete(self, token: str) -> None:
        """Delete the draft's content at once; the row remembers only that it was deleted."""
        draft_id = self._id(token)
        with self._db() as conn:
            done = conn.execute(update(drafts).where(drafts.c.id == draft_id, drafts.c.state == ACTIVE)
                                .values(state=DELETED, body=None, updated_at=self.now())).rowcount
        if not done:
            raise DraftNotFound("no draft for this token")
        self.vacuum()
        self._scrub_due = True

    def cleanup(self) -> int:
        """Expire drafts not saved for the retention period; forget gone drafts after as long again."""
        cutoff = self.now() - self.ttl
        with self._db() as conn:
            expired = conn.execute(update(drafts).where(drafts.c.state == ACTIVE, drafts.c.updated_at < cutoff)
                                   .values(state=EXPIRED, body=None)).rowcount
            conn.execute(delete(drafts).where(drafts.c.state != ACTIVE, drafts.c.updated_at < cutoff - self.ttl))
        self._last_cleanup = self.now()
        if expired:
            log.info("draft cleanup: %d drafts expired", expired)
        if expired or self._scrub_due:
            self._scrub_due = not self.vacuum(full=True)
        return expired

    def vacuum(self, *, full: bool = False) -> bool:
        """PostgreSQL keeps a deleted draft's old ciphertext (every saved version, in the table
        and its TOAST table) until VACUUM. Plain VACUUM (after each delete) removes the dead rows
        and frees their space for reuse, but leaves the bytes in pages that still hold other
        drafts; VACUUM FULL (in the daily purge, after a delete or an expiry) rewrites the table
        into new files, so none is left in them. Outside any transaction; a FULL that would wait
        more than 2 s for a lock gives up until the next purge. Nothing to do on SQLite
        (secure_delete overwrites). A refusal is logged, never shown: the delete itself is done.
        True when done (or nothing to do)."""
        if self.vacuum_engine is None:
            return True
        try:
            with self.vacuum_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("SET lock_timeout = '2s'")
                try:
                    conn.exec_driver_sql(f"VACUUM {'FULL ' if full else ''}{drafts.name}")
                finally:
                    conn.exec_driver_sql("RESET lock_timeout")
        except (SQLAlchemyError, OSError) as exc:
            log.warning("draft storage: VACUUM%s of drafts failed: %s", " FULL" if full else "", type(exc).__name__)
            return False
        return True

    def cleanup_if_due(self) -> None:
        """Run `cleanup()` if it has not run in this process for a day (called on each new session)."""
        if self._last_cleanup is None or self.now() - self._last_cleanup >= CLEANUP_EVERY:
            try:
                self.cleanup()
            except StorageUnavailable:
                self._last_cleanup = self.now() - CLEANUP_EVERY + timedelta(hours=1)  # again in an hour
                raise

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _id(token: str) -> str:
        try:
            return crypto.draft_id(token)
        except crypto.BadToken:
            raise TokenMalformed("the link is incomplete or wrong") from None

    @staticmethod
    def _seal(token: str, version: int, screening: Screening) -> bytes:
        text = dump_screening(screening)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise DraftTooLarge("the screening is larger than a saved file may be")
        try:
            return crypto.seal(token, version, text)
        except crypto.BadToken:
            raise TokenMalformed("the link is incomplete or wrong") from None

    @staticmethod
    def _raise_if_gone(state: str) -> None:
        if state == DELETED:
            raise DraftGone("the draft was deleted")
        if state == EXPIRED:
            raise DraftExpired("the draft expired")

    def _expire(self, conn, draft_id: str) -> None:
        conn.execute(update(drafts).where(drafts.c.id == draft_id, drafts.c.state == ACTIVE)
                     .values(state=EXPIRED, body=None))

    @contextmanager
    def _db(self) -> Iterator:
        """One transaction; any database or disk failure becomes StorageUnavailable (rolled back).

        If the database cannot even be reached, it is left alone for `retry_after_s`, so a server
        that is down does not make every click wait for a connection timeout. A refused write
        (read-only, disk full) does not stop reading.
        """
        if time.monotonic() < self._down_until:
            raise StorageUnavailable("the database was unavailable a moment ago")
        try:
            conn = self.engine.connect()
        except (SQLAlchemyError, OSError) as exc:
            self._down_until = time.monotonic() + self.retry_after_s
            log.warning("draft storage unreachable: %s", type(exc).__name__)
            raise StorageUnavailable("the database cannot be reached") from None
        try:
            with conn, conn.begin():
                yield conn
        except (SQLAlchemyError, OSError) as exc:
            log.warning("draft storage refused a transaction: %s", type(exc).__name__)
            raise StorageUnavailable("the database cannot be used right now") from None


_OPEN_LOCK = threading.Lock()  # one store opened (and migrated) at a time in this process


class StoreOpener:
    """Opens the store on first use, once however many sessions ask at the same moment, and,
    while the database is unreachable or broken, retries at most every `retry_after_s` seconds
    (one per process, shared by all sessions)."""

    def __init__(self, settings: StorageSettings, retry_after_s: float = 15.0) -> None:
        self.settings = settings
        self.retry_after_s = retry_after_s
        self._store: DraftStore | None = None
        self._next_try = 0.0
        self._broken: str | None = None  # the kind of a broken schema (StorageBroken), until it is repaired

    def get(self) -> DraftStore:
        store = self._store
        if store is not None:
            return store
        with _OPEN_LOCK:
            if self._store is None:
                if time.monotonic() < self._next_try:
                    if self._broken:
                        raise StorageBroken(self._broken)
                    raise StorageUnavailable("the database was unavailable a moment ago")
                try:
                    self._store = open_store(self.settings, retry_after_s=min(self.retry_after_s, 10.0))
                except StorageUnavailable as exc:
                    self._next_try = time.monotonic() + self.retry_after_s
                    self._broken = exc.kind if isinstance(exc, StorageBroken) else None
                    raise
            return self._store


def open_store(settings: StorageSettings, *, retry_after_s: float = 10.0) -> DraftStore:
    """Connect, migrate and clean up; StorageUnavailable if the database cannot be used,
    StorageBroken if its schema must be repaired first."""
    try:
        engine = make_engine(settings.database_url)
        migrate(engine, settings.migration_url or None)
        vacuum = _vacuum_engine(engine, settings)
    except SchemaError as exc:
        raise StorageBroken(exc.kind) from None
    except (SQLAlchemyError, OSError) as exc:
        log.warning("draft storage unavailable at start: %s", type(exc).__name__)
        raise StorageUnavailable("the database cannot be used right now") from None
    store = DraftStore(engine, settings.draft_days, retry_after_s=retry_after_s, vacuum_engine=vacuum)
    try:
        store.cleanup()
    except StorageUnavailable:
        pass  # read-only database: drafts still open; saving will say what is wrong
    return store


def _vacuum_engine(engine: Engine, settings: StorageSettings) -> Engine | None:
    """PostgreSQL: the engine whose role may VACUUM the drafts table (the owner's when a
    migration role is set); warns when the audit trail is protected by triggers only."""
    if engine.dialect.name != "postgresql":
        return None
    if audit_only_trigger_protected(engine):
        log.warning("storage: the app's database role may rewrite the audit trail (only triggers protect it); "
                    "give the app a role with INSERT and SELECT only: docs/operations-postgresql.md")
    if settings.migration_url:
        return make_engine(settings.migration_url)
    if not may_vacuum(engine, drafts.name):
        log.warning("storage: the app's database role does not own the drafts table and cannot VACUUM it; "
                    "schedule VACUUM FULL drafts as its owner (docs/operations-postgresql.md)")
        return None
    return engine
