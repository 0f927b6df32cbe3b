"""The same screening under every framework, side by side: where the frameworks agree and differ.

`compare(screening)` gives one row per rule that triggers under at least one framework, with
each framework's verdict (triggered with severity and direction, not triggered, or not part of
that framework), a `differs` flag and a plain-Swedish explanation built from the rules' own
texts and citations; plus the classification row (the overall leaning per framework), whose
explanation names the findings that differ between the frameworks that come out differently
(`what_differs`): findings of the steps that decided, never points.
Where the case sits between grant, IOP and procurement is iop_core.report.picture.

It never re-decides anything: verdicts come from iop_core.rules.assessment. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from iop_core.data_folder import NATIONAL
from iop_core.format import lower_first
from iop_core.i18n import t
from iop_core.report.path import deciding_step
from iop_core.report.picture import leaning_label, light_label
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import Rule, base_rules, frameworks
from iop_core.rules.citations import cite_all
from iop_core.rules.legal_test import criteria_list
from iop_core.rules.steps import legal_test
from iop_core.screening.model import Assessment, Citation, Finding, Screening

__all__ = [
    "ClassificationRow",
    "Comparison",
    "ComparisonRow",
    "Verdict",
    "cell_label",
    "compare",
    "verdict_label",
    "what_differs",
]

Status = Literal["triggered", "not_triggered", "absent"]
DIRECTIONS = ("iop", "grant", "procurement")
_SEVERITY_RANK = {"blocker": 0, "high": 1, "warning": 2, "info": 3}


@dataclass(frozen=True)
class Verdict:
    """One framework's verdict on one rule for this screening."""

    framework: str
    status: Status
    severity: str = ""
    direction: str = ""
    title: str = ""
    explanation: str = ""
    citations: tuple[Citation, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two verdicts "the same": not triggering and not existing count alike."""
        if self.status != "triggered":
            return ("none", "", "")
        return ("triggered", self.severity, self.direction)


def verdict_label(v: Verdict, lang: str = "sv") -> str:
    """"Stor risk – pekar mot upphandling", "Slår inte till", "Finns inte i ramverket"."""
    if v.status == "absent":
        return t("summary.cmp_absent", lang)
    if v.status == "not_triggered":
        return t("summary.cmp_not_triggered", lang)
    return t("summary.cmp_triggered", lang, severity=t(f"severity.{v.severity}", lang),
             direction=t(f"summary.dir_{v.direction}", lang))


def cell_label(v: Verdict, lang: str = "sv") -> str:
    """A short verdict for a table cell: "Stor risk (upphandling)", "Slår inte till"."""
    if v.status != "triggered":
        return verdict_label(v, lang)
    severity = t(f"severity.{v.severity}", lang)
    if v.direction in DIRECTIONS:
        return t("summary.cmp_cell", lang, severity=severity, direction=t(f"summary.dir_short_{v.direction}", lang))
    return severity


@dataclass(frozen=True)
class ComparisonRow:
    rule_id: str
    title: str
    verdicts: tuple[Verdict, ...]
    differs: bool
    groups: tuple[str, ...]
    """Which frameworks say what, with their citations: "Mora och Helsingborg: stor risk, … (…)"."""
    reasons: tuple[str, ...]
    """The deviating frameworks' own explanations (empty when all explain it alike)."""

    @property
    def who(self) -> str:
        return "; ".join(self.groups) + "."

    @property
    def why(self) -> str:
        return " ".join(self.reasons)

    @property
    def explanation(self) -> str:
        return f"{self.who} {self.why}".strip()

    def verdict(self, framework_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.framework == framework_id)


@dataclass(frozen=True)
class ClassificationRow:
    assessments: tuple[Assessment, ...]
    differs: bool
    explanation: str

    def label(self, framework_id: str, lang: str = "sv") -> str:
        a = next(a for a in self.assessments if a.framework == framework_id)
        return f"{light_label(a.traffic_light, lang)} – {leaning_label(a.classification, lang)}"


@dataclass(frozen=True)
class Comparison:
    frameworks: tuple[str, ...]
    classification: ClassificationRow
    rows: tuple[ComparisonRow, ...]

    @property
    def differing(self) -> tuple[ComparisonRow, ...]:
        return tuple(r for r in self.rows if r.differs)


def _short(fid: str, lang: str = "sv") -> str:
    return frameworks(lang)[fid].short


def _names(fids: Sequence[str], lang: str) -> str:
    names = [_short(f, lang) for f in fids]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + t("summary.cmp_and", lang) + names[-1]


def _verdict(fid: str, rule: Rule | None, finding: Finding | None) -> Verdict:
    if rule is None:
        return Verdict(fid, "absent")
    if finding is None:
        return Verdict(fid, "not_triggered", rule.severity, rule.direction, rule.title, rule.explanation,
                       tuple(rule.citations))
    return Verdict(fid, "triggered", finding.severity, finding.direction, finding.title, finding.explanation,
                   tuple(finding.citations))


def _explain_row(
    verdicts: Sequence[Verdict], baseline: dict[str, Any], lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(who says what, one group per verdict with its citations; the deviating frameworks' reasons)."""
    groups: dict[tuple[str, str, str], list[Verdict]] = {}
    for v in verdicts:
        key = (v.status, v.severity, v.direction) if v.status == "triggered" else (v.status, "", "")
        groups.setdefault(key, []).append(v)

    def order(item: tuple[tuple[str, str, str], list[Verdict]]) -> tuple[int, int]:
        (status, severity, _), _vs = item
        return ({"triggered": 0, "not_triggered": 1, "absent": 2}[status], _SEVERITY_RANK.get(severity, 9))

    parts = []
    for (status, _sev, _dir), vs in sorted(groups.items(), key=order):
        names = _names([v.framework for v in vs], lang)
        if status == "triggered":
            cites = list(dict.fromkeys(c for v in vs for c in v.citations))
            parts.append(t("summary.cmp_group_triggered", lang, names=names,
                           verdict=lower_first(verdict_label(vs[0], lang)), citations=cite_all(cites, lang)))
        elif status == "not_triggered":
            parts.append(t("summary.cmp_group_not_triggered", lang, names=names))
        else:
            parts.append(t("summary.cmp_group_absent", lang, names=names))
    base_explanation = baseline.get("explanation", "")
    why = []
    for v in verdicts:
        if v.status != "triggered" or not v.explanation or v.explanation == base_explanation:
            continue
        name = _short(v.framework, lang)
        # "Mora: Moras checklista …" would name it twice: left out when the text starts with it
        why.append(v.explanation if name in v.explanation[:30] else f"{name}: {v.explanation}")
    return tuple(p[:1].upper() + p[1:] for p in parts), tuple(why)


def _differing(x: Assessment, ref: Assessment, rule_ids: list[str], lang: str) -> list[str]:
    """The findings among `rule_ids` that `x` and `ref` do not share alike, worded from x's side."""
    mine = {f.rule_id: f for f in x.findings}
    theirs = {f.rule_id: f for f in ref.findings}
    items = []
    for rid in dict.fromkeys(rule_ids):
        a, b = mine.get(rid), theirs.get(rid)
        if a and b and (a.severity, a.direction) == (b.severity, b.direction):
            continue
        if a and b:
            items.append(t("summary.cmp_item_severity", lang, title=lower_first(a.title),
                           severity=t(f"severity.{a.severity}", lang).lower()))
        elif a:
            items.append(lower_first(a.title))
        elif b:
            items.append(t("summary.cmp_item_absent", lang, title=b.title))
    return items


def _must(x: Assessment, ref: Assessment, rule_ids: list[str], lang: str) -> tuple[list[str], list[Citation]]:
    """Findings that x's own criteria list makes a must and the reference's does not, and that
    list's source."""
    test = legal_test(lang)
    own = criteria_list(frameworks(lang)[x.framework], test)
    other = criteria_list(frameworks(lang)[ref.framework], test)
    found = {f.rule_id: f for f in x.findings}
    items = [t("summary.cmp_item_must", lang, title=lower_first(found[rid].title))
             for rid in dict.fromkeys(rule_ids)
             if rid in found and found[rid].theme in own.must and found[rid].theme not in other.must]
    return items, [own.source] if items else []


def _what_differs(x: Assessment, ref: Assessment, lang: str) -> tuple[str, list[Citation]]:
    step, other = deciding_step(x), deciding_step(ref)
    decisive = [*(step.rule_ids if step else ()), *(other.rule_ids if other else ())]
    items, sources = _differing(x, ref, decisive, lang), []
    if not items:
        items, sources = _must(x, ref, list(step.rule_ids) if step else [], lang)
    if not items:
        concerns = [f.rule_id for a in (x, ref) for f in a.findings if f.direction != "iop" and f.severity != "info"]
        items = _differing(x, ref, concerns, lang)
    if not items and step is not None and step.reason:
        items = [lower_first(step.reason.rstrip("."))]
    return ", ".join(items), sources


def what_differs(x: Assessment, ref: Assessment, lang: str = "sv") -> str:
    """Why `x` comes out other than `ref`, named by findings: those of the deciding steps that the
    two frameworks do not share alike; else a finding x's own criteria list makes a must (with
    the list's source); else any concern they do not share; else the deciding step's reason.
    Never points."""
    text, sources = _what_differs(x, ref, lang)
    return f"{text} ({cite_all(sources, lang)})" if sources else text


def _group_differs(group: list[Assessment], ref: Assessment, lang: str) -> str:
    """"Mora och Botkyrka, i steget ”…”: <what>": one text when they differ alike (their sources
    together), else each framework's own, named."""
    items = [(*_what_differs(a, ref, lang), a.framework) for a in group]
    if len({text for text, _, _ in items}) == 1:
        sources = list(dict.fromkeys(c for _, cs, _ in items for c in cs))
        what = items[0][0] + (f" ({cite_all(sources, lang)})" if sources else "")
    else:
        what = ", ".join(f"{text}{' – ' + cite_all(cs, lang) if cs else ''} ({_short(fid, lang)})"
                         for text, cs, fid in items)
    names = _names([a.framework for a in group], lang)
    steps = list(dict.fromkeys(s.title for a in group if (s := deciding_step(a)) is not None))
    if len(steps) == 1:
        return t("summary.cmp_differs_in_step", lang, names=names, step=steps[0], what=what)
    return t("summary.cmp_differs_group", lang, names=names, what=what)


def _explain_classification(assessments: Sequence[Assessment], lang: str) -> str:
    """"Samma svar ger olika samlad bedömning. <who says what>. Det som skiljer: <per group, the
    findings that differ from the largest group's (the national framework's on a tie)>."""
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for a in assessments:
        groups.setdefault((a.classification, a.traffic_light), []).append(a)
    if len(groups) == 1:
        return t("summary.cmp_class_same", lang)
    who = "; ".join(
        f"{_names([a.framework for a in group], lang)}: {light_label(light, lang).lower()} – {lower_first(leaning_label(c, lang))}"
        for (c, light), group in groups.items()
    )
    reference = max(groups.values(), key=lambda g: (len(g), any(a.framework == NATIONAL for a in g)))
    ref = next((a for a in reference if a.framework == NATIONAL), reference[0])
    parts = [_group_differs(group, ref, lang) for group in groups.values() if group is not reference]
    return t("summary.cmp_class_differs", lang, who=who, what="; ".join(parts))


def compare(
    screening: Screening, *, assessments: Sequence[Assessment] | None = None, lang: str = "sv"
) -> Comparison:
    """Compare the screening across all frameworks (assessments may be passed in if already made)."""
    results = tuple(assessments) if assessments is not None else tuple(assess_all(screening, lang))
    fws = frameworks(lang)
    national = fws[NATIONAL]
    fids = tuple(a.framework for a in results)
    found = {a.framework: {f.rule_id: f for f in a.findings} for a in results}
    rows = []
    for base in base_rules():
        rid = base["id"]
        if not any(rid in found[fid] for fid in fids):
            continue
        verdicts = tuple(_verdict(fid, fws[fid].rule(rid), found[fid].get(rid)) for fid in fids)
        differs = len({v.key for v in verdicts}) > 1
        # What deviating frameworks are compared with: the national rule, or the catalogue's text
        # for a rule SKR does not use (e.g. VGR's "cannot be applied for").
        rule = national.rule(rid)
        reference = {"title": rule.title, "explanation": rule.explanation} if rule else base
        rows.append(ComparisonRow(rid, reference["title"], verdicts, differs, *_explain_row(verdicts, reference, lang)))
    classification = ClassificationRow(
        results,
        len({(a.classification, a.traffic_light) for a in results}) > 1,
        _explain_classification(results, lang),
    )
    return Comparison(fids, classification, tuple(rows))
