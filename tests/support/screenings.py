"""Screenings built to hurt: a payload in every text field, every field at its maximum."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
    fact_value,
)

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
