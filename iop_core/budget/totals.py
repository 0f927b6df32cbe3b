"""Budget totals (SKR 2.5, kap. 3): sums per party, year and kind, and each party's share.

All to the öre with Decimal, from the valid lines only (drafts never count). It does not judge:
the thresholds (org_share_minimum, public_share_maximum in data/parameters.toml, per framework)
are applied by the rules' checks (iop_core.rules.checks), and the leaning is assess()'s.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from iop_core.budget.numbers import ORE
from iop_core.screening.model import Budget, BudgetLine

PER_UNIT_UNITS = frozenset({"timmar", "st"})
"""Public *money* priced per hour or per piece (more than one of them) looks like a price per
delivered unit, which SKR 4.4.4 lists as a sign of procurement ("ett fastställt pris")."""

ZERO = Decimal("0.00")


def line_value(line: BudgetLine) -> Decimal:
    """Value of one line in kronor, rounded to the öre (half up)."""
    return (line.quantity * line.unit_value).quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BudgetSummary:
    """Totals of the valid lines (drafts never count). Every amount is the sum of rounded lines."""

    total: Decimal = ZERO
    by_party: dict[str, Decimal] = field(default_factory=dict)
    by_party_kind: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    by_year: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    """year -> party -> amount, years ascending."""
    by_year_party_kind: dict[tuple[int, str, str], Decimal] = field(default_factory=dict)
    money: Decimal = ZERO
    in_kind: Decimal = ZERO

    def party(self, party: str) -> Decimal:
        return self.by_party.get(party, ZERO)

    def party_kind(self, party: str, kind: str) -> Decimal:
        return self.by_party_kind.get((party, kind), ZERO)

    def year_total(self, year: int) -> Decimal:
        return sum(self.by_year.get(year, {}).values(), ZERO)

    def share(self, party: str) -> Decimal | None:
        """The party's share of all inputs (0..1), or None for an empty budget."""
        if self.total == 0:
            return None
        return self.party(party) / self.total

    @property
    def public_share(self) -> Decimal | None:
        return self.share("public")

    @property
    def org_share(self) -> Decimal | None:
        """The organisation's own share of all inputs, money and other resources together."""
        return self.share("organisation")

    @property
    def co_financed_share(self) -> Decimal | None:
        """Everything that is not the public side's: the organisation's own inputs and other
        financiers' (Arvsfonden, a foundation). SKR 4.4.4: "Det kan finnas fler medfinansiärer"."""
        return None if self.total == 0 else 1 - self.party("public") / self.total

    def public_per_year(self) -> dict[int, Decimal]:
        """The public side's inputs per budget year (money and in kind)."""
        return {year: parties.get("public", ZERO) for year, parties in self.by_year.items()}

    @property
    def money_share(self) -> Decimal | None:
        return None if self.total == 0 else self.money / self.total

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def summarise(budget: Budget) -> BudgetSummary:
    """The totals of `budget`'s valid lines."""
    by_party: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_party_kind: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_ypk: dict[tuple[int, str, str], Decimal] = defaultdict(lambda: ZERO)
    money = in_kind = ZERO
    for line in budget.lines:
        value = line_value(line)
        by_party[line.party] += value
        by_party_kind[(line.party, line.kind)] += value
        by_year[line.year][line.party] += value
        by_ypk[(line.year, line.party, line.kind)] += value
        if line.kind == "money":
            money += value
        else:
            in_kind += value
    return BudgetSummary(
        total=money + in_kind,
        by_party=dict(by_party),
        by_party_kind=dict(by_party_kind),
        by_year={y: dict(v) for y, v in sorted(by_year.items())},
        by_year_party_kind=dict(sorted(by_ypk.items())),
        money=money,
        in_kind=in_kind,
    )


def per_unit_public_money(budget: Budget) -> list[BudgetLine]:
    """Public money lines priced per hour or per piece (more than one unit)."""
    return [
        line
        for line in budget.lines
        if line.party == "public" and line.kind == "money" and line.unit in PER_UNIT_UNITS and line.quantity > 1
    ]
