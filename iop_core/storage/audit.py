"""The case register's audit trail as a hash chain: each row stores the sha256 of the previous
row's hash and its own content, in id order, so a row changed, removed or put in between
afterwards breaks the chain at that row (`verify_audit_chain`).

The chain detects; the database prevents (triggers refuse UPDATE, DELETE, INSERT OR REPLACE
and TRUNCATE; on PostgreSQL the app's role may only INSERT and SELECT). Removing the newest
rows leaves an intact, shorter chain: that case is left to the database's protection and its
backups. Rows are appended one at a time (an advisory lock on PostgreSQL; SQLite writes one
transaction at a time), so two officers saving at once never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, text

from iop_core.storage.tables import case_audit

GENESIS = "0" * 64  # the "previous hash" of the first row
_APPEND_LOCK = 22_2026  # PostgreSQL advisory lock id held while appending (released at commit)


@dataclass(frozen=True)
class AuditProblem:
    """A row where the chain breaks: its content changed, or a row before it was removed or its
    hash is missing (`reason`: "changed_or_gap" or "no_hash"). Ids only, never content."""

    audit_id: int
    case_id: int
    reason: str


def utc(at: datetime) -> datetime:
    """`at` as an aware UTC time (SQLite gives naive UTC back)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def content(case_id: int, at: datetime, actor: str, action: str, detail: str) -> bytes:
    """The canonical bytes of one row (everything but its id and hash)."""
    stamp = utc(at).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps([case_id, stamp, actor, action, detail], ensure_ascii=False, separators=(",", ":")).encode()


def link(previous: str, row_content: bytes) -> str:
    return hashlib.sha256(previous.encode("ascii") + b"\n" + row_content).hexdigest()


def append(conn: Connection, case_id: int, actor: str, action: str, detail: str, at: datetime) -> None:
    """Add one row at the end of the chain (inside the caller's transaction)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _APPEND_LOCK})
    previous = conn.execute(select(case_audit.c.hash).order_by(case_audit.c.id.desc()).limit(1)).scalar()
    actor, detail, at = actor[:200], detail[:200], utc(at)
    conn.execute(insert(case_audit).values(case_id=case_id, at=at, actor=actor, action=action, detail=detail,
                                           hash=link(previous or GENESIS, content(case_id, at, actor, action, detail))))


def chain_problems(rows) -> list[AuditProblem]:  # rows of case_audit in id order
    problems, previous = [], GENESIS
    for r in rows:
        if not r.hash:
            problems.append(AuditProblem(r.id, r.case_id, "no_hash"))
        elif r.hash != link(previous, content(r.case_id, r.at, r.actor, r.action, r.detail)):
            problems.append(AuditProblem(r.id, r.case_id, "changed_or_gap"))
        previous = r.hash or GENESIS  # go on from what is stored: each break is reported once
    return problems


def verify_audit_chain(db: Engine | Connection) -> list[AuditProblem]:
    """Every place where the audit chain breaks; [] when it is whole."""
    query = select(case_audit).order_by(case_audit.c.id)
    if isinstance(db, Connection):
        return chain_problems(db.execute(query))
    with db.connect() as conn:
        return chain_problems(conn.execute(query))
