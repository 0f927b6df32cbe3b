"""A framework's rule set as rule text a lawyer can review, in the framework's language.

`rulebook(fw)` lays the rules out along the legal test (data/legal_test.toml), in order: step 1
(can public money go here?), step 2 (does the public side buy a service? by the roles of the
economic element), step 3 (grant or partnership? the framework's effective criteria list, each
criterion with its rules), then beside the main line state aid and the public side's process,
what is shown but decides nothing, and the parameters. Each rule is a sentence with the question
and answer texts (iop_core.rules.rule_sentences); what the framework changes from the national
test (the SKR framework: rules.toml and legal_test.toml as written) is marked "[Ändrat i …]",
"[Tillagt i …]", "[Avstängt i …]", "[Skärpt i …]".

`render(fw)` is the same as plain text: tests/golden/<framework>.txt holds it, so a change to any
rule, criterion or parameter shows as a readable diff in review (`UPDATE_GOLDEN=1 python -m
pytest tests/core/test_golden.py` rewrites them after a deliberate change). The trainer page shows
it and iop_core.report.rulebook_pdf prints it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from iop_core.i18n import t
from iop_core.rules import rule_sentences as say
from iop_core.rules.catalogue import (
    Framework,
    Rule,
    base_rules,
    frameworks,
    questions,
    sources,
)
from iop_core.rules.citations import cite, cite_all
from iop_core.rules.legal_test import criteria_list
from iop_core.rules.parameters import parameters
from iop_core.rules.steps import LegalTest, legal_test

NATIONAL = "skr"
"""The framework that is the national test: rules.toml and legal_test.toml as written."""

ROLES = {
    "price": "rulebook.role_price", "service": "rulebook.role_service", "compensation": "rulebook.role_compensation",
    "binding": "rulebook.role_binding", "market": "rulebook.role_market", "statutory": "rulebook.role_statutory",
    "signs": "rulebook.role_signs",
}
"""The roles of step 2 in the order the text shows them (fields of steps.EconomicElement)."""


@dataclass(frozen=True)
class Item:
    """One rule (or a reference to one shown earlier): its sentence, marks and explanation."""

    text: str
    marks: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Part:
    """A group of rules under a step: a role, a criterion, "Måste vara uppfyllda" (level 2 or 3)."""

    title: str
    intro: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    marks: tuple[str, ...] = ()
    level: int = 2


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Rulebook:
    title: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]


@dataclass
class _Writer:
    fw: Framework
    base: Framework
    test: LegalTest
    shown: dict[str, str] = field(default_factory=dict)
    """rule id -> where it was written out ("steg 2"), for references instead of repeats."""

    @property
    def lang(self) -> str:
        return self.fw.lang

    def national(self) -> bool:
        return self.fw.id == self.base.id

    def ids(self, want) -> list[str]:
        """Ids of the rules in this framework or the national test for which `want(rule)` holds,
        in rules.toml order."""
        out = []
        for body in base_rules():
            rule = self.fw.rule(body["id"]) or self.base.rule(body["id"])
            if rule is not None and want(rule):
                out.append(rule.id)
        return out

    def item(self, rule_id: str, where: str) -> Item | None:
        rule, base = self.fw.rule(rule_id), self.base.rule(rule_id)
        if rule_id in self.shown:
            title = (rule or base).title
            return Item(t("rulebook.see", self.lang, where=self.shown[rule_id], title=title.rstrip(".")))
        if rule is None and base is None:
            return None
        self.shown[rule_id] = where
        if rule is None:
            return Item(t("rulebook.off_rule", self.lang, title=base.title.rstrip("."), effect=say.effect(base, self.lang)),
                        (t("rulebook.mark_off", self.lang, short=self.fw.short),))
        return Item(say.sentence(rule, self.fw), self.marks(rule, base),
                    t("rulebook.explanation", self.lang, text=rule.explanation))

    def marks(self, rule: Rule, base: Rule | None) -> tuple[str, ...]:
        if self.national():
            return ()
        if base is None:
            return (t("rulebook.mark_added", self.lang, short=self.fw.short),)
        changed = say.changes(rule, base, self.fw, self.base)
        return (t("rulebook.mark_changed", self.lang, short=self.fw.short, what="; ".join(changed)),) if changed else ()

    def items(self, ids, where: str) -> tuple[Item, ...]:
        return tuple(i for i in (self.item(r, where) for r in ids) if i is not None)

    def asked(self, facts) -> str:
        qs = questions(self.lang)
        return say.quoted([qs[f].label for f in facts if f in qs], self.lang)

    def step_paragraphs(self, step_id: str, *how: str, needs=(), market_needs=()) -> tuple[str, ...]:
        step = self.test.step(step_id)
        out = [step.text, *how]
        if needs:
            out.append(t("rulebook.needs", self.lang, questions=self.asked(needs)))
        if market_needs:
            out.append(t("rulebook.market_needs", self.lang, questions=self.asked(market_needs)))
        out.append(t("rulebook.cites", self.lang, citations=cite_all(step.citations, self.lang)))
        return tuple(out)


def _all_rules(lang: str) -> list[Rule]:
    """Every enabled rule under every framework (to place a theme the same way in every text)."""
    return [r for fw in frameworks(lang).values() for r in fw.rules]


def _eligible(w: _Writer, named: set[str]) -> Section:
    """Step 1: the blockers that stop any support or the partner, with the rules of their themes."""
    themes = {r.theme for r in _all_rules(w.lang) if r.direction == "blocker" and r.stops != "process"}
    where = t("rulebook.where_step", w.lang, n=1)
    ids = w.ids(lambda r: r.theme in themes and r.id not in named)
    return Section(
        t("rulebook.step", w.lang, n=1, title=w.test.eligible.title),
        w.step_paragraphs("eligible", t("rulebook.eligible_how", w.lang), needs=w.test.eligible.needs),
        (Part(t("rulebook.rules", w.lang), items=w.items(ids, where)),),
    )


def _economic_element(w: _Writer) -> Section:
    e, where = w.test.economic_element, t("rulebook.where_step", w.lang, n=2)
    parts = tuple(Part(t(key, w.lang), items=w.items(getattr(e, role), where)) for role, key in ROLES.items())
    return Section(
        t("rulebook.step", w.lang, n=2, title=e.title),
        w.step_paragraphs("economic_element", t("rulebook.element_how", w.lang), needs=e.needs,
                          market_needs=e.market_needs),
        tuple(p for p in parts if p.items),
    )


def _criteria_paragraphs(w: _Writer) -> tuple[str, ...]:
    national, own, lang = w.test.national, w.fw.criteria, w.lang
    lines = [t("rulebook.criteria_national", lang, source=cite(national.source, lang), quote=national.quote.rstrip("."))]
    if own is not None:
        key = "rulebook.criteria_own_none" if not own.themes() else \
            "rulebook.criteria_own_all" if own.rule == "all" else "rulebook.criteria_own_weighed"
        lines.append(t(key, lang, owner=say.genitive(w.fw.short, lang), source=cite(own.source, lang),
                       quote=own.quote.rstrip(".")))
    lines.append(t("rulebook.criterion_how", lang))
    return w.step_paragraphs("criteria", *lines)


def _criterion_mark(w: _Writer, theme: str, must: bool) -> tuple[str, ...]:
    national, short, lang = w.test.national, w.fw.short, w.lang
    if must and theme not in national.must:
        key = "rulebook.mark_tightened" if theme in national.weighed else "rulebook.mark_added_must"
        return (t(key, lang, short=short),)
    if not must and theme not in national.weighed:
        return (t("rulebook.mark_added_weighed", lang, short=short),)
    return ()


def _criteria(w: _Writer) -> Section:
    crit, lang = criteria_list(w.fw, w.test), w.lang
    where = t("rulebook.where_step", lang, n=3)
    values = say.parameter_values(w.fw, ("grant_min_failed", "iop_max_failed", "iop_min_signs", "min_answered"))
    parts: list[Part] = []
    for must, themes, title, how in (
        (True, crit.must, "rulebook.must_title", t("rulebook.must_how", lang)),
        (False, crit.weighed, "rulebook.weighed_title", t("rulebook.weighed_how", lang, **values)),
    ):
        parts.append(Part(t(title, lang), (how,)))
        for theme in themes:
            ids = w.ids(lambda r, th=theme: r.theme == th)
            parts.append(Part(say.criterion_title(theme, lang), items=w.items(ids, where),
                              marks=_criterion_mark(w, theme, must), level=3))
    listed = set(crit.themes())
    signs = w.ids(lambda r: r.direction == "iop" and not r.shared_with_grant and r.theme not in listed)
    if signs:
        parts.append(Part(t("rulebook.signs_title", lang), items=w.items(signs, where)))
    return Section(t("rulebook.step", lang, n=3, title=w.test.criteria.title), _criteria_paragraphs(w), tuple(parts))


def _state_aid(w: _Writer) -> Section:
    aid, lang = w.test.state_aid, w.lang
    where = t("rulebook.where_beside", lang, title=aid.title)
    parts = (Part(t("rulebook.state_aid_rules", lang), items=w.items(aid.rules, where)),
             Part(t("rulebook.state_aid_notes", lang), items=w.items(aid.notes, where)))
    return Section(t("rulebook.beside", lang, title=aid.title),
                   w.step_paragraphs("state_aid", t("rulebook.state_aid_how", lang)),
                   tuple(p for p in parts if p.items))


def _process(w: _Writer) -> Section:
    step, lang = w.test.process, w.lang
    themes = {r.theme for r in _all_rules(lang) if r.stops == "process"}
    ids = w.ids(lambda r: r.theme in themes)
    where = t("rulebook.where_beside", lang, title=step.title)
    return Section(t("rulebook.beside", lang, title=step.title),
                   w.step_paragraphs("process", t("rulebook.process_how", lang)),
                   (Part(t("rulebook.rules", lang), items=w.items(ids, where)),))


def _others(w: _Writer) -> Section | None:
    ids = w.ids(lambda r: r.id not in w.shown)
    if not ids:
        return None
    lang = w.lang
    items = w.items(ids, t("rulebook.where_others", lang))
    return Section(t("rulebook.others_title", lang), (t("rulebook.others_how", lang),),
                   (Part(t("rulebook.rules", lang), items=items),))


def _allowed_words(w: _Writer) -> Section:
    """The word check's allow-list (advice only): national phrases, then the framework's own."""
    lang, own = w.lang, t("rulebook.words_own", w.lang, framework=w.fw.short)
    items = tuple(Item(t("rulebook.words_phrase", lang, phrase=entry.phrase, cites=cite_all(entry.citations, lang)),
                       marks=(own,) if mine else ())
                  for entry, mine in [*((x, False) for x in w.fw.wording.national), *((x, True) for x in w.fw.wording.own)])
    return Section(t("rulebook.words_title", lang), (t("rulebook.words_how", lang),), (Part("", items=items),))


def _parameters(w: _Writer) -> Section:
    lang = w.lang
    lines = tuple(Item(say.parameter_line(p, w.fw, w.base.parameter(name))) for name, p in parameters().items())
    return Section(t("rulebook.params_title", lang), (t("rulebook.params_how", lang),), (Part("", items=lines),))


def rulebook(fw: Framework) -> Rulebook:
    """`fw`'s rules along the legal test, in its language, with its changes from the national test marked."""
    base = frameworks(fw.lang)[NATIONAL].at(fw.on)
    w = _Writer(fw, base, legal_test(fw.lang))
    e, aid = w.test.economic_element, w.test.state_aid
    named = e.rule_ids() | set(aid.rules) | set(aid.notes)
    # Written in order; each rule in full where it is first met, referred to after that. Step 1
    # leaves the rules that step 2 and state aid name by id to them.
    sections = [_eligible(w, named), _economic_element(w), _criteria(w), _state_aid(w), _process(w), _others(w),
                _allowed_words(w), _parameters(w)]
    intro = [fw.description, t("rulebook.source", fw.lang, source=source_title(fw)),
             t("rulebook.intro", fw.lang)]
    intro.append(t("rulebook.intro_national", fw.lang) if w.national() else
                 t("rulebook.intro_marks", fw.lang, short=fw.short))
    return Rulebook(t("rulebook.title", fw.lang, framework=fw.name), tuple(intro), tuple(s for s in sections if s))


def source_title(fw: Framework) -> str:
    src = sources(fw.lang).get(fw.document)
    return src.title if src else fw.document


# --- Plain text ------------------------------------------------------------------------------------

WIDTH = 100


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [""]


def _part_lines(part: Part) -> list[str]:
    lines: list[str] = []
    if part.title:
        head = " ".join([part.title, *part.marks])
        lines += _wrap(head, "  " if part.level == 3 else "") + [""]
    for text in part.intro:
        lines += _wrap(text) + [""]
    indent = "    " if part.level == 3 else "  "
    for item in part.items:
        lines += _wrap(item.text, indent + "  ", indent + "- ")
        for mark in item.marks:
            lines += _wrap(mark, indent + "  ")
        if item.note:
            lines += _wrap(item.note, indent + "  ")
        lines.append("")
    return lines


def text(book: Rulebook) -> str:
    """The rulebook as plain text: headings underlined, rules as indented list items."""
    lines = [book.title, "=" * len(book.title), ""]
    for paragraph in book.intro:
        lines += _wrap(paragraph) + [""]
    for section in book.sections:
        lines += [section.title, "-" * len(section.title), ""]
        for paragraph in section.paragraphs:
            lines += _wrap(paragraph) + [""]
        for part in section.parts:
            lines += _part_lines(part)
    return "\n".join(lines).rstrip("\n") + "\n"


def render(fw: Framework) -> str:
    """`fw`'s rule set as plain rule text (tests/golden/<id>.txt)."""
    return text(rulebook(fw))
