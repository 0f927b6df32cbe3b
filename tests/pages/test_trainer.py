"""Trainer page (AppTest): gallery, "Tänk om…" switches with cited changes, presentation view."""

import json

import pytest

from iop_core.report.what_if import switch, switches
from iop_core.rules.catalogue import frameworks
from iop_core.screening.demo import demo_cases, load_demo
from tests.support.apptest import alerts, app, gen, model

REQUIRED_CASES = {
    "genuine_iop", "disguised_procurement", "grant_fits_better", "unsigned_declaration", "public_pays_all",
    "commercial_competition",
}


def _what_if(at):
    return at.radio(key=f"trainer.what_if@{gen(at)}")


def _text(at) -> str:
    return " ".join([*alerts(at), *(m.value for m in [*at.markdown, *at.header, *at.subheader]),
                     *(c.value for c in at.caption)])


def _chart(at) -> dict:
    [chart] = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def _points(spec: dict) -> list[dict]:
    layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    return layer["data"]["values"]


def test_gallery_shows_every_demo_case_with_its_story_and_opens_it():
    assert REQUIRED_CASES <= {c.id for c in demo_cases()}
    at = app(page="trainer")
    gallery = next(e for e in at.expander if e.label.startswith("Exempel att visa"))
    text = " ".join(m.value for m in gallery.markdown)
    for case in demo_cases():
        assert case.title in text and case.teaches in text
    at.button(key="trainer_open_grant_fits_better").click().run()
    assert not at.exception
    assert model(at).demo_case == "grant_fits_better"
    assert any("Öppnat: Schackklubben" in s.value for s in at.success)
    assert "Aktuellt fall\\: Schackklubben" in _text(at)  # shown through plain()


def test_opening_an_example_over_own_input_asks_first_and_can_be_undone():
    """Issue #13 point 2: "Öppna exemplet" never silently replaces what the user entered."""
    from iop_core.screening.model import Screening

    own = Screening(framework="mora")
    own.organisation.name = "Bygdens idrottsförening"
    own.organisation.contact_name = "Kim Berg"
    at = app(own, page="trainer")
    at.button(key="trainer_open_grant_fits_better").click().run()
    assert model(at).organisation.name == "Bygdens idrottsförening"  # nothing replaced yet
    assert any("ersätts allt du har fyllt i" in w.value for w in at.warning)
    at.button(key="trainer_open_grant_fits_better_no").click().run()  # Avbryt
    assert model(at).organisation.name == "Bygdens idrottsförening"
    assert not any("ersätts" in w.value for w in at.warning)
    at.button(key="trainer_open_grant_fits_better").click().run()
    at.button(key="trainer_open_grant_fits_better_yes").click().run()
    assert model(at).demo_case == "grant_fits_better"
    opened = " ".join(x.value for x in at.success)
    assert "Exemplet använder ramverket" in opened  # a framework change is said, not silent
    at.button(key="trainer_undo").click().run()
    back = model(at)
    assert back.organisation.name == "Bygdens idrottsförening" and back.framework == "mora"
    assert back.organisation.contact_name == "Kim Berg" and back.demo_case == ""
    # Between examples (nothing of the user's own at stake) a trainer is not asked every time.
    at.button(key="trainer_open_grant_fits_better").click().run()
    at.button(key="trainer_open_grant_fits_better_yes").click().run()
    at.session_state["trainer_gallery"] = True  # closed while an example is open; drawn when opened
    at.run().button(key="trainer_open_genuine_iop").click().run()
    assert model(at).demo_case == "genuine_iop"


def test_only_switches_that_change_the_case_are_offered():
    at = app(load_demo("disguised_procurement"), page="trainer")
    offered = set(_what_if(at).options)
    assert "Tänk om avtalet hade vite eller skadestånd" not in offered  # it already has sanctions
    assert "Tänk om det inte fanns några sanktioner" in offered
    assert "Gäller redan i det här fallet" in _text(at)


@pytest.mark.parametrize("switch_id", [sw.id for sw in switches()])
def test_each_switch_shows_its_claim_the_move_and_the_cited_rules(switch_id):
    sw = switch(switch_id)
    case = load_demo(sw.demo_case)
    frozen = case.model_dump_json()
    at = app(case, page="trainer")
    _what_if(at).set_value(sw.id).run()
    assert not at.exception
    text = _text(at)
    assert sw.claim.split(":")[0].replace(".", "\\.") in text
    assert "Det stämmer i det här fallet." in text
    assert "Lutning:" in text and "Regel `" not in text and "Källa:" in text
    assert model(at).model_dump_json() == frozen  # the case itself is never changed
    scenarios = {p["scenario"] for p in _points(_chart(at))}
    assert scenarios == {"Nu", "Tänk om…"}


def test_the_move_is_named_rule_by_rule():
    at = app(load_demo("genuine_iop"), page="trainer")
    _what_if(at).set_value("no_cofinancing").run()
    text = _text(at)
    assert "Grönt – IOP verkar möjligt →" in text and "Gult – Ett bidrag passar bättre" in text
    assert "**Tillkommer:** Organisationen bidrar inte med egna resurser" in text
    assert "`cofinancing.none`" not in text and "SKR 2.5" in text  # the rule by its title, not its id
    assert "**Försvinner:** Organisationen bidrar med egna resurser" in text
    assert "Budgeten är omräknad så att organisationen står för 0 %" in text


def test_presentation_view_hides_the_sidebar_and_draws_large():
    at = app(load_demo("genuine_iop"), page="trainer")
    normal = _chart(at)
    at.toggle(key="trainer_present").set_value(True).run()
    assert not at.exception
    css = [m.value for m in at.markdown if m.value.startswith("<style>")]
    assert css and 'section[data-testid="stSidebar"]' in css[0] and "display: none" in css[0]
    assert not [e for e in at.expander if e.label.startswith("Exempel att visa")]  # no gallery clutter
    large = _chart(at)
    assert large["height"] > normal["height"]
    fonts = [layer["mark"].get("fontSize") for layer in large["layer"] if layer["mark"]["type"] == "text"]
    assert min(fonts) >= 20
    at.toggle(key="trainer_present").set_value(False).run()
    assert not [m for m in at.markdown if m.value.startswith("<style>")]


def test_the_picture_places_each_framework_with_text_not_only_colour():
    at = app(load_demo("disguised_procurement"), page="trainer")
    points = _points(_chart(at))
    assert [p["name"] for p in points] == [fw.short for fw in frameworks().values()]
    assert all(p["zone"] == "procurement" and p["label"] == "Rött: Risk för upphandling" for p in points)


def test_an_own_screening_is_labelled_and_can_be_tried_too():
    s = load_demo("genuine_iop")
    s.demo_case = ""  # e.g. a file the organisation saved
    at = app(s, page="trainer")
    assert "Aktuellt fall\\: din egen bedömning" in _text(at)
    _what_if(at).set_value("sanctions_on").run()
    assert "Det stämmer i det här fallet." in _text(at)
    assert model(at).initiative.sanctions is False


def test_what_if_shows_no_internal_rule_ids_and_one_icon_per_box():
    """Issue #13 point 9: "Regel sanctions.present" and a doubled warning icon are gone."""
    at = app(load_demo("genuine_iop"), page="trainer")
    radio = _what_if(at)
    for option in radio.options[1:]:
        at = app(load_demo("genuine_iop"), page="trainer")
        _what_if(at).set_value(next(sw.id for sw in switches() if sw.label == option)).run()
        text = _text(at)
        assert "Regel " not in text and "sanctions.present" not in text, option
    at = app(load_demo("disguised_procurement"), page="trainer")
    from iop_core.i18n import t
    icons = {t(f"picture.icon_{light}", "sv") for light in ("green", "amber", "red")}
    for box in [*at.success, *at.warning, *at.error]:
        assert not any(box.value.lstrip("*").startswith(i) for i in icons), box.value


def test_tank_om_names_the_step_that_decided_before_and_after():
    """Issue #21: the what-if shows which step of the legal test decided, before and after."""
    at = app(load_demo("genuine_iop"), "trainer")
    _what_if(at).set_value("per_unit_payment").run()
    assert not at.exception
    text = _text(at).replace("\\", "")
    assert ("Avgörande steg: ✓ Bidrag eller partnerskap? (inget hinder för ett IOP) → "
            "✗ Köper den offentliga parten en tjänst? (hinder för ett IOP)") in text
    # and why the new step decides so, from the path
    assert "✗ Köper den offentliga parten en tjänst? (hinder för ett IOP): ja, det finns ett ekonomiskt inslag" in text
