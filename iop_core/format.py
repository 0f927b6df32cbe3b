"""Dates written the Swedish way: "24 november 2026", "1 januari 2027 – 31 december 2031".

Independent of the machine's locale (no strftime month names). `format_date(d, "en")` gives
"24 November 2026" for the English interface. Money: `format_sek` ("1 234 kr" / "SEK 1,234"),
the one money formatter every page, rule and report uses.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS_SV: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


MONTHS_EN: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def swedish_date(d: date) -> str:
    """date(2026, 11, 24) -> "24 november 2026"."""
    return f"{d.day} {MONTHS_SV[d.month - 1]} {d.year}"


def format_date(d: date, lang: str = "sv") -> str:
    """A date in the interface language: "24 november 2026" or "24 November 2026"."""
    if lang == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return swedish_date(d)


def swedish_period(start: date | None, end: date | None) -> str:
    """"1 januari 2027 – 31 december 2031", "från 1 januari 2027", "till …", or "" if neither."""
    if start and end:
        return f"{swedish_date(start)} – {swedish_date(end)}"
    if start:
        return f"från {swedish_date(start)}"
    if end:
        return f"till {swedish_date(end)}"
    return ""


def format_period(start: date | None, end: date | None, lang: str = "sv") -> str:
    """A period in the interface language; Swedish is swedish_period(), English "1 January 2027 –
    31 December 2031", "from 1 January 2027", "until …", or "" if neither."""
    if lang != "en":
        return swedish_period(start, end)
    if start and end:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if start:
        return f"from {format_date(start, lang)}"
    if end:
        return f"until {format_date(end, lang)}"
    return ""


# --- money ----------------------------------------------------------------------------------------


def format_sek(amount: Decimal | float | int, lang: str = "sv", *, ore: bool = False) -> str:
    """An amount in kronor: Swedish "1 234 567 kr" (no-break spaces), English "SEK 1,234,567".

    Rounded half up to whole kronor; with `ore`, an amount that has öre keeps them: "1 234,50 kr",
    "SEK 1,234.50" (a whole amount still shows none). A negative amount starts with "−".
    """
    value = Decimal(str(amount))
    decimals = 2 if ore and value % 1 else 0
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "\u2212" if q < 0 else ""
    if lang != "sv":
        return f"{sign}SEK\u00a0{abs(q):,.{decimals}f}"
    whole, _, frac = f"{abs(q):.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{sign}{grouped}{',' + frac if frac else ''}\u00a0kr"
