"""The case register on SQLite and PostgreSQL: submit, status by link, process steps, notes,
decision, version conflicts, the append-only audit trail, erasure, officers only, faults."""

from __future__ import annotations

import inspect as pyinspect
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from iop_core.council.followup import to_csv, yearly
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import DocumentEntry, UploadedFileMeta
from iop_core.storage import StorageUnavailable, TokenMalformed, make_engine, new_token
from iop_core.storage.cases import CaseStore
from iop_core.storage.errors import AlreadySubmitted, CaseConflict, CaseInvalid, CaseNotFound, NotAnOfficer
from iop_core.storage.tables import case_audit, cases

ORG = "Föreningen Läxhjälpen <b>i Gränsbyn</b>"


@pytest.fixture(params=[time(12), time(23, 30)], ids=["midday-utc", "late-evening-utc"])
def clock(clock, request):
    """Every register test runs at midday and at 23:30 UTC, when Sweden already has the next date
    (summer and winter alike): the register's "today" is Sweden's, and the tests must say so too."""
    clock.at = datetime.combine(clock.at.date(), request.param, UTC)
    return clock


def submit(register, screening, token=None):
    token = token or new_token()
    register.submit(token, screening, assess_all(screening))
    return token


@pytest.fixture
def mora(genuine):
    s = genuine.model_copy(deep=True)
    s.framework = "mora"
    s.organisation.name = ORG
    return s


def test_a_submitted_case_is_in_the_register_and_its_link_sees_only_the_status(register, anna, mora):
    token = submit(register, mora)
    status = register.status(token)
    assert status.status == "Mottaget"
    [row] = register.list(anna)
    assert row.organisation == ORG and row.framework == "mora" and row.verdict == "iop"
    assert row.next_step == "Initiativet kontrollerat mot checklistan"
    case = register.get(anna, row.id)
    assert case.screening.organisation.name == ORG
    assert {a.framework for a in case.assessments} == set(frameworks())
    assert register.status(new_token()) is None
    with pytest.raises(TokenMalformed):
        register.status("not a token")


def test_the_register_keeps_document_metadata_and_never_file_bytes(register, anna, engine, mora):
    mora.documents["statutes"] = DocumentEntry(status="uploaded", file=UploadedFileMeta(
        file_name="stadgar.pdf", kind="pdf", size_bytes=1234, pages=2, sha256="a" * 64, uploaded_at=datetime.now(UTC)))
    submit(register, mora)
    case = register.get(anna, register.list(anna)[0].id)
    assert case.screening.documents["statutes"].file.sha256 == "a" * 64
    with engine.connect() as conn:
        stored = conn.execute(select(cases.c.screening)).scalar_one()
    assert "%PDF" not in stored and "stadgar.pdf" in stored


def test_one_link_sends_one_case(register, mora):
    token = submit(register, mora)
    with pytest.raises(AlreadySubmitted):
        submit(register, mora, token)


def test_an_officer_moves_a_case_through_mora_s_steps_and_decides(register, anna, bertil, mora, clock):
    token = submit(register, mora)
    case_id = register.list(anna)[0].id
    today = clock.today()
    v = register.set_step(anna, case_id, 1, "checklist", today)
    v = register.set_step(anna, case_id, v, "first_meeting", today)
    assert register.status(token).status == "Inbjudan till första möte"
    v = register.assign(bertil, case_id, v, "Bertil", "social")
    v = register.add_note(anna, case_id, v, "<script>alert(1)</script> **fet** [länk](http://x)")
    v = register.decide(anna, case_id, v, "iop_agreed", today, "Kommunstyrelsen")
    assert register.status(token).status == "Beslut: partnerskap (IOP) ingås"
    case = register.get(anna, case_id)
    assert case.version == v == 6 and case.officer == "Bertil" and case.policy_area == "social"
    assert case.notes[0].text.startswith("<script>") and case.notes[0].author == anna.actor == "Anna [oidc:anna@mora.example]"
    assert case.decision == "iop_agreed" and case.decision_body == "Kommunstyrelsen" and case.next_step == ""
    trail = register.audit(anna, case_id)
    assert [a.action for a in trail] == ["submitted", "step", "step", "assign", "note", "decision"]
    assert trail[0].actor == "organisation" and trail[3].actor == "Bertil [local:bertil]"
    assert all("script" not in a.detail and "Kommunstyrelsen" not in a.detail and ORG not in a.detail for a in trail)


def test_two_officers_editing_the_same_case_get_a_conflict_not_an_overwrite(register, anna, bertil, mora, clock):
    submit(register, mora)
    case_id = register.list(anna)[0].id
    register.add_note(anna, case_id, 1, "Annas anteckning")
    with pytest.raises(CaseConflict) as err:
        register.add_note(bertil, case_id, 1, "Bertils anteckning")
    assert err.value.current_version == 2
    assert [n.text for n in register.get(anna, case_id).notes] == ["Annas anteckning"]


def test_bad_values_are_refused_with_nothing_written(register, anna, mora, clock):
    submit(register, mora)
    case_id = register.list(anna)[0].id
    for call in (
        lambda: register.set_step(anna, case_id, 1, "no_such_step", clock.today()),
        lambda: register.set_step(anna, case_id, 1, "checklist", clock.today() + timedelta(days=1)),
        lambda: register.add_note(anna, case_id, 1, "   "),
        lambda: register.add_note(anna, case_id, 1, "x" * 10_001),
        lambda: register.decide(anna, case_id, 1, "maybe", clock.today()),
        lambda: register.decide(anna, case_id, 1, "iop_agreed", None),
        lambda: register.assign(anna, case_id, 1, "A", "astrology"),
    ):
        with pytest.raises(CaseInvalid):
            call()
    assert register.get(anna, case_id).version == 1
    with pytest.raises(CaseNotFound):
        register.get(anna, 9999)


def test_erasure_deletes_personal_data_keeps_the_count_and_an_audit_line(register, anna, engine, mora, clock):
    token = submit(register, mora)
    case_id = register.list(anna)[0].id
    v = register.add_note(anna, case_id, 1, "Kontaktperson Kim Karlsson, 070-123")
    v = register.decide(anna, case_id, v, "not_going_ahead", clock.today())
    register.erase(anna, case_id, v)
    assert register.list(anna) == [] and register.status(token) is None
    with pytest.raises(CaseNotFound):
        register.get(anna, case_id)
    with engine.connect() as conn:
        dumped = repr(conn.execute(select(cases)).all()) + repr(conn.execute(select(case_audit)).all())
    for secret in ("Läxhjälpen", "Kim Karlsson", "070-123", mora.initiative.goal[:20]):
        assert secret not in dumped
    [counted] = yearly(register.all_for_followup(anna))
    assert counted.received == 1 and counted.by_decision["not_going_ahead"] == 1
    assert register.audit(anna, case_id)[-1].action == "erased"


def test_the_audit_trail_is_append_only_in_the_database(register, anna, engine, mora):
    submit(register, mora)
    for stmt in (update(case_audit).values(actor="someone else"), delete(case_audit)):
        with pytest.raises(Exception, match="append-only"):
            with engine.begin() as conn:
                conn.execute(stmt)
    assert len(register.audit(anna, register.list(anna)[0].id)) == 1


OFFICER_FUNCTIONS = ["list", "all_for_followup", "get", "audit", "versions", "set_step", "add_note", "assign", "decide", "erase",
                     "verify_audit"]


def test_every_register_function_refuses_an_anonymous_caller_and_an_organisation_s_link(register, mora, clock):
    token = submit(register, mora)
    public = {name for name, _ in pyinspect.getmembers(CaseStore, pyinspect.isfunction) if not name.startswith("_")}
    assert public == {*OFFICER_FUNCTIONS, "submit", "status"}, "a new register function needs an access test"
    args = {"get": (1,), "audit": (1,), "versions": (1,), "set_step": (1, 1, "checklist", clock.today()), "add_note": (1, 1, "x"),
            "assign": (1, 1, "x", None), "decide": (1, 1, "iop_agreed", clock.today()), "erase": (1, 1)}
    for caller in (None, token, "organisation", {"email": "anna@mora.example"}):
        for name in OFFICER_FUNCTIONS:
            with pytest.raises(NotAnOfficer):
                getattr(register, name)(caller, *args.get(name, ()))


def test_a_database_that_is_down_says_so(mora, tmp_path):
    store = CaseStore(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"), retry_after_s=0)
    with pytest.raises(StorageUnavailable):
        store.submit(new_token(), mora, assess_all(mora))


def test_the_yearly_follow_up_counts_per_year_verdict_decision_and_area(register, anna, bertil, mora, procurement_case, clock):
    submit(register, mora)
    clock.at = clock.at - timedelta(days=400)
    submit(register, procurement_case)
    clock.at = clock.at + timedelta(days=400)
    rows = register.list(anna)
    v = register.assign(anna, rows[0].id, 1, None, "culture_leisure")
    register.decide(anna, rows[0].id, v, "iop_agreed", clock.today())
    counts = yearly(register.all_for_followup(bertil))
    assert [c.received for c in counts] == [1, 1] and counts[1].by_verdict["iop"] == 1
    assert counts[1].by_decision == {"iop_agreed": 1} and counts[1].by_policy_area["culture_leisure"] == 1
    assert counts[1].median_days == 0
    csv = to_csv(counts)
    assert csv.splitlines()[0] == "år;mått;värde;antal" and f"{clock.today().year};decision;iop_agreed;1" in csv


def test_migrations_reach_the_same_schema_on_both_engines(engine):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar_one() == 0
