"""Budget: co-financing rows in an editable table, totals and shares, charts, CSV, and the terms.

A thin view over iop_core.budget (editor, totals, chart rows). The table's edits are applied to the
model in the editor's on_change (never write the editor's return value back: Streamlit then loses every second edit). Rows that fail
validation are kept in the model as drafts (Budget.drafts) with a Swedish message per cell, so
nothing typed is lost; only valid lines count. Charts are drawn from the summary, not the rows.

The editor is always drawn from the same rows (a "base", kept while the editor's own state
lives) and its cumulative edits are applied to that base. A data editor with addable rows gets
a new identity whenever its data changes, and a new identity remounts the grid: an open
dropdown closes, the cell selection jumps to row 1 and keyboard focus leaves the table. The
base is taken again only when the editor starts afresh: on entering the page, after a demo or
file was opened, the volunteer rate changed or a CSV was imported.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from iop_core.budget import csv_file as bc
from iop_core.budget.editor import (
    apply_editor_delta,
    change_volunteer_rate,
    editor_results,
    line_notices,
    rows_over_limit,
    shown_rows,
)
from iop_core.budget.numbers import parse_number
from iop_core.budget.rows import COLUMNS, RowResult, raw_of
from iop_core.budget.terms import default_year, term_problems, years_uncovered
from iop_core.budget.totals import BudgetSummary, line_value, summarise
from iop_core.budget.vocabulary import (
    KINDS,
    PARTIES,
    UNITS,
    categories_for,
    category_label,
    kind_label,
    party_label,
    unit_label,
    vocabulary,
)
from iop_core.format import format_number, format_sek, format_share, ungroup
from iop_core.rules.catalogue import framework
from iop_core.screening.model import DEFAULT_VOLUNTEER_RATE, MAX_BUDGET_ROWS, Budget
from pages._charts import budget_party_chart, budget_year_chart
from pages._ui import (
    UNKNOWN,
    action,
    bound,
    chart_spec,
    cite_all,
    current,
    current_assessment,
    finding_box,
    free_text,
    lazy_expander,
    memo,
    next_link,
    notify,
    plain,
    show_notice,
    tr,
    wkey,
)

NOTICE = "budget"  # the notice slot of this page: a CSV import, too many rows
EDITOR_BASE = "budget_editor_base"
EDITOR_EPOCH = "budget_editor_epoch"
CHARTS = "budget_chart_specs"
UPLOADS = "budget_upload_count"
# Dark blue / amber and three muted party colours: told apart in the common colour-vision
# deficiencies, and never the only cue (labels, dashed outlines, opacity, tooltips, a table).
LIMITS = (date(2000, 1, 1), date(2100, 12, 31))
# Column order and widths (px): each header fits in both languages (its edit icon and padding take
# about 45 px; tests/pages/test_budget.py), and the columns before the free texts fit a 1280 px
# screen next to the sidebar; the free texts come last.
WIDTHS = {"party": 124, "category": 124, "kind": 110, "quantity": 100, "unit": 84, "unit_value": 120, "year": 76,
          "other_text": 192, "note": 180}
NUMBER_COLUMNS = ("quantity", "unit_value")


# --- callbacks (run before the script body; they change the model, never the other way) --------


def _editor_key() -> str:
    return f"{wkey('budget.editor')}.{st.session_state.get(EDITOR_EPOCH, 0)}"


def _restart_editor() -> None:
    """The budget changed outside the editor: the next run draws a fresh editor from the model."""
    st.session_state[EDITOR_EPOCH] = st.session_state.get(EDITOR_EPOCH, 0) + 1


def _editor_base(key: str) -> Budget:
    """The rows the editor with `key` is drawn from, with the model's current rate and terms."""
    s = current()
    stored = st.session_state.get(EDITOR_BASE)
    if stored is None or stored[0] != key or key not in st.session_state:
        stored = (key, list(s.budget.lines), list(s.budget.drafts))
        st.session_state[EDITOR_BASE] = stored
    return s.budget.model_copy(update={"lines": stored[1], "drafts": stored[2]})


def _notify(kind: str, text: str, details: list[str] | None = None) -> None:
    details = details or []
    body = plain(text) + ("\n\n" + "\n".join(f"- {plain(d)}" for d in details[:30]) if details else "")
    if len(details) > 30:
        body += "\n- " + tr("budget.csv_more", n=len(details) - 30)
    notify(NOTICE, kind, body)


def _typed(delta: dict, lang: str) -> dict:
    """The editor's edits with numbers read as written in `lang` ("250,000" is 250 000 in English)."""
    if lang == "sv" or not delta:
        return delta

    def cells(row: dict) -> dict:
        return {c: ungroup(v, lang) if c in NUMBER_COLUMNS and isinstance(v, str) else v for c, v in row.items()}

    return {**delta, "edited_rows": {k: cells(v) for k, v in (delta.get("edited_rows") or {}).items()},
            "added_rows": [cells(r) if isinstance(r, dict) else r for r in delta.get("added_rows") or []]}


@action
def _commit_editor(key: str) -> None:
    s = current()
    delta = _typed(st.session_state.get(key) or {}, s.language)
    base = _editor_base(key)
    over = rows_over_limit(base, delta)
    if over:
        _notify("warning", tr("budget.editor_too_many", limit=MAX_BUDGET_ROWS, n=over))
    s.budget = apply_editor_delta(base, delta)


@action
def _commit_rate(key: str) -> None:
    value = st.session_state.get(key)
    if value is None:  # an emptied field keeps the rate that was there
        return
    s = current()
    s.budget = change_volunteer_rate(s.budget, Decimal(str(value)))
    _restart_editor()


@action
def _import_csv(key: str) -> None:
    upload = st.session_state.get(key)
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
            _restart_editor()
        except ValueError:
            _notify("error", tr("budget.csv_too_many_total", limit=MAX_BUDGET_ROWS))
        else:
            details = [f"{tr('budget.csv_line', n=n)}: {p.full(s.language)}" for n, p in result.problems]
            details += [p.text(s.language) for p in result.notices]
            text = tr("budget.csv_read", lines=len(result.lines))
            if result.drafts:
                text += " " + tr("budget.csv_read_drafts", drafts=len(result.drafts))
            _notify("warning" if details else "success", text, details)
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1  # an empty uploader for the next file


# --- the table ---------------------------------------------------------------------------------


def _options(base: tuple[str, ...], column: str, drafts) -> list[str]:
    """The choices of a select column, plus any unrecognised text a draft holds (so it shows)."""
    extra = [getattr(d, column) for d in drafts if getattr(d, column) and getattr(d, column) not in base]
    return [*base, *dict.fromkeys(extra)]


def _frame(base) -> pd.DataFrame:
    """The rows as the editor shows them: numbers written the language's way ("1,800" in English)."""
    lang = current().language
    rows = [raw_of(row) for row in shown_rows(base)]
    for row in rows if lang != "sv" else ():
        for column in NUMBER_COLUMNS:
            number = parse_number(row[column])
            row[column] = row[column] if number is None else format_number(number, lang)
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype="object")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _row_value(result: RowResult) -> str:
    if result.line is None:
        return tr("budget.status_open")
    value = line_value(result.line)
    return format_sek(value, current().language, ore=True)


def _column_config(budget) -> dict:
    lang = current().language

    def label(column: str) -> str:
        return tr(f"budget.col_{column}")

    def select(column, options, fmt):
        return st.column_config.SelectboxColumn(
            label(column), options=_options(options, column, budget.drafts), help=tr(f"budget.help_{column}"),
            width=WIDTHS[column],
            format_func=lambda v: fmt(v) if v in options else tr("budget.unknown_value", value=v),
        )

    def text(column, **kw):
        return st.column_config.TextColumn(label(column), help=tr(f"budget.help_{column}"), width=WIDTHS[column], **kw)

    categories = tuple(vocabulary().categories)
    return {
        "_index": st.column_config.NumberColumn(tr("budget.col_row"), help=tr("budget.help_row"), width=40),
        "party": select("party", PARTIES, lambda v: party_label(v, lang)),
        "category": select("category", categories, lambda v: category_label(v, lang)),
        "other_text": text("other_text", max_chars=300),
        "kind": select("kind", KINDS, lambda v: kind_label(v, lang)),
        "quantity": text("quantity", alignment="right"),
        "unit": select("unit", UNITS, lambda v: unit_label(v, lang)),
        "unit_value": text("unit_value", alignment="right"),
        "year": text("year", alignment="right"),
        "note": text("note", max_chars=300),
    }


def _problem_list(results: list[tuple[int, RowResult]], budget) -> None:
    """Per grid row: what is wrong (red), what is not filled in yet (neutral), what to check."""
    lang = current().language
    wrong, unfinished, notices = [], [], []
    for label, r in results:
        if r.line is not None:
            ps = line_notices(r.line, budget)
            if ps:
                notices.append((label, ps))
            continue
        errors = [p for p in r.problems if not p.code.endswith("_missing")]
        missing = [p for p in r.problems if p.code.endswith("_missing")]
        if errors:
            wrong.append((label, errors + missing))
        else:
            unfinished.append((label, missing))
    if wrong:
        st.markdown(f"**{tr('budget.problems_title')}**")
    for label, ps in wrong:
        body = f"**{tr('budget.row', n=label)}** – {tr('budget.row_not_counted')}\n\n"
        body += "\n".join(f"- {plain(p.full(lang))}" for p in ps)
        st.error(body, icon=":material/error:")
    for label, ps in unfinished:
        columns = ", ".join(dict.fromkeys(p.where(lang) for p in ps if p.where(lang)))
        st.info(f"**{tr('budget.row', n=label)}** – {tr('budget.row_unfinished', columns=plain(columns))}",
                icon=":material/edit:")
    for label, ps in notices:
        body = f"**{tr('budget.row', n=label)}**\n\n" + "\n".join(f"- {plain(p.full(lang))}" for p in ps)
        st.warning(body, icon=":material/info:")


def _row_values(results: list[tuple[int, RowResult]]) -> pd.DataFrame:
    lang = current().language
    return pd.DataFrame([{
        tr("budget.col_row"): str(label),
        tr("budget.col_party"): party_label(r.cells["party"], lang) if r.cells["party"] in PARTIES else r.cells["party"],
        tr("budget.col_category"): (category_label(r.cells["category"], lang)
                                    if r.cells["category"] in vocabulary().categories else r.cells["category"]),
        tr("budget.col_value"): _row_value(r),
    } for label, r in results])


# --- totals and charts -------------------------------------------------------------------------


# Constant, app-controlled CSS (no user data): the figures a size smaller than Streamlit's, so an
# amount up to "SEK 123,456,789" fits four to a row (Streamlit would cut it to "SEK 3,630,…").
TOTALS_CSS = '<style>.st-key-budget_totals [data-testid="stMetricValue"] { font-size: 1.75rem; }</style>'


def _totals(summary: BudgetSummary) -> None:
    lang = current().language

    def sek(amount) -> str:
        return format_sek(amount, lang=lang)

    parties = [p for p in PARTIES if p != "other" or summary.party(p)]
    # At most four figures side by side: a fifth (a third party) would cut the amounts.
    n = len(parties) + 2
    cols = st.columns(n) if n <= 4 else [*st.columns(3), *st.columns(3)[:n - 3]]
    cols[0].metric(tr("budget.total"), sek(summary.total))
    for col, party in zip(cols[1:], parties):
        col.metric(party_label(party, lang), sek(summary.party(party)),
                   tr("budget.share_of_total", share=format_share(summary.share(party), lang)), delta_color="off",
                   delta_arrow="off")
    cols[-1].metric(tr("budget.money_vs_in_kind"), sek(summary.money),
                    tr("budget.in_kind_amount", amount=sek(summary.in_kind)), delta_color="off",
                    delta_arrow="off")


def _chart_specs(summary: BudgetSummary) -> tuple[dict, dict]:
    """The two Altair charts as Vega-Lite specs, rebuilt only when the totals change.

    Altair validates a chart when it is turned into a spec (~50 ms for these two); keeping the
    last specs in this session's state (never in a global cache: the figures are the user's)
    keeps reruns that do not touch the budget fast.
    """
    key = (current().language, tuple(summary.by_year_party_kind.items()))
    return memo(CHARTS, key, lambda: (chart_spec(budget_party_chart(summary, current().language)),
                                   chart_spec(budget_year_chart(summary, current().language))))


def _number_table(summary: BudgetSummary) -> pd.DataFrame:
    lang = current().language
    parties = [p for p in PARTIES if p != "other" or summary.party(p)]
    rows = []
    for year, by_party in summary.by_year.items():
        rows.append({tr("budget.chart_year"): str(year),
                     **{party_label(p, lang): format_sek(by_party.get(p, 0), lang=lang) for p in parties},
                     tr("budget.total"): format_sek(summary.year_total(year), lang=lang)})
    rows.append({tr("budget.chart_year"): tr("budget.total"),
                 **{party_label(p, lang): format_sek(summary.party(p), lang=lang) for p in parties},
                 tr("budget.total"): format_sek(summary.total, lang=lang)})
    return pd.DataFrame(rows)


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
    c1, c2 = st.columns(2)
    with c1:
        bound(st.date_input, "budget.terms.period_start", tr("budget.period_start"), min_value=LIMITS[0],
              max_value=LIMITS[1], format="YYYY-MM-DD", help=tr("budget.period_help"))
    with c2:
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
editor_key = _editor_key()
base = _editor_base(editor_key)
results = editor_results(base, _typed(st.session_state.get(editor_key) or {}, s.language))

st.subheader(tr("budget.split_title"))
lazy_expander(tr("budget.how_title"), "budget_how", _how_to, icon=":material/help:")
st.html(TOTALS_CSS)
with st.container(key="budget_totals"):
    _totals(summary)
# A line of text between the figures and the table: the table's toolbar (shown on hover, above
# its top edge) then covers this hint, never a figure.
st.caption(tr("budget.table_hint"))
uncovered = years_uncovered(budget)
if uncovered:
    st.warning(uncovered.text(s.language), icon=":material/date_range:")
st.data_editor(
    _frame(base), key=editor_key, on_change=_commit_editor, args=(editor_key,), num_rows="dynamic",
    column_config=_column_config(base), column_order=list(WIDTHS), width="stretch",
    placeholder="", hide_index=False,
)
if not results:
    st.info(tr("budget.empty"), icon=":material/table_rows:")
_problem_list(results, budget)
if results:
    lazy_expander(tr("budget.row_values"), "budget_row_values",
                  lambda: st.dataframe(_row_values(results), hide_index=True, width="stretch"))

show_notice(NOTICE)

imp, exp = st.columns(2, gap="large")
with imp:
    key = f"budget.csv@{st.session_state.get(UPLOADS, 0)}"
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
    party_spec, year_spec = _chart_specs(summary)
    st.subheader(tr("budget.charts_title"))
    left, right = st.columns(2, gap="large")
    with left:
        st.vega_lite_chart(party_spec, width="stretch")
    with right:
        st.vega_lite_chart(year_spec, width="stretch")
    lazy_expander(tr("budget.chart_table"), "budget_chart_table",
                  lambda: st.dataframe(_number_table(summary), hide_index=True, width="stretch"))

st.subheader(tr("budget.terms_title"))
st.caption(tr("budget.terms_intro"))
free_text("budget.terms.payment_how", tr("budget.terms_payment_how_label"), tr("budget.terms_payment_how_help"),
          height=90)
c1, c2 = st.columns(2)
with c1:
    bound(st.text_input, "budget.terms.payment_when", tr("budget.terms_payment_when_label"), max_chars=10_000,
          help=tr("budget.terms_payment_when_help"))
with c2:
    bound(st.text_input, "budget.terms.payment_to", tr("budget.terms_payment_to_label"), max_chars=10_000,
          help=tr("budget.terms_payment_to_help"))
yes_no = {True: tr("answer.yes"), False: tr("answer.no"), UNKNOWN: tr("answer.unknown")}  # looked up now: see _ui
bound(st.radio, "budget.terms.other_grants_allowed", tr("budget.terms_other_grants_allowed_label"),
      options=[True, False, UNKNOWN], horizontal=True, format_func=yes_no.get,
      help=tr("budget.terms_other_grants_allowed_help"))
free_text("budget.terms.surplus_handling", tr("budget.terms_surplus_handling_label"),
          tr("budget.terms_surplus_handling_help"), height=90)
for p in term_problems(s.budget.terms, s.language):
    if p.code == "terms_missing":
        st.info(p.text(s.language), icon=":material/checklist:")

next_link("budget")
