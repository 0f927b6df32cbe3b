"""The database tables, one SQLAlchemy MetaData for all of them (Alembic migrations create them).

`drafts`: one row per draft. `id` is derived from the token (never the token itself), `body` is
the encrypted saved-screening JSON (NULL once deleted or expired: the row then only remembers
that the draft is gone, so the link can say so). No column holds anything a user typed.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, String, Table

metadata = MetaData()

ACTIVE, DELETED, EXPIRED = "active", "deleted", "expired"

drafts = Table(
    "drafts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    Column("body", LargeBinary, nullable=True),
)
