"""An uploaded file's name made safe to show, and its extension (the name is never trusted).

Control and bidi-override characters removed, path parts stripped, length capped. The result is
not escaped for Markdown: show it with ``st.text``/``st.code`` or escape it first.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_CHARS = 120
"""Maximum length (code points) of a safe name, extension included."""

FALLBACK_NAME = "namnlös fil"
"""The name shown when nothing of the given name is left (or it could not be read)."""

# Bidi embedding/override/isolate controls and marks, plus invisible zero-width chars.
# ZWJ (U+200D) and ZWNJ (U+200C) are kept: emoji sequences and Persian need them.
_REMOVED_CHARS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
    + ["\u200e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff"]  # LRM RLM ALM ZWSP WJ BOM
)
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x85\u2028\u2029")
_MAX_EXT_CHARS = 10


def _visible(text: str) -> str:
    """`text` without controls, bidi overrides/marks and lone surrogates; line breaks become spaces."""
    cleaned: list[str] = []
    for ch in text:
        if ch in _WHITESPACE_CONTROLS:
            cleaned.append(" ")
        elif ch in _REMOVED_CHARS or unicodedata.category(ch) in {"Cc", "Cs"}:
            continue
        else:
            cleaned.append(ch)
    return "".join(cleaned)


def safe_file_name(name: object) -> str:
    """Return a name that is safe to display.

    NFC-normalised; control characters, bidi overrides/isolates/marks and lone
    surrogates removed; directory parts (``/`` and ``\\``) stripped; whitespace
    collapsed; capped at :data:`MAX_NAME_CHARS` code points, keeping the extension.
    Emoji and right-to-left letters are kept. Never raises.
    """
    try:
        text = name if isinstance(name, str) else ("" if name is None else str(name))
    except Exception:  # noqa: BLE001 - a caller's object whose __str__ fails still gets a name
        text = ""
    # Normalise after removing (a removed char may have separated a letter and its accent).
    text = unicodedata.normalize("NFC", _visible(text))
    # Path parts: keep the last non-empty component (browsers send only the base name,
    # but a crafted request may not).
    parts = [p for p in text.replace("\\", "/").split("/") if p.strip()]
    text = parts[-1] if parts else ""
    text = " ".join(text.split())  # collapse runs of whitespace
    text = text.strip(" .")  # Windows drops trailing dots/spaces; leading dots hide files
    if not text:
        return FALLBACK_NAME
    if len(text) <= MAX_NAME_CHARS:
        return text
    stem, ext = _split_extension(text)
    suffix = f".{ext}" if ext else ""
    keep = MAX_NAME_CHARS - len(suffix) - 1  # 1 for the ellipsis
    stem = _trim_dangling(stem[:keep])
    return f"{stem}…{suffix}"


def _trim_dangling(stem: str) -> str:
    """Remove joiners/combining marks/variation selectors left dangling by a cut."""
    while stem and (
        stem[-1] in "\u200c\u200d" or unicodedata.category(stem[-1]) in {"Mn", "Mc", "Me", "Sk"}
        or 0xFE00 <= ord(stem[-1]) <= 0xFE0F
        or 0x1F3FB <= ord(stem[-1]) <= 0x1F3FF  # skin-tone modifiers
    ):
        stem = stem[:-1]
    return stem.rstrip()


def _split_extension(name: str) -> tuple[str, str]:
    """``("rapport", "pdf")`` for ``"rapport.pdf"``; ``(name, "")`` without a plausible extension."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    ext = name[dot + 1 :]
    if not ext or len(ext) > _MAX_EXT_CHARS or not all(ch.isalnum() for ch in ext):
        return name, ""
    return name[:dot], ext


def extension(display_name: str) -> str:
    """Lower-case extension of a safe name, NFKC-folded (so full-width ``ｐｄｆ`` counts as ``pdf``)."""
    _, ext = _split_extension(display_name)
    return unicodedata.normalize("NFKC", ext).casefold()
