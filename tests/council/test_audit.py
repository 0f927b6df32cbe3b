"""The audit trail the app cannot rewrite (issue 22, point 6), on SQLite and PostgreSQL: the
database refuses INSERT OR REPLACE, UPDATE, DELETE and TRUNCATE of it; on PostgreSQL the app's
own role may only INSERT and SELECT it (a separate role owns it); and a hash chain over the rows
shows a row changed or removed behind the app's back."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import delete, select, text, update

from iop_core.council.officers import Officer
from iop_core.rules.assessment import assess_all
from iop_core.storage import (
    DraftStore,
    StorageSettings,
    make_engine,
    migrate,
    new_token,
    open_store,
)
from iop_core.storage.audit import verify_audit_chain
from iop_core.storage.cases import CaseStore
from iop_core.storage.db import _config, audit_only_trigger_protected
from iop_core.storage.tables import case_audit
from tests.support.storage import at_once


def _submit(register: CaseStore, screening) -> int:
    register.submit(new_token(), screening, assess_all(screening))
    return max(r.id for r in register.list(Officer(id="x", name="x", via="local")))


@pytest.fixture
def trail(register, anna, genuine, clock):
    """Two cases with a few audit rows each; returns the audit rows' ids in order."""
    for _ in range(2):
        case_id = _submit(register, genuine)
        v = register.assign(anna, case_id, 1, "Anna", "social")
        register.add_note(anna, case_id, v, "Ringde föreningen.")
    with register.engine.connect() as conn:
        return conn.execute(select(case_audit.c.id).order_by(case_audit.c.id)).scalars().all()


def _rows(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(case_audit).order_by(case_audit.c.id)).all()


def _refused(engine, sql) -> str:
    with pytest.raises(Exception) as refused, engine.begin() as conn:
        conn.execute(text(sql) if isinstance(sql, str) else sql)
    return str(refused.value)


def test_a_normal_trail_is_a_whole_chain(register, anna, trail):
    assert len(trail) == 6
    assert verify_audit_chain(register.engine) == [] and register.verify_audit(anna) == []
    assert all(r.hash and len(r.hash) == 64 for r in _rows(register.engine))


def test_replace_update_delete_and_truncate_are_refused(register, engine, trail):
    before = _rows(engine)
    first = before[0]
    if engine.dialect.name == "sqlite":
        replace = ("INSERT OR REPLACE INTO case_audit (id, case_id, at, actor, action, detail, hash) "
                   f"VALUES ({first.id}, {first.case_id}, '2026-01-01 00:00:00', 'someone else', 'step', 'x', '{first.hash}')")
        truncate = "DELETE FROM case_audit"
    else:
        replace = ("INSERT INTO case_audit (id, case_id, at, actor, action, detail, hash) "
                   f"VALUES ({first.id}, {first.case_id}, now(), 'someone else', 'step', 'x', '{first.hash}') "
                   "ON CONFLICT (id) DO UPDATE SET actor = EXCLUDED.actor")
        truncate = "TRUNCATE case_audit"
    for sql in (replace, update(case_audit).values(actor="someone else"), delete(case_audit).where(case_audit.c.id == first.id), truncate):
        assert "append-only" in _refused(engine, sql)
    assert _rows(engine) == before and verify_audit_chain(engine) == []


def _behind_the_apps_back(engine, sql: str) -> None:
    """What the guards exist against: someone with the owner's rights (the migration role, or raw
    access to the SQLite file) switches the triggers off and rewrites the trail."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for name in ("update", "delete"):
                conn.execute(text(f"DROP TRIGGER case_audit_no_{name}"))
        else:
            conn.execute(text("ALTER TABLE case_audit DISABLE TRIGGER USER"))
        conn.execute(text(sql))


def test_the_chain_shows_a_changed_row(register, engine, anna, trail):
    _behind_the_apps_back(engine, f"UPDATE case_audit SET actor = 'bertil' WHERE id = {trail[2]}")
    [problem] = verify_audit_chain(engine)
    assert problem.audit_id == trail[2] and problem.reason == "changed_or_gap"
    assert register.verify_audit(anna) == [problem]


def test_the_chain_shows_a_removed_row(engine, trail):
    _behind_the_apps_back(engine, f"DELETE FROM case_audit WHERE id = {trail[1]}")
    assert [p.audit_id for p in verify_audit_chain(engine)] == [trail[2]]


def test_a_rewritten_row_with_a_new_hash_breaks_the_next_one(engine, trail):
    from iop_core.storage.audit import content, link

    r = _rows(engine)
    forged = link(r[0].hash, content(r[1].case_id, r[1].at, "bertil", r[1].action, r[1].detail))
    _behind_the_apps_back(engine, f"UPDATE case_audit SET actor = 'bertil', hash = '{forged}' WHERE id = {trail[1]}")
    assert [p.audit_id for p in verify_audit_chain(engine)] == [trail[2]]


def test_officers_saving_at_once_keep_one_chain(register, anna, genuine, clock):
    case_ids = [_submit(register, genuine) for _ in range(6)]

    def work(case_id: int) -> None:
        v = 1
        for n in range(3):
            v = register.add_note(anna, case_id, v, f"anteckning {n}")

    errors = at_once([lambda c=c: work(c) for c in case_ids])
    assert errors == []
    assert len(_rows(register.engine)) == 6 + 6 * 3 and verify_audit_chain(register.engine) == []


def test_the_migration_seals_the_rows_already_there(db_url, clock):
    engine = make_engine(db_url)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        for n in range(3):
            conn.execute(text("INSERT INTO case_audit (case_id, at, actor, action, detail) VALUES (1, :at, 'anna', 'step', :d)"),
                         {"at": clock.at + timedelta(minutes=n), "d": f"step {n}"})
    migrate(engine)
    assert verify_audit_chain(engine) == [] and all(r.hash for r in _rows(engine))
    engine.dispose()


# --- PostgreSQL: the app's role is not the owner ---------------------------------------------------


@pytest.fixture
def two_roles(postgres):
    """A database owned by a migration role, and an app role with no rights of its own."""
    suffix = uuid.uuid4().hex[:8]
    owner, app, db = f"iop_owner_{suffix}", f"iop_app_{suffix}", f"t_roles_{suffix}"
    postgres.admin(f"CREATE ROLE {owner} LOGIN")
    postgres.admin(f"CREATE ROLE {app} LOGIN")
    postgres.admin(f"CREATE DATABASE {db} OWNER {owner}")
    base = f"postgresql+psycopg://{{}}@127.0.0.1:{postgres.port}/{db}"
    return base.format(owner), base.format(app)


def test_the_app_role_may_only_insert_and_select_the_audit_trail(two_roles, anna, genuine, clock, tmp_path, caplog):
    owner_url, app_url = two_roles
    with caplog.at_level(logging.WARNING, logger="iop_core.storage"):
        drafts = open_store(StorageSettings(True, app_url, 30, tmp_path, migration_url=owner_url))
    assert "trigger" not in caplog.text  # no warning: the role does protect the trail
    app = drafts.engine
    assert not audit_only_trigger_protected(app) and audit_only_trigger_protected(make_engine(owner_url))
    register = CaseStore(app, now=clock, retry_after_s=0)
    case_id = _submit(register, genuine)
    register.assign(anna, case_id, 1, "Anna", "social")
    token, _ = drafts.create(genuine)
    drafts.delete(token)  # the app keeps full use of its other tables
    for sql in ("UPDATE case_audit SET actor = 'x'", "DELETE FROM case_audit", "TRUNCATE case_audit"):
        assert "permission denied" in _refused(app, sql)
    for sql in ("ALTER TABLE case_audit DISABLE TRIGGER ALL", "DROP TABLE case_audit"):
        assert "must be owner" in _refused(app, sql)
    assert len(_rows(app)) == 2 and verify_audit_chain(app) == []


def test_one_role_for_everything_is_warned_about(postgres, tmp_path, caplog):
    url = postgres.url(postgres.new_database())
    with caplog.at_level(logging.WARNING, logger="iop_core.storage"):
        store = open_store(StorageSettings(True, url, 30, tmp_path))
    assert "only triggers protect it" in caplog.text and "docs/operations-postgresql.md" in caplog.text
    assert isinstance(store, DraftStore)


def test_an_app_given_only_its_own_role_works_and_says_vacuum_needs_a_schedule(two_roles, genuine, tmp_path, caplog):
    """Migrations run once by an administrator with both URLs; the app processes get only theirs."""
    owner_url, app_url = two_roles
    open_store(StorageSettings(True, app_url, 30, tmp_path, migration_url=owner_url))
    with caplog.at_level(logging.WARNING, logger="iop_core.storage"):
        drafts = open_store(StorageSettings(True, app_url, 30, tmp_path))
    assert "only triggers protect it" not in caplog.text and "schedule VACUUM FULL drafts" in caplog.text
    token, _ = drafts.create(genuine)
    drafts.delete(token)
    assert drafts.vacuum_engine is None
