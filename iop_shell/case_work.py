"""An officer's work on one case of the council's register (pages/9_register.py draws the page):
the process as a checklist with dates, the decision, notes, responsibility and policy area, the
change log in words and GDPR erasure.

Every change is saved with the version of the case the officer saw (state.SEEN_VERSION): a
change made meanwhile by someone else is refused and said, never overwritten. The forms' widgets
carry the case's id and version in their keys (state.CASE_FIELD, STEP_DONE, STEP_DATE), so they
re-seed from the case after every saved change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from iop_core.clock import DATE_FORMAT, stamp, today
from iop_core.council import log
from iop_core.council.officers import Officer
from iop_core.council.process import decisions, process
from iop_core.storage.cases import POLICY_AREAS, CaseStore
from iop_core.storage.errors import CaseConflict, CaseInvalid, CaseNotFound, StorageUnavailable
from iop_shell import council, state
from iop_shell.ui import action, notify, plain, tr

NOTICE = "register"  # the notice slot of Ärenden: what the last change did


def area_label(area: str | None) -> str:
    return tr(f"register.policy.{area or 'unset'}")


def _field(name: str, case: str, default=None):
    return state.widget_value(state.CASE_FIELD.key(field=name, case=case), default)


def _do(change: Callable[[CaseStore, int | None, int | None], int | None]) -> bool:
    """Run one change with the version this officer saw; say what happened, never overwrite.
    True when the change was saved."""
    case_id, seen = state.OPEN_CASE.get(), state.SEEN_VERSION.get()
    try:
        state.SEEN_VERSION.set(change(council.store(), case_id, seen))
    except CaseConflict:
        notify(NOTICE, "error", tr("register.conflict"))
        state.SEEN_VERSION.set(None)
    except CaseInvalid as exc:
        notify(NOTICE, "error", tr("register.invalid", reason=str(exc)))
    except CaseNotFound:
        notify(NOTICE, "error", tr("register.not_found"))
    except StorageUnavailable:
        notify(NOTICE, "error", tr("register.unavailable"))
    else:
        notify(NOTICE, "success", tr("register.saved"))
        return True
    return False


@action
def _save_steps(officer: Officer, step_ids: list[str], before: dict[str, date], case: str) -> None:
    def change(store, case_id, version):
        for sid in step_ids:
            done = state.widget_value(state.STEP_DONE.key(step=sid, case=case))
            on = state.widget_value(state.STEP_DATE.key(step=sid, case=case)) if done else None
            if on != before.get(sid):
                version = store.set_step(officer, case_id, version, sid, on)
        return version
    _do(change)


@action
def _save_assign(officer: Officer, case: str) -> None:
    _do(lambda store, case_id, v: store.assign(officer, case_id, v, _field("case_responsible", case),
                                                _field("case_area", case)))


@action
def _add_note(officer: Officer, case: str) -> None:
    text = _field("case_note", case, "")
    _do(lambda store, case_id, v: store.add_note(officer, case_id, v, text))


@action
def _save_decision(officer: Officer, case: str) -> None:
    outcome = _field("case_decision", case) or None
    _do(lambda store, case_id, v: store.decide(officer, case_id, v, outcome, _field("case_decision_date", case),
                                                _field("case_decision_body", case, "")))


@action
def _erase(officer: Officer) -> None:
    def change(store, case_id, version):
        store.erase(officer, case_id, version)
    if _do(change):
        notify(NOTICE, "success", tr("register.erased"))
        state.OPEN_CASE.set(None)


# --- the forms -------------------------------------------------------------------------------------


def steps_form(officer: Officer, case, gen: str, lang: str) -> None:
    proc = process(case.framework, lang)
    st.subheader(tr("register.process"))
    st.caption(plain(proc.note))
    with st.form(f"steps_{gen}"):
        for step in proc.steps:
            c1, c2 = st.columns([3, 2], vertical_alignment="center")
            c1.checkbox(step.title, value=step.id in case.steps, key=state.STEP_DONE.key(step=step.id, case=gen), wrap=True)
            c2.date_input(tr("register.step_date"), value=case.steps.get(step.id, today()), max_value=today(),
                          format=DATE_FORMAT, key=state.STEP_DATE.key(step=step.id, case=gen), label_visibility="collapsed")
        st.form_submit_button(tr("register.save_steps"), on_click=_save_steps,
                              args=(officer, [s.id for s in proc.steps], dict(case.steps), gen))


def decision_form(officer: Officer, case, gen: str, lang: str) -> None:
    st.subheader(tr("register.decision"))
    options = ["", *decisions(lang)]
    key = {name: state.CASE_FIELD.key(field=name, case=gen) for name in ("case_decision", "case_decision_date",
                                                                         "case_decision_body")}
    with st.form(f"decision_{gen}"):
        st.selectbox(tr("register.decision_outcome"), options=options,
                     index=options.index(case.decision or ""), key=key["case_decision"], placeholder=tr("register.decision_none"),
                     format_func=lambda d: decisions(lang)[d].label if d else tr("register.decision_none"))
        st.date_input(tr("register.decision_date"), value=case.decision_date or today(), max_value=today(),
                      format=DATE_FORMAT, key=key["case_decision_date"])
        st.text_input(tr("register.decision_body"), value=case.decision_body or "", max_chars=300,
                      key=key["case_decision_body"], placeholder=tr("register.decision_body_placeholder"))
        st.form_submit_button(tr("register.save_decision"), on_click=_save_decision, args=(officer, gen))


def notes(officer: Officer, case, gen: str) -> None:
    st.subheader(tr("register.notes"))
    if not case.notes:
        st.caption(tr("register.notes_empty"))
    for note in case.notes:
        st.markdown(f"**{plain(note.author)}** · {stamp(note.at)}\n\n{plain(note.text)}")
    st.text_area(tr("register.note_new"), key=state.CASE_FIELD.key(field="case_note", case=gen), max_chars=10_000)
    st.button(tr("register.note_add"), on_click=_add_note, args=(officer, gen), key="case_note_add")


def assign_form(officer: Officer, case, gen: str) -> None:
    st.subheader(tr("register.assign"))
    with st.form(f"assign_{gen}"):
        st.text_input(tr("register.responsible"), value=case.officer or "", max_chars=200,
                      key=state.CASE_FIELD.key(field="case_responsible", case=gen),
                      placeholder=tr("register.responsible_placeholder"))
        areas = list(POLICY_AREAS)
        st.selectbox(tr("register.policy_area"), options=areas, format_func=area_label,
                     key=state.CASE_FIELD.key(field="case_area", case=gen),
                     index=areas.index(case.policy_area) if case.policy_area in areas else None,
                     placeholder=tr("register.policy_area_placeholder"))
        st.form_submit_button(tr("register.save_assign"), on_click=_save_assign, args=(officer, gen))


def audit(case, trail, lang: str) -> None:
    st.subheader(tr("register.audit"))
    st.dataframe(pd.DataFrame([{tr("register.audit_col_at"): log.when(a.at), tr("register.audit_col_actor"): log.actor(a.actor, lang),
                                tr("register.audit_col_action"): log.describe(a.action, a.detail, case.framework, lang)}
                               for a in trail]), hide_index=True, width="stretch",
                 column_config={tr("register.audit_col_action"): st.column_config.TextColumn(width="large")})


def erase_box(officer: Officer, gen: str) -> None:
    with st.expander(tr("register.erase_title"), icon=":material/delete:"):
        st.caption(tr("register.erase_help"))
        sure = st.checkbox(tr("register.erase_confirm"), key=f"erase_sure_{gen}")
        st.button(tr("register.erase"), on_click=_erase, args=(officer,), disabled=not sure, key="case_erase", type="primary")
