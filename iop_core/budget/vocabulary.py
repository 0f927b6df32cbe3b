"""The budget's words: parties, categories per party (with citations), kinds and units.

Loaded once from data/budget.toml and checked (every category known, every citation in
sources.toml); labels in another language come from data/i18n/<lang>.toml [budget]. It only
names things: parsing rows is iop_core.budget.rows, sums are iop_core.budget.totals.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import DATA, _check_citations, overlay
from iop_core.screening.model import Citation

PARTIES: tuple[str, ...] = ("public", "organisation", "other")
KINDS: tuple[str, ...] = ("money", "in_kind")
UNITS: tuple[str, ...] = ("timmar", "kvm", "månader", "st", "kr")


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    kind: str
    """"money", "in_kind" or "any": the kind every line of this category has."""
    unit: str
    """The unit a new line of this category starts with."""


@dataclass(frozen=True)
class Party:
    id: str
    label: str
    short: str
    categories: tuple[str, ...]
    citations: tuple[Citation, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    parties: dict[str, Party]
    categories: dict[str, Category]
    kind_labels: dict[str, str]
    kind_aliases: dict[str, str]
    unit_aliases: dict[str, str]
    volunteer_category: str
    volunteer_unit: str
    volunteer_citations: tuple[Citation, ...]


def norm(text: str) -> str:
    """A typed word as compared with the vocabulary: spaces collapsed, case folded."""
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _parties(raw: dict, categories: dict[str, Category]) -> dict[str, Party]:
    parties = {}
    for pid in PARTIES:
        body = raw["party"][pid]
        cites = tuple(Citation(**c) for c in body["citations"])
        _check_citations(cites, f"budget.toml party {pid!r}")
        unknown = set(body["categories"]) - set(categories)
        assert not unknown, f"budget.toml party {pid!r}: unknown categories {unknown}"
        parties[pid] = Party(pid, body["label"], body["short"], tuple(body["categories"]), cites,
                             tuple(norm(a) for a in body["aliases"]))
    return parties


@cache
def vocabulary() -> Vocabulary:
    """data/budget.toml, loaded and checked once."""
    raw = tomllib.loads((DATA / "budget.toml").read_text(encoding="utf-8"))
    categories = {cid: Category(id=cid, label=c["label"], kind=c["kind"], unit=c["unit"])
                  for cid, c in raw["category"].items()}
    for c in categories.values():
        assert c.kind in (*KINDS, "any") and c.unit in UNITS, f"budget.toml category {c.id!r}"
    kind_aliases = {norm(a): kid for kid in KINDS for a in (raw["kind"][kid]["aliases"] + [raw["kind"][kid]["label"]])}
    unit_aliases = {norm(a): uid for uid in UNITS for a in (raw["unit"][uid]["aliases"] + [uid])}
    vol = raw["volunteer"]
    vol_cites = tuple(Citation(**c) for c in vol["citations"])
    _check_citations(vol_cites, "budget.toml [volunteer]")
    return Vocabulary(
        parties=_parties(raw, categories),
        categories=categories,
        kind_labels={kid: raw["kind"][kid]["label"] for kid in KINDS},
        kind_aliases=kind_aliases,
        unit_aliases=unit_aliases,
        volunteer_category=vol["category"],
        volunteer_unit=vol["unit"],
        volunteer_citations=vol_cites,
    )


def _word(lang: str, table: str, key: str, field: str = "label") -> str | None:
    """A budget word in `lang` from data/i18n/<lang>.toml [budget] (None for Swedish or if missing)."""
    entry = overlay(lang, "budget").get(table, {}).get(key)
    return entry.get(field) if isinstance(entry, dict) else entry


def party_label(party: str, lang: str = DEFAULT_LANGUAGE) -> str:
    p = vocabulary().parties.get(party)
    return _word(lang, "parties", party) or (p.label if p else party)


def party_short(party: str, lang: str = DEFAULT_LANGUAGE) -> str:
    p = vocabulary().parties.get(party)
    return _word(lang, "parties", party, "short") or (p.short if p else party)


def kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _word(lang, "kinds", kind) or vocabulary().kind_labels.get(kind, kind)


def category_label(category: str, lang: str = DEFAULT_LANGUAGE) -> str:
    c = vocabulary().categories.get(category)
    return _word(lang, "categories", category) or (c.label if c else category)


def unit_label(unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A unit for display: the unit itself in Swedish ("timmar"), its translation otherwise."""
    return _word(lang, "units", unit) or unit


def categories_for(party: str) -> tuple[Category, ...]:
    """The categories a party can contribute (Swedish labels; see category_label(id, lang))."""
    v = vocabulary()
    return tuple(v.categories[c] for c in v.parties[party].categories)


def is_volunteer_hours(category: str, unit: str) -> bool:
    v = vocabulary()
    return category == v.volunteer_category and unit == v.volunteer_unit
