"""Ärenden: the council's register (officers only). The table with search and filters (status,
framework, year, policy area), CSV and XLSX of what is shown; one case: its header, the verdict
per framework with lights and the picture, the officer's work (the process as a checklist with
dates, the decision, notes, responsibility, the meeting note and report PDFs, the change log in
words, GDPR erasure), the screening read as the organisation saw it (pages/_case_view.py) and
every version it sent with what changed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from iop_core.council import log
from iop_core.council.clock import DATE_FORMAT, local_day, stamp, today
from iop_core.council.export import register_sheet, to_csv, to_xlsx
from iop_core.council.process import decisions, process
from iop_core.report.triage import meeting_note_pdf, note_file_name
from iop_core.rules.catalogue import frameworks
from iop_core.storage.cases import POLICY_AREAS, CaseRow
from iop_core.storage.errors import (
    CaseConflict,
    CaseInvalid,
    CaseNotFound,
    StorageUnavailable,
)
from pages import _case_view as view
from pages import _council as reg
from pages._ui import action, clear_notices, current, notify, plain, show_notice, tr

officer = reg.require_officer()  # stops here for anyone else
lang = current().language
OPEN = "register_open_case"
SEEN = "register_seen_version"
NOTICE = "register"  # the notice slot of this page: what the last change did
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
names = {f: fw.name for f, fw in frameworks(lang).items()}


def verdict_label(v: str) -> str:
    return tr(f"picture.class_{v}")


def area_label(a: str | None) -> str:
    return tr(f"register.policy.{a or 'unset'}")


def status_label(s: str) -> str:
    return tr("register.status_open") if s == "open" else decisions(lang)[s].label


def _do(change) -> bool:
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
def save_steps(step_ids: list[str], before: dict[str, date], gen: str) -> None:
    def change(store, case_id, version):
        for sid in step_ids:
            done = st.session_state.get(f"step_done_{sid}@{gen}")
            on = st.session_state.get(f"step_date_{sid}@{gen}") if done else None
            if on != before.get(sid):
                version = store.set_step(officer, case_id, version, sid, on)
        return version
    _do(change)


@action
def save_assign(gen: str) -> None:
    _do(lambda store, case_id, v: store.assign(officer, case_id, v, st.session_state.get(f"case_responsible@{gen}"),
                                                st.session_state.get(f"case_area@{gen}")))


@action
def add_note(gen: str) -> None:
    text = st.session_state.get(f"case_note@{gen}", "")
    _do(lambda store, case_id, v: store.add_note(officer, case_id, v, text))


@action
def save_decision(gen: str) -> None:
    outcome = st.session_state.get(f"case_decision@{gen}") or None
    _do(lambda store, case_id, v: store.decide(officer, case_id, v, outcome, st.session_state.get(f"case_decision_date@{gen}"),
                                                st.session_state.get(f"case_decision_body@{gen}", "")))


@action
def erase() -> None:
    def change(store, case_id, version):
        store.erase(officer, case_id, version)
    if _do(change):
        notify(NOTICE, "success", tr("register.erased"))
        st.session_state[OPEN] = None


# --- the table -----------------------------------------------------------------------------------


def filters(rows: list[CaseRow]) -> list[CaseRow]:
    """Search and the four filters (each empty = all); the rows they let through."""
    f1, f2, f3 = st.columns(3)
    query = f1.text_input(tr("register.search"), key="register_search", on_change=clear_notices,
                          placeholder=tr("register.search_placeholder")).strip().lower()
    statuses = f2.multiselect(tr("register.filter_status"), options=["open", *decisions(lang)], format_func=status_label,
                              key="register_statuses", on_change=clear_notices, select_all=False, placeholder=tr("register.all_statuses"))
    chosen = f3.multiselect(tr("register.filter_framework"), options=list(names), format_func=names.get,
                            key="register_frameworks", on_change=clear_notices, select_all=False, placeholder=tr("register.all_frameworks"))
    f4, f5, _ = st.columns(3)
    years = f4.multiselect(tr("register.filter_year"), options=sorted({local_day(r.received_at).year for r in rows}, reverse=True),
                           key="register_years", on_change=clear_notices, select_all=False, placeholder=tr("register.all_years"))
    areas = f5.multiselect(tr("register.policy_area"), options=[*POLICY_AREAS, "unset"], format_func=area_label,
                           key="register_areas", on_change=clear_notices, select_all=False, placeholder=tr("register.all_areas"))
    return [r for r in rows if (not query or query in r.organisation.lower())
            and (not statuses or (r.decision or "open") in statuses)
            and (not chosen or r.framework in chosen)
            and (not years or local_day(r.received_at).year in years)
            and (not areas or (r.policy_area or "unset") in areas)]


def table(shown: list[CaseRow]) -> None:
    st.dataframe(pd.DataFrame([{
        tr("register.col_id"): r.id, tr("register.col_organisation"): r.organisation,
        tr("register.col_framework"): names.get(r.framework, r.framework), tr("register.col_verdict"): verdict_label(r.verdict),
        tr("register.col_status"): r.status_in(lang), tr("register.col_received"): local_day(r.received_at).isoformat(),
        tr("register.col_versions"): r.versions, tr("register.col_officer"): r.officer or "",
        tr("register.col_next"): r.next_step_in(lang),
    } for r in shown]), hide_index=True, width="stretch")
    sheet = register_sheet(shown, names, lang)
    c1, c2, _ = st.columns([1, 1, 2])
    c1.download_button(tr("register.csv"), data=to_csv(sheet), file_name=f"iop-arenden-{today().isoformat()}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="register_csv")
    c2.download_button(tr("register.xlsx"), data=lambda: to_xlsx(sheet), file_name=f"iop-arenden-{today().isoformat()}.xlsx",
                       mime=XLSX, on_click="ignore", icon=":material/table_view:", key="register_xlsx")


def pick(shown: list[CaseRow], rows: list[CaseRow]) -> int | None:
    """The case to open; the open one stays open when a change (a decision) takes it out of the filters."""
    kept = [r for r in rows if r.id == st.session_state.get(OPEN) and r not in shown]
    by_label = {f"{r.id} · {r.organisation}": r.id for r in [*shown, *kept]}
    if not by_label:  # an empty select would say "No options to select" in English
        st.session_state[OPEN] = None
        return None
    choice = st.selectbox(tr("register.open_case"), options=list(by_label), key="register_open_label", index=None,
                          on_change=clear_notices, placeholder=tr("register.open_case_placeholder"))
    st.session_state[OPEN] = by_label.get(choice)
    return st.session_state[OPEN]


# --- one case ------------------------------------------------------------------------------------


def steps_form(case, gen: str) -> None:
    proc = process(case.framework, lang)
    st.subheader(tr("register.process"))
    st.caption(plain(proc.note))
    with st.form(f"steps_{gen}"):
        for step in proc.steps:
            c1, c2 = st.columns([3, 2], vertical_alignment="center")
            c1.checkbox(step.title, value=step.id in case.steps, key=f"step_done_{step.id}@{gen}", wrap=True)
            c2.date_input(tr("register.step_date"), value=case.steps.get(step.id, today()), max_value=today(),
                          format=DATE_FORMAT, key=f"step_date_{step.id}@{gen}", label_visibility="collapsed")
        st.form_submit_button(tr("register.save_steps"), on_click=save_steps,
                              args=([s.id for s in proc.steps], dict(case.steps), gen))


def decision_form(case, gen: str) -> None:
    st.subheader(tr("register.decision"))
    options = ["", *decisions(lang)]
    with st.form(f"decision_{gen}"):
        st.selectbox(tr("register.decision_outcome"), options=options,
                     index=options.index(case.decision or ""), key=f"case_decision@{gen}", placeholder=tr("register.decision_none"),
                     format_func=lambda d: decisions(lang)[d].label if d else tr("register.decision_none"))
        st.date_input(tr("register.decision_date"), value=case.decision_date or today(), max_value=today(),
                      format=DATE_FORMAT, key=f"case_decision_date@{gen}")
        st.text_input(tr("register.decision_body"), value=case.decision_body or "", max_chars=300,
                      key=f"case_decision_body@{gen}", placeholder=tr("register.decision_body_placeholder"))
        st.form_submit_button(tr("register.save_decision"), on_click=save_decision, args=(gen,))


def notes(case, gen: str) -> None:
    st.subheader(tr("register.notes"))
    if not case.notes:
        st.caption(tr("register.notes_empty"))
    for note in case.notes:
        st.markdown(f"**{plain(note.author)}** · {stamp(note.at)}\n\n{plain(note.text)}")
    st.text_area(tr("register.note_new"), key=f"case_note@{gen}", max_chars=10_000)
    st.button(tr("register.note_add"), on_click=add_note, args=(gen,), key="case_note_add")


def assign_form(case, gen: str) -> None:
    st.subheader(tr("register.assign"))
    with st.form(f"assign_{gen}"):
        st.text_input(tr("register.responsible"), value=case.officer or "", max_chars=200, key=f"case_responsible@{gen}",
                      placeholder=tr("register.responsible_placeholder"))
        areas = list(POLICY_AREAS)
        st.selectbox(tr("register.policy_area"), options=areas, format_func=area_label, key=f"case_area@{gen}",
                     index=areas.index(case.policy_area) if case.policy_area in areas else None,
                     placeholder=tr("register.policy_area_placeholder"))
        st.form_submit_button(tr("register.save_assign"), on_click=save_assign, args=(gen,))


def audit(case, trail) -> None:
    st.subheader(tr("register.audit"))
    st.dataframe(pd.DataFrame([{tr("register.audit_col_at"): log.when(a.at), tr("register.audit_col_actor"): log.actor(a.actor, lang),
                                tr("register.audit_col_action"): log.describe(a.action, a.detail, case.framework, lang)}
                               for a in trail]), hide_index=True, width="stretch",
                 column_config={tr("register.audit_col_action"): st.column_config.TextColumn(width="large")})


def erase_box(gen: str) -> None:
    with st.expander(tr("register.erase_title"), icon=":material/delete:"):
        st.caption(tr("register.erase_help"))
        sure = st.checkbox(tr("register.erase_confirm"), key=f"erase_sure_{gen}")
        st.button(tr("register.erase"), on_click=erase, disabled=not sure, key="case_erase", type="primary")


def load(case_id: int):
    try:
        store = reg.store()
        return store.get(officer, case_id, lang), store.audit(officer, case_id), store.versions(officer, case_id, lang)
    except CaseNotFound:
        st.error(tr("register.not_found"))
    except StorageUnavailable:
        st.error(tr("register.unavailable"))
    st.stop()


def shown_version(case, sent):
    """The version the officer reads (the latest unless another is chosen)."""
    by_number = {v.number: v for v in sent}
    numbers = sorted(by_number, reverse=True)
    if len(numbers) > 1:
        n = st.selectbox(tr("register.show_version"), options=numbers, key=f"case_version@{case.id}",
                         placeholder=tr("register.show_version"),
                         format_func=lambda n: tr("register.version_label", n=n, at=stamp(by_number[n].submitted_at)))
        return by_number[n]
    return by_number[numbers[0]] if numbers else None


def case_page(case_id: int) -> None:
    case, trail, sent = load(case_id)
    st.session_state[SEEN] = case.version
    gen = f"{case.id}@{case.version}"  # widgets re-seed from the case after every saved change
    st.header(tr("register.case_title", id=case.id, organisation=plain(case.organisation)))
    st.markdown(tr("register.case_line", status=plain(case.status_in(lang)), received=stamp(case.received_at),
                   framework=plain(names.get(case.framework, "")), versions=len(sent) or 1))
    if len(sent) > 1:
        st.info(tr("register.resent", n=len(sent), at=stamp(sent[-1].submitted_at)), icon=":material/history:")
    top_left, top_right = st.columns([2, 3], gap="large")
    with top_left:
        view.verdicts(case.assessments, case.framework, lang)
    with top_right:
        if sent:
            view.picture(sent[-1], case.framework, lang, case.id)
    left, right = st.columns([3, 2], gap="large")
    with left:
        steps_form(case, gen)
        decision_form(case, gen)
        notes(case, gen)
    with right:
        assign_form(case, gen)
        st.subheader(tr("register.documents"))
        if case.screening is not None:
            snapshot = case.screening
            st.download_button(tr("register.pdf"), data=lambda: meeting_note_pdf(snapshot, lang=lang),
                               file_name=note_file_name(snapshot), mime="application/pdf", on_click="ignore",
                               key="case_pdf", icon=":material/picture_as_pdf:")
        erase_box(gen)
    audit(case, trail)
    st.divider()
    st.header(tr("register.screening"))
    version = shown_version(case, sent)
    if version is not None:
        st.caption(tr("register.screening_intro", n=version.number, at=stamp(version.submitted_at)))
        view.report_pdf_button(version, case.framework, lang, today(), case.id)
        view.report_tabs(version, case.framework, lang, today(), case.id)
    st.header(tr("register.versions"))
    view.versions(sent, lang)


st.title(tr("register.title"))
show_notice(NOTICE)

# the cases, and the audit trail's hash chain checked (iop_core/storage/audit.py)
rows, broken = reg.read_or_stop(lambda store: (store.list(officer), store.verify_audit(officer)))
if broken:
    st.warning(tr("register.audit_broken", count=len(broken), first=broken[0].audit_id), icon=":material/gpp_bad:")

if not rows:
    st.info(tr("register.empty"))
    st.stop()

shown = filters(rows)
if shown:
    table(shown)
else:
    st.info(tr("register.no_match"))
case_id = pick(shown, rows)
if case_id is not None:
    case_page(case_id)
