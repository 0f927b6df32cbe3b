"""No third party learns who visits: every request of a page view goes to the app itself (issue #12)."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.support.browser import goto_page, new_context, open_page

pytestmark = pytest.mark.browser


def test_page_views_make_no_external_request_and_the_icon_is_local(browser, app_url):
    context = new_context(browser)
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    try:
        pg = open_page(context, app_url)
        expect(pg.get_by_role("heading", name="IOP-screening")).to_be_visible()
        goto_page(pg, "Sammanfattning")
        icons = [pg.locator(sel).first.get_attribute("href") for sel in ('link[rel="shortcut icon"]', 'link[rel="icon"]')
                 if pg.locator(sel).count()]
    finally:
        context.close()
    assert icons and all(h.startswith("data:image/svg+xml") for h in icons), icons
    hosts = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, sorted(u for u in requested if "127.0.0.1" not in u)[:10]
