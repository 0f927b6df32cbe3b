"""Conditions on facts, as rules, routes and follow-up questions write them in the data files:
`{ fact = "<path>", eq|ne|in|lt|lte|gt|gte = value }`, `{ all = [...] }`, `{ any = [...] }`.
A comparison may name a parameter (data/parameters.toml), resolved under the framework when the
condition is evaluated (iop_core.rules.assessment.holds). Nothing here evaluates a screening."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iop_core.rules import parameters as params


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leaf(_Frozen):
    """One comparison of a fact. lt/lte/gt/gte take a number or the name of a parameter
    (data/parameters.toml), resolved under the framework when the rule is evaluated."""

    fact: str
    eq: Any = None
    ne: Any = None
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    lt: float | str | None = None
    lte: float | str | None = None
    gt: float | str | None = None
    gte: float | str | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        ops = [op for op in ("eq", "ne", "in_", "lt", "lte", "gt", "gte") if getattr(self, op) is not None]
        if len(ops) != 1:
            raise ValueError(f"condition on {self.fact!r} needs exactly one operator, got {ops}")
        for op in ("lt", "lte", "gt", "gte"):
            target = getattr(self, op)
            if isinstance(target, str) and target not in params.parameters():
                raise ValueError(f"condition on {self.fact!r}: unknown parameter {target!r}")
        return self

    @property
    def op(self) -> tuple[str, Any]:
        for op in ("eq", "ne", "in_", "lt", "lte", "gt", "gte"):
            value = getattr(self, op)
            if value is not None:
                return op.rstrip("_"), value
        raise AssertionError("unreachable")


class All(_Frozen):
    all: tuple[Condition, ...]


class Any_(_Frozen):
    any: tuple[Condition, ...]


Condition = Annotated[All | Any_ | Leaf, Field(union_mode="left_to_right")]
All.model_rebuild()
Any_.model_rebuild()


def facts_of(cond: Any) -> list[str]:
    """The fact paths a condition reads, in order (None reads none)."""
    if cond is None:
        return []
    if isinstance(cond, Leaf):
        return [cond.fact]
    return [f for sub in getattr(cond, "all", None) or getattr(cond, "any", ()) for f in facts_of(sub)]
