"""Every rule's trigger and non-trigger, written as facts a reader can check against the rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iop_core.rules.assessment import assess, evaluate_rule
from iop_core.rules.catalogue import base_rules, framework, frameworks
from iop_core.rules.parameters import ParameterError
from iop_core.screening.model import (
    VALUE_POINTS,
    Budget,
    BudgetLine,
    DocumentEntry,
    Screening,
    ValueDeclaration,
    set_fact,
)


def s_with(**facts) -> Screening:
    """A screening with initiative/statutes facts set by dotted names: s_with(**{"initiative.sanctions": True})."""
    s = Screening()
    for path, value in facts.items():
        set_fact(s, path, value)
    return s


def line(party, kind, qty, unit, value, category="pengar"):
    return BudgetLine(party=party, category=category, kind=kind, quantity=Decimal(qty), unit=unit,
                      unit_value=Decimal(value), year=2027)


def with_budget(*lines) -> Screening:
    return Screening(budget=Budget(lines=list(lines)))


def with_text(text: str) -> Screening:
    s = Screening()
    s.initiative.activities = text
    return s


ALL_CONFIRMED = {p: True for p in VALUE_POINTS}
SIGNED = dict(signer_name="Anna", signer_role="Ordförande", signer_organisation="Föreningen", signed_on=date(2026, 1, 1))

# rule id -> (framework, screening that triggers it, screening that does not)
CASES = {
    "initiative.public": ("skr", s_with(**{"initiative.initiative_by": "public"}), s_with(**{"initiative.initiative_by": "organisation"})),
    "initiative.by_organisation": ("skr", s_with(**{"initiative.initiative_by": "joint"}), s_with(**{"initiative.initiative_by": "public"})),
    "initiative.ready_proposal": ("vgr", s_with(**{"initiative.ready_proposal": True}), s_with(**{"initiative.ready_proposal": False})),
    "need.public_in_advance": ("skr", s_with(**{"initiative.need_defined_by": "public_in_advance"}), s_with(**{"initiative.need_defined_by": "jointly"})),
    "need.jointly": ("skr", s_with(**{"initiative.need_defined_by": "organisation"}), s_with(**{"initiative.need_defined_by": "public_in_advance"})),
    "challenge.missing": ("skr", s_with(**{"initiative.societal_challenge": False}), s_with(**{"initiative.societal_challenge": True})),
    "challenge.present": ("skr", s_with(**{"initiative.societal_challenge": True}), s_with(**{"initiative.societal_challenge": False})),
    "municipal.no_local_benefit": ("skr", s_with(**{"initiative.local_benefit": False}), s_with(**{"initiative.local_benefit": True})),
    "grant.normative": ("skr", s_with(**{"initiative.part_of_normative_grant": True}), s_with(**{"initiative.part_of_normative_grant": False})),
    "steering.detail": ("skr", s_with(**{"initiative.public_regulates_detail": True}), s_with(**{"initiative.public_regulates_detail": False})),
    "steering.no_joint_governance": ("skr", s_with(**{"initiative.joint_governance": False}), s_with(**{"initiative.joint_governance": True})),
    "steering.joint_governance": ("skr", s_with(**{"initiative.joint_governance": True}), s_with(**{"initiative.joint_governance": False})),
    "steering.not_independent": ("skr", s_with(**{"initiative.org_independent": False}), s_with(**{"initiative.org_independent": True})),
    "operation.for_public": ("skr", s_with(**{"initiative.org_runs_operation": True}), s_with(**{"initiative.org_runs_operation": False})),
    "operation.statutory": ("skr", s_with(**{"initiative.service_responsibility": "public_by_law"}), s_with(**{"initiative.service_responsibility": "organisation"})),
    "operation.public_assigns": ("skr", s_with(**{"initiative.recipients_decided_by": "public"}), s_with(**{"initiative.recipients_decided_by": "open"})),
    "operation.welfare_contract": ("skr", s_with(**{"initiative.service_responsibility": "public_by_law", "initiative.org_runs_operation": True}),
                                   s_with(**{"initiative.service_responsibility": "public_by_law", "initiative.org_runs_operation": False, "initiative.recipients_decided_by": "open"})),
    "operation.own_activity": ("skr", s_with(**{"initiative.service_responsibility": "shared"}), s_with(**{"initiative.service_responsibility": "public_by_law"})),
    "grant.general_grant": ("skr", s_with(**{"initiative.gets_general_grant": True}), s_with(**{"initiative.gets_general_grant": False})),
    "initiative.public_local_note": ("botkyrka", s_with(**{"initiative.initiative_by": "public"}), s_with(**{"initiative.initiative_by": "joint"})),
    "state_aid.above_de_minimis": ("skr", s_with(**{"initiative.activity_sells_on_market": True, "initiative.public_amount_per_year": 1_200_000}),
                                   s_with(**{"initiative.activity_sells_on_market": True, "initiative.public_amount_per_year": 1_000_000})),
    "time.below_vgr_standard": ("vgr", s_with(**{"initiative.planned_years": 4}), s_with(**{"initiative.planned_years": 5})),
    "mandate.unknown": ("vgr", s_with(**{"initiative.political_mandate": "unknown"}), s_with(**{"initiative.political_mandate": "decided"})),
    "grant.self_running": ("skr", s_with(**{"initiative.self_running": True}), s_with(**{"initiative.self_running": False})),
    "payment.per_unit": ("skr", s_with(**{"initiative.payment_model": "per_unit"}), s_with(**{"initiative.payment_model": "contribution"})),
    "payment.cost_cover": ("skr", s_with(**{"initiative.public_covers_all_costs": True}), s_with(**{"initiative.payment_model": "contribution", "initiative.public_covers_all_costs": False})),
    "payment.contribution": ("skr", s_with(**{"initiative.payment_model": "no_money"}), s_with(**{"initiative.payment_model": "service_price"})),
    "sanctions.present": ("skr", s_with(**{"initiative.sanctions": True}), s_with(**{"initiative.sanctions": False})),
    "cofinancing.none": ("skr", s_with(**{"initiative.org_contribution": "none"}), s_with(**{"initiative.org_contribution": "in_kind"})),
    "cofinancing.present": ("skr", s_with(**{"initiative.org_contribution": "money"}), s_with(**{"initiative.org_contribution": "none"})),
    "budget.org_share_low": ("skr", with_budget(line("public", "money", "1", "kr", "100000"), line("organisation", "in_kind", "10", "timmar", "300")),
                             with_budget(line("public", "money", "1", "kr", "100000"), line("organisation", "in_kind", "100", "timmar", "300"))),
    "budget.public_pays_all": ("skr", with_budget(line("public", "money", "1", "kr", "96000"), line("organisation", "money", "1", "kr", "4000")),
                               with_budget(line("public", "money", "1", "kr", "94000"), line("organisation", "money", "1", "kr", "6000"))),
    "budget.public_only_money": ("skr", with_budget(line("public", "money", "1", "kr", "1000")),
                                 with_budget(line("public", "money", "1", "kr", "1000"), line("public", "in_kind", "12", "månader", "500", "lokaler"))),
    "budget.per_unit_lines": ("skr", with_budget(line("public", "money", "100", "timmar", "400")), with_budget(line("public", "in_kind", "100", "timmar", "400", "handledning"))),
    "budget.cofinanced": ("skr", with_budget(line("public", "money", "1", "kr", "100000"), line("organisation", "in_kind", "100", "timmar", "300")),
                          with_budget(line("organisation", "in_kind", "100", "timmar", "300"))),
    "market.private_providers": ("skr", s_with(**{"initiative.private_providers": True}), s_with(**{"initiative.private_providers": False})),
    "market.opinion_market": ("skr", s_with(**{"initiative.procurement_opinion": "market"}), s_with(**{"initiative.procurement_opinion": "no_market"})),
    "market.opinion_not_asked": ("mora", s_with(**{"initiative.procurement_opinion": "not_asked"}), s_with(**{"initiative.procurement_opinion": "no_market"})),
    "market.commercial_activity": ("skr", s_with(**{"initiative.activity_sells_on_market": True}), s_with(**{"initiative.activity_sells_on_market": False})),
    "state_aid.economic_activity": ("skr", s_with(**{"initiative.activity_sells_on_market": True}), s_with(**{"initiative.activity_sells_on_market": False})),
    "time.short": ("skr", s_with(**{"initiative.planned_years": 1.5}), s_with(**{"initiative.planned_years": 2})),
    "time.long_term": ("skr", s_with(**{"initiative.planned_years": 2}), s_with(**{"initiative.planned_years": 1})),
    "learning.none": ("skr", s_with(**{"initiative.joint_learning": False}), s_with(**{"initiative.joint_learning": True})),
    "learning.joint": ("skr", s_with(**{"initiative.joint_learning": True}), s_with(**{"initiative.joint_learning": False})),
    "mandate.none": ("skr", s_with(**{"initiative.political_mandate": "none"}), s_with(**{"initiative.political_mandate": "decided"})),
    "org.not_idea_driven": ("skr", s_with(**{"initiative.org_type": "privat_foretag"}), s_with(**{"initiative.org_type": "stiftelse"})),
    "org.aktiebolag": ("skr", s_with(**{"initiative.org_type": "aktiebolag"}), s_with(**{"initiative.org_type": "ideell_forening"})),
    "org.profit": ("skr", s_with(**{"initiative.reinvests_surplus": False}), s_with(**{"initiative.reinvests_surplus": True})),
    "statutes.missing": ("skr", s_with(**{"statutes.has_statutes": False}), s_with(**{"statutes.has_statutes": True})),
    "org.publicly_controlled": ("skr", s_with(**{"initiative.publicly_controlled": True}), s_with(**{"initiative.publicly_controlled": False})),
    "state_aid.mixed_accounts": ("skr", s_with(**{"initiative.org_sells_elsewhere": True, "initiative.separate_accounts": False}),
                                 s_with(**{"initiative.org_sells_elsewhere": True, "initiative.separate_accounts": True})),
    "statutes.not_democratic": ("mora", s_with(**{"statutes.democratic": False}), s_with(**{"statutes.democratic": True})),
    "values.incomplete": ("mora", Screening(value_declaration=ValueDeclaration(confirmed={"1": True})),
                          Screening(value_declaration=ValueDeclaration(confirmed=ALL_CONFIRMED, **SIGNED))),
    "documents.missing": ("mora", Screening(), Screening(documents={})),  # non-trigger replaced below
    "wording.commercial": ("skr", with_text("Ersättningen betalas mot fakturering."), with_text("Utbetalning till en gemensam insats.")),
    "wording.sanctions": ("skr", with_text("Vid försening utgår vitet."), with_text("Rätt att lämna projektet och återbetalning.")),
}


def _all_docs_uploaded() -> Screening:
    from datetime import datetime

    from iop_core.screening.model import UploadedFileMeta

    meta = UploadedFileMeta(file_name="a.pdf", kind="pdf", size_bytes=10, pages=1, sha256="0" * 64,
                            uploaded_at=datetime(2026, 1, 1))
    return Screening(documents={d.id: DocumentEntry(status="uploaded", file=meta) for d in framework("mora").documents})


CASES["documents.missing"] = ("mora", Screening(), _all_docs_uploaded())


def test_every_rule_has_a_case():
    assert set(CASES) == {r["id"] for r in base_rules()}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_triggers_and_does_not(rule_id):
    fw_id, triggering, quiet = CASES[rule_id]
    fw = framework(fw_id)
    rule = fw.rule(rule_id)
    assert rule is not None, f"{rule_id} is not enabled in {fw_id}"
    finding = evaluate_rule(rule, triggering, fw)
    assert finding is not None
    assert finding.facts, "a finding must name the facts that triggered it"
    assert finding.citations
    assert evaluate_rule(rule, quiet, fw) is None


def test_unanswered_facts_never_trigger():
    empty = Screening()
    for fw in frameworks().values():
        triggered = {f.rule_id for f in assess(empty, fw.id).findings}
        assert triggered <= {"documents.missing"}, (fw.id, triggered)


def test_initiative_by_municipality_flagged_in_mora_noted_in_botkyrka():
    """Botkyrka allows the municipality's initiative (a local note) but keeps the national risk."""
    s = s_with(**{"initiative.initiative_by": "public"})
    mora = {f.rule_id: f for f in assess(s, "mora").findings}
    botkyrka = {f.rule_id: f for f in assess(s, "botkyrka").findings}
    assert (mora["initiative.public"].severity, mora["initiative.public"].direction) == ("high", "procurement")
    assert mora["initiative.public"].citations[0].document == "mora"
    assert (botkyrka["initiative.public"].severity, botkyrka["initiative.public"].direction) == ("warning", "procurement")
    note = botkyrka["initiative.public_local_note"]
    assert (note.severity, note.direction) == ("info", "neutral")
    assert note.citations[0].section.startswith("När kan ett partnerskap ingås?")
    assert "initiative.public_local_note" not in mora


def test_vgr_five_years_is_a_note_not_a_grant_sign():
    s = s_with(**{"initiative.planned_years": 3})
    vgr = {f.rule_id: f for f in assess(s, "vgr").findings}
    assert "time.short" not in vgr and vgr["time.below_vgr_standard"].direction == "neutral"
    assert "time.long_term" in vgr
    assert "time.below_vgr_standard" not in {f.rule_id for f in assess(s, "skr").findings}


def test_running_an_operation_for_the_council_is_a_procurement_sign_everywhere():
    """HFD mål 3165-19: operating a service for the municipality is a service contract."""
    s = s_with(**{"initiative.org_runs_operation": True})
    by_fw = {a.framework: {f.rule_id: f for f in a.findings} for a in map(lambda f: assess(s, f), frameworks())}
    assert {fid: fs["operation.for_public"].direction for fid, fs in by_fw.items()} == dict.fromkeys(frameworks(), "procurement")
    assert by_fw["helsingborg"]["operation.for_public"].severity == "high"
    assert by_fw["skr"]["operation.for_public"].severity == "warning"


def test_the_value_declaration_is_asked_only_under_mora():
    s = Screening(value_declaration=ValueDeclaration(confirmed={"1": True}))
    triggered = {fid: {f.rule_id for f in assess(s, fid).findings} for fid in frameworks()}
    assert {fid for fid, ids in triggered.items() if "values.incomplete" in ids} == {"mora"}


def test_no_local_benefit_stops_any_support_in_every_framework():
    s = s_with(**{"initiative.local_benefit": False})
    for fid in frameworks():
        a = assess(s, fid)
        assert a.classification == "not_eligible" and a.basis == "eligible", fid


def test_no_political_mandate_blocks_under_vgr_only():
    s = s_with(**{"initiative.political_mandate": "none"})
    assert assess(s, "vgr").classification == "not_eligible"
    assert assess(s, "skr").classification != "not_eligible"


def test_value_declaration_names_the_unconfirmed_point():
    vd = ValueDeclaration(confirmed={**ALL_CONFIRMED, "4c": False}, **SIGNED)
    finding = {f.rule_id: f for f in assess(Screening(value_declaration=vd), "mora").findings}["values.incomplete"]
    assert finding.severity == "blocker"
    assert any("Punkt 4c" in fact and "religion" in fact for fact in finding.facts)


def test_unsigned_declaration_names_the_missing_signature():
    vd = ValueDeclaration(confirmed=ALL_CONFIRMED, signer_role="Ordförande")
    finding = {f.rule_id: f for f in assess(Screening(value_declaration=vd), "mora").findings}["values.incomplete"]
    assert any("namn" in fact for fact in finding.facts)
    assert any("datum" in fact for fact in finding.facts)


def test_a_framework_override_of_a_budget_limit_is_honoured():
    """Botkyrka with org_share_minimum 0 (its own reading): a 2 % co-financed budget no longer
    raises "nothing or almost nothing", while the national limit of 5 % still does."""
    s = with_budget(line("public", "money", "1", "kr", "98000"), line("organisation", "money", "1", "kr", "2000"))
    botkyrka = framework("botkyrka").model_copy(update={"parameters": {"org_share_minimum": Decimal(0)}})
    assert "budget.org_share_low" in {f.rule_id for f in assess(s, "botkyrka").findings}
    assert "budget.org_share_low" not in {f.rule_id for f in assess(s, botkyrka).findings}


def test_parameters_are_read_at_the_date_asked():
    """assess(…, on=) reads every dated parameter at that date, through the framework."""
    skr = framework("skr")
    assert skr.at(date(2026, 6, 1)).parameter("de_minimis_eur") == Decimal(300000)
    with pytest.raises(ParameterError):
        skr.at(date(2023, 6, 1)).parameter("de_minimis_eur")  # the 2023 regulations apply from 2024
    s = s_with(**{"initiative.activity_sells_on_market": True, "initiative.public_amount_per_year": 1_200_000})
    assert "state_aid.above_de_minimis" in {f.rule_id for f in assess(s, "skr", on=date(2026, 6, 1)).findings}
