"""Ärenden: the council's register (officers only). The table with search and filters (status,
framework, year, policy area), CSV and XLSX of what is shown; one case: its header, the verdict
per framework with lights and the picture, the officer's work (the process as a checklist with
dates, the decision, notes, responsibility, the change log in words, GDPR erasure: iop_shell/case_work.py),
the meeting note and report PDFs, the screening read as the organisation saw it (iop_shell/case_view.py) and
every version it sent with what changed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from iop_core.clock import local_day, stamp, today
from iop_core.council.export import register_sheet, to_csv, to_xlsx
from iop_core.council.process import decisions
from iop_core.report.triage import meeting_note_pdf, note_file_name
from iop_core.rules.catalogue import frameworks
from iop_core.storage.cases import POLICY_AREAS, CaseRow
from iop_core.storage.errors import CaseNotFound
from iop_shell import case_view as view
from iop_shell import case_work as work
from iop_shell import council, state
from iop_shell.case_work import area_label
from iop_shell.ui import clear_notices, current, plain, show_notice, tr

officer = council.require_officer()  # stops here for anyone else
lang = current().language
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
names = {f: fw.name for f, fw in frameworks(lang).items()}


def verdict_label(v: str) -> str:
    return tr(f"picture.class_{v}")


def status_label(s: str) -> str:
    return tr("register.status_open") if s == "open" else decisions(lang)[s].label


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
    kept = [r for r in rows if r.id == state.OPEN_CASE.get() and r not in shown]
    by_label = {f"{r.id} · {r.organisation}": r.id for r in [*shown, *kept]}
    if not by_label:  # an empty select would say "No options to select" in English
        state.OPEN_CASE.set(None)
        return None
    choice = st.selectbox(tr("register.open_case"), options=list(by_label), key="register_open_label", index=None,
                          on_change=clear_notices, placeholder=tr("register.open_case_placeholder"))
    return state.OPEN_CASE.set(by_label.get(choice))


# --- one case ------------------------------------------------------------------------------------


def load(case_id: int):
    """The case, its change log and the versions sent; while the database is down, or the case is
    gone, the page says so and stops."""
    try:
        return council.read_or_stop(lambda store: (store.get(officer, case_id, lang), store.audit(officer, case_id),
                                               store.versions(officer, case_id, lang)))
    except CaseNotFound:
        st.error(tr("register.not_found"))
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
    state.SEEN_VERSION.set(case.version)
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
        work.steps_form(officer, case, gen, lang)
        work.decision_form(officer, case, gen, lang)
        work.notes(officer, case, gen)
    with right:
        work.assign_form(officer, case, gen)
        st.subheader(tr("register.documents"))
        if case.screening is not None:
            snapshot = case.screening
            st.download_button(tr("register.pdf"), data=lambda: meeting_note_pdf(snapshot, lang=lang),
                               file_name=note_file_name(snapshot), mime="application/pdf", on_click="ignore",
                               key="case_pdf", icon=":material/picture_as_pdf:")
        work.erase_box(officer, gen)
    work.audit(case, trail, lang)
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
show_notice(work.NOTICE)

# the cases, and the audit trail's hash chain checked (iop_core/storage/audit.py)
rows, broken = council.read_or_stop(lambda store: (store.list(officer), store.verify_audit(officer)))
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
