"""Load and validate the data files: sources, questions, rules and frameworks (overlays).

A typo, an unknown source or a citation to a section that does not exist fails at load time
with a message that says which file and rule to fix. Nothing here evaluates a screening.

Languages: Swedish is the model, written in the data files themselves. Another language is a
translation overlay, data/i18n/<lang>.toml, whose texts are merged over the Swedish model
(titles, explanations, labels...; never conditions, severities or citations). Every loader
takes `lang` ("sv" by default) and caches per language. tests/core/test_translation.py keeps
the languages in step. The sentences code composes around these texts are iop_core.i18n's.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from iop_core.data_folder import DATA
from iop_core.format import format_number, format_sek
from iop_core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, t
from iop_core.rules import allowed_words, themes
from iop_core.rules import parameters as params
from iop_core.rules.conditions import Condition, facts_of
from iop_core.rules.errors import CatalogueError
from iop_core.screening.model import Citation, Direction, FrameworkId, Severity, Step


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
    reads: tuple[str, ...] = ()
    """With `check`: the facts the check reads (asked on the page; missing when unanswered)."""
    enabled: bool = True
    shared_with_grant: bool = False
    """An IOP signal that fits a grant just as well: it counts against procurement only."""
    stops: Literal["partner", "process", "any_support"] = "partner"
    """What a blocker stops (assessment.classify): "partner", the organisation cannot be an IOP
    partner (not idéburen, Mora's statutes); "process", a step of the public side's process is not
    done (VGR's mandate, Mora's declaration), which does not hide that a grant or a procurement
    fits the facts; "any_support", no public money at all (no local benefit, KL 2 kap. 1 §)."""
    step: Step
    group: str
    """Where its findings are shown: its theme's step and summary group (data/themes.toml; set at load)."""

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if (self.when is None) == (self.check is None):
            raise ValueError(f"rule {self.id!r} needs exactly one of `when` and `check`")
        if self.reads and self.check is None:
            raise ValueError(f"rule {self.id!r}: `reads` belongs to a `check` rule")
        if (self.direction == "blocker") != (self.severity == "blocker"):
            raise ValueError(
                f"rule {self.id!r}: direction {self.direction!r} and severity {self.severity!r} disagree; "
                "a blocker is a blocker in both or in neither"
            )
        if self.direction == "iop" and self.severity != "info":
            raise ValueError(f"rule {self.id!r}: an IOP signal has severity 'info', not {self.severity!r}")
        if self.direction in ("grant", "procurement") and self.severity not in ("warning", "high"):
            raise ValueError(
                f"rule {self.id!r}: a sign of {self.direction} is a warning or a high risk, not {self.severity!r}; "
                "information that points nowhere has direction 'neutral'"
            )
        if self.stops != "partner" and self.severity != "blocker":
            raise ValueError(f"rule {self.id!r}: only a blocker has `stops`")
        if self.shared_with_grant and self.direction != "iop":
            raise ValueError(f"rule {self.id!r}: only an IOP signal can be shared_with_grant")
        return self

    def facts(self) -> tuple[str, ...]:
        """The fact paths the rule's condition reads, in order."""
        return tuple(dict.fromkeys([*facts_of(self.when), *self.reads]))


class Question(_Frozen):
    id: str
    group: str
    kind: Literal["choice", "bool", "number"]
    label: str
    help: str
    choices: dict[str, str] = Field(default_factory=dict)
    unit: str = ""
    money: bool = False
    """For a number: an amount in kronor, written as money ("250 000 kr", "SEK 250,000") before `unit`."""
    maximum: float | None = None
    """For a number: the largest answer accepted (the page's limit)."""
    key: bool = False
    triage: bool = False
    context: bool = False
    """Asked under every framework although no rule reads it (e.g. the agreement's total value)."""
    ask_if: Condition | None = None
    """A follow-up: asked only while this condition on other answers holds (iop_core.rules.assessment.is_asked)."""
    citations: tuple[Citation, ...] = Field(min_length=1)
    lang: Language = DEFAULT_LANGUAGE
    """The language of label, help, choices and unit (set by questions(lang), not in the data)."""

    def answer_label(self, value: Any) -> str:
        """An answer as text in the question's language: "Ja"/"Yes", a choice's label, "5 år"."""
        if value is None:
            return t("answer.unanswered", self.lang)
        if self.kind == "bool":
            return t("answer.yes" if value else "answer.no", self.lang)
        if self.kind == "choice":
            return self.choices.get(value, str(value))
        if self.money:
            return f"{format_sek(value, self.lang)} {self.unit}".strip()
        unit = self.unit
        if self.lang != "sv" and value == 1 and unit.endswith("s"):
            unit = unit[:-1]  # English: "1 year", "1 member"
        return f"{format_number(value, self.lang, trim=True)} {unit}".strip()


class DocumentSpec(_Frozen):
    id: str
    label: str
    help: str = ""
    citations: tuple[Citation, ...] = Field(min_length=1)


class Criteria(_Frozen):
    """A criteria list for step 3 (grant or partnership). Each entry is a theme of rules.toml:
    `must` entries must all hold ("Stämmer alla dessa påståenden", Mora); `weighed` entries are
    weighed together (SKR 1.1). `rule` names the list's own semantics. A framework's list
    tightens the national one (iop_core.rules.legal_test.criteria_list)."""

    rule: Literal["all", "weighed"]
    source: Citation
    quote: str
    must: tuple[str, ...] = ()
    weighed: tuple[str, ...] = ()

    def themes(self) -> tuple[str, ...]:
        return (*self.must, *self.weighed)


class Framework(_Frozen):
    """A framework as resolved: the baseline rules with this framework's overrides applied."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    short: str
    document: str
    order: int
    description: str
    rules: tuple[Rule, ...]
    documents: tuple[DocumentSpec, ...] = ()
    parameters: dict[str, Decimal] = Field(default_factory=dict)
    """This framework's own values of parameters (data/parameters.toml), if any."""
    criteria: Criteria | None = None
    """Its own criteria list for step 3 of the legal test; None: the national one (SKR 1.1)."""
    wording: allowed_words.Wording = allowed_words.Wording()
    """The phrases the word check allows: national (data/wording.toml) and the framework's own ([wording])."""
    lang: Language = DEFAULT_LANGUAGE
    """The language of all texts in this framework, its rules and documents."""
    on: date | None = None
    """The date its dated parameters are read at (`at()`); None: today."""

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def parameter(self, name: str) -> Decimal:
        """A parameter's value under this framework on its date (its own override, else the dated value)."""
        return params.value(name, self.parameters, self.on)

    def at(self, on: date | None) -> Framework:
        """The same framework with its parameters read at `on` (None: today)."""
        return self if on == self.on else self.model_copy(update={"on": on})


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


# --- Translation overlays ----------------------------------------------------------------------

_OVERLAY_FIELDS: dict[str, set[str]] = {
    "rules": {"title", "explanation", "next_step"},
    "questions": {"label", "help", "choices", "unit"},
    "documents": {"label", "help"},
    "document_notes": {"note"},
    "frameworks": {"name", "description", "rules"},
    "sources": {"short", "title"},
    "what_if": {"label", "claim"},
    "routes": {"title", "text"},
    "process_steps": {"title", "status"},
    "process_decisions": {"label", "status"},
    "process_frameworks": {"note"},
}
_OVERLAY_TABLES = {*_OVERLAY_FIELDS, "legal_test", "process", "value_declaration", "budget", "glossary", "outlines"}


@cache
def translation(lang: str) -> dict[str, Any]:
    """data/i18n/<lang>.toml as read ({} for Swedish: the model is Swedish)."""
    if lang not in LANGUAGES:
        raise CatalogueError(f"Okänt språk {lang!r}. Välj ett av: {', '.join(LANGUAGES)}.")
    path = DATA / "i18n" / f"{lang}.toml"
    raw = _read(path) if path.exists() else {}
    unknown = set(raw) - _OVERLAY_TABLES
    if unknown:
        raise CatalogueError(f"i18n/{lang}.toml: unknown tables {sorted(unknown)}")
    for table, allowed in _OVERLAY_FIELDS.items():
        for entry_id, fields in raw.get(table, {}).items():
            bad = set(fields) - allowed
            if bad:
                raise CatalogueError(f"i18n/{lang}.toml [{table}.{entry_id!r}]: unknown fields {sorted(bad)}")
    return raw


def overlay(lang: str, table: str, known: Any = None) -> dict[str, Any]:
    """One table of the translation for `lang` ({} for Swedish), e.g. overlay("en", "document_notes")
    -> {"mora": {"note": "..."}}. With `known`, ids not in it fail (a stale translation)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    entries = translation(lang).get(table, {})
    unknown = [i for i in entries if known is not None and i not in known]
    if unknown:
        raise CatalogueError(f"i18n/{lang}.toml [{table}]: unknown ids {unknown}")
    return entries


def glossary(lang: str) -> dict[str, str]:
    """Swedish term -> gloss in `lang` (the word check's terms); empty for Swedish."""
    return {} if lang == DEFAULT_LANGUAGE else dict(translation(lang).get("glossary", {}))


# --- Sources ------------------------------------------------------------------------------------

@cache
def sources(lang: str = DEFAULT_LANGUAGE) -> dict[str, Source]:
    raw = _read(DATA / "sources.toml")
    tr = overlay(lang, "sources", raw)
    return {
        sid: _validate(Source, {"id": sid, **body, **tr.get(sid, {})}, f"sources.toml [{sid}]")
        for sid, body in raw.items()
    }


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
def questions(lang: str = DEFAULT_LANGUAGE) -> dict[str, Question]:
    """All fact questions by id, in page order, with texts in `lang`."""
    if lang != DEFAULT_LANGUAGE:
        return _translate_questions(questions(), lang)
    raw = _read(DATA / "questions.toml")
    out: dict[str, Question] = {}
    for body in raw.get("question", []):
        q = _validate(Question, body, f"questions.toml [{body.get('id')}]")
        if q.id in out:
            raise CatalogueError(f"questions.toml: duplicate question {q.id!r}")
        _check_citations(q.citations, f"questions.toml question {q.id!r}")
        out[q.id] = q
    for q in out.values():
        if q.ask_if is not None and (unknown := [f for f in facts_of(q.ask_if) if f not in out]):
            raise CatalogueError(f"questions.toml question {q.id!r}: ask_if names unknown facts {unknown}")
    return out


def _translate_questions(model: dict[str, Question], lang: str) -> dict[str, Question]:
    tr = overlay(lang, "questions", model)
    out = {}
    for qid, q in model.items():
        fields = dict(tr.get(qid, {}))
        choices = fields.pop("choices", {})
        unknown = set(choices) - set(q.choices)
        if unknown:
            raise CatalogueError(f"i18n/{lang}.toml [questions.{qid!r}]: unknown choices {sorted(unknown)}")
        fields["choices"] = {value: choices.get(value, label) for value, label in q.choices.items()}
        out[qid] = _validate(Question, {**q.model_dump(by_alias=True, exclude_none=True), **fields, "lang": lang}, f"i18n/{lang}.toml [questions.{qid!r}]")
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
def document_specs(lang: str = DEFAULT_LANGUAGE) -> dict[str, DocumentSpec]:
    """Partner documents by id, texts in `lang`."""
    path = DATA / "documents.toml"
    raw = _read(path) if path.exists() else {}
    bodies = {body.get("id"): body for body in raw.get("document", [])}
    tr = overlay(lang, "documents", bodies)
    out = {}
    for did, body in bodies.items():
        d = _validate(DocumentSpec, {**body, **tr.get(did, {})}, f"documents.toml [{did}]")
        _check_citations(d.citations, f"documents.toml document {d.id!r}")
        out[d.id] = d
    return out


_OVERRIDABLE = {
    "direction", "severity", "title", "explanation", "next_step", "citations", "when", "enabled", "theme",
    "shared_with_grant", "stops",
}


def _load_framework(path: Path, lang: str = DEFAULT_LANGUAGE) -> Framework:
    raw = _read(path)
    overrides: dict[str, dict[str, Any]] = raw.pop("overrides", {})
    required_docs: list[str] = raw.pop("documents", [])
    own_criteria = raw.pop("criteria", None)
    try:
        own_parameters = params.check_overrides(raw.pop("parameters", {}), path.name)
        wording = allowed_words.load(raw.pop("wording", {}), path.name, DATA, _check_citations)
    except (params.ParameterError, allowed_words.WordingError) as exc:
        raise CatalogueError(str(exc)) from None
    base = {r["id"]: r for r in base_rules()}
    for rule_id, fields in overrides.items():
        if rule_id not in base:
            raise CatalogueError(f"{path.name}: overrides unknown rule {rule_id!r}; see iop_core/data/rules.toml")
        unknown = set(fields) - _OVERRIDABLE
        if unknown:
            raise CatalogueError(f"{path.name}: rule {rule_id!r} cannot override {sorted(unknown)}")
    # Translation: the baseline rule's texts, then the framework's own (override) texts.
    rule_tr = overlay(lang, "rules", base)
    fw_tr = dict(overlay(lang, "frameworks").get(path.stem, {}))
    fw_rule_tr: dict[str, dict[str, Any]] = fw_tr.pop("rules", {})
    for rule_id, fields in fw_rule_tr.items():
        if rule_id not in base or set(fields) - _OVERLAY_FIELDS["rules"]:
            raise CatalogueError(f"i18n/{lang}.toml [frameworks.{path.stem}.rules.{rule_id!r}]: unknown rule or field")
    raw.update(fw_tr)
    rules = []
    for rule_id, body in base.items():
        merged = {**body, **rule_tr.get(rule_id, {}), **overrides.get(rule_id, {}), **fw_rule_tr.get(rule_id, {})}
        if "when" in overrides.get(rule_id, {}):
            merged.pop("check", None)
        where = f"{path.name if 'theme' in overrides.get(rule_id, {}) else 'rules.toml'} rule {rule_id!r}"
        try:  # its group and step, from its theme (a missing theme is reported by _validate)
            merged.update(vars(themes.place(merged["theme"], DATA, where)) if "theme" in merged else {})
        except themes.ThemeError as exc:
            raise CatalogueError(str(exc)) from None
        rule = _validate(Rule, merged, f"{path.name} rule {rule_id!r}")
        _check_citations(rule.citations, f"{path.name} rule {rule_id!r}")
        for fact in rule.facts():
            if fact not in questions():
                raise CatalogueError(f"{path.name} rule {rule_id!r}: unknown fact {fact!r}; add it to questions.toml")
        if rule.enabled:
            rules.append(rule)
    specs = document_specs(lang)
    missing = [d for d in required_docs if d not in specs]
    if missing:
        raise CatalogueError(f"{path.name}: unknown documents {missing}; add them to iop_core/data/documents.toml")
    fw = {**raw, "rules": tuple(rules), "documents": tuple(specs[d] for d in required_docs),
          "parameters": own_parameters, "wording": wording, "lang": lang, "criteria": own_criteria}
    framework = _validate(Framework, fw, path.name)
    if framework.criteria is not None:
        check_criteria(framework.criteria, f"{path.name} [criteria]")
    if framework.id != path.stem:
        raise CatalogueError(f"{path.name}: id {framework.id!r} must match the file name")
    return framework


@cache
def frameworks(lang: str = DEFAULT_LANGUAGE) -> dict[str, Framework]:
    """All frameworks, in display order (each file's `order`, then id), texts in `lang`. Add a
    municipality by adding one file to data/frameworks/ (docs/adding-a-framework.md). They are the
    ones a screening may name (model.FrameworkId, read at start)."""
    paths = sorted((DATA / "frameworks").glob("*.toml"))
    overlay(lang, "frameworks", {p.stem for p in paths})
    loaded = [_load_framework(p, lang) for p in paths]
    if {f.id for f in loaded} != set(get_args(FrameworkId)):
        raise CatalogueError(
            f"{DATA / 'frameworks'}: the framework files changed since the app started; restart it"
        )
    return {f.id: f for f in sorted(loaded, key=lambda f: (f.order, f.id))}


def framework(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> Framework:
    try:
        return frameworks(lang)[framework_id]
    except KeyError:
        known = ", ".join(frameworks())
        raise CatalogueError(f"Okänt ramverk {framework_id!r}. Välj ett av: {known}.") from None


def questions_for(framework_id: str, lang: str = DEFAULT_LANGUAGE) -> list[Question]:
    """The questions a framework asks: those its enabled rules read, in questions.toml order."""
    used = {fact for rule in framework(framework_id, lang).rules for fact in rule.facts()}
    return [q for q in questions(lang).values() if q.id in used or q.context]


def rules_for_fact(framework_id: str, fact: str, lang: str = DEFAULT_LANGUAGE) -> list[Rule]:
    """The framework's rules that read `fact`, in the framework's order."""
    return list(_rules_by_fact(framework(framework_id, lang)).get(fact, ()))


_FACT_INDEX: dict[int, tuple[Framework, dict[str, tuple[Rule, ...]]]] = {}


def _rules_by_fact(fw: Framework) -> dict[str, tuple[Rule, ...]]:
    """fact -> the rules of `fw` that read it, built once per loaded framework (a page asks for
    every question it draws, on every rerun; a reloaded catalogue has new Framework objects)."""
    entry = _FACT_INDEX.get(id(fw))
    if entry is None or entry[0] is not fw:
        index: dict[str, list[Rule]] = {}
        for rule in fw.rules:
            for fact in rule.facts():
                index.setdefault(fact, []).append(rule)
        entry = _FACT_INDEX[id(fw)] = (fw, {fact: tuple(rules) for fact, rules in index.items()})
    return entry[1]


def check_criteria(criteria: Criteria, where: str) -> None:
    """Every entry is a theme that rules.toml uses, listed once."""
    themes = {r["theme"] for r in base_rules()}
    listed = criteria.themes()
    if unknown := sorted(set(listed) - themes):
        raise CatalogueError(f"{where}: unknown themes {unknown}; see iop_core/data/themes.toml")
    if len(set(listed)) != len(listed):
        raise CatalogueError(f"{where}: a theme is listed twice")
