"""The council's process as data: iop_core/data/process.toml, validated at load like the rules.

Every step and decision is cited (a known source and section, checked against sources.toml);
every framework has steps: its own, those of the framework it names in `same_as`, or, for a
framework process.toml does not name, the national (SKR) steps with `fallback_note`.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from iop_core.data_folder import NATIONAL
from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.rules.catalogue import DATA, CatalogueError, _check_citations, _read, _validate, frameworks, overlay
from iop_core.screening.model import Citation


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Frozen):
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str = Field(min_length=1)
    status: str = Field(min_length=1)
    """What the organisation sees on its link once the step is done."""
    citations: tuple[Citation, ...] = Field(min_length=1)


class Decision(_Frozen):
    id: str
    label: str = Field(min_length=1)
    status: str = Field(min_length=1)
    citations: tuple[Citation, ...] = Field(min_length=1)


class Process(_Frozen):
    framework: str
    note: str
    steps: tuple[Step, ...]
    same_as: str | None = None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


class _RawProcess(_Frozen):
    note: str = Field(min_length=1)
    steps: tuple[Step, ...] = ()
    same_as: str | None = None


@cache
def _load(lang: str = DEFAULT_LANGUAGE) -> tuple[str, dict[str, Decision], dict[str, Process]]:
    """The process in `lang`: Swedish from process.toml, other languages overlaid from
    data/i18n/<lang>.toml ([process_steps."<fw>.<step>"], [process_decisions.<id>],
    [process_frameworks.<fw>], [process] received_status)."""
    raw = _read(DATA / "process.toml")
    if lang != DEFAULT_LANGUAGE:
        raw = _translated(raw, lang)
    received = raw.get("received_status")
    if not isinstance(received, str) or not received:
        raise CatalogueError("process.toml: received_status is missing")
    decisions = {d: _validate(Decision, {"id": d, **body}, f"process.toml [decisions.{d}]")
                 for d, body in raw.get("decisions", {}).items()}
    if not decisions:
        raise CatalogueError("process.toml: no decisions")
    for d in decisions.values():
        _check_citations(d.citations, f"process.toml [decisions.{d.id}]")
    parsed = {fw: _validate(_RawProcess, body, f"process.toml [frameworks.{fw}]")
              for fw, body in raw.get("frameworks", {}).items()}
    unknown = set(parsed) - set(frameworks())
    if unknown or NATIONAL not in parsed:
        raise CatalogueError(f"process.toml: unknown frameworks {sorted(unknown)}, or no [frameworks.{NATIONAL}]")
    fallback = raw.get("fallback_note")
    if not isinstance(fallback, str) or "{name}" not in fallback:
        raise CatalogueError("process.toml: fallback_note (with {name}) is missing")
    for fw, spec in frameworks(lang).items():
        if fw not in parsed:
            parsed[fw] = _RawProcess(note=fallback.format(name=spec.name), same_as=NATIONAL)
    out: dict[str, Process] = {}
    for fw, p in parsed.items():
        if p.same_as:
            base = parsed.get(p.same_as)
            if base is None or base.same_as or p.steps:
                raise CatalogueError(f"process.toml [frameworks.{fw}]: same_as must name a framework with its own steps, and then list none")
            steps = base.steps
        else:
            steps = p.steps
        if not steps:
            raise CatalogueError(f"process.toml [frameworks.{fw}]: no steps")
        ids = [s.id for s in steps]
        if len(set(ids)) != len(ids):
            raise CatalogueError(f"process.toml [frameworks.{fw}]: duplicate step ids")
        for s in steps:
            _check_citations(s.citations, f"process.toml [frameworks.{fw}] step {s.id}")
        out[fw] = Process(framework=fw, note=p.note, steps=steps, same_as=p.same_as)
    return received, decisions, out


def _translated(raw: dict, lang: str) -> dict:
    steps_known = {f"{fw}.{s['id']}" for fw, body in raw.get("frameworks", {}).items() for s in body.get("steps", [])}
    steps_tr = overlay(lang, "process_steps", steps_known)
    decisions_tr = overlay(lang, "process_decisions", raw.get("decisions", {}))
    frameworks_tr = overlay(lang, "process_frameworks", raw.get("frameworks", {}))
    texts = overlay(lang, "process")
    out = {**raw, "received_status": texts.get("received_status", raw.get("received_status")),
           "fallback_note": texts.get("fallback_note", raw.get("fallback_note"))}
    out["decisions"] = {d: {**body, **decisions_tr.get(d, {})} for d, body in raw.get("decisions", {}).items()}
    out["frameworks"] = {
        fw: {**body, **frameworks_tr.get(fw, {}),
             "steps": [{**s, **steps_tr.get(f"{fw}.{s['id']}", {})} for s in body.get("steps", [])]}
        for fw, body in raw.get("frameworks", {}).items()
    }
    for body in out["frameworks"].values():
        if not body["steps"]:
            del body["steps"]
    return out


def process(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> Process:
    procs = _load(lang)[2]
    if framework_id not in procs:
        raise CatalogueError(f"no process for framework {framework_id!r}")
    return procs[framework_id]


def decisions(lang: str = DEFAULT_LANGUAGE) -> dict[str, Decision]:
    return _load(lang)[1]


def received_status(lang: str = DEFAULT_LANGUAGE) -> str:
    return _load(lang)[0]


def status_text(framework_id: str, steps_done: dict[str, object], decision: str | None,
                lang: str = DEFAULT_LANGUAGE) -> str:
    """What the organisation sees: the decision, else the latest step done in process order, else "Mottaget"."""
    if decision:
        return decisions(lang)[decision].status
    done = [s for s in process(framework_id, lang).steps if s.id in steps_done]
    return done[-1].status if done else received_status(lang)


def next_step(framework_id: str, steps_done: dict[str, object], decision: str | None,
              lang: str = DEFAULT_LANGUAGE) -> Step | None:
    """The first step of the process not yet done (None once decided or all done)."""
    if decision:
        return None
    return next((s for s in process(framework_id, lang).steps if s.id not in steps_done), None)
