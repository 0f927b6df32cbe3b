"""The grant ↔ IOP ↔ procurement picture: where a case lies, as the assessment placed it.

The position is part of the assessment (`Assessment.position`, iop_core.rules.assessment.position):
-1 is all grant signals, 0 the middle, +1 all procurement signals, clamped into the zone of the
verdict, so a point never sits in a zone that contradicts the text next to it. A case that is not
eligible yet is not placed on the axis; its row says so. Nothing here computes a position.

`picture_points()` turns assessments into rows for a chart; `picture_chart()` builds the Altair
chart (Altair is imported only there). Both the trainer page and the summary page can use them.
No Streamlit here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable

from iop_core.rules.assessment import ZONES, axis_position, zone_of
from iop_core.rules.catalogue import frameworks
from iop_core.i18n import t
from iop_core.screening.model import Assessment

__all__ = ["LIGHT_ICON", "PicturePoint", "ZONES", "axis_position", "leaning_label", "light_label",
           "picture_chart", "picture_points", "zone_of", "zone_rows"]

LIGHT_ICON = {"green": "●", "amber": "▲", "red": "■"}
"""Shape per traffic light in the chart, so the light is never shown by colour alone."""


@dataclass(frozen=True)
class PicturePoint:
    framework: str
    framework_name: str
    position: float | None
    """None: not eligible yet, not placed on the axis."""
    zone: str | None
    classification: str
    leaning: str
    """Swedish label of the classification, e.g. "Risk för upphandling"."""
    label: str
    """What the chart writes next to the point: light and leaning, "Rött: Risk för upphandling"."""
    traffic_light: str
    light_label: str
    shape: str
    scenario: str
    iop: int
    grant: int
    procurement: int
    has_signals: bool


def leaning_label(classification: str, lang: str = "sv") -> str:
    return t(f"picture.class_{classification}", lang)


def light_label(light: str, lang: str = "sv") -> str:
    return t(f"picture.light_{light}", lang)


def picture_points(assessments: Iterable[Assessment], *, scenario: str = "", lang: str = "sv") -> list[PicturePoint]:
    """One point per assessment (usually one per framework), in the given order."""
    fws = frameworks()
    out = []
    for a in assessments:
        fw = fws.get(a.framework)
        scores = {k: int(a.scores.get(k, 0)) for k in ("iop", "grant", "procurement")}
        out.append(PicturePoint(
            framework=a.framework,
            framework_name=fw.short if fw else a.framework,
            position=a.position,
            zone=None if a.position is None else zone_of(a.position),
            classification=a.classification,
            leaning=leaning_label(a.classification, lang),
            label=f"{light_label(a.traffic_light, lang)}: {leaning_label(a.classification, lang)}",
            traffic_light=a.traffic_light,
            light_label=light_label(a.traffic_light, lang),
            shape=LIGHT_ICON[a.traffic_light],
            scenario=scenario,
            has_signals=any(scores.values()),
            **scores,
        ))
    return out


def zone_rows(lang: str = "sv") -> list[dict[str, Any]]:
    return [
        {"zone": z, "label": t(f"picture.zone_{z}", lang), "start": lo, "end": hi, "middle": (lo + hi) / 2}
        for z, lo, hi in ZONES
    ]


def picture_chart(points: list[PicturePoint], *, large: bool = False, lang: str = "sv") -> Any:
    """An Altair chart: the three zones as bands, one row per framework, a labelled point each.

    With two scenarios (e.g. "Nu" and "Tänk om…") both points are drawn in the row, the second
    hollow. `large` is for a projector: bigger type and marks.
    """
    import altair as alt

    font = 22 if large else 13
    size = 700 if large else 220
    rows = [asdict(p) for p in points]
    names = list(dict.fromkeys(p.framework_name for p in points))
    scenarios = list(dict.fromkeys(p.scenario for p in points))
    row_h = (64 if large else 52) * (1.5 if len(scenarios) > 1 else 1)
    height = int(max(1, len(names)) * row_h + (100 if large else 80))  # + zone labels and legend
    zones = alt.Data(values=zone_rows(lang))
    x = alt.X("position:Q", scale=alt.Scale(domain=[-1, 1]), axis=None)
    y = alt.Y("framework_name:N", sort=names, title=None,
              axis=alt.Axis(labelFontSize=font, labelFontWeight="bold", labelColor="#1f1f1f", labelLimit=400,
                            ticks=False, domain=False))

    bands = alt.Chart(zones).mark_rect(opacity=0.16).encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=[-1, 1]), axis=None),
        x2="end:Q",
        color=alt.Color("zone:N", scale=alt.Scale(domain=["grant", "iop", "procurement"],
                                                  range=["#b7791f", "#2e7d32", "#b3261e"]), legend=None),
    )
    band_labels = alt.Chart(zones).mark_text(baseline="bottom", dy=-8, fontSize=font + 2,
                                              fontWeight="bold", color="#333").encode(
        x=alt.X("middle:Q", scale=alt.Scale(domain=[-1, 1]), axis=None), text="label:N", y=alt.value(0),
    )
    tooltip = [
        alt.Tooltip("framework_name:N", title=t("picture.framework", lang)),
        alt.Tooltip("leaning:N", title=t("picture.leaning", lang)),
        alt.Tooltip("iop:Q", title=t("picture.points_iop", lang)),
        alt.Tooltip("grant:Q", title=t("picture.points_grant", lang)),
        alt.Tooltip("procurement:Q", title=t("picture.points_procurement", lang)),
    ]
    base = alt.Chart(alt.Data(values=rows))
    dots = base.mark_point(size=size, strokeWidth=3 if large else 2).encode(
        x=x, y=y,
        shape=alt.Shape("traffic_light:N", scale=alt.Scale(domain=["green", "amber", "red"],
                                                           range=["circle", "triangle-up", "square"]),
                        legend=None),
        color=alt.value("#1f3b57"),
        fill=alt.Fill("scenario:N", scale=alt.Scale(domain=scenarios, range=["#1f3b57", "white"][: len(scenarios)]),
                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=font) if len(scenarios) > 1 else None),
        tooltip=tooltip,
    )
    offset = alt.YOffset("scenario:N", sort=scenarios) if len(scenarios) > 1 else alt.value(0)
    dots = dots.encode(yOffset=offset)
    unplaced = base.transform_filter("datum.position == null").mark_text(
        align="left", dx=4, fontSize=font, fontStyle="italic", color="#1f1f1f",
    ).encode(x=alt.value(0), y=y, text="label:N", yOffset=offset)
    # Labels sit right of the point, or left of it near the right edge, so they are never cut off.
    label_left = alt.datum.position > 0.25
    placed = "datum.position != null"
    labels = [
        base.transform_filter(placed).transform_filter(cond).mark_text(align=align, dx=dx, fontSize=font, color="#1f1f1f")
        .encode(x=x, y=y, text="label:N", yOffset=offset)
        for cond, align, dx in (
            (~label_left, "left", 22 if large else 14),
            (label_left, "right", -(22 if large else 14)),
        )
    ]
    return (
        alt.layer(bands, band_labels, dots, *labels, unplaced)
        .properties(height=height, padding={"top": 36 if large else 24, "left": 5, "right": 5, "bottom": 5})
        .configure_view(strokeWidth=0)
    )
