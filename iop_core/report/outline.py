"""The agreement outline (avtalsutkast) of a framework, prefilled from a screening.

The outlines are data (data/outlines.toml, loaded by iop_core.rules.outlines): the framework's
own headings and numbering, the source's guidance per section, citations, and which texts from
the screening prefill it (PREFILL here writes them). `build_outline(screening, framework_id)` returns every section with the suggested text and the
text to use: the user's edit (Screening.agreement.sections[id]) if there is one, else the
suggestion. Each text is run through the SKR kap. 3 word check.

Every function takes `lang` ("sv" default, "en"): the English texts are the `[outlines]` overlay in
data/i18n/en.toml (headings, guidance, notice, process texts and prefill sentences; citations are
never translated). Helsingborg's, Mora's and VGR's headings keep their Swedish words in brackets.

It neither judges the case (iop_core.rules.assessment) nor renders anything (pages/6_agreement.py,
iop_core.report.build). The outline is discussion material for a joint process, never an application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iop_core.budget.totals import BudgetSummary, line_value, summarise
from iop_core.budget.vocabulary import category_label, party_label
from iop_core.documents.declaration import is_signed, signer_organisation
from iop_core.format import format_date, format_period, format_sek, format_share
from iop_core.rules.catalogue import framework, questions
from iop_core.rules.outlines import Outline, OutlineSection, outline_for, prefill_sentence
from iop_core.rules.wording import WordHit, check_text
from iop_core.screening.model import VALUE_POINTS, Screening

__all__ = [
    "FilledOutline",
    "FilledSection",
    "PREFILL",
    "build_outline",
    "suggested_text",
]


# --------------------------------------------------------------------------- prefill


def _p(key: str, lang: str, **values: Any) -> str:
    return prefill_sentence(key, lang, **values)


def _org(s: Screening) -> str:
    return s.organisation.name.strip()


def _partner(s: Screening) -> str:
    return s.organisation.public_partner.strip()


def _name(s: Screening, lang: str) -> str:
    if not (_org(s) or _partner(s)):
        return ""
    return _p("name", lang, organisation=_org(s) or _p("org_unknown", lang),
              partner=_partner(s) or _p("partner_unknown", lang))


def _parties(s: Screening, lang: str) -> str:
    lines = []
    if _org(s):
        number = s.organisation.org_number.strip()
        if number:
            lines.append(_p("parties_org_number", lang, name=_org(s), number=number))
        else:
            lines.append(_p("parties_org", lang, name=_org(s)))
    if _partner(s):
        lines.append(_p("parties_public", lang, name=_partner(s)))
    return "\n".join(lines)


def _text(path: str) -> Callable[[Screening, str], str]:
    return lambda s, lang: getattr(s.initiative, path).strip()


def _activities(s: Screening, lang: str) -> str:
    parts = [s.initiative.activities.strip()]
    if s.initiative.not_included.strip():
        parts.append(_p("not_included", lang, text=s.initiative.not_included.strip()))
    return "\n\n".join(p for p in parts if p)


def _category_name(category: str, other_text: str, lang: str) -> str:
    if category == "annat" and other_text.strip():
        return other_text.strip()
    return category_label(category, lang).lower()


def _commitments(s: Screening, lang: str) -> str:
    """Each party's inputs from the budget, with their value over the whole period."""
    per_party: dict[str, dict[str, Decimal]] = {}
    for line in s.budget.lines:
        items = per_party.setdefault(line.party, {})
        name = _category_name(line.category, line.other_text, lang)
        items[name] = items.get(name, Decimal(0)) + line_value(line)
    lines = []
    for party in ("public", "organisation", "other"):
        items = per_party.get(party)
        if not items:
            continue
        listed = ", ".join(f"{name} {format_sek(value, lang)}" for name, value in items.items())
        lines.append(_p("commitments_line", lang, party=party_label(party, lang), items=listed))
    if not per_party.get("organisation") and s.initiative.org_contribution not in (None, "none"):
        q = questions(lang)["initiative.org_contribution"]
        lines.append(_p("commitments_answer", lang, answer=q.answer_label(s.initiative.org_contribution).lower()))
    return "\n".join(lines)


def _years(summary: BudgetSummary) -> str:
    years = list(summary.by_year)
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _economy(s: Screening, lang: str) -> str:
    summary = summarise(s.budget)
    paragraphs = []
    if not summary.is_empty:
        lines = [_p("economy_total", lang, total=format_sek(summary.total, lang), years=_years(summary))]
        for party in ("public", "organisation", "other"):
            if summary.party(party):
                lines.append(_p("economy_party", lang, party=party_label(party, lang),
                                amount=format_sek(summary.party(party), lang),
                                share=format_share(summary.share(party), lang)))
        lines.append(_p("economy_kinds", lang, money=format_sek(summary.money, lang), in_kind=format_sek(summary.in_kind, lang)))
        paragraphs.append("\n".join(lines))
    terms = s.budget.terms
    lines = [
        _p(key, lang, text=value.strip())
        for key, value in (("payment_how", terms.payment_how), ("payment_when", terms.payment_when),
                           ("payment_to", terms.payment_to))
        if value.strip()
    ]
    if terms.other_grants_allowed is not None:
        lines.append(_p("other_grants_yes" if terms.other_grants_allowed else "other_grants_no", lang))
    if terms.surplus_handling.strip():
        lines.append(_p("surplus", lang, text=terms.surplus_handling.strip()))
    if lines:
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _no_profit(s: Screening, lang: str) -> str:
    return _p("no_profit", lang) if s.initiative.reinvests_surplus is True else ""


def _period(s: Screening, lang: str) -> str:
    terms = s.budget.terms
    lines = []
    period = format_period(terms.period_start, terms.period_end, lang)
    if period:
        lines.append(_p("period_dates", lang, period=period))
    elif s.initiative.planned_years:
        q = questions(lang)["initiative.planned_years"]
        lines.append(_p("period_years", lang, years=q.answer_label(s.initiative.planned_years)))
    if terms.extension.strip():
        lines.append(_p("extension", lang, text=terms.extension.strip()))
    return "\n".join(lines)


def _independence(s: Screening, lang: str) -> str:
    i = s.initiative
    if i.org_independent is not True or i.initiative_by not in ("organisation", "joint"):
        return ""
    return _p("independence", lang, partner=_partner(s) or _p("partner_unknown", lang),
              initiative=_p(f"initiative_{i.initiative_by}", lang))


def _contacts(s: Screening, lang: str) -> str:
    a, o = s.agreement, s.organisation
    lines = []
    if a.contact_public.strip():
        lines.append(_p("contacts_public", lang, partner=_partner(s) or _p("partner_unknown", lang).capitalize(),
                        contact=a.contact_public.strip()))
    org_contact = a.contact_organisation.strip() or ", ".join(
        x for x in (o.contact_name.strip(), o.contact_email.strip()) if x
    )
    if org_contact:
        lines.append(_p("contacts_org", lang, organisation=_org(s) or _p("org_unknown", lang).capitalize(),
                        contact=org_contact))
    return "\n".join(lines)


def _values(s: Screening, lang: str) -> str:
    vd = s.value_declaration
    complete = all(vd.confirmed.get(p) is True for p in VALUE_POINTS)
    if not (complete and is_signed(s)):
        return ""
    return _p("values_signed", lang, organisation=signer_organisation(s),
              date=format_date(vd.signed_on, lang))


def _mandate(s: Screening, lang: str) -> str:
    m = s.initiative.political_mandate
    return _p(f"mandate_{m}", lang) if m in ("decided", "in_plan") else ""


def _jointly_prepared(s: Screening, lang: str) -> str:
    i = s.initiative
    return _p("jointly_prepared", lang) if i.need_defined_by == "jointly" or i.initiative_by == "joint" else ""


def _if_true(fact: str, key: str) -> Callable[[Screening, str], str]:
    return lambda s, lang: _p(key, lang) if getattr(s.initiative, fact) is True else ""


def _always(key: str) -> Callable[[Screening, str], str]:
    return lambda s, lang: _p(key, lang)


PREFILL: dict[str, Callable[[Screening, str], str]] = {
    "name": _name,
    "parties": _parties,
    "challenge": _text("challenge"),
    "goal": _text("goal"),
    "target_group": _text("target_group"),
    "activities": _activities,
    "commitments": _commitments,
    "economy": _economy,
    "no_profit": _no_profit,
    "period": _period,
    "follow_up": _if_true("joint_learning", "follow_up"),
    "governance": _if_true("joint_governance", "governance"),
    "independence": _independence,
    "renegotiation": _always("renegotiation"),
    "contacts": _contacts,
    "values": _values,
    "mandate": _mandate,
    "signature": _always("signature"),
    "jointly_prepared": _jointly_prepared,
}
"""Named texts built from the screening (and a language), one per rules.outlines.PREFILL_NAMES.
Outline sections list the ones that prefill them."""


def suggested_text(section: OutlineSection, s: Screening, lang: str | None = None) -> str:
    """The app's suggestion for a section in `lang` (default: the screening's language): its
    prefill texts, joined by blank lines."""
    lang = lang or s.language
    parts = [PREFILL[name](s, lang) for name in section.prefill]
    return "\n\n".join(p for p in parts if p.strip())


# --------------------------------------------------------------------------- the filled outline


@dataclass(frozen=True)
class FilledSection:
    section: OutlineSection
    suggested: str
    text: str
    """The text to use: the user's edit if any, else the suggestion."""
    edited: bool
    word_hits: tuple[WordHit, ...]

    @property
    def id(self) -> str:
        return self.section.id


@dataclass(frozen=True)
class FilledOutline:
    outline: Outline
    sections: tuple[FilledSection, ...]

    @property
    def word_hits(self) -> list[WordHit]:
        return [h for sec in self.sections for h in sec.word_hits]


def build_outline(screening: Screening, framework_id: str | None = None, lang: str | None = None) -> FilledOutline:
    """The outline of the framework (default: the screening's) in `lang` (default: the screening's
    language), each section filled in."""
    lang = lang or screening.language
    fid = framework_id or screening.framework
    outline, allowed = outline_for(fid, lang), framework(fid).wording.phrases
    edits = screening.agreement.sections
    filled = []
    for sec in outline.sections:
        suggested = suggested_text(sec, screening, lang)
        edited = sec.id in edits
        text = edits[sec.id] if edited else suggested
        filled.append(FilledSection(sec, suggested, text, edited, tuple(check_text(text, sec.label, allowed))))
    return FilledOutline(outline, tuple(filled))
