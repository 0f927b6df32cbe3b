"""The change log in words: each audit line as the register's pages name things.

The audit table keeps codes written by the register itself ("step", "first_meeting 2026-12-01",
"decision", "iop_agreed 2026-12-01"); `describe()` turns a line into "Steg klart: Initiativtagarna
inbjudna till ett första möte (2026-12-01)", with step titles and decision labels from
process.toml and times in Swedish time. Pure; no Streamlit.
"""

from __future__ import annotations

from datetime import date, datetime

from iop_core.clock import stamp
from iop_core.council.process import decisions, process
from iop_core.i18n import t
from iop_core.storage.cases import POLICY_AREAS

ORGANISATION = "organisation"


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def _step(framework_id: str, detail: str, lang: str) -> str:
    step_id, _, rest = detail.partition(" ")
    step = process(framework_id, lang).step(step_id)
    title = step.title if step else t("register.log.unknown_step", lang)
    if rest == "undone":
        return t("register.log.step_undone", lang, step=title)
    return t("register.log.step_done", lang, step=title, date=_date(rest))


def _decision(detail: str, lang: str) -> str:
    outcome, _, on = detail.partition(" ")
    known = decisions(lang).get(outcome)
    if known is None:
        return t("register.log.decision_withdrawn", lang)
    return t("register.log.decision", lang, decision=known.label, date=_date(on))


def _assign(detail: str, lang: str) -> str:
    area = detail.removeprefix("policy area ").strip()
    label = t(f"register.policy.{area}", lang) if area in POLICY_AREAS else t("register.policy.unset", lang)
    return t("register.log.assign", lang, area=label)


def _number(detail: str) -> str:
    return "".join(c for c in detail if c.isdigit())


def describe(action: str, detail: str, framework_id: str, lang: str = "sv") -> str:
    """One audit line's "Vad", in words."""
    if action == "submitted":
        return t("register.log.submitted", lang)
    if action == "resubmitted":
        return t("register.log.resubmitted", lang, n=_number(detail))
    if action == "step":
        return _step(framework_id, detail, lang)
    if action == "note":
        return t("register.log.note", lang, n=_number(detail))
    if action == "assign":
        return _assign(detail, lang)
    if action == "decision":
        return _decision(detail, lang)
    if action == "erased":
        return t("register.log.erased", lang)
    return t("register.log.other", lang)


def actor(who: str, lang: str = "sv") -> str:
    return t("register.log.organisation", lang) if who == ORGANISATION else who


def when(at: datetime) -> str:
    """The time in Swedish time, "2026-12-06 10:28"."""
    return stamp(at)
