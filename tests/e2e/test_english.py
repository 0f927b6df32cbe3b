"""English in the browser: choose English on Start and walk the finished pages."""

import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    charts_drawn,
    choose_english,
    goto_page,
    nav_link,
    open_example_in_english,
    rerun,
    screenshot,
)

pytestmark = pytest.mark.browser


def test_english_walk(page):
    expect(page.get_by_role("heading", name="IOP-screening")).to_be_visible()
    choose_english(page)
    expect(nav_link(page, "The initiative")).to_be_visible()
    expect(page.get_by_text("Framework", exact=True).first).to_be_visible()
    screenshot(page, "en_00_start")
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Framework")
    expect(picker).to_have_value("SKR (national guidance)")  # the picker re-seeds in English

    open_example_in_english(page)  # genuine_iop, in English
    goto_page(page, "The initiative")
    expect(page.get_by_text("Who took the initiative for the cooperation?").first).to_be_visible()
    screenshot(page, "en_01_initiative")
    goto_page(page, "Documents")
    expect(page.get_by_role("heading", name="Documents and statutes")).to_be_visible()
    screenshot(page, "en_02_documents")
    goto_page(page, "Shared values")
    expect(page.get_by_role("heading", name="Shared values").first).to_be_visible()
    screenshot(page, "en_03_values")
    goto_page(page, "Budget")
    expect(page.get_by_role("heading", name="Budget and co-financing")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Public party").first).to_be_visible()
    screenshot(page, "en_04_budget")
    # Issue #13 point 11: one money style, "SEK 6,050,000", and the figures are not cut ("SEK 6,050,…").
    figures = page.locator('[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"]')
    assert figures.first.inner_text() == "SEK\u00a06,050,000"
    cut = figures.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText)")
    assert not cut, f"figures cut off: {cut}"
    page.get_by_role("heading", name="What the budget means").scroll_into_view_if_needed()
    screenshot(page, "en_04_budget_table")
    page.get_by_role("heading", name="Charts").scroll_into_view_if_needed()
    charts_drawn(page)
    screenshot(page, "en_04_budget_charts")
    goto_page(page, "Quick triage")
    expect(page.get_by_role("heading", name="Quick triage")).to_be_visible()
    screenshot(page, "en_07_triage")
    goto_page(page, "Training")
    expect(page.get_by_role("heading", name="What if…")).to_be_visible()
    screenshot(page, "en_08_trainer")


def test_a_demo_case_walked_in_english_reads_english_and_swedish_again_after_switching_back(page):
    """Issue #24 point 7: the demo's own texts (agreement sections, payment terms, the signer's
    role) follow the language; they are the demo's, not the user's."""
    choose_english(page)
    open_example_in_english(page)
    goto_page(page, "Draft agreement")
    expect(page.get_by_role("heading", name="Draft agreement").first).to_be_visible()
    areas = " ".join(page.locator("textarea").evaluate_all("els => els.map(e => e.value)"))
    assert "Many children in Gränsbyn leave compulsory school" in areas and "Homework help three evenings" in areas
    assert "Många barn" not in areas and "Läxhjälp tre kvällar" not in areas
    page.locator("textarea").nth(1).scroll_into_view_if_needed()
    screenshot(page, "en_06_agreement_demo_texts")
    goto_page(page, "Budget")
    expect(page.get_by_role("textbox", name="How is the money paid out?")).to_have_value(
        "Payment to the association's bank giro account.")
    goto_page(page, "Start")
    with rerun(page):
        page.get_by_role("radiogroup", name="Språk / Language").get_by_text("Svenska", exact=True).click()
    goto_page(page, "Avtalsutkast")
    areas = " ".join(page.locator("textarea").evaluate_all("els => els.map(e => e.value)"))
    assert "Många barn i Gränsbyn lämnar grundskolan" in areas and "Many children" not in areas
    page.locator("textarea").nth(1).scroll_into_view_if_needed()
    screenshot(page, "sv_06_agreement_demo_texts")
