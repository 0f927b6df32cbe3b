"""The "Tänk om…" switches: each changes what it claims, on its demo case, and never the input."""

from decimal import Decimal

import pytest

from iop_core.budget.totals import summarise
from iop_core.report.picture import axis_points
from iop_core.report.what_if import (
    apply,
    changes_anything,
    claim_holds,
    explain_change,
    fact_changes,
    score_moves,
    set_org_share,
    switch,
    switches,
)
from iop_core.rules.assessment import assess, axis_position, zone_of
from iop_core.rules.catalogue import CatalogueError
from iop_core.screening.demo import demo_cases, load_demo
from iop_core.screening.model import Screening

SWITCH_IDS = [sw.id for sw in switches()]


def test_the_switches_cover_the_six_topics_in_both_directions():
    topics = {sw.topic for sw in switches()}
    assert topics == {"initiative", "payment", "sanctions", "cofinancing", "market", "operation"}
    for topic in topics:
        directions = {sw.direction for sw in switches() if sw.topic == topic}
        assert "up" in directions and len(directions) == 2, topic
    assert {sw.demo_case for sw in switches()} <= {c.id for c in demo_cases()}


@pytest.mark.parametrize("switch_id", SWITCH_IDS)
def test_each_switch_changes_the_outcome_it_claims_on_its_demo_case(switch_id):
    sw = switch(switch_id)
    case = load_demo(sw.demo_case)
    before, after = assess(case), assess(apply(case, sw))
    move = score_moves(before, after)[sw.score]
    assert {"up": move > 0, "down": move < 0, "same": move == 0}[sw.direction], (sw.id, before.scores, after.scores)
    assert claim_holds(sw, before, after)
    if sw.expect_classification:
        assert after.classification == sw.expect_classification, (sw.id, after.classification)
    if sw.expect_light:
        assert after.traffic_light == sw.expect_light
    changes = explain_change(before, after)
    assert changes, "a switch that moves the points must name the findings that moved them"
    moved_rules = {c.rule_id for c in changes if c.direction == sw.score}
    assert moved_rules and all(c.citations for c in changes)


def test_switches_that_change_the_leaning_say_so():
    """The headline teaching moments: the light or the leaning really moves."""
    genuine = load_demo("genuine_iop")
    assert assess(genuine).classification == "iop" and assess(genuine).traffic_light == "green"
    assert assess(apply(genuine, switch("no_cofinancing"))).classification == "grant"
    assert assess(apply(genuine, switch("sanctions_on"))).traffic_light == "amber"
    assert assess(apply(genuine, switch("sanctions_on")), "helsingborg").classification == "uncertain"
    pays_all = load_demo("public_pays_all")
    assert assess(pays_all).classification == "grant"
    assert assess(apply(pays_all, switch("cofinancing_30"))).classification == "iop"


@pytest.mark.parametrize("switch_id", SWITCH_IDS)
def test_apply_never_mutates_the_input(switch_id):
    case = load_demo("genuine_iop")
    frozen = case.model_dump_json()
    out = apply(case, switch(switch_id))
    assert case.model_dump_json() == frozen
    assert out is not case and out.budget is not case.budget and out.initiative is not case.initiative


def test_a_switch_that_is_already_true_changes_nothing():
    case = load_demo("disguised_procurement")  # already has sanctions and the municipality's initiative
    assert not changes_anything(case, switch("sanctions_on"))
    assert not changes_anything(case, switch("initiative_public"))
    assert changes_anything(case, switch("sanctions_off"))
    before = assess(case)
    assert explain_change(before, assess(apply(case, switch("sanctions_on")))) == []


def test_explain_change_names_added_removed_and_changed_findings_with_citations():
    case = load_demo("genuine_iop")
    changes = explain_change(assess(case), assess(apply(case, switch("per_unit_payment"))))
    by_rule = {c.rule_id: c for c in changes}
    assert by_rule["payment.per_unit"].kind == "added" and by_rule["payment.per_unit"].severity_after == "high"
    assert by_rule["payment.contribution"].kind == "removed"
    assert any(c.document == "skr" and c.section == "4.4.4" for c in by_rule["payment.per_unit"].citations)
    # severity change: Mora treats a private competitor as high, SKR as a warning
    a = assess(apply(case, switch("private_competitor")), "skr")
    b = assess(apply(case, switch("private_competitor")), "mora").model_copy(update={"framework": "skr"})
    changed = [c for c in explain_change(a, b) if c.rule_id == "market.private_providers"]
    assert changed and changed[0].kind == "changed"
    assert (changed[0].severity_before, changed[0].severity_after) == ("warning", "high")


def test_frameworks_disagree_on_the_initiative_switch():
    """Mora requires the organisation's initiative (high); Botkyrka allows the municipality's
    initiative in a local note but keeps the national indicator (a warning)."""
    case = load_demo("genuine_iop")
    changed = apply(case, switch("initiative_public"))
    assert score_moves(assess(case, "botkyrka"), assess(changed, "botkyrka"))["procurement"] == 1
    assert score_moves(assess(case, "mora"), assess(changed, "mora"))["procurement"] == 2


def test_fact_changes_reports_question_before_and_after():
    case = load_demo("genuine_iop")
    assert fact_changes(case, switch("sanctions_on")) == [("initiative.sanctions", False, True)]
    lines = fact_changes(case, switch("no_cofinancing"))
    assert ("initiative.org_contribution", "both", "none") in lines


@pytest.mark.parametrize("share", [Decimal("0.30"), Decimal("0.05"), Decimal("0.5")])
def test_org_share_rewrites_the_budget_to_the_share(share):
    for case_id in ("genuine_iop", "public_pays_all"):  # org lines scaled / volunteer lines added
        s = load_demo(case_id)
        set_org_share(s, share)
        got = summarise(s.budget).org_share
        assert abs(got - share) < Decimal("0.001"), (case_id, got)  # quantities are kept to the öre
        assert s.initiative.org_contribution != "none" and s.initiative.public_covers_all_costs is False


def test_org_share_zero_removes_the_organisations_lines():
    s = load_demo("genuine_iop")
    set_org_share(s, Decimal(0))
    assert not [x for x in s.budget.lines if x.party == "organisation"]
    assert s.initiative.org_contribution == "none" and s.initiative.public_covers_all_costs is True


def test_switches_work_on_an_empty_screening():
    for sw in switches():
        out = apply(Screening(), sw)
        assert out.budget.lines == []
    assert apply(Screening(), switch("cofinancing_30")).initiative.org_contribution == "in_kind"


def test_bad_switch_data_fails_with_the_switch_named(tmp_path, monkeypatch):
    import iop_core.report.what_if as wi

    (tmp_path / "what_if.toml").write_text(
        '[[switch]]\nid = "bad"\ntopic = "x"\nlabel = "x"\nclaim = "x"\nscore = "procurement"\n'
        'direction = "up"\ndemo_case = "genuine_iop"\nset = { "initiative.no_such_fact" = true }\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(wi, "DATA", tmp_path)
    wi.switches.cache_clear()
    try:
        with pytest.raises(CatalogueError, match="'bad'.*no_such_fact"):
            wi.switches()
    finally:
        monkeypatch.undo()
        wi.switches.cache_clear()


# --- the picture ------------------------------------------------------------------------------


def test_axis_position_and_zones():
    assert axis_position({"iop": 0, "grant": 0, "procurement": 0}) == 0.0
    assert axis_position({"iop": 9, "grant": 0, "procurement": 0}) == 0.0
    assert axis_position({"iop": 0, "grant": 0, "procurement": 5}) == 1.0
    assert axis_position({"iop": 0, "grant": 4, "procurement": 0}) == -1.0
    assert zone_of(0.0) == "iop" and zone_of(0.9) == "procurement" and zone_of(-0.5) == "grant"


def test_demo_cases_land_where_their_story_says():
    zones = {}
    for case_id in ("genuine_iop", "disguised_procurement", "grant_fits_better"):
        [point] = axis_points([assess(load_demo(case_id))])
        zones[case_id] = point.zone
        assert point.leaning and point.light_label and point.shape  # text and shape, not colour alone
    assert zones == {"genuine_iop": "iop", "disguised_procurement": "procurement", "grant_fits_better": "grant"}
