"""A volunteer's own case from an empty screening (issue #13): every step filled in the real UI,
budget rows added in the table, the value declaration signed, the PDF downloaded; the saved file
holds every value that was typed or chosen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from iop_core.rules.catalogue import questions, questions_for
from iop_core.screening.model import VALUE_POINTS
from tests.support.browser import fill, goto_page, metric, rerun, screenshot, show
from tests.support.grid import Grid

pytestmark = pytest.mark.browser

ORG = {"Organisationens namn": "Bygdens idrottsförening", "Organisationsnummer": "802400-1234",
       "Kontaktperson": "Kim Berg", "E-post till kontaktpersonen": "kim.berg@example.org"}
PARTNER = "Kommun eller region"  # the label starts with this
TEXTS = {"challenge": "Unga i byn saknar en trygg plats efter skolan.",
         "goal": "Fler unga klarar skolan och rör på sig.",
         "target_group": "Barn och unga 10–15 år i byn.",
         "activities": "Läxhjälp två kvällar i veckan och idrott på lördagar.",
         "not_included": "Resor och mat ingår inte."}


def _radio(page, label: str, option: str) -> None:
    with rerun(page):
        page.get_by_role("radiogroup", name=label, exact=True).get_by_text(option, exact=True).click()


def test_a_volunteers_own_case_from_empty_to_pdf_keeps_every_value(page, tmp_path):
    # Start: who, the organisation
    _radio(page, "Vem är du?", "Jag företräder en idéburen organisation")
    for label, text in ORG.items():
        fill(page.get_by_label(label, exact=True), text)
    fill(page.get_by_test_id("stTextInput").filter(has_text=PARTNER).locator("input"), "Byköpings kommun, fritidsnämnden")

    # Initiativet: every question of the framework, and the free texts
    goto_page(page, "Initiativet")
    asked = [q for q in questions_for("skr") if q.group != "statutes"]  # the statutes are asked on Dokument
    opens_follow_up = {q.ask_if.fact for q in asked if q.ask_if is not None}  # "Ja" here, so its follow-up is asked too
    answers = {}
    tabs = page.get_by_role("tab").all_inner_texts()
    assert tabs[-1] == "Beskrivning", tabs
    for i, _tab in enumerate(tabs[:-1]):  # one tab per group of questions, the first open, then "Nästa avsnitt"
        for q in asked:
            box = page.get_by_test_id("stRadio").or_(page.get_by_test_id("stNumberInput")) \
                .filter(has=page.get_by_text(q.label, exact=True)).first
            if q.id in answers or box.count() == 0:
                continue  # answered already, or asked in another tab
            if q.kind == "number":
                fill(box.locator("input"), "3")
                answers[q.id] = 3
            else:
                yes = q.id in opens_follow_up
                value, label = ((yes, "Ja" if yes else "Nej") if q.kind == "bool" else next(iter(q.choices.items())))
                with rerun(page):
                    box.get_by_text(label, exact=True).first.click()
                answers[q.id] = value
        with rerun(page):
            page.get_by_role("button", name=f"Nästa avsnitt: {tabs[i + 1]}").click()
        expect(page.get_by_role("tab", name=tabs[i + 1], exact=True)).to_have_attribute("aria-selected", "true")
    assert set(answers) == {q.id for q in asked}, "every question of Initiativet's tabs was answered"
    for i, text in enumerate(TEXTS.values()):
        fill(page.get_by_test_id("stTextArea").locator("textarea").nth(i), text)
    expect(page.get_by_text("Beskrivning 5 av 5")).to_be_visible()  # the line above the tabs counts them
    screenshot(page, "volunteer_initiative")

    # Dokument: the statutes questions
    goto_page(page, "Dokument")
    _radio(page, questions()["statutes.has_statutes"].label, "Ja")
    screenshot(page, "volunteer_documents")

    # Värdegrund: every point confirmed, signed
    goto_page(page, "Värdegrund")
    for radio in page.get_by_test_id("stRadio").all():
        with rerun(page):
            radio.get_by_text("Intygar", exact=True).click()
    fill(page.get_by_label("Namn", exact=True), "Anna Lind")
    fill(page.get_by_label("Roll i organisationen", exact=True), "Ordförande")
    year = page.get_by_test_id("stDateInput").locator('[role="spinbutton"][data-type="year"]').first
    year.click()
    page.keyboard.type("20261129")  # year, month, day: each part moves on by itself
    expect(page.get_by_test_id("stDateInput").locator('[role="spinbutton"][data-type="day"]').first).to_have_text("29")
    with rerun(page):  # the date is committed by Escape or by leaving the field, whichever comes first
        page.keyboard.press("Escape")
        page.get_by_role("heading", name="Underskrift").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Förklaringen är klar").first).to_be_visible()
    screenshot(page, "volunteer_values")

    # Budget: two rows, typed into the empty rows with the keyboard, a drop-down picked with the mouse
    goto_page(page, "Budget")
    show(page, "Vem bidrar med vad?")
    grid = Grid(page)
    grid.choose(0, "Part", "Offentlig part")
    grid.choose(0, "Kategori", "Pengar")  # fills Sort, Antal 1 and Enhet at once
    grid.type(0, "Kr per enhet", "150000")
    grid.choose(1, "Kategori", "Ideellt arbete")
    grid.type(1, "Antal", "400")
    grid.choose(1, "Part", "Organisationen", mouse=True)
    expect(metric(page, "Totalt")).to_have_text("270 000 kr")
    screenshot(page, "volunteer_budget")

    # Sammanfattning: the PDF
    goto_page(page, "Sammanfattning")
    with rerun(page):
        page.get_by_role("button", name="Skapa PDF").first.click()
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Ladda ner PDF").first.click()
    assert Path(pdf.value.path()).read_bytes()[:4] == b"%PDF"
    screenshot(page, "volunteer_summary")

    # The saved file holds every value
    with page.expect_download() as dl:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Spara").click()
    saved = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
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
