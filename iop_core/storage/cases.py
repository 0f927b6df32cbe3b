"""The council's case register: submitted screenings as cases, their process and an audit trail.

`CaseStore` is the one interface, the same on SQLite and PostgreSQL. The organisation can only
`submit` and read `status` through its link token; everything else takes an `Officer` and raises
`NotAnOfficer` without one, so the register refuses an anonymous session or a resume link at the
function, not only on the page. Each change is one transaction guarded by the case's version
(`CaseConflict`: two officers never overwrite each other silently) and appends an audit line
with the officer, the action and a detail written by code (never text a user typed). Nothing here
logs user data. Deleting a case (GDPR erasure) keeps a row without personal data for the yearly
count and an audit line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from iop_core.clock import today as local_today
from iop_core.council.officers import Officer
from iop_core.council.process import decisions, next_step, process, status_text
from iop_core.screening.model import Assessment, Screening
from iop_core.screening.persistence import MAX_FILE_BYTES, dump_screening, load_screening
from iop_core.storage import audit as audit_chain
from iop_core.storage import crypto
from iop_core.storage.audit import AuditProblem, verify_audit_chain
from iop_core.storage.drafts import DraftStore, _aware, utcnow
from iop_core.storage.errors import (
    AlreadySubmitted,
    CaseConflict,
    CaseInvalid,
    CaseNotFound,
    NotAnOfficer,
    StorageUnavailable,
    TokenMalformed,
)
from iop_core.storage.tables import ERASED, OPEN, case_audit, case_versions, cases

ORGANISATION = "organisation"  # the audit's actor for a submission
MAX_NOTE = 10_000
MAX_NOTES = 500
MAX_BODY = 300
POLICY_AREAS = ("social", "health", "education", "culture_leisure", "labour", "environment", "other")


@dataclass(frozen=True)
class Note:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    action: str
    detail: str


@dataclass(frozen=True)
class CaseVersion:
    """One sending of the case: the screening and the assessments exactly as the organisation sent them."""

    number: int
    submitted_at: datetime
    screening: Screening
    assessments: list[Assessment]


@dataclass(frozen=True)
class CaseRow:
    """One line of the register table (and all the yearly follow-up counts)."""

    id: int
    state: str
    version: int
    framework: str
    verdict: str
    organisation: str
    policy_area: str | None
    officer: str | None
    steps: dict[str, date]
    decision: str | None
    decision_date: date | None
    decision_body: str | None
    received_at: datetime
    versions: int = 1
    """How many versions the organisation has sent (the register table's list only)."""

    @property
    def status(self) -> str:
        return self.status_in("sv")

    @property
    def next_step(self) -> str:
        return self.next_step_in("sv")

    def status_in(self, lang: str) -> str:
        return status_text(self.framework, self.steps, self.decision, lang)

    def next_step_in(self, lang: str) -> str:
        step = next_step(self.framework, self.steps, self.decision, lang)
        return step.title if step else ""


@dataclass(frozen=True)
class Case(CaseRow):
    screening: Screening | None = None
    assessments: list[Assessment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class CaseStatus:
    """All an organisation sees of its case: when it was received and where it is in the process."""

    received_at: datetime
    framework: str
    steps: dict[str, date]
    decision: str | None
    versions: int = 1
    last_sent_at: datetime | None = None
    digest: str = ""
    """Of the latest version sent: compare with `digest(screening)` to see whether answers changed since."""

    @property
    def status(self) -> str:
        return self.status_in("sv")

    def status_in(self, lang: str) -> str:
        return status_text(self.framework, self.steps, self.decision, lang)

    def sent(self, screening: Screening) -> bool:
        """True when the council holds exactly this screening as its latest version."""
        return digest(dump_screening(screening)) == self.digest


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _steps_in(text: str) -> dict[str, date]:
    return {k: date.fromisoformat(v) for k, v in json.loads(text or "{}").items()}


def _steps_out(steps: dict[str, date]) -> str:
    return json.dumps({k: v.isoformat() for k, v in sorted(steps.items())})


def _notes_in(text: str | None) -> list[Note]:
    return [Note(n["author"], datetime.fromisoformat(n["at"]), n["text"]) for n in json.loads(text or "[]")]


def _notes_out(notes: list[Note]) -> str:
    return json.dumps([{"author": n.author, "at": n.at.isoformat(), "text": n.text} for n in notes], ensure_ascii=False)


def link_ref(token: str) -> str:
    """The case's reference to the organisation's link (a one-way function of the token)."""
    try:
        return crypto._derive(token, b"case/v1").hex()
    except crypto.BadToken:
        raise TokenMalformed("the link is incomplete or wrong") from None


def _officer(who: object) -> Officer:
    if not isinstance(who, Officer):
        raise NotAnOfficer("the register is for the council's officers")
    return who


class _Current(NamedTuple):
    """What a change needs to know of the case before it writes (the write itself checks the version)."""

    framework: str
    steps: dict[str, date]
    notes: str | None


class CaseStore:
    """The register in one database. Safe to share between sessions and threads."""

    def __init__(self, engine: Engine, *, now: Callable[[], datetime] = utcnow, retry_after_s: float = 10.0) -> None:
        self.engine = engine
        self.now = now
        self.retry_after_s = retry_after_s
        self._down_until = 0.0

    _db = DraftStore._db  # one transaction; database faults become StorageUnavailable

    # --- the organisation's side ---------------------------------------------------------------

    def submit(self, token: str, screening: Screening, assessments: list[Assessment]) -> CaseStatus:
        """A new case from the screening, or a new version of the case this link sent ("Skicka
        igen"); `token` is the organisation's link (only its hash is kept). AlreadySubmitted when
        the link's latest version holds exactly these answers."""
        ref = link_ref(token)
        text = dump_screening(screening)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise CaseInvalid("the screening is larger than a saved file may be")
        now = self.now()
        try:
            with self._db() as conn:
                row = conn.execute(select(cases.c.id, cases.c.framework).where(cases.c.link_ref == ref,
                                                                             cases.c.state == OPEN)).first()
                if row is None:
                    case_id = self._new_case(conn, ref, screening, text, assessments, now)
                else:
                    case_id = self._new_version(conn, row, screening, text, assessments, now)
        except StorageUnavailable as exc:
            if isinstance(exc.__context__, IntegrityError):
                raise AlreadySubmitted("this link has already been sent to the council") from None
            raise
        if case_id is None:
            raise AlreadySubmitted("the council already holds exactly these answers")
        return self.status(token)

    @staticmethod
    def _verdict(framework_id: str, assessments: list[Assessment]) -> str:
        return next((a.classification for a in assessments if a.framework == framework_id), "uncertain")

    @staticmethod
    def _assessments_json(assessments: list[Assessment]) -> str:
        return json.dumps([a.model_dump(mode="json") for a in assessments], ensure_ascii=False)

    def _new_case(self, conn, ref: str, s: Screening, text: str, assessments: list[Assessment],
                  now: datetime) -> int:
        results = self._assessments_json(assessments)
        case_id = conn.execute(insert(cases).values(
            link_ref=ref, state=OPEN, version=1, framework=s.framework, verdict=self._verdict(s.framework, assessments),
            organisation=s.organisation.name[:300], screening=text, assessments=results,
            steps="{}", notes="[]", received_at=now, updated_at=now,
        )).inserted_primary_key[0]
        conn.execute(insert(case_versions).values(case_id=case_id, number=1, screening=text, assessments=results,
                                                  digest=digest(text), submitted_at=now))
        self._audit(conn, case_id, ORGANISATION, "submitted", f"framework {s.framework}", now)
        return case_id

    def _new_version(self, conn, case, s: Screening, text: str, assessments: list[Assessment],
                     now: datetime) -> int | None:
        """The next version of an open case (None when the latest already holds this text). The
        officers' fields and the case's own version (which guards them) are left alone."""
        last = conn.execute(select(case_versions.c.number, case_versions.c.digest)
                            .where(case_versions.c.case_id == case.id)
                            .order_by(case_versions.c.number.desc()).limit(1)).first()
        if last is not None and last.digest == digest(text):
            return None
        number = (last.number if last else 0) + 1
        results = self._assessments_json(assessments)
        conn.execute(insert(case_versions).values(case_id=case.id, number=number, screening=text, assessments=results,
                                                  digest=digest(text), submitted_at=now))
        conn.execute(update(cases).where(cases.c.id == case.id).values(
            screening=text, assessments=results, organisation=s.organisation.name[:300],
            verdict=self._verdict(case.framework, assessments), updated_at=now))
        self._audit(conn, case.id, ORGANISATION, "resubmitted", f"version {number}", now)
        return case.id

    def status(self, token: str) -> CaseStatus | None:
        """The status of the case sent from this link, or None if none was sent."""
        ref = link_ref(token)
        with self._db() as conn:
            row = conn.execute(select(cases.c.id, cases.c.framework, cases.c.steps, cases.c.decision, cases.c.received_at)
                               .where(cases.c.link_ref == ref, cases.c.state == OPEN)).first()
            if row is None:
                return None
            last = conn.execute(select(case_versions.c.number, case_versions.c.digest, case_versions.c.submitted_at)
                                .where(case_versions.c.case_id == row.id)
                                .order_by(case_versions.c.number.desc()).limit(1)).first()
        received = _aware(row.received_at)
        return CaseStatus(received, row.framework, _steps_in(row.steps), row.decision,
                          versions=last.number if last else 1,
                          last_sent_at=_aware(last.submitted_at) if last else received,
                          digest=last.digest if last else "")

    # --- the officers' side --------------------------------------------------------------------

    def list(self, officer: Officer) -> list[CaseRow]:
        """Every open case, newest first."""
        _officer(officer)
        sent = (select(case_versions.c.case_id, func.max(case_versions.c.number).label("versions"))
                .group_by(case_versions.c.case_id).subquery())
        with self._db() as conn:
            rows = conn.execute(select(cases, sent.c.versions).outerjoin(sent, sent.c.case_id == cases.c.id)
                                .where(cases.c.state == OPEN)
                                .order_by(cases.c.received_at.desc(), cases.c.id.desc())).all()
        return [self._row(r) for r in rows]

    def all_for_followup(self, officer: Officer) -> list[CaseRow]:
        """Every case, erased ones included (they keep only what the yearly count needs)."""
        _officer(officer)
        with self._db() as conn:
            rows = conn.execute(select(cases).order_by(cases.c.received_at)).all()
        return [self._row(r) for r in rows]

    def get(self, officer: Officer, case_id: int, lang: str = "sv") -> Case:
        _officer(officer)
        with self._db() as conn:
            row = conn.execute(select(cases).where(cases.c.id == case_id, cases.c.state == OPEN)).first()
        if row is None:
            raise CaseNotFound("no such case")
        base = self._row(row)
        return Case(**base.__dict__, screening=load_screening(row.screening, lang),
                    assessments=[Assessment.model_validate(a) for a in json.loads(row.assessments or "[]")],
                    notes=_notes_in(row.notes))

    def audit(self, officer: Officer, case_id: int) -> list[AuditLine]:
        _officer(officer)
        with self._db() as conn:
            rows = conn.execute(select(case_audit).where(case_audit.c.case_id == case_id).order_by(case_audit.c.id)).all()
        return [AuditLine(_aware(r.at), r.actor, r.action, r.detail) for r in rows]

    def versions(self, officer: Officer, case_id: int, lang: str = "sv") -> list[CaseVersion]:
        """Every version the organisation sent, oldest first."""
        _officer(officer)
        with self._db() as conn:
            rows = conn.execute(select(case_versions).join(cases, cases.c.id == case_versions.c.case_id)
                                .where(case_versions.c.case_id == case_id, cases.c.state == OPEN)
                                .order_by(case_versions.c.number)).all()
        return [CaseVersion(r.number, _aware(r.submitted_at), load_screening(r.screening, lang),
                            [Assessment.model_validate(a) for a in json.loads(r.assessments or "[]")]) for r in rows]

    def set_step(self, officer: Officer, case_id: int, version: int, step_id: str, done_on: date | None) -> int:
        """Tick a process step with its date (or untick it with None). Returns the new version."""
        _officer(officer)
        case = self._current(case_id)
        if process(case.framework).step(step_id) is None:
            raise CaseInvalid("unknown step")
        self._check_date(done_on)
        steps = dict(case.steps)
        if done_on is None:
            steps.pop(step_id, None)
            detail = f"{step_id} undone"
        else:
            steps[step_id] = done_on
            detail = f"{step_id} {done_on.isoformat()}"
        return self._change(officer, case_id, version, {"steps": _steps_out(steps)}, "step", detail)

    def add_note(self, officer: Officer, case_id: int, version: int, text: str) -> int:
        _officer(officer)
        text = (text or "").strip()
        if not text or len(text) > MAX_NOTE:
            raise CaseInvalid("a note is 1 to 10 000 characters")
        case = self._current(case_id)
        notes = _notes_in(case.notes)
        if len(notes) >= MAX_NOTES:
            raise CaseInvalid("too many notes")
        notes.append(Note(officer.actor, self.now(), text))
        return self._change(officer, case_id, version, {"notes": _notes_out(notes)}, "note", f"note {len(notes)}")

    def assign(self, officer: Officer, case_id: int, version: int, responsible: str | None,
               policy_area: str | None) -> int:
        """Set the responsible officer and the policy area."""
        _officer(officer)
        if policy_area is not None and policy_area not in POLICY_AREAS:
            raise CaseInvalid("unknown policy area")
        responsible = (responsible or "").strip()[:200] or None
        return self._change(officer, case_id, version, {"officer": responsible, "policy_area": policy_area},
                            "assign", f"policy area {policy_area or '-'}")

    def decide(self, officer: Officer, case_id: int, version: int, decision: str | None, on: date | None,
               body: str = "") -> int:
        """Record the decision (or withdraw it with None) with its date and the deciding body."""
        _officer(officer)
        if decision is not None:
            if decision not in decisions() or on is None:
                raise CaseInvalid("a decision needs a known outcome and a date")
            self._check_date(on)
        body = (body or "").strip()
        if len(body) > MAX_BODY:
            raise CaseInvalid("the deciding body is at most 300 characters")
        values = {"decision": decision, "decision_date": on if decision else None, "decision_body": (body or None) if decision else None}
        detail = f"{decision} {on.isoformat()}" if decision and on else "withdrawn"
        return self._change(officer, case_id, version, values, "decision", detail)

    def erase(self, officer: Officer, case_id: int, version: int) -> None:
        """GDPR erasure: the organisation, screening, notes and link are deleted at once; the row
        keeps framework, verdict, policy area, dates and decision for the yearly count."""
        _officer(officer)
        self._change(officer, case_id, version, {
            "state": ERASED, "link_ref": None, "organisation": None, "screening": None, "assessments": None,
            "notes": None, "officer": None, "decision_body": None,
        }, "erased", "personal data deleted",
            also=lambda conn: conn.execute(delete(case_versions).where(case_versions.c.case_id == case_id)))

    # --- helpers -------------------------------------------------------------------------------

    def _check_date(self, on: date | None) -> None:
        if on is not None and on > local_today(self.now()):  # Swedish "today", not UTC's
            raise CaseInvalid("a date cannot be in the future")

    def _current(self, case_id: int) -> _Current:
        with self._db() as conn:
            row = conn.execute(select(cases.c.framework, cases.c.steps, cases.c.notes)
                               .where(cases.c.id == case_id, cases.c.state == OPEN)).first()
        if row is None:
            raise CaseNotFound("no such case")
        return _Current(row.framework, _steps_in(row.steps), row.notes)

    def _change(self, officer: Officer, case_id: int, version: int, values: dict, action: str, detail: str,
                also: Callable | None = None) -> int:
        """Write `values` if the case is still at `version` (and run `also` in the same transaction)."""
        now = self.now()
        with self._db() as conn:
            done = conn.execute(update(cases).where(cases.c.id == case_id, cases.c.version == version,
                                                    cases.c.state == OPEN)
                                .values(version=version + 1, updated_at=now, **values)).rowcount
            if done == 1:
                if also is not None:
                    also(conn)
                self._audit(conn, case_id, officer.actor, action, detail, now)
                return version + 1
            row = conn.execute(select(cases.c.version, cases.c.state).where(cases.c.id == case_id)).first()
        if row is None or row.state != OPEN:
            raise CaseNotFound("no such case")
        raise CaseConflict(row.version)

    @staticmethod
    def _audit(conn, case_id: int, actor: str, action: str, detail: str, at: datetime) -> None:
        audit_chain.append(conn, case_id, actor, action, detail, at)

    def verify_audit(self, officer: Officer) -> list[AuditProblem]:
        """Where the audit trail's hash chain breaks ([] when whole): shown to officers."""
        _officer(officer)
        with self._db() as conn:
            return verify_audit_chain(conn)

    @staticmethod
    def _row(r) -> CaseRow:
        return CaseRow(id=r.id, state=r.state, version=r.version, framework=r.framework, verdict=r.verdict,
                       organisation=r.organisation or "", policy_area=r.policy_area, officer=r.officer,
                       steps=_steps_in(r.steps), decision=r.decision, decision_date=r.decision_date,
                       decision_body=r.decision_body, received_at=_aware(r.received_at),
                       versions=getattr(r, "versions", None) or 1)
