"""Co-financing arithmetic (SKR 2.5, kap. 3; Helsingborg 2.7) with Decimal, to the öre.

Computes totals and shares from budget lines. It does not judge them: the thresholds below feed
rules in data/rules.toml, and the overall judgement stays with iop_core.assessment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from iop_core.model import Budget, BudgetLine

ORE = Decimal("0.01")

ORG_SHARE_MINIMUM = Decimal("0.05")
"""Below 5 % of all inputs the organisation's part is token: SKR 2.5 asks for *shared* resource
responsibility and kap. 3 for all parties visibly contributing. 5 % is this app's reading, not a
figure from the seeds; it is shown to the user with that caveat."""

PUBLIC_SHARE_MAXIMUM = Decimal("0.95")
"""At or above 95 % the public side covers (nearly) the whole cost, which SKR 4.4.4 reads as a
sign of ersättning (C-532/03: part-financing points to a financing agreement)."""

PER_UNIT_UNITS = frozenset({"timmar", "st"})
"""Public *money* priced per hour or per piece looks like a price per delivered unit (SKR 4.4.4)."""

PARTY_LABELS = {"public": "Offentlig part", "organisation": "Organisationen", "other": "Annan finansiär"}
KIND_LABELS = {"money": "Pengar", "in_kind": "Annan resurs"}


def line_value(line: BudgetLine) -> Decimal:
    """Value of one line in kronor, rounded to the öre."""
    return (line.quantity * line.unit_value).quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BudgetSummary:
    total: Decimal = Decimal("0.00")
    by_party: dict[str, Decimal] = field(default_factory=dict)
    by_party_kind: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    by_year: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    money: Decimal = Decimal("0.00")
    in_kind: Decimal = Decimal("0.00")

    def party(self, party: str) -> Decimal:
        return self.by_party.get(party, Decimal("0.00"))

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
        return self.share("organisation")

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def summarise(budget: Budget) -> BudgetSummary:
    by_party: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    by_party_kind: dict[tuple[str, str], Decimal] = defaultdict(lambda: Decimal("0.00"))
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: Decimal("0.00")))
    money = in_kind = Decimal("0.00")
    for line in budget.lines:
        value = line_value(line)
        by_party[line.party] += value
        by_party_kind[(line.party, line.kind)] += value
        by_year[line.year][line.party] += value
        if line.kind == "money":
            money += value
        else:
            in_kind += value
    return BudgetSummary(
        total=money + in_kind,
        by_party=dict(by_party),
        by_party_kind=dict(by_party_kind),
        by_year={y: dict(v) for y, v in sorted(by_year.items())},
        money=money,
        in_kind=in_kind,
    )


def per_unit_public_money(budget: Budget) -> list[BudgetLine]:
    """Public money lines priced per hour or per piece."""
    return [
        line
        for line in budget.lines
        if line.party == "public" and line.kind == "money" and line.unit in PER_UNIT_UNITS
    ]


def format_sek(amount: Decimal | float | int, *, decimals: int = 0) -> str:
    """Swedish number format: 1 234 567 kr (thin no-break spaces as thousands separator)."""
    q = Decimal(str(amount)).quantize(Decimal(1) if decimals == 0 else ORE, rounding=ROUND_HALF_UP)
    sign = "−" if q < 0 else ""
    whole, _, frac = f"{abs(q):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = "\u00a0".join(groups) + (f",{frac}" if frac else "")
    return f"{sign}{text}\u00a0kr"


def format_share(share: Decimal | None) -> str:
    if share is None:
        return "–"
    pct = (share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{pct}\u00a0%"
