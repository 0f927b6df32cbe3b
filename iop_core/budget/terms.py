"""The agreement period and terms around the budget (Helsingborg 2.7–2.8): years, gaps, what is unsaid.

Notices only (never blocking, never a judgement): the rules in data/rules.toml judge.
"""

from __future__ import annotations

from datetime import date

from iop_core.budget.problems import Problem, problem
from iop_core.clock import today as swedish_today
from iop_core.i18n import t
from iop_core.screening.model import Budget, BudgetTerms


def default_year(terms: BudgetTerms, today: date | None = None) -> int:
    """The year a new row starts with: the first year of the agreement period, else this year."""
    if terms.period_start:
        return terms.period_start.year
    return (today or swedish_today()).year


def period_years(terms: BudgetTerms) -> list[int]:
    """Every calendar year the agreement period touches (empty if start or end is missing)."""
    start, end = terms.period_start, terms.period_end
    if not start or not end or end < start:
        return []
    return list(range(start.year, end.year + 1))


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
