"""The database tables, one SQLAlchemy MetaData for all of them (Alembic migrations create them).

`drafts`: one row per draft. `id` is derived from the token (never the token itself), `body` is
the encrypted saved-screening JSON (NULL once deleted or expired: the row then only remembers
that the draft is gone, so the link can say so). No column holds anything a user typed.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, LargeBinary, MetaData, String, Table, Text

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

# The council's case register (iop_core.storage.cases). `link_ref` is derived from the
# organisation's link token (never the token). Readable by the council's officers: the screening
# (answers, free texts, budget, document metadata; never file bytes) and the assessments per
# framework are JSON text. An erased case keeps only what the yearly follow-up counts (framework,
# verdict, policy area, dates, decision): no organisation, no screening, no notes, no link.
OPEN, ERASED = "open", "erased"

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("link_ref", String(64), nullable=True, unique=True),
    Column("state", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("framework", String(32), nullable=False),
    Column("verdict", String(32), nullable=False),
    Column("organisation", String(300), nullable=True),
    Column("screening", Text, nullable=True),
    Column("assessments", Text, nullable=True),
    Column("policy_area", String(64), nullable=True),
    Column("officer", String(200), nullable=True),
    Column("steps", Text, nullable=False),
    Column("notes", Text, nullable=True),
    Column("decision", String(32), nullable=True),
    Column("decision_date", Date, nullable=True),
    Column("decision_body", String(300), nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False, index=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Append-only (database triggers refuse UPDATE and DELETE): who did what to a case, and when.
# `detail` is written by code (a step id, a decision id, a version), never text a user typed.
case_audit = Table(
    "case_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", String(200), nullable=False),
)

# Every version of a case the organisation sent ("Skicka igen" adds one): the screening and the
# assessments as sent, numbered from 1, with a digest of the screening text so the organisation's
# page can tell whether its answers changed since. `cases.screening` is the latest of them.
# Erasing a case deletes its versions.
case_versions = Table(
    "case_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("screening", Text, nullable=False),
    Column("assessments", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)
