"""The value-declaration page (AppTest): every point on its own, three states, signer, context."""

from __future__ import annotations

import re
from datetime import date

import pytest

from iop_core.screening.model import VALUE_POINTS, Screening
from tests.support.apptest import PAGES, alerts, app, gen, model


def screening(fw: str = "mora") -> Screening:
    s = Screening(framework=fw)
    s.organisation.name = "Föreningen Test (fiktiv)"
    return s


def texts(at) -> str:
    parts = [*alerts(at), *(e.value for kind in ("title", "subheader", "markdown", "caption") for e in getattr(at, kind))]
    return re.sub(r"\\(.)", r"\1", " ".join(parts))  # as shown: markdown escapes removed


def point(at, pid: str):
    return at.radio(key=f"value_declaration.confirmed.{pid}@{gen(at)}")


def sign(at) -> None:
    at.text_input(key=f"value_declaration.signer_name@{gen(at)}").input("Anna Lind").run()
    at.text_input(key=f"value_declaration.signer_role@{gen(at)}").input("Ordförande").run()
    at.text_input(key=f"value_declaration.signer_organisation@{gen(at)}").input("Föreningen Test (fiktiv)").run()
    at.date_input(key=f"value_declaration.signed_on@{gen(at)}").set_value(date(2026, 11, 24)).run()


def test_every_point_is_its_own_control_in_moras_words():
    at = app(screening(), "values")
    radios = {r.key.split("@")[0].rsplit(".", 1)[1]: r for r in at.radio if r.key.startswith("value_declaration.")}
    assert list(radios) == list(VALUE_POINTS)
    assert all(r.options == ["Intygar", "Kan inte intyga", "Inte besvarad"] for r in radios.values())
    assert all(r.value == "__unknown__" for r in radios.values())
    assert radios["4d"].label == "4d – Funktionsnedsättning"
    assert radios["6"].label == "6. motarbetar det demokratiska styrelseskicket"
    page = texts(at)
    assert "Undertecknad som representant för Föreningen Test (fiktiv) intygar" in page
    assert "dess ägare, alla underavdelningar" in page
    assert "Mora: skriv under innan dialogen börjar" in page


def test_three_states_and_the_blocker_names_the_point():
    at = app(screening(), "values")
    point(at, "4c").set_value(False).run()
    assert model(at).value_declaration.confirmed == {"4c": False}
    blocker = [e.value for e in at.error if "Värdegrundsförklaringen är inte klar" in e.value]
    assert blocker and "Hinder" in blocker[0] and "Punkt 4c kan inte intygas" in blocker[0]
    assert any("Minst en punkt kan inte intygas" in e.value for e in at.error)
    point(at, "4c").set_value(True).run()
    assert model(at).value_declaration.confirmed == {"4c": True}
    point(at, "4c").set_value("__unknown__").run()
    assert model(at).value_declaration.confirmed == {}


def test_confirming_all_points_and_signing_completes_the_declaration():
    at = app(screening(), "values")
    for pid in VALUE_POINTS:
        point(at, pid).set_value(True).run()
    assert any("Underskriftens namn saknas" in e.value for e in at.error)
    sign(at)
    vd = model(at).value_declaration
    assert (vd.signer_name, vd.signer_role, vd.signed_on) == ("Anna Lind", "Ordförande", date(2026, 11, 24))
    assert any("Förklaringen är klar" in s.value and "13 av 13" in s.value for s in at.success)
    assert not any("Värdegrundsförklaringen är inte klar" in e.value for e in at.error)


def test_signers_organisation_shows_the_organisation_and_counts_it():
    """Issue #13 point 4: what the field shows is what the app counts, never a grey hint."""
    at = app(screening(), "values")
    field = at.text_input(key=f"value_declaration.signer_organisation@{gen(at)}")
    assert field.value == "Föreningen Test (fiktiv)" and not field.placeholder
    for pid in VALUE_POINTS:
        point(at, pid).set_value(True).run()
    at.text_input(key=f"value_declaration.signer_name@{gen(at)}").input("Anna Lind").run()
    at.text_input(key=f"value_declaration.signer_role@{gen(at)}").input("Ordförande").run()
    at.date_input(key=f"value_declaration.signed_on@{gen(at)}").set_value(date(2026, 11, 24)).run()
    page = texts(at)
    assert "Underskriftens organisation saknas" not in page
    assert any("Förklaringen är klar" in s.value for s in at.success)


def test_answers_survive_page_changes():
    at = app(screening(), "values")
    point(at, "2").set_value(True).run()
    point(at, "routines").set_value(False).run()
    at.text_input(key=f"value_declaration.signer_name@{gen(at)}").input("Anna Lind").run()
    for page in ("documents", "summary", "start", "values"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception
    assert point(at, "2").value is True and point(at, "routines").value is False
    assert at.text_input(key=f"value_declaration.signer_name@{gen(at)}").value == "Anna Lind"


@pytest.mark.parametrize("fw, words", [
    ("botkyrka", ["den lokala överenskommelsens principer", "självständighet och oberoende", "Botkyrka Samverkan med idéburna organisationer"]),
    ("helsingborg", ["demokrativillkor", "Helsingborg.se", "sex principer", "Helsingborg 1.2; Helsingborg 2.2.1"]),
    ("vgr", ["VGR Hur kan avtalet se ut? punkt 2"]),
    ("skr", ["SKR: ingen förklaring att skriva under", "frivillig"]),
])
def test_framework_context(fw, words):
    page = texts(app(screening(fw), "values"))
    for word in words:
        assert word in page, (fw, word)


def test_skr_has_no_declaration_to_sign():
    """Only Mora asks for the declaration: under SKR a refused point is no finding at all."""
    at = app(screening("skr"), "values")
    point(at, "1").set_value(False).run()
    assert not [e for e in [*at.error, *at.warning] if "Värdegrundsförklaringen är inte klar" in e.value]
