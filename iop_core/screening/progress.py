"""Where the user is in the walk: each step's state, computed from the Screening alone.

States: not_started, in_progress, done, attention (something on the step needs fixing). The
steps are iop_core.screening.model.STEPS, in the order of the walk. It never stores anything;
the sidebar calls it on every rerun.
"""

from __future__ import annotations

from typing import Literal

from iop_core.rules.catalogue import framework, questions_for
from iop_core.rules.checks import documents_outstanding, value_declaration_gaps, value_declaration_started
from iop_core.screening.model import STEPS, Assessment, Screening, fact_value
from iop_core.report.outline import build_outline

StepState = Literal["not_started", "in_progress", "done", "attention"]


def _serious(assessment: Assessment, step: str) -> bool:
    """A finding of this step (its theme's step, data/themes.toml) that needs fixing."""
    return any(f.severity in ("high", "blocker") and f.direction != "iop" for f in assessment.findings_for(step))


def step_states(s: Screening, assessment: Assessment) -> dict[str, StepState]:
    """Each step's state, in the order of STEPS."""
    fw = framework(s.framework)
    states: dict[str, StepState] = {}

    org = s.organisation
    start_filled = [s.role is not None, bool(org.name), bool(org.public_partner)]
    states["start"] = "done" if all(start_filled) else "in_progress" if any(start_filled) else "not_started"

    qs = questions_for(s.framework)
    answered = [q for q in qs if fact_value(s, q.id) is not None]
    key_open = [q for q in qs if q.key and fact_value(s, q.id) is None]
    if not answered:
        states["initiative"] = "not_started"
    elif _serious(assessment, "initiative"):
        states["initiative"] = "attention"
    else:
        states["initiative"] = "in_progress" if key_open else "done"

    touched_docs = any(e.status for e in s.documents.values()) or s.statutes.has_statutes is not None
    outstanding = documents_outstanding(s, fw)
    if not touched_docs:
        states["documents"] = "not_started"
    elif _serious(assessment, "documents") or any(
        s.documents.get(spec.id) and s.documents[spec.id].status == "missing" for spec in fw.documents
    ):  # a required document that does not exist; an optional one marked "finns inte" is fine
        states["documents"] = "attention"
    else:
        states["documents"] = "done" if not outstanding and s.statutes.has_statutes is not None else "in_progress"

    if not value_declaration_started(s):
        states["values"] = "not_started"
    elif any(v is False for v in s.value_declaration.confirmed.values()):
        states["values"] = "attention"
    else:
        states["values"] = "done" if not value_declaration_gaps(s) else "in_progress"

    if not s.budget.lines and not s.budget.drafts:
        states["budget"] = "not_started"
    elif s.budget.drafts or _serious(assessment, "budget"):
        states["budget"] = "attention"
    else:
        states["budget"] = "done"

    # The summary is done only when the steps it sums up are: answers alone are not a summary.
    declaration_required = any(r.check == "value_declaration" and r.severity == "blocker" for r in fw.rules)
    needed = ["initiative", "documents", "budget"] + (["values"] if declaration_required else [])
    if states["initiative"] == "not_started":
        states["summary"] = "not_started"
    elif assessment.classification in ("procurement", "not_eligible"):
        states["summary"] = "attention"
    elif assessment.classification == "uncertain" or any(states[step] != "done" for step in needed):
        states["summary"] = "in_progress"
    else:
        states["summary"] = "done"

    states["agreement"] = agreement_state(s)
    return {step: states[step] for step in STEPS}  # in the walk's order; a step with no state fails here


def agreement_state(s: Screening) -> StepState:
    """Done when both contact persons are named and every section of the outline has a text."""
    a = s.agreement
    contacts = [a.contact_public.strip(), (a.contact_organisation or s.organisation.contact_name).strip()]
    if not any(v.strip() for v in a.sections.values()) and not (a.contact_public or a.contact_organisation):
        return "not_started"
    if all(contacts) and all(sec.text.strip() for sec in build_outline(s).sections):
        return "done"
    return "in_progress"
