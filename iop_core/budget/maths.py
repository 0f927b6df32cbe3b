"""Co-financing budget (SKR 2.5, kap. 3; Helsingborg 2.7–2.8): rows in, totals and shares out.

What it does, all pure and to the öre with Decimal:
- the vocabulary (parties, categories per party with citations, kinds, units) from data/budget.toml;
- `parse_row`: one row as typed (editor cell texts or a CSV line) -> a valid BudgetLine, or the
  row kept as a BudgetDraft with one Swedish problem per cell. Nothing typed is dropped;
- `apply_editor_delta`: a `st.data_editor` edit delta applied to a Budget (lines, then drafts);
- CSV import and export: see iop_core.budget.csv_file (built on parse_row);
- `summarise`: totals per party, year and kind, the public and the organisation's share;
- chart rows and an overview for other pages, built from the summary only.

What it does not do: judge. The thresholds below feed rules in data/rules.toml (checks.py), and
the overall leaning stays with iop_core.rules.assessment.assess().
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any

from pydantic import ValidationError

from iop_core.rules.catalogue import DATA, DEFAULT_LANGUAGE, _check_citations, overlay
from iop_core import format as fmt
from iop_core.i18n import t
from iop_core.screening.model import (
    MAX_AMOUNT,
    MAX_BUDGET_ROWS,
    MAX_LINE,
    MAX_TEXT,
    Budget,
    BudgetDraft,
    BudgetLine,
    BudgetTerms,
    Citation,
)
from iop_core.rules.parameters import value as parameter_value

ORE = Decimal("0.01")

ORG_SHARE_MINIMUM = parameter_value("org_share_minimum")
"""Below this share of all inputs (5 %) the organisation's part is token: SKR 2.5 calls
co-financing "helt avgörande" and kap. 3 asks that all parties "tydligt bidrar i budget". The
number is this app's reading, not a figure from the seeds (data/parameters.toml)."""

PUBLIC_SHARE_MAXIMUM = parameter_value("public_share_maximum")
"""At or above this share (95 %) the public side covers (nearly) the whole cost. SKR 4.4.4 argues
that support which does not cover the cost is part-financing, not "ersättning" (C-532/03 pp.
35–37). The number is this app's reading (data/parameters.toml)."""

PER_UNIT_UNITS = frozenset({"timmar", "st"})
"""Public *money* priced per hour or per piece (more than one of them) looks like a price per
delivered unit, which SKR 4.4.4 lists as a sign of procurement ("ett fastställt pris")."""

COLUMNS: tuple[str, ...] = (
    "party", "category", "other_text", "kind", "quantity", "unit", "unit_value", "year", "note",
)
"""The fields of a row (the CSV's column order; the editor shows the numbers first)."""

PARTIES: tuple[str, ...] = ("public", "organisation", "other")
KINDS: tuple[str, ...] = ("money", "in_kind")
UNITS: tuple[str, ...] = ("timmar", "kvm", "månader", "st", "kr")


# --- vocabulary (data/budget.toml) --------------------------------------------------------------


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
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


@cache
def vocabulary() -> Vocabulary:
    raw = tomllib.loads((DATA / "budget.toml").read_text(encoding="utf-8"))
    categories = {cid: Category(id=cid, label=c["label"], kind=c["kind"], unit=c["unit"])
                  for cid, c in raw["category"].items()}
    parties = {}
    for pid in PARTIES:
        body = raw["party"][pid]
        cites = tuple(Citation(**c) for c in body["citations"])
        _check_citations(cites, f"budget.toml party {pid!r}")
        unknown = set(body["categories"]) - set(categories)
        assert not unknown, f"budget.toml party {pid!r}: unknown categories {unknown}"
        parties[pid] = Party(pid, body["label"], body["short"], tuple(body["categories"]), cites,
                             tuple(norm(a) for a in body["aliases"]))
    for c in categories.values():
        assert c.kind in (*KINDS, "any") and c.unit in UNITS, f"budget.toml category {c.id!r}"
    kind_aliases = {norm(a): kid for kid in KINDS for a in (raw["kind"][kid]["aliases"] + [raw["kind"][kid]["label"]])}
    unit_aliases = {norm(a): uid for uid in UNITS for a in (raw["unit"][uid]["aliases"] + [uid])}
    vol = raw["volunteer"]
    vol_cites = tuple(Citation(**c) for c in vol["citations"])
    _check_citations(vol_cites, "budget.toml [volunteer]")
    return Vocabulary(
        parties=parties,
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


_PARAM_WORDS = {"party": party_label, "category": category_label, "kind": kind_label}
"""Problem parameters that hold a Swedish vocabulary label (translated when the text is shown)."""


def _swedish_ids(label: Callable[[str], str], ids: Iterable[str]) -> dict[str, str]:
    return {label(i): i for i in ids}


def _localise(name: str, value: str, lang: str) -> str:
    """A problem parameter in `lang`: vocabulary labels are translated, everything else is kept."""
    if lang == DEFAULT_LANGUAGE:
        return value
    v = vocabulary()
    ids = {"party": PARTIES, "category": tuple(v.categories), "kind": KINDS}
    if name == "allowed":
        by_label = _swedish_ids(category_label, ids["category"])
        return ", ".join(category_label(by_label[x], lang) if x in by_label else x for x in value.split(", "))
    if name in _PARAM_WORDS:
        by_label = _swedish_ids(_PARAM_WORDS[name], ids[name])
        return _PARAM_WORDS[name](by_label[value], lang) if value in by_label else value
    return value


def categories_for(party: str) -> tuple[Category, ...]:
    """The categories a party can contribute (Swedish labels; see category_label(id, lang))."""
    v = vocabulary()
    return tuple(v.categories[c] for c in v.parties[party].categories)


def is_volunteer_hours(category: str, unit: str) -> bool:
    v = vocabulary()
    return category == v.volunteer_category and unit == v.volunteer_unit


# --- problems ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (column) of a row, or with a whole row/file (column None).

    The Swedish text lives in i18n/sv.toml under budget.err_<code>; `params` fill it in.
    `blocking` problems keep a row out of the totals; notices (blocking=False) only inform.
    """

    column: str | None
    code: str
    params: tuple[tuple[str, str], ...] = ()
    blocking: bool = True

    def text(self, lang: str = "sv") -> str:
        return t(f"budget.err_{self.code}", lang, **{k: _localise(k, v, lang) for k, v in self.params})

    def where(self, lang: str = "sv") -> str:
        """The column's Swedish name, or "" for a whole-row problem."""
        return t(f"budget.col_{self.column}", lang) if self.column else ""

    def full(self, lang: str = "sv") -> str:
        where = self.where(lang)
        return f"{where}: {self.text(lang)}" if where else self.text(lang)


def problem(column: str | None, code: str, blocking: bool = True, **params: Any) -> Problem:
    return Problem(column, code, tuple((k, str(v)) for k, v in params.items()), blocking)


# --- numbers -----------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"(kr\.?|sek|kronor|:-)$", re.IGNORECASE)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value: Any) -> str:
    """Any cell value (editor, CSV, model) as the text a user would see; missing -> ""."""
    if _is_missing(value):
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


def parse_number(value: Any) -> Decimal | None:
    """A number as Swedes write it: "1 234,50", "1234.5", "12 000 kr", "−5". None if not a number."""
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return None
        number = Decimal(repr(value))
    else:
        text = _SPACES.sub("", str(value)).replace("\u2212", "-").replace("\u2013", "-")
        text = _CURRENCY.sub("", text)
        if "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal_mark == "," else ","
            text = text.replace(thousands, "").replace(decimal_mark, ".")
        elif text.count(",") > 1:
            text = text.replace(",", "")
        elif text.count(".") > 1:
            text = text.replace(".", "")
        else:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def format_number(number: Decimal) -> str:
    """Swedish: 1 234 567 or 1 234,50 (iop_core.format.format_number; the cells' stored form)."""
    return fmt.format_number(number)


def format_sek(amount: Decimal | float | int, *, decimals: int = 0, lang: str = DEFAULT_LANGUAGE) -> str:
    """Swedish number format: 1 234 567 kr (no-break spaces as thousands separator); in English
    "SEK 1,234,567"."""
    q = Decimal(str(amount)).quantize(Decimal(1) if decimals == 0 else ORE, rounding=ROUND_HALF_UP)
    text = fmt.format_number(abs(q), lang, decimals=decimals, fixed=True)
    sign = "−" if q < 0 else ""
    return f"{sign}{text}\u00a0kr" if lang == DEFAULT_LANGUAGE else f"{sign}SEK\u00a0{text}"


def format_share(share: Decimal | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share 0..1 as "62 %" or "4,6 %"; English "62%" (iop_core.format.format_share)."""
    return fmt.format_share(share, lang)


def _amount(raw: str, column: str, problems: list[Problem]) -> Decimal | None:
    number = parse_number(raw)
    if number is None:
        problems.append(problem(column, "not_a_number", value=raw))
        return None
    if number < 0:
        problems.append(problem(column, "negative", value=raw))
        return None
    if number >= MAX_AMOUNT:
        problems.append(problem(column, "too_large", value=raw))
        return None
    return number.quantize(ORE, rounding=ROUND_HALF_UP)


def _year(raw: str, problems: list[Problem]) -> int | None:
    number = parse_number(raw)
    if number is None or number != number.to_integral_value():
        problems.append(problem("year", "year_invalid", value=raw))
        return None
    year = int(number)
    if not 2000 <= year <= 2100:
        problems.append(problem("year", "year_range", value=raw))
        return None
    return year


# --- rows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowResult:
    """parse_row's answer: the line (None if the row has blocking problems), the row's cells with
    recognised values normalised (ids, Swedish numbers) and defaults filled in, and the problems."""

    line: BudgetLine | None
    cells: dict[str, str]
    problems: tuple[Problem, ...]

    def as_draft(self) -> BudgetDraft:
        return BudgetDraft(**self.cells)


def raw_of(row: BudgetLine | BudgetDraft | Mapping[str, Any]) -> dict[str, str]:
    """The cells of a line, a draft or a raw mapping, as texts."""
    if isinstance(row, BudgetLine):
        return {
            "party": row.party, "category": row.category, "other_text": row.other_text, "kind": row.kind,
            "quantity": format_number(row.quantity), "unit": row.unit,
            "unit_value": format_number(row.unit_value), "year": str(row.year), "note": row.note,
        }
    if isinstance(row, BudgetDraft):
        return row.model_dump()
    return {c: cell_text(row.get(c)) for c in COLUMNS}


def _choice(text: str, aliases: Mapping[str, str]) -> str | None:
    return aliases.get(norm(text))


def _resolve(cells: dict[str, str], column: str, aliases: Mapping[str, str], problems: list[Problem]) -> str | None:
    """A choice cell as its canonical id, or None with a "<column>_missing/_unknown" problem."""
    if not cells[column]:
        problems.append(problem(column, f"{column}_missing"))
        return None
    value = _choice(cells[column], aliases)
    if value is None:
        problems.append(problem(column, f"{column}_unknown", value=cells[column]))
    else:
        cells[column] = value
    return value


def _party_aliases() -> dict[str, str]:
    v = vocabulary()
    out = {}
    for p in v.parties.values():
        for a in (*p.aliases, norm(p.label), p.id):
            out[a] = p.id
    return out


def _category_aliases() -> dict[str, str]:
    return {a: c.id for c in vocabulary().categories.values() for a in (norm(c.id), norm(c.label))}


def parse_row(
    row: Mapping[str, Any] | BudgetLine | BudgetDraft,
    *,
    rate: Decimal,
    default_year: int,
    previous: Mapping[str, str] | None = None,
) -> RowResult:
    """One row as typed -> RowResult. Empty kind, unit and year are filled from the category and
    the agreement period; an empty unit value of volunteer hours from the hourly `rate`.

    `previous` is the row before an edit: when only the category changed, the kind and a default
    unit follow the new category (so switching "Pengar" to "Lokaler" does not leave "kr").
    """
    v = vocabulary()
    cells = raw_of(row)
    problems: list[Problem] = []

    party = _resolve(cells, "party", _party_aliases(), problems)

    category = _choice(cells["category"], _category_aliases()) if cells["category"] else None
    if category:
        cells["category"] = category
    if previous is not None and category and previous.get("category") != category:
        old = v.categories.get(previous.get("category", ""))
        new = v.categories[category]
        if cells["kind"] == previous.get("kind", "") and new.kind != "any":
            cells["kind"] = new.kind
        if cells["unit"] == previous.get("unit", "") and (not cells["unit"] or (old and cells["unit"] == old.unit)):
            cells["unit"] = new.unit
    if not cells["category"]:
        problems.append(problem("category", "category_missing"))
    elif category is None:
        problems.append(problem("category", "category_unknown", value=cells["category"]))
    elif party and category not in v.parties[party].categories:
        allowed = ", ".join(v.categories[c].label for c in v.parties[party].categories)
        problems.append(problem("category", "category_not_for_party", category=category_label(category),
                                 party=party_label(party), allowed=allowed))
    spec = v.categories.get(category or "")

    if category == "annat" and not cells["other_text"]:
        problems.append(problem("other_text", "other_text_missing"))
    for column in ("other_text", "note"):
        if len(cells[column]) > MAX_LINE:
            problems.append(problem(column, "too_long", limit=MAX_LINE))

    if not cells["kind"] and spec and spec.kind != "any":
        cells["kind"] = spec.kind
    kind = _resolve(cells, "kind", v.kind_aliases, problems)
    if kind and spec and spec.kind not in ("any", kind):
        problems.append(problem("kind", "kind_conflict", category=spec.label, kind=kind_label(spec.kind)))

    if not cells["unit"] and spec:
        cells["unit"] = spec.unit
    unit = _resolve(cells, "unit", v.unit_aliases, problems)

    if not cells["quantity"] and unit == "kr":
        cells["quantity"] = "1"
    quantity = None
    if not cells["quantity"]:
        problems.append(problem("quantity", "quantity_missing"))
    else:
        quantity = _amount(cells["quantity"], "quantity", problems)
        if quantity is not None:
            cells["quantity"] = format_number(quantity)

    if not cells["unit_value"] and category and unit and is_volunteer_hours(category, unit):
        cells["unit_value"] = format_number(rate)
    unit_value = None
    if not cells["unit_value"]:
        problems.append(problem("unit_value", "unit_value_missing"))
    else:
        unit_value = _amount(cells["unit_value"], "unit_value", problems)
        if unit_value is not None:
            cells["unit_value"] = format_number(unit_value)

    if not cells["year"]:
        cells["year"] = str(default_year)
    year = _year(cells["year"], problems)

    if quantity is not None and unit_value is not None and quantity * unit_value >= MAX_AMOUNT:
        problems.append(problem(None, "value_too_large", value=format_sek(quantity * unit_value)))

    if problems:
        return RowResult(None, cells, tuple(problems))
    try:
        line = BudgetLine(party=party, category=category, other_text=cells["other_text"], kind=kind,
                          quantity=quantity, unit=unit, unit_value=unit_value, year=year, note=cells["note"])
    except ValidationError:  # every rule of BudgetLine is checked above; this is a safety net
        return RowResult(None, cells, (problem(None, "invalid_row"),))
    return RowResult(line, cells, ())


def split_rows(results: Iterable[RowResult]) -> tuple[list[BudgetLine], list[BudgetDraft]]:
    lines, drafts = [], []
    for r in results:
        if r.line is not None:
            lines.append(r.line)
        else:
            drafts.append(r.as_draft())
    return lines, drafts


def default_year(terms: BudgetTerms, today: date | None = None) -> int:
    """The year a new row starts with: the first year of the agreement period, else this year."""
    if terms.period_start:
        return terms.period_start.year
    return (today or date.today()).year


def period_years(terms: BudgetTerms) -> list[int]:
    """Every calendar year the agreement period touches (empty if start or end is missing)."""
    start, end = terms.period_start, terms.period_end
    if not start or not end or end < start:
        return []
    return list(range(start.year, end.year + 1))


def rows(budget: Budget) -> list[BudgetLine | BudgetDraft]:
    """What the editor shows, in order: the valid lines, then the rows with problems."""
    return [*budget.lines, *budget.drafts]


def editor_results(budget: Budget, delta: Mapping[str, Any], *, today: date | None = None) -> list[tuple[int, RowResult]]:
    """The editor's rows after `delta`, in the order the grid shows them, each with its row label.

    `delta` is a `st.data_editor` state over `rows(budget)`: `edited_rows` ({"3": {"quantity": "12"}})
    and `deleted_rows` ([1, 4]) index the rows as shown, `added_rows` are appended. Labels are the
    grid's row numbers: 1..n for the shown rows (a deleted row's number is not reused), n+1… for
    added rows. Edited and added rows are parsed again; untouched lines stay exactly as they are.
    """
    rate, year = budget.volunteer_hourly_rate, default_year(budget.terms, today)
    current = rows(budget)
    results: list[RowResult | None] = [None] * len(current)
    for key, changes in (delta.get("edited_rows") or {}).items():
        i = int(key)
        if not 0 <= i < len(current) or not isinstance(changes, Mapping):
            continue
        before = raw_of(current[i])
        after = {**before, **{c: cell_text(v) for c, v in changes.items() if c in COLUMNS}}
        results[i] = parse_row(after, rate=rate, default_year=year, previous=before)
    deleted = {int(i) for i in (delta.get("deleted_rows") or [])}
    kept: list[tuple[int, RowResult]] = []
    for i, row in enumerate(current):
        if i in deleted:
            continue
        if results[i] is not None:
            kept.append((i + 1, results[i]))
        elif isinstance(row, BudgetLine):
            kept.append((i + 1, RowResult(row, raw_of(row), ())))
        else:
            kept.append((i + 1, parse_row(row, rate=rate, default_year=year)))
    for j, added in enumerate(delta.get("added_rows") or []):
        if isinstance(added, Mapping) and any(not _is_missing(added.get(c)) for c in COLUMNS):
            kept.append((len(current) + j + 1, parse_row(added, rate=rate, default_year=year)))
    return kept[:MAX_BUDGET_ROWS]


def apply_editor_delta(budget: Budget, delta: Mapping[str, Any], *, today: date | None = None) -> Budget:
    """A `st.data_editor` delta applied to `rows(budget)` (see editor_results); returns the new
    Budget. A row that fails becomes a draft with its texts kept, a draft that now passes a line."""
    lines, drafts = split_rows(r for _, r in editor_results(budget, delta, today=today))
    return budget.model_copy(update={"lines": lines, "drafts": drafts})


def rows_over_limit(budget: Budget, delta: Mapping[str, Any]) -> int:
    """How many rows apply_editor_delta(budget, delta) leaves out because the budget is full
    (MAX_BUDGET_ROWS); the page says so instead of dropping them silently."""
    deleted = {int(i) for i in (delta.get("deleted_rows") or []) if 0 <= int(i) < len(rows(budget))}
    added = [a for a in delta.get("added_rows") or []
             if isinstance(a, Mapping) and any(not _is_missing(a.get(c)) for c in COLUMNS)]
    return max(0, len(rows(budget)) - len(deleted) + len(added) - MAX_BUDGET_ROWS)


def row_problems(budget: Budget, *, today: date | None = None) -> dict[int, tuple[Problem, ...]]:
    """Problems per shown row index (`rows(budget)`): blocking ones for drafts, notices for lines."""
    rate, year = budget.volunteer_hourly_rate, default_year(budget.terms, today)
    out: dict[int, tuple[Problem, ...]] = {}
    years = period_years(budget.terms)
    for i, line in enumerate(budget.lines):
        notices = line_notices(line, budget, years)
        if notices:
            out[i] = notices
    for j, draft in enumerate(budget.drafts):
        out[len(budget.lines) + j] = parse_row(draft, rate=rate, default_year=year).problems
    return out


def line_notices(line: BudgetLine, budget: Budget, years: list[int] | None = None) -> tuple[Problem, ...]:
    """What a counted line should make the user look at again (never blocking)."""
    years = period_years(budget.terms) if years is None else years
    notices = []
    if years and line.year not in years:
        notices.append(problem("year", "year_outside_period", False, year=line.year, start=years[0], end=years[-1]))
    if is_volunteer_hours(line.category, line.unit) and line.unit_value != budget.volunteer_hourly_rate:
        notices.append(problem("unit_value", "volunteer_rate_differs", False,
                                rate=format_sek(budget.volunteer_hourly_rate)))
    return tuple(notices)


def change_volunteer_rate(budget: Budget, new_rate: Decimal) -> Budget:
    """Set the hourly value of volunteer time. Volunteer-hour rows that used the old rate follow;
    rows with a value of their own keep it. A row whose value would become absurd turns into a
    draft with its problem shown, never silently changed."""
    old = budget.volunteer_hourly_rate
    new_rate = Decimal(new_rate).quantize(ORE, rounding=ROUND_HALF_UP)
    year = default_year(budget.terms)
    results = []
    for row in rows(budget):
        cells = raw_of(row)
        if is_volunteer_hours(cells["category"], cells["unit"]) and parse_number(cells["unit_value"]) == old:
            cells["unit_value"] = format_number(new_rate)
            results.append(parse_row(cells, rate=new_rate, default_year=year))
        elif isinstance(row, BudgetLine):
            results.append(RowResult(row, cells, ()))
        else:
            results.append(parse_row(cells, rate=new_rate, default_year=year))
    lines, drafts = split_rows(results)
    return budget.model_copy(update={"lines": lines, "drafts": drafts, "volunteer_hourly_rate": new_rate})


def term_problems(terms: BudgetTerms, lang: str = "sv") -> list[Problem]:
    """Notices about the terms (Helsingborg 2.7–2.8): a period that ends before it starts, and
    which of the things Helsingborg asks the agreement to say are still empty."""
    out = []
    if terms.period_start and terms.period_end and terms.period_end < terms.period_start:
        out.append(problem("period_end", "period_order", False))
    missing = [t(f"budget.terms_{name}", lang) for name, empty in (
        ("payment_how", not terms.payment_how.strip()),
        ("payment_when", not terms.payment_when.strip()),
        ("payment_to", not terms.payment_to.strip()),
        ("other_grants_allowed", terms.other_grants_allowed is None),
        ("surplus_handling", not terms.surplus_handling.strip()),
        ("period", not (terms.period_start and terms.period_end)),
    ) if empty]
    if missing:
        out.append(problem(None, "terms_missing", False, items=", ".join(missing)))
    return out


def years_uncovered(budget: Budget) -> Problem | None:
    """The agreement period has years without a single budget line (a three-year agreement with
    one year's budget): the totals would read as the whole period's. None when all are covered."""
    years = period_years(budget.terms)
    covered = sorted({line.year for line in budget.lines})
    missing = [y for y in years if y not in covered]
    if not years or not covered or not missing:
        return None
    return problem(None, "years_uncovered", False, covered=_year_list(covered), missing=_year_list(missing),
                   period=f"{years[0]}–{years[-1]}")


def _year_list(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


# --- maths -------------------------------------------------------------------------------------


def line_value(line: BudgetLine) -> Decimal:
    """Value of one line in kronor, rounded to the öre (half up)."""
    return (line.quantity * line.unit_value).quantize(ORE, rounding=ROUND_HALF_UP)


ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetSummary:
    """Totals of the valid lines (drafts never count). Every amount is the sum of rounded lines."""

    total: Decimal = ZERO
    by_party: dict[str, Decimal] = field(default_factory=dict)
    by_party_kind: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    by_year: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    """year -> party -> amount, years ascending."""
    by_year_party_kind: dict[tuple[int, str, str], Decimal] = field(default_factory=dict)
    money: Decimal = ZERO
    in_kind: Decimal = ZERO

    def party(self, party: str) -> Decimal:
        return self.by_party.get(party, ZERO)

    def party_kind(self, party: str, kind: str) -> Decimal:
        return self.by_party_kind.get((party, kind), ZERO)

    def year_total(self, year: int) -> Decimal:
        return sum(self.by_year.get(year, {}).values(), ZERO)

    def share(self, party: str) -> Decimal | None:
        """The party's share of all inputs (0..1), or None for an empty budget."""
        if self.total == 0:
            return None
        return self.party(party) / self.total

    @property
    def public_share(self) -> Decimal | None:
        return self.share("public")

    @property
    def org_share(self) -> Decimal | None:
        """The organisation's own share of all inputs, money and other resources together."""
        return self.share("organisation")

    @property
    def money_share(self) -> Decimal | None:
        return None if self.total == 0 else self.money / self.total

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def summarise(budget: Budget) -> BudgetSummary:
    by_party: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_party_kind: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_ypk: dict[tuple[int, str, str], Decimal] = defaultdict(lambda: ZERO)
    money = in_kind = ZERO
    for line in budget.lines:
        value = line_value(line)
        by_party[line.party] += value
        by_party_kind[(line.party, line.kind)] += value
        by_year[line.year][line.party] += value
        by_ypk[(line.year, line.party, line.kind)] += value
        if line.kind == "money":
            money += value
        else:
            in_kind += value
    return BudgetSummary(
        total=money + in_kind,
        by_party=dict(by_party),
        by_party_kind=dict(by_party_kind),
        by_year={y: dict(v) for y, v in sorted(by_year.items())},
        by_year_party_kind=dict(sorted(by_ypk.items())),
        money=money,
        in_kind=in_kind,
    )


def per_unit_public_money(budget: Budget) -> list[BudgetLine]:
    """Public money lines priced per hour or per piece (more than one unit)."""
    return [
        line
        for line in budget.lines
        if line.party == "public" and line.kind == "money" and line.unit in PER_UNIT_UNITS and line.quantity > 1
    ]


# --- charts and overview (from the summary only) -----------------------------------------------


LABEL_MIN_WIDTH = Decimal("0.3")
"""A segment gets a text label inside the bar only if it spans 30 % of the longest bar."""


def party_chart_rows(summary: BudgetSummary, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One row per party and kind with a value: for a stacked bar per party (money/other resource)."""
    out = []
    widest = max(summary.by_party.values(), default=ZERO)
    for party in PARTIES:
        party_total = summary.party(party)
        if party_total == 0:
            continue
        start = ZERO
        for kind in KINDS:
            value = summary.party_kind(party, kind)
            if value == 0:
                continue
            share = value / summary.total
            out.append({
                "party": party_label(party, lang), "kind": kind_label(kind, lang), "value": float(value),
                "start": float(start), "end": float(start + value), "mid": float(start + value / 2),
                "amount": format_sek(value, lang=lang), "share": format_share(share, lang),
                "label": kind_label(kind, lang) if value / widest >= LABEL_MIN_WIDTH else "",
            })
            start += value
    return out


def year_chart_rows(summary: BudgetSummary, lang: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One row per year, party and kind with a value: for bars per year."""
    return [
        {"year": str(year), "party": party_short(party, lang), "party_label": party_label(party, lang),
         "kind": kind_label(kind, lang), "kind_id": kind, "value": float(value),
         "amount": format_sek(value, lang=lang),
         "year_total": format_sek(summary.year_total(year), lang=lang)}
        for (year, party, kind), value in summary.by_year_party_kind.items()
        if value != 0
    ]


def overview(budget: Budget, lang: str = "sv") -> list[tuple[str, str]]:
    """(label, value) pairs describing the budget, for the summary page and the PDF."""
    s = summarise(budget)

    def sek(amount: Decimal) -> str:
        return format_sek(amount, lang=lang)

    out = [(t("budget.total", lang), sek(s.total))]
    for party in PARTIES:
        if s.party(party) or party != "other":
            out.append((party_label(party, lang), f"{sek(s.party(party))} ({format_share(s.share(party), lang)})"))
    out.append((t("budget.money", lang), sek(s.money)))
    out.append((t("budget.in_kind", lang), sek(s.in_kind)))
    if s.by_year:
        years = list(s.by_year)
        out.append((t("budget.years", lang), f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])))
    out.append((t("budget.rate_label", lang), f"{sek(budget.volunteer_hourly_rate)} / {t('budget.hour', lang)}"))
    if budget.drafts:
        out.append((t("budget.drafts_label", lang), str(len(budget.drafts))))
    return out
