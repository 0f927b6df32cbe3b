import pytest
from playwright.sync_api import expect

from tests.support.browser import goto_page, rerun, screenshot

pytestmark = pytest.mark.browser


def test_start_page_renders_and_navigates(page):
    expect(page.get_by_role("heading", name="IOP-screening")).to_be_visible()
    screenshot(page, "00_start")
    goto_page(page, "Initiativet")
    question = page.get_by_role("radiogroup", name="Vem tog initiativet till samarbetet?")
    with rerun(page):
        question.get_by_text("Kommunen eller regionen", exact=True).click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Kommunen eller regionen tog initiativet").first).to_be_visible()
    screenshot(page, "01_initiative")
