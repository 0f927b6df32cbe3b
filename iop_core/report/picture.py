"""The grant ↔ IOP ↔ procurement picture as data: where each framework places a case, and why.

The position is part of the assessment (`Assessment.position`, iop_core.rules.assessment.position):
-1 is all grant signals, 0 the middle, +1 all procurement signals, clamped into the zone of the
verdict, so a point never sits in a zone that contradicts the text next to it. A case that is not
eligible yet is not placed on the axis; its row says so. Nothing here computes a position.

`axis_points()` gives one point per assessment (name, position, zone, the leaning in words, the
light as words and shape, the points and the findings behind it) and `zone_rows()` the three
zones. The summary and the trainer draw the same chart from them (iop_shell/charts.py); nothing here
draws anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from iop_core.i18n import t
from iop_core.rules.assessment import SCORED, ZONES, zone_of
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import Assessment

__all__ = ["LIGHT_ICON", "AxisPoint", "axis_points", "leaning_label", "light_label", "zone_rows"]

LIGHT_ICON = {"green": "●", "amber": "▲", "red": "■"}
"""Shape per traffic light in the chart, so the light is never shown by colour alone."""


@dataclass(frozen=True)
class AxisPoint:
    """One framework's verdict on the axis (one row of the chart; two with a "Tänk om…" scenario)."""

    framework: str
    name: str
    """The row's label: the framework's short name, "SKR (valt)" for the chosen one."""
    position: float | None
    """None: not eligible yet, not placed on the axis."""
    zone: str | None
    classification: str
    leaning: str
    """The classification in words, e.g. "Risk för upphandling"."""
    label: str
    """What is written beside the axis under the row's name: light and leaning, "Rött: Risk för upphandling"."""
    traffic_light: str
    light_label: str
    shape: str
    scenario: str
    """Which scenario the point shows ("Nu", "Tänk om…"), or "" when there is one."""
    iop: int
    grant: int
    procurement: int
    points: str
    """The points in words: "IOP 3 · bidrag 0 · upphandling 1"."""
    findings: str
    """The findings behind the position, by direction: "Mot upphandling: A; B", then "Mot IOP: C" on the next line."""


def leaning_label(classification: str, lang: str = "sv") -> str:
    return t(f"picture.class_{classification}", lang)


def light_label(light: str, lang: str = "sv") -> str:
    return t(f"picture.light_{light}", lang)


def _contributing(a: Assessment, lang: str) -> str:
    parts = []
    for direction in ("procurement", "grant", "iop"):
        titles = [f.title for f in a.findings if f.direction == direction]
        if titles:
            parts.append(t("summary.chart_towards", lang, direction=t(f"summary.chart_dir_{direction}", lang),
                           titles="; ".join(titles)))
    return "\n".join(parts) or t("summary.chart_no_signals", lang)  # a line each: the tooltip keeps line breaks


def axis_points(assessments: Iterable[Assessment], *, chosen: str = "", scenario: str = "",
                lang: str = "sv") -> list[AxisPoint]:
    """One point per assessment (usually one per framework, in the catalogue's order), the
    `chosen` framework's name marked."""
    fws = frameworks(lang)
    out = []
    for a in assessments:
        short = fws[a.framework].short
        scores = {k: int(a.scores.get(k, 0)) for k in SCORED}
        out.append(AxisPoint(
            framework=a.framework,
            name=t("summary.chart_chosen", lang, name=short) if a.framework == chosen else short,
            position=a.position,
            zone=None if a.position is None else zone_of(a.position),
            classification=a.classification,
            leaning=leaning_label(a.classification, lang),
            label=f"{light_label(a.traffic_light, lang)}: {leaning_label(a.classification, lang)}",
            traffic_light=a.traffic_light,
            light_label=light_label(a.traffic_light, lang),
            shape=LIGHT_ICON[a.traffic_light],
            scenario=scenario,
            points=t("summary.chart_points", lang, **scores),
            findings=_contributing(a, lang),
            **scores,
        ))
    return out


def zone_rows(lang: str = "sv") -> list[dict[str, Any]]:
    """The three zones of the axis, left to right: id, label, start, end and middle."""
    return [
        {"zone": z, "label": t(f"picture.zone_{z}", lang), "start": lo, "end": hi, "middle": (lo + hi) / 2}
        for z, lo, hi in ZONES
    ]
