from iop_core.rules.checks import free_texts, word_hits
from iop_core.screening.model import Screening
from iop_core.rules.wording import check_text


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


def test_rewording_in_the_outline_clears_the_finding_everywhere():
    """Issue #13 point 5: the outline's rewritten section is the wording that counts, so the
    summary and the PDF (both read the assessment) agree with the outline page."""
    from iop_core.rules.assessment import assess
    from datetime import date

    from iop_core.report.build import build_report_pdf
    from tests.core.test_report import flat

    s = Screening()
    s.initiative.activities = "Läxhjälp två kvällar i veckan mot ersättning från kommunen."
    assert any(f.rule_id == "wording.commercial" for f in assess(s).findings)
    s.agreement.sections["activities"] = "Läxhjälp två kvällar i veckan. Kommunen bidrar med en utbetalning."
    assert not any(f.rule_id == "wording.commercial" for f in assess(s).findings)
    assert word_hits(s) == []
    assert "kommersiella avtal" not in flat(build_report_pdf(s, today=date(2026, 11, 29)))



def test_the_apps_own_next_steps_use_no_word_it_advises_against():
    """The app tells users to reword "ersättning", "faktura", "vite"...: its own next steps (which
    users copy into the agreement) must not use them (issue #13 point 5). The political sense of
    "uppdrag" (VGR's "politiskt uppdrag") is the source's own term and is allowed, and the word
    check's own rules (wording.*) name the words to replace by design."""
    from iop_core.rules.catalogue import frameworks
    from iop_core.report.summary import routes
    from iop_core.rules.wording import check_texts

    texts = {f"{fw.id} {r.id}": r.next_step for fw in frameworks().values() for r in fw.rules
             if not r.id.startswith("wording.")}
    texts.update({f"route {r.id}": r.text for rs in routes().values() for r in rs})
    hits = [h for h in check_texts(texts) if h.avoid != "uppdrag"]
    assert not hits, [(h.field, h.word) for h in hits]
