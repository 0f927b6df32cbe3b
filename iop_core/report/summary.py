"""What the summary page and the PDF both say: findings by theme, "Varför?", next steps.

- `group_findings`: findings grouped into broad themes (initiative, steering, money, …), the
  group with the most serious finding first, most serious first within a group;
- `why`: the facts and the rule behind one finding, the rule's condition in plain Swedish;
- `next_steps`: what to bring to the first meeting, the documents still missing, and who
  decides under the framework (SKR 2.1 political mandate, Mora's officer flow, …).

Pure: no Streamlit, no judging (iop_core.rules.assessment decides the leaning).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from iop_core.documents.checklist import outstanding_documents
from iop_core.i18n import t
from iop_core.report.triage import value_declaration_status
from iop_core.rules.assessment import DIRECTION_ORDER, SEVERITY_ORDER, holds
from iop_core.rules.catalogue import DATA, Framework, Rule, _check_citations, framework, overlay, questions
from iop_core.rules.citations import cite
from iop_core.rules.conditions import Condition, Leaf
from iop_core.rules.outlines import Process, process_for
from iop_core.screening.model import Assessment, Citation, Finding, Screening, fact_value

__all__ = [
    "FindingGroup",
    "NextSteps",
    "Route",
    "Why",
    "group_findings",
    "next_steps",
    "routes",
    "why",
]


def _rank(f: Finding) -> tuple[int, int]:
    return SEVERITY_ORDER[f.severity], DIRECTION_ORDER[f.direction]


@dataclass(frozen=True)
class FindingGroup:
    key: str
    label: str
    findings: tuple[Finding, ...]


def group_findings(findings: list[Finding], lang: str = "sv") -> list[FindingGroup]:
    """Findings by their group (their theme's, data/themes.toml): the group with the most serious
    finding first (stable otherwise)."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.group, []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: min(_rank(f) for f in kv[1]))
    return [
        FindingGroup(key, t(f"summary.group_{key}", lang), tuple(sorted(fs, key=_rank)))
        for key, fs in ordered
    ]


# --------------------------------------------------------------------------- "Varför?"


@dataclass(frozen=True)
class Why:
    facts: tuple[str, ...]
    rule_id: str
    condition: str
    """When the rule triggers, in words ("Vem tog initiativet? är Kommunen eller regionen")."""
    framework_name: str
    sources: tuple[str, ...]
    """Each citation with the source's full title."""


def _leaf_text(leaf: Leaf, lang: str, fw: Framework) -> str:
    q = questions(lang)[leaf.fact]
    op, target = leaf.op
    if isinstance(target, str) and op in ("lt", "lte", "gt", "gte"):
        target = float(fw.parameter(target))  # a parameter (data/parameters.toml), as its value
    if op in ("eq", "ne"):
        answer = q.answer_label(target)
        return t(f"summary.cond_{op}", lang, question=q.label, answer=answer)
    if op == "in":
        answers = t("summary.cond_or", lang).join(q.answer_label(v) for v in target)
        return t("summary.cond_in", lang, question=q.label, answers=answers)
    return t(f"summary.cond_{op}", lang, question=q.label, answer=q.answer_label(target))


def _condition_text(cond: Any, lang: str, fw: Framework) -> str:
    if isinstance(cond, Leaf):
        return _leaf_text(cond, lang, fw)
    if hasattr(cond, "all"):
        return t("summary.cond_and", lang).join(_condition_text(c, lang, fw) for c in cond.all)
    return t("summary.cond_or_clause", lang).join(_condition_text(c, lang, fw) for c in cond.any)


def rule_condition(rule: Rule, lang: str = "sv", fw: Framework | None = None) -> str:
    """When a rule triggers, in plain Swedish."""
    if rule.check is not None:
        try:
            return t(f"summary.check_{rule.check}", lang)
        except KeyError:  # a check added later without its own sentence
            return t("summary.check_other", lang)
    return t("summary.cond_when", lang, condition=_condition_text(rule.when, lang, fw or framework("skr")))


def why(finding: Finding, lang: str = "sv") -> Why:
    """The facts and the rule that produced a finding."""
    fw = framework(finding.framework, lang)
    rule = fw.rule(finding.rule_id)
    condition = rule_condition(rule, lang, fw) if rule else ""
    return Why(
        facts=tuple(finding.facts),
        rule_id=finding.rule_id,
        condition=condition,
        framework_name=fw.name,
        sources=tuple(cite(c, lang, full=True) for c in finding.citations),
    )


# --------------------------------------------------------------------------- next steps


@dataclass(frozen=True)
class NextSteps:
    bring: tuple[str, ...]
    """What to bring to the first meeting."""
    to_resolve: tuple[tuple[str, str, tuple[Citation, ...]], ...]
    """(finding title, its next step, citations) for every risk or blocker, most serious first."""
    unanswered: tuple[str, ...]
    missing_documents: tuple[str, ...]
    who_decides: Process
    mandate: str
    """The user's answer on the political decision, as a line."""
    routes: tuple[Route, ...] = ()
    """Lawful routes when the case does not fit an IOP (data/routes.toml)."""


@dataclass(frozen=True)
class Route:
    id: str
    title: str
    text: str
    citations: tuple[Citation, ...]
    only_when: Any = None
    """A condition (as in rules.toml) that must hold for the route to fit the facts."""
    unless: Any = None
    """A condition under which the route does not fit (e.g. a grant for a statutory welfare service)."""

    def fits(self, s: Screening, fw: Framework) -> bool:
        if self.only_when is not None and holds(self.only_when, s, fw) is not True:
            return False
        return self.unless is None or holds(self.unless, s, fw) is not True


@cache
def routes(lang: str = "sv") -> dict[str, tuple[Route, ...]]:
    """The lawful routes by leaning (data/routes.toml), texts in `lang`, citations checked."""
    raw = tomllib.loads((DATA / "routes.toml").read_text(encoding="utf-8"))["route"]
    tr = overlay(lang, "routes", {r["id"] for r in raw})
    out: dict[str, list[Route]] = {}
    for body in raw:
        citations = tuple(Citation(**c) for c in body["citations"])
        _check_citations(citations, f"routes.toml route {body['id']!r}")
        conditions = {k: TypeAdapter(Condition).validate_python(body[k]) for k in ("only_when", "unless") if k in body}
        route = Route(body["id"], **{k: tr.get(body["id"], {}).get(k, body[k]) for k in ("title", "text")},
                      citations=citations, **conditions)
        for leaning in body["for"]:
            out.setdefault(leaning, []).append(route)
    return {k: tuple(v) for k, v in out.items()}


def next_steps(s: Screening, assessment: Assessment, lang: str = "sv") -> NextSteps:
    fid = assessment.framework
    missing_docs = tuple(outstanding_documents(s, fid, lang))
    vd = value_declaration_status(s, fid)
    bring = [t("summary.bring_summary", lang), t("summary.bring_budget", lang)]
    if missing_docs:
        bring.append(t("summary.bring_documents", lang, n=len(missing_docs)))
    if vd.required and not vd.complete:
        bring.append(t("summary.bring_declaration", lang))
    if assessment.missing:
        bring.append(t("summary.bring_answers", lang, n=len(assessment.missing)))
    if s.initiative.procurement_opinion in (None, "not_asked"):
        bring.append(t("summary.bring_opinion", lang))
    risks = [f for f in assessment.findings if f.direction != "iop" and f.severity != "info"]
    q = questions(lang)["initiative.political_mandate"]
    return NextSteps(
        bring=tuple(bring),
        to_resolve=tuple((f.title, f.next_step, tuple(f.citations)) for f in risks),
        unanswered=tuple(m.question for m in assessment.missing),
        missing_documents=missing_docs,
        who_decides=process_for(fid, lang),
        mandate=f"{q.label} {q.answer_label(fact_value(s, q.id))}",
        routes=tuple(r for r in routes(lang).get(assessment.classification, ()) if r.fits(s, framework(fid, lang))),
    )
