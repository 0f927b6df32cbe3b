"""One rule, a criterion or a parameter as a sentence of rule text (the rulebook, rulebook.py).

A rule reads "Om frågan ”Vem tog initiativet till samarbetet?” besvaras ”Kommunen eller
regionen”: Kommunen eller regionen tog initiativet (tecken på upphandling, varning). Källa: SKR
4.4.4; SKR 4.5." — the question and answer texts of the catalogue, never field paths; a parameter
in a comparison as its value under the framework; a Python check as the sentence
`rulebook.check_<name>` with the questions it reads. `changes()` says what a framework changes in
a rule compared with the national baseline (the SKR framework), for the marks in the text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iop_core.clock import today as swedish_today
from iop_core.format import format_number, lower_first
from iop_core.i18n import t
from iop_core.rules.catalogue import Framework, Rule, questions
from iop_core.rules.citations import cite_all
from iop_core.rules.conditions import Leaf
from iop_core.rules.parameters import Parameter, parameters

_COMPARE = {
    "eq": "rulebook.cond_eq", "ne": "rulebook.cond_ne", "lt": "rulebook.cond_lt", "lte": "rulebook.cond_lte",
    "gt": "rulebook.cond_gt", "gte": "rulebook.cond_gte",
}
_COMPARE_TIME = {"lt": "rulebook.cond_lt_time", "gt": "rulebook.cond_gt_time"}
_TIME_UNITS = {"år", "years"}
"""Units of a length of time: "kortare än 2 år" rather than "mindre än 2 år"."""

_EFFECT = {
    "procurement": "rulebook.effect_procurement",
    "grant": "rulebook.effect_grant",
    "neutral": "rulebook.effect_neutral",
}
_STOPS = {
    "any_support": "rulebook.effect_blocker_any_support",
    "partner": "rulebook.effect_blocker_partner",
    "process": "rulebook.effect_blocker_process",
}


# --- Values ----------------------------------------------------------------------------------------

def _is_share(name: str) -> bool:
    """A parameter is a share (of a budget, of the criteria) when any of its values lies between 0 and 1."""
    return any(0 < v < 1 for _, v in parameters()[name].values)


def parameter_value(value: Decimal, lang: str, name: str = "") -> str:
    """A parameter's value as read: a share as per cent ("5 %"), any other number as a number."""
    if (_is_share(name) if name else 0 < value < 1):
        percent = format_number(value * 100, lang, trim=True)
        return f"{percent} %" if lang == "sv" else f"{percent}%"
    return format_number(value, lang, trim=True)


def parameter_values(fw: Framework, names: Any) -> dict[str, str]:
    """Every named parameter's value under `fw`, formatted, for sentences that name them."""
    return {name: parameter_value(fw.parameter(name), fw.lang, name) for name in names}


# --- Conditions ------------------------------------------------------------------------------------

def _leaf(leaf: Leaf, fw: Framework) -> str:
    q = questions(fw.lang)[leaf.fact]
    op, target = leaf.op
    if op in ("eq", "ne"):
        return t(_COMPARE[op], fw.lang, question=q.label, answer=q.answer_label(target))
    if op == "in":
        answers = t("rulebook.cond_or", fw.lang).join(q.answer_label(v) for v in target)
        return t("rulebook.cond_in", fw.lang, question=q.label, answers=answers)
    answer = q.answer_label(float(fw.parameter(target)) if isinstance(target, str) else target)
    if isinstance(target, str):
        answer = t("rulebook.parameter_ref", fw.lang, value=answer)
    key = _COMPARE_TIME.get(op) if q.unit in _TIME_UNITS else None
    return t(key or _COMPARE[op], fw.lang, question=q.label, answer=answer)


def condition(cond: Any, fw: Framework, nested: bool = False) -> str:
    """A condition in words, without "Om": "frågan ”…” besvaras ”Ja” och …". A group inside a
    group reads "antingen … eller …" / "både … och …"."""
    if isinstance(cond, Leaf):
        return _leaf(cond, fw)
    if hasattr(cond, "all"):
        text = t("rulebook.cond_and", fw.lang).join(condition(c, fw, True) for c in cond.all)
        return t("rulebook.cond_both", fw.lang, condition=text) if nested else text
    text = t("rulebook.cond_or_clause", fw.lang).join(condition(c, fw, True) for c in cond.any)
    return t("rulebook.cond_either", fw.lang, condition=text) if nested else text


def _check(rule: Rule, fw: Framework) -> str:
    return t(f"rulebook.check_{rule.check}", fw.lang, **parameter_values(fw, parameters()))


def quoted(labels: Any, lang: str) -> str:
    """Question texts in a list: ”A”, ”B” och ”C”."""
    items = [t("rulebook.quoted", lang, text=label) for label in labels]
    if len(items) > 1:
        return ", ".join(items[:-1]) + t("rulebook.cond_and", lang) + items[-1]
    return items[0] if items else ""


# --- A rule ---------------------------------------------------------------------------------------

def effect(rule: Rule, lang: str) -> str:
    """What a finding of the rule is: "tecken på upphandling, varning", "hinder: …"."""
    severity = lower_first(t(f"severity.{rule.severity}", lang))
    if rule.direction == "blocker":
        return t(_STOPS[rule.stops], lang)
    if rule.direction == "iop":
        return t("rulebook.effect_iop_shared" if rule.shared_with_grant else "rulebook.effect_iop", lang)
    return t(_EFFECT[rule.direction], lang, severity=severity)


def sentence(rule: Rule, fw: Framework) -> str:
    """The rule as one sentence with its sources (see the module's docstring)."""
    lang = fw.lang
    when = _check(rule, fw) if rule.check else condition(rule.when, fw)
    text = t("rulebook.rule", lang, condition=when, title=rule.title.rstrip("."), effect=effect(rule, lang))
    if rule.reads:
        asked = questions(lang)
        text += " " + t("rulebook.reads", lang, questions=quoted([asked[f].label for f in rule.reads], lang))
    return text + " " + t("rulebook.cites", lang, citations=cite_all(rule.citations, lang))


def changes(rule: Rule, base: Rule, fw: Framework, base_fw: Framework) -> list[str]:
    """What `fw` changes in `rule` compared with the national `base`, as phrases ([] for none)."""
    lang, out = fw.lang, []
    if rule.direction != base.direction or rule.stops != base.stops and rule.direction == "blocker":
        out.append(t("rulebook.changed_effect", lang, new=effect(rule, lang), old=effect(base, lang)))
    elif rule.severity != base.severity:
        out.append(t("rulebook.changed_severity", lang, new=lower_first(t(f"severity.{rule.severity}", lang)),
                     old=lower_first(t(f"severity.{base.severity}", lang))))
    if rule.when != base.when or rule.check != base.check:
        old = _check(base, base_fw) if base.check else condition(base.when, base_fw)
        out.append(t("rulebook.changed_when", lang, old=old))
    if rule.theme != base.theme:
        out.append(t("rulebook.changed_theme", lang, new=theme_label(rule.theme, lang), old=theme_label(base.theme, lang)))
    if rule.shared_with_grant != base.shared_with_grant:
        out.append(t("rulebook.changed_shared", lang))
    if rule.title != base.title:
        out.append(t("rulebook.changed_title", lang, old=base.title))
    if rule.explanation != base.explanation:
        out.append(t("rulebook.changed_explanation", lang))
    if rule.next_step != base.next_step:
        out.append(t("rulebook.changed_next_step", lang))
    out += _changed_citations(rule, base, lang)
    return out


def _changed_citations(rule: Rule, base: Rule, lang: str) -> list[str]:
    added = [c for c in rule.citations if c not in base.citations]
    dropped = [c for c in base.citations if c not in rule.citations]
    if added and dropped:
        return [t("rulebook.changed_sources_instead", lang, new=cite_all(added, lang), old=cite_all(dropped, lang))]
    if added:
        return [t("rulebook.changed_sources_added", lang, new=cite_all(added, lang))]
    if dropped:
        return [t("rulebook.changed_sources_dropped", lang, old=cite_all(dropped, lang))]
    if rule.citations != base.citations:
        return [t("rulebook.changed_sources_order", lang)]
    return []


def genitive(name: str, lang: str) -> str:
    """A framework's short name as owner: "Moras", "VGR:s", "Helsingborgs" ("Mora's" in English)."""
    if lang != "sv":
        return f"{name}'s"
    if name[-1:].isupper():
        return f"{name}:s"
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def theme_label(theme: str, lang: str) -> str:
    """A criterion (a theme of rules.toml) named as what must hold: "Båda parter bidrar"."""
    return t(f"rulebook.theme_{theme}", lang)


def criterion_title(theme: str, lang: str) -> str:
    """"Kriterium: Båda parter bidrar (samfinansiering)"."""
    return t("rulebook.criterion", lang, label=theme_label(theme, lang))


# --- A parameter -----------------------------------------------------------------------------------

def parameter_line(p: Parameter, fw: Framework, national: Decimal) -> str:
    """"<description> Värde: 2, från 2018-04-24 (appens tolkning)." and the framework's own value marked."""
    lang = fw.lang
    value = fw.parameter(p.name)
    basis = t("rulebook.param_interpretation", lang) if p.interpretation else \
        t("rulebook.param_source", lang, source=cite_all([p.source], lang))
    on = fw.on or swedish_today()
    since = [s for s, _ in p.values if s <= on]
    text = t("rulebook.param", lang, description=p.description.rstrip(".") + ".",
             value=parameter_value(value, lang, p.name), since=(since[-1] if since else p.since).isoformat(), basis=basis)
    if p.name in fw.parameters:
        text += " " + t("rulebook.mark_own_value", lang, short=fw.short, national=parameter_value(national, lang, p.name))
    return text
