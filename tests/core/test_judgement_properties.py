"""Properties of the judgement over random screenings (hypothesis): the verdict follows the legal
test (no procurement without an economic element; one step decides and the path says which; a
framework's parameter changes what it names), one result object (the scores printed are the
scores used, each theme counts once), and no point is ever drawn in a zone that contradicts its
verdict (the picture and the comparison read the same position)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from iop_core.report.picture import axis_points
from iop_core.rules.assessment import SCORED, assess, assess_all, zone_of
from iop_core.rules.catalogue import frameworks
from iop_core.rules.steps import legal_test
from tests.support.strategies import FACTS, screenings


@settings(max_examples=150, deadline=None)
@given(screenings())
def test_scores_positions_and_verdicts_agree(s):
    results = assess_all(s)
    for a in results:
        # the scores printed are the sum of the points the findings carry
        assert a.scores == {d: sum(f.points for f in a.findings if f.direction == d) for d in SCORED}
        # each theme counts once; a finding that does not count names the one that does
        counted = [f.theme for f in a.findings if f.points]
        assert len(counted) == len(set(counted))
        ids = {f.rule_id for f in a.findings}
        assert all(f.counted_in in ids for f in a.findings if f.direction in SCORED and not f.points)
        # the point sits in the zone of its verdict; a case not eligible yet is not placed
        if a.classification == "not_eligible":
            assert a.position is None
        else:
            assert -1 <= a.position <= 1
            if a.classification in SCORED:
                assert zone_of(a.position) == a.classification
    # the picture draws exactly what the assessments say
    for a, p in zip(results, axis_points(results, chosen="skr"), strict=True):
        assert p.position == a.position
        assert (p.iop, p.grant, p.procurement) == tuple(a.scores[d] for d in SCORED)
        assert p.classification == a.classification


@settings(max_examples=60, deadline=None)
@given(screenings())
def test_a_risk_verdict_never_waits_for_missing_answers(s):
    """Removing answers that no procurement finding used never hides a procurement verdict."""
    for a in assess_all(s):
        if a.classification != "procurement":
            continue
        used = set(next(p for p in a.path if p.decided).rule_ids)
        fw = frameworks()[a.framework]
        keep = {fact for rid in used for fact in fw.rule(rid).facts()}
        stripped = s.model_copy(deep=True)
        for name in FACTS:
            if f"initiative.{name}" not in keep:
                setattr(stripped.initiative, name, None)
        again = {x.framework: x for x in assess_all(stripped)}[a.framework]
        assert again.classification == "procurement", (a.framework, used)


STEP_OF = {"procurement": {"economic_element"}, "grant": {"criteria"}, "iop": {"criteria"},
           "not_eligible": {"eligible", "process"}, "uncertain": {"eligible", "economic_element", "criteria", "state_aid"}}
MAIN = ("eligible", "economic_element", "criteria")


@settings(max_examples=150, deadline=None)
@given(screenings())
def test_the_path_shown_is_the_path_decided(s):
    """One step decides; it is the step the classification belongs to; the main steps come in the
    lawyer's order, with nothing after a deciding main step tested; the basis names it."""
    for a in assess_all(s):
        assert [p.id for p in a.path] == [*MAIN, "state_aid", "process"]
        decided = [p for p in a.path if p.decided]
        assert len(decided) == 1, (a.framework, [(p.id, p.outcome) for p in a.path])
        step = decided[0]
        assert step.id in STEP_OF[a.classification], (a.framework, a.classification, step.id)
        if a.basis not in ("missing", "mixed"):
            assert a.basis == step.id
        if a.basis == "missing":  # the step names what to answer (for step 2: the market, after the element)
            assert step.missing and step.outcome in ("unanswered", "fail" if step.id == "economic_element" else "unanswered")
        if step.id in MAIN:
            later = a.path[MAIN.index(step.id) + 1:len(MAIN)]
            assert all(p.outcome == "not_reached" for p in later) or step.id == "eligible" and step.outcome == "unanswered" \
                or step.id == "economic_element" and step.outcome == "unanswered"


@settings(max_examples=150, deadline=None)
@given(screenings())
def test_no_procurement_without_an_economic_element(s):
    """Procurement needs the economic element: a price for the service, or a service on the public
    side's behalf paid (essentially) in full. Initiative, need and words alone never get there."""
    e = legal_test().economic_element
    for a in assess_all(s):
        if a.classification != "procurement":
            continue
        step = next(p for p in a.path if p.id == "economic_element")
        assert step.decided and step.outcome == "fail"
        ids = set(step.rule_ids)
        assert ids & set(e.price) or (ids & set(e.service) and ids & set(e.compensation)), (a.framework, ids)
        assert ids & {*e.market, *e.statutory, *e.binding}, (a.framework, ids)
        # the headline names the element first (a price, or a service), never a sign ahead of it
        first = next(f for f in a.findings if f.rule_id == step.rule_ids[0])
        assert step.rule_ids[0] in {*e.price, *e.service}, step.rule_ids
        named = a.summary.split(": ", 1)[1]
        assert named.lower().startswith(first.title[:20].lower()), (a.summary, first.title)


@settings(max_examples=80, deadline=None)
@given(screenings())
def test_a_framework_parameter_changes_the_result_it_names(s):
    """A framework's [parameters] override is honoured by the rules that read it, at the date asked."""
    skr = frameworks()["skr"]
    years = s.initiative.planned_years
    longer = skr.model_copy(update={"parameters": {"short_term_years": Decimal(13)}})
    shorter = skr.model_copy(update={"parameters": {"short_term_years": Decimal(0)}})
    fired = lambda fw: "time.short" in {f.rule_id for f in assess(s, fw).findings}  # noqa: E731 - one line
    assert fired(longer) == (years is not None)
    assert not fired(shorter)
