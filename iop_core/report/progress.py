"""Where the user is in the walk: each step's state, computed from the Screening and its assessment.

States: not_started, in_progress, done, attention (something on the step needs fixing). The
steps are iop_core.screening.model.STEPS, in the order of the walk. A step's state follows what
was answered on that step (the period on Budget starts Budget); the summary, which asks nothing,
is started once opened. It never stores anything; the sidebar calls it on every rerun. It sits
with what the app shows because it reads the findings, the documents outstanding and the filled
agreement outline.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from iop_core.budget.terms import term_problems, years_uncovered
from iop_core.report.outline import build_outline
from iop_core.rules.catalogue import framework, questions_for
from iop_core.rules.checks import documents_outstanding, value_declaration_gaps, value_declaration_started
from iop_core.screening.model import (
    DEFAULT_VOLUNTEER_RATE,
    STEPS,
    Assessment,
    BudgetTerms,
    Screening,
    fact_value,
)

INITIATIVE_TEXTS = ("challenge", "goal", "target_group", "activities", "not_included")
"""The free texts of Initiativet (its last tab): writing one starts the step."""

StepState = Literal["not_started", "in_progress", "done", "attention"]


def _serious(assessment: Assessment, step: str) -> bool:
    """A finding of this step (its theme's step, data/themes.toml) that needs fixing."""
    return any(f.severity in ("high", "blocker") and f.direction != "iop" for f in assessment.findings_for(step))


def step_states(s: Screening, assessment: Assessment, *, seen: Collection[str] = ()) -> dict[str, StepState]:
    """Each step's state, in the order of STEPS. A step is started by an answer given on it; the
    summary asks nothing, so it is started when the user has opened it (`seen`: the steps opened
    in this session, kept by the app)."""
    fw = framework(s.framework)
    states: dict[str, StepState] = {
        "start": _start_state(s),
        "initiative": _initiative_state(s, assessment),
        "documents": _documents_state(s, assessment, fw),
        "values": _values_state(s),
        "budget": _budget_state(s, assessment),
    }
    states["summary"] = _summary_state(assessment, fw, states) if "summary" in seen else "not_started"
    states["agreement"] = agreement_state(s)
    return {step: states[step] for step in STEPS}  # in the walk's order; a step with no state fails here


def _start_state(s: Screening) -> StepState:
    org = s.organisation
    needed = [s.role is not None, bool(org.name.strip()), bool(org.public_partner.strip())]
    given = [*needed, *(bool(v.strip()) for v in (org.org_number, org.contact_name, org.contact_email))]
    return "done" if all(needed) else "in_progress" if any(given) else "not_started"


def _initiative_state(s: Screening, assessment: Assessment) -> StepState:
    qs = questions_for(s.framework)
    answered = [q for q in qs if fact_value(s, q.id) is not None]
    texts = [name for name in INITIATIVE_TEXTS if fact_value(s, f"initiative.{name}").strip()]
    key_open = [q for q in qs if q.key and fact_value(s, q.id) is None]
    if not answered and not texts:
        return "not_started"
    if _serious(assessment, "initiative"):
        return "attention"
    return "in_progress" if key_open else "done"


def _documents_state(s: Screening, assessment: Assessment, fw) -> StepState:
    st = s.statutes
    touched = any(e.status for e in s.documents.values()) or st.has_statutes is not None \
        or st.democratic is not None or st.members is not None
    if not touched:
        return "not_started"
    if _serious(assessment, "documents") or any(
        s.documents.get(spec.id) and s.documents[spec.id].status == "missing" for spec in fw.documents
    ):  # a required document that does not exist; an optional one marked "finns inte" is fine
        return "attention"
    return "done" if not documents_outstanding(s, fw) and st.has_statutes is not None else "in_progress"


def _values_state(s: Screening) -> StepState:
    vd = s.value_declaration
    if not value_declaration_started(s) and not (vd.signer_role.strip() or vd.signer_organisation.strip()):
        return "not_started"
    if any(v is False for v in vd.confirmed.values()):
        return "attention"
    return "done" if value_declaration_started(s) and not value_declaration_gaps(s) else "in_progress"


def _budget_state(s: Screening, assessment: Assessment) -> StepState:
    """Started by a row, a term or the volunteer rate; done when the rows are counted, cover the
    agreement period and the terms say what Helsingborg 2.7–2.8 asks (the page's own notices)."""
    b = s.budget
    if not b.lines and not b.drafts and b.terms == BudgetTerms() and b.volunteer_hourly_rate == DEFAULT_VOLUNTEER_RATE:
        return "not_started"
    notices = {p.code for p in term_problems(b.terms)}
    if b.drafts or _serious(assessment, "budget") or "period_order" in notices:
        return "attention"
    return "done" if b.lines and not notices and not years_uncovered(b) else "in_progress"


def _summary_state(assessment: Assessment, fw, states: dict[str, StepState]) -> StepState:
    """Done only when the steps it sums up are: answers alone are not a summary."""
    declaration_required = any(r.check == "value_declaration" and r.severity == "blocker" for r in fw.rules)
    needed = ["initiative", "documents", "budget"] + (["values"] if declaration_required else [])
    if assessment.classification in ("procurement", "not_eligible"):
        return "attention"
    if states["initiative"] == "not_started" or assessment.classification == "uncertain" \
            or any(states[step] != "done" for step in needed):
        return "in_progress"
    return "done"


def agreement_state(s: Screening) -> StepState:
    """Done when both contact persons are named and every section of the outline has a text."""
    a = s.agreement
    contacts = [a.contact_public.strip(), (a.contact_organisation or s.organisation.contact_name).strip()]
    if not any(v.strip() for v in a.sections.values()) and not (a.contact_public or a.contact_organisation):
        return "not_started"
    if all(contacts) and all(sec.text.strip() for sec in build_outline(s).sections):
        return "done"
    return "in_progress"
