"""Ärenden: the council's register (officers only). The table with filters and search, and one
case: the screening read-only, the process as a checklist with dates, notes, responsibility,
the decision, the meeting note PDF, the audit trail and GDPR erasure."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from iop_core.rules.catalogue import frameworks
from iop_core.screening.persistence import dump_screening
from iop_core.register.process import decisions, process
from iop_core.storage import StorageUnavailable
from iop_core.storage.cases import POLICY_AREAS, CaseConflict, CaseInvalid, CaseNotFound
from iop_core.report.triage import meeting_note_pdf, note_file_name
from pages import _council as reg
from pages._ui import action, clear_notices, current, finding_box, notify, plain, show_notice, tr

officer = reg.require_officer()  # stops here for anyone else
lang = current().language
OPEN = "register_open_case"
SEEN = "register_seen_version"
NOTICE = "register"  # the notice slot of this page: what the last change did
names = {f: fw.name for f, fw in frameworks(lang).items()}


def verdict_label(v: str) -> str:
    return tr(f"picture.class_{v}")


def area_label(a: str | None) -> str:
    return tr(f"register.policy.{a or 'unset'}")


def _do(change) -> bool:  # noqa: ANN001
    """Run one change with the version this officer saw; say what happened, never overwrite.
    True when the change was saved."""
    case_id, seen = st.session_state.get(OPEN), st.session_state.get(SEEN)
    try:
        st.session_state[SEEN] = change(reg.store(), case_id, seen)
    except CaseConflict:
        notify(NOTICE, "error", tr("register.conflict"))
        st.session_state[SEEN] = None
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
def save_steps(step_ids: list[str], before: dict[str, date]) -> None:
    def change(store, case_id, version):  # noqa: ANN001, ANN202
        for sid in step_ids:
            done = st.session_state.get(f"step_done_{sid}@{gen}")
            on = st.session_state.get(f"step_date_{sid}@{gen}") if done else None
            if on != before.get(sid):
                version = store.set_step(officer, case_id, version, sid, on)
        return version
    _do(change)


@action
def save_assign() -> None:
    _do(lambda store, case_id, v: store.assign(officer, case_id, v, st.session_state.get(f"case_responsible@{gen}"),
                                                st.session_state.get(f"case_area@{gen}")))


@action
def add_note() -> None:
    text = st.session_state.get(f"case_note@{gen}", "")
    _do(lambda store, case_id, v: store.add_note(officer, case_id, v, text))


@action
def save_decision() -> None:
    outcome = st.session_state.get(f"case_decision@{gen}") or None
    _do(lambda store, case_id, v: store.decide(officer, case_id, v, outcome, st.session_state.get(f"case_decision_date@{gen}"),
                                                st.session_state.get(f"case_decision_body@{gen}", "")))


@action
def erase() -> None:
    def change(store, case_id, version):  # noqa: ANN001, ANN202
        store.erase(officer, case_id, version)
        return None
    if _do(change):
        notify(NOTICE, "success", tr("register.erased"))
        st.session_state[OPEN] = None


st.title(tr("register.title"))
show_notice(NOTICE)

try:
    rows = reg.store().list(officer)
    broken = reg.store().verify_audit(officer)  # the audit trail's hash chain (iop_core/storage/audit.py)
except StorageUnavailable:
    st.error(tr("register.unavailable"))
    st.stop()
if broken:
    st.warning(tr("register.audit_broken", count=len(broken), first=broken[0].audit_id), icon=":material/gpp_bad:")

if not rows:
    st.info(tr("register.empty"))
    st.stop()

f1, f2, f3 = st.columns([2, 2, 1])
query = f1.text_input(tr("register.search"), key="register_search", on_change=clear_notices).strip().lower()
chosen = f2.multiselect(tr("register.filter_framework"), options=list(names), format_func=names.get,
                        key="register_frameworks", on_change=clear_notices)
only_open = f3.toggle(tr("register.filter_status"), key="register_only_open", on_change=clear_notices)
shown = [r for r in rows if (not query or query in r.organisation.lower())
         and (not chosen or r.framework in chosen) and (not only_open or not r.decision)]
st.dataframe(pd.DataFrame([{
    tr("register.col_id"): r.id, tr("register.col_organisation"): r.organisation,
    tr("register.col_framework"): names.get(r.framework, r.framework), tr("register.col_verdict"): verdict_label(r.verdict),
    tr("register.col_status"): r.status_in(lang), tr("register.col_received"): r.received_at.date().isoformat(),
    tr("register.col_officer"): r.officer or "", tr("register.col_next"): r.next_step_in(lang),
} for r in shown]), hide_index=True, width="stretch")

by_label = {f"{r.id} · {r.organisation}": r.id for r in shown}
choice = st.selectbox(tr("register.open_case"), options=list(by_label), key="register_open_label", index=None,
                      on_change=clear_notices)
st.session_state[OPEN] = by_label.get(choice)
case_id = st.session_state[OPEN]
if case_id is None:
    st.stop()

try:
    case = reg.store().get(officer, case_id, lang)
    trail = reg.store().audit(officer, case_id)
except CaseNotFound:
    st.error(tr("register.not_found"))
    st.stop()
except StorageUnavailable:
    st.error(tr("register.unavailable"))
    st.stop()
st.session_state[SEEN] = case.version
gen = f"{case.id}@{case.version}"  # widgets re-seed from the case after every saved change

st.header(tr("register.case_title", id=case.id, organisation=case.organisation))
st.markdown(f"**{tr('register.col_status')}:** {plain(case.status_in(lang))} · **{tr('register.col_received')}:** "
            f"{case.received_at.date().isoformat()} · **{tr('register.col_framework')}:** {plain(names.get(case.framework, ''))}")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(tr("register.process"))
    proc = process(case.framework, lang)
    st.caption(plain(proc.note))
    with st.form(f"steps_{gen}"):
        for step in proc.steps:
            c1, c2 = st.columns([3, 1])
            c1.checkbox(step.title, value=step.id in case.steps, key=f"step_done_{step.id}@{gen}")
            c2.date_input(tr("register.step_date"), value=case.steps.get(step.id, date.today()),
                          max_value=date.today(), key=f"step_date_{step.id}@{gen}", label_visibility="collapsed")
        st.form_submit_button(tr("register.save_steps"), on_click=save_steps,
                              args=([s.id for s in proc.steps], dict(case.steps)))

    st.subheader(tr("register.decision"))
    options = ["", *decisions(lang)]
    with st.form(f"decision_{gen}"):
        st.selectbox(tr("register.decision_outcome"), options=options,
                     index=options.index(case.decision or ""), key=f"case_decision@{gen}",
                     format_func=lambda d: decisions(lang)[d].label if d else tr("register.decision_none"))
        st.date_input(tr("register.decision_date"), value=case.decision_date or date.today(), max_value=date.today(),
                      key=f"case_decision_date@{gen}")
        st.text_input(tr("register.decision_body"), value=case.decision_body or "", max_chars=300, key=f"case_decision_body@{gen}")
        st.form_submit_button(tr("register.save_decision"), on_click=save_decision)

    st.subheader(tr("register.notes"))
    for note in case.notes:
        st.markdown(f"**{plain(note.author)}** · {note.at.date().isoformat()}\n\n{plain(note.text)}")
    st.text_area(tr("register.note_new"), key=f"case_note@{gen}", max_chars=10_000)
    st.button(tr("register.note_add"), on_click=add_note, key="case_note_add")

with right:
    st.subheader(tr("register.assign"))
    with st.form(f"assign_{gen}"):
        st.text_input(tr("register.responsible"), value=case.officer or "", max_chars=200, key=f"case_responsible@{gen}")
        areas = list(POLICY_AREAS)
        st.selectbox(tr("register.policy_area"), options=areas, format_func=area_label, key=f"case_area@{gen}",
                     index=areas.index(case.policy_area) if case.policy_area in areas else None)
        st.form_submit_button(tr("register.save_assign"), on_click=save_assign)

    st.subheader(tr("register.screening"))
    for a in case.assessments:
        st.markdown(f"**{plain(names.get(a.framework, a.framework))}:** {verdict_label(a.classification)}")
    own = next((a for a in case.assessments if a.framework == case.framework), None)
    if own is not None and own.findings:
        with st.expander(tr("register.findings", framework=names.get(case.framework, "")), expanded=False):
            for f in own.findings:
                finding_box(f, compact=True)
    if case.screening is not None:
        snapshot = case.screening
        st.download_button(tr("register.pdf"), data=lambda: meeting_note_pdf(snapshot, lang=lang),
                           file_name=note_file_name(snapshot), mime="application/pdf", on_click="ignore",
                           key="case_pdf", icon=":material/picture_as_pdf:")
        with st.expander(tr("register.answers")):
            st.code(dump_screening(snapshot), language="json")

    st.subheader(tr("register.audit"))
    st.dataframe(pd.DataFrame([{tr("register.audit_col_at"): a.at.strftime("%Y-%m-%d %H:%M"),
                                tr("register.audit_col_actor"): a.actor,
                                tr("register.audit_col_action"): f"{a.action}: {a.detail}"} for a in trail]),
                 hide_index=True, width="stretch")

    with st.expander(tr("register.erase_title"), icon=":material/delete:"):
        st.caption(tr("register.erase_help"))
        sure = st.checkbox(tr("register.erase_confirm"), key=f"erase_sure_{gen}")
        st.button(tr("register.erase"), on_click=erase, disabled=not sure, key="case_erase", type="primary")
