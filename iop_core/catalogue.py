"""Load and validate the data files: sources, questions, rules and frameworks (overlays).

A typo, an unknown source or a citation to a section that does not exist fails at load time
with a message that says which file and rule to fix. Nothing here evaluates a screening.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from iop_core.model import Citation, Direction, Severity

DATA = Path(__file__).parent / "data"


class CatalogueError(ValueError):
    """A data file is invalid. The message names the file and the entry."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Frozen):
    id: str
    short: str
    title: str
    sections: tuple[str, ...] = ()
    any_section: bool = False

    def knows(self, section: str) -> bool:
        return self.any_section or any(
            section == s or section.startswith(s + " ") for s in self.sections
        )


Op = Literal["eq", "ne", "in", "lt", "lte", "gt", "gte"]


class Leaf(_Frozen):
    fact: str
    eq: Any = None
    ne: Any = None
    in_: tuple[Any, ...] | None = Field(default=None, alias="in")
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        ops = [op for op in ("eq", "ne", "in_", "lt", "lte", "gt", "gte") if getattr(self, op) is not None]
        if len(ops) != 1:
            raise ValueError(f"condition on {self.fact!r} needs exactly one operator, got {ops}")
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


Condition = Annotated[Union[All, Any_, Leaf], Field(union_mode="left_to_right")]
All.model_rebuild()
Any_.model_rebuild()


class Rule(_Frozen):
    """One indicator: a condition on facts (or a named Python check) and the finding it gives."""

    id: str
    theme: str
    direction: Direction
    severity: Severity
    title: str
    explanation: str
    next_step: str
    citations: tuple[Citation, ...] = Field(min_length=1)
    when: Condition | None = None
    check: str | None = None
    enabled: bool = True

    @model_validator(mode="after")
    def _when_or_check(self) -> Rule:
        if (self.when is None) == (self.check is None):
            raise ValueError(f"rule {self.id!r} needs exactly one of `when` and `check`")
        return self

    def facts(self) -> tuple[str, ...]:
        """The fact paths the rule's condition reads, in order."""
        out: list[str] = []

        def walk(c: Any) -> None:
            if isinstance(c, Leaf):
                out.append(c.fact)
            else:
                for sub in getattr(c, "all", None) or getattr(c, "any", ()):
                    walk(sub)

        if self.when is not None:
            walk(self.when)
        return tuple(dict.fromkeys(out))


class Question(_Frozen):
    id: str
    group: str
    kind: Literal["choice", "bool", "number"]
    label: str
    help: str
    choices: dict[str, str] = Field(default_factory=dict)
    unit: str = ""
    key: bool = False
    triage: bool = False
    citations: tuple[Citation, ...] = Field(min_length=1)

    def answer_label(self, value: Any) -> str:
        if value is None:
            return "Inte besvarad"
        if self.kind == "bool":
            return "Ja" if value else "Nej"
        if self.kind == "choice":
            return self.choices.get(value, str(value))
        number = f"{value:g}".replace(".", ",")
        return f"{number} {self.unit}".strip()


class DocumentSpec(_Frozen):
    id: str
    label: str
    help: str = ""
    citations: tuple[Citation, ...] = Field(min_length=1)


class Framework(_Frozen):
    """A framework as resolved: the baseline rules with this framework's overrides applied."""

    id: str
    name: str
    short: str
    document: str
    order: int
    description: str
    rules: tuple[Rule, ...]
    documents: tuple[DocumentSpec, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path.name}: invalid TOML: {exc}") from exc


def _validate(model: type[BaseModel], data: dict[str, Any], where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{where}: {exc}") from exc


@cache
def sources() -> dict[str, Source]:
    raw = _read(DATA / "sources.toml")
    return {sid: _validate(Source, {"id": sid, **body}, f"sources.toml [{sid}]") for sid, body in raw.items()}


def source_title(source_id: str) -> str:
    """Short name of a source for display ("SKR", "Mora", "KL")."""
    src = sources().get(source_id)
    return src.short if src else source_id


def _check_citations(citations: tuple[Citation, ...], where: str) -> None:
    known = sources()
    for c in citations:
        src = known.get(c.document)
        if src is None:
            raise CatalogueError(f"{where}: cites unknown source {c.document!r}; add it to iop_core/data/sources.toml")
        if not src.knows(c.section):
            raise CatalogueError(
                f"{where}: section {c.section!r} is not a known section of {c.document!r}; "
                f"check the seed and iop_core/data/sources.toml"
            )


@cache
def questions() -> dict[str, Question]:
    raw = _read(DATA / "questions.toml")
    out: dict[str, Question] = {}
    for body in raw.get("question", []):
        q = _validate(Question, body, f"questions.toml [{body.get('id')}]")
        if q.id in out:
            raise CatalogueError(f"questions.toml: duplicate question {q.id!r}")
        _check_citations(q.citations, f"questions.toml question {q.id!r}")
        out[q.id] = q
    return out


@cache
def base_rules() -> tuple[dict[str, Any], ...]:
    """The baseline rules as raw dicts (overlays merge into these before validation)."""
    raw = _read(DATA / "rules.toml")
    seen: set[str] = set()
    for body in raw.get("rule", []):
        if body.get("id") in seen:
            raise CatalogueError(f"rules.toml: duplicate rule {body.get('id')!r}")
        seen.add(body.get("id"))
    return tuple(raw.get("rule", []))


@cache
def document_specs() -> dict[str, DocumentSpec]:
    path = DATA / "documents.toml"
    raw = _read(path) if path.exists() else {}
    out = {}
    for body in raw.get("document", []):
        d = _validate(DocumentSpec, body, f"documents.toml [{body.get('id')}]")
        _check_citations(d.citations, f"documents.toml document {d.id!r}")
        out[d.id] = d
    return out


_OVERRIDABLE = {"direction", "severity", "title", "explanation", "next_step", "citations", "when", "enabled", "theme"}


def _load_framework(path: Path) -> Framework:
    raw = _read(path)
    overrides: dict[str, dict[str, Any]] = raw.pop("overrides", {})
    required_docs: list[str] = raw.pop("documents", [])
    base = {r["id"]: r for r in base_rules()}
    for rule_id, fields in overrides.items():
        if rule_id not in base:
            raise CatalogueError(f"{path.name}: overrides unknown rule {rule_id!r}; see iop_core/data/rules.toml")
        unknown = set(fields) - _OVERRIDABLE
        if unknown:
            raise CatalogueError(f"{path.name}: rule {rule_id!r} cannot override {sorted(unknown)}")
    rules = []
    for rule_id, body in base.items():
        merged = {**body, **overrides.get(rule_id, {})}
        if "when" in overrides.get(rule_id, {}):
            merged.pop("check", None)
        rule = _validate(Rule, merged, f"{path.name} rule {rule_id!r}")
        _check_citations(rule.citations, f"{path.name} rule {rule_id!r}")
        for fact in rule.facts():
            if fact not in questions():
                raise CatalogueError(f"{path.name} rule {rule_id!r}: unknown fact {fact!r}; add it to questions.toml")
        if rule.enabled:
            rules.append(rule)
    specs = document_specs()
    missing = [d for d in required_docs if d not in specs]
    if missing:
        raise CatalogueError(f"{path.name}: unknown documents {missing}; add them to iop_core/data/documents.toml")
    fw = {**raw, "rules": tuple(rules), "documents": tuple(specs[d] for d in required_docs)}
    framework = _validate(Framework, fw, path.name)
    if framework.id != path.stem:
        raise CatalogueError(f"{path.name}: id {framework.id!r} must match the file name")
    return framework


@cache
def frameworks() -> dict[str, Framework]:
    """All frameworks, in display order. Add a municipality by adding one file to data/frameworks/."""
    loaded = [_load_framework(p) for p in sorted((DATA / "frameworks").glob("*.toml"))]
    return {f.id: f for f in sorted(loaded, key=lambda f: (f.order, f.id))}


def framework(framework_id: str) -> Framework:
    try:
        return frameworks()[framework_id]
    except KeyError:
        known = ", ".join(frameworks())
        raise CatalogueError(f"Okänt ramverk {framework_id!r}. Välj ett av: {known}.") from None


def questions_for(framework_id: str) -> list[Question]:
    """The questions a framework asks: those its enabled rules read, in questions.toml order."""
    used = {fact for rule in framework(framework_id).rules for fact in rule.facts()}
    return [q for q in questions().values() if q.id in used]


def rules_for_fact(framework_id: str, fact: str) -> list[Rule]:
    return [r for r in framework(framework_id).rules if fact in r.facts()]
