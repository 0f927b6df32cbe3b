"""The storage starts once: many sessions (threads) and several servers (processes) opening a
fresh database at the same moment migrate it exactly once and all get a working store; a
database left half-migrated, or newer than the app, is refused with its fix named, never used."""

from __future__ import annotations

import logging
import multiprocessing

import pytest
from sqlalchemy import inspect, text

from iop_core.storage import StorageSettings, StoreOpener, make_engine, migrate
from iop_core.storage.db import _config
from iop_core.storage.errors import SchemaError, StorageBroken
from tests.support.storage import assert_fully_migrated, at_once

THREADS = 24


def _settings(db_url: str, tmp_path) -> StorageSettings:
    return StorageSettings(True, db_url, 30, tmp_path)


def test_one_opener_shared_by_many_sessions_opens_one_store_on_a_fresh_database(db_url, tmp_path, genuine):
    opener = StoreOpener(_settings(db_url, tmp_path))
    stores = []
    errors = at_once([lambda: stores.append(opener.get())] * THREADS)
    assert errors == []
    assert len({id(s) for s in stores}) == 1
    assert_fully_migrated(db_url)
    token, _ = stores[0].create(genuine)
    assert stores[0].load(token).screening == genuine


@pytest.mark.parametrize("database", ["fresh", "migrated"])
def test_separate_openers_in_one_process_migrate_once(db_url, tmp_path, genuine, database):
    """Several openers (a settings change, the register's store) start together: Alembic's
    module-global context would otherwise be shared between their threads, also when there is
    nothing to migrate (it still reads the revision)."""
    if database == "migrated":
        migrate(make_engine(db_url))
    openers = [StoreOpener(_settings(db_url, tmp_path)) for _ in range(THREADS)]
    errors = at_once([o.get for o in openers])
    assert errors == []
    assert_fully_migrated(db_url)
    for opener in openers[:3]:
        token, _ = opener.get().create(genuine)
        assert opener.get().load(token).screening == genuine


def _migrate_in_a_process(db_url: str, start) -> None:
    start.wait(30)
    migrate(make_engine(db_url))


def test_servers_starting_together_migrate_a_fresh_database_once(db_url):
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_migrate_in_a_process, args=(db_url, start)) for _ in range(4)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    assert_fully_migrated(db_url)


def _half_migrated(db_url: str) -> None:
    """What the crowd left behind before: the drafts table, and alembic_version empty."""
    eng = make_engine(db_url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE drafts (id VARCHAR(64) PRIMARY KEY)"))
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    eng.dispose()


def test_a_half_migrated_database_is_refused_with_its_fix_named(db_url, tmp_path, caplog):
    _half_migrated(db_url)
    opener = StoreOpener(_settings(db_url, tmp_path))
    with caplog.at_level(logging.ERROR, logger="iop_core.storage"), pytest.raises(StorageBroken) as refused:
        opener.get()
    assert refused.value.key == "schema_half_migrated"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "drafts exist but alembic_version records no revision" in logged and "restore" in logged
    with pytest.raises(StorageBroken):  # and again, for every session, until repaired
        opener.get()


def test_the_half_migrated_message_names_the_fix_in_swedish():
    from iop_core.i18n import t

    text_sv = t("drafts.error.schema_half_migrated", "sv")
    assert "delvis uppgraderad" in text_sv and "säkerhetskopia" in text_sv and "döpas om" in text_sv


def test_a_database_newer_than_the_app_is_refused(db_url):
    eng = make_engine(db_url)
    migrate(eng)
    with eng.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError) as refused:
        migrate(eng)
    assert refused.value.kind == "too_new"
    eng.dispose()


def test_a_sqlite_migration_is_all_or_nothing(tmp_path, monkeypatch):
    """A migration that fails halfway leaves no table behind (SQLite's driver would otherwise
    commit each CREATE TABLE on its own)."""
    from iop_core.storage import db

    url = f"sqlite:///{tmp_path / 'iop.sqlite3'}"
    real = db._check_after

    def fail_after_the_tables(conn, head):
        raise RuntimeError("the server stopped here")

    monkeypatch.setattr(db, "_check_after", fail_after_the_tables)
    with pytest.raises(RuntimeError):
        migrate(make_engine(url))
    with make_engine(url).connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    monkeypatch.setattr(db, "_check_after", real)
    migrate(make_engine(url))
    assert_fully_migrated(url)


def test_the_documented_repair_of_the_old_half_state_completes_the_start(db_url):
    """docs/operations-postgresql.md: only `drafts` and an empty alembic_version is revision 0001."""
    from alembic import command


    eng = make_engine(db_url)
    cfg = _config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("DELETE FROM alembic_version"))  # what the crowd left behind
    with pytest.raises(SchemaError):
        migrate(eng)
    with eng.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
    migrate(eng)
    eng.dispose()
    assert_fully_migrated(db_url)
