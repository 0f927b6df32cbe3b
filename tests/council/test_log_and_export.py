"""The change log in words and Swedish time; the register and the follow-up as CSV and XLSX with
formulas guarded and the time zone named."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from io import BytesIO

from openpyxl import load_workbook

from iop_core.council import log
from iop_core.council.export import Sheet, cell, register_sheet, to_csv, to_xlsx
from iop_core.council.followup import YearCounts, sheet
from iop_core.storage.cases import CaseRow

SUMMER = datetime(2026, 6, 1, 7, 28, tzinfo=UTC)  # 09:28 in Stockholm (CEST)
WINTER = datetime(2026, 12, 6, 9, 28, tzinfo=UTC)  # 10:28 in Stockholm (CET)


def test_every_audit_line_reads_as_the_register_names_things():
    said = [log.describe(action, detail, "mora") for action, detail in (
        ("submitted", "framework mora"), ("resubmitted", "version 2"), ("step", "first_meeting 2026-12-01"),
        ("step", "checklist undone"), ("note", "note 3"), ("assign", "policy area social"), ("assign", "policy area -"),
        ("decision", "iop_agreed 2026-12-02"), ("decision", "withdrawn"), ("erased", "personal data deleted"),
        ("something_new", "x"),
    )]
    assert said == [
        "Skickat till kommunen (version 1)", "Ny version skickad (version 2)",
        "Steg klart: Initiativtagarna inbjudna till ett första möte (2026-12-01)",
        "Steg ångrat: Initiativet kontrollerat mot checklistan", "Anteckning 3 tillagd",
        "Ansvar och område ändrat (område: Socialtjänst)", "Ansvar och område ändrat (område: Inte angivet)",
        "Beslut: IOP ingås (2026-12-02)", "Beslutet togs bort", "Personuppgifterna raderade (GDPR)", "Ändring i ärendet",
    ]
    assert log.describe("step", "anchoring 2026-12-01", "skr", "en").startswith("Step done: ")
    assert log.actor("organisation") == "Organisationen" and log.actor("anna@mora.example") == "anna@mora.example"


def test_times_are_swedish_summer_and_winter():
    assert log.when(SUMMER) == "2026-06-01 09:28"
    assert log.when(WINTER) == "2026-12-06 10:28"
    assert log.when(WINTER.replace(tzinfo=None)) == "2026-12-06 10:28"  # SQLite gives naive UTC back


def row(organisation: str, **kw) -> CaseRow:
    base = {"id": 1, "state": "open", "version": 1, "framework": "mora", "verdict": "iop", "organisation": organisation,
            "policy_area": None, "officer": None, "steps": {}, "decision": None, "decision_date": None,
            "decision_body": None, "received_at": WINTER, "versions": 2}
    return CaseRow(**{**base, **kw})


def test_the_register_export_names_the_zone_guards_formulas_and_opens_in_excel():
    hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]
    rows = [row(h, id=i) for i, h in enumerate(hostile, 1)] + [row("Föreningen Läxhjälpen", id=9, decision="iop_agreed",
                                                                  decision_date=date(2026, 12, 6), policy_area="social")]
    data = register_sheet(rows, {"mora": "Mora kommun"})
    assert "Mottaget (Europe/Stockholm)" in data.headers
    book = load_workbook(BytesIO(to_xlsx(data)))
    ws = book.active
    assert ws.title == "Ärenden"
    values = [[c.value for c in r] for r in ws.iter_rows()]
    header = values[0]
    organisations = [r[header.index("Organisation")] for r in values[1:]]
    assert organisations[:6] == ["'" + h.replace("\r", "\n") for h in hostile]  # XML keeps no bare CR
    assert organisations[6] == "Föreningen Läxhjälpen"
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    last = dict(zip(header, values[-1], strict=True))
    assert last["Mottaget (Europe/Stockholm)"] == "2026-12-06 10:28" and last["Versioner"] == 2
    assert last["Status"] == "Beslut: partnerskap (IOP) ingås" and last["Verksamhetsområde"] == "Socialtjänst"
    table = list(csv.reader(io.StringIO(to_csv(data).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0][:3] == ["Nr", "Organisation", "Ramverk"] and table[1][1].startswith("'=HYPERLINK")


def test_cells_keep_numbers_and_guard_text():
    assert cell(3) == 3 and cell(1.5) == 1.5 and cell(None) == "" and cell("-x") == "'-x" and cell("ok") == "ok"


def test_the_follow_up_xlsx_has_the_csv_s_rows_per_framework_too():
    y = YearCounts(2026, received=2)
    y.by_framework.update({"mora": 1, "vgr": 1})
    y.by_verdict.update({"iop": 2})
    labels = {"framework.mora": "Mora kommun", "framework.vgr": "Västra Götalandsregionen",
              "measure.framework": "Per ramverk", "measure.received": "Mottagna initiativ"}
    s = sheet([y], labels, ("År", "Mått", "Värde", "Antal"), "Årlig uppföljning")
    ws = load_workbook(BytesIO(to_xlsx(s, Sheet("Tom", ["a"], [])))).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["År", "Mått", "Värde", "Antal"] and [2026, "Mottagna initiativ", None, 2] in rows
    assert [2026, "Per ramverk", "Mora kommun", 1] in rows and [2026, "Per ramverk", "Västra Götalandsregionen", 1] in rows
