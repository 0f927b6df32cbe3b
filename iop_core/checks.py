"""Rules a flag cannot express: value declaration, documents, word choice, budget ratios.

Each check is registered under the name a rule's `check` field uses in data/rules.toml, where the
rule's title, severity and citations live. A check only says *whether* the rule triggers and
*which facts* triggered it (plain Swedish lines); it never decides the overall leaning.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache

from iop_core import budget as budget_maths
from iop_core.catalogue import DATA, Framework
from iop_core.model import VALUE_POINTS, Screening
from iop_core.wording import WordHit, check_texts

Check = Callable[[Screening, Framework], list[str]]
"""Returns the facts that triggered the rule; an empty list means the rule does not trigger."""

CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


@cache
def value_declaration_text() -> dict:
    """Mora's declaration: intro, points (id -> text) and citation."""
    raw = tomllib.loads((DATA / "value_declaration.toml").read_text(encoding="utf-8"))
    points = {p["id"]: p["text"] for p in raw["point"]}
    assert tuple(points) == VALUE_POINTS, "value_declaration.toml must list VALUE_POINTS in order"
    return {"intro": raw["intro"], "points": points, "citation": raw["citation"]}


def value_declaration_started(s: Screening) -> bool:
    vd = s.value_declaration
    return bool(vd.confirmed or vd.signer_name or vd.signed_on)


def value_declaration_gaps(s: Screening) -> list[str]:
    """Unconfirmed points and missing signature fields, named for the user."""
    vd = s.value_declaration
    points = value_declaration_text()["points"]
    gaps = []
    for pid in VALUE_POINTS:
        state = vd.confirmed.get(pid)
        name = "Rutiner för medarbetare" if pid == "routines" else f"Punkt {pid}"
        if state is False:
            gaps.append(f"{name} kan inte intygas: {points[pid]}")
        elif state is None:
            gaps.append(f"{name} är inte intygad: {points[pid]}")
    for label, value in (
        ("namn", vd.signer_name),
        ("roll", vd.signer_role),
        ("organisation", vd.signer_organisation),
        ("datum", vd.signed_on),
    ):
        if not value:
            gaps.append(f"Underskriftens {label} saknas.")
    return gaps


@check("value_declaration")
def _value_declaration(s: Screening, fw: Framework) -> list[str]:
    # An untouched declaration is missing information (see assessment.missing_facts), not a verdict.
    return value_declaration_gaps(s) if value_declaration_started(s) else []


def documents_outstanding(s: Screening, fw: Framework) -> list[str]:
    """Required documents not uploaded, with what the user said about each."""
    out = []
    for spec in fw.documents:
        entry = s.documents.get(spec.id)
        status = entry.status if entry else None
        if status == "uploaded" and entry and entry.file:
            continue
        if status == "missing":
            reason = f" Skäl: {entry.reason}" if entry and entry.reason.strip() else ""
            out.append(f"{spec.label}: finns inte.{reason}")
        elif status == "later":
            out.append(f"{spec.label}: lämnas senare.")
        else:
            out.append(f"{spec.label}: inte uppladdad.")
    return out


@check("documents_missing")
def _documents_missing(s: Screening, fw: Framework) -> list[str]:
    return documents_outstanding(s, fw)


def free_texts(s: Screening) -> dict[str, str]:
    """Every free text a user wrote that the word check reads, by display name."""
    i = s.initiative
    texts = {
        "Utmaning": i.challenge,
        "Mål": i.goal,
        "Målgrupp": i.target_group,
        "Aktiviteter": i.activities,
        "Vad som inte ingår": i.not_included,
        "Utbetalning": s.budget.terms.payment_how,
        "Överskott": s.budget.terms.surplus_handling,
    }
    texts.update({f"Avtalsutkast: {k}": v for k, v in s.agreement.sections.items()})
    return {k: v for k, v in texts.items() if v}


def word_hits(s: Screening) -> list[WordHit]:
    return check_texts(free_texts(s))


def _describe(hits: list[WordHit]) -> list[str]:
    return [f"{h.field}: {h.message()}" for h in hits]


@check("commercial_wording")
def _commercial_wording(s: Screening, fw: Framework) -> list[str]:
    return _describe([h for h in word_hits(s) if not h.sanction])


@check("sanction_wording")
def _sanction_wording(s: Screening, fw: Framework) -> list[str]:
    return _describe([h for h in word_hits(s) if h.sanction])


def _share_line(party: str, summary: budget_maths.BudgetSummary) -> str:
    label = budget_maths.PARTY_LABELS[party]
    return (
        f"{label} står för {budget_maths.format_sek(summary.party(party))} av "
        f"{budget_maths.format_sek(summary.total)} ({budget_maths.format_share(summary.share(party))})."
    )


@check("budget_org_share_low")
def _budget_org_share_low(s: Screening, fw: Framework) -> list[str]:
    summary = budget_maths.summarise(s.budget)
    if summary.is_empty or summary.org_share >= budget_maths.ORG_SHARE_MINIMUM:
        return []
    return [_share_line("organisation", summary), "Gränsen i appen är 5 % av alla insatser."]


@check("budget_public_pays_all")
def _budget_public_pays_all(s: Screening, fw: Framework) -> list[str]:
    summary = budget_maths.summarise(s.budget)
    if summary.is_empty or summary.public_share < budget_maths.PUBLIC_SHARE_MAXIMUM:
        return []
    return [_share_line("public", summary), "Gränsen i appen är 95 % av alla insatser."]


@check("budget_public_only_money")
def _budget_public_only_money(s: Screening, fw: Framework) -> list[str]:
    summary = budget_maths.summarise(s.budget)
    money = summary.by_party_kind.get(("public", "money"), 0)
    in_kind = summary.by_party_kind.get(("public", "in_kind"), 0)
    if money > 0 and in_kind == 0:
        return ["Den offentliga parten har bara rader med pengar i budgeten."]
    return []


@check("budget_per_unit_payment")
def _budget_per_unit_payment(s: Screening, fw: Framework) -> list[str]:
    return [
        f"{line.category}: {line.quantity} {line.unit} à {budget_maths.format_sek(line.unit_value)} ({line.year})."
        for line in budget_maths.per_unit_public_money(s.budget)
    ]


@check("budget_cofinanced")
def _budget_cofinanced(s: Screening, fw: Framework) -> list[str]:
    summary = budget_maths.summarise(s.budget)
    if summary.is_empty or summary.party("public") == 0:
        return []
    if summary.org_share < budget_maths.ORG_SHARE_MINIMUM:
        return []
    return [_share_line("organisation", summary), _share_line("public", summary)]
