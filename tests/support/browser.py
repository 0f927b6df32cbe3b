"""The app in a real browser (Playwright driving Debian's chromium): a context and page that count
the app's script runs, waiting on the app's own signals, and the moves a user makes (drop-downs,
expanders, tabs, the sidebar navigation, typing, a demo case, English).

tests/e2e/conftest.py starts the server and the browser (fixtures `app_url`, `browser`, `page`). A
missing chromium is a failure, not a skip: scripts/test.sh installs it. Screenshots go to
artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.support import ROOT

SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


# The page counts the script runs the server finishes: every websocket the Streamlit frontend
# opens is watched for a ForwardMsg whose `script_finished` field (number 6, a varint) is set and
# does not say "finished early for a rerun" (2). A minimal protobuf walk over the top-level fields.
RUN_COUNTER = """
window.__iopRuns = 0;
const NativeWebSocket = window.WebSocket;
function scriptFinished(buffer) {
    const bytes = new Uint8Array(buffer);
    let i = 0;
    const varint = () => { let v = 0, shift = 0, b; do { b = bytes[i++]; v += (b & 127) * 2 ** shift; shift += 7; } while (b & 128); return v; };
    while (i < bytes.length) {
        const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
        if (wire === 0) { const value = varint(); if (field === 6) return value !== 2; }
        else if (wire === 2) { const length = varint(); i += length; }
        else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { return false; }
    }
    return false;
}
window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
        super(...args);
        this.addEventListener("message", event => {
            if (event.data instanceof ArrayBuffer && scriptFinished(event.data)) window.__iopRuns += 1;
        });
    }
};
"""


def new_context(browser, **options: Any):
    """A fresh browser context (each of its pages a fresh Streamlit session): 1280x800, Swedish,
    downloads accepted, the page counting finished script runs for `rerun`."""
    ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, "accept_downloads": True,
                                 "locale": "sv-SE", **options})
    ctx.add_init_script(RUN_COUNTER)
    return ctx


def open_page(ctx, url: str):
    """A new page of `ctx` at `url`, its first script run finished."""
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(url)
    wait_idle(pg)
    return pg


def new_page(browser, url: str, **options: Any):
    return open_page(new_context(browser, **options), url)


def wait_idle(pg) -> None:
    """The app is connected, no script run is in progress and nothing is still loading."""
    app = pg.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")
    expect(pg.get_by_test_id("stSkeleton")).to_have_count(0)


@contextmanager
def rerun(pg) -> Iterator[None]:
    """Around an action that makes the app run its script: waits for the end of that run (the
    server's "script finished" message), then for the page to settle. Without it, a check right
    after the action could see the page as it was before the run. Not for an action that loads
    a new document (the count starts again there): wait_idle after a reload or goto."""
    before = pg.evaluate("window.__iopRuns")
    yield
    pg.wait_for_function("n => window.__iopRuns > n", arg=before)
    wait_idle(pg)


def pick(pg, opener, option, *, in_form: bool = False) -> None:
    """Open a drop-down (`opener`: its selectbox or combobox locator) and click `option` (a
    locator in the open list), then wait for the run the choice starts (`in_form`: a drop-down
    inside st.form starts none; then wait until its field shows the choice).

    The click goes to the drop-down's own field, never to the middle of the selectbox: that middle
    lies a few pixels below the label, and where the label is a little taller (a font still
    loading on a busy machine) the click lands on the label, which only focuses the field and
    opens no list (issue #22: "Utfall" offered no option, once in 1 315 runs). The field is
    brought to the middle of the view first: a list that opens at the bottom edge scrolls the
    page, and the scroll closes it again. The list is open when the field says so."""
    fields = opener.get_by_role("combobox")
    field = fields.first if fields.count() else opener
    field.evaluate("el => el.scrollIntoView({block: 'center'})")
    field.click()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(option).to_be_visible()
    if in_form:
        text = option.inner_text().strip()
        option.click()
        expect(field).to_have_attribute("aria-expanded", "false")
        expect(field).to_have_value(text)
        return
    with rerun(pg):
        option.click()


def expand(expander) -> None:
    """Open an expander (st.expander) unless it is open (its <details> says which), and wait until
    its opening animation (half a second of growing height) has ended: a click on its content
    while it still grows can land its mouse-up beside the target, and then nothing is clicked."""
    details = expander.locator("details")
    if details.get_attribute("open") is None:
        expander.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    expander.page.wait_for_function("el => !el.getAnimations({subtree: true}).some(a => a.playState === 'running')",
                                    arg=details.element_handle())


def expand_lazy(expander) -> None:
    """expand() a box whose content is drawn only while it is open (iop_shell.ui.lazy_expander):
    opening it reruns the page; waits for that run."""
    if expander.locator("details").get_attribute("open") is None:
        with rerun(expander.page):
            expand(expander)


def open_demo(pg, title: str) -> None:
    """Open a demo case from the Start page by (part of) its title; waits until it is open."""
    expander = pg.get_by_test_id("stExpander").filter(has_text=title).first
    button = expander.get_by_role("button", name="Öppna exemplet")
    expand_lazy(expander)
    with rerun(pg):
        button.click()
    expect(pg.get_by_text("ersätts allt du har fyllt i")).to_have_count(0)  # a fresh session opens it at once
    expect(pg.get_by_test_id("stAlert").filter(has_text="är öppnat")).to_be_visible()
    expect(pg.get_by_label("Organisationens namn")).not_to_have_value("")


def charts_drawn(pg) -> None:
    """Charts and tables draw in the browser after the script run: wait until every chart has its
    picture and every data grid its columns."""
    for chart in pg.get_by_test_id("stVegaLiteChart").all():
        expect(chart.locator("canvas, svg").first).to_be_attached()
    for grid in pg.get_by_test_id("data-grid-canvas").all():
        expect(grid.locator("th").first).to_be_attached()


def fill(field, text: str) -> None:
    """Type into a text field and leave it (Tab), waiting for the run that stores the text."""
    field.fill(text)
    with rerun(field.page):
        field.press("Tab")


def nav_link(pg, title: str):
    """A page's link in the sidebar's page list (Streamlit's, from iop_shell/navigation.py navigation()),
    by (part of) its title."""
    return pg.locator('[data-testid="stSidebarNav"] a', has_text=title).first


def goto_page(pg, title: str) -> None:
    """Click a page in the sidebar navigation by (part of) its title and wait for that page's run.

    Waiting only for "not running" could pass before the run had started, and a check would then
    read the page being left (a textarea list read empty, once in 1 700 runs)."""
    with rerun(pg):
        nav_link(pg, title).click()


def open_tab(pg, name: str) -> None:
    """Open a tab (st.tabs) by its name; Initiativet draws only the open tab, so wait for the run."""
    tab = pg.get_by_role("tab", name=name, exact=True)
    if tab.get_attribute("aria-selected") != "true":
        with rerun(pg):
            tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def screenshot(pg, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


def metric(pg, label: str):
    """The value of the total labelled `label` (auto-waiting in expect)."""
    box = pg.get_by_test_id("stMetric").filter(has=pg.get_by_test_id("stMetricLabel").filter(has_text=label))
    return box.first.get_by_test_id("stMetricValue")


def show(pg, heading: str) -> None:
    """Bring a heading to the top of the view, the charts and tables there drawn."""
    pg.get_by_role("heading", name=heading).evaluate("el => el.scrollIntoView({block: 'start'})")
    charts_drawn(pg)


def choose_english(pg) -> None:
    """Switch the app to English on the Start page."""
    with rerun(pg):
        pg.get_by_role("radiogroup", name="Språk").get_by_text("English", exact=True).click()
    expect(pg.get_by_role("heading", name="IOP screening")).to_be_visible()


def open_example_in_english(pg, title: str = "Homework help in Gränsbyn") -> None:
    """Open a demo case from the English Start page (`open_demo`, in English)."""
    expander = pg.get_by_test_id("stExpander").filter(has_text=title).first
    expand_lazy(expander)
    with rerun(pg):
        expander.get_by_role("button", name="Open the example").click()
    expect(pg.get_by_test_id("stAlert").filter(has_text="is open")).to_be_visible()
    expect(pg.get_by_label("Name of the organisation")).not_to_have_value("")
