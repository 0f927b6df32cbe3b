"""Numbers in budget cells: read as Swedes type them, written back the Swedish way, and shares.

Pure text <-> Decimal; nothing here knows what a row is (iop_core.budget.rows) and money
("1 234 kr") is iop_core.format.format_sek.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from iop_core.rules.catalogue import DEFAULT_LANGUAGE
from iop_core.screening.model import MAX_TEXT

ORE = Decimal("0.01")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(kr\.?|sek|kronor|:-)$", re.IGNORECASE)


def is_missing(value: Any) -> bool:
    """An empty cell: None, NaN (pandas) or blank text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value: Any) -> str:
    """Any cell value (editor, CSV, model) as the text a user would see; missing -> ""."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return str(value)
        return format_number(Decimal(repr(value)))
    if isinstance(value, (int, Decimal)):
        return format_number(Decimal(value))
    return str(value).strip()[:MAX_TEXT]


def _plain_number_text(value: Any) -> str:
    """Typed text reduced to digits, one "." and a sign: "1 234,50 kr" -> "1234.50"."""
    text = _SPACES.sub("", str(value)).replace("\u2212", "-").replace("\u2013", "-")
    text = _CURRENCY.sub("", text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        return text.replace(thousands, "").replace(decimal_mark, ".")
    if text.count(",") > 1:
        return text.replace(",", "")
    if text.count(".") > 1:
        return text.replace(".", "")
    return text.replace(",", ".")


def parse_number(value: Any) -> Decimal | None:
    """A number as Swedes write it: "1 234,50", "1234.5", "12 000 kr", "−5". None if not a number."""
    if is_missing(value) or isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return None
        number = Decimal(repr(value))
    else:
        text = _plain_number_text(value)
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def format_number(number: Decimal) -> str:
    """Swedish: 1 234 567 or 1 234,50 (no-break spaces; two decimals only when needed)."""
    q = number.quantize(ORE, rounding=ROUND_HALF_UP)
    decimals = 0 if q == q.to_integral_value() else 2
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + "\u00a0".join(groups or ["0"]) + (f",{frac}" if frac else "")


def format_share(share: Decimal | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share 0..1 as "62 %" or, when not whole, "4,6 %" (so 4,6 % is never shown as 5 %); in
    English "62%", "4.6%"."""
    if share is None:
        return "–"
    pct = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{pct:.0f}" if pct == pct.to_integral_value() else f"{pct:.1f}"
    if lang != DEFAULT_LANGUAGE:
        return f"{text}%"
    return f"{text.replace('.', ',')}\u00a0%"
