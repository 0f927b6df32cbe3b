"""assess(): turn one Screening into findings and an overall leaning under one framework.

The leaning follows the seeds' "samlad bedömning" (SKR 4.4.1, 4.5): no single indicator decides.
Findings are weighed, and too few answers give "uncertain" with what is missing, never a guess.
This is a screening aid, not a legal verdict.

Every text of the result (findings, fact lines, summary, missing facts, disclaimer) is in the
screening's language (`Screening.language`); the judgement itself never depends on it.
"""

from __future__ import annotations

from typing import Any

from iop_core.catalogue import Framework, Leaf, Question, Rule, framework, frameworks, message, questions
from iop_core.checks import CHECKS, value_declaration_started
from iop_core.model import Assessment, Finding, MissingFact, Screening


def disclaimer(lang: str = "sv") -> str:
    """"A screening aid, not a legal verdict", in `lang` (data/i18n/<lang>.toml messages)."""
    return message("disclaimer", lang)


DISCLAIMER = disclaimer("sv")
"""The Swedish disclaimer (kept for existing imports; use disclaimer(lang) for other languages)."""

WEIGHT = {"info": 1, "warning": 1, "high": 2, "blocker": 0}
"""Points a triggered finding adds to its direction. An IOP signal is info-level and counts 1."""

MIN_KEY_ANSWERED = 0.6
"""Share of the framework's key questions that must be answered before the app leans anywhere."""

PROCUREMENT_MIN_SCORE = 3
PROCUREMENT_MIN_FINDINGS = 2
GRANT_MIN_SCORE = 2
IOP_MIN_SCORE = 3

SEVERITY_ORDER = {"blocker": 0, "high": 1, "warning": 2, "info": 3}
DIRECTION_ORDER = {"blocker": 0, "procurement": 1, "grant": 2, "neutral": 3, "iop": 4}


def fact_value(s: Screening, path: str) -> Any:
    obj: Any = s
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _leaf_holds(leaf: Leaf, value: Any) -> bool | None:
    if value is None:
        return None
    op, target = leaf.op
    if op == "eq":
        return value == target
    if op == "ne":
        return value != target
    if op == "in":
        return value in target
    return {"lt": value < target, "lte": value <= target, "gt": value > target, "gte": value >= target}[op]


def _holds(cond: Any, s: Screening) -> bool | None:
    """Three-valued: True, False, or None when the facts it needs are unanswered."""
    if isinstance(cond, Leaf):
        return _leaf_holds(cond, fact_value(s, cond.fact))
    if hasattr(cond, "all"):
        results = [_holds(c, s) for c in cond.all]
        if False in results:
            return False
        return None if None in results else True
    results = [_holds(c, s) for c in cond.any]
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
        if _holds(rule.when, s) is not True:
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
    )


def missing_facts(s: Screening, fw: Framework) -> list[MissingFact]:
    """Key questions of this framework that are still unanswered (texts in the framework's language)."""
    used = {fact for rule in fw.rules for fact in rule.facts()}
    out = [
        MissingFact(fact=q.id, question=q.label)
        for q in questions(fw.lang).values()
        if q.key and q.id in used and fact_value(s, q.id) is None
    ]
    if any(r.check == "value_declaration" and r.severity == "blocker" for r in fw.rules):
        if not value_declaration_started(s):
            out.append(MissingFact(fact="value_declaration", question=message("missing.value_declaration", fw.lang)))
    return out


def _key_total(fw: Framework) -> int:
    used = {fact for rule in fw.rules for fact in rule.facts()}
    return sum(1 for q in questions().values() if q.key and q.id in used)


def _scores(findings: list[Finding]) -> dict[str, int]:
    scores = {"iop": 0, "grant": 0, "procurement": 0}
    for f in findings:
        if f.direction in scores:
            scores[f.direction] += WEIGHT[f.severity]
    return scores


def classify(findings: list[Finding], missing: list[MissingFact], key_total: int) -> tuple[str, str]:
    """The overall judgement (README "How the leaning is decided")."""
    if any(f.severity == "blocker" for f in findings):
        return "not_eligible", "red"
    answered = key_total - sum(1 for m in missing if m.fact != "value_declaration")
    if key_total and answered / key_total < MIN_KEY_ANSWERED:
        return "uncertain", "amber"
    sc = _scores(findings)
    procurement = [f for f in findings if f.direction == "procurement"]
    if (
        sc["procurement"] >= PROCUREMENT_MIN_SCORE
        and len(procurement) >= PROCUREMENT_MIN_FINDINGS
        and any(f.severity == "high" for f in procurement)
    ):
        return "procurement", "red"
    if sc["grant"] >= GRANT_MIN_SCORE and sc["grant"] > sc["procurement"]:
        return "grant", "amber"
    if sc["iop"] >= IOP_MIN_SCORE and sc["procurement"] <= 1 and sc["grant"] <= 1:
        clean = not missing and all(f.severity == "info" for f in findings)
        return "iop", "green" if clean else "amber"
    return "uncertain", "amber"


SUMMARY = {c: message(f"summary.{c}", "sv") for c in ("iop", "grant", "procurement", "not_eligible", "uncertain")}
"""The Swedish summary sentences (kept for existing imports; the texts live in data/i18n/*.toml)."""


def _lower_first(title: str) -> str:
    """A title inside a sentence: first letter lower case, unless it starts an acronym (IOP, EU)."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def _titles(findings: list[Finding], lang: str = "sv", limit: int = 3) -> str:
    titles = [_lower_first(f.title) for f in findings[:limit]]
    if len(titles) > 1:
        return ", ".join(titles[:-1]) + message("summary.and", lang) + titles[-1]
    return titles[0] if titles else ""


def _summary(classification: str, findings: list[Finding], missing: list[MissingFact], lang: str = "sv") -> str:
    pro = [f for f in findings if f.direction == "iop"]
    con_dir = {"grant": ("grant",), "procurement": ("procurement",), "not_eligible": ("blocker",)}
    con = [
        f for f in findings
        if f.direction in con_dir.get(classification, ()) or (classification == "not_eligible" and f.severity == "blocker")
    ]
    if classification == "uncertain":
        if len(missing) == 1:
            why = message("summary.uncertain_missing_one", lang)
        elif missing:
            why = message("summary.uncertain_missing", lang, n=len(missing))
        else:
            why = message("summary.uncertain_mixed", lang)
        return message("summary.uncertain", lang, why=why)
    return message(f"summary.{classification}", lang, pro=_titles(pro, lang), con=_titles(con, lang))


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
    findings = sort_findings([f for r in fw.rules if (f := evaluate_rule(r, screening, fw))])
    missing = missing_facts(screening, fw)
    classification, light = classify(findings, missing, _key_total(fw))
    return Assessment(
        framework=fw.id,
        classification=classification,
        traffic_light=light,
        summary=_summary(classification, findings, missing, fw.lang),
        findings=findings,
        missing=missing,
        scores=_scores(findings),
        disclaimer=disclaimer(fw.lang),
    )


def assess_all(screening: Screening, lang: str | None = None) -> list[Assessment]:
    """The same facts under every framework, for side-by-side comparison."""
    return [assess(screening, fid, lang) for fid in frameworks()]
