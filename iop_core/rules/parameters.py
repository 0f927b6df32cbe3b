"""Dated parameters: the numbers the judgement uses, each with its source or marked as the app's
own interpretation (data/parameters.toml), overridable per framework ([parameters] in a
framework file), in the manner of OpenFisca parameters.

`value(name, framework_id)` is the number in force today under that framework. Nothing here
judges anything; iop_core.rules.assessment, iop_core.budget.totals and iop_core.rules.checks read these numbers.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from iop_core.clock import today as swedish_today
from iop_core.data_folder import DATA
from iop_core.rules.errors import CatalogueError
from iop_core.screening.model import Citation


class ParameterError(CatalogueError):
    """parameters.toml or a framework's [parameters] table is invalid. The message says where."""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[tuple[date, Decimal], ...]
    """(in force from, value), oldest first."""
    source: Citation | None
    interpretation: bool

    def at(self, on: date | None = None) -> Decimal:
        """The value in force on `on` (default today): the newest whose date is not after it."""
        on = on or swedish_today()
        current = [v for since, v in self.values if since <= on]
        if not current:
            raise ParameterError(f"parameter {self.name!r} has no value in force on {on.isoformat()}")
        return current[-1]

    @property
    def since(self) -> date:
        """The date the value in force today applies from."""
        today = swedish_today()
        return [since for since, _ in self.values if since <= today][-1]


def _parse(name: str, body: dict) -> Parameter:
    where = f"parameters.toml [{name}]"
    unknown = set(body) - {"description", "values", "source", "interpretation"}
    if unknown:
        raise ParameterError(f"{where}: unknown fields {sorted(unknown)}")
    interpretation = bool(body.get("interpretation", False))
    source = body.get("source")
    if interpretation == (source is not None):
        raise ParameterError(f"{where}: needs exactly one of `source` and `interpretation = true`")
    try:
        values = tuple(sorted((v["since"], Decimal(str(v["value"]))) for v in body["values"]))
    except (KeyError, TypeError) as exc:
        raise ParameterError(f"{where}: every value needs `since` (a date) and `value` (a number)") from exc
    if not values or not all(isinstance(since, date) for since, _ in values):
        raise ParameterError(f"{where}: `values` needs at least one {{ since = YYYY-MM-DD, value = n }}")
    return Parameter(
        name=name,
        description=str(body.get("description", "")),
        values=values,
        source=Citation(**source) if source else None,
        interpretation=interpretation,
    )


@cache
def parameters() -> dict[str, Parameter]:
    """Every parameter by name, in file order."""
    raw = tomllib.loads((DATA / "parameters.toml").read_text(encoding="utf-8"))
    return {name: _parse(name, body) for name, body in raw.items()}


def check_overrides(overrides: dict[str, object], where: str) -> dict[str, Decimal]:
    """A framework's [parameters] table, validated: known names and numbers only."""
    known = parameters()
    out = {}
    for name, number in overrides.items():
        if name not in known:
            raise ParameterError(f"{where}: unknown parameter {name!r}; see iop_core/data/parameters.toml")
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ParameterError(f"{where}: parameter {name!r} must be a number")
        out[name] = Decimal(str(number))
    return out


def value(name: str, overrides: dict[str, Decimal] | None = None, on: date | None = None) -> Decimal:
    """The number in force: a framework's own override if it has one, else the dated value."""
    if overrides and name in overrides:
        return overrides[name]
    try:
        return parameters()[name].at(on)
    except KeyError:
        raise ParameterError(f"unknown parameter {name!r}; see iop_core/data/parameters.toml") from None
