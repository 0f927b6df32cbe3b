"""Browser tests: `streamlit run app.py` on 127.0.0.1 and Debian's chromium driven by Playwright.

The server and browser are started and stopped by these fixtures. A missing chromium is a
failure, not a skip: scripts/test.sh installs it. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: run scripts/test.sh (it installs Debian's chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh browser context (= a fresh Streamlit session) at 1280x800, on the Start page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="sv-SE")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(app_url)
    wait_idle(pg)
    yield pg
    context.close()


def wait_idle(pg, timeout: float = 20_000) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    pg.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    pg.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout)
    deadline = time.time() + timeout / 1000
    time.sleep(0.3)
    while time.time() < deadline:
        busy = pg.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').count()
        if not busy:
            time.sleep(0.2)  # let the last delta paint
            return
        time.sleep(0.1)


def pick(pg, opener, option) -> None:
    """Open a drop-down (`opener`: its selectbox or combobox locator) and click `option` (a locator
    in the open list). A rerun that redraws the page just as the list opens closes it again on a
    loaded machine: then the list is opened again, at most three times."""
    for _attempt in range(3):
        opener.click()
        try:
            option.wait_for(timeout=5_000)
            break
        except Exception:  # the list was closed by a redraw: open it again
            wait_idle(pg)
    option.click()
    wait_idle(pg)


def open_demo(pg, title: str) -> None:
    """Open a demo case from the Start page by (part of) its title.

    Waits for the opened example (the organisation's name), not only for the one-off message.
    A click that lands while the first script run is still drawing the page can be lost on a
    loaded machine; the click is then made again (at most three times)."""
    expander = pg.locator('[data-testid="stExpander"]', has_text=title).first
    button = expander.get_by_role("button", name="Öppna exemplet")
    name = pg.get_by_label("Organisationens namn")
    for _attempt in range(3):
        if not button.is_visible():
            expander.locator("summary").first.click()
        button.click()
        wait_idle(pg)
        assert not pg.get_by_text("ersätts allt du har fyllt i").count(), "a fresh session must open the example at once"
        for _ in range(30):
            if name.input_value():
                return
            pg.wait_for_timeout(500)
    raise AssertionError("the example did not open")


def nav_link(pg, title: str):
    """A page's link in the app's own sidebar navigation (pages/_ui.py sidebar_navigation), by
    (part of) its title."""
    return pg.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a', has_text=title).first


def goto_page(pg, title: str) -> None:
    """Click a page in the sidebar navigation by (part of) its title."""
    nav_link(pg, title).click()
    wait_idle(pg)


def screenshot(pg, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path
