"""Budget rows to and from CSV, the format spreadsheet programs in Sweden open and save.

Import reads UTF-8 (with or without BOM) and Windows-1252/latin-1, `;`, `,` or tab as separator,
decimal comma, Swedish headers (and a few aliases). Every data row comes back: valid rows as
BudgetLines, the others as BudgetDrafts with problems named by file line. A file that cannot be
read at all changes nothing and says why in Swedish. Export writes all rows (drafts as typed) as
`;`-separated UTF-8 with BOM and guards cells that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from iop_core.budget.editor import shown_rows
from iop_core.budget.numbers import ORE, parse_number
from iop_core.budget.problems import Problem, problem
from iop_core.budget.rows import COLUMNS, parse_row, raw_of, split_rows
from iop_core.budget.totals import line_value
from iop_core.budget.vocabulary import category_label, kind_label, norm, party_label
from iop_core.i18n import t
from iop_core.screening.model import MAX_BUDGET_ROWS, Budget, BudgetDraft, BudgetLine

MAX_CSV_BYTES = 1024 * 1024
"""A budget CSV is a few kilobytes; a megabyte is already far more than MAX_BUDGET_ROWS lines."""


CSV_HEADERS: dict[str, str] = {
    "party": "Part",
    "category": "Kategori",
    "other_text": "Beskrivning (vid annat)",
    "kind": "Sort",
    "quantity": "Antal",
    "unit": "Enhet",
    "unit_value": "Värde per enhet (kr)",
    "year": "År",
    "note": "Anteckning",
}
CSV_VALUE_HEADER = "Värde (kr)"
"""Written on export for readers; ignored on import (the app computes it)."""
CSV_REQUIRED = ("party", "category", "quantity", "unit_value")
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "party": ("part", "party", "parter"),
    "category": ("kategori", "category", "insats"),
    "other_text": ("beskrivning (vid annat)", "beskrivning", "other_text", "annat"),
    "kind": ("sort", "kind", "typ"),
    "quantity": ("antal", "quantity", "mängd"),
    "unit": ("enhet", "unit"),
    "unit_value": ("värde per enhet (kr)", "värde per enhet", "värde/enhet (kr)", "värde/enhet", "unit_value",
                   "à-pris", "a-pris", "pris per enhet", "belopp per enhet"),
    "year": ("år", "year", "budgetår"),
    "note": ("anteckning", "note", "kommentar"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""OWASP's CSV-injection list (= + - @ TAB CR), LF, and the full-width = + - @ some spreadsheets fold."""


def _needs_guard(cell: str) -> bool:
    return cell.lstrip(" ").startswith(_FORMULA_START)


@dataclass(frozen=True)
class CsvResult:
    """read_csv's answer. If `error` is set nothing was read (and nothing should change)."""

    lines: tuple[BudgetLine, ...] = ()
    drafts: tuple[BudgetDraft, ...] = ()
    problems: tuple[tuple[int, Problem], ...] = ()
    """(line number in the file, problem): why a row became a draft, or a notice about a row."""
    notices: tuple[Problem, ...] = ()
    error: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text):
            return None
        return text
    return None


def _delimiter(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: (counts[d], d == ";"))


def _names(names: list[str], limit: int = 12, width: int = 40) -> str:
    """Column names for a message: the first `limit`, each cut to `width`, then "…" (a file with
    100 000 columns must not make a 300 kB message)."""
    shown = [n if len(n) <= width else n[:width] + "…" for n in names[:limit]]
    return ", ".join(shown) + (", …" if len(names) > limit else "")


def _unguard(cell: str) -> str:
    """Undo export's formula guard: a leading apostrophe before a formula start."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and _needs_guard(cell[1:]) else cell


def read_csv(data: bytes, *, rate: Decimal, default_year: int) -> CsvResult:
    """Budget rows from a CSV file. Every row comes back, valid (lines) or with problems (drafts)."""
    if not data:
        return CsvResult(error=problem(None, "csv_empty"))
    if len(data) > MAX_CSV_BYTES:
        return CsvResult(error=problem(None, "csv_too_big", limit="1 MB"))
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return CsvResult(error=problem(None, "csv_spreadsheet"))
    text = _decode(data)
    if text is None:
        return CsvResult(error=problem(None, "csv_encoding"))
    try:
        table = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))]
    except csv.Error:
        return CsvResult(error=problem(None, "csv_broken"))
    numbered = [(n, [c.strip() for c in row]) for n, row in enumerate(table, start=1) if any(c.strip() for c in row)]
    if not numbered:
        return CsvResult(error=problem(None, "csv_empty"))
    (_, header), body = numbered[0], numbered[1:]
    aliases = {norm(a): col for col, names in _HEADER_ALIASES.items() for a in (*names, CSV_HEADERS[col])}
    columns: list[str | None] = []
    ignored = []
    for name in header:
        col = aliases.get(norm(name))
        if col is None and norm(name) not in (norm(CSV_VALUE_HEADER), "värde", ""):
            ignored.append(name)
        if col is not None and col in columns:
            return CsvResult(error=problem(None, "csv_duplicate_column", name=name))
        columns.append(col)
    missing = [CSV_HEADERS[c] for c in CSV_REQUIRED if c not in columns]
    if missing:
        return CsvResult(error=problem(None, "csv_missing_columns", missing=", ".join(missing),
                                        found=_names(header) or "–",
                                        expected=", ".join(CSV_HEADERS.values())))
    if len(body) > MAX_BUDGET_ROWS:
        return CsvResult(error=problem(None, "csv_too_many_rows", limit=MAX_BUDGET_ROWS))
    results, problems = [], []
    for number, cells in body:
        raw = {c: "" for c in COLUMNS}
        for col, cell in zip(columns, cells, strict=False):
            if col is not None:
                raw[col] = _unguard(cell)
        extra = [c for c in cells[len(columns):] if c]
        if extra:  # usually an unquoted decimal comma in a comma file: keep the values in the note
            kept_text = "; ".join(extra)
            raw["note"] = f"{raw['note']} ({t('budget.extra_values')}: {kept_text})".strip()
            problems.append((number, problem(None, "csv_extra_cells", False, values=kept_text)))
        result = parse_row(raw, rate=rate, default_year=default_year)
        results.append(result)
        problems += [(number, p) for p in result.problems]
    lines, drafts = split_rows(results)
    notices = (problem(None, "csv_ignored_columns", False, columns=_names(ignored)),) if ignored else ()
    return CsvResult(tuple(lines), tuple(drafts), tuple(problems), notices)


def import_csv(budget: Budget, result: CsvResult, *, replace: bool = False) -> Budget:
    """The budget with the CSV's rows added (or instead of the old ones). Unchanged on error."""
    if not result.ok:
        return budget
    lines = [*([] if replace else budget.lines), *result.lines]
    drafts = [*([] if replace else budget.drafts), *result.drafts]
    if len(lines) + len(drafts) > MAX_BUDGET_ROWS:
        raise ValueError("too many rows")
    return budget.model_copy(update={"lines": lines, "drafts": drafts})


def _csv_number(text: str) -> str:
    number = parse_number(text)
    if number is None:
        return text
    return f"{number.quantize(ORE, rounding=ROUND_HALF_UP)}".replace(".", ",").removesuffix(",00")


def _guard(cell: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ (and TAB, CR ...) as formulas: prefix an apostrophe."""
    return "'" + cell if _needs_guard(cell) else cell


def to_csv(budget: Budget) -> bytes:
    """All rows (lines, then rows with problems as typed) as a semicolon CSV in UTF-8 with BOM,
    decimal comma, Swedish headers: what Excel in Sweden opens without a wizard."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([*CSV_HEADERS.values(), CSV_VALUE_HEADER])
    for row in shown_rows(budget):
        cells = raw_of(row)
        value = _csv_number(str(line_value(row))) if isinstance(row, BudgetLine) else ""
        shown = {
            **cells,
            "party": party_label(cells["party"]),
            "category": category_label(cells["category"]),
            "kind": kind_label(cells["kind"]),
            "quantity": _csv_number(cells["quantity"]) if isinstance(row, BudgetLine) else cells["quantity"],
            "unit_value": _csv_number(cells["unit_value"]) if isinstance(row, BudgetLine) else cells["unit_value"],
        }
        writer.writerow([_guard(shown[c]) for c in COLUMNS] + [value])
    return out.getvalue().encode("utf-8-sig")
