"""Every version of a case the organisation sent (case_versions); existing cases get version 1.

Revision ID: 0004
Revises: 0002 (to be re-chained onto 0003 when that migration lands)
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    versions = op.create_table(
        "case_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("screening", sa.Text, nullable=False),
        sa.Column("assessments", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_case_versions_case_id", "case_versions", ["case_id"])
    bind = op.get_bind()
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("screening", sa.Text),
                     sa.column("assessments", sa.Text), sa.column("received_at", sa.DateTime(timezone=True)))
    rows = bind.execute(sa.select(cases).where(cases.c.screening.is_not(None))).all()
    if rows:
        op.bulk_insert(versions, [{
            "case_id": r.id, "number": 1, "screening": r.screening, "assessments": r.assessments or "[]",
            "digest": hashlib.sha256(r.screening.encode("utf-8")).hexdigest(), "submitted_at": r.received_at,
        } for r in rows])


def downgrade() -> None:
    op.drop_index("ix_case_versions_case_id", table_name="case_versions")
    op.drop_table("case_versions")
