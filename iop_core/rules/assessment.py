"""assess(): turn one Screening into findings and a leaning under one framework.

1. Every rule of the framework is evaluated (`evaluate_rule`); an unanswered fact never triggers
   a rule. The findings are the evidence, each with its facts and citations.
2. The leaning is the legal test, walked step by step (iop_core.rules.legal_test, data in
   data/legal_test.toml): can public money go here; is there an economic element (HFD 2020 ref.
   15: an "IOP" that pays for operating a service is a procurement whatever it is called); grant
   or partnership by the framework's own criteria; state aid and the process beside. The path it
   took is part of the result (`Assessment.path`).
3. Points only place the case in the picture: each theme counts once (`count_themes`), and the
   position is clamped into the zone of the leaning (`Assessment.position`), so no page can draw
   a point that contradicts the text next to it. Points decide nothing.

docs/verdict.md says the same in words. This is a screening aid, not a legal
verdict. Texts are in the screening's language; the judgement never depends on it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iop_core.i18n import t
from iop_core.rules.catalogue import Framework, Question, Rule, framework, frameworks, questions
from iop_core.rules.checks import CHECKS, value_declaration_started
from iop_core.rules.conditions import Leaf
from iop_core.rules.legal_test import Verdict, titles, walk
from iop_core.screening.model import Assessment, Finding, MissingFact, Screening, fact_value

SCORED = ("iop", "grant", "procurement")
SEVERITY_ORDER = {"blocker": 0, "high": 1, "warning": 2, "info": 3}
DIRECTION_ORDER = {"blocker": 0, "procurement": 1, "grant": 2, "neutral": 3, "iop": 4}

ZONES: tuple[tuple[str, float, float], ...] = (
    ("grant", -1.0, -1 / 3),
    ("iop", -1 / 3, 1 / 3),
    ("procurement", 1 / 3, 1.0),
)
"""The grant ↔ IOP ↔ procurement axis, left to right, in three equal zones."""
_ZONE_MARGIN = 0.04
"""How far inside its zone a decided verdict's point is drawn (never on a border)."""


def disclaimer(lang: str = "sv") -> str:
    """"A screening aid, not a legal verdict", in `lang`."""
    return t("assessment.disclaimer", lang)


# --- Rules -> findings -------------------------------------------------------------------------

def _target(target: Any, fw: Framework) -> Any:
    """A comparison's right-hand side: a number, or a parameter resolved under the framework."""
    return float(fw.parameter(target)) if isinstance(target, str) else target


def _leaf_holds(leaf: Leaf, value: Any, fw: Framework) -> bool | None:
    if value is None:
        return None
    op, target = leaf.op
    if op == "eq":
        return value == target
    if op == "ne":
        return value != target
    if op == "in":
        return value in target
    target = _target(target, fw)
    return {"lt": value < target, "lte": value <= target, "gt": value > target, "gte": value >= target}[op]


def holds(cond: Any, s: Screening, fw: Framework) -> bool | None:
    """Three-valued: True, False, or None when the facts it needs are unanswered."""
    if isinstance(cond, Leaf):
        return _leaf_holds(cond, fact_value(s, cond.fact), fw)
    if hasattr(cond, "all"):
        results = [holds(c, s, fw) for c in cond.all]
        if False in results:
            return False
        return None if None in results else True
    results = [holds(c, s, fw) for c in cond.any]
    if True in results:
        return True
    return None if None in results else False


def is_asked(q: Question, s: Screening, fw: Framework) -> bool:
    """A question is asked unless it is a follow-up whose condition does not hold (yet)."""
    return q.ask_if is None or holds(q.ask_if, s, fw) is True


def _fact_line(q: Question, s: Screening) -> str:
    return f"{q.label} {q.answer_label(fact_value(s, q.id))}"


def evaluate_rule(rule: Rule, s: Screening, fw: Framework) -> Finding | None:
    """The finding a rule gives on this screening, or None if it does not trigger."""
    if rule.check is not None:
        facts = CHECKS[rule.check](s, fw)
        if not facts:
            return None
    else:
        if holds(rule.when, s, fw) is not True:
            return None
        qs = questions(fw.lang)
        facts = [_fact_line(qs[f], s) for f in rule.facts() if fact_value(s, f) is not None]
    return Finding(
        rule_id=rule.id,
        theme=rule.theme,
        severity=rule.severity,
        direction=rule.direction,
        title=rule.title,
        explanation=rule.explanation,
        next_step=rule.next_step,
        citations=list(rule.citations),
        framework=fw.id,
        facts=facts,
        shared_with_grant=rule.shared_with_grant,
        stops=rule.stops,
        step=rule.step,
        group=rule.group,
    )


def missing_facts(s: Screening, fw: Framework) -> list[MissingFact]:
    """Key questions of this framework that are still unanswered (texts in the framework's language)."""
    used = {fact for rule in fw.rules for fact in rule.facts()}
    out = [
        MissingFact(fact=q.id, question=q.label)
        for q in questions(fw.lang).values()
        if q.key and q.id in used and fact_value(s, q.id) is None
    ]
    if any(r.check == "value_declaration" for r in fw.rules) and not value_declaration_started(s):
        out.append(MissingFact(fact="value_declaration", question=t("assessment.missing_value_declaration", fw.lang)))
    return out


# --- Weighing ----------------------------------------------------------------------------------

def weight(severity: str, fw: Framework) -> int:
    """Points a counted finding of this severity adds to its direction (data/parameters.toml)."""
    return int(fw.parameter(f"weight_{severity}")) if severity != "blocker" else 0


def count_themes(findings: list[Finding], fw: Framework) -> list[Finding]:
    """Each theme counts once: its strongest scored finding gets its points, the others none
    (`counted_in` names the finding that counts instead). Ties: the risk before the IOP sign,
    then catalogue order. Findings without a direction to score (neutral, blocker) add nothing."""
    rank = {d: i for i, d in enumerate(("procurement", "grant", "iop"))}
    best: dict[str, tuple[int, int, int, Finding]] = {}
    for i, f in enumerate(findings):
        if f.direction not in SCORED:
            continue
        key = (-weight(f.severity, fw), rank[f.direction], i, f)
        if f.theme not in best or key[:3] < best[f.theme][:3]:
            best[f.theme] = key
    out = []
    for f in findings:
        winner = best.get(f.theme, (0, 0, 0, None))[3]
        if f.direction not in SCORED:
            out.append(f)
        elif winner is f:
            out.append(f.model_copy(update={"points": weight(f.severity, fw)}))
        else:
            out.append(f.model_copy(update={"points": 0, "counted_in": winner.rule_id}))
    return out


def scores(findings: list[Finding]) -> dict[str, int]:
    """Points per direction: the sum of the counted findings' points (what the pages print)."""
    out = dict.fromkeys(SCORED, 0)
    for f in findings:
        if f.direction in out:
            out[f.direction] += f.points
    return out


def axis_position(points: dict[str, int]) -> float:
    """(procurement − grant) / (all points), in [-1, 1]; 0 when there are no points at all."""
    iop, grant, proc = (max(0, int(points.get(k, 0))) for k in SCORED)
    total = iop + grant + proc
    return 0.0 if total == 0 else max(-1.0, min(1.0, (proc - grant) / total))


def zone_of(position: float) -> str:
    """The part of the axis a position falls in: "grant", "iop" or "procurement"."""
    if position < ZONES[0][2]:
        return "grant"
    if position > ZONES[2][1]:
        return "procurement"
    return "iop"


def position(points: dict[str, int], classification: str) -> float | None:
    """Where the case is drawn: from the points, inside the zone of a decided verdict (iop, grant,
    procurement); anywhere for "uncertain"; not drawn (None) when it is not eligible yet."""
    if classification == "not_eligible":
        return None
    raw = axis_position(points)
    for zone, lo, hi in ZONES:
        if zone == classification:
            return round(min(max(raw, lo + _ZONE_MARGIN), hi - _ZONE_MARGIN), 4)
    return round(raw, 4)


# --- Texts -------------------------------------------------------------------------------------

def _summary(v: Verdict, findings: list[Finding], lang: str) -> str:
    """The headline: the leaning, and why: the findings of the step that decided, or for
    "uncertain" which it is, facts missing at the deciding step or signs that conflict."""
    if v.classification == "uncertain":
        return t("assessment.leaning_uncertain", lang, why=v.reason)
    decided = next((p for p in v.path if p.decided), None)
    by_id = {f.rule_id: f for f in findings}
    # in the order the step names them (for procurement: the price or the service first, then
    # the market, the statutory task or the sanctions), not by severity: a sign never leads
    con = [by_id[i] for i in (decided.rule_ids if decided else []) if i in by_id and by_id[i].direction != "iop"]
    pro = [f for f in findings if f.direction == "iop"]
    text = t(f"assessment.leaning_{v.classification}", lang, pro=titles(pro, lang), con=titles(con, lang))
    if v.classification == "iop" and v.light == "amber":  # say why it is not green
        doubts = [f for f in findings if f.severity != "info"]
        text += " " + (t("assessment.amber_because", lang, what=titles(doubts, lang)) if doubts
                       else t("assessment.amber_missing", lang))
    return text


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first; within a severity, risks before IOP signals; then catalogue order."""
    indexed = list(enumerate(findings))
    indexed.sort(key=lambda p: (SEVERITY_ORDER[p[1].severity], DIRECTION_ORDER[p[1].direction], p[0]))
    return [f for _, f in indexed]


def assess(screening: Screening, framework_or_id: Framework | str | None = None, lang: str | None = None, *,
           on: date | None = None) -> Assessment:
    """Assess one screening under one framework (an object, an id, or the screening's own choice)
    with its parameters read at `on` (default today). Texts are in `lang`, by default the
    screening's language; the classification never depends on it."""
    lang = lang or screening.language
    fw = framework_or_id
    if not isinstance(fw, Framework):
        fw = framework(fw or screening.framework, lang)
    fw = fw.at(on)
    triggered = [f for r in fw.rules if (f := evaluate_rule(r, screening, fw))]
    findings = sort_findings(count_themes(triggered, fw))
    verdict = walk(screening, fw, findings)
    points = scores(findings)
    return Assessment(
        framework=fw.id,
        classification=verdict.classification,
        traffic_light=verdict.light,
        basis=verdict.basis,
        path=verdict.path,
        summary=_summary(verdict, findings, fw.lang),
        findings=findings,
        missing=missing_facts(screening, fw),
        scores=points,
        position=position(points, verdict.classification),
        disclaimer=disclaimer(fw.lang),
    )


def assess_all(screening: Screening, lang: str | None = None, *, on: date | None = None) -> list[Assessment]:
    """The same facts under every framework, for side-by-side comparison."""
    return [assess(screening, fw, lang, on=on) for fw in frameworks(lang or screening.language).values()]
