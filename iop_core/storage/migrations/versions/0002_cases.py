"""The council's case register and its append-only audit trail.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PG_GUARD = """
CREATE FUNCTION case_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'case_audit is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER case_audit_no_change BEFORE UPDATE OR DELETE ON case_audit
FOR EACH ROW EXECUTE FUNCTION case_audit_append_only();
"""


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("link_ref", sa.String(64), nullable=True, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("framework", sa.String(32), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("organisation", sa.String(300), nullable=True),
        sa.Column("screening", sa.Text, nullable=True),
        sa.Column("assessments", sa.Text, nullable=True),
        sa.Column("policy_area", sa.String(64), nullable=True),
        sa.Column("officer", sa.String(200), nullable=True),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("decision", sa.String(32), nullable=True),
        sa.Column("decision_date", sa.Date, nullable=True),
        sa.Column("decision_body", sa.String(300), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cases_received_at", "cases", ["received_at"])
    op.create_table(
        "case_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
    )
    op.create_index("ix_case_audit_case_id", "case_audit", ["case_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER case_audit_no_{event.lower()} BEFORE {event} ON case_audit "
                       "BEGIN SELECT RAISE(ABORT, 'case_audit is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER case_audit_no_change ON case_audit; DROP FUNCTION case_audit_append_only()")
    op.drop_table("case_audit")
    op.drop_index("ix_cases_received_at", table_name="cases")
    op.drop_table("cases")
