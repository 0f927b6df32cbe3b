"""A case read as the organisation saw it (not a page; the register draws it for officers).

Read-only, from one version the organisation sent: the verdict per framework with its light,
the picture, then the report's own sections (iop_core.report.build: summary, findings, next
steps, differences, budget with the budget page's charts, documents, value declaration,
agreement outline) drawn as Streamlit elements, every answer in words, and the versions with
what changed between them. Every text from the screening goes through plain(); tables are
st.dataframe (never markdown). The report PDF is built when the officer clicks.
"""

from __future__ import annotations

import logging
from datetime import date
from itertools import pairwise

import pandas as pd
import streamlit as st

from iop_core.budget.totals import summarise
from iop_core.clock import stamp
from iop_core.council.answers import answers, changes
from iop_core.report.build import build_report, build_report_pdf, report_file_name
from iop_core.report.pdf import (
    Block,
    Bullets,
    Callout,
    Heading,
    Paragraph,
    PdfRenderError,
    Table,
)
from iop_core.report.picture import axis_points, leaning_label, light_label
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import Assessment
from iop_core.storage.cases import CaseVersion
from iop_shell import state
from iop_shell.charts import axis_chart, budget_party_chart, budget_year_chart, chart
from iop_shell.ui import plain, tr

log = logging.getLogger(__name__)

BOX = {"green": st.success, "amber": st.warning, "red": st.error}
TONE = {"success": st.success, "warning": st.warning, "danger": st.error, "info": st.info}
BUDGET_SECTION = 5  # the report's fifth section is the budget: the charts go there


def verdicts(assessments: list[Assessment], chosen: str, lang: str) -> None:
    """Each framework's light and leaning, as the organisation's summary showed them."""
    names = frameworks(lang)
    for a in sorted(assessments, key=lambda x: x.framework != chosen):
        name = names[a.framework].name if a.framework in names else a.framework
        mark = f" · {tr('register.chosen')}" if a.framework == chosen else ""
        BOX[a.traffic_light](f"**{light_label(a.traffic_light, lang)} – {leaning_label(a.classification, lang)}**"
                             f" · {plain(name)}{mark}", icon=tr(f"picture.icon_{a.traffic_light}"))


def _table(block: Table) -> None:
    headers, seen = [], set()
    for h in block.headers:  # a DataFrame needs distinct column names
        while h in seen:
            h += " "
        seen.add(h)
        headers.append(h)
    st.dataframe(pd.DataFrame(block.rows, columns=headers), hide_index=True, width="stretch")


def draw_block(block: Block) -> None:
    """One report block as the page draws it; all text is plain."""
    if isinstance(block, Heading):
        st.markdown(f"{'###' if block.level <= 1 else '####'} {plain(block.text)}")
    elif isinstance(block, Paragraph):
        (st.markdown if block.style == "normal" else st.caption)(plain(block.text).replace("\n", "  \n"))
    elif isinstance(block, Bullets):
        st.markdown("\n".join(f"- {plain(x)}" for x in block.items))
    elif isinstance(block, Table):
        _table(block)
    elif isinstance(block, Callout):
        title = f"**{plain(block.title)}**\n\n" if block.title else ""
        TONE[block.tone](title + plain(block.text).replace("\n", "  \n"))


def _sections(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """The report's blocks by level-1 heading (the PDF's numbered sections)."""
    out: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 1:
            out.append((block.text, []))
        elif out:
            out[-1][1].append(block)
    return out


def _budget_charts(version: CaseVersion, key: tuple, lang: str) -> None:
    """The budget page's two charts (their specs kept per session: building one costs ~0.1 s)."""
    summary = summarise(version.screening.budget)
    if summary.is_empty:
        return
    chart("case_budget_party", lambda: budget_party_chart(summary, lang), *key)
    if len(summary.by_year) > 1:
        chart("case_budget_years", lambda: budget_year_chart(summary, lang), *key)


def _assessments(version: CaseVersion, lang: str) -> list[Assessment] | None:
    """The results as sent, when they are in the officer's language (else assessed again)."""
    return version.assessments if version.assessments and version.screening.language == lang else None


def report_tabs(version: CaseVersion, framework_id: str, lang: str, today: date, case_id: int) -> list[str]:
    """The report's sections, one tab each, then every answer in words. Returns the tab labels.
    The report is composed once per case version, language and day in this session (~0.5 s)."""
    key = (case_id, version.number, framework_id, lang, today)
    doc = state.memo(state.CASE_REPORT, key, lambda: build_report(version.screening, framework_id, today=today, lang=lang,
                                                        assessments=_assessments(version, lang)))
    sections = _sections(doc.blocks)
    labels = [title for title, _ in sections] + [tr("register.answers")]
    tabs = st.tabs(labels)
    for i, (tab, (_title, blocks)) in enumerate(zip(tabs, sections, strict=False), 1):  # the last tab: the answers
        with tab:
            if i == BUDGET_SECTION:
                _budget_charts(version, key, lang)
            for block in blocks:
                draw_block(block)
    with tabs[-1]:
        all_answers(version, lang)
    return labels


def _wide() -> dict:
    """The question and answer columns of the answer and change tables get the room."""
    widths = {"register.col_section": "small", "register.col_question": "large", "register.col_answer": "large",
              "register.col_before": "medium", "register.col_after": "medium"}
    return {tr(k): st.column_config.TextColumn(width=w) for k, w in widths.items()}


def all_answers(version: CaseVersion, lang: str) -> None:
    rows = answers(version.screening, lang)
    st.caption(tr("register.answers_intro"))
    st.dataframe(pd.DataFrame([{tr("register.col_section"): a.section, tr("register.col_question"): a.label,
                                tr("register.col_answer"): a.value} for a in rows]),
                 hide_index=True, width="stretch", height=600, column_config=_wide())


def picture(version: CaseVersion, framework_id: str, lang: str, case_id: int) -> None:
    """Where the case sits between grant, IOP and procurement, per framework (the summary's picture)."""
    results = version.assessments
    if results:
        chart("case_picture", lambda: axis_chart(axis_points(results, chosen=framework_id, lang=lang), lang=lang),
              case_id, version.number, lang)


def report_pdf_button(version: CaseVersion, framework_id: str, lang: str, today: date, case_id: int) -> None:
    """The organisation's report as a PDF, built when clicked (never on every run)."""
    snapshot, results = version.screening.model_copy(deep=True), _assessments(version, lang)

    def build() -> bytes:
        try:
            return build_report_pdf(snapshot, framework_id, today=today, lang=lang, assessments=results)
        except PdfRenderError:
            log.warning("report PDF of a case failed")  # no user text in the log
            raise

    st.download_button(tr("register.report_pdf"), data=build, file_name=report_file_name(snapshot, today, lang),
                       mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                       key=f"case_report_pdf_{case_id}_{version.number}")


def versions(all_versions: list[CaseVersion], lang: str) -> None:
    """Each version with its time, and what changed from the one before, answer by answer."""
    if len(all_versions) <= 1:
        st.caption(tr("register.versions_one"))
    for older, newer in reversed(list(pairwise(all_versions))):
        st.markdown(f"#### {tr('register.version_changes', old=older.number, new=newer.number, at=stamp(newer.submitted_at))}")
        found = changes(older.screening, newer.screening, lang)
        if not found:
            st.caption(tr("register.version_same"))
            continue
        st.dataframe(pd.DataFrame([{tr("register.col_section"): c.section, tr("register.col_question"): c.label,
                                    tr("register.col_before"): c.before, tr("register.col_after"): c.after}
                                   for c in found]), hide_index=True, width="stretch", column_config=_wide())
    st.markdown(f"#### {tr('register.versions_list')}")
    st.dataframe(pd.DataFrame([{tr("register.col_version"): v.number, tr("register.col_sent"): stamp(v.submitted_at)}
                               for v in all_versions]), hide_index=True)
