"""Word-choice check (SKR kap. 3 "Välj att använda / Undvik att använda", 4.4.5 sanctions).

Finds commercial contract words, inflected forms and compounds included ("uppdraget",
"ersättningen", "vitet", "faktureringen", "avtalsvite"), in any free text, and marks the sentence
each one sits in (a sentence ends at . ! ? before a space or the end, and at a line break) so the
user can rewrite that sentence. It is advice on words: assess() shows the hits as neutral,
informational findings that never move a verdict or a traffic light; the answers about what the
partnership is decide those (data/rules.toml, "wording.*").

Two things keep it from pointing at words that are not a commercial term:

- **Negation.** A word is not a hit when a negation word (NEGATIONS: inte, ingen, inget, inga,
  utan, varken, aldrig, ej, icke) stands among the NEGATION_WINDOW words before it, in the same
  clause: "Ingen part kan kräva vite eller skadestånd", "utan vite", "inga sanktioner som vite",
  "Överenskommelsen är inte ett offentligt kontrakt". A clause ends where a sentence ends, at
  ; : ( ) and a dash, and at "men"; a comma does not end it (a list: "Ingen part kan kräva vite,
  skadestånd eller annan sanktion"). Two readings keep real sanction clauses found:
  "utan" after a negation means "but" ("inte ett bidrag utan ett kontrakt": the contract is
  affirmed) and ends the clause; and a negation inside a condition that opens before it
  (CONDITIONS: om, ifall, såvida, när) negates the condition, not the word: "Om avtalet inte
  följs utgår vite" is a hit ("om att", as in "överens om att", is a preposition). A relative
  clause is read as negating its own words ("verksamhet som inte tillkommit på uppdrag", SKR
  kap. 3), and a negation after the word ("vite utgår inte") is not read.
- **Allowed words.** Phrases that are not the contract's vocabulary (a political mandate, a
  volunteer's travel reimbursement: data/wording.toml) and the words a framework uses itself
  ([wording] in data/frameworks/<id>.toml) are passed as `allowed`: a hit inside one is dropped.
  In a phrase, `*` stands for any ending or beginning ("reseersättning*", "*nämndens uppdrag*").

Cost is bounded: at most MAX_HITS_PER_TEXT hits a text, a sentence shown in at most
MAX_SENTENCE_CHARS characters, the negation read in the last LOOKBACK_CHARS before a word, and
results cached per (text, allowed) and (text, field, allowed).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from iop_core.screening.model import Citation

MAX_HITS_PER_TEXT = 50
"""A text is checked up to its 50th avoid-word: enough to show the pattern, never a flood."""
MAX_SENTENCE_CHARS = 200
"""A longer sentence is shown as the part around the word, with "…" where it is cut."""
NEGATION_WINDOW = 8
"""How many words before a word a negation may stand and still negate it."""
LOOKBACK_CHARS = 300
"""How far back in its sentence the clause before a word is read (bounds the cost of a long sentence)."""

KAP3 = Citation(document="skr", section="kap. 3")
SANCTIONS = Citation(document="skr", section="4.4.5")

NEGATIONS = frozenset({"inte", "ingen", "inget", "inga", "utan", "varken", "aldrig", "ej", "icke"})
CONDITIONS = frozenset({"om", "ifall", "såvida", "när"})
_CLAUSE_WORDS = frozenset({"men"})
_NOT_UTAN = NEGATIONS - {"utan"}
_NEGATION_WORD = re.compile(r"(?<!\w)(?:" + "|".join(sorted(NEGATIONS)) + r")(?!\w)", re.IGNORECASE)


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
    sentence: str = ""
    """The sentence the word sits in, whitespace collapsed (at most MAX_SENTENCE_CHARS, "…" where cut)."""
    sentence_start: int = 0
    """Where that sentence starts in the text: hits with the same sentence_start share a sentence."""


@cache
def _compiled() -> tuple[tuple[Term, re.Pattern[str]], ...]:
    return tuple((t, re.compile(rf"(?<!\w)(?:{t.pattern})(?!\w)", re.IGNORECASE)) for t in TERMS)


_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_TOKEN = re.compile(r"\w+|[;:()\u2013\u2014]|(?<!\S)-(?!\S)")


def _phrase_pattern(phrase: str) -> str:
    """One allowed phrase as a regex: its words separated by white space, `*` as any letters."""
    words = []
    for word in phrase.split():
        core = re.escape(word.strip("*"))
        words.append(("\\w*" if word.startswith("*") else "") + core + ("\\w*" if word.endswith("*") else ""))
    return r"\s+".join(words)


@lru_cache(maxsize=32)
def _allowed_rx(allowed: tuple[str, ...]) -> re.Pattern[str] | None:
    if not allowed:
        return None
    longest_first = sorted(allowed, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in longest_first) + r")(?!\w)", re.IGNORECASE)


def _clause_before(text: str, sentence_start: int, start: int) -> list[str]:
    """The words (lower case) of the clause that ends right before `start`, read back at most
    LOOKBACK_CHARS within the sentence. "utan" after a negation ("inte A utan B") ends a clause."""
    clause: list[str] = []
    for token in _TOKEN.findall(text[max(sentence_start, start - LOOKBACK_CHARS):start]):
        word = token.lower()
        contrast = word == "utan" and not _NOT_UTAN.isdisjoint(clause)
        if not word[0].isalnum() or word in _CLAUSE_WORDS or contrast:
            clause = []
        else:
            clause.append(word)
    return clause


def negated(clause: list[str]) -> bool:
    """Whether a word right after these clause words is negated (the module docstring's rule):
    the nearest negation among the last NEGATION_WINDOW words, not inside a condition."""
    for i in range(len(clause) - 1, max(-1, len(clause) - 1 - NEGATION_WINDOW), -1):
        if clause[i] in NEGATIONS:
            for j in range(i):
                if clause[j] in CONDITIONS and not (clause[j] == "om" and clause[j + 1] == "att"):
                    return False
            return True
    return False


def _sentence_span(bounds: list[int], start: int, length: int) -> tuple[int, int]:
    """Where the sentence holding position `start` starts and ends (`bounds`: the sentence ends)."""
    i = bisect.bisect_right(bounds, start)
    return (bounds[i - 1] if i else 0), (bounds[i] if i < len(bounds) else length)


def _shown(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """The sentence text[lo:hi] as shown for the word text[start:end]: whitespace collapsed, and a
    longer one cut to the part around the word (at spaces outside it), "…" where it is cut."""
    a, b = lo, hi
    if hi - lo > MAX_SENTENCE_CHARS:
        a = max(lo, min(start - MAX_SENTENCE_CHARS // 2, hi - MAX_SENTENCE_CHARS))
        b = min(hi, a + MAX_SENTENCE_CHARS)
        if a > lo and (space := text.find(" ", a, start)) != -1:
            a = space + 1
        if b < hi and (space := text.rfind(" ", end, b)) != -1:
            b = space
    shown = " ".join(text[a:b].split())
    cut_end = b < hi or len(shown) > MAX_SENTENCE_CHARS  # (a single word longer than a sentence)
    return ("…" if a > lo else "") + shown[:MAX_SENTENCE_CHARS] + ("…" if cut_end else "")


def _negated_at(text: str, sentence_start: int, start: int) -> bool:
    """Whether the word at `start` is negated; the clause is read only when a negation word is near."""
    if not _NEGATION_WORD.search(text, max(sentence_start, start - LOOKBACK_CHARS), start):
        return False
    return negated(_clause_before(text, sentence_start, start))


def check_text(text: str, field: str = "", allowed: tuple[str, ...] = ()) -> list[WordHit]:
    """The first MAX_HITS_PER_TEXT avoid-words in one text, in reading order; each position once.
    A word that is negated or inside an `allowed` phrase is not a hit (see the module docstring).

    Cached: assess_all() reads the same texts twice per framework (commercial and sanction words),
    and the same text under another field name is checked once."""
    return list(_check_text(text or "", field, tuple(allowed)))


@lru_cache(maxsize=256)
def _check_text(text: str, field: str, allowed: tuple[str, ...]) -> tuple[WordHit, ...]:
    hits = _hits(text, allowed)
    return tuple(replace(h, field=field) for h in hits) if field else hits


@lru_cache(maxsize=128)
def _hits(text: str, allowed: tuple[str, ...]) -> tuple[WordHit, ...]:
    rx = _allowed_rx(allowed)
    spans = [m.span() for m in rx.finditer(text)] if rx else []
    span_starts = [a for a, _ in spans]
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    hits: dict[int, WordHit] = {}
    for term, term_rx in _compiled():
        kept = 0
        for m in term_rx.finditer(text):
            start, end = m.span()
            if kept >= MAX_HITS_PER_TEXT:
                break
            i = bisect.bisect_right(span_starts, start) - 1
            if start in hits or (i >= 0 and spans[i][1] >= end):  # taken, or inside an allowed phrase
                continue
            lo, hi = _sentence_span(bounds, start, len(text))
            if _negated_at(text, lo, start):
                continue
            kept += 1
            hits[start] = WordHit(
                field="", word=m.group(0), avoid=term.avoid, prefer=term.prefer, sanction=term.sanction,
                citations=term.citations, start=start, end=end, sentence=_shown(text, lo, hi, start, end),
                sentence_start=lo,
            )
    return tuple(hits[k] for k in sorted(hits))[:MAX_HITS_PER_TEXT]


def check_texts(texts: dict[str, str], allowed: tuple[str, ...] = ()) -> list[WordHit]:
    """Run check_text over named fields ({"Utmaning": "...", ...}) with the same allowed phrases."""
    return [hit for name, text in texts.items() for hit in check_text(text, name, allowed)]


def by_sentence(hits: list[WordHit]) -> list[list[WordHit]]:
    """Hits grouped by the sentence they sit in (field and sentence), in reading order."""
    groups: dict[tuple[str, int], list[WordHit]] = {}
    for hit in hits:
        groups.setdefault((hit.field, hit.sentence_start), []).append(hit)
    return list(groups.values())
