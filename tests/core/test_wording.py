"""The SKR kap. 3 word check: words, sentences, negation, allowed vocabulary, and that it is
advice only (issue 21: it never moves a verdict or a traffic light)."""

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_core.rules import catalogue
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import CatalogueError, framework, frameworks
from iop_core.rules.checks import free_texts, word_hits
from iop_core.rules.wording import MAX_SENTENCE_CHARS, by_sentence, check_text
from iop_core.screening.model import Screening
from tests.support.screenings import demo
from tests.support.strategies import screenings


def words(text):
    return [(h.word, h.prefer) for h in check_text(text)]


def test_every_term_of_the_skr_table_is_found_in_base_form():
    text = "uppdrag kontrakt anskaffning ersättning fakturering kontraktspart rätt att häva skadestånd vite"
    prefer = {h.avoid: h.prefer for h in check_text(text)}
    assert prefer == {
        "uppdrag": "projekt",
        "kontrakt": "överenskommelse",
        "anskaffning": "partnerskap",
        "ersättning": "utbetalning",
        "fakturering": "samfinansiering",
        "kontraktspart": "partner",
        "rätt att häva": "rätt att lämna projektet",
        "skadestånd": "återbetalning",
        "vite": "återbetalning",
    }


def test_inflected_forms_and_compounds():
    found = [w for w, _ in words("Uppdraget ger ersättningen. Vitet och avtalsvite, faktureras via fakturaadress; hävningsrätt; skadeståndet.")]
    assert found == ["Uppdraget", "ersättningen", "Vitet", "avtalsvite", "faktureras", "fakturaadress", "hävningsrätt", "skadeståndet"]


def test_kontraktspart_is_not_also_reported_as_kontrakt():
    assert words("kontraktsparten") == [("kontraktsparten", "partner")]


def test_partnership_words_and_lookalikes_are_not_flagged():
    assert words("Projektet är ett partnerskap med samfinansiering, utbetalning och återbetalning. Vi har vita väggar och invite.") == []


def test_sanction_words_carry_the_sanctions_citation():
    (hit,) = check_text("vite")
    assert hit.sanction
    assert [c.section for c in hit.citations] == ["4.4.5", "kap. 3"]
    (hit,) = check_text("uppdrag")
    assert not hit.sanction and [c.section for c in hit.citations] == ["kap. 3"]


def test_positions_point_at_the_word():
    text = "Vi får ersättning."
    (hit,) = check_text(text)
    assert text[hit.start:hit.end] == "ersättning"


def test_every_free_text_is_checked():
    s = Screening()
    s.initiative.challenge = "uppdrag"
    s.initiative.goal = "kontrakt"
    s.initiative.target_group = "anskaffning"
    s.initiative.activities = "ersättning"
    s.initiative.not_included = "fakturering"
    s.budget.terms.payment_how = "vite"
    s.budget.terms.surplus_handling = "skadestånd"
    s.agreement.sections["independence"] = "kontraktspart"
    assert len(free_texts(s)) == 8
    assert len(word_hits(s)) == 8
    # an agreement section is named as the outline names it, not by its id
    assert free_texts(s)["Avtalsutkast: 6 En fristående verksamhet"] == "kontraktspart"


def test_rewording_in_the_outline_clears_the_finding_everywhere():
    """Issue #13 point 5: the outline's rewritten section is the wording that counts, so the
    summary and the PDF (both read the assessment) agree with the outline page."""
    from datetime import date

    from iop_core.report.build import build_report_pdf
    from iop_core.rules.assessment import assess
    from tests.support.pdf import flat

    s = Screening()
    s.initiative.activities = "Läxhjälp två kvällar i veckan mot ersättning från kommunen."
    assert any(f.rule_id == "wording.commercial" for f in assess(s).findings)
    s.agreement.sections["activities"] = "Läxhjälp två kvällar i veckan. Kommunen bidrar med en utbetalning."
    assert not any(f.rule_id == "wording.commercial" for f in assess(s).findings)
    assert word_hits(s) == []
    assert "kommersiella avtal" not in flat(build_report_pdf(s, today=date(2026, 11, 29)))



def test_the_apps_own_next_steps_use_no_word_it_advises_against():
    """The app tells users to reword "ersättning", "faktura", "vite"...: its own next steps (which
    users copy into the agreement) must not use them (issue #13 point 5), read with the
    framework's allow-list (a "politiskt uppdrag" is allowed, issue 21). The word check's own
    rules (wording.*) name the words to replace by design."""
    from iop_core.report.summary import routes
    from iop_core.rules.wording import check_texts

    routes_text = {f"route {r.id}": r.text for rs in routes().values() for r in rs}
    hits = []
    for fw in frameworks().values():
        texts = {f"{fw.id} {r.id}": r.next_step for r in fw.rules if not r.id.startswith("wording.")}
        hits += check_texts({**texts, **routes_text}, fw.wording.phrases)
    assert not hits, [(h.field, h.word) for h in hits]


# --- Issue 21: advice that marks sentences, reads negation, allows each framework's words --------

@pytest.mark.parametrize("text", [
    "Ingen part kan kräva vite eller skadestånd.",
    "Överenskommelsen är inte ett offentligt kontrakt.",
    "Projektet genomförs utan vite.",
    "Det finns inga sanktioner som vite.",
    "Varken vite eller skadestånd kan krävas.",
    "Parterna kräver aldrig skadestånd.",
    "Vid försening utgår ej vite.",
    "Ingen part kan kräva vite, skadestånd eller annan sanktion.",
    "Parterna är överens om att ingen part kan kräva vite.",
    # SKR kap. 3's own riktmärken read as they are meant
    "IOP avser en fristående verksamhet som inte tillkommit på uppdrag av den offentliga parten.",
    "Resurser vilka tillförs projektet utan krav på ersättning.",
])
def test_a_negated_word_is_not_a_hit(text):
    assert check_text(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("Vid försening utgår vite.", ["vite"]),
    ("Kommunen får kräva skadestånd.", ["skadestånd"]),
    # a negation in a condition negates the condition, not the sanction
    ("Om avtalet inte följs utgår vite.", ["vite"]),
    ("Ifall föreningen inte levererar har kommunen rätt till skadestånd.", ["skadestånd"]),
    # "inte A utan B" affirms B
    ("Det är inte ett bidrag utan ett kontrakt.", ["kontrakt"]),
    # a negation in another clause or sentence, or too far back, negates nothing here
    ("Kommunen betalar inte hyran, men föreningen får ersättning.", ["ersättning"]),
    ("Ingen part är vinstdriven. Vid försening utgår vite.", ["vite"]),
    ("Inget av detta hindrar att parten i slutet av perioden efter en skriftlig påminnelse betalar vite.", ["vite"]),
    # a negation after the word is not read
    ("Vite utgår inte.", ["Vite"]),
])
def test_an_affirmed_word_is_still_a_hit(text, found):
    assert [h.word for h in check_text(text)] == found


def test_a_hit_carries_the_sentence_it_sits_in():
    text = "Vi träffas varje vecka. Föreningen får ersättning för uppdraget!\nVid försening utgår vite"
    hits = check_text(text, "Aktiviteter")
    assert [(h.word, h.sentence) for h in hits] == [
        ("ersättning", "Föreningen får ersättning för uppdraget!"),
        ("uppdraget", "Föreningen får ersättning för uppdraget!"),
        ("vite", "Vid försening utgår vite"),
    ]
    assert [[h.word for h in group] for group in by_sentence(hits)] == [["ersättning", "uppdraget"], ["vite"]]
    # the per-word details stay as they were
    first = hits[0]
    assert (first.field, first.avoid, first.prefer, text[first.start:first.end]) == (
        "Aktiviteter", "ersättning", "utbetalning", "ersättning")


def test_a_decimal_point_is_no_sentence_end_and_a_long_sentence_is_cut_around_the_word():
    (hit,) = check_text("Kommunen betalar 3.5 miljoner i ersättning.")
    assert hit.sentence == "Kommunen betalar 3.5 miljoner i ersättning."
    long = "ord " * 200 + "vite " + "ord " * 200
    (hit,) = check_text(long)
    assert "vite" in hit.sentence and hit.sentence.startswith("…") and hit.sentence.endswith("…")
    assert len(hit.sentence) <= MAX_SENTENCE_CHARS + 2


def test_the_finding_and_the_hint_say_which_sentence_to_rewrite():
    from iop_core.rules.checks import describe_sentence

    s = Screening()
    s.initiative.activities = "Föreningen får ersättning för uppdraget. Vi ses."
    (finding,) = [f for f in assess_all(s)[0].findings if f.rule_id == "wording.commercial"]
    assert finding.facts == ["Aktiviteter: skriv om meningen ”Föreningen får ersättning för uppdraget.” "
                             "(”ersättning” – välj hellre ”utbetalning”; ”uppdraget” – välj hellre ”projekt”)."]
    hint = describe_sentence(check_text(s.initiative.activities), "sv", inline=True)
    assert hint.startswith("Skriv om meningen: ”Föreningen får ersättning för uppdraget.”")


def test_a_sentence_names_each_word_once_and_at_most_a_few():
    from iop_core.rules.checks import MAX_SWAPS, describe_sentence

    hits = check_text("vite vite vite " + " ".join(f"{c}uppdrag" for c in "abcdefgh"))
    line = describe_sentence(hits, "sv", inline=True)
    assert line.count("”vite”") == 1
    assert line.count("välj hellre") == MAX_SWAPS and "och 4 ord till" in line


def test_the_national_allow_list_keeps_political_mandates_and_travel_reimbursement():
    allowed = framework("skr").wording.phrases
    text = ("Nämnden har gett ett politiskt uppdrag. Uppdraget från nämnden gäller fem år. "
            "Frivilliga får reseersättning och milersättning enligt föreningens regler.")
    assert check_text(text, allowed=allowed) == []
    assert [h.word for h in check_text(text)] == ["uppdrag", "Uppdraget", "reseersättning", "milersättning"]
    # the allow-list is phrases, not words: a payment for the activity is still a hit
    assert [h.word for h in check_text("Föreningen får ersättning för läxhjälpen.", allowed=allowed)] == ["ersättning"]


@pytest.mark.parametrize(("fid", "text"), [
    ("helsingborg", "Ersättningen betalas kvartalsvis. Omförhandling, hävningsrätt samt tvist."),
    ("mora", "Ekonomi, fakturaadress. Omförhandling, uppsägning, hävning och tvist."),
    ("vgr", "Det finns ett politiskt uppdrag (Avtal och beslut). Hävning och tvist."),
])
def test_a_frameworks_own_words_are_allowed_under_it_only(fid, text):
    assert check_text(text, allowed=framework(fid).wording.phrases) == []
    assert check_text(text, allowed=framework("botkyrka").wording.phrases) != []


def test_each_allowed_phrase_is_cited():
    for fw in frameworks().values():
        for entry in (*fw.wording.national, *fw.wording.own):
            assert entry.citations, (fw.id, entry.phrase)
    own = {fid: {w.phrase: [c.section for c in w.citations] for w in fw.wording.own} for fid, fw in frameworks().items()}
    assert own["helsingborg"] == {"ersättningen*": ["2.7"], "hävningsrätt*": ["2.9"]}
    assert own["vgr"]["politisk* uppdrag*"] == ["Avtal och beslut"]
    assert own["mora"]["fakturaadress*"] == ["Det skriftliga partnerskapet punkt 12"]


def test_the_screenings_framework_decides_what_is_allowed():
    s = Screening(framework="helsingborg")
    s.budget.terms.payment_how = "Ersättningen betalas kvartalsvis."
    assert word_hits(s) == []
    s.framework = "skr"
    assert [h.word for h in word_hits(s)] == ["Ersättningen"]


# --- The word check never moves a verdict or a light ------------------------------------------

def _without_texts(s: Screening) -> Screening:
    s = s.model_copy(deep=True)
    for name in ("challenge", "goal", "target_group", "activities", "not_included"):
        setattr(s.initiative, name, "")
    s.budget.terms.payment_how = s.budget.terms.surplus_handling = ""
    s.agreement.sections = {}
    return s


def _verdicts(s: Screening) -> dict:
    return {a.framework: (a.classification, a.traffic_light, a.summary, a.scores, a.position) for a in assess_all(s)}


def test_a_volunteers_words_give_advice_but_never_move_the_verdict_or_the_light():
    """Issue 21 point 3: a volunteer's summary went amber only because the free text said
    "uppdraget" and "ersättning"; the word check is advice, and the headline never names it."""
    s = demo("genuine_iop")
    s.initiative.activities = ("Uppdraget är läxhjälp tre kvällar i veckan. Föreningen får ersättning från "
                               "kommunen för lokalen, och de frivilliga får reseersättning.")
    s.budget.terms.surplus_handling = "Vid försening utgår vite. Ingen part kan kräva skadestånd."
    results = assess_all(s)
    for a in results:
        advice = {f.rule_id: f for f in a.findings if f.rule_id.startswith("wording.")}
        assert set(advice) == {"wording.commercial", "wording.sanctions"}, a.framework
        assert all((f.direction, f.severity, f.points) == ("neutral", "info", 0) for f in advice.values())
        assert "”reseersättning” –" not in " ".join(advice["wording.commercial"].facts)
        assert "Ingen part" not in " ".join(advice["wording.sanctions"].facts)
        assert (a.classification, a.traffic_light) == ("iop", "green"), a.framework
    assert _verdicts(s) == _verdicts(_without_texts(s))


@pytest.mark.parametrize("case", ["genuine_iop", "disguised_procurement", "initiative_by_municipality"])
def test_wording_never_changes_a_demo_cases_verdict(case):
    s = demo(case)
    s.initiative.goal = "Uppdraget ger ersättning mot faktura. Vid försening utgår vite och skadestånd."
    s.agreement.sections = {"renegotiation": "Kommunen har rätt att häva kontraktet och kräva vite."}
    assert _verdicts(s) == _verdicts(_without_texts(s))


VOCABULARY = [
    # SKR kap. 3's avoid-words, inflected and in compounds
    "uppdrag", "uppdraget", "kontrakt", "kontraktspart", "anskaffning", "ersättning", "ersättningen",
    "faktura", "fakturering", "häva", "hävning", "hävningsrätt", "skadestånd", "vite", "vitet", "avtalsvite",
    # negations, conditions, clause words and allowed phrases
    "inte", "ingen", "inga", "utan", "varken", "eller", "aldrig", "ej", "om", "när", "men", "att",
    "politiskt uppdrag", "reseersättning", "fakturaadress",
    # filler and punctuation
    "föreningen", "kommunen", "läxhjälp", "barn", "får", "betalar", "kan", "kräva", "vid", "försening",
    ".", ",", "!", "?", ";", "\n", "3.5",
]
FIELDS = ["challenge", "goal", "target_group", "activities", "not_included", "payment_how", "surplus_handling",
          "renegotiation"]


def _with_texts(s: Screening, texts: dict[str, str]) -> Screening:
    s = s.model_copy(deep=True)
    for name, text in texts.items():
        if name == "renegotiation":
            s.agreement.sections[name] = text
        elif name in ("payment_how", "surplus_handling"):
            setattr(s.budget.terms, name, text)
        else:
            setattr(s.initiative, name, text)
    return s


texts = st.dictionaries(st.sampled_from(FIELDS),
                        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30).map(" ".join), max_size=4)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["genuine_iop", "disguised_procurement", "public_pays_all", "unsigned_declaration"]), texts)
def test_no_free_text_changes_any_verdict_or_light(case, drawn):
    base = _without_texts(demo(case))
    with_words = {a.framework: (a.classification, a.traffic_light) for a in assess_all(_with_texts(base, drawn))}
    assert with_words == {a.framework: (a.classification, a.traffic_light) for a in assess_all(base)}


@settings(max_examples=60, deadline=None)
@given(screenings(), texts)
def test_no_free_text_changes_any_verdict_or_light_on_random_facts(s, drawn):
    with_words = {a.framework: (a.classification, a.traffic_light) for a in assess_all(_with_texts(s, drawn))}
    assert with_words == {a.framework: (a.classification, a.traffic_light) for a in assess_all(s)}


# --- The allow-list is validated data ----------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(catalogue.DATA, target)
    monkeypatch.setattr(catalogue, "DATA", target)
    loaders = (catalogue.sources, catalogue.questions, catalogue.base_rules, catalogue.frameworks, catalogue.document_specs)
    for fn in loaders:
        fn.cache_clear()
    yield target
    for fn in loaders:
        fn.cache_clear()


@pytest.mark.parametrize(("table", "message"), [
    ('[wording]\nallowd = []\n', "allowd"),
    ('[[wording.allowed]]\nphrase = "ersättningen"\n', "citations"),
    ('[[wording.allowed]]\nphrase = "ersättningen"\ncitations = [{ document = "skr", section = "9.9" }]\n',
     "not a known section"),
    ('[[wording.allowed]]\nphrase = "uppsägning"\ncitations = [{ document = "skr", section = "kap. 3" }]\n',
     "holds no word the word check flags"),
    ('[[wording.allowed]]\nphrase = "ersättning|vite"\ncitations = [{ document = "skr", section = "kap. 3" }]\n',
     "phrase"),
    ('[wordings]\nallowed = []\n', "wordings"),
])
def test_a_bad_allow_list_stops_the_catalogue(data_copy, table, message):
    path = data_copy / "frameworks" / "mora.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        frameworks()


def test_a_bad_national_allow_list_stops_the_catalogue(data_copy):
    (data_copy / "wording.toml").write_text('[[allowed]]\nphrase = "reseersättning"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="wording.toml"):
        frameworks()
