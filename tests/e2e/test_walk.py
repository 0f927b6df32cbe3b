"""Walk a demo case through the real UI, save it, reload the browser, load the file, same answers."""

import json

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import goto_page, open_demo, screenshot, wait_idle

pytestmark = pytest.mark.browser

STEPS = ["Initiativet", "Dokument", "Värdegrund", "Budget", "Sammanfattning", "Avtalsutkast"]


def _checked_label(page, question: str) -> str:
    group = page.locator('[data-testid="stRadio"]', has_text=question).first
    return group.locator("label:has(input:checked)").inner_text().strip()


def test_walk_save_reload_load(page, app_url, tmp_path):
    open_demo(page, "Trygg hemgång")
    org = page.get_by_label("Organisationens namn").input_value()
    assert "Trygg Hemgång" in org

    for i, step in enumerate(STEPS, start=1):
        goto_page(page, step)
        screenshot(page, f"walk_{i}_{step}")
    goto_page(page, "Initiativet")
    before = _checked_label(page, "Vem tog initiativet till samarbetet?")
    assert before == "Kommunen eller regionen"

    with page.expect_download() as dl:
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Spara").click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    assert saved.name.startswith("iop-screening-foreningen-trygg-hemgang-")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["initiative"]["initiative_by"] == "public"

    page.goto(app_url)  # a new session without the draft link (tests/e2e/test_drafts.py): nothing in memory
    wait_idle(page)
    assert page.get_by_label("Organisationens namn").input_value() == ""

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(saved))
    wait_idle(page)
    page.get_by_text("Bedömningen är inläst.").wait_for()
    assert page.get_by_label("Organisationens namn").input_value() == org
    goto_page(page, "Initiativet")
    assert _checked_label(page, "Vem tog initiativet till samarbetet?") == before
    assert _checked_label(page, "Ska det finnas vite, skadestånd eller andra straff om något inte blir som planerat?") == "Ja"
    screenshot(page, "walk_restored_initiative")


@pytest.fixture(scope="module")
def no_drafts_url(tmp_path_factory):
    """An app server with drafts switched off ([iop] drafts = false): input lives only in the tab."""
    from tests.servers import free_port, start_streamlit, stop

    port = free_port()
    proc = start_streamlit(ROOT, port, {"IOP_DRAFTS": "false", "IOP_DATA_DIR": str(tmp_path_factory.mktemp("nodrafts"))})
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def test_input_stored_as_a_draft_needs_no_leave_prompt(page):
    """With drafts on, what is typed is stored at once: leaving the tab asks nothing."""
    name = page.get_by_label("Organisationens namn")
    name.fill("Bygdens idrottsförening")
    name.press("Tab")
    wait_idle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Sparat").first.wait_for()
    prompts = []
    page.on("dialog", lambda d: (prompts.append(d.type), d.dismiss()))
    page.reload()
    wait_idle(page)
    assert prompts == []


def test_reload_or_closing_the_tab_with_unsaved_input_asks_first(browser, no_drafts_url):
    """Issue #13 point 3: with drafts off, the browser's "Leave site?" prompt while own input is
    not saved with Spara."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(no_drafts_url)
    wait_idle(page)
    name = page.get_by_label("Organisationens namn")
    name.fill("Bygdens idrottsförening")
    name.press("Tab")
    wait_idle(page)
    with page.expect_event("dialog") as info:
        page.close(run_before_unload=True)
    dialog = info.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()  # "stay on the page": nothing is lost
    assert not page.is_closed()
    assert page.get_by_label("Organisationens namn").input_value() == "Bygdens idrottsförening"

    with page.expect_download():
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Spara").click()
    wait_idle(page)
    prompts = []
    page.on("dialog", lambda d: (prompts.append(d.type), d.dismiss()))
    page.reload()  # saved: the tab may go without a question
    wait_idle(page)
    assert prompts == []
    context.close()
