"""The scenario table: facts -> expected verdict per framework, as a lawyer can read and review it.

Each tests/scenarios/NN_name.toml is one case: a title, a one-line `reason` with its `citation`,
the facts (usually a few changes to the textbook IOP in _base.toml; `unset` removes answers), the
verdict expected under every framework (`[expect] all = ...`, with `[expect.<framework>]`
exceptions that carry their own reason), optionally the step of the legal test that decided
(`decided`) and for "uncertain" whether facts are missing or signs conflict (`basis`), the themes
(as a concern: any finding that is not an IOP sign) or rules (any finding) that must and must not
be raised under at least one framework, and the lawful routes offered under SKR (`[routes]`).
"""

from __future__ import annotations

from typing import Any

import pytest

from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import base_rules, frameworks, sources
from tests.support.screenings import SCENARIOS, load_scenario, scenario_screening

FILES = sorted(p for p in SCENARIOS.glob("*.toml") if not p.name.startswith("_"))
CLASSIFICATIONS = {"iop", "grant", "procurement", "not_eligible", "uncertain"}
LIGHTS = {"green", "amber", "red"}


def expected(data: dict[str, Any]) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    """framework -> (verdict, light, the step that decided, basis), None where not given."""
    exp = data["expect"]
    out = {fid: (exp["all"], exp.get("light"), exp.get("decided"), exp.get("basis")) for fid in frameworks()}
    for fid in frameworks():
        if fid in exp:
            out[fid] = (exp[fid]["verdict"], exp[fid].get("light"), exp[fid].get("decided"), exp[fid].get("basis"))
    return out


def test_there_are_enough_scenarios():
    assert len(FILES) >= 52


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario_is_well_formed(path):
    """Every scenario carries its reason and a citation the catalogue knows."""
    data = load_scenario(path)
    assert data["title"] and data["reason"], path.name
    cite = data["citation"]
    src = sources().get(cite["document"])
    assert src is not None and src.knows(cite["section"]), f"{path.name}: unknown citation {cite}"
    exp = data["expect"]
    assert exp["all"] in CLASSIFICATIONS and exp.get("light", "green") in LIGHTS
    steps = {"eligible", "economic_element", "criteria", "state_aid", "process"}
    assert exp.get("decided", "criteria") in steps, f"{path.name}: unknown step {exp['decided']}"
    for fid, body in exp.items():
        if fid in ("all", "light", "decided", "basis"):
            continue
        assert body.get("decided", "criteria") in steps, f"{path.name} [{fid}]: unknown step"
        assert fid in frameworks(), f"{path.name}: unknown framework {fid}"
        assert body["verdict"] in CLASSIFICATIONS and body.get("reason"), f"{path.name} [{fid}] needs a verdict and a reason"
    known_rules = {r["id"] for r in base_rules()}
    known_themes = {r["theme"] for r in base_rules()}
    for kind, known in (("rules", known_rules), ("themes", known_themes)):
        for listed in data.get(kind, {}).values():
            assert set(listed) <= known, f"{path.name}: unknown {kind} {set(listed) - known}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario_verdicts(path):
    data = load_scenario(path)
    results = {a.framework: a for a in assess_all(scenario_screening(data))}
    for fid, (verdict, light, step, basis) in expected(data).items():
        a = results[fid]
        decided = [p.id for p in a.path if p.decided]
        got = (a.classification, a.traffic_light, decided)
        assert a.classification == verdict, f"{path.stem} under {fid}: {got}; {a.summary}; expected because: {data['reason']}"
        if light:
            assert a.traffic_light == light, f"{path.stem} under {fid}: {got}"
        if step:
            assert decided == [step], f"{path.stem} under {fid}: decided by {decided}, expected {step}"
        if basis:
            assert a.basis == basis, f"{path.stem} under {fid}: basis {a.basis}, expected {basis}"


@pytest.mark.parametrize("path", [p for p in FILES if "routes" in load_scenario(p)], ids=lambda p: p.stem)
def test_scenario_routes(path):
    """The lawful routes the summary offers under SKR fit the facts (routes.toml `only_when`, `unless`)."""
    from iop_core.report.summary import next_steps

    data = load_scenario(path)
    s = scenario_screening(data)
    offered = {r.id for r in next_steps(s, assess(s, "skr")).routes}
    assert set(data["routes"].get("offered", [])) <= offered, f"{path.stem}: {offered}"
    assert not set(data["routes"].get("not_offered", [])) & offered, f"{path.stem}: {offered}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scenario_themes_and_rules(path):
    data = load_scenario(path)
    results = assess_all(scenario_screening(data))
    themes = {f.theme for a in results for f in a.findings if f.direction != "iop"}  # a concern, not a sign of IOP
    rules = {f.rule_id for a in results for f in a.findings}
    for kind, seen in (("themes", themes), ("rules", rules)):
        spec = data.get(kind, {})
        assert set(spec.get("raised", [])) <= seen, f"{path.stem}: {kind} not raised: {set(spec['raised']) - seen}"
        assert not set(spec.get("not_raised", [])) & seen, f"{path.stem}: {kind} raised: {set(spec['not_raised']) & seen}"


def test_a_procurement_leaning_names_the_lawful_routes_with_sources():
    """When a case leans to procurement, the next steps name what the parties can do instead."""
    from iop_core.report.summary import next_steps

    data = load_scenario(SCENARIOS / "06_care_home_for_fixed_sum.toml")
    s = scenario_screening(data)
    a = next(x for x in assess_all(s) if x.framework == "skr")
    routes = {r.id: r for r in next_steps(s, a).routes}
    # A statutory welfare service run for the kommun: no grant route (it is not the organisation's
    # own activity); the reserved procurement of LOU 19 kap. 25 a § fits a welfare service.
    assert set(routes) == {"procurement", "reserved_procurement", "redesign"}
    assert [c.section for c in routes["reserved_procurement"].citations][0] == "LOU 19 kap. 25 a §"
    textbook = next(x for x in assess_all(scenario_screening(load_scenario(SCENARIOS / "01_textbook_iop.toml"))) if x.framework == "skr")
    assert next_steps(s, textbook).routes == ()
