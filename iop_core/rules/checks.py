"""Rules a flag cannot express: value declaration, documents, word choice, budget ratios.

Each check is registered under the name a rule's `check` field uses in data/rules.toml, where the
rule's title, severity and citations live. A check only says *whether* the rule triggers and
*which facts* triggered it (plain lines in the framework's language, `fw.lang`); it never decides
the overall leaning. The sentences are in iop_core/i18n/<lang>.toml, one place for all
languages. The word check always reads Swedish words (SKR kap. 3); only its message is translated.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from iop_core.budget.totals import BudgetSummary, per_unit_public_money, summarise
from iop_core.budget.vocabulary import category_label, party_label, unit_label
from iop_core.documents.checklist import outstanding_among
from iop_core.documents.declaration import declaration, signer_organisation
from iop_core.format import format_number, format_sek, format_share
from iop_core.i18n import DEFAULT_LANGUAGE, t
from iop_core.rules.catalogue import Framework, framework, glossary, overlay
from iop_core.rules.outlines import outline_for
from iop_core.rules.wording import WordHit, by_sentence, check_texts
from iop_core.screening.model import VALUE_POINTS, Screening

Check = Callable[[Screening, Framework], list[str]]
"""Returns the facts that triggered the rule; an empty list means the rule does not trigger."""

CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


def value_declaration_text(lang: str = DEFAULT_LANGUAGE) -> dict:
    """Mora's declaration: intro, points (id -> full text) and citation (see iop_core.documents.declaration),
    in `lang`. The Swedish text is the one that is certified; a translation helps to read it."""
    d = declaration()
    tr = overlay(lang, "value_declaration")
    points = {p.id: tr.get("points", {}).get(p.id, {}).get("text", p.text) for p in d.points}
    return {"intro": tr.get("intro", d.intro), "points": points, "citation": d.citation}


def value_declaration_started(s: Screening) -> bool:
    vd = s.value_declaration
    return bool(vd.confirmed or vd.signer_name or vd.signed_on)


def value_declaration_gaps(s: Screening, lang: str | None = None) -> list[str]:
    """Unconfirmed points and missing signature fields, named for the user (in `lang`, by
    default the screening's language)."""
    lang = lang or s.language
    vd, d = s.value_declaration, declaration()
    points = value_declaration_text(lang)["points"]
    gaps = []
    for pid in VALUE_POINTS:
        state = vd.confirmed.get(pid)
        name = d.point(pid).name_in(lang)
        if state is False:
            gaps.append(t("values.denied", lang, name=name, text=points[pid]))
        elif state is None:
            gaps.append(t("values.open", lang, name=name, text=points[pid]))
    for field, value in (
        ("signer_name", vd.signer_name),
        ("signer_role", vd.signer_role),
        ("signer_organisation", signer_organisation(s)),
        ("signed_on", vd.signed_on),
    ):
        if not value:
            gaps.append(t(f"values.missing_{field}", lang))
    return gaps


@check("value_declaration")
def _value_declaration(s: Screening, fw: Framework) -> list[str]:
    # An untouched declaration is missing information (see assessment.missing_facts), not a verdict.
    return value_declaration_gaps(s, fw.lang) if value_declaration_started(s) else []


def documents_outstanding(s: Screening, fw: Framework) -> list[str]:
    """Required documents not handed in, with what the user said about each, in fw.lang
    (iop_core.documents.checklist.outstanding_among for the resolved framework's documents)."""
    return outstanding_among(s, fw.documents, fw.lang)


@check("documents_missing")
def _documents_missing(s: Screening, fw: Framework) -> list[str]:
    return documents_outstanding(s, fw)


# Initiative texts that prefill an agreement-outline section (iop_core.rules.outlines PREFILL_NAMES).
_PREFILLED_FROM = {"challenge": ("challenge",), "goal": ("goal",), "target_group": ("target_group",),
                   "activities": ("activities", "not_included")}


def _rewritten_in_outline(s: Screening) -> set[str]:
    """Initiative texts whose outline section the user has rewritten: the rewritten section is
    the wording that goes on (and is checked), so the first draft is not flagged again."""
    edited = {sid for sid, text in s.agreement.sections.items() if text.strip()}
    if not edited:
        return set()
    return {field for section in outline_for(s.framework).sections if section.id in edited
            for name in section.prefill for field in _PREFILLED_FROM.get(name, ())}


def free_texts(s: Screening, lang: str | None = None) -> dict[str, str]:
    """Every free text a user wrote that the word check reads, by display name (in `lang`, by
    default the screening's language)."""
    lang = lang or s.language
    i = s.initiative
    rewritten = _rewritten_in_outline(s)
    texts = {
        t(f"fields.{name}", lang): getattr(i, name)
        for name in ("challenge", "goal", "target_group", "activities", "not_included") if name not in rewritten
    }
    texts |= {
        t("fields.payment_how", lang): s.budget.terms.payment_how,
        t("fields.surplus_handling", lang): s.budget.terms.surplus_handling,
    }
    labels = {sec.id: sec.label for sec in outline_for(s.framework, lang).sections} if s.agreement.sections else {}
    texts.update({t("fields.agreement", lang, section=labels.get(k, k)): v for k, v in s.agreement.sections.items()})
    return {k: v for k, v in texts.items() if v}


def allowed_words(framework_id: str) -> tuple[str, ...]:
    """The phrases the word check allows under a framework: national and its own (Framework.wording)."""
    return framework(framework_id).wording.phrases


def word_hits(s: Screening, fw: Framework | None = None) -> list[WordHit]:
    """The word check over every free text of the screening, with the allow-list of `fw` (by
    default the screening's framework); field names in fw's language."""
    fw = fw or framework(s.framework, s.language)
    return check_texts(free_texts(s, fw.lang), fw.wording.phrases)


def describe_hit(hit: WordHit, lang: str = DEFAULT_LANGUAGE, *, inline: bool = False) -> str:
    """One word-check hit as a fact line: the word found, what SKR prefers, and in another
    language what the Swedish words mean (the text itself stays Swedish). `inline` leaves out
    the field name, for a hint shown right under the text it concerns."""
    gloss = glossary(lang)
    return t(
        "words.inline" if inline else "words.hit", lang, field=hit.field, word=hit.word, avoid=hit.avoid, prefer=hit.prefer,
        avoid_gloss=gloss.get(hit.avoid, hit.avoid), prefer_gloss=gloss.get(hit.prefer, hit.prefer),
    )


MAX_SWAPS = 5
"""A sentence's line names at most this many different words (each once), then how many more."""


def describe_sentence(hits: list[WordHit], lang: str = DEFAULT_LANGUAGE, *, inline: bool = False) -> str:
    """The hits of one sentence (wording.by_sentence) as one line: the sentence to rewrite, then
    each different word and what SKR prefers. `inline` leaves out the field name (a hint under its text)."""
    gloss = glossary(lang)
    distinct = list({h.word.lower(): h for h in hits}.values())
    named = [
        t("words.swap", lang, word=h.word, avoid=h.avoid, prefer=h.prefer,
          avoid_gloss=gloss.get(h.avoid, h.avoid), prefer_gloss=gloss.get(h.prefer, h.prefer))
        for h in distinct[:MAX_SWAPS]
    ]
    if len(distinct) > MAX_SWAPS:
        named.append(t("words.swap_more", lang, n=len(distinct) - MAX_SWAPS))
    swaps = t("words.swap_separator", lang).join(named)
    key = "words.sentence_inline" if inline else "words.sentence"
    return t(key, lang, field=hits[0].field, sentence=hits[0].sentence, swaps=swaps)


def sentence_citations(hits: list[WordHit]) -> tuple:
    """The citations of a sentence's hits, each once, in order (SKR 4.4.5 first for a sanction word)."""
    return tuple(dict.fromkeys(c for h in hits for c in h.citations))


MAX_HIT_FACTS = 20
"""A wording finding names at most this many sentences, then says how many more words there are."""


def _describe(hits: list[WordHit], lang: str) -> list[str]:
    sentences = by_sentence(hits)
    lines = [describe_sentence(group, lang) for group in sentences[:MAX_HIT_FACTS]]
    rest = sum(len(group) for group in sentences[MAX_HIT_FACTS:])
    if rest:
        lines.append(t("words.more", lang, n=rest))
    return lines


@check("commercial_wording")
def _commercial_wording(s: Screening, fw: Framework) -> list[str]:
    return _describe([h for h in word_hits(s, fw) if not h.sanction], fw.lang)


@check("sanction_wording")
def _sanction_wording(s: Screening, fw: Framework) -> list[str]:
    return _describe([h for h in word_hits(s, fw) if h.sanction], fw.lang)


# --- Budget lines in the framework's language ----------------------------------------------------

def _share_line(party: str, summary: BudgetSummary, lang: str = DEFAULT_LANGUAGE) -> str:
    return t(
        "budget.share", lang, party=party_label(party, lang),
        amount=format_sek(summary.party(party), lang), total=format_sek(summary.total, lang),
        share=format_share(summary.share(party), lang),
    )


def _limit_line(limit, lang: str = DEFAULT_LANGUAGE) -> str:
    return t("budget.limit", lang, limit=format_share(limit, lang))


def _co_financiers(summary: BudgetSummary, lang: str) -> list[str]:
    """The share lines of everyone who is not the public side and puts something in."""
    return [_share_line(party, summary, lang) for party in ("organisation", "other") if summary.party(party)]


@check("budget_org_share_low")
def _budget_org_share_low(s: Screening, fw: Framework) -> list[str]:
    """Nothing or almost nothing comes from outside the public side. Every co-financier counts:
    the organisation's own inputs and other financiers' (SKR 4.4.4 "fler medfinansiärer")."""
    summary = summarise(s.budget)
    limit = fw.parameter("org_share_minimum")
    if summary.is_empty or summary.co_financed_share >= limit:
        return []
    if summary.co_financed_share == 0:
        return [t("budget.org_nothing", fw.lang), _share_line("public", summary, fw.lang)]
    return [*_co_financiers(summary, fw.lang), _limit_line(limit, fw.lang)]


@check("budget_public_pays_all")
def _budget_public_pays_all(s: Screening, fw: Framework) -> list[str]:
    summary = summarise(s.budget)
    limit = fw.parameter("public_share_maximum")
    if summary.is_empty or summary.public_share < limit:
        return []
    return [_share_line("public", summary, fw.lang), _limit_line(limit, fw.lang)]


@check("budget_public_only_money")
def _budget_public_only_money(s: Screening, fw: Framework) -> list[str]:
    summary = summarise(s.budget)
    money = summary.party_kind("public", "money")
    in_kind = summary.party_kind("public", "in_kind")
    if money > 0 and in_kind == 0:
        return [t("budget.public_only_money", fw.lang, amount=format_sek(money, fw.lang))]
    return []


@check("budget_per_unit_payment")
def _budget_per_unit_payment(s: Screening, fw: Framework) -> list[str]:
    return [
        t(
            "budget.per_unit", fw.lang,
            category=category_label(line.category, fw.lang),
            quantity=format_number(line.quantity, fw.lang), unit=unit_label(line.unit, fw.lang),
            price=format_sek(line.unit_value, fw.lang, ore=True), year=line.year,
        )
        for line in per_unit_public_money(s.budget)
    ]


@check("budget_cofinanced")
def _budget_cofinanced(s: Screening, fw: Framework) -> list[str]:
    summary = summarise(s.budget)
    if summary.is_empty or summary.party("public") == 0:
        return []
    low, high = fw.parameter("org_share_minimum"), fw.parameter("public_share_maximum")
    if summary.co_financed_share < low or summary.public_share >= high:
        return []
    return [*_co_financiers(summary, fw.lang), _share_line("public", summary, fw.lang)]


# --- State aid: de minimis (Commission Regulations (EU) 2023/2831 and 2023/2832) ---------------

def _funded_activity_sells(s: Screening) -> bool:
    """The activity the money goes to is an undertaking: it sells on a market itself, or the
    organisation's market part is not kept apart in the accounts (state aid is functional)."""
    i = s.initiative
    return i.activity_sells_on_market is True or (i.org_sells_elsewhere is True and i.separate_accounts is False)


def public_support_window(s: Screening, years: int) -> tuple[Decimal, int]:
    """The largest public support over any `years` consecutive years, and over how many years:
    from the budget's public inputs when it has any (the amounts already written there), else
    from the yearly amount asked for, times the agreement's length (at most `years`)."""
    per_year = summarise(s.budget).public_per_year()
    if any(per_year.values()):
        first, last = min(per_year), max(per_year)
        span = min(years, last - first + 1)
        windows = [sum((per_year.get(y, Decimal(0)) for y in range(start, start + span)), Decimal(0))
                   for start in range(first, last - span + 2)]
        return max(windows), span
    i = s.initiative
    if not i.public_amount_per_year:
        return Decimal(0), 0
    span = min(Decimal(str(i.planned_years)), years) if i.planned_years else Decimal(years)
    return Decimal(i.public_amount_per_year) * span, span


@check("above_de_minimis")
def _above_de_minimis(s: Screening, fw: Framework) -> list[str]:
    """The funded activity sells on a market and the public support over any three years is above
    the de minimis ceiling (Regulation (EU) 2023/2831): it then needs another basis, such as the
    SGEI decision 2012/21/EU (the finding's text says so)."""
    if not _funded_activity_sells(s):
        return []
    support, years = public_support_window(s, int(fw.parameter("de_minimis_years")))
    rate = fw.parameter("sek_per_eur")
    eur, sgei = fw.parameter("de_minimis_eur"), fw.parameter("sgei_de_minimis_eur")
    if support <= eur * rate:
        return []
    lines = [
        t("state_aid.support", fw.lang, amount=format_sek(support, fw.lang), years=format_number(years, fw.lang)),
        t("state_aid.ceiling", fw.lang, eur=format_number(eur, fw.lang), amount=format_sek(eur * rate, fw.lang),
          rate=format_number(rate, fw.lang)),
        t("state_aid.sgei", fw.lang, eur=format_number(sgei, fw.lang), amount=format_sek(sgei * rate, fw.lang)),
    ]
    if support > sgei * rate:
        lines.append(t("state_aid.above_both", fw.lang))
    return lines
