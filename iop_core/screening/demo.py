"""The shipped demo cases: fictional saved screenings with a short story each (assets/demo_cases).

The stories are in cases.toml (Swedish) and cases.<lang>.toml (translations); the screenings
themselves are Swedish saved files and open in the language the user has chosen (see load_demo).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iop_core.screening.model import Screening
from iop_core.screening.persistence import load_screening

DEMO_DIR = Path(__file__).resolve().parents[2] / "assets" / "demo_cases"


@dataclass(frozen=True)
class DemoCase:
    id: str
    title: str
    story: str
    teaches: str


@cache
def demo_cases(lang: str = "sv") -> tuple[DemoCase, ...]:
    """The demo cases in cases.toml order, with title, story and teaches in `lang`.

    Swedish is cases.toml itself; another language is cases.<lang>.toml with the same ids and
    fields (a missing file or entry falls back to Swedish; an unknown id fails).
    """
    raw = tomllib.loads((DEMO_DIR / "cases.toml").read_text(encoding="utf-8"))
    path = DEMO_DIR / f"cases.{lang}.toml"
    texts = tomllib.loads(path.read_text(encoding="utf-8")) if lang != "sv" and path.exists() else {}
    unknown = set(texts) - set(raw)
    if unknown:
        raise KeyError(f"{path.name}: unknown demo cases {sorted(unknown)}; see cases.toml")
    return tuple(DemoCase(id=cid, **{**body, **texts.get(cid, {})}) for cid, body in raw.items())


@cache
def _demo_json(case_id: str) -> str:
    if case_id not in {c.id for c in demo_cases()}:
        raise KeyError(f"unknown demo case {case_id!r}; see assets/demo_cases/cases.toml")
    return (DEMO_DIR / f"{case_id}.json").read_text(encoding="utf-8")


def load_demo(case_id: str, lang: str | None = None) -> Screening:
    """A fresh copy of a demo case (the cached text is shared, the model never is).

    With `lang`, the case opens in that language (the user's choice survives opening an example).
    """
    s = load_screening(_demo_json(case_id))
    if lang is not None:
        s.language = lang
    return s
