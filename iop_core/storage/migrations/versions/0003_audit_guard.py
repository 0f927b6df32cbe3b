"""The audit trail guarded: no INSERT OR REPLACE (SQLite), no TRUNCATE (PostgreSQL), and a hash
chain over the rows (column `hash`, filled in for the rows already there).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from iop_core.storage.audit import GENESIS, content, link

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SQLITE_REPLACE_GUARD = """
CREATE TRIGGER case_audit_no_replace BEFORE INSERT ON case_audit
WHEN EXISTS (SELECT 1 FROM case_audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'case_audit is append-only'); END
"""
_PG_TRUNCATE_GUARD = ("CREATE TRIGGER case_audit_no_truncate BEFORE TRUNCATE ON case_audit "
                      "FOR EACH STATEMENT EXECUTE FUNCTION case_audit_append_only()")
_SQLITE_0002 = [f"CREATE TRIGGER case_audit_no_{event.lower()} BEFORE {event} ON case_audit "
                "BEGIN SELECT RAISE(ABORT, 'case_audit is append-only'); END" for event in ("UPDATE", "DELETE")]


def _seal_existing_rows() -> None:
    audit = sa.table("case_audit", sa.column("id", sa.Integer), sa.column("case_id", sa.Integer),
                     sa.column("at", sa.DateTime(timezone=True)), sa.column("actor", sa.String),
                     sa.column("action", sa.String), sa.column("detail", sa.String), sa.column("hash", sa.String))
    bind = op.get_bind()
    previous = GENESIS
    for r in bind.execute(sa.select(audit).order_by(audit.c.id)).all():
        previous = link(previous, content(r.case_id, r.at, r.actor, r.action, r.detail))
        bind.execute(sa.update(audit).where(audit.c.id == r.id).values(hash=previous))


def upgrade() -> None:
    op.add_column("case_audit", sa.Column("hash", sa.String(64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE case_audit DISABLE TRIGGER case_audit_no_change")
        _seal_existing_rows()
        op.execute("ALTER TABLE case_audit ENABLE TRIGGER case_audit_no_change")
        op.execute(_PG_TRUNCATE_GUARD)
    else:
        op.execute("DROP TRIGGER case_audit_no_update")
        _seal_existing_rows()
        op.execute(_SQLITE_0002[0])
        op.execute(_SQLITE_REPLACE_GUARD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER case_audit_no_truncate ON case_audit")
        op.drop_column("case_audit", "hash")
        return
    for name in ("replace", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS case_audit_no_{name}")
    with op.batch_alter_table("case_audit") as batch:
        batch.drop_column("hash")
    for statement in _SQLITE_0002:
        op.execute(statement)
