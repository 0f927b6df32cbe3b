"""English in the browser: choose English on Start and walk the finished pages."""

import pytest

from tests.e2e.conftest import goto_page, nav_link, screenshot, wait_idle

pytestmark = pytest.mark.browser


def test_english_walk(page):
    page.get_by_role("heading", name="IOP-screening").wait_for()
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name="IOP screening").wait_for()
    nav_link(page, "The initiative").wait_for()
    page.get_by_text("Framework", exact=True).first.wait_for()
    screenshot(page, "en_00_start")
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    assert "SKR (national guidance)" in picker.inner_html()  # the picker re-seeds in English

    page.get_by_text("Homework help in Gränsbyn", exact=False).first.click()  # open the expander
    name = page.get_by_label("Name of the organisation")
    for _attempt in range(3):  # a click that lands while a run is still drawing can be lost
        page.get_by_role("button", name="Open the example").first.click()  # genuine_iop, in English
        wait_idle(page)
        for _ in range(20):
            if name.input_value():
                break
            page.wait_for_timeout(500)
        if name.input_value():
            break
    assert name.input_value(), "the example did not open"

    goto_page(page, "The initiative")
    page.get_by_text("Who took the initiative for the cooperation?").first.wait_for()
    screenshot(page, "en_01_initiative")
    goto_page(page, "Documents")
    page.get_by_role("heading", name="Documents and statutes").wait_for()
    screenshot(page, "en_02_documents")
    goto_page(page, "Shared values")
    page.get_by_role("heading", name="Shared values").first.wait_for()
    screenshot(page, "en_03_values")
    goto_page(page, "Budget")
    page.get_by_role("heading", name="Budget and co-financing").wait_for()
    page.locator('[data-testid="stMetric"]', has_text="Public party").first.wait_for()
    screenshot(page, "en_04_budget")
    # Issue #13 point 11: one money style, "SEK 3,630,000", and the figures are not cut ("SEK 3,630,…").
    figures = page.locator('[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"]')
    assert figures.first.inner_text() == "SEK\u00a03,630,000"
    cut = figures.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText)")
    assert not cut, f"figures cut off: {cut}"
    page.get_by_role("heading", name="What the budget means").scroll_into_view_if_needed()
    wait_idle(page)
    screenshot(page, "en_04_budget_table")
    page.get_by_role("heading", name="Charts").scroll_into_view_if_needed()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    wait_idle(page)
    screenshot(page, "en_04_budget_charts")
    goto_page(page, "Quick triage")
    page.get_by_role("heading", name="Quick triage").wait_for()
    screenshot(page, "en_07_triage")
    goto_page(page, "Training")
    page.get_by_role("heading", name="What if…").wait_for()
    screenshot(page, "en_08_trainer")
