"""Screenings for tests and benchmarks: the demo cases, the scenario table's cases, a full one, and
screenings built to hurt (a payload in every text field, every field at its maximum)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from iop_core.screening.model import (
    DATE_MAX,
    DATE_MIN,
    DOCUMENT_IDS,
    MAX_BUDGET_ROWS,
    MAX_LINE,
    MAX_TEXT,
    OUTLINE_SECTION_IDS,
    VALUE_POINTS,
    BudgetDraft,
    BudgetLine,
    DocumentEntry,
    Screening,
    UploadedFileMeta,
    ValueDeclaration,
    fact_value,
    set_fact,
)
from iop_core.screening.persistence import load_screening
from tests.support import ROOT

DEMO_DIR = ROOT / "assets" / "demo_cases"
SCENARIOS = ROOT / "tests" / "scenarios"
"""The scenario table (tests/core/test_scenarios.py): one case per NN_name.toml."""


def demo(case_id: str) -> Screening:
    """A fresh copy of the shipped demo case `case_id`, as saved (Swedish)."""
    return load_screening((DEMO_DIR / f"{case_id}.json").read_bytes())


def full_screening() -> Screening:
    """A demo case with every part filled, an upload's metadata and agreement text included."""
    s = demo("genuine_iop")
    s.documents["statutes"] = DocumentEntry(status="uploaded", file=UploadedFileMeta(
        file_name="stadgar 📄.pdf", kind="pdf", size_bytes=1234, pages=3, sha256="a" * 64,
        uploaded_at=datetime(2026, 11, 24, 9, 30)))
    s.documents["audit_report"] = DocumentEntry(status="missing", reason="Föreningen har ingen revisor ännu.")
    s.agreement.sections["background"] = "Egen text om bakgrunden."
    s.agreement.contact_public = "Kim Kommun"
    s.meeting.notes = "Anteckning från mötet."
    s.value_declaration.signed_on = date(2026, 3, 2)
    return s


# --- the scenario table ----------------------------------------------------------------------------

DECLARATIONS = {
    "signed": ValueDeclaration(
        confirmed=dict.fromkeys(VALUE_POINTS, True), signer_name="Anna Lind", signer_role="Ordförande",
        signer_organisation="Föreningen (fiktiv)", signed_on=date(2026, 3, 2)),
    "partial": ValueDeclaration(confirmed={p: True for p in VALUE_POINTS if p not in ("4c", "routines")}),
    "none": ValueDeclaration(),
}


@cache
def _bases() -> dict[str, Any]:
    return tomllib.loads((SCENARIOS / "_base.toml").read_text(encoding="utf-8"))


def load_scenario(path: Path) -> dict[str, Any]:
    """A scenario file's table, its keys checked."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"title", "reason", "citation", "base", "unset", "value_declaration", "facts", "expect", "themes",
                           "rules", "routes"}
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    return data


def scenario_screening(data: dict[str, Any]) -> Screening:
    """The screening a scenario describes: its base's facts with its own on top."""
    facts = {**_bases().get(data.get("base", ""), {}), **data.get("facts", {})}
    for path in data.get("unset", []):
        facts.pop(path)
    declaration = facts.pop("value_declaration", "none")
    declaration = data.get("value_declaration", declaration)
    s = Screening(value_declaration=DECLARATIONS[declaration])
    for path, value in facts.items():
        set_fact(s, path, value)
    return Screening.model_validate(s.model_dump())


def scenario(name: str) -> Screening:
    """The screening of tests/scenarios/`name`.toml."""
    return scenario_screening(load_scenario(SCENARIOS / f"{name}.toml"))


# --- built to hurt ---------------------------------------------------------------------------------

MARK = "PAYLOADMARK"
SECRET = "秘密患者"
"""Characters no bundled font has: fpdf2 used to log them, in order."""
PAYLOAD = (f"{MARK} https://evil.example/login www.evil.example evil@evil.example ![x](http://127.0.0.1:9/t.png) "
           "[klicka här](https://evil.example/login) <img src=x onerror=alert(1)> <b>fet</b> "
           f"<https://evil.example/a> :red[röd] :material/home: **fet** {SECRET}")

TEXT_PARTS = ("organisation", "initiative", "value_declaration", "budget.terms", "agreement", "meeting")


def _parts(s: Screening):
    for path in TEXT_PARTS:
        yield fact_value(s, path)


def fill_text(s: Screening, text_for) -> Screening:
    """Set every free-text field of `s` to text_for(max_length)."""
    for part in _parts(s):
        for name, field in type(part).model_fields.items():
            if field.annotation is str:
                limit = next((m.max_length for m in field.metadata if getattr(m, "max_length", None)), MAX_TEXT)
                setattr(part, name, text_for(limit))
    return s


def hostile_screening(framework: str = "mora") -> Screening:
    """The payload in every text field a user can fill, on a framework that shows documents."""
    p = PAYLOAD
    s = fill_text(Screening(framework=framework, role="organisation"), lambda limit: p[:limit])
    s.value_declaration.signed_on = date(2026, 1, 1)
    s.documents = {d: DocumentEntry(status="missing", reason=p) for d in DOCUMENT_IDS}
    s.agreement.sections = {sid: p for sid in OUTLINE_SECTION_IDS}
    s.budget.lines = [BudgetLine(party="organisation", category="other", other_text=p, kind="money",
                                 quantity=Decimal(1), unit="kr", unit_value=Decimal(100), year=2026, note=p)]
    s.budget.drafts = [BudgetDraft(**{name: p for name in BudgetDraft.model_fields})]
    s.initiative.challenge = "uppdrag och vite " + p
    return s


def worst_screening(framework: str = "mora") -> Screening:
    """Every field at its maximum: the heaviest *valid* screening (the cost budget's subject).

    Texts are full of the word check's avoid-words (the most findings), budgets have the most rows.
    """
    words = "vite uppdrag ersättning fakturering kontrakt " + SECRET + " "
    s = fill_text(Screening(framework=framework, role="organisation"), lambda limit: (words * (limit // len(words) + 1))[:limit].strip())
    long = (words * (MAX_TEXT // len(words) + 1))[:MAX_TEXT]
    s.agreement.sections = {sid: long for sid in OUTLINE_SECTION_IDS}
    s.documents = {d: DocumentEntry(status="missing", reason=long[:MAX_LINE]) for d in DOCUMENT_IDS}
    s.value_declaration.confirmed = {p: False for p in VALUE_POINTS}
    s.value_declaration.signed_on = DATE_MAX  # the edges of what the date pickers allow
    s.budget.terms.period_start, s.budget.terms.period_end = DATE_MIN, DATE_MAX
    line = BudgetLine(party="organisation", category="other", other_text="x" * MAX_LINE, kind="money",
                      quantity=Decimal("99999.99"), unit="kr", unit_value=Decimal("9999.99"), year=2026, note="n" * MAX_LINE)
    half = MAX_BUDGET_ROWS // 2
    s.budget.lines = [line.model_copy(update={"year": 2026 + i % 10}) for i in range(half)]
    s.budget.drafts = [BudgetDraft(party="public", category="x" * MAX_LINE, quantity="tolv", year="2026")] * (MAX_BUDGET_ROWS - half)
    return s
