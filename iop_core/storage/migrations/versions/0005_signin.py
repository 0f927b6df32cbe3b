"""Officer sign-in: failed attempts (throttle and lock), local sessions, OpenID Connect sign-outs.

Revision ID: 0005_signin
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_signin"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_failures",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "officer_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("handoff_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("handoff_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handoff_browser", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_officer_sessions_expires_at", "officer_sessions", ["expires_at"])
    op.create_table(
        "officer_signouts",
        sa.Column("subject", sa.String(64), primary_key=True),
        sa.Column("signed_out_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("officer_signouts")
    op.drop_index("ix_officer_sessions_expires_at", table_name="officer_sessions")
    op.drop_table("officer_sessions")
    op.drop_table("signin_failures")
