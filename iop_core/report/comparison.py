"""The same screening under every framework, side by side: where the frameworks agree and differ.

`compare(screening)` gives one row per rule that triggers under at least one framework, with
each framework's verdict (triggered with severity and direction, not triggered, or not part of
that framework), a `differs` flag and a plain-Swedish explanation built from the rules' own
texts and citations; plus the classification row (the overall leaning per framework).
Where the case sits between grant, IOP and procurement is iop_core.report.picture.

It never re-decides anything: verdicts come from iop_core.rules.assessment. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Sequence

from iop_core.data_folder import NATIONAL
from iop_core.format import cite_all, lower_first, quote
from iop_core.rules.assessment import assess_all, weight
from iop_core.rules.catalogue import Rule, base_rules, frameworks
from iop_core.i18n import t
from iop_core.screening.model import Assessment, Citation, Finding, Screening
from iop_core.report.picture import leaning_label, light_label

__all__ = [
    "ClassificationRow",
    "Comparison",
    "ComparisonRow",
    "Verdict",
    "cell_label",
    "compare",
    "verdict_label",
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


def _weight(v: Verdict) -> tuple[str, int]:
    """What a verdict adds to the leaning: points towards a direction, or a blocker."""
    if v.status != "triggered":
        return ("", 0)
    if v.severity == "blocker":
        return ("blocker", 1)
    return (v.direction, weight(v.severity, frameworks()[v.framework])) if v.direction in DIRECTIONS else ("", 0)


def _weighs_differently(row: ComparisonRow) -> bool:
    return len({_weight(v) for v in row.verdicts}) > 1


def _explain_classification(assessments: Sequence[Assessment], rows: Sequence[ComparisonRow], lang: str) -> str:
    distinct = {(a.classification, a.traffic_light) for a in assessments}
    if len(distinct) == 1:
        return t("summary.cmp_class_same", lang)
    groups: dict[tuple[str, str], list[str]] = {}
    for a in assessments:
        groups.setdefault((a.classification, a.traffic_light), []).append(a.framework)
    who = "; ".join(
        f"{_names(fids, lang)}: {light_label(light, lang).lower()} – {lower_first(leaning_label(c, lang))}"
        for (c, light), fids in groups.items()
    )
    titles = ", ".join(quote(r.title, lang) for r in rows if r.differs and _weighs_differently(r)) or t(
        "summary.cmp_class_weighing", lang)
    return t("summary.cmp_class_differs", lang, who=who, rows=titles)


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
        _explain_classification(results, rows, lang),
    )
    return Comparison(fids, classification, tuple(rows))
