"""Every chart of the app: the core returns rows, the shell draws (Altair, then st.vega_lite_chart).

`axis_chart()` is the grant ↔ IOP ↔ procurement picture of the summary and the trainer pages,
from iop_core.report.picture.axis_points(). The light is shown by shape and by words beside the
axis, never by colour alone; the description is read out by screen readers. The budget's two
charts (the budget page and a case) come from iop_core.budget.charts, the follow-up's from
iop_core.council.followup. `chart()` and `budget_charts()` draw a chart from a spec kept per
session: building and validating an Altair chart costs 30-100 ms, more than the rest of a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from iop_core.budget.charts import party_chart_rows, year_chart_rows
from iop_core.budget.totals import BudgetSummary
from iop_core.budget.vocabulary import PARTIES, kind_label, party_label
from iop_core.i18n import t
from iop_core.report.picture import AxisPoint, zone_rows
from iop_shell import state
from iop_shell.ui import cached

ZONE_COLOURS = {"grant": "#b7791f", "iop": "#2e7d32", "procurement": "#b3261e"}
LIGHT_SHAPES = {"green": "circle", "amber": "triangle-up", "red": "square"}
KIND_COLOURS = {"money": "#1d4f91", "in_kind": "#f2b134"}
PARTY_COLOURS = {"public": "#4c6a8a", "organisation": "#c8553d", "other": "#8d9a5b"}
INK = "#1f3b57"
TEXT = "#1f1f1f"


def _scale() -> alt.Scale:
    return alt.Scale(domain=[-1, 1])


def _zones(font: int, lang: str) -> list[alt.Chart]:
    """The three zones as coloured bands with their names above them."""
    zones = alt.Data(values=zone_rows(lang))
    bands = alt.Chart(zones).mark_rect(opacity=0.16).encode(
        x=alt.X("start:Q", scale=_scale(), axis=None), x2="end:Q",
        color=alt.Color("zone:N", legend=None, scale=alt.Scale(domain=list(ZONE_COLOURS),
                                                              range=list(ZONE_COLOURS.values()))),
    )
    labels = alt.Chart(zones).mark_text(baseline="bottom", dy=-8, fontSize=font + 2, fontWeight="bold",
                                        color="#333").encode(
        x=alt.X("middle:Q", scale=_scale(), axis=None), text="label:N", y=alt.value(0),
    )
    return [bands, labels]


def axis_chart(points: Sequence[AxisPoint], *, large: bool = False, lang: str = "sv") -> alt.LayerChart:
    """One row per framework across the zones, a labelled point each.

    With two scenarios (e.g. "Nu" and "Tänk om…") both points are drawn in the row, the second
    hollow, with a legend. `large` is for a projector: bigger type and marks.
    """
    font = 22 if large else 13
    scenarios = list(dict.fromkeys(p.scenario for p in points))
    two = len(scenarios) > 1
    rows = _row_titles(points, two)
    row_h = (76 if large else 52) * (1.5 if two else 1)
    x = alt.X("position:Q", scale=_scale(), axis=None)
    # The verdict is written beside the axis, under the framework's name, never next to its point:
    # there it would spill into the neighbouring zone (issue #24 point 5). No limit: never cut.
    y = alt.Y("row:N", sort=list(dict.fromkeys(rows.values())), title=None,
              axis=alt.Axis(labelFontSize=font, labelColor=TEXT, labelLimit=0, labelExpr="split(datum.value, '\\n')",
                            labelLineHeight=round(font * 1.35), ticks=False, domain=False))
    offset = alt.YOffset("scenario:N", sort=scenarios) if two else alt.value(0)
    tooltip = [
        alt.Tooltip("name:N", title=t("summary.chart_framework", lang)),
        alt.Tooltip("label:N", title=t("summary.chart_leaning", lang)),
        alt.Tooltip("points:N", title=t("summary.chart_points_title", lang)),
        alt.Tooltip("findings:N", title=t("summary.chart_findings", lang)),
    ]
    base = alt.Chart(alt.Data(values=[asdict(p) | {"row": rows[p.name]} for p in points]))
    dots = base.mark_point(size=700 if large else 240, strokeWidth=3 if large else 2, color=INK).encode(
        x=x, y=y, yOffset=offset, tooltip=tooltip,
        shape=alt.Shape("traffic_light:N", legend=None,
                        scale=alt.Scale(domain=list(LIGHT_SHAPES), range=list(LIGHT_SHAPES.values()))),
        fill=alt.Fill("scenario:N", scale=alt.Scale(domain=scenarios, range=[INK, "white"][: len(scenarios)]),
                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=font) if two else None),
    )
    unplaced = base.transform_filter("datum.position == null").mark_text(
        align="left", dx=4, fontSize=font, fontStyle="italic", color=TEXT,
    ).encode(x=alt.value(0), y=y, yOffset=offset, text="light_label:N", tooltip=tooltip)
    return (
        alt.layer(*_zones(font, lang), dots, unplaced)
        .properties(height=int(max(1, len(rows)) * row_h), description=t("picture.description", lang),
                    padding={"top": 36 if large else 24, "left": 5, "right": 5, "bottom": 5})
        .configure_view(strokeWidth=0)
    )


def _row_titles(points: Sequence[AxisPoint], two: bool) -> dict[str, str]:
    """Each framework's row title, line by line: its name, then its verdict ("Gult: IOP verkar
    möjligt"), one line per scenario, each line led by the scenario's name."""
    lines: dict[str, list[str]] = {}
    for p in points:
        lines.setdefault(p.name, [p.name]).append(f"{p.scenario}: {p.label}" if two else p.label)
    return {name: "\n".join(text) for name, text in lines.items()}


SEK_AXIS = {  # Vega expressions for the value axis: "1 000 kr" / "SEK 1,000"
    "sv": "replace(format(datum.value, ',.0f'), regexp(',', 'g'), '\u00a0') + '\u00a0kr'",
    "en": "'SEK\u00a0' + format(datum.value, ',.0f')",
}


def budget_party_chart(summary: BudgetSummary, lang: str) -> alt.LayerChart:
    """Who brings what: one bar per party, money and other resources (the budget page and a case)."""
    data = pd.DataFrame(party_chart_rows(summary, lang))
    kinds = [kind_label(k, lang) for k in KIND_COLOURS]
    base = alt.Chart(data)
    y = alt.Y("party:N", title=None, sort=[party_label(p, lang) for p in PARTIES], axis=alt.Axis(labelLimit=220))
    bars = base.mark_bar(stroke="#222222", strokeWidth=1.5).encode(
        y=y,
        x=alt.X("start:Q", title=None, axis=alt.Axis(labelExpr=SEK_AXIS[lang], tickCount=4)),
        x2="end:Q",
        color=alt.Color("kind:N", title=t("budget.chart_kind", lang),
                        scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", labelLimit=0)),
        strokeDash=alt.StrokeDash("kind:N", title=t("budget.chart_kind", lang),
                                  scale=alt.Scale(domain=kinds, range=[[1, 0], [5, 3]]),
                                  legend=alt.Legend(orient="bottom", labelLimit=0)),
        tooltip=[alt.Tooltip("party:N", title=t("budget.chart_party", lang)),
                 alt.Tooltip("kind:N", title=t("budget.chart_kind", lang)),
                 alt.Tooltip("amount:N", title=t("budget.chart_amount", lang)),
                 alt.Tooltip("share:N", title=t("budget.chart_share", lang))],
    )
    labels = base.mark_text(fontWeight="bold").encode(
        y=y, x="mid:Q", text="label:N",
        color=alt.condition(alt.datum.kind == kinds[0], alt.value("white"), alt.value("black")),
    )
    return (bars + labels).properties(
        height=190 + 60 * data["party"].nunique(),
        title=alt.Title(t("budget.chart_party_title", lang), subtitle=t("budget.chart_party_subtitle", lang), anchor="start"),
        description=t("budget.chart_party_desc", lang),
    )


def budget_year_chart(summary: BudgetSummary, lang: str) -> alt.Chart:
    """Each year's inputs per party (the budget page and a case)."""
    data = pd.DataFrame(year_chart_rows(summary, lang))
    party_ids = [p for p in PARTIES if summary.party(p)]
    parties = [party_label(p, lang) for p in party_ids]
    kinds = [kind_label(k, lang) for k in KIND_COLOURS]
    return alt.Chart(data).mark_bar(stroke="#222222", strokeWidth=1).encode(
        x=alt.X("year:N", title=t("budget.chart_year", lang), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("party_label:N", sort=parties),
        y=alt.Y("sum(value):Q", title=t("budget.chart_axis_value", lang),
                axis=alt.Axis(labelExpr=SEK_AXIS[lang], tickCount=4)),
        color=alt.Color("party_label:N", title=t("budget.chart_party", lang),
                        scale=alt.Scale(domain=parties, range=[PARTY_COLOURS[p] for p in party_ids]),
                        legend=alt.Legend(orient="bottom", labelLimit=0)),
        # Money vs other resources: opacity and a dashed outline, explained in the subtitle.
        opacity=alt.Opacity("kind:N", scale=alt.Scale(domain=kinds, range=[1.0, 0.55]), legend=None),
        strokeDash=alt.StrokeDash("kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [5, 3]]),
                                  legend=None),
        order=alt.Order("kind_id:N", sort="descending"),  # money first in every language
        tooltip=[alt.Tooltip("year:N", title=t("budget.chart_year", lang)),
                 alt.Tooltip("party_label:N", title=t("budget.chart_party", lang)),
                 alt.Tooltip("kind:N", title=t("budget.chart_kind", lang)),
                 alt.Tooltip("amount:N", title=t("budget.chart_amount", lang)),
                 alt.Tooltip("year_total:N", title=t("budget.chart_year_total", lang))],
    ).properties(
        height=400,
        title=alt.Title(t("budget.chart_year_title", lang), subtitle=t("budget.chart_year_subtitle", lang), anchor="start"),
        description=t("budget.chart_year_desc", lang),
    )


def followup_chart(data: pd.DataFrame, titles: dict[str, str]) -> alt.Chart:
    """Cases per year by one measure (framework, verdict, decision, policy area): the follow-up page.
    `titles`: the axis and legend titles ("year", "count", "value") in the page's language."""
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("year:N", title=titles["year"], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=titles["count"], axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("value:N", title=titles["value"]),
        tooltip=[alt.Tooltip("year:N", title=titles["year"]), alt.Tooltip("value:N", title=titles["value"]),
                 alt.Tooltip("count:Q", title=titles["count"])],
    )


# --- drawing: a spec kept per session ---------------------------------------------------------------


def chart_spec(chart: Any) -> dict:
    """An Altair chart as the Vega-Lite spec st.vega_lite_chart draws, its rows already in Arrow.

    Streamlit turns a spec's named datasets into Arrow on every draw unless they already are
    Arrow bytes; converted once here (with Streamlit's own converter), a redraw of a kept spec
    costs almost nothing."""
    spec = chart.to_dict()
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows)
                        for name, rows in spec.get("datasets", {}).items()}
    return spec


def chart(name: str, build: Callable[[], Any], *key: Any, height: Any = "content") -> None:
    """Draw an Altair chart; its Vega-Lite spec is rebuilt only when the screening or `key` changed."""
    spec = cached(f"chart:{name}", lambda: chart_spec(build()), *key)
    st.vega_lite_chart(spec=spec, width="stretch", height=height)


def budget_charts(summary: BudgetSummary, lang: str) -> None:
    """The budget page's two charts side by side, their specs rebuilt only when the totals change.

    Altair validates a chart when it is turned into a spec (~50 ms for these two); keeping the
    last specs in this session's state (never in a global cache: the figures are the user's)
    keeps reruns that do not touch the budget fast."""
    key = (lang, tuple(summary.by_year_party_kind.items()))
    party_spec, year_spec = state.memo(state.BUDGET_CHARTS, key, lambda: (
        chart_spec(budget_party_chart(summary, lang)), chart_spec(budget_year_chart(summary, lang))))
    left, right = st.columns(2, gap="large")
    with left:
        st.vega_lite_chart(party_spec, width="stretch")
    with right:
        st.vega_lite_chart(year_spec, width="stretch")


def draw_followup_chart(data: pd.DataFrame, titles: dict[str, str]) -> None:
    """The follow-up's chart of one measure (drawn as is: a few rows, for officers only)."""
    st.altair_chart(followup_chart(data, titles), width="stretch")
