"""Versions of a case on SQLite and PostgreSQL: "Skicka igen" adds a version, the same answers do
not; the officer reads every version and what changed in the pages' words; the officers' work is
not disturbed by a new version; erasure deletes every version; migration 0004 gives existing
cases their version 1; the council's "today" is Swedish."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import insert, select

from iop_core.council.answers import answers, changes
from iop_core.rules.assessment import assess_all
from iop_core.storage import make_engine, new_token
from iop_core.storage.cases import CaseStore
from iop_core.storage.db import MIGRATIONS
from iop_core.storage.errors import AlreadySubmitted, CaseNotFound
from iop_core.storage.tables import case_versions, cases


def send(register, s, token):
    return register.submit(token, s, assess_all(s))


@pytest.fixture
def mora(genuine):
    s = genuine.model_copy(deep=True)
    s.framework = "mora"
    return s


def test_sending_again_after_a_change_adds_a_version_and_the_same_answers_do_not(register, anna, mora, clock):
    token = new_token()
    first = send(register, mora, token)
    assert first.versions == 1 and first.sent(mora)
    with pytest.raises(AlreadySubmitted):
        send(register, mora, token)
    changed = mora.model_copy(deep=True)
    changed.organisation.contact_name = "Kim Karlsson"
    changed.initiative.sanctions = True
    assert not register.status(token).sent(changed)  # the organisation's page offers "Skicka igen"
    second = send(register, changed, token)
    assert second.versions == 2 and second.sent(changed) and not second.sent(mora)
    [row] = register.list(anna)
    assert row.versions == 2
    case = register.get(anna, row.id)
    assert case.version == 1  # an officer who had the case open is not told someone else changed it
    assert case.screening.organisation.contact_name == "Kim Karlsson"
    v1, v2 = register.versions(anna, row.id)
    assert (v1.number, v2.number) == (1, 2) and v1.screening.organisation.contact_name != "Kim Karlsson"
    assert [a.action for a in register.audit(anna, row.id)] == ["submitted", "resubmitted"]


def test_the_changes_between_versions_are_in_the_pages_own_words(mora):
    changed = mora.model_copy(deep=True)
    changed.organisation.contact_name = "Kim Karlsson"
    changed.initiative.sanctions = not mora.initiative.sanctions
    changed.budget.lines = changed.budget.lines[1:]
    found = {c.label: c for c in changes(mora, changed)}
    assert found["Kontaktperson"].after == "Kim Karlsson"
    sanctions = next(c for label, c in found.items() if label.startswith("Ska det finnas vite"))
    assert {sanctions.before, sanctions.after} == {"Ja", "Nej"}
    assert any(c.section == "Budget" and c.after == "(borttaget)" for c in found.values())
    assert changes(mora, mora) == []


def test_every_answer_is_named_as_the_page_names_it_never_by_field(mora):
    rows = answers(mora)
    labels = {a.label for a in rows}
    assert {"Organisationens namn", "Vem tog initiativet till samarbetet?", "Kontaktperson"} <= labels
    text = " ".join(f"{a.section} {a.label} {a.value}" for a in rows)
    for code in ("initiative.", "schema_version", "org_number", "True", "False", "None", "{", "public_partner"):
        assert code not in text


def test_erasure_deletes_every_version(register, anna, engine, mora, clock):
    token = new_token()
    send(register, mora, token)
    changed = mora.model_copy(deep=True)
    changed.organisation.contact_name = "Kim Karlsson"
    send(register, changed, token)
    case_id = register.list(anna)[0].id
    register.erase(anna, case_id, 1)
    with engine.connect() as conn:
        assert conn.execute(select(case_versions)).all() == []
    with pytest.raises(CaseNotFound):
        register.get(anna, case_id)
    assert register.versions(anna, case_id) == []


def test_migration_0004_gives_existing_cases_their_first_version(tmp_path, mora):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        now = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
        conn.execute(insert(cases).values(link_ref="a" * 64, state="open", version=3, framework="mora", verdict="iop",
                                          organisation="Förening", screening='{"x": 1}', assessments="[]", steps="{}",
                                          notes="[]", received_at=now, updated_at=now))
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        [v] = conn.execute(select(case_versions)).all()
    assert v.number == 1 and v.screening == '{"x": 1}' and len(v.digest) == 64
    engine.dispose()


def test_the_council_s_today_is_swedish_near_midnight(register, anna, mora, clock):
    clock.at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # already 2027-01-01 in Stockholm
    send(register, mora, new_token())
    case_id = register.list(anna)[0].id
    register.set_step(anna, case_id, 1, "checklist", date(2027, 1, 1))  # not "a date in the future"
    from iop_core.council.followup import yearly

    [year] = yearly(register.all_for_followup(anna))
    assert year.year == 2027


def test_a_store_without_versions_table_rows_still_reads(engine, clock, anna, mora):
    register = CaseStore(engine, now=clock, retry_after_s=0)
    token = new_token()
    send(register, mora, token)
    with engine.begin() as conn:
        conn.execute(case_versions.delete())
    status = register.status(token)
    assert status.versions == 1 and status.digest == ""
