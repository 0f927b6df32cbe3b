import pytest

from tests.e2e.conftest import goto_page, screenshot, wait_idle

pytestmark = pytest.mark.browser


def test_start_page_renders_and_navigates(page):
    page.get_by_role("heading", name="IOP-screening").wait_for()
    screenshot(page, "00_start")
    goto_page(page, "Initiativet")
    page.get_by_text("Vem tog initiativet till samarbetet?").first.wait_for()
    page.get_by_text("Kommunen eller regionen", exact=True).first.click()
    wait_idle(page)
    page.locator("[data-testid=\"stAlert\"]", has_text="Kommunen eller regionen tog initiativet").first.wait_for()
    screenshot(page, "01_initiative")
