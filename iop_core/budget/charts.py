"""Rows for the budget page's two charts, built from the summary only (data, not drawings).

The page (pages/4_budget.py) turns them into Altair charts; the core draws nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iop_core.budget.totals import ZERO, BudgetSummary
from iop_core.budget.vocabulary import (
    KINDS,
    PARTIES,
    kind_label,
    party_label,
    party_short,
)
from iop_core.format import format_sek, format_share
from iop_core.i18n import DEFAULT_LANGUAGE

LABEL_MIN_WIDTH = Decimal("0.3")
"""A segment gets a text label inside the bar only if it spans 30 % of the longest bar."""


def party_chart_rows(summary: BudgetSummary, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One row per party and kind with a value: for a stacked bar per party (money/other resource)."""
    out = []
    widest = max(summary.by_party.values(), default=ZERO)
    for party in PARTIES:
        if summary.party(party) == 0:
            continue
        start = ZERO
        for kind in KINDS:
            value = summary.party_kind(party, kind)
            if value == 0:
                continue
            out.append({
                "party": party_label(party, lang), "kind": kind_label(kind, lang), "value": float(value),
                "start": float(start), "end": float(start + value), "mid": float(start + value / 2),
                "amount": format_sek(value, lang), "share": format_share(value / summary.total, lang),
                "label": kind_label(kind, lang) if value / widest >= LABEL_MIN_WIDTH else "",
            })
            start += value
    return out


def year_chart_rows(summary: BudgetSummary, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One row per year, party and kind with a value: for bars per year."""
    return [
        {"year": str(year), "party": party_short(party, lang), "party_label": party_label(party, lang),
         "kind": kind_label(kind, lang), "kind_id": kind, "value": float(value),
         "amount": format_sek(value, lang),
         "year_total": format_sek(summary.year_total(year), lang)}
        for (year, party, kind), value in summary.by_year_party_kind.items()
        if value != 0
    ]
