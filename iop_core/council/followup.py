"""The yearly follow-up (Mora "Uppföljning": "Antal IOP ansökningar samt beslut om partnerskap i
form av IOP följs upp årligen av kommunstyrelseförvaltningen").

Pure functions over the register's rows: per year the initiatives received, by verdict, by
decision and by policy area, per framework, and the days from received to decision; as rows for a table or
chart and as CSV the kommunstyrelseförvaltning can attach to its report.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Protocol

from iop_core.clock import local_day
from iop_core.council.export import Sheet


class _Row(Protocol):
    framework: str
    verdict: str
    decision: str | None
    decision_date: object
    policy_area: str | None
    received_at: object


@dataclass
class YearCounts:
    year: int
    received: int = 0
    by_framework: Counter = field(default_factory=Counter)
    by_verdict: Counter = field(default_factory=Counter)
    by_decision: Counter = field(default_factory=Counter)
    by_policy_area: Counter = field(default_factory=Counter)
    days_to_decision: list[int] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return sum(self.by_decision.values())

    @property
    def median_days(self) -> float | None:
        return median(self.days_to_decision) if self.days_to_decision else None


def yearly(rows: Sequence[_Row]) -> list[YearCounts]:
    """Counts per year a case was received (open and erased cases alike), oldest year first."""
    years: dict[int, YearCounts] = {}
    for r in rows:
        received = local_day(r.received_at)  # the Swedish year and day, not UTC's
        y = years.setdefault(received.year, YearCounts(received.year))
        y.received += 1
        y.by_framework[r.framework] += 1
        y.by_verdict[r.verdict] += 1
        if r.decision:
            y.by_decision[r.decision] += 1
        y.by_policy_area[r.policy_area or "unset"] += 1
        if r.decision and r.decision_date:
            y.days_to_decision.append((r.decision_date - received).days)
    return [years[k] for k in sorted(years)]


def long_rows(counts: Sequence[YearCounts], labels: dict[str, str] | None = None) -> list[dict]:
    """One row per (year, measure, value, count): the shape of the chart and the CSV."""
    labels = labels or {}
    out: list[dict] = []
    for y in counts:
        out.append({"year": y.year, "measure": "received", "value": "", "count": y.received})
        for measure, counter in (("framework", y.by_framework), ("verdict", y.by_verdict), ("decision", y.by_decision),
                                 ("policy_area", y.by_policy_area)):
            for value, n in sorted(counter.items()):
                out.append({"year": y.year, "measure": measure, "value": labels.get(f"{measure}.{value}", value), "count": n})
        if y.median_days is not None:
            out.append({"year": y.year, "measure": "median_days_to_decision", "value": "", "count": y.median_days})
    return out


def to_csv(counts: Sequence[YearCounts], labels: dict[str, str] | None = None,
           header: Sequence[str] = ("år", "mått", "värde", "antal")) -> str:
    """CSV (semicolon-separated, as Swedish spreadsheets expect) of `long_rows`."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    for row in long_rows(counts, labels):
        writer.writerow([row["year"], labels.get(f"measure.{row['measure']}", row["measure"]) if labels else row["measure"],
                         row["value"], row["count"]])
    return buf.getvalue()


def sheet(counts: Sequence[YearCounts], labels: dict[str, str], header: Sequence[str], title: str) -> Sheet:
    """The same rows as the CSV, for the XLSX (iop_core.council.export.to_xlsx)."""
    return Sheet(title, list(header), [[row["year"], labels.get(f"measure.{row['measure']}", row["measure"]),
                                        row["value"], row["count"]] for row in long_rows(counts, labels)])
