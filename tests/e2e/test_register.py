"""The council's register end to end in a real browser: an organisation (with a hostile name) opens
a case and sends it to the council, changes an answer and sends it again; an officer signs in
through a real OpenID Connect flow (the `oidc-provider-mock` provider on loopback), filters the
register and downloads it as XLSX, reads the case as the organisation saw it (lights, report
sections, budget charts, both versions and what changed), ticks Mora's steps, records a
decision; the organisation's link shows the new status; the yearly follow-up counts it.
Full-page screenshots of every register page go to artifacts/screenshots/.
A local officer stays signed in through a reload (the HttpOnly session cookie of serve.py), and
after "Logga ut" the cookies captured before it sign no one in, local or OpenID Connect.

The app runs as `streamlit run serve.py` (app.py with the officer-session routes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import BytesIO

import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    ROOT,
    SHOTS,
    fill,
    goto_page,
    new_context,
    new_page,
    open_demo,
    open_page,
    pick,
    rerun,
    screenshot,
    wait_idle,
)
from tests.support.servers import free_port, stop, wait_http

pytestmark = pytest.mark.browser

OFFICER = {"sub": "anna", "email": "anna@kommun.example", "name": "Anna Handläggare"}
LOCAL = ("bertil", "Bertil Berg", "ett långt lokalt lösenord")
HOSTILE = "Läxhjälpen [klicka](http://evil.example/x) ![spår](http://127.0.0.1:9/pixel.png) <https://evil.example/auto>"
LIGHT = re.compile(r"(Grönt|Gult|Rött) – ")


def drawn(pg) -> None:
    """Every chart in view (not those in a closed tab) has its picture, every grid its columns."""
    for chart in pg.get_by_test_id("stVegaLiteChart").all():
        if chart.is_visible():
            expect(chart.locator("canvas, svg").first).to_be_attached()
    for grid in pg.get_by_test_id("data-grid-canvas").all():
        expect(grid.locator("th").first).to_be_attached()


def full_shot(pg, name: str) -> None:
    """A full-page screenshot (charts and grids drawn) to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = pg.viewport_size
    tall = pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    pg.set_viewport_size({"width": size["width"], "height": min(max(tall, size["height"]), 12_000)})
    drawn(pg)
    pg.screenshot(path=str(SHOTS / f"{name}.png"))
    pg.set_viewport_size(size)


def no_live_markup(pg) -> None:
    """The organisation's name rendered as text: no link to it, no image fetched from it."""
    expect(pg.locator("a[href*='evil.example']")).to_have_count(0)
    expect(pg.locator("img[src*='pixel.png']")).to_have_count(0)


@pytest.fixture(scope="module")
def register_app(tmp_path_factory):
    """The app with the register on and st.login pointed at a mock provider, both on loopback."""
    folder = tmp_path_factory.mktemp("register")
    idp_port, app_port = free_port(), free_port()
    idp = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(idp_port),
                            "--user-claims", json.dumps(OFFICER)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{idp_port}/.well-known/openid-configuration", idp)
    from iop_core.council.officers import hash_password

    accounts = folder / "officers.toml"
    accounts.write_text(f'[[account]]\nusername = "{LOCAL[0]}"\nname = "{LOCAL[1]}"\n'
                        f'password_hash = "{hash_password(LOCAL[2])}"\n', encoding="utf-8")
    secrets = folder / "secrets.toml"
    secrets.write_text(f"""
[iop]
register = true
[iop.officers]
subjects = ["{OFFICER['sub']}"]
[auth]
redirect_uri = "http://localhost:{app_port}/oauth2callback"
cookie_secret = "test-cookie-secret-not-for-production"
client_id = "iop-screening"
client_secret = "test-client-secret"
server_metadata_url = "http://127.0.0.1:{idp_port}/.well-known/openid-configuration"
""", encoding="utf-8")
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(app_port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--secrets.files", str(secrets)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "IOP_DATA_DIR": str(folder / "data"),
             "IOP_OFFICER_ACCOUNTS": str(accounts)},
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


def send_then_change_and_send_again(org) -> str:
    """The organisation: a case under Mora with a hostile name, consent, send; then a changed
    contact person and "Skicka igen". Returns its link."""
    open_demo(org, "Läxhjälp i Gränsbyn")
    pick(org, org.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first,
         org.get_by_role("option", name="Mora", exact=False).first)
    fill(org.get_by_label("Organisationens namn"), HOSTILE)
    goto_page(org, "Sammanfattning")
    with rerun(org):
        org.get_by_text("Jag godkänner att just detta skickas till kommunen").click()
    with rerun(org):
        org.get_by_role("button", name="Skicka till kommunen").click()
    expect(org.get_by_text("Skickat till kommunen").first).to_be_visible()
    expect(org.get_by_role("button", name="Skicka igen")).to_have_count(0)  # nothing changed yet
    goto_page(org, "Start")
    fill(org.get_by_label("Kontaktperson", exact=True), "Kim Karlsson")
    goto_page(org, "Sammanfattning")
    expect(org.get_by_text("Du har ändrat svar sedan du skickade").first).to_be_visible()
    with rerun(org):
        org.get_by_test_id("stCheckbox").filter(has_text="Jag godkänner att just detta skickas till kommunen").click()
    with rerun(org):
        org.get_by_role("button", name="Skicka igen").click()
    expect(org.get_by_text("Version 2 skickad till kommunen").first).to_be_visible()
    full_shot(org, "register-organisation-status")
    return org.url  # the resume link: its token is in the fragment (#utkast=)


def filter_and_download(officer) -> None:
    """Filters narrow the table; the XLSX holds what is shown, the zone named, formulas guarded."""
    pick(officer, officer.get_by_test_id("stMultiSelect").filter(has_text="Ramverk"),
         officer.get_by_role("option", name="Mora kommun", exact=False).first)
    officer.keyboard.press("Escape")  # a multiselect stays open for more choices
    pick(officer, officer.get_by_test_id("stMultiSelect").filter(has_text="Status"),
         officer.get_by_role("option", name="Öppet (inget beslut)").first)
    officer.keyboard.press("Escape")
    expect(officer.get_by_test_id("stDataFrame").first).to_be_visible()
    full_shot(officer, "register-list")
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Ladda ner Excel (XLSX)").click()
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(download.value.path().read_bytes())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Mottaget (Europe/Stockholm)" in rows[0] and "Organisation" in rows[0]
    [case] = rows[1:]
    assert case[rows[0].index("Organisation")] == HOSTILE and case[rows[0].index("Versioner")] == 2
    assert all(not (isinstance(v, str) and v.startswith("=")) for row in rows for v in row)


def read_the_case(officer) -> None:
    """The case as the organisation saw it: a light per framework, the report's sections with the
    budget charts, and both versions with the changed answer in the page's own words."""
    expect(officer.get_by_test_id("stAlert").filter(has_text=LIGHT)).to_have_count(5)
    expect(officer.get_by_text("valt ramverk")).to_be_visible()
    no_live_markup(officer)
    officer.get_by_role("tab", name=re.compile(r"^\d+\. Budget")).click()
    panel = officer.get_by_role("tabpanel").filter(has=officer.get_by_test_id("stVegaLiteChart"))
    expect(panel.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    heading = officer.get_by_text("Ändrat från version 1 till version 2").first
    heading.scroll_into_view_if_needed()  # a grid draws its cells (and their text) only in view
    expect(heading).to_be_visible()
    changes = officer.get_by_test_id("stDataFrame").filter(has_text="Kim Karlsson")
    expect(changes.first).to_be_attached()
    full_shot(officer, "register-case")


def long_meeting_note(officer) -> None:
    """The longest note the field takes is kept whole on the case, and the case's meeting note PDF
    lists the points to go through (issue #23 points 1 and 2)."""
    note = " ".join(f"Punkt {i}: vi gick igenom budgeten och arbetsgången." for i in range(1, 200))[:10_000]
    field = officer.get_by_label("Ny anteckning", exact=True)
    field.fill(note)
    with rerun(officer):
        field.press("Tab")
    with rerun(officer):
        officer.get_by_role("button", name="Lägg till anteckning").click()
    expect(officer.get_by_text(note[-60:], exact=False).first).to_be_attached()  # the end of it too: nothing cut
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Mötesanteckning (PDF)").click()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(download.value.path()).pages).replace("\n", " ")
    said = re.search(r"(Punkter att gå igenom|Det som väger tyngst): (\S.{20,})", text)
    assert said, text  # "Gå igenom punkterna nedan" has its points below it


def test_submit_sign_in_by_oidc_move_through_mora_decide_and_count(browser, register_app, contexts):
    org = new_tab(browser, register_app, contexts)
    link = send_then_change_and_send_again(org)
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
    officer.reload()  # a reload keeps the officer signed in
    wait_idle(officer)
    expect(officer.get_by_text("Inloggad som Anna Handläggare")).to_be_visible()
    expect(officer.get_by_test_id("stDataFrame").first).to_be_visible()
    filter_and_download(officer)

    pick(officer, officer.get_by_test_id("stSelectbox").filter(has_text="Öppna ärende"),
         officer.get_by_role("option", name="Läxhjälpen", exact=False).first)
    read_the_case(officer)
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
    officer.get_by_text("Ändringslogg", exact=True).scroll_into_view_if_needed()
    expect(officer.get_by_test_id("stDataFrame").filter(has_text="Beslut: IOP ingås").first).to_be_attached()
    long_meeting_note(officer)
    no_live_markup(officer)
    full_shot(officer, "register-case-decided")

    # the organisation's link shows the new status
    again = new_tab(browser, link, contexts)
    expect(again.get_by_text("Ditt utkast är öppnat").first).to_be_visible()  # the link is read
    goto_page(again, "Sammanfattning")
    expect(again.get_by_text("Beslut: partnerskap (IOP) ingås").first).to_be_visible()
    expect(again.get_by_text("Anna Handläggare")).to_have_count(0)
    status_link = again.get_by_test_id("stCode").filter(has_text="#arende=").first.inner_text().strip()
    status = new_tab(browser, status_link, contexts)  # the status link alone, in a fresh browser
    goto_page(status, "Sammanfattning")
    expect(status.get_by_text("Beslut: partnerskap (IOP) ingås").first).to_be_visible()
    expect(status).to_have_url(re.compile(r"/summary#arende=[A-Za-z0-9_-]+$"))  # kept in the fragment only

    # the yearly follow-up counts it, per framework too
    goto_page(officer, "Årlig uppföljning")
    expect(officer.get_by_role("heading", name="Per beslut")).to_be_visible()
    expect(officer.get_by_role("heading", name="Per ramverk")).to_be_visible()
    expect(officer.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    full_shot(officer, "register-followup")
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Ladda ner CSV").click()
    csv = download.value.path().read_text(encoding="utf-8-sig")
    assert ";Per beslut;IOP ingås;1" in csv and ";Mottagna initiativ;;1" in csv and ";Per ramverk;Mora kommun;1" in csv
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Ladda ner Excel (XLSX)").click()
    from openpyxl import load_workbook

    rows = [[c.value for c in row] for row in load_workbook(BytesIO(download.value.path().read_bytes())).active.iter_rows()]
    assert rows[0] == ["År", "Mått", "Värde", "Antal"] and rows[1][1] == "Mottagna initiativ" and rows[1][3] == 1


def signed_in(tab, name: str) -> None:
    expect(tab.get_by_test_id("stSidebar").get_by_text(f"Inloggad som {name}")).to_be_visible()


def signed_out(tab) -> None:
    expect(tab.get_by_text("Logga in som handläggare")).to_be_visible()
    expect(tab.get_by_text("Inloggad som")).to_have_count(0)
    expect(tab.get_by_test_id("stDataFrame")).to_have_count(0)


def test_a_local_officer_stays_signed_in_through_a_reload_and_not_after_signing_out(browser, register_app, contexts):
    """Issue #23: a reload signed the officer out. Issue #22: sign-out must hold on the server."""
    officer = new_tab(browser, register_app + "/register", contexts)
    expect(officer.get_by_text("Logga in med kommunens konto eller med ett lokalt konto")).to_be_visible()
    officer.get_by_label("Användarnamn").fill(LOCAL[0])
    officer.get_by_label("Lösenord").fill(LOCAL[2])
    with officer.expect_navigation(url=f"{register_app}/register"):  # via /iop/session, which sets the cookie
        officer.get_by_role("button", name="Logga in", exact=True).click()
    wait_idle(officer)
    signed_in(officer, LOCAL[1])
    cookie = next(c for c in officer.context.cookies() if c["name"] == "iop_officer")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    assert LOCAL[2] not in str(officer.context.cookies())
    officer.reload()
    wait_idle(officer)
    signed_in(officer, LOCAL[1])
    expect(officer.get_by_test_id("stDataFrame").or_(officer.get_by_text("Inga ärenden ännu")).first).to_be_visible()
    captured = officer.context.cookies()
    with officer.expect_navigation():  # via /iop/signout, which deletes the cookie
        officer.get_by_test_id("stSidebar").get_by_role("button", name="Logga ut").click()
    wait_idle(officer)
    assert "iop_officer" not in {c["name"] for c in officer.context.cookies()}
    # the cookie captured before "Logga ut", in another browser: refused by the server
    thief = new_context(browser)
    contexts.append(thief)
    thief.add_cookies(captured)
    stolen = open_page(thief, register_app + "/register")
    signed_out(stolen)
    screenshot(stolen, "register-signed-out-old-cookie")


def test_an_oidc_identity_cookie_from_before_sign_out_signs_no_one_in(browser, register_app, contexts):
    """Issue #22: a `_streamlit_user` cookie captured before "Logga ut" still signed in (30 days)."""
    officer = new_tab(browser, register_app + "/register", contexts)
    officer.get_by_role("button", name="Logga in med kommunens konto").click()
    officer.locator("input[name=sub]").fill(OFFICER["sub"])
    officer.locator("input[name=sub]").press("Enter")
    officer.wait_for_url(f"{register_app}/**")
    wait_idle(officer)
    goto_page(officer, "Ärenden")
    signed_in(officer, OFFICER["name"])
    captured = [c for c in officer.context.cookies() if c["name"].startswith("_streamlit_user")]
    assert captured
    officer.get_by_test_id("stSidebar").get_by_role("button", name="Logga ut").click()
    officer.wait_for_url(lambda url: "/auth/logout" not in url)
    thief = new_context(browser)
    contexts.append(thief)
    thief.add_cookies(captured)
    stolen = open_page(thief, register_app + "/register")
    signed_out(stolen)
    expect(stolen.get_by_role("button", name="Logga in med kommunens konto")).to_be_visible()
