"""The legal test as data: data/legal_test.toml, validated and frozen (one object per language).

The steps a lawyer walks, in order, each naming the rules (rules.toml) it reads and the facts it
needs; and the national criteria list (a catalogue.Criteria) that a framework may replace with
its own ([criteria] in data/frameworks/<id>.toml). iop_core.rules.legal_test walks it. Nothing
here evaluates a screening.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iop_core.data_folder import DATA
from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import Criteria, base_rules, check_criteria, overlay
from iop_core.rules.errors import CatalogueError
from iop_core.screening.model import Citation


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepText(_Frozen):
    title: str
    text: str
    change: str
    citations: tuple[Citation, ...] = Field(min_length=1)


class Eligible(StepText):
    needs: tuple[str, ...]


class EconomicElement(StepText):
    price: tuple[str, ...]
    service: tuple[str, ...]
    compensation: tuple[str, ...]
    binding: tuple[str, ...]
    market: tuple[str, ...]
    statutory: tuple[str, ...]
    signs: tuple[str, ...] = ()
    needs: tuple[str, ...]
    market_needs: tuple[str, ...]

    def rule_ids(self) -> set[str]:
        return {*self.price, *self.service, *self.compensation, *self.binding, *self.market, *self.statutory, *self.signs}


class StateAid(StepText):
    rules: tuple[str, ...]
    notes: tuple[str, ...] = ()


class LegalTest(_Frozen):
    eligible: Eligible
    economic_element: EconomicElement
    criteria: StepText
    state_aid: StateAid
    process: StepText
    national: Criteria
    """The national criteria (SKR 1.1), for a framework without its own list."""

    def step(self, step_id: str) -> StepText:
        return getattr(self, step_id)


_TRANSLATABLE = {"title", "text", "change"}


@cache
def legal_test(lang: str = DEFAULT_LANGUAGE) -> LegalTest:
    """The legal test with its texts in `lang` (data/i18n/<lang>.toml [legal_test.<step>])."""
    raw = tomllib.loads((DATA / "legal_test.toml").read_text(encoding="utf-8"))
    steps: dict[str, Any] = raw.get("step", {})
    for step_id, fields in overlay(lang, "legal_test", steps).items():
        if set(fields) - _TRANSLATABLE:
            raise CatalogueError(f"i18n/{lang}.toml [legal_test.{step_id}]: only {sorted(_TRANSLATABLE)} can be translated")
        steps = {**steps, step_id: {**steps[step_id], **fields}}
    try:
        test = LegalTest.model_validate({**steps, "national": raw.get("criteria")})
    except ValidationError as exc:
        raise CatalogueError(f"legal_test.toml: {exc}") from None
    known = {r["id"] for r in base_rules()}
    named = test.economic_element.rule_ids() | {*test.state_aid.rules, *test.state_aid.notes}
    if unknown := sorted(named - known):
        raise CatalogueError(f"legal_test.toml names unknown rules {unknown}; see iop_core/data/rules.toml")
    check_criteria(test.national, "legal_test.toml [criteria]")
    return test
