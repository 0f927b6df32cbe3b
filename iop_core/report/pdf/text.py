"""User text made safe for fpdf2: cleaning, capping and fitting on one line.

Pure string functions (only fit_one_line measures, with the caller's FPDF). They never raise on
any str; they do not wrap or lay out text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from fpdf import FPDF

# Bidi embedding/override/isolate controls and the BOM: spoofing risk, no value.
_DROP_CHARS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
_DROP_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})

# Scripts written right-to-left (Hebrew, Arabic, Syriac, Thaana, NKo, ... and
# their presentation forms / supplementary-plane blocks).
_RTL_RE = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

TEXT_MAX = 20_000  # characters of one text (paragraph, callout, disclaimer)


def clean_text(s: Any, max_len: int = TEXT_MAX) -> str:
    """Return *s* as text that is safe to hand to fpdf2.

    NFC-normalised; control characters (except ``\\n`` and ``\\t``), lone
    surrogates, private-use and unassigned code points, bidi override controls
    and BOMs are removed; ``\\r\\n``/``\\r``/U+2028/U+2029 become ``\\n``; the
    result is at most *max_len* characters (a truncated text ends with "…").
    ``None`` becomes ``""``.
    """
    if s is None:
        return ""
    s = str(s)
    # Lone surrogates (category Cs) go before NFC, which cannot handle them.
    s = "".join(c for c in s if unicodedata.category(c) != "Cs")
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    s = unicodedata.normalize("NFC", s)
    s = "".join(
        c
        for c in s
        if c == "\n"
        or c == "\t"
        or (c not in _DROP_CHARS and unicodedata.category(c) not in _DROP_CATEGORIES)
    )
    if max_len is not None and len(s) > max_len:
        s = s[: max(max_len - 1, 0)] + "…" if max_len > 0 else ""
    return s


def has_rtl(s: str) -> bool:
    return _RTL_RE.search(s) is not None


def prep(s: Any, max_len: int = TEXT_MAX) -> str:
    """clean_text + layout tweaks (tabs are not glyphs in DejaVu)."""
    return clean_text(s, max_len).replace("\t", "    ")


def one_line(s: Any, max_len: int = 500) -> str:
    """prep() with all whitespace runs folded to one space."""
    return " ".join(prep(s, max_len).split())


def break_long_words(text: str, every: int = 60) -> str:
    """A space after every *every* characters of a run without spaces (the plain fallback's last
    defence against a word wider than the page)."""
    return re.sub(rf"(\S{{{every}}})", r"\1 ", text)


def fit_one_line(pdf: FPDF, text: str, width: float) -> str:
    """Shorten *text* with an ellipsis so that it fits into *width* (unshaped)."""
    text = " ".join(text.split())
    if pdf.get_string_width(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with "…"
        mid = (lo + hi + 1) // 2
        if pdf.get_string_width(text[:mid] + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""
