"""A volunteer's own case from an empty screening (issue #13): every step filled in the real UI,
budget rows added by mouse, the value declaration signed, the PDF downloaded; the saved file
holds every value that was typed or chosen."""

from __future__ import annotations

import json

import pytest

from iop_core.rules.catalogue import questions_for
from iop_core.screening.model import VALUE_POINTS
from tests.e2e.conftest import goto_page, screenshot, wait_idle
from tests.e2e.test_budget import _cell_xy, _choose, _scroll_to, _selected_column, _type_row, _wait_metric

pytestmark = pytest.mark.browser

ORG = {"Organisationens namn": "Bygdens idrottsförening", "Organisationsnummer": "802400-1234",
       "Kontaktperson": "Kim Berg", "E-post till kontaktpersonen": "kim.berg@example.org"}
PARTNER = "Kommun eller region"  # the label starts with this
TEXTS = {"challenge": "Unga i byn saknar en trygg plats efter skolan.",
         "goal": "Fler unga klarar skolan och rör på sig.",
         "target_group": "Barn och unga 10–15 år i byn.",
         "activities": "Läxhjälp två kvällar i veckan och idrott på lördagar."}


def _radio(page, label: str, option: str) -> None:
    group = page.locator('[data-testid="stRadio"]', has=page.get_by_text(label, exact=True)).first
    group.get_by_text(option, exact=True).click()
    wait_idle(page)


def _fill(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    wait_idle(page)


def test_a_volunteers_own_case_from_empty_to_pdf_keeps_every_value(page, tmp_path):
    # Start: who, the organisation
    _radio(page, "Vem är du?", "Jag företräder en idéburen organisation")
    for label, text in ORG.items():
        _fill(page, label, text)
    partner = page.locator('[data-testid="stTextInput"]', has_text=PARTNER).locator("input").first
    partner.fill("Byköpings kommun, fritidsnämnden")
    partner.press("Tab")
    wait_idle(page)

    # Initiativet: every question of the framework, and the free texts
    goto_page(page, "Initiativet")
    asked = [q for q in questions_for("skr") if q.group not in ("statutes",) and not q.id.startswith("statutes.")]
    answers = {}
    for q in asked:
        box = page.locator('[data-testid="stRadio"], [data-testid="stNumberInput"]',
                           has=page.get_by_text(q.label, exact=True)).first
        if box.count() == 0:
            continue  # asked on another page (Dokument)
        if q.kind == "number":
            field = box.locator("input").first
            field.fill("3")
            field.press("Tab")
            answers[q.id] = 3
        else:
            value, label = (True, "Nej") if q.kind == "bool" else next(iter(q.choices.items()))
            if q.kind == "bool":
                value = False
            box.get_by_text(label, exact=True).first.click()
            answers[q.id] = value
        wait_idle(page)
    for name, text in TEXTS.items():
        area = page.locator(f'[data-testid="stTextArea"] textarea').nth(list(TEXTS).index(name))
        area.fill(text)
        area.press("Tab")
        wait_idle(page)
    screenshot(page, "volunteer_initiative")

    # Dokument: the statutes questions
    goto_page(page, "Dokument")
    from iop_core.rules.catalogue import questions

    _radio(page, questions()["statutes.has_statutes"].label, "Ja")
    screenshot(page, "volunteer_documents")

    # Värdegrund: every point confirmed, signed
    goto_page(page, "Värdegrund")
    for radio in page.locator('[data-testid="stRadio"]').all():
        radio.get_by_text("Intygar", exact=True).click()
        wait_idle(page)
    _fill(page, "Namn", "Anna Lind")
    _fill(page, "Roll i organisationen", "Ordförande")
    page.locator('[data-testid="stDateInput"] [role="spinbutton"][data-type="year"]').first.click()
    page.keyboard.type("20261129", delay=60)  # year, month, day: each part moves on by itself
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Underskrift").click()  # leaving the field commits the date
    wait_idle(page)
    try:
        page.locator('[data-testid="stAlert"]', has_text="Förklaringen är klar").first.wait_for(timeout=10_000)
    finally:
        screenshot(page, "volunteer_values")
    screenshot(page, "volunteer_values")

    # Budget: two rows by mouse
    goto_page(page, "Budget")
    _scroll_to(page, "Vem bidrar med vad?")
    grid = page.locator('[data-testid="stDataFrame"]').first
    for i, (party, category, typed) in enumerate([("Offentlig part", "Pengar", ["1", "150000"]),
                                                  ("Organisationen", "Ideellt arbete", ["400"])]):
        x, y = _cell_xy(grid, i, "Part")
        page.mouse.click(x, y)
        page.get_by_role("option", name=party, exact=True).click()
        wait_idle(page)
        _choose(page, grid, i, "Kategori", category)
        x, y = _cell_xy(grid, i, "Antal")
        while _selected_column(page) != "Antal":
            page.mouse.click(x, y)
            page.wait_for_timeout(250)
        _type_row(page, typed[:1])
        if len(typed) > 1:
            page.keyboard.press("Tab")
            _type_row(page, typed[1:])
    _wait_metric(page, "Totalt", "270 000 kr")
    screenshot(page, "volunteer_budget")

    # Sammanfattning: the PDF
    goto_page(page, "Sammanfattning")
    page.get_by_role("button", name="Skapa PDF").first.click()
    wait_idle(page)
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Ladda ner PDF").first.click()
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"
    screenshot(page, "volunteer_summary")

    # The saved file holds every value
    with page.expect_download() as dl:
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Spara").click()
    saved = json.loads(open(dl.value.path(), encoding="utf-8").read())
    assert saved["role"] == "organisation" and saved["demo_case"] == ""
    org = saved["organisation"]
    assert (org["name"], org["org_number"], org["contact_name"], org["contact_email"]) == tuple(ORG.values())
    assert org["public_partner"] == "Byköpings kommun, fritidsnämnden"
    for path, value in answers.items():
        section, field = path.split(".")
        assert saved[section][field] == value, path
    for name, text in TEXTS.items():
        assert saved["initiative"][name] == text
    assert saved["statutes"]["has_statutes"] is True
    vd = saved["value_declaration"]
    assert all(vd["confirmed"][p] is True for p in VALUE_POINTS)
    assert (vd["signer_name"], vd["signer_role"], vd["signed_on"]) == ("Anna Lind", "Ordförande", "2026-11-29")
    lines = [(ln["party"], ln["category"], float(ln["quantity"]), float(ln["unit_value"]))
             for ln in saved["budget"]["lines"]]
    assert lines == [("public", "pengar", 1, 150_000), ("organisation", "ideellt arbete", 400, 300)]
