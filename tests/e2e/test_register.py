"""The council's register end to end in a real browser: an organisation opens a case and sends it
to the council; an officer signs in through a real OpenID Connect flow (the `oidc-provider-mock`
provider on loopback), finds the case, ticks Mora's steps, records a decision; the
organisation's link shows the new status; the yearly follow-up counts it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, goto_page, new_page, open_demo, pick, rerun, screenshot, wait_idle
from tests.servers import free_port, stop, wait_http

pytestmark = pytest.mark.browser

OFFICER = {"sub": "anna", "email": "anna@kommun.example", "name": "Anna Handläggare"}


@pytest.fixture(scope="module")
def register_app(tmp_path_factory):
    """The app with the register on and st.login pointed at a mock provider, both on loopback."""
    folder = tmp_path_factory.mktemp("register")
    idp_port, app_port = free_port(), free_port()
    idp = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(idp_port),
                            "--user-claims", json.dumps(OFFICER)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{idp_port}/.well-known/openid-configuration", idp)
    secrets = folder / "secrets.toml"
    secrets.write_text(f"""
[iop]
register = true
[iop.officers]
emails = ["{OFFICER['email']}"]
[auth]
redirect_uri = "http://localhost:{app_port}/oauth2callback"
cookie_secret = "test-cookie-secret-not-for-production"
client_id = "iop-screening"
client_secret = "test-client-secret"
server_metadata_url = "http://127.0.0.1:{idp_port}/.well-known/openid-configuration"
""", encoding="utf-8")
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(app_port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--secrets.files", str(secrets)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "IOP_DATA_DIR": str(folder / "data")},
    )
    try:
        wait_http(f"http://127.0.0.1:{app_port}/_stcore/health", app)
        yield f"http://localhost:{app_port}"
    finally:
        stop(app)
        stop(idp)


@pytest.fixture
def contexts():
    """Browser contexts opened by the test, closed at its end (the browser is shared)."""
    opened = []
    yield opened
    for context in opened:
        context.close()


def new_tab(browser, url: str, opened: list):
    tab = new_page(browser, url, viewport={"width": 1280, "height": 900})
    tab.set_default_timeout(30_000)
    opened.append(tab.context)
    return tab


def test_submit_sign_in_by_oidc_move_through_mora_decide_and_count(browser, register_app, contexts):
    # the organisation: a case, Mora's framework, consent, send
    org = new_tab(browser, register_app, contexts)
    open_demo(org, "Läxhjälp i Gränsbyn")
    pick(org, org.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first,
         org.get_by_role("option", name="Mora", exact=False).first)
    goto_page(org, "Sammanfattning")
    with rerun(org):
        org.get_by_text("Jag godkänner att just detta skickas till kommunen").click()
    with rerun(org):
        org.get_by_role("button", name="Skicka till kommunen").click()
    expect(org.get_by_text("Skickat till kommunen").first).to_be_visible()
    link = org.url  # the resume link: its token is in the fragment (#utkast=)
    assert "#utkast=" in link

    # the officer: anonymous first (refused), then the real OpenID Connect flow
    officer = new_tab(browser, register_app + "/register", contexts)
    expect(officer.get_by_text("Logga in som handläggare")).to_be_visible()
    expect(officer.get_by_test_id("stDataFrame")).to_have_count(0)
    officer.get_by_role("button", name="Logga in med kommunens konto").click()
    officer.locator("input[name=sub]").fill(OFFICER["sub"])  # the mock provider's sign-in form
    officer.locator("input[name=sub]").press("Enter")
    officer.wait_for_url(re.compile(rf"^{re.escape(register_app)}/(?!oauth2callback)"))  # back in the app
    wait_idle(officer)
    goto_page(officer, "Ärenden")
    expect(officer.get_by_text("Inloggad som Anna Handläggare")).to_be_visible()
    expect(officer.get_by_test_id("stDataFrame").first).to_be_visible()

    pick(officer, officer.get_by_test_id("stSelectbox").filter(has_text="Öppna ärende"),
         officer.get_by_role("option", name="Läxhjälp", exact=False).first)
    officer.get_by_test_id("stCheckbox").filter(has_text="Initiativet kontrollerat mot checklistan").click()
    officer.get_by_test_id("stCheckbox").filter(has_text="Initiativtagarna inbjudna till ett första möte").click()
    with rerun(officer):
        officer.get_by_role("button", name="Spara arbetsgången").click()
    expect(officer.get_by_text("Sparat.").first).to_be_visible()
    # In a form: no run until it is sent. pick() clicks the field itself, not the selectbox's
    # middle (which can fall on the label: then no list opens; see its text).
    pick(officer, officer.get_by_test_id("stSelectbox").filter(has_text="Utfall"),
         officer.get_by_role("option", name="IOP ingås"), in_form=True)
    with rerun(officer):
        officer.get_by_role("button", name="Spara beslut").click()
    expect(officer.get_by_text("Sparat.").first).to_be_visible()
    screenshot(officer, "register-case")

    # the organisation's link shows the new status
    again = new_tab(browser, link, contexts)
    expect(again.get_by_text("Ditt utkast är öppnat").first).to_be_visible()  # the link is read
    goto_page(again, "Sammanfattning")
    expect(again.get_by_text("Beslut: partnerskap (IOP) ingås").first).to_be_visible()
    expect(again.get_by_text("Anna Handläggare")).to_have_count(0)

    # the yearly follow-up counts it
    goto_page(officer, "Årlig uppföljning")
    expect(officer.get_by_role("heading", name="Per beslut")).to_be_visible()
    expect(officer.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Ladda ner CSV").click()
    csv = download.value.path().read_text(encoding="utf-8-sig")
    assert ";Per beslut;IOP ingås;1" in csv and ";Mottagna initiativ;;1" in csv
