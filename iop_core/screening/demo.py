"""The shipped demo cases: fictional saved screenings with a short story each (assets/demo_cases).

The stories are in cases.toml (Swedish) and cases.<lang>.toml (translations); the screenings
themselves are Swedish saved files and open in the language the user has chosen (see load_demo),
with their free texts from texts.<lang>.toml (see demo_texts): a trainer walking a demo in English
reads English answers, while whatever a user types stays as typed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iop_core.screening.model import Screening, fact_value, set_fact
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

    With `lang`, the case opens in that language (the user's choice survives opening an example),
    its free texts too.
    """
    s = load_screening(_demo_json(case_id))
    if lang is not None:
        switch_demo_texts(s, "sv", lang)
        s.language = lang
    return s


@cache
def _texts_file(lang: str) -> dict:
    path = DEMO_DIR / f"texts.{lang}.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    unknown = set(raw) - {c.id for c in demo_cases()}
    if unknown:
        raise KeyError(f"{path.name}: unknown demo cases {sorted(unknown)}; see cases.toml")
    return raw


def demo_texts(case_id: str, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """A demo case's free texts in `lang`: (dotted model path -> text, Swedish row note -> note).
    Swedish is the JSON file itself; a language without a texts file has none."""
    if lang == "sv":
        s = load_screening(_demo_json(case_id))
        paths = _texts_file("en").get(case_id, {})
        return ({p: fact_value(s, p) for p in paths if p != "notes"},
                {line.note: line.note for line in s.budget.lines if line.note})
    body = dict(_texts_file(lang).get(case_id, {}))
    return {p: v for p, v in body.items() if p != "notes"}, dict(body.get("notes", {}))


def switch_demo_texts(s: Screening, old: str, new: str) -> None:
    """Put a demo case's free texts into language `new`: only where a text is still the demo's own
    in language `old` (a text the user changed stays exactly as typed). Not a demo: nothing."""
    if not s.demo_case or old == new or s.demo_case not in {c.id for c in demo_cases()}:
        return
    (was, was_notes), (now, now_notes) = demo_texts(s.demo_case, old), demo_texts(s.demo_case, new)
    for path, text in now.items():
        if path in was and fact_value(s, path) == was[path]:
            set_fact(s, path, text)
    swap = {was_notes.get(sv, sv): now_notes.get(sv, sv) for sv in demo_texts(s.demo_case, "sv")[1]}
    s.budget.lines = [ln.model_copy(update={"note": swap[ln.note]}) if ln.note in swap else ln
                      for ln in s.budget.lines]
