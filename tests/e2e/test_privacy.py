"""No third party learns who visits: every request of a page view goes to the app itself (issue #12),
and what a visit leaves in the browser is what docs/drafts.md "In your browser" says."""

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import fill, goto_page, new_context, open_page, rerun
from tests.support.files import make_pdf

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


def documented_storage() -> dict[str, set[str]]:
    """The names docs/drafts.md's table "In your browser" gives, by where they are kept."""
    text = (ROOT / "docs" / "drafts.md").read_text(encoding="utf-8")
    section = text.split("## In your browser", 1)[1].split("\n## ", 1)[0]
    names: dict[str, set[str]] = {}
    for row in re.findall(r"^\| (localStorage|sessionStorage|cookie) \| ([^|]+) \|", section, re.M):
        names.setdefault(row[0], set()).update(re.findall(r"`([^`]+)`", row[1]))
    return names


def test_what_a_visit_leaves_in_the_browser_is_what_the_docs_list(browser, app_url, tmp_path):
    """A volunteer's walk (an answer, an upload, the summary): every cookie and storage key the
    browser then holds is in docs/drafts.md, and the draft's mark is not its key."""
    documented = documented_storage()
    assert {"iop-draft-marks", "_streamlit_xsrf", "iop_route"} <= documented["localStorage"] | documented["cookie"]
    context = new_context(browser)
    try:
        pg = open_page(context, app_url)
        fill(pg.get_by_label("Organisationens namn"), "Föreningen Webbläsaren")
        expect(pg).to_have_url(re.compile(r"#utkast=[A-Za-z0-9_-]{32}$"))
        key = pg.url.split("#utkast=")[1]
        goto_page(pg, "Dokument")
        path = tmp_path / "stadgar.pdf"
        path.write_bytes(make_pdf(1))
        with rerun(pg):
            pg.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(path))
        expect(pg.get_by_text("stadgar.pdf · PDF · 1 sida")).to_be_visible()
        goto_page(pg, "Sammanfattning")
        stored = {kind: set(json.loads(pg.evaluate(f"JSON.stringify(Object.keys({kind}))")))
                  for kind in ("localStorage", "sessionStorage")}
        marks = json.loads(pg.evaluate("localStorage.getItem('iop-draft-marks')"))
        cookies = {c["name"] for c in context.cookies()}
    finally:
        context.close()
    assert "iop-draft-marks" in stored["localStorage"] and "_streamlit_xsrf" in cookies  # the walk did store them
    assert stored["localStorage"] <= documented["localStorage"], stored["localStorage"] - documented["localStorage"]
    assert stored["sessionStorage"] <= documented.get("sessionStorage", set()), stored["sessionStorage"]
    assert cookies <= documented["cookie"], cookies - documented["cookie"]
    assert len(marks) == 1 and re.fullmatch(r"[0-9a-f]{16}", marks[0]) and marks[0] not in key, marks
