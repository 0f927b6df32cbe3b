"""PostgreSQL keeps an updated or deleted row's old bytes (the draft's ciphertext, in the drafts
table's TOAST table) until VACUUM. The store vacuums the drafts table right after a delete (the
dead rows are gone, their space is free for reuse), and the daily purge rewrites it (VACUUM
FULL) after a delete or an expiry: no ciphertext of a deleted or expired draft, of any version
saved, is then in the table's files (read from the server's data folder after a CHECKPOINT)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from iop_core.storage import DraftStore, make_engine, migrate
from iop_core.storage.crypto import draft_id
from iop_core.storage.tables import drafts


@pytest.fixture
def pg_store(postgres, clock):
    engine = make_engine(postgres.url(postgres.new_database()))
    migrate(engine)
    yield DraftStore(engine, ttl_days=30, now=clock, retry_after_s=0)
    engine.dispose()


def _body(store: DraftStore, token: str) -> bytes:
    with store.engine.connect() as conn:
        return conn.execute(select(drafts.c.body).where(drafts.c.id == draft_id(token))).scalar()


def _files(store: DraftStore, postgres) -> bytes:
    """The bytes of the drafts table and its TOAST table as they are on disk."""
    postgres.admin("CHECKPOINT")
    with store.engine.connect() as conn:
        folder = Path(conn.execute(text("SHOW data_directory")).scalar())
        paths = conn.execute(text("SELECT pg_relation_filepath(oid), pg_relation_filepath(reltoastrelid) "
                                  "FROM pg_class WHERE relname = 'drafts'")).one()
    return b"".join((folder / p).read_bytes() for p in paths)


def _vacuums(store: DraftStore) -> int:
    with store.engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        return conn.execute(text("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'drafts'")).scalar()


def _saved_three_times(store: DraftStore, screening) -> tuple[str, list[bytes]]:
    token, _ = store.create(screening)
    bodies = [_body(store, token)]
    for version in (1, 2):
        store.save(token, screening, version)
        bodies.append(_body(store, token))
    return token, [b[200:264] for b in bodies]  # 64 bytes from inside each version's ciphertext


def test_a_delete_vacuums_the_drafts_table_at_once(pg_store, genuine):
    kept, _ = pg_store.create(genuine)
    token, _ = _saved_three_times(pg_store, genuine)
    before = _vacuums(pg_store)
    pg_store.delete(token)
    assert _vacuums(pg_store) == before + 1
    with pg_store.engine.connect() as conn:
        assert conn.execute(text("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'drafts'")).scalar() == 0
    assert pg_store.load(kept).screening == genuine


def test_after_the_daily_purge_no_deleted_or_expired_ciphertext_is_in_the_table_files(pg_store, postgres, genuine, clock):
    kept, _ = pg_store.create(genuine)
    deleted, deleted_pieces = _saved_three_times(pg_store, genuine)
    _, expiring_pieces = _saved_three_times(pg_store, genuine)
    pieces = deleted_pieces + expiring_pieces
    assert all(p in _files(pg_store, postgres) for p in pieces[-1:] + pieces[2:3])  # there before
    pg_store.delete(deleted)
    clock.at += timedelta(days=31)
    pg_store.save(kept, genuine, 1)  # used: it stays
    assert pg_store.cleanup() == 1
    on_disk = _files(pg_store, postgres)
    assert [p for p in pieces if p in on_disk] == []
    assert _body(pg_store, kept)[200:264] in on_disk and pg_store.load(kept).screening == genuine
