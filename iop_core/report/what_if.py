""""Tänk om…": switches that change one fact of a case, and what that does to the assessment.

The switches are data (data/what_if.toml): a label, the fact it sets, and a claim that can be
checked ("the procurement points go up on this demo case"). `apply()` returns a changed *copy*
of a screening; the user's own screening is never touched. `explain_change()` compares two
assessments finding by finding, so the trainer can show which rule, with which citation,
caused the move.

Co-financing is one fact with two faces: the organisation's share of the budget and the answers
"Vad bidrar organisationen själv med?" / "Betalar kommunen i stort sett alla kostnader?". A
switch with `org_share` sets all of them consistently (`set_org_share`):
- share 0: the organisation's budget lines are removed, `org_contribution = "none"`, and
  `public_covers_all_costs` becomes True unless another financier is in the budget;
- share s > 0: the organisation's lines are scaled (their quantities) so that they make up s of
  all inputs; with no organisation lines, one line of volunteer time per budget year is added.
  `org_contribution` follows the kinds of the organisation's lines (or "in_kind" if there is no
  budget and the answer was "none"), and `public_covers_all_costs` becomes False.
The thresholds the budget rules use live in iop_core.budget.totals; nothing here judges anything.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, Literal

from pydantic import ValidationError

from iop_core.budget.totals import line_value
from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import DATA, CatalogueError, overlay, questions
from iop_core.screening.model import (
    DEFAULT_VOLUNTEER_RATE,
    Assessment,
    BudgetLine,
    Citation,
    Screening,
    fact_value,
    set_fact,
)

Score = Literal["iop", "grant", "procurement"]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Switch:
    """One "Tänk om…" switch (see data/what_if.toml for the fields)."""

    id: str
    topic: str
    label: str
    claim: str
    score: Score
    direction: Literal["up", "down", "same"]
    demo_case: str
    set: tuple[tuple[str, Any], ...] = ()
    org_share: Decimal | None = None
    expect_classification: str | None = None
    expect_light: str | None = None

    def facts(self) -> tuple[str, ...]:
        """The fact paths the switch touches."""
        if self.org_share is not None:
            return ("initiative.org_contribution", "initiative.public_covers_all_costs", "budget.lines")
        return tuple(path for path, _ in self.set)


@cache
def switches(lang: str = DEFAULT_LANGUAGE) -> tuple[Switch, ...]:
    """All switches, in file order, label and claim in `lang` (data/i18n/<lang>.toml [what_if]).
    Invalid data fails here with the switch id in the message."""
    if lang != DEFAULT_LANGUAGE:
        texts = overlay(lang, "what_if", {sw.id for sw in switches()})
        return tuple(replace(sw, **texts.get(sw.id, {})) for sw in switches())
    raw = tomllib.loads((DATA / "what_if.toml").read_text(encoding="utf-8"))
    out: list[Switch] = []
    for body in raw.get("switch", []):
        body = dict(body)
        sid = body.get("id", "?")
        where = f"what_if.toml switch {sid!r}"
        changes = tuple(body.pop("set", {}).items())
        share = body.pop("org_share", None)
        if (not changes) == (share is None):
            raise CatalogueError(f"{where}: needs exactly one of `set` and `org_share`")
        try:
            sw = Switch(set=changes, org_share=None if share is None else Decimal(str(share)), **body)
        except TypeError as exc:
            raise CatalogueError(f"{where}: {exc}") from None
        for path, _ in sw.set:
            if path not in questions():
                raise CatalogueError(f"{where}: unknown fact {path!r}; see questions.toml")
        if sw.org_share is not None and not Decimal(0) <= sw.org_share < 1:
            raise CatalogueError(f"{where}: org_share must be at least 0 and below 1")
        if sw.score not in ("iop", "grant", "procurement") or sw.direction not in ("up", "down", "same"):
            raise CatalogueError(f"{where}: score must be iop|grant|procurement and direction up|down|same")
        try:
            apply(Screening(), sw)
        except ValidationError as exc:
            raise CatalogueError(f"{where}: a value does not fit the model: {exc}") from None
        out.append(sw)
    if len({s.id for s in out}) != len(out):
        raise CatalogueError("what_if.toml: duplicate switch id")
    return tuple(out)


def switch(switch_id: str, lang: str = DEFAULT_LANGUAGE) -> Switch:
    for sw in switches(lang):
        if sw.id == switch_id:
            return sw
    raise KeyError(f"unknown switch {switch_id!r}; see iop_core/data/what_if.toml")


def apply(screening: Screening, sw: Switch) -> Screening:
    """A copy of `screening` with the switch's fact changed. The input is never mutated."""
    out = screening.model_copy(deep=True)
    for path, value in sw.set:
        set_fact(out, path, value)
    if sw.org_share is not None:
        set_org_share(out, sw.org_share)
    return out


def changes_anything(screening: Screening, sw: Switch) -> bool:
    """False when the case already is what the switch would make it."""
    return apply(screening, sw).model_dump() != screening.model_dump()


def _sum(lines: list[BudgetLine]) -> Decimal:
    return sum((line_value(x) for x in lines), Decimal(0))


def set_org_share(s: Screening, share: Decimal) -> None:
    """Rewrite `s` (in place) so the organisation stands for `share` of all inputs (see module doc)."""
    lines = s.budget.lines
    org = [x for x in lines if x.party == "organisation"]
    rest = [x for x in lines if x.party != "organisation"]
    rest_total = _sum(rest)
    if share == 0:
        s.budget.lines = rest
        s.initiative.org_contribution = "none"
        s.initiative.public_covers_all_costs = _sum([x for x in rest if x.party == "other"]) == 0
        return
    if rest_total > 0:
        target = (rest_total * share / (1 - share)).quantize(CENT, rounding=ROUND_HALF_UP)
        org_total = _sum(org)
        if org_total > 0:
            factor = target / org_total
            org = [
                x.model_copy(update={"quantity": (x.quantity * factor).quantize(CENT, rounding=ROUND_HALF_UP)})
                for x in org
            ]
            s.budget.lines = [*rest, *org]
        else:
            s.budget.lines = [*rest, *_volunteer_lines(s, rest, rest_total, target)]
    kinds = {x.kind for x in s.budget.lines if x.party == "organisation" and line_value(x) > 0}
    if kinds:
        s.initiative.org_contribution = "both" if len(kinds) == 2 else next(iter(kinds))
    elif s.initiative.org_contribution in (None, "none"):
        s.initiative.org_contribution = "in_kind"
    s.initiative.public_covers_all_costs = False
    if s.initiative.payment_model == "cost_cover":  # the public side no longer covers the costs
        s.initiative.payment_model = "contribution"


def _volunteer_lines(s: Screening, rest: list[BudgetLine], rest_total: Decimal, target: Decimal) -> list[BudgetLine]:
    """Volunteer hours per budget year, in proportion to that year's other inputs."""
    rate = s.budget.volunteer_hourly_rate or DEFAULT_VOLUNTEER_RATE
    years = sorted({x.year for x in rest})
    out = []
    for year in years:
        year_value = target * _sum([x for x in rest if x.year == year]) / rest_total
        hours = (year_value / rate).quantize(CENT, rounding=ROUND_HALF_UP)
        if hours > 0:
            out.append(BudgetLine(party="organisation", category="ideellt arbete", kind="in_kind",
                                  quantity=hours, unit="timmar", unit_value=rate, year=year,
                                  note="Tänk om…"))
    return out


# --- what changed -----------------------------------------------------------------------------

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class FindingChange:
    """A finding that appeared, disappeared or changed severity/direction between two assessments."""

    kind: ChangeKind
    rule_id: str
    title: str
    direction: str
    severity_before: str | None
    severity_after: str | None
    citations: tuple[Citation, ...]
    facts: tuple[str, ...] = ()


def explain_change(before: Assessment, after: Assessment) -> list[FindingChange]:
    """Findings added, removed or changed (severity or direction), with rule ids and citations.

    Added and changed findings carry the *after* finding's text and citations, removed ones the
    *before* finding's. Order: removed, changed, added, each in the assessments' own order.
    """
    old = {f.rule_id: f for f in before.findings}
    new = {f.rule_id: f for f in after.findings}
    removed = [
        FindingChange("removed", f.rule_id, f.title, f.direction, f.severity, None, tuple(f.citations), tuple(f.facts))
        for f in before.findings if f.rule_id not in new
    ]
    changed = [
        FindingChange("changed", f.rule_id, f.title, f.direction, old[f.rule_id].severity, f.severity,
                      tuple(f.citations), tuple(f.facts))
        for f in after.findings
        if f.rule_id in old and (old[f.rule_id].severity, old[f.rule_id].direction) != (f.severity, f.direction)
    ]
    added = [
        FindingChange("added", f.rule_id, f.title, f.direction, None, f.severity, tuple(f.citations), tuple(f.facts))
        for f in after.findings if f.rule_id not in old
    ]
    return [*removed, *changed, *added]


def score_moves(before: Assessment, after: Assessment) -> dict[str, int]:
    """Change of the points towards iop, grant and procurement (after minus before)."""
    keys = ("iop", "grant", "procurement")
    return {k: after.scores.get(k, 0) - before.scores.get(k, 0) for k in keys}


def claim_holds(sw: Switch, before: Assessment, after: Assessment) -> bool:
    """Did the points move the way the switch claims?"""
    move = score_moves(before, after)[sw.score]
    return {"up": move > 0, "down": move < 0, "same": move == 0}[sw.direction]


def fact_changes(before: Screening, sw: Switch) -> list[tuple[str, Any, Any]]:
    """(fact path, value before, value after) for the question facts the switch touches."""
    after = apply(before, sw)
    out = []
    for path in sw.facts():
        if path in questions():
            old, new = fact_value(before, path), fact_value(after, path)
            if old != new:
                out.append((path, old, new))
    return out
