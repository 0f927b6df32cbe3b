"""Everything a screening says, as the pages name it: the officer's "Alla uppgifter som skickades"
and the changes between two versions the organisation sent.

`answers(s, lang)` lists every answer as an `Answer` (section, the question or field as the page
words it, the answer in words: "Ja", a choice's label, "250 000 kr", a date YYYY-MM-DD), never a
field name or JSON. `changes(old, new, lang)` compares two screenings answer by answer. Pure;
no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from iop_core.budget.vocabulary import (
    category_label,
    kind_label,
    party_label,
    unit_label,
)
from iop_core.documents.checklist import document_rows
from iop_core.documents.declaration import declaration_status
from iop_core.format import format_number, format_sek
from iop_core.i18n import t
from iop_core.report.outline import build_outline
from iop_core.rules.catalogue import framework, questions
from iop_core.screening.model import BudgetLine, Screening, fact_value

# (the model's field, the text-table key of its label on the page)
ORGANISATION = (("name", "start.org_name"), ("org_number", "start.org_number"), ("contact_name", "start.contact_name"),
                ("contact_email", "start.contact_email"), ("public_partner", "start.public_partner"))
FREE_TEXTS = (("challenge", "initiative.challenge"), ("goal", "initiative.goal"),
              ("target_group", "initiative.target_group"), ("activities", "initiative.activities"),
              ("not_included", "initiative.not_included"))
SIGNER = (("signer_name", "values.signer_name"), ("signer_role", "values.signer_role"),
          ("signer_organisation", "values.signer_organisation"))
TERMS = (("payment_how", "report.term_payment_how"), ("payment_when", "report.term_payment_when"),
         ("payment_to", "report.term_payment_to"), ("surplus_handling", "report.term_surplus"),
         ("extension", "report.term_extension"))
CONTACTS = (("contact_organisation", "agreement.contact_organisation"), ("contact_public", "agreement.contact_public"))
MEETING = (("open_questions", "triage.open_questions"), ("next_steps", "triage.next_steps"), ("notes", "triage.notes"))


@dataclass(frozen=True)
class Answer:
    key: str  # stable id to compare versions by (never shown)
    section: str
    label: str
    value: str


@dataclass(frozen=True)
class Change:
    section: str
    label: str
    before: str
    after: str


def _day(d: date | None, lang: str) -> str:
    return d.isoformat() if d else t("answer.unanswered", lang)


def _text(value: str, lang: str) -> str:
    return value.strip() or t("answer.unanswered", lang)


def _organisation(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_organisation", lang)
    for name, key in ORGANISATION:
        yield Answer(f"organisation.{name}", section, t(key, lang), _text(getattr(s.organisation, name), lang))
    yield Answer("framework", section, t("register.col_framework", lang), framework(s.framework, lang).name)


def _facts(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_facts", lang)
    for q in questions(lang).values():
        yield Answer(q.id, section, q.label, q.answer_label(fact_value(s, q.id)))
    for name, key in FREE_TEXTS:
        yield Answer(f"initiative.{name}", section, t(key, lang), _text(getattr(s.initiative, name), lang))


def _documents(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_documents", lang)
    for row in document_rows(s, s.framework, lang):
        value = f"{row.status}: {row.file_info}" if row.file_info else row.status
        yield Answer(f"documents.{row.label}", section, row.label, value)


def _declaration(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_declaration", lang)
    for p in declaration_status(s, lang):
        yield Answer(f"value_declaration.{p.point_id}", section, p.text, p.status)
    vd = s.value_declaration
    for name, key in SIGNER:
        yield Answer(f"value_declaration.{name}", section, t(key, lang), _text(getattr(vd, name), lang))
    yield Answer("value_declaration.signed_on", section, t("values.signed_on", lang), _day(vd.signed_on, lang))


def line_text(x: BudgetLine, lang: str) -> str:
    """One budget line in words: "Organisationen · Ideellt arbete · Andra resurser · 1 200 timmar à 300 kr · 2027"."""
    category = category_label(x.category, lang) + (f": {x.other_text}" if x.other_text else "")
    amount = f"{format_number(x.quantity, lang, trim=True)} {unit_label(x.unit, lang)} à {format_sek(x.unit_value, lang, ore=True)}"
    parts = [party_label(x.party, lang), category, kind_label(x.kind, lang), amount, str(x.year)]
    return " · ".join(parts + ([x.note] if x.note.strip() else []))


def _budget(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_budget", lang)
    b = s.budget
    for i, line in enumerate(b.lines, 1):
        yield Answer(f"budget.line.{line_text(line, lang)}", section, t("register.budget_line", lang, n=i),
                     line_text(line, lang))
    if b.drafts:
        yield Answer("budget.drafts", section, t("register.budget_drafts", lang), str(len(b.drafts)))
    yield Answer("budget.rate", section, t("budget.rate", lang), format_sek(b.volunteer_hourly_rate, lang, ore=True))
    for name, key in TERMS:
        yield Answer(f"budget.terms.{name}", section, t(key, lang), _text(getattr(b.terms, name), lang))
    grants = {True: t("answer.yes", lang), False: t("answer.no", lang), None: t("answer.unanswered", lang)}
    yield Answer("budget.terms.other_grants", section, t("report.term_other_grants", lang),
                 grants[b.terms.other_grants_allowed])
    yield Answer("budget.terms.period_start", section, t("budget.period_start", lang), _day(b.terms.period_start, lang))
    yield Answer("budget.terms.period_end", section, t("budget.period_end", lang), _day(b.terms.period_end, lang))


def _agreement(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_agreement", lang)
    for sec in build_outline(s, s.framework, lang).sections:
        if sec.edited:
            yield Answer(f"agreement.{sec.section.id}", section, sec.section.label, sec.text)
    for name, key in CONTACTS:
        yield Answer(f"agreement.{name}", section, t(key, lang), _text(getattr(s.agreement, name), lang))


def _meeting(s: Screening, lang: str) -> Iterator[Answer]:
    section = t("register.section_meeting", lang)
    for name, key in MEETING:
        yield Answer(f"meeting.{name}", section, t(key, lang), _text(getattr(s.meeting, name), lang))


def answers(s: Screening, lang: str = "sv") -> list[Answer]:
    """Every answer of the screening, section by section, in the order of the walk."""
    out: list[Answer] = []
    for part in (_organisation, _facts, _documents, _declaration, _budget, _agreement, _meeting):
        out += list(part(s, lang))
    return out


def changes(old: Screening, new: Screening, lang: str = "sv") -> list[Change]:
    """What differs between two versions, answer by answer, in the order of `new` (then what
    only `old` had: a removed budget line, a section no longer edited)."""
    before = {a.key: a for a in answers(old, lang)}
    after = {a.key: a for a in answers(new, lang)}
    absent, gone = t("register.change_absent", lang), t("register.change_removed", lang)
    out = [Change(a.section, a.label, before[a.key].value if a.key in before else absent, a.value)
           for a in after.values() if a.key not in before or before[a.key].value != a.value]
    out += [Change(a.section, a.label, a.value, gone) for a in before.values() if a.key not in after]
    return out
