"""How the app writes money, numbers, shares, dates and titles in sentences, per language.

Swedish: "1 234 567 kr", "1 234,50", "62 %", "24 november 2026". English: "SEK 1,234,567",
"1,234.50", "62%", "24 November 2026". The one place for these: every page, rule and report uses
them. Independent of the machine's locale (no strftime month names, no locale module). Pure
functions of their arguments; nothing here reads a screening or the catalogue (a citation is
written by iop_core.rules.citations, which knows the sources).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
_GROUPED_EN = re.compile(r"[-+\u2212]?\d{1,3}(,\d{3})+(\.\d+)?(\s*(SEK|kr))?", re.IGNORECASE)

# --- numbers -------------------------------------------------------------------------------------


def format_number(value: Decimal | float | int, lang: str = "sv", *, decimals: int = 2, trim: bool = False,
                  fixed: bool = False) -> str:
    """A number, rounded half up to at most `decimals` decimals; a whole number shows none.

    Swedish "1 234 567" and "1 234,50" (no-break space between thousands, decimal comma), English
    "1,234,567" and "1,234.50". With `trim`, trailing zeros go ("0,5" rather than "0,50"); with
    `fixed`, a whole number shows its zeros too ("12,00").
    """
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    shown = decimals if fixed or q != q.to_integral_value() else 0
    text = f"{abs(q):,.{shown}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return f"-{text}" if q < 0 else text


def ungroup(text: str, lang: str) -> str:
    """A number as typed in `lang`, with thousands separators that would read as a decimal comma
    taken out: English "250,000" -> "250000" (Swedish "250,000" is 250 and stays). Anything else
    comes back unchanged, for the budget's own reading (iop_core.budget)."""
    if lang != "sv" and _GROUPED_EN.fullmatch(text.strip()):
        return text.replace(",", "")
    return text


def format_share(share: Decimal | None, lang: str = "sv") -> str:
    """A share 0..1 as a percentage: "62 %" or, when not whole, "4,6 %" (so 4,6 % is never shown as
    5 %); English "62%", "4.6%". None (nothing to share) is "–"."""
    if share is None:
        return "–"
    text = format_number(Decimal(str(share)) * 100, lang, decimals=1)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


# --- money ---------------------------------------------------------------------------------------


def format_sek(amount: Decimal | float | int, lang: str = "sv", *, ore: bool = False) -> str:
    """An amount in kronor: Swedish "1 234 567 kr" (no-break spaces), English "SEK 1,234,567".

    Rounded half up to whole kronor; with `ore`, an amount that has öre keeps them: "1 234,50 kr",
    "SEK 1,234.50" (a whole amount still shows none). A negative amount starts with "−".
    """
    value = Decimal(str(amount))
    decimals = 2 if ore and value % 1 else 0
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format_number(abs(q), lang, decimals=decimals, fixed=True)
    sign = "\u2212" if q < 0 else ""
    return f"{sign}{text}\u00a0kr" if lang == "sv" else f"{sign}SEK\u00a0{text}"


# --- dates ---------------------------------------------------------------------------------------

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


# --- text ----------------------------------------------------------------------------------------

_QUOTES = {"sv": ("”", "”"), "en": ("“", "”")}
"""Quotation marks per language: Swedish ”…”, English “…” (one sentence never mixes them)."""


def quote(text: str, lang: str = "sv") -> str:
    """`text` in the language's quotation marks: ”Styrning” (sv), “Governance” (en)."""
    left, right = _QUOTES.get(lang, _QUOTES["sv"])
    return f"{left}{text}{right}"



def lower_first(title: str) -> str:
    """A title inside a sentence: first letter lower case, unless it starts an acronym (IOP, EU)."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]
