"""assess(): turn one Screening into findings and an overall leaning under one framework.

The judgement follows the seeds' "samlad bedömning" (SKR 4.4.1, 4.5: no single indicator
decides) and current law (HFD 2020, mål 3165-19: an "IOP" that pays for operating a service is a
procurement whatever it is called). README "How the leaning is decided" says the same in words:

1. Every rule of the framework is evaluated; an unanswered fact never triggers a rule.
2. Each theme counts once: only its strongest finding adds points (`count_themes`), so one fact
   seen from two sides (no own contribution / the public side pays everything) is one point set.
3. `classify` weighs the directions against each other. Risks never wait for missing answers
   (a blocker, or a procurement pattern of several themes); a positive verdict (IOP, grant) does.
4. The picture's position is part of the result (`Assessment.position`), clamped into the zone
   of the verdict, so no page can draw a point that contradicts the text next to it.

This is a screening aid, not a legal verdict. Every text of the result is in the screening's
language (`Screening.language`); the judgement never depends on it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iop_core.i18n import t
from iop_core.rules.catalogue import Framework, Leaf, Question, Rule, framework, frameworks, questions
from iop_core.rules.checks import CHECKS, value_declaration_started
from iop_core.format import lower_first
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


def _holds(cond: Any, s: Screening, fw: Framework) -> bool | None:
    """Three-valued: True, False, or None when the facts it needs are unanswered."""
    if isinstance(cond, Leaf):
        return _leaf_holds(cond, fact_value(s, cond.fact), fw)
    if hasattr(cond, "all"):
        results = [_holds(c, s, fw) for c in cond.all]
        if False in results:
            return False
        return None if None in results else True
    results = [_holds(c, s, fw) for c in cond.any]
    if True in results:
        return True
    return None if None in results else False


def _fact_line(q: Question, s: Screening) -> str:
    return f"{q.label} {q.answer_label(fact_value(s, q.id))}"


def evaluate_rule(rule: Rule, s: Screening, fw: Framework) -> Finding | None:
    """The finding a rule gives on this screening, or None if it does not trigger."""
    if rule.check is not None:
        facts = CHECKS[rule.check](s, fw)
        if not facts:
            return None
    else:
        if _holds(rule.when, s, fw) is not True:
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


def _key_total(fw: Framework) -> int:
    used = {fact for rule in fw.rules for fact in rule.facts()}
    return sum(1 for q in questions().values() if q.key and q.id in used)


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


def _themes(findings: list[Finding], direction: str) -> list[Finding]:
    return [f for f in findings if f.direction == direction and f.points > 0]


def classify(findings: list[Finding], missing: list[MissingFact], key_total: int, fw: Framework) -> tuple[str, str, str]:
    """(classification, traffic light, basis): the overall judgement, README "How the leaning is
    decided". `findings` come from count_themes. `basis` names the step that decided."""
    p = fw.parameter
    sc = scores(findings)
    partnership = sum(f.points for f in _themes(findings, "iop") if not f.shared_with_grant)
    procurement = _themes(findings, "procurement")
    grant = _themes(findings, "grant")
    stops = {f.stops for f in findings if f.severity == "blocker"}
    # 1. No local benefit (KL 2 kap. 1 §): no public money at all, whatever else is known.
    if "any_support" in stops:
        return "not_eligible", "red", "blocker"
    # 2. A procurement pattern is a risk: it is shown at once, missing answers or not. IOP signs do
    #    not offset it: the label and the organisation's form did not matter in HFD mål 3165-19.
    if (
        sc["procurement"] >= p("procurement_min_points")
        and len(procurement) >= p("procurement_min_themes")
        and any(f.severity == "high" for f in procurement)
        and sc["procurement"] >= sc["grant"]
    ):
        return "procurement", "red", "procurement"
    # 3. The organisation cannot be an IOP partner (not idéburen, profit to owners, Mora's statutes).
    if "partner" in stops:
        return "not_eligible", "red", "blocker"
    answered = key_total - sum(1 for m in missing if m.fact != "value_declaration")
    enough = not key_total or Decimal(answered) / key_total >= p("min_key_answered")
    # 4. A grant when several grant themes outweigh the partnership signs and the risks; it waits
    #    for the key answers. A process step not done yet (VGR's mandate) is moot then.
    if (
        enough
        and sc["grant"] >= p("grant_min_points")
        and len(grant) >= p("grant_min_themes")
        and sc["grant"] > sc["procurement"]
        and sc["grant"] >= partnership
    ):
        return "grant", "amber", "grant"
    # 5. A step of the public side's process is not done (VGR's mandate, Mora's declaration).
    if stops:
        return "not_eligible", "red", "blocker"
    # 6. A positive IOP verdict waits for the key answers.
    if not enough:
        return "uncertain", "amber", "missing"
    # 7. An IOP when the partnership signs are enough and the risks are small.
    limit = p("iop_max_risk_points")
    if partnership >= p("iop_min_points") and sc["procurement"] <= limit and sc["grant"] <= limit:
        clean = not missing and all(f.severity == "info" for f in findings)
        return "iop", "green" if clean else "amber", "iop"
    return "uncertain", "amber", "mixed"


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

def _titles(findings: list[Finding], lang: str = "sv", limit: int = 3) -> str:
    titles = [lower_first(f.title) for f in findings[:limit]]
    if len(titles) > 1:
        return ", ".join(titles[:-1]) + t("assessment.and", lang) + titles[-1]
    return titles[0] if titles else ""


def _summary(classification: str, basis: str, findings: list[Finding], missing: list[MissingFact], lang: str) -> str:
    if classification == "uncertain":
        if basis == "missing":
            n = len(missing)
            why = t("assessment.uncertain_missing_one", lang) if n == 1 else t("assessment.uncertain_missing", lang, n=n)
        else:
            risks = [f for f in findings if f.direction in ("procurement", "grant") and f.points]
            signs = [f for f in findings if f.direction == "iop" and f.points]
            why = t("assessment.uncertain_mixed", lang, con=_titles(risks, lang) or "–", pro=_titles(signs, lang) or "–")
        return t("assessment.leaning_uncertain", lang, why=why)
    pro = [f for f in findings if f.direction == "iop" and f.points]
    con = {
        "grant": [f for f in findings if f.direction == "grant" and f.points],
        "procurement": [f for f in findings if f.direction == "procurement" and f.points],
        "not_eligible": [f for f in findings if f.severity == "blocker"],
    }.get(classification, [])
    return t(f"assessment.leaning_{classification}", lang, pro=_titles(pro, lang), con=_titles(con, lang))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first; within a severity, risks before IOP signals; then catalogue order."""
    indexed = list(enumerate(findings))
    indexed.sort(key=lambda p: (SEVERITY_ORDER[p[1].severity], DIRECTION_ORDER[p[1].direction], p[0]))
    return [f for _, f in indexed]


def assess(screening: Screening, framework_id: str | None = None, lang: str | None = None) -> Assessment:
    """Assess one screening under one framework (default: the screening's own choice).

    Texts are in `lang`, by default the screening's language; the classification never depends on it.
    """
    fw = framework(framework_id or screening.framework, lang or screening.language)
    triggered = [f for r in fw.rules if (f := evaluate_rule(r, screening, fw))]
    findings = sort_findings(count_themes(triggered, fw))
    missing = missing_facts(screening, fw)
    classification, light, basis = classify(findings, missing, _key_total(fw), fw)
    points = scores(findings)
    return Assessment(
        framework=fw.id,
        classification=classification,
        traffic_light=light,
        basis=basis,
        summary=_summary(classification, basis, findings, missing, fw.lang),
        findings=findings,
        missing=missing,
        scores=points,
        position=position(points, classification),
        disclaimer=disclaimer(fw.lang),
    )


def assess_all(screening: Screening, lang: str | None = None) -> list[Assessment]:
    """The same facts under every framework, for side-by-side comparison."""
    return [assess(screening, fid, lang) for fid in frameworks()]
