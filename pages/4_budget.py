"""Budget: co-financing rows in an editable table, totals and shares, charts, CSV, and the terms.

A thin view over iop_core.budget: the table and the actions on its rows are iop_shell/budget_grid.py,
what is listed around it (parties, the year × party table, problems) iop_core.budget.table, the
charts iop_shell/charts.py. Rows that fail validation are kept in the model as drafts
(Budget.drafts) with a Swedish message per cell, so nothing typed is lost; only valid lines count.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from iop_core.budget import csv_file as bc
from iop_core.budget.editor import change_volunteer_rate, shown_rows
from iop_core.budget.rows import RowResult
from iop_core.budget.table import group_problems, row_values, shown_parties, year_rows
from iop_core.budget.terms import default_year, term_problems, years_uncovered
from iop_core.budget.totals import BudgetSummary, summarise
from iop_core.budget.vocabulary import (
    PARTIES,
    categories_for,
    category_label,
    party_label,
    vocabulary,
)
from iop_core.format import format_sek, format_share
from iop_core.rules.catalogue import framework
from iop_core.screening.model import DEFAULT_VOLUNTEER_RATE, MAX_BUDGET_ROWS
from iop_shell import state
from iop_shell.budget_grid import NOTICE, draw_grid, restart_editor, row_actions
from iop_shell.charts import budget_charts
from iop_shell.navigation import next_link
from iop_shell.ui import (
    UNKNOWN,
    action,
    bound,
    cite_all,
    current,
    current_assessment,
    finding_box,
    free_text,
    lazy_expander,
    notify,
    plain,
    show_notice,
    tr,
    wkey,
    yes_no_labels,
)

LIMITS = (date(2000, 1, 1), date(2100, 12, 31))


# --- callbacks (run before the script body; they change the model, never the other way) --------


def _notify(kind: str, text: str, details: list[str] | None = None) -> None:
    details = details or []
    body = plain(text) + ("\n\n" + "\n".join(f"- {plain(d)}" for d in details[:30]) if details else "")
    if len(details) > 30:
        body += "\n- " + tr("budget.csv_more", n=len(details) - 30)
    notify(NOTICE, kind, body)


@action
def _commit_rate(key: str) -> None:
    value = state.widget_value(key)
    if value is None:  # an emptied field keeps the rate that was there
        return
    s = current()
    s.budget = change_volunteer_rate(s.budget, Decimal(str(value)))
    restart_editor()


@action
def _import_csv(key: str) -> None:
    upload = state.widget_value(key)
    if upload is None:
        return
    s = current()
    result = bc.read_csv(upload.getvalue(), rate=s.budget.volunteer_hourly_rate,
                         default_year=default_year(s.budget.terms))
    if not result.ok:
        _notify("error", f"{tr('budget.csv_failed')} {result.error.text(s.language)}")
    else:
        try:
            s.budget = bc.import_csv(s.budget, result)
            restart_editor()
        except ValueError:
            _notify("error", tr("budget.csv_too_many_total", limit=MAX_BUDGET_ROWS))
        else:
            details = [f"{tr('budget.csv_line', n=n)}: {p.full(s.language)}" for n, p in result.problems]
            details += [p.text(s.language) for p in result.notices]
            text = tr("budget.csv_read", lines=len(result.lines))
            if result.drafts:
                text += " " + tr("budget.csv_read_drafts", drafts=len(result.drafts))
            _notify("warning" if details else "success", text, details)
    state.BUDGET_UPLOADS.set(state.BUDGET_UPLOADS.get(0) + 1)  # an empty uploader for the next file


# --- the table ---------------------------------------------------------------------------------


def _problem_list(results: list[tuple[int, RowResult]], budget) -> None:
    """Per grid row: what is wrong (red), what is not filled in yet (neutral), what to check."""
    lang = current().language
    groups = group_problems(results, budget)
    if groups.wrong:
        st.markdown(f"**{tr('budget.problems_title')}**")
    for label, ps in groups.wrong:
        body = f"**{tr('budget.row', n=label)}** – {tr('budget.row_not_counted')}\n\n"
        body += "\n".join(f"- {plain(p.full(lang))}" for p in ps)
        st.error(body, icon=":material/error:")
    for label, ps in groups.unfinished:
        columns = ", ".join(dict.fromkeys(p.where(lang) for p in ps if p.where(lang)))
        st.info(f"**{tr('budget.row', n=label)}** – {tr('budget.row_unfinished', columns=plain(columns))}",
                icon=":material/edit:")
    for label, ps in groups.notices:
        body = f"**{tr('budget.row', n=label)}**\n\n" + "\n".join(f"- {plain(p.full(lang))}" for p in ps)
        st.warning(body, icon=":material/info:")


def _row_values(results: list[tuple[int, RowResult]]) -> pd.DataFrame:
    lang = current().language
    return pd.DataFrame([{
        tr("budget.col_row"): str(r.label), tr("budget.col_party"): r.party, tr("budget.col_category"): r.category,
        tr("budget.col_value"): tr("budget.status_open") if r.value is None else format_sek(r.value, lang, ore=True),
    } for r in row_values(results, lang)])


# --- totals and charts -------------------------------------------------------------------------


# Constant, app-controlled CSS (no user data): the figures a size smaller than Streamlit's, so an
# amount up to "SEK 123,456,789" fits four to a row (Streamlit would cut it to "SEK 3,630,…").
def _totals(summary: BudgetSummary) -> None:
    lang = current().language

    def sek(amount) -> str:
        return format_sek(amount, lang=lang)

    parties = shown_parties(summary)
    # At most four figures side by side: a fifth (a third party) would cut the amounts. Up to four
    # in one horizontal block, not a column each.
    n = len(parties) + 2
    if n <= 4:
        cols = [st.container(horizontal=True)] * n
    else:
        cols = [*st.columns(3), *st.columns(3)[:n - 3]]
    cols[0].metric(tr("budget.total"), sek(summary.total))
    for col, party in zip(cols[1:], parties, strict=False):  # the last column: money and in kind
        col.metric(party_label(party, lang), sek(summary.party(party)),
                   tr("budget.share_of_total", share=format_share(summary.share(party), lang)), delta_color="off",
                   delta_arrow="off")
    cols[-1].metric(tr("budget.money_vs_in_kind"), sek(summary.money),
                    tr("budget.in_kind_amount", amount=sek(summary.in_kind)), delta_color="off",
                    delta_arrow="off")


def _number_table(summary: BudgetSummary) -> pd.DataFrame:
    lang = current().language
    parties = shown_parties(summary)
    names = [tr("budget.chart_year"), *(party_label(p, lang) for p in parties), tr("budget.total")]
    rows = [(str(r.year), *r.amounts, r.total) for r in year_rows(summary, parties)]
    rows.append((tr("budget.total"), *(summary.party(p) for p in parties), summary.total))
    return pd.DataFrame([[row[0], *(format_sek(a, lang=lang) for a in row[1:])] for row in rows], columns=names)


def _how_to() -> None:
    lang = current().language
    st.markdown(tr("budget.table_help", year=default_year(current().budget.terms)))
    st.markdown(f"**{tr('budget.categories_title')}**\n" + "\n".join(
        f"- **{party_label(party, lang)}:** {', '.join(category_label(c.id, lang) for c in categories_for(party))} "
        f"*({tr('answer.source')}: {cite_all(vocabulary().parties[party].citations)})*" for party in PARTIES))


# --- the page ----------------------------------------------------------------------------------

s = current()
budget = s.budget
st.title(tr("budget.title"))
st.caption(tr("budget.intro"))

st.subheader(tr("budget.setup_title"))
period, rate_col = st.columns([3, 2], gap="large")
with period:
    with st.container(horizontal=True):  # side by side: one block, not a column pair
        bound(st.date_input, "budget.terms.period_start", tr("budget.period_start"), min_value=LIMITS[0],
              max_value=LIMITS[1], format="YYYY-MM-DD", help=tr("budget.period_help"))
        bound(st.date_input, "budget.terms.period_end", tr("budget.period_end"), min_value=LIMITS[0],
              max_value=LIMITS[1], format="YYYY-MM-DD", help=tr("budget.period_help"))
    for p in term_problems(budget.terms, s.language):
        if p.code == "period_order":
            st.warning(p.text(s.language), icon=":material/warning:")
    bound(st.text_input, "budget.terms.extension", tr("budget.extension"), max_chars=10_000,
          help=tr("budget.extension_help"))
with rate_col:
    key = wkey("budget.volunteer_hourly_rate")
    st.number_input(tr("budget.rate"), min_value=0.0, max_value=100_000.0, step=10.0, format="%g",
                    value=float(budget.volunteer_hourly_rate), key=key, on_change=_commit_rate, args=(key,),
                    help=tr("budget.rate_help"))
    st.caption(tr("budget.rate_source", default=format_sek(DEFAULT_VOLUNTEER_RATE, lang=s.language))
               + f" ({tr('answer.source')}: {cite_all(vocabulary().volunteer_citations)})")

summary = summarise(budget)
st.subheader(tr("budget.split_title"))
lazy_expander(tr("budget.how_title"), "budget_how", _how_to, icon=":material/help:")
with st.container(key="budget_totals"):  # its figures' size: ui.APP_CSS
    _totals(summary)
st.caption(tr("budget.table_hint"))
uncovered = years_uncovered(budget)
if uncovered:
    st.warning(uncovered.text(s.language), icon=":material/date_range:")
results = draw_grid()
if not results:
    st.info(tr("budget.empty"), icon=":material/table_rows:")
_problem_list(results, budget)
if results:
    lazy_expander(tr("budget.row_values"), "budget_row_values",
                  lambda: st.dataframe(_row_values(results), hide_index=True, width="stretch"))
row_actions(results)
show_notice(NOTICE)

imp, exp = st.columns(2, gap="large")
with imp:
    key = state.BUDGET_CSV.key(round=state.BUDGET_UPLOADS.get(0))
    st.file_uploader(tr("budget.csv_import"), type=["csv", "txt"], key=key, on_change=_import_csv, args=(key,),
                     help=tr("budget.csv_import_help", columns="; ".join(bc.CSV_HEADERS.values())))
with exp:
    st.download_button(tr("budget.csv_export"), data=lambda: bc.to_csv(budget), file_name="iop-budget.csv",  # on click
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="budget_csv_export",
                       help=tr("budget.csv_export_help"), disabled=not shown_rows(budget))

st.subheader(tr("budget.findings_title"))
fw = framework(s.framework, s.language)
st.caption(tr("budget.findings_intro", framework=fw.name) + " " + tr(
    "budget.split_caption", org_min=format_share(fw.parameter("org_share_minimum"), s.language),
    public_max=format_share(fw.parameter("public_share_maximum"), s.language)))
findings = current_assessment().findings_for("budget")
if not findings:
    st.caption(tr("budget.findings_none"))
for f in findings:
    finding_box(f)

if not summary.is_empty:
    st.subheader(tr("budget.charts_title"))
    budget_charts(summary, s.language)
    lazy_expander(tr("budget.chart_table"), "budget_chart_table",
                  lambda: st.dataframe(_number_table(summary), hide_index=True, width="stretch"))

st.subheader(tr("budget.terms_title"))
st.caption(tr("budget.terms_intro"))
free_text("budget.terms.payment_how", tr("budget.terms_payment_how_label"), tr("budget.terms_payment_how_help"),
          height=90)
with st.container(horizontal=True, gap="medium"):
    bound(st.text_input, "budget.terms.payment_when", tr("budget.terms_payment_when_label"), max_chars=10_000,
          help=tr("budget.terms_payment_when_help"))
    bound(st.text_input, "budget.terms.payment_to", tr("budget.terms_payment_to_label"), max_chars=10_000,
          help=tr("budget.terms_payment_to_help"))
bound(st.radio, "budget.terms.other_grants_allowed", tr("budget.terms_other_grants_allowed_label"),
      options=[True, False, UNKNOWN], horizontal=True, format_func=yes_no_labels().get,
      help=tr("budget.terms_other_grants_allowed_help"))
free_text("budget.terms.surplus_handling", tr("budget.terms_surplus_handling_label"),
          tr("budget.terms_surplus_handling_help"), height=90)
for p in term_problems(s.budget.terms, s.language):
    if p.code == "terms_missing":
        st.info(p.text(s.language), icon=":material/checklist:")

next_link("budget")
