"""Step states in the sidebar (iop_core.report.progress): issue #13 point 6, each state means what it says."""

from __future__ import annotations

from datetime import date

from iop_core.report.outline import build_outline
from iop_core.report.progress import step_states
from iop_core.rules.assessment import assess
from iop_core.screening.model import DocumentEntry, Screening
from tests.support.screenings import demo


def states(s: Screening, seen=("summary",)) -> dict[str, str]:
    return step_states(s, assess(s), seen=seen)


def test_the_summary_is_not_done_after_start_and_initiative_only():
    s = demo("genuine_iop")
    only = Screening(role=s.role, framework=s.framework, organisation=s.organisation, initiative=s.initiative)
    got = states(only)
    assert got["start"] == "done" and got["budget"] == "not_started"
    assert got["summary"] == "in_progress"


# --- issue #24 point 4: a step is started by what is answered on it ---------------------------


def test_the_summary_is_not_started_until_it_is_opened():
    s = demo("genuine_iop")
    assert states(s, seen=())["summary"] == "not_started"
    assert states(s, seen=("start", "budget"))["summary"] == "not_started"
    assert states(s)["summary"] == "done"
    assert states(demo("disguised_procurement"))["summary"] == "attention"


def test_the_period_alone_starts_the_budget():
    s = Screening()
    assert states(s)["budget"] == "not_started"
    s.budget.terms.period_start = date(2027, 1, 1)
    assert states(s)["budget"] == "in_progress"
    s = Screening()
    s.budget.terms.payment_how = "Utbetalning till föreningens bankgiro."
    assert states(s)["budget"] == "in_progress"


def test_a_budget_is_done_only_when_it_covers_the_period_and_the_terms_are_said():
    s = demo("genuine_iop")
    assert states(s)["budget"] == "done"
    short = s.model_copy(deep=True)
    short.budget.lines = [ln for ln in short.budget.lines if ln.year <= 2029]
    assert states(short)["budget"] == "in_progress"  # "Lägg till rader för 2030, 2031"
    no_terms = s.model_copy(deep=True)
    no_terms.budget.terms.surplus_handling = ""
    assert states(no_terms)["budget"] == "in_progress"
    backwards = s.model_copy(deep=True)
    backwards.budget.terms.period_end = date(2026, 1, 1)
    assert states(backwards)["budget"] == "attention"  # "Avtalet slutar innan det börjar"


def test_any_answer_on_a_step_starts_it():
    s = Screening()
    s.organisation.org_number = "802000-0000"
    assert states(s)["start"] == "in_progress"
    s = Screening()
    s.initiative.goal = "Fler barn klarar skolan."
    assert states(s)["initiative"] == "in_progress"
    s = Screening()
    s.statutes.democratic = True
    assert states(s)["documents"] == "in_progress"
    s = Screening()
    s.value_declaration.signer_role = "Ordförande"
    assert states(s)["values"] == "in_progress"
    assert set(states(Screening(), seen=()).values()) == {"not_started"}


def test_an_optional_document_that_does_not_exist_is_not_something_to_fix():
    s = Screening(framework="skr")
    s.statutes.has_statutes = True
    s.documents["mission"] = DocumentEntry(status="missing", reason="Vi har ingen verksamhetsplan ännu.")
    assert states(s)["documents"] != "attention"


def test_a_required_document_that_does_not_exist_needs_attention():
    s = Screening(framework="mora")
    s.statutes.has_statutes = True
    s.documents["statutes"] = DocumentEntry(status="missing", reason="Stadgarna är inte antagna.")
    assert states(s)["documents"] == "attention"


def test_the_agreement_step_can_be_done():
    s = demo("genuine_iop")
    s.agreement = type(s.agreement)()
    s.organisation.contact_name = ""
    assert states(s)["agreement"] == "not_started"
    s.agreement.contact_public = "Eva Ek, eva.ek@example.org"
    assert states(s)["agreement"] == "in_progress"
    s.organisation.contact_name = "Kim Berg"
    for section in build_outline(s).sections:
        if not section.text.strip():
            s.agreement.sections[section.id] = "Parterna skriver detta tillsammans."
    assert states(s)["agreement"] == "done"
