"""AppTest: the agreement outline page (prefill, edit, reset, word check, framework switch)."""

from __future__ import annotations

from iop_core.rules.outlines import outline_for
from iop_core.screening.model import MAX_TEXT
from tests.support.apptest import app, gen, model, shown
from tests.support.screenings import demo


def key(at, section_id: str) -> str:
    return f"agreement.sections.{section_id}@{gen(at)}"


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_every_section_of_the_chosen_framework_is_prefilled_and_labelled():
    at = app(demo("genuine_iop"), "agreement")
    areas = at.text_area
    assert [a.label for a in areas] == [f"Text till {s.label}" for s in outline_for("skr").sections]
    assert at.text_area(key=key(at, "target_group")).value == "Barn i årskurs 4–9 i Gränsbyn och deras föräldrar."
    assert "6\u00a0050\u00a0000\u00a0kr" in at.text_area(key=key(at, "economy")).value
    assert "inte en ansökan" in at.info[0].value
    assert sum("Förslag från appen" in m.value for m in at.markdown) == len(areas)  # above each suggestion


def test_an_edit_is_stored_checked_and_can_be_reset():
    at = app(demo("genuine_iop"), "agreement")
    at.text_area(key=key(at, "target_group")).set_value("Alla barn. Uppdraget gäller hela kommunen.").run()
    assert model(at).agreement.sections == {"target_group": "Alla barn. Uppdraget gäller hela kommunen."}
    assert "Ändrad av dig" in captions(at)
    assert any(shown(w.value).startswith("Skriv om meningen: ”Uppdraget gäller hela kommunen.” (”Uppdraget” – välj hellre ”projekt”)")
               for w in at.warning)

    at.button(key=f"reset_{key(at, 'target_group')}").click().run()
    assert model(at).agreement.sections == {}
    assert at.text_area(key=key(at, "target_group")).value == "Barn i årskurs 4–9 i Gränsbyn och deras föräldrar."


def test_text_equal_to_the_suggestion_is_not_stored():
    at = app(demo("genuine_iop"), "agreement")
    area = at.text_area(key=key(at, "goal"))
    area.set_value(area.value + " ").run()
    assert "goal" in model(at).agreement.sections
    at.text_area(key=key(at, "goal")).set_value(demo("genuine_iop").initiative.goal).run()
    assert "goal" not in model(at).agreement.sections


def test_a_text_is_capped_at_the_models_limit():
    at = app(demo("genuine_iop"), "agreement")
    at.text_area(key=key(at, "goal")).set_value("a" * (MAX_TEXT + 1)).run()
    assert not at.exception
    assert len(model(at).agreement.sections["goal"]) == MAX_TEXT


def test_contact_persons_update_the_suggestion_until_edited():
    at = app(demo("genuine_iop"), "agreement")
    at.text_input(key=f"agreement.contact_public@{gen(at)}").set_value("Eva Berg, eva@example.se").run()
    assert model(at).agreement.contact_public == "Eva Berg, eva@example.se"
    assert "Eva Berg, eva@example.se" in at.text_area(key=key(at, "contacts")).value


def test_switching_framework_shows_its_headings_and_keeps_edits():
    s = demo("genuine_iop")
    s.agreement.sections = {"goal": "Vårt eget mål."}
    s.framework = "helsingborg"
    at = app(s, "agreement")
    labels = [a.label for a in at.text_area]
    assert labels[0] == "Text till 2.1 Namn på partnerskapet" and labels[-1] == "Text till 2.12 Underskrift"
    assert at.text_area(key=key(at, "goal")).value == "Vårt eget mål."
    assert "Ändrad av dig" in captions(at)


def test_botkyrka_explains_why_skr_headings_are_used():
    s = demo("initiative_by_municipality")
    at = app(s, "agreement")
    assert "Botkyrkas riktlinjer har ingen egen mall" in captions(at)


def test_the_pdf_can_be_built_from_the_agreement_page():
    at = app(demo("genuine_iop"), "agreement")
    at.button(key="report_pdf_build_agreement").click().run()
    assert at.session_state["report_pdf"]["data"].startswith(b"%PDF")
