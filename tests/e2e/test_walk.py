"""Walk a demo case through the real UI, save it, reload the browser, load the file, same answers."""

import json

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import fill, goto_page, new_page, open_demo, open_tab, rerun, screenshot, wait_idle

pytestmark = pytest.mark.browser

STEPS = ["Initiativet", "Dokument", "Värdegrund", "Budget", "Sammanfattning", "Avtalsutkast"]
INITIATIVE = "Vem tog initiativet till samarbetet?"
SANCTIONS = "Ska det finnas vite, skadestånd eller andra straff om något inte blir som planerat?"


def checked(page, question: str):
    """The chosen answer of a radio question (auto-waiting in expect)."""
    return page.get_by_role("radiogroup", name=question).get_by_role("radio", checked=True)


def save(page):
    """"Spara" in the sidebar; the downloaded file."""
    with page.expect_download() as dl:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Spara").click()
    return dl.value


def test_walk_save_reload_load(page, app_url, tmp_path):
    open_demo(page, "Trygg hemgång")
    name = page.get_by_label("Organisationens namn")
    expect(name).to_have_value("Föreningen Trygg Hemgång (fiktiv)")
    org = name.input_value()

    for i, step in enumerate(STEPS, start=1):
        goto_page(page, step)
        screenshot(page, f"walk_{i}_{step}")
    goto_page(page, "Initiativet")
    expect(checked(page, INITIATIVE)).to_have_accessible_name("Kommunen eller regionen")

    download = save(page)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name.startswith("iop-screening-foreningen-trygg-hemgang-")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["initiative"]["initiative_by"] == "public"

    page.goto(app_url)  # a new session without the draft link (tests/e2e/test_drafts.py): nothing in memory
    wait_idle(page)
    expect(page.get_by_label("Organisationens namn")).to_have_value("")

    with rerun(page):
        page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(saved))
    expect(page.get_by_text("Bedömningen är inläst.")).to_be_visible()
    expect(page.get_by_label("Organisationens namn")).to_have_value(org)
    goto_page(page, "Initiativet")
    expect(checked(page, INITIATIVE)).to_have_accessible_name("Kommunen eller regionen")
    open_tab(page, "Pengar")  # the question about sanctions is about money
    expect(checked(page, SANCTIONS)).to_have_accessible_name("Ja")
    screenshot(page, "walk_restored_initiative")


@pytest.fixture(scope="module")
def no_drafts_url(tmp_path_factory):
    """An app server with drafts switched off ([iop] drafts = false): input lives only in the tab."""
    from tests.support.servers import free_port, start_streamlit, stop

    port = free_port()
    proc = start_streamlit(ROOT, port, {"IOP_DRAFTS": "false", "IOP_DATA_DIR": str(tmp_path_factory.mktemp("nodrafts"))})
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def test_input_stored_as_a_draft_needs_no_leave_prompt(page):
    """With drafts on, what is typed is stored at once: leaving the tab asks nothing."""
    fill(page.get_by_label("Organisationens namn"), "Bygdens idrottsförening")
    expect(page.get_by_test_id("stSidebar").get_by_text("Sparat").first).to_be_visible()
    prompts = []
    page.on("dialog", lambda d: (prompts.append(d.type), d.dismiss()))
    page.reload()
    wait_idle(page)
    assert prompts == []


def test_reload_or_closing_the_tab_with_unsaved_input_asks_first(browser, no_drafts_url):
    """Issue #13 point 3: with drafts off, the browser's "Leave site?" prompt while own input is
    not saved with Spara."""
    page = new_page(browser, no_drafts_url)
    name = page.get_by_label("Organisationens namn")
    fill(name, "Bygdens idrottsförening")
    with page.expect_event("dialog") as info:
        page.close(run_before_unload=True)
    dialog = info.value
    assert dialog.type == "beforeunload"
    dialog.dismiss()  # "stay on the page": nothing is lost
    assert not page.is_closed()
    expect(name).to_have_value("Bygdens idrottsförening")

    runs = page.evaluate("window.__iopRuns")
    save(page)  # "Spara" marks the input as saved
    wait_idle(page)
    # and starts no run: a run started by the click could drop the file's address in Streamlit
    # 1.67, and the button then ignored every click for three minutes (iop_shell/unsaved.py save_file)
    assert page.evaluate("window.__iopRuns") == runs
    prompts = []
    page.on("dialog", lambda d: (prompts.append(d.type), d.dismiss()))
    page.reload()  # saved: the tab may go without a question
    wait_idle(page)
    assert prompts == []
    expect(name).to_have_value("")  # drafts off: the reload started afresh

    fill(name, "Bygdens IF")  # new input after a save asks again
    save(page)
    fill(name, "Bygdens IF och vänner")
    with page.expect_event("dialog") as info:  # dismissed by the handler above: the tab stays
        page.close(run_before_unload=True)
    assert info.value.type == "beforeunload" and prompts == ["beforeunload"]
    page.context.close()



def test_the_parts_of_point_4_stand_indented_under_its_stem(page):
    """Värdegrund 4a-4g are drawn in one indented block (ui.INDENT), not a column pair each."""
    goto_page(page, "Värdegrund")
    point_1 = page.get_by_role("radiogroup", name="1. utövar våld").bounding_box()
    part_a = page.get_by_role("radiogroup", name="4a – Kön").bounding_box()
    point_5 = page.get_by_role("radiogroup", name="5. försvarar").bounding_box()
    assert part_a["x"] >= point_1["x"] + 30 and point_5["x"] == point_1["x"], (point_1, part_a, point_5)
    page.get_by_role("radiogroup", name="4a – Kön").scroll_into_view_if_needed()
    screenshot(page, "values_point_4_indented")
