"""The sidebar's page list (issue #13 point 13, issue #14): on a direct link right after a server
start, on the current page, by keyboard, in both languages.

Streamlit draws it from app.py's st.navigation (iop_shell/navigation.py navigation()), flat: a
list with sections fails axe-core (tests/e2e/test_accessibility.py checks every page).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import nav_link, rerun, screenshot, wait_idle

pytestmark = pytest.mark.browser

# Streamlit's automatic list names pages by their file in pages/: helpers included.
FILE_NAMES = {"app", "start", "initiative", "documents", "values", "budget", "summary", "agreement", "triage",
              "trainer", "register", "followup", "council", "drafts", "report", "ui"}
TITLES = ["Start", "1. Initiativet", "2. Dokument", "3. Värdegrund", "4. Budget", "5. Sammanfattning",
          "6. Avtalsutkast", "Snabbtriage", "Utbildning"]

WATCH_SIDEBAR = """
    window.__linksSeen = new Set();
    new MutationObserver(() => {
        document.querySelectorAll('[data-testid=stSidebar] a').forEach(a => window.__linksSeen.add(a.innerText.trim()));
    }).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture(params=["app.py", "serve.py"])
def fresh_url(request):
    """A server no session has visited yet: Streamlit's pages/-folder mode is still on. Served as
    `streamlit run app.py` and as the README's `streamlit run serve.py`, whose warm-up imports the
    shell before any session exists."""
    from tests.support.servers import free_port, start_streamlit, stop

    port = free_port()
    proc = start_streamlit(ROOT, port, {}, script=request.param)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def _sidebar_links(page):
    return page.locator('[data-testid="stSidebarNav"] a')


@pytest.mark.parametrize(("address", "heading"), [("/", "IOP-screening"), ("/values", "Värdegrund"), ("/council", "IOP-screening")])
def test_a_direct_link_right_after_a_start_shows_only_the_apps_own_pages(browser, fresh_url, address, heading):
    """The first visitor after a server start comes by a link to a page (or to a helper's name):
    the sidebar never lists the files of pages/, and the page runs inside the app (sidebar,
    framework picker), not on its own."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.add_init_script(WATCH_SIDEBAR)
    page.goto(fresh_url + address)
    page.get_by_role("heading", name=heading).first.wait_for()
    wait_idle(page)
    screenshot(page, f"direct_link_{address.strip('/')}")
    assert not set(page.evaluate("[...window.__linksSeen]")) & FILE_NAMES
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Ramverk", exact=True)).to_be_visible()  # the page runs inside app.py's frame
    expect(_sidebar_links(page)).to_have_text(TITLES)
    assert set(page.evaluate("[...window.__linksSeen]")) == set(TITLES)  # nothing else, ever
    context.close()


def test_the_sidebar_lists_the_pages_in_order_marks_the_current_one_and_works_by_keyboard(page):
    expect(_sidebar_links(page)).to_have_text(TITLES)

    def weight(title: str) -> int:
        return int(nav_link(page, title).evaluate("a => getComputedStyle(a.querySelector('p') || a).fontWeight"))

    assert weight("Start") >= 600 and weight("2. Dokument") < 600  # the current page is bold (and on grey)

    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.trim() === '2. Dokument'"):
            break
    else:
        raise AssertionError("Tab never reached the link to Dokument")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Dokument").first.wait_for()
    wait_idle(page)
    assert weight("2. Dokument") >= 600 and weight("Start") < 600
    screenshot(page, "sidebar_sv_documents")


def test_the_sidebar_in_english(page):
    with rerun(page):
        page.get_by_text("English", exact=True).click()
    expect(_sidebar_links(page)).to_have_text(["Start", "1. The initiative", "2. Documents", "3. Shared values",
                                               "4. Budget", "5. Summary", "6. Draft agreement", "Quick triage",
                                               "Training"])
    screenshot(page, "sidebar_en_start")


def test_the_summary_is_started_when_it_is_opened(page):
    """Issue #24 point 4: "Sammanfattning: Pågår" before anyone opened it was not true."""
    from tests.support.browser import goto_page, open_demo

    open_demo(page, "Läxhjälp i Gränsbyn")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sammanfattning: Inte påbörjad")).to_be_visible()
    expect(sidebar.get_by_text("Budget: Klar")).to_be_visible()
    goto_page(page, "Sammanfattning")
    expect(sidebar.get_by_text("Sammanfattning: Klar")).to_be_visible()
    goto_page(page, "Start")
    expect(sidebar.get_by_text("Sammanfattning: Klar")).to_be_visible()
    sidebar.get_by_text("Dina steg").scroll_into_view_if_needed()
    screenshot(page, "step_states_summary_seen")
