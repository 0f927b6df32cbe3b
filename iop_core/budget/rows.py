"""One budget row as typed (editor cells or a CSV line) -> a valid BudgetLine, or a draft with problems.

`parse_row` keeps everything typed: a row that fails comes back with its cells (recognised
values normalised, defaults filled in) and one problem per cell, to be kept as a BudgetDraft.
Applying editor edits is iop_core.budget.editor; reading files is iop_core.budget.csv_file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import ValidationError

from iop_core.budget.numbers import ORE, cell_text, parse_number
from iop_core.budget.problems import Problem, problem
from iop_core.budget.vocabulary import (
    Category,
    category_label,
    is_volunteer_hours,
    kind_label,
    norm,
    party_label,
    vocabulary,
)
from iop_core.format import format_number
from iop_core.screening.model import MAX_AMOUNT, MAX_LINE, BudgetDraft, BudgetLine

COLUMNS: tuple[str, ...] = (
    "party", "category", "other_text", "kind", "quantity", "unit", "unit_value", "year", "note",
)
"""The fields of a row (the CSV's column order; the editor shows the numbers first)."""


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


def split_rows(results: Iterable[RowResult]) -> tuple[list[BudgetLine], list[BudgetDraft]]:
    """The valid lines and, kept apart, the drafts of the rows that failed."""
    lines, drafts = [], []
    for r in results:
        if r.line is not None:
            lines.append(r.line)
        else:
            drafts.append(r.as_draft())
    return lines, drafts


# --- cells -------------------------------------------------------------------------------------


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


def _number_cell(cells: dict[str, str], column: str, problems: list[Problem]) -> Decimal | None:
    """A quantity or unit value: "<column>_missing" if empty, else the amount (cell normalised)."""
    if not cells[column]:
        problems.append(problem(column, f"{column}_missing"))
        return None
    number = _amount(cells[column], column, problems)
    if number is not None:
        cells[column] = format_number(number)
    return number


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


def _resolve(cells: dict[str, str], column: str, aliases: Mapping[str, str], problems: list[Problem]) -> str | None:
    """A choice cell as its canonical id, or None with a "<column>_missing/_unknown" problem."""
    if not cells[column]:
        problems.append(problem(column, f"{column}_missing"))
        return None
    value = aliases.get(norm(cells[column]))
    if value is None:
        problems.append(problem(column, f"{column}_unknown", value=cells[column]))
    else:
        cells[column] = value
    return value


def _party_aliases() -> dict[str, str]:
    out = {}
    for p in vocabulary().parties.values():
        for a in (*p.aliases, norm(p.label), p.id):
            out[a] = p.id
    return out


def _category_aliases() -> dict[str, str]:
    return {a: c.id for c in vocabulary().categories.values() for a in (norm(c.id), norm(c.label))}


def _follow_category(cells: dict[str, str], category: str, previous: Mapping[str, str]) -> None:
    """After an edit that changed the category, an untouched kind and default unit follow it."""
    v = vocabulary()
    old = v.categories.get(previous.get("category", ""))
    new = v.categories[category]
    if cells["kind"] == previous.get("kind", "") and new.kind != "any":
        cells["kind"] = new.kind
    if cells["unit"] == previous.get("unit", "") and (not cells["unit"] or (old and cells["unit"] == old.unit)):
        cells["unit"] = new.unit


def _category(cells: dict[str, str], party: str | None, previous: Mapping[str, str] | None,
              problems: list[Problem]) -> str | None:
    """The category id, checked against the party; kind and unit follow a changed category."""
    v = vocabulary()
    category = _category_aliases().get(norm(cells["category"])) if cells["category"] else None
    if category:
        cells["category"] = category
        if previous is not None and previous.get("category") != category:
            _follow_category(cells, category, previous)
    if not cells["category"]:
        problems.append(problem("category", "category_missing"))
    elif category is None:
        problems.append(problem("category", "category_unknown", value=cells["category"]))
    elif party and category not in v.parties[party].categories:
        allowed = ", ".join(v.categories[c].label for c in v.parties[party].categories)
        problems.append(problem("category", "category_not_for_party", category=category_label(category),
                                party=party_label(party), allowed=allowed))
    return category


def _texts(cells: dict[str, str], category: str | None, problems: list[Problem]) -> None:
    if category == "annat" and not cells["other_text"]:
        problems.append(problem("other_text", "other_text_missing"))
    for column in ("other_text", "note"):
        if len(cells[column]) > MAX_LINE:
            problems.append(problem(column, "too_long", limit=MAX_LINE))


def _kind(cells: dict[str, str], spec: Category | None, problems: list[Problem]) -> str | None:
    """The kind (money / in kind); an empty one comes from the category, a conflicting one fails."""
    if not cells["kind"] and spec and spec.kind != "any":
        cells["kind"] = spec.kind
    kind = _resolve(cells, "kind", vocabulary().kind_aliases, problems)
    if kind and spec and spec.kind not in ("any", kind):
        problems.append(problem("kind", "kind_conflict", category=spec.label, kind=kind_label(spec.kind)))
    return kind


# --- the row -----------------------------------------------------------------------------------


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
    cells = raw_of(row)
    problems: list[Problem] = []
    party = _resolve(cells, "party", _party_aliases(), problems)
    category = _category(cells, party, previous, problems)
    spec = vocabulary().categories.get(category or "")
    _texts(cells, category, problems)
    kind = _kind(cells, spec, problems)
    if not cells["unit"] and spec:
        cells["unit"] = spec.unit
    unit = _resolve(cells, "unit", vocabulary().unit_aliases, problems)
    if not cells["quantity"] and unit == "kr":
        cells["quantity"] = "1"
    quantity = _number_cell(cells, "quantity", problems)
    if not cells["unit_value"] and category and unit and is_volunteer_hours(category, unit):
        cells["unit_value"] = format_number(rate)
    unit_value = _number_cell(cells, "unit_value", problems)
    if not cells["year"]:
        cells["year"] = str(default_year)
    year = _year(cells["year"], problems)
    if quantity is not None and unit_value is not None and quantity * unit_value >= MAX_AMOUNT:
        problems.append(problem(None, "value_too_large", amount=quantity * unit_value))
    if problems:
        return RowResult(None, cells, tuple(problems))
    try:
        line = BudgetLine(party=party, category=category, other_text=cells["other_text"], kind=kind,
                          quantity=quantity, unit=unit, unit_value=unit_value, year=year, note=cells["note"])
    except ValidationError:  # every rule of BudgetLine is checked above; this is a safety net
        return RowResult(None, cells, (problem(None, "invalid_row"),))
    return RowResult(line, cells, ())
