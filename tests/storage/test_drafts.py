"""The draft store on SQLite and PostgreSQL: round trip, versions, deletion, expiry, bad input, faults."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, update

from iop_core.screening.model import Screening
from iop_core.screening.persistence import dump_screening
from iop_core.storage import (
    DraftConflict,
    DraftExpired,
    DraftGone,
    DraftNotFound,
    DraftStore,
    DraftTampered,
    DraftTooLarge,
    StorageUnavailable,
    TokenMalformed,
    make_engine,
    migrate,
    new_token,
)
from iop_core.storage.crypto import draft_id
from iop_core.storage.tables import drafts

ORG = "Föreningen Hemliga Läxhjälpen"
EMAIL = "kassor@hemliga-laxhjalpen.example"
FREE_TEXT = "Vi vill hjälpa barn i Gränsbyn med läxor varje tisdag"


def secret_screening(genuine) -> Screening:
    s = genuine.model_copy(deep=True)
    s.organisation.name = ORG
    s.organisation.contact_email = EMAIL
    s.initiative.goal = FREE_TEXT
    return s


def test_a_draft_comes_back_exactly_as_saved(store, genuine):
    token, saved = store.create(genuine)
    draft = store.load(token)
    assert dump_screening(draft.screening) == dump_screening(genuine)
    assert draft.version == saved.version == 1


def test_saving_bumps_the_version_and_replaces_the_content(store, genuine):
    token, _ = store.create(Screening())
    saved = store.save(token, genuine, expected_version=1)
    assert saved.version == 2
    draft = store.load(token)
    assert draft.version == 2
    assert draft.screening.organisation.name == genuine.organisation.name


def test_a_stale_save_is_refused_and_writes_nothing(store, genuine):
    token, _ = store.create(Screening())
    store.save(token, genuine, expected_version=1)  # the other tab
    mine = Screening()
    mine.organisation.name = "Min flik"
    with pytest.raises(DraftConflict) as err:
        store.save(token, mine, expected_version=1)
    assert err.value.current.version == 2
    assert store.load(token).screening.organisation.name == genuine.organisation.name


def test_the_database_holds_no_clear_text_and_no_token(store, engine, genuine, db_url):
    token, _ = store.create(secret_screening(genuine))
    store.save(token, secret_screening(genuine), expected_version=1)
    with engine.connect() as conn:
        rows = conn.execute(select(drafts)).all()
    dumped = repr(rows).encode() + b"".join(bytes(r.body) for r in rows)
    if db_url.startswith("sqlite"):
        dumped += engine.url.database and open(engine.url.database, "rb").read()
    for secret in (ORG, EMAIL, FREE_TEXT, "Hemliga", "Gränsbyn", token):
        for encoding in ("utf-8", "utf-16-le", "latin-1"):
            assert secret.encode(encoding, "ignore") not in dumped, (secret, encoding)
    assert rows[0].id == draft_id(token) and token not in rows[0].id


def test_deleting_removes_the_content_at_once(store, engine, genuine):
    token, _ = store.create(genuine)
    store.delete(token)
    with pytest.raises(DraftGone):
        store.load(token)
    with engine.connect() as conn:
        assert conn.execute(select(drafts.c.body)).scalar_one() is None
    with pytest.raises(DraftGone):
        store.save(token, genuine, expected_version=1)


@pytest.mark.parametrize("token", ["", "abc", new_token()[:-1], new_token() + "x", "ä" * 32, "../../" + "a" * 26])
def test_a_malformed_token_is_refused(store, token):
    with pytest.raises(TokenMalformed):
        store.load(token)


def test_an_unknown_token_finds_nothing(store, genuine):
    store.create(genuine)
    with pytest.raises(DraftNotFound):
        store.load(new_token())


def test_a_draft_not_touched_for_the_retention_period_expires(store, clock, genuine):
    token, _ = store.create(genuine)
    clock.at += timedelta(days=30, minutes=1)
    with pytest.raises(DraftExpired):
        store.load(token)
    with pytest.raises(DraftExpired):
        store.load(token)  # it stays expired, the content is gone


def test_cleanup_expires_old_drafts_and_keeps_fresh_ones(store, clock, engine, genuine):
    old, _ = store.create(genuine)
    clock.at += timedelta(days=20)
    fresh, _ = store.create(genuine)
    clock.at += timedelta(days=11)
    assert store.cleanup() == 1
    with engine.connect() as conn:
        bodies = dict(conn.execute(select(drafts.c.id, drafts.c.body)).all())
    assert bodies[draft_id(old)] is None and bodies[draft_id(fresh)] is not None
    assert store.load(fresh).screening.organisation.name == genuine.organisation.name
    clock.at += timedelta(days=61)
    store.cleanup()
    with engine.connect() as conn:
        assert draft_id(old) not in {r.id for r in conn.execute(select(drafts.c.id))}


def test_cleanup_if_due_runs_once_a_day(store, clock, genuine):
    token, _ = store.create(genuine)
    store.cleanup_if_due()
    clock.at += timedelta(days=30, hours=1)
    store._last_cleanup = clock.at - timedelta(hours=23)
    store.cleanup_if_due()  # not due yet: the draft is still there (load would expire it itself)
    with store.engine.connect() as conn:
        assert conn.execute(select(drafts.c.state)).scalar_one() == "active"
    clock.at += timedelta(hours=2)
    store.cleanup_if_due()
    with store.engine.connect() as conn:
        assert conn.execute(select(drafts.c.state)).scalar_one() == "expired"


@pytest.mark.parametrize("tamper", ["flip_byte", "truncate", "swap_rows", "bump_version"])
def test_tampered_ciphertext_is_detected(store, engine, genuine, tamper):
    token, _ = store.create(genuine)
    other, _ = store.create(Screening())
    with engine.begin() as conn:
        body = bytes(conn.execute(select(drafts.c.body).where(drafts.c.id == draft_id(token))).scalar_one())
        other_body = conn.execute(select(drafts.c.body).where(drafts.c.id == draft_id(other))).scalar_one()
        changes = {
            "flip_byte": {"body": body[:40] + bytes([body[40] ^ 1]) + body[41:]},
            "truncate": {"body": body[: len(body) // 2]},
            "swap_rows": {"body": other_body},
            "bump_version": {"version": 2},
        }[tamper]
        conn.execute(update(drafts).where(drafts.c.id == draft_id(token)).values(**changes))
    with pytest.raises(DraftTampered):
        store.load(token)


def test_a_screening_larger_than_a_saved_file_is_refused(store, genuine, monkeypatch):
    import iop_core.storage.drafts as drafts_module

    monkeypatch.setattr(drafts_module, "MAX_FILE_BYTES", len(dump_screening(genuine)) - 1)
    with pytest.raises(DraftTooLarge):
        store.create(genuine)


def test_migrations_are_idempotent_and_match_the_tables(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from iop_core.storage.tables import metadata

    migrate(engine)  # a second start changes nothing
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert "alembic_version" in inspect(conn).get_table_names()


def test_a_read_only_database_fails_cleanly_and_keeps_the_last_draft(db_url, postgres_or_none, genuine, clock):
    eng = make_engine(db_url)
    migrate(eng)
    store = DraftStore(eng, 30, now=clock, retry_after_s=60)
    token, _ = store.create(genuine)
    if db_url.startswith("sqlite"):
        ro = DraftStore(make_engine(f"sqlite:///file:{eng.url.database}?mode=ro&uri=true"), 30, retry_after_s=60)
    else:
        postgres_or_none.admin(f"ALTER DATABASE {eng.url.database} SET default_transaction_read_only = on")
        eng.dispose()
        ro = store
    with pytest.raises(StorageUnavailable):
        ro.save(token, Screening(), expected_version=1)
    with pytest.raises(StorageUnavailable):
        ro.create(genuine)
    with pytest.raises(StorageUnavailable):
        ro.cleanup()
    # a refused write is not an unreachable database: reading goes on at once
    assert ro.load(token).screening.organisation.name == genuine.organisation.name


def test_a_full_disk_fails_cleanly_and_leaves_the_previous_version(tmp_path, genuine):
    """SQLite's own "database or disk is full" (max_page_count), without filling the real disk."""
    from sqlalchemy import event

    eng = make_engine(f"sqlite:///{tmp_path / 'full.sqlite3'}")
    migrate(eng)
    store = DraftStore(eng, 30, retry_after_s=0)
    token, _ = store.create(genuine)

    with eng.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    @event.listens_for(eng, "connect")
    def _full(dbapi_conn, _):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")  # not one page more

    eng.dispose()
    big = genuine.model_copy(deep=True)
    for field in ("challenge", "goal", "target_group", "activities", "not_included"):
        setattr(big.initiative, field, "y" * 9_000)
    with pytest.raises(StorageUnavailable):
        store.save(token, big, expected_version=1)
    draft = store.load(token)
    assert draft.version == 1 and draft.screening.initiative.goal == genuine.initiative.goal


def test_a_database_that_is_down_fails_cleanly():
    from tests.support.servers import free_port

    store = DraftStore(make_engine(f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none"), 30, retry_after_s=0)
    with pytest.raises(StorageUnavailable):
        store.create(Screening())
    with pytest.raises(StorageUnavailable):
        store.load(new_token())


@pytest.mark.parametrize("where", ["postgresql_down", "data_dir_is_a_file"])
def test_opening_a_store_that_cannot_work_says_so(tmp_path, where):
    from iop_core.storage import StorageSettings, open_store
    from tests.support.servers import free_port

    (tmp_path / "blocker").write_text("not a folder")
    url = {"postgresql_down": f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none",
           "data_dir_is_a_file": f"sqlite:///{tmp_path / 'blocker' / 'iop.sqlite3'}"}[where]
    with pytest.raises(StorageUnavailable):
        open_store(StorageSettings(drafts=True, database_url=url, draft_days=30, data_dir=tmp_path))


def test_after_a_failure_the_database_is_left_alone_for_a_while(tmp_path):
    from tests.support.servers import free_port

    store = DraftStore(make_engine(f"postgresql+psycopg://iop@127.0.0.1:{free_port()}/none"), 30, retry_after_s=60)
    with pytest.raises(StorageUnavailable):
        store.create(Screening())
    store.engine = None  # a second attempt would crash on this, so it must not happen
    with pytest.raises(StorageUnavailable):
        store.create(Screening())
