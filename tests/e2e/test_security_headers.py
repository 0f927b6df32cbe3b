"""The security headers docs/security-proxy.md asks a reverse proxy to send do not break the app (issue #12).

Playwright adds that page's headers to every response of the app (as the proxy would) and a
walk over pages with charts, a data editor, an uploader and a download must show no CSP violation.
"""

import re

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, charts_drawn, goto_page, new_context, open_page
from tests.support.servers import documented_headers

pytestmark = pytest.mark.browser


def test_readme_headers_are_complete():
    headers = documented_headers()
    assert {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} <= set(headers)
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_app_works_under_the_readme_headers(browser, app_url):
    headers = documented_headers()
    # Responses fulfilled by Playwright lose their "local network" origin, and chromium would then
    # block the page's websocket to 127.0.0.1: a browser of its own without that check.
    own = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=[
        *CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessChecks"])
    context = new_context(own)

    def add_headers(route):
        for attempt in range(3):  # the app server on a loaded machine sometimes resets a connection
            try:
                response = route.fetch()
                break
            except Exception:
                if attempt == 2:
                    raise
        try:
            route.fulfill(response=response, headers={**response.headers, **{k.lower(): v for k, v in headers.items()}})
        except Exception as exc:  # a request the page abandoned (navigation) has nothing to fulfil
            if "disposed" not in str(exc) and "closed" not in str(exc):
                raise

    context.route(re.compile(r"^http://127\.0\.0\.1"), add_headers)
    violations: list[str] = []
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    context.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        pg = open_page(context, app_url)
        for title in ("Utbildning", "Sammanfattning", "Budget", "Dokument"):
            goto_page(pg, title)
            charts_drawn(pg)
        violations += pg.evaluate("window.__csp")
        assert violations == []
        with pg.expect_download() as dl:
            pg.get_by_test_id("stSidebar").get_by_role("button", name="Spara").first.click()
        assert dl.value.suggested_filename.endswith(".json")
    finally:
        context.unroute_all(behavior="ignoreErrors")
        context.close()
        own.close()
    assert violations == []
