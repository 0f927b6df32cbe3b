"""The register's table and the yearly follow-up as files: CSV (semicolon, UTF-8 with BOM, as
Swedish spreadsheets open it) and XLSX (openpyxl), the same rows in both.

Cells that a spreadsheet would run as a formula (starting with = + - @ TAB CR …, the budget CSV's
guard list) get a leading apostrophe in both formats; XLSX cells are always written as text or
numbers, never as formulas. Times are in Swedish time and the header names the zone.
Pure; no Streamlit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from iop_core.budget.csv_file import _guard
from iop_core.clock import ZONE_NAME, stamp
from iop_core.i18n import t

MAX_COLUMN_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[str | int | float]]


def cell(value: object) -> str | int | float:
    """A value safe in a spreadsheet: numbers as numbers, text guarded against formulas."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return _guard("" if value is None else str(value))


def register_sheet(rows: Sequence, names: dict[str, str], lang: str = "sv") -> Sheet:  # rows: CaseRow
    """The register table as it is filtered on the page: one row per case."""
    headers = [t("register.col_id", lang), t("register.col_organisation", lang), t("register.col_framework", lang),
               t("register.col_verdict", lang), t("register.col_status", lang),
               t("register.col_received_zone", lang, zone=ZONE_NAME), t("register.col_versions", lang),
               t("register.policy_area", lang), t("register.col_officer", lang), t("register.col_next", lang),
               t("register.decision_date", lang)]
    out = []
    for r in rows:
        out.append([r.id, r.organisation, names.get(r.framework, r.framework), t(f"picture.class_{r.verdict}", lang),
                    r.status_in(lang), stamp(r.received_at), r.versions,
                    t(f"register.policy.{r.policy_area or 'unset'}", lang), r.officer or "", r.next_step_in(lang),
                    r.decision_date.isoformat() if r.decision_date else ""])
    return Sheet(t("register.sheet_cases", lang), headers, out)


def to_csv(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow([cell(h) for h in sheet.headers])
    writer.writerows([[cell(v) for v in row] for row in sheet.rows])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(*sheets: Sheet) -> bytes:
    """One workbook, one worksheet per sheet, the header bold and the columns wide enough."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(title=sheet.title[:31])
        ws.append([cell(h) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([cell(v) for v in row])
        for c in ws[1]:
            c.font = Font(bold=True)
        for i, column in enumerate(ws.iter_cols(values_only=True), 1):
            width = max((len(str(v)) for v in column if v is not None), default=8)
            ws.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_COLUMN_WIDTH)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    c.data_type = "s"  # text, never a formula
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
