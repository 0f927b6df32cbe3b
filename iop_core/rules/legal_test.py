"""The judgement as the legal test, walked in the order a lawyer walks it (data/legal_test.toml).

The rules (rules.toml) have already turned the answers into findings; this module decides the
leaning from them, step by step, and records the path it took (`Assessment.path`):

1. **eligible**: can public money go here at all? A blocker (no benefit for the inhabitants,
   KL 2 kap. 1 §; no statutes; not idéburen; profit to owners; controlled by a public body)
   stops here: not eligible.
2. **economic_element**: is it a contract for pecuniary interest? A price for the service, or a
   service on the public side's behalf *and* compensation for (essentially) all of it, is the
   economic element (SKR 4.4.2, 4.4.4; HFD 2020 ref. 15). With it and a market, or a task the
   public side must perform by law, the case leans to procurement. Initiative, need and words
   alone never get here.
3. **criteria**: grant or partnership, by the framework's own list: `must` entries must all hold
   (one that fails means not an IOP; for the organisation's own activity a grant fits), `weighed`
   entries are weighed together.
Beside the main line: **state_aid** (above the de minimis ceilings an IOP leaning becomes
"uncertain") and **process** (a step of the public side's process not done yet).

Risks never wait for missing answers; a positive leaning (IOP, grant) waits for the facts of
every step before it. Returns the classification, the light, what decided, and the path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from iop_core.format import lower_first
from iop_core.i18n import t
from iop_core.rules.catalogue import Criteria, Framework, questions
from iop_core.rules.steps import LegalTest, legal_test
from iop_core.screening.model import Finding, PathStep, Screening, fact_value

FAILS = ("warning", "high")
"""A finding of a criterion's theme with this severity, pointing to grant or procurement, fails it."""


@dataclass
class Verdict:
    classification: str
    light: str
    basis: str
    path: list[PathStep] = field(default_factory=list)
    reason: str = ""
    """The sentence the headline gives as its why (facts missing, signs that conflict, ...)."""


@dataclass(frozen=True)
class _Ctx:
    s: Screening
    fw: Framework
    test: LegalTest
    found: dict[str, Finding]

    def present(self, rule_ids: tuple[str, ...]) -> list[Finding]:
        return [self.found[r] for r in rule_ids if r in self.found]

    def unanswered(self, facts: tuple[str, ...] | list[str]) -> list[str]:
        asked = questions(self.fw.lang)
        return [asked[f].label for f in facts if f in asked and fact_value(self.s, f) is None]

    def step(self, step_id: str, outcome: str, reason: str = "", findings: list[Finding] | None = None,
             missing: list[str] | None = None, **extra) -> PathStep:
        data = self.test.step(step_id)
        findings = findings or []
        return PathStep(
            id=step_id, title=data.title, outcome=outcome, reason=reason,
            facts=list(dict.fromkeys(x for f in findings for x in f.facts)),
            rule_ids=[f.rule_id for f in findings], missing=missing or [],
            citations=list(dict.fromkeys([c for f in findings for c in f.citations] or list(data.citations))),
            change=data.change if outcome in ("fail", "unclear", "unanswered") else "", **extra,
        )


def titles(findings: list[Finding], lang: str, limit: int = 3) -> str:
    """Findings' titles inside a sentence: "a, b och c" (at most `limit`, each once)."""
    names = list(dict.fromkeys(lower_first(f.title) for f in findings))[:limit]
    if len(names) > 1:
        return ", ".join(names[:-1]) + t("assessment.and", lang) + names[-1]
    return names[0] if names else ""


# --- Step 1 ------------------------------------------------------------------------------------

def _eligible(c: _Ctx) -> tuple[PathStep, bool | None]:
    lang = c.fw.lang
    blockers = [f for f in c.found.values() if f.severity == "blocker" and f.stops in ("any_support", "partner")]
    if blockers:
        return c.step("eligible", "fail", t("path.eligible_fail", lang, what=titles(blockers, lang)), blockers), False
    missing = c.unanswered(c.test.eligible.needs)
    if missing:
        return c.step("eligible", "unanswered", t("path.unanswered", lang), missing=missing), None
    return c.step("eligible", "pass", t("path.eligible_pass", lang)), True


# --- Step 2 ------------------------------------------------------------------------------------

def _economic_element(c: _Ctx) -> tuple[PathStep, str]:
    """The step and its state: "present", "unclear", "absent" or "unanswered"."""
    e, lang = c.test.economic_element, c.fw.lang
    price, service, paid = c.present(e.price), c.present(e.service), c.present(e.compensation)
    signs = c.present(e.signs)
    if price or (service and paid):
        shown = price + service + paid
        return c.step("economic_element", "fail", t("path.element_present", lang, what=titles(shown, lang)), shown), "present"
    money = fact_value(c.s, "initiative.payment_model") not in (None, "no_money")
    binding = c.present(e.binding)
    if service and binding and money:
        shown = service + binding
        return c.step("economic_element", "unclear", t("path.element_unclear", lang, what=titles(shown, lang)), shown), "unclear"
    missing = c.unanswered(e.needs)
    if missing:
        return c.step("economic_element", "unanswered", t("path.unanswered", lang), service + paid + signs, missing), "unanswered"
    reason = t("path.element_absent_signs", lang, what=titles(service + paid + signs, lang)) if service or paid or signs \
        else t("path.element_absent", lang)
    return c.step("economic_element", "pass", reason, service + paid + signs), "absent"


def _procurement(c: _Ctx, step: PathStep) -> Verdict:
    """The economic element is there: a market or a statutory task makes it a procurement."""
    e, lang = c.test.economic_element, c.fw.lang
    market, statutory, binding = c.present(e.market), c.present(e.statutory), c.present(e.binding)
    if market or statutory or binding:
        named = set(step.rule_ids)  # a finding already named as the element is not named twice
        found = list({f.rule_id: f for f in market + statutory + binding}.values())
        why = [f for f in found if f.rule_id not in named] or found
        step = step.model_copy(update={
            "decided": True, "reason": step.reason + " " + t("path.element_market", lang, what=titles(why, lang)),
            "facts": list(dict.fromkeys([*step.facts, *(x for f in why for x in f.facts)])),
            "rule_ids": [*step.rule_ids, *(f.rule_id for f in why)]})
        return Verdict("procurement", "red", "economic_element", [step])
    missing = c.unanswered(e.market_needs)
    if missing:
        step = step.model_copy(update={"decided": True, "missing": missing})
        return Verdict("uncertain", "amber", "missing", [step], t("path.why_missing", lang, step=step.title))
    step = step.model_copy(update={"decided": True, "reason": step.reason + " " + t("path.element_no_market", lang)})
    return Verdict("uncertain", "amber", "mixed", [step], t("path.why_no_market", lang))


# --- Step 3 ------------------------------------------------------------------------------------

def _theme_facts(fw: Framework, theme: str) -> list[str]:
    """The questions that settle a criterion: those its signed rules read (key ones if any)."""
    qs = questions()
    facts = [f for r in fw.rules if r.theme == theme and r.direction != "neutral" for f in r.facts() if f in qs]
    key = [f for f in facts if qs[f].key]
    return list(dict.fromkeys(key or facts))


def _criterion(c: _Ctx, theme: str) -> tuple[str, list[Finding]]:
    """("fail" | "open" | "pass", the findings that say so) for one theme of the criteria."""
    own = [f for f in c.found.values() if f.theme == theme]
    failing = [f for f in own if f.direction in ("grant", "procurement") and f.severity in FAILS]
    if failing:
        return "fail", failing
    doubts = [f for f in own if f.direction == "neutral" and f.severity in FAILS]
    if doubts:
        return "open", doubts
    facts = _theme_facts(c.fw, theme)
    signs = [f for f in own if f.direction == "iop"]
    if signs or not facts or all(fact_value(c.s, f) is not None for f in facts):
        return "pass", signs
    return "open", []


def own_activity(s: Screening) -> bool | None:
    """Is the funded activity the organisation's own (not a service it performs for the public
    side)? None when the answers do not say. SOU 2013:12 via SKR 4.4.1; Helsingborg 1.3."""
    i = s.initiative
    if i.org_runs_operation or i.recipients_decided_by == "public" or i.service_responsibility == "public_by_law":
        return False
    if i.service_responsibility in ("organisation", "shared"):
        return True
    return None


def criteria_list(fw: Framework, test: LegalTest) -> Criteria:
    """The criteria step 3 applies under `fw`: the national list, tightened by the framework's own
    (its `must` entries added, and moved out of `weighed`); its source and semantics named."""
    national, own = test.national, fw.criteria
    if own is None:
        return national
    must = tuple(dict.fromkeys((*national.must, *own.must)))
    weighed = tuple(th for th in dict.fromkeys((*national.weighed, *own.weighed)) if th not in must)
    return own.model_copy(update={"must": must, "weighed": weighed})


def _criteria(c: _Ctx) -> Verdict:
    crit, lang = criteria_list(c.fw, c.test), c.fw.lang
    status = {theme: _criterion(c, theme) for theme in crit.themes()}
    failed = {th: fs for th, (st, fs) in status.items() if st == "fail"}
    must_failed = [f for th in crit.must if th in failed for f in failed[th]]
    own = own_activity(c.s)
    quote = t("path.criteria_list", lang, quote=crit.quote)
    if must_failed:
        paid = set(c.test.economic_element.compensation)  # public money for all of it: a grant, without a service in return
        if all(f.direction == "grant" or f.rule_id in paid for f in must_failed) and own is not False:
            if own is None:
                return _open(c, ["initiative.service_responsibility"], must_failed)
            return _decided(c, "grant", "amber", "criteria", "fail",
                            t("path.criteria_must_grant", lang, what=titles(must_failed, lang)) + " " + quote, must_failed)
        return _decided(c, "uncertain", "amber", "mixed", "fail",
                        t("path.criteria_must_other", lang, what=titles(must_failed, lang)) + " " + quote, must_failed,
                        why=t("path.why_criteria", lang, what=titles(must_failed, lang)))
    must_open = [th for th in crit.must if status[th][0] == "open"]
    if must_open:
        facts = [f for th in must_open for f in _theme_facts(c.fw, th)]
        return _open(c, facts, [f for th in must_open for f in status[th][1]])
    return _weighed(c, crit, status, own)


def _weighed(c: _Ctx, crit: Criteria, status: dict[str, tuple[str, list[Finding]]], own: bool | None) -> Verdict:
    lang, p = c.fw.lang, c.fw.parameter
    weighed = [th for th in crit.weighed if _theme_facts(c.fw, th) or status[th][1]]
    failed = [f for th in weighed if status[th][0] == "fail" for f in status[th][1]]
    grant_themes = {f.theme for f in failed if f.direction == "grant"}
    answered = sum(1 for th in weighed if status[th][0] != "open")
    enough = not weighed or Decimal(answered) / len(weighed) >= p("min_answered")
    signs = {f.theme for f in c.found.values() if f.direction == "iop" and not f.shared_with_grant}
    failed_themes = {f.theme for f in failed}
    if enough and len(grant_themes) >= p("grant_min_failed") and own is not False:
        return _decided(c, "grant", "amber", "criteria", "fail",
                        t("path.criteria_weighed_grant", lang, what=titles(failed, lang)), failed)
    if not enough:
        facts = [f for th in weighed if status[th][0] == "open" for f in _theme_facts(c.fw, th)]
        return _open(c, facts, failed)
    if len(failed_themes) <= p("iop_max_failed") and len(signs) >= p("iop_min_signs"):
        reason = t("path.criteria_pass_with", lang, what=titles(failed, lang)) if failed else t("path.criteria_pass", lang)
        return _decided(c, "iop", "green", "criteria", "pass", reason, failed)
    return _decided(c, "uncertain", "amber", "mixed", "unclear",
                    t("path.criteria_mixed", lang, what=titles(failed, lang) or "–"), failed,
                    why=t("path.why_mixed", lang, what=titles(failed, lang) or "–"))


def _decided(c: _Ctx, classification: str, light: str, basis: str, outcome: str, reason: str,
             findings: list[Finding], why: str = "") -> Verdict:
    step = c.step("criteria", outcome, reason, findings, decided=True)
    return Verdict(classification, light, basis, [step], why)


def _open(c: _Ctx, facts: list[str], findings: list[Finding]) -> Verdict:
    """Step 3 waits for these questions (or, with none left to ask, for what the findings need)."""
    missing = c.unanswered(list(dict.fromkeys(facts))) or [f.title for f in findings]
    step = c.step("criteria", "unanswered", t("path.unanswered", c.fw.lang), findings, missing, decided=True)
    return Verdict("uncertain", "amber", "missing", [step],
                   t("path.why_missing", c.fw.lang, step=step.title))


# --- Beside the main line -----------------------------------------------------------------------

def _state_aid(c: _Ctx) -> PathStep:
    lang = c.fw.lang
    above = c.present(c.test.state_aid.rules)
    notes = c.present(c.test.state_aid.notes)
    if above:
        return c.step("state_aid", "fail", t("path.state_aid_fail", lang), above + notes, parallel=True)
    if notes:
        return c.step("state_aid", "unclear", t("path.state_aid_note", lang, what=titles(notes, lang)), notes, parallel=True)
    return c.step("state_aid", "pass", t("path.state_aid_pass", lang), parallel=True)


def _process(c: _Ctx) -> PathStep:
    lang = c.fw.lang
    stops = [f for f in c.found.values() if f.severity == "blocker" and f.stops == "process"]
    if stops:
        return c.step("process", "fail", t("path.process_fail", lang, what=titles(stops, lang)), stops, parallel=True)
    return c.step("process", "pass", t("path.process_pass", lang), parallel=True)


def _not_reached(c: _Ctx, step_id: str) -> PathStep:
    return c.step(step_id, "not_reached", t("path.not_reached", c.fw.lang))


def _main_line(c: _Ctx) -> Verdict:
    eligible, ok = _eligible(c)
    if ok is False:
        eligible = eligible.model_copy(update={"decided": True})
        return Verdict("not_eligible", "red", "eligible", [eligible, _not_reached(c, "economic_element"),
                                                             _not_reached(c, "criteria")])
    element, state = _economic_element(c)
    if state == "present":
        v = _procurement(c, element)
        return Verdict(v.classification, v.light, v.basis, [eligible, *v.path, _not_reached(c, "criteria")], v.reason)
    if state == "unclear":
        element = element.model_copy(update={"decided": True})
        return Verdict("uncertain", "amber", "mixed", [eligible, element, _not_reached(c, "criteria")],
                       t("path.why_unclear", c.fw.lang))
    v = _criteria(c)
    path = [eligible, element, *v.path]
    # A leaning from step 3 waits for the facts of every step before it (the first one decides).
    if ok is None or state == "unanswered":
        first = eligible if ok is None else element
        path = [p.model_copy(update={"decided": p is first}) if p in (eligible, element) else
                p.model_copy(update={"decided": False}) for p in path]
        return Verdict("uncertain", "amber", "missing", path,
                       t("path.why_missing", c.fw.lang, step=first.title))
    return Verdict(v.classification, v.light, v.basis, path, v.reason)


def walk(s: Screening, fw: Framework, findings: list[Finding]) -> Verdict:
    """The leaning, the light, what decided and the path, for findings of `fw` on `s`."""
    c = _Ctx(s, fw, legal_test(fw.lang), {f.rule_id: f for f in findings})
    v = _main_line(c)
    aid, process = _state_aid(c), _process(c)
    if v.classification in ("iop", "uncertain") and process.outcome == "fail":
        process = process.model_copy(update={"decided": True})
        v = Verdict("not_eligible", "red", "process", [_undecide(p) for p in v.path])
    elif v.classification == "iop" and aid.outcome == "fail":
        aid = aid.model_copy(update={"decided": True})
        v = Verdict("uncertain", "amber", "state_aid", [_undecide(p) for p in v.path], t("path.why_state_aid", fw.lang))
    if v.classification == "iop" and (v.reason or any(f.severity != "info" for f in findings) or _any_missing(c)):
        v.light = "amber"
    v.path = [*v.path, aid, process]
    return v


def _undecide(p: PathStep) -> PathStep:
    return p.model_copy(update={"decided": False}) if p.decided else p


def _any_missing(c: _Ctx) -> bool:
    used = {f for r in c.fw.rules for f in r.facts()}
    qs = questions()
    return any(qs[f].key and fact_value(c.s, f) is None for f in used if f in qs)
