"""Charts drawn from the core's data: the core returns rows, the shell draws (Altair).

`axis_chart()` is the grant ↔ IOP ↔ procurement picture of the summary and the trainer pages,
from iop_core.report.picture.axis_points(). The light is shown by shape and words next to each
point, never by colour alone; the description is read out by screen readers.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Sequence

import altair as alt

from iop_core.i18n import t
from iop_core.report.picture import AxisPoint, zone_rows

ZONE_COLOURS = {"grant": "#b7791f", "iop": "#2e7d32", "procurement": "#b3261e"}
LIGHT_SHAPES = {"green": "circle", "amber": "triangle-up", "red": "square"}
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
    names = list(dict.fromkeys(p.name for p in points))
    scenarios = list(dict.fromkeys(p.scenario for p in points))
    two = len(scenarios) > 1
    row_h = (76 if large else 52) * (1.5 if two else 1)
    x = alt.X("position:Q", scale=_scale(), axis=None)
    y = alt.Y("name:N", sort=names, title=None,
              axis=alt.Axis(labelFontSize=font, labelFontWeight="bold", labelColor=TEXT, labelLimit=400,
                            ticks=False, domain=False))
    offset = alt.YOffset("scenario:N", sort=scenarios) if two else alt.value(0)
    tooltip = [
        alt.Tooltip("name:N", title=t("summary.chart_framework", lang)),
        alt.Tooltip("label:N", title=t("summary.chart_leaning", lang)),
        alt.Tooltip("points:N", title=t("summary.chart_points_title", lang)),
        alt.Tooltip("findings:N", title=t("summary.chart_findings", lang)),
    ]
    base = alt.Chart(alt.Data(values=[asdict(p) for p in points]))
    dots = base.mark_point(size=700 if large else 240, strokeWidth=3 if large else 2, color=INK).encode(
        x=x, y=y, yOffset=offset, tooltip=tooltip,
        shape=alt.Shape("traffic_light:N", legend=None,
                        scale=alt.Scale(domain=list(LIGHT_SHAPES), range=list(LIGHT_SHAPES.values()))),
        fill=alt.Fill("scenario:N", scale=alt.Scale(domain=scenarios, range=[INK, "white"][: len(scenarios)]),
                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=font) if two else None),
    )
    unplaced = base.transform_filter("datum.position == null").mark_text(
        align="left", dx=4, fontSize=font, fontStyle="italic", color=TEXT,
    ).encode(x=alt.value(0), y=y, yOffset=offset, text="label:N", tooltip=tooltip)
    # Labels sit right of the point, or left of it near the right edge, so they are never cut off.
    left = alt.datum.position > 0.25
    labels = [
        base.transform_filter("datum.position != null").transform_filter(side)
        .mark_text(align=align, dx=dx, fontSize=font, color=TEXT)
        .encode(x=x, y=y, yOffset=offset, text="label:N", tooltip=tooltip)
        for side, align, dx in ((~left, "left", 22 if large else 14), (left, "right", -(22 if large else 14)))
    ]
    return (
        alt.layer(*_zones(font, lang), dots, *labels, unplaced)
        .properties(height=int(max(1, len(names)) * row_h), description=t("picture.description", lang),
                    padding={"top": 36 if large else 24, "left": 5, "right": 5, "bottom": 5})
        .configure_view(strokeWidth=0)
    )
