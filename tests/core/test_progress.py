"""Step states in the sidebar (iop_core.screening.progress): issue #13 point 6, each state means what it says."""

from __future__ import annotations

from iop_core.rules.assessment import assess
from iop_core.screening.model import DocumentEntry, Screening
from iop_core.report.outline import build_outline
from iop_core.screening.progress import step_states
from tests.conftest import demo


def states(s: Screening) -> dict[str, str]:
    return step_states(s, assess(s))


def test_the_summary_is_not_done_after_start_and_initiative_only():
    s = demo("genuine_iop")
    only = Screening(role=s.role, framework=s.framework, organisation=s.organisation, initiative=s.initiative)
    got = states(only)
    assert got["start"] == "done" and got["budget"] == "not_started"
    assert got["summary"] == "in_progress"


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
