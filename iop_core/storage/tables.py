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

# Append-only: who did what to a case, and when. `detail` is written by code (a step id, a
# decision id, a version), never text a user typed. Database triggers refuse UPDATE, DELETE and
# INSERT OR REPLACE of a row; on PostgreSQL the app's role may only INSERT and SELECT
# (docs/operations-postgresql.md). `hash` chains the rows in id order (iop_core.storage.audit):
# sha256 of the previous row's hash and this row's content, so a changed or removed row shows.
AUDIT_TABLE = "case_audit"
case_audit = Table(
    AUDIT_TABLE,
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", String(200), nullable=False),
    Column("hash", String(64), nullable=True),
)

# Officer sign-in (iop_core.council.signin, migration 0005_signin). Nothing here is a password,
# a session id or a one-time code: only SHA-256 digests of them, so a copy of the database signs
# no one in. Shared by every app process (several processes run behind nginx).
# `signin_failures`: failed local sign-ins per account name and per client address (`key` is a
# digest of "account:<name>" or "client:<address>"), for the growing delay and the lock.
signin_failures = Table(
    "signin_failures",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),
)

# `officer_sessions`: one row per local sign-in. The browser holds the session id in a signed,
# HttpOnly cookie (`token_hash` is its digest, set when the one-time code `handoff_hash` is
# redeemed by the same browser: `handoff_browser`, a digest of its XSRF token); "Logga ut" sets
# `revoked_at`, and every run checks it.
officer_sessions = Table(
    "officer_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("handoff_hash", String(64), nullable=True, unique=True),
    Column("handoff_until", DateTime(timezone=True), nullable=True),
    Column("handoff_browser", String(64), nullable=True),
    Column("subject", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("via", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# `officer_signouts`: the last "Logga ut" of an OpenID Connect subject (`subject` is a digest of
# the provider's `sub`). An identity cookie issued before it (claim `iat`) no longer signs in.
officer_signouts = Table(
    "officer_signouts",
    metadata,
    Column("subject", String(64), primary_key=True),
    Column("signed_out_at", DateTime(timezone=True), nullable=False),
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
