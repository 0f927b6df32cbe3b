"""Dates written the Swedish way: "24 november 2026", "1 januari 2027 – 31 december 2031".

Independent of the machine's locale (no strftime month names). Nothing else lives here.
"""

from __future__ import annotations

from datetime import date

MONTHS_SV: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


def swedish_date(d: date) -> str:
    """date(2026, 11, 24) -> "24 november 2026"."""
    return f"{d.day} {MONTHS_SV[d.month - 1]} {d.year}"


def swedish_period(start: date | None, end: date | None) -> str:
    """"1 januari 2027 – 31 december 2031", "från 1 januari 2027", "till …", or "" if neither."""
    if start and end:
        return f"{swedish_date(start)} – {swedish_date(end)}"
    if start:
        return f"från {swedish_date(start)}"
    if end:
        return f"till {swedish_date(end)}"
    return ""
