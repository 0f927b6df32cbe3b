"""Every demo case agrees with the app's own checks, in both languages (issue #24 point 8).

A trainer opens a demo case to show what the app says about it. A notice the case does not mean
to show (a budget that covers three years of a five-year period, terms left empty, a text the
word check flags by accident) teaches the wrong thing and makes the app look as if it contradicts
itself. `INTENDED` names, per case, every notice the case is meant to show and why; anything
else any check raises fails the test. The verdicts themselves are tests/core/test_demo_cases.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from iop_core.budget.editor import row_problems
from iop_core.budget.terms import period_years, term_problems, years_uncovered
from iop_core.budget.totals import summarise
from iop_core.report.outline import build_outline
from iop_core.report.progress import step_states
from iop_core.rules.assessment import assess
from iop_core.rules.catalogue import framework
from iop_core.rules.checks import (
    documents_outstanding,
    value_declaration_gaps,
    word_hits,
)
from iop_core.screening.demo import demo_cases, load_demo, switch_demo_texts

LANGUAGES = ("sv", "en")

INTENDED: dict[str, dict[str, str]] = {
    "genuine_iop": {},
    "initiative_by_municipality": {},
    "disguised_procurement": {
        "words": "the case teaches SKR's word list: the texts speak of uppdrag, ersättning, fakturering and vite",
        "step.initiative.attention": "the municipality's initiative, detailed steering and sanctions are the lesson",
        "step.budget.attention": "price per hour and no co-financing are the lesson",
        "step.summary.attention": "the verdict is procurement",
    },
    "grant_fits_better": {
        "step.initiative.attention": "no societal challenge to meet together: that is why a grant fits",
    },
    "unsigned_declaration": {
        "values.gaps": "the declaration lacks two points and the signature: the case's lesson",
        "documents.outstanding": "Mora's documents come later; the process is stopped by the declaration first",
        "step.summary.attention": "Mora cannot proceed without the signed declaration (not eligible)",
    },
    "public_pays_all": {
        "step.budget.attention": "the council pays everything: no co-financing is the lesson",
    },
    "commercial_competition": {
        "documents.outstanding": "the officer screens before Mora's documents are handed in",
        "step.initiative.attention": "a market with private workshops is the lesson",
    },
}


def notices(case_id: str, lang: str) -> set[str]:
    """Everything the app shows as a warning or a problem for the case, as short codes: the budget
    page's row, terms and period notices, the value declaration's and documents' gaps, the word
    check on every free text and agreement section, and steps the sidebar marks "needs attention"
    (the summary as once opened)."""
    s = load_demo(case_id, lang)
    fw = framework(s.framework, lang)
    out = {f"budget.row.{p.code}" for ps in row_problems(s.budget).values() for p in ps}
    out |= {f"budget.terms.{p.code}" for p in term_problems(s.budget.terms, lang)}
    if years_uncovered(s.budget):
        out.add("budget.years_uncovered")
    if value_declaration_gaps(s, lang):
        out.add("values.gaps")
    if documents_outstanding(s, fw):
        out.add("documents.outstanding")
    if word_hits(s) or any(sec.word_hits for sec in build_outline(s, lang=lang).sections):
        out.add("words")
    out |= {f"step.{step}.attention" for step, state in step_states(s, assess(s), seen={"summary"}).items()
              if state == "attention"}
    if s.migration_notes:
        out.add("migration_notes")
    return out


def test_every_demo_case_declares_its_notices():
    assert set(INTENDED) == {c.id for c in demo_cases()}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case_id", sorted(INTENDED))
def test_a_demo_case_shows_only_the_notices_it_means_to(case_id, lang):
    assert notices(case_id, lang) == set(INTENDED[case_id])


@pytest.mark.parametrize("case_id", sorted(INTENDED))
def test_a_demo_cases_facts_agree_with_its_budget(case_id):
    """The answers on Initiativet say the same as the Budget page: the planned years are the
    agreement period, the yearly public contribution is the budget's, the whole value is the
    budget's total, and the money goes to the case's own organisation."""
    s = load_demo(case_id)
    i, terms, summary = s.initiative, s.budget.terms, summarise(s.budget)
    years = period_years(terms)
    assert years and len(years) == i.planned_years
    assert {line.year for line in s.budget.lines} == set(years)
    assert set(summary.public_per_year().values()) == {Decimal(i.public_amount_per_year)}
    assert summary.total == i.total_value
    assert terms.payment_to and terms.payment_to in s.organisation.name


# --- English demo texts (issue #24 point 7): a demo walked in English reads English ------------

FREE_TEXT = re.compile(r"^(organisation\.(name|public_partner)|initiative\.(challenge|goal|target_group|activities"
                       r"|not_included)|value_declaration\.(signer_role|signer_organisation)|budget\.terms\.(payment_how"
                       r"|payment_when|surplus_handling|extension)|budget\.lines\[\d+\]\.note|agreement\.sections\..*"
                       r"|meeting\..*|documents\..*\.reason)$")


def _texts(s) -> dict[str, str]:
    def leaves(x, path=""):
        if isinstance(x, dict):
            for k, v in x.items():
                yield from leaves(v, f"{path}.{k}" if path else k)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                yield from leaves(v, f"{path}[{i}]")
        elif isinstance(x, str) and x.strip():
            yield path, x
    return {p: v for p, v in leaves(s.model_dump(mode="json")) if FREE_TEXT.match(p)}


@pytest.mark.parametrize("case_id", sorted(INTENDED))
def test_a_demo_opened_in_english_has_english_free_texts(case_id):
    sv, en = _texts(load_demo(case_id, "sv")), _texts(load_demo(case_id, "en"))
    assert set(en) == set(sv)
    assert [p for p in sv if en[p] == sv[p]] == []
    assert not [p for p, v in en.items() if re.search(r"\b(fiktiv|fiktivt|och|för|ingår)\b", v)]


@pytest.mark.parametrize("case_id", sorted(INTENDED))
def test_the_english_agreement_outline_of_a_demo_quotes_no_swedish_answer(case_id):
    swedish = [v for v in _texts(load_demo(case_id, "sv")).values() if len(v) > 12]
    outline = build_outline(load_demo(case_id, "en"), lang="en")
    leaked = [(sec.section.id, v) for sec in outline.sections for v in swedish if v in sec.text]
    assert leaked == []


def test_switching_the_language_swaps_only_the_demos_own_texts():
    s = load_demo("disguised_procurement", "sv")
    s.initiative.challenge = "Vår egen text, som vi skrev själva."
    switch_demo_texts(s, "sv", "en")
    assert s.initiative.challenge == "Vår egen text, som vi skrev själva."  # the user's own text stays as typed
    assert s.initiative.goal.startswith("The assignment (uppdraget)")
    assert s.budget.lines[0].note == "Price per hour delivered" and s.value_declaration.signer_role == "Chair"
    switch_demo_texts(s, "en", "sv")
    back = load_demo("disguised_procurement", "sv")
    back.initiative.challenge = "Vår egen text, som vi skrev själva."
    assert s.model_dump() == back.model_dump()


def test_a_screening_that_is_not_a_demo_keeps_every_text():
    s = load_demo("genuine_iop", "sv")
    s.demo_case = ""
    before = s.model_dump()
    switch_demo_texts(s, "sv", "en")
    assert s.model_dump() == before
