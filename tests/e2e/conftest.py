"""Browser tests: `streamlit run app.py` on 127.0.0.1 and Debian's chromium driven by Playwright,
started once per run and stopped at the end (the helpers are tests/support/browser.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, new_page
from tests.support.servers import free_port, start_streamlit, stop

expect.set_options(timeout=20_000)  # a loaded 2-CPU machine: reruns can take seconds


@pytest.fixture(scope="session")
def app_url():
    port = free_port()
    proc = start_streamlit(ROOT, port, {})
    yield f"http://127.0.0.1:{port}"
    stop(proc)


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
    """A fresh browser session on the Start page."""
    pg = new_page(browser, app_url)
    yield pg
    pg.context.close()
