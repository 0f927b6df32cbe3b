"""The shipped demo cases: fictional saved screenings with a short story each (assets/demo_cases)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iop_core.model import Screening
from iop_core.persistence import load_screening

DEMO_DIR = Path(__file__).resolve().parents[1] / "assets" / "demo_cases"


@dataclass(frozen=True)
class DemoCase:
    id: str
    title: str
    story: str
    teaches: str


@cache
def demo_cases() -> tuple[DemoCase, ...]:
    raw = tomllib.loads((DEMO_DIR / "cases.toml").read_text(encoding="utf-8"))
    return tuple(DemoCase(id=cid, **body) for cid, body in raw.items())


@cache
def _demo_json(case_id: str) -> str:
    if case_id not in {c.id for c in demo_cases()}:
        raise KeyError(f"unknown demo case {case_id!r}; see assets/demo_cases/cases.toml")
    return (DEMO_DIR / f"{case_id}.json").read_text(encoding="utf-8")


def load_demo(case_id: str) -> Screening:
    """A fresh copy of a demo case (the cached text is shared, the model never is)."""
    return load_screening(_demo_json(case_id))
