"""Word-choice check (SKR kap. 3 "Välj att använda / Undvik att använda", 4.4.5 sanctions).

Finds commercial contract words, inflected forms and compounds included ("uppdraget",
"ersättningen", "vitet", "faktureringen", "avtalsvite"), in any free text. It only points at
words; whether the text as a whole reads as a purchase is for assess() and the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from iop_core.screening.model import Citation

MAX_HITS_PER_TEXT = 50
"""A text is checked up to its 50th avoid-word: enough to show the pattern, never a flood."""

KAP3 = Citation(document="skr", section="kap. 3")
SANCTIONS = Citation(document="skr", section="4.4.5")


@dataclass(frozen=True)
class Term:
    avoid: str
    prefer: str
    pattern: str
    """Regex for one word (inflections and compounds); matched case-insensitively on whole words."""
    sanction: bool = False

    @property
    def citations(self) -> tuple[Citation, ...]:
        return (SANCTIONS, KAP3) if self.sanction else (KAP3,)


# SKR kap. 3, the table "Välj att använda / Undvik att använda", in the report's order.
TERMS: tuple[Term, ...] = (
    Term("uppdrag", "projekt", r"\w*uppdrag\w*"),
    Term("kontraktspart", "partner", r"\w*kontraktspart\w*"),
    Term("kontrakt", "överenskommelse", r"\w*kontrakt(?!spart)\w*"),
    Term("anskaffning", "partnerskap", r"\w*anskaffning\w*"),
    Term("ersättning", "utbetalning", r"\w*ersättning\w*"),
    Term("fakturering", "samfinansiering", r"\w*faktur\w*"),
    Term("rätt att häva", "rätt att lämna projektet", r"häv(?:a|er|de|t|s|ning\w*|ningsrätt\w*)|\w+hävning\w*"),
    Term("skadestånd", "återbetalning", r"\w*skadestånd\w*", sanction=True),
    Term("vite", "återbetalning", r"vite[nt]?|vitena|vites\w*|\w+svite[nt]?|dagvite[nt]?", sanction=True),
)


@dataclass(frozen=True)
class WordHit:
    field: str
    word: str
    avoid: str
    prefer: str
    sanction: bool
    citations: tuple[Citation, ...]
    start: int
    end: int


@cache
def _compiled() -> tuple[tuple[Term, re.Pattern[str]], ...]:
    return tuple((t, re.compile(rf"(?<!\w)(?:{t.pattern})(?!\w)", re.IGNORECASE)) for t in TERMS)


def check_text(text: str, field: str = "") -> list[WordHit]:
    """The first MAX_HITS_PER_TEXT avoid-words in one text, in reading order; each position once.

    Cached: assess_all() reads the same texts twice per framework (commercial and sanction words)."""
    return list(_check_text(text or "", field))


@lru_cache(maxsize=256)
def _check_text(text: str, field: str) -> tuple[WordHit, ...]:
    hits: dict[int, WordHit] = {}
    for term, rx in _compiled():
        for n, m in enumerate(rx.finditer(text or "")):
            if n >= MAX_HITS_PER_TEXT:
                break
            if m.start() in hits:
                continue
            hits[m.start()] = WordHit(
                field=field,
                word=m.group(0),
                avoid=term.avoid,
                prefer=term.prefer,
                sanction=term.sanction,
                citations=term.citations,
                start=m.start(),
                end=m.end(),
            )
    return tuple(hits[k] for k in sorted(hits))[:MAX_HITS_PER_TEXT]


def check_texts(texts: dict[str, str]) -> list[WordHit]:
    """Run check_text over named fields ({"Utmaning": "...", ...})."""
    return [hit for name, text in texts.items() for hit in check_text(text, name)]
