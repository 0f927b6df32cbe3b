"""Numbers in budget cells: read as Swedes type them; written back the Swedish way by
iop_core.format.format_number (the cells' stored form, "1 234,50").

Pure text <-> Decimal; nothing here knows what a row is (iop_core.budget.rows). Money, shares and
numbers for display are iop_core.format's.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from iop_core.format import format_number
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
