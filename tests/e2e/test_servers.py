"""Several servers: two `streamlit run` processes, one PostgreSQL, nginx with deploy/nginx.conf.

A draft saved through one app process resumes through the other; when a process stops, its
users continue on the other (and their cookie names it from then on); new browsers take turns
between the processes; no log (nginx's access and error logs, the app processes' own)
holds the draft's token; nginx sends the security headers docs/security-proxy.md lists, and the
Content-Security-Policy lets the app work without a single violation in the browser.
"""

from __future__ import annotations

import re
import secrets
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tests.support.browser import charts_drawn, fill, goto_page, new_context, open_demo, open_page, rerun, screenshot
from tests.support.servers import Nginx, documented_headers, free_port, route_in, start_streamlit, stop

pytestmark = pytest.mark.browser

ORG = "Föreningen Två Servrar"
README_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                  "Permissions-Policy")


@pytest.fixture(scope="module")
def cluster(postgres, tmp_path_factory):
    env = {"IOP_DATABASE_URL": postgres.url(postgres.new_database()), "IOP_DRAFTS": "true",
           "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16)}
    ports = (free_port(), free_port())
    logs = tmp_path_factory.mktemp("app-logs")
    apps = {"a": start_streamlit(ROOT, ports[0], env, log=logs / "a.log")}
    apps["b"] = start_streamlit(ROOT, ports[1], env, log=logs / "b.log")  # after a: never migrating at once
    nginx = Nginx(ROOT / "deploy" / "nginx.conf", ports).start()
    nginx.app_logs = logs
    yield nginx, apps
    nginx.stop()
    for proc in apps.values():
        if proc.poll() is None:
            stop(proc)


def routed_page(browser, nginx: Nginx, route: str, url: str, violations: list[str]):
    """A fresh browser at `url` whose sticky-session cookie sends it to app process `route`."""
    context = new_context(browser)
    context.add_cookies([{"name": "iop_route", "value": route, "url": nginx.url}])
    context.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    return open_page(context, url)


def sidebar_link(pg) -> str:
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_text("Fortsätt senare: kopiera länken").click()
    code = sidebar.get_by_test_id("stCode")
    expect(code).to_contain_text("utkast=")
    return code.inner_text().strip()


def test_nginx_sends_the_security_headers_the_readme_lists(cluster):
    nginx, _ = cluster
    readme = (ROOT / "docs" / "security-proxy.md").read_text(encoding="utf-8")
    with urllib.request.urlopen(nginx.url + "/") as resp:
        headers = resp.headers
    for name in README_HEADERS:
        assert f"`{name}" in readme, f"docs/security-proxy.md no longer lists {name}"
        assert headers.get(name), f"nginx does not send {name}"
    for name, value in documented_headers().items():
        assert headers.get_all(name) == [value], f"nginx.conf and docs/security-proxy.md disagree on {name}"
    assert headers["Server"] == "nginx", "server_tokens off: no version"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "frame-ancestors" in readme
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert any(route_in(cookie) for cookie in headers.get_all("Set-Cookie")), headers.get_all("Set-Cookie")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(nginx.url + "/_stcore/metrics")
    assert err.value.code == 404


def route_given(url: str, route: str | None = None) -> str | None:
    """The process nginx's sticky-session cookie names after a GET of `url` (None: no cookie set);
    `route`: the process the browser's cookie named before."""
    headers = {"Cookie": f"iop_route={route}"} if route else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as resp:
        cookies = resp.headers.get_all("Set-Cookie") or []
    routes = [route for c in cookies if (route := route_in(c))]
    assert len(routes) <= 1 and len(routes) == len(cookies), cookies
    return routes[0] if routes else None


def test_new_browsers_take_turns_between_the_two_processes(cluster):
    """A workshop that opens the app at once is spread evenly (a coin toss per browser gave one
    process 18-20 of 30); a browser with a route keeps it. Runs before the draft test below,
    which stops process a."""
    nginx, _ = cluster
    routes = [route_given(nginx.url + "/") for _ in range(8)]
    assert "".join(routes) in ("abababab", "babababa"), routes
    assert [route_given(nginx.url + "/", route) for route in "abba"] == list("abba")


def test_a_draft_saved_through_one_server_resumes_through_the_other(browser, cluster):
    nginx, apps = cluster
    violations: list[str] = []

    first = routed_page(browser, nginx, "a", nginx.url, violations)
    open_demo(first, "Läxhjälp i Gränsbyn")  # a full case: the budget page draws its charts
    fill(first.get_by_label("Organisationens namn"), ORG)
    goto_page(first, "Budget")  # charts and the data editor: what the CSP must allow
    charts_drawn(first)
    goto_page(first, "Sammanfattning")
    expect(first.get_by_test_id("stSidebar").get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    link = sidebar_link(first)
    assert link.startswith(nginx.url + "/#utkast="), link
    token = link.split("utkast=")[1]

    second = routed_page(browser, nginx, "b", link, violations)
    expect(second.get_by_text("Ditt utkast är öppnat").first).to_be_visible()
    expect(second.get_by_label("Organisationens namn")).to_have_value(ORG)
    with rerun(second):  # a link made in another browser asks before the first save
        second.get_by_role("button", name="Fortsätt i det här utkastet").click()
    fill(second.get_by_label("Organisationens namn"), ORG + " (från b)")
    screenshot(second, "servers_resumed_on_b")

    stop(apps["a"])  # server a goes away; a browser routed to it continues on its backup, b
    assert route_given(nginx.url + "/", "a") == "b"  # ... and is sent there directly from then on
    assert {route_given(nginx.url + "/") for _ in range(4)} == {"b"}  # a new browser: b
    third = routed_page(browser, nginx, "a", link, violations)
    expect(third.get_by_text("Ditt utkast är öppnat").first).to_be_visible()
    expect(third.get_by_label("Organisationens namn")).to_have_value(ORG + " (från b)")
    # An old link with the token in its query: nginx turns it into the fragment form itself.
    old = routed_page(browser, nginx, "a", f"{nginx.url}/budget?utkast={token}", violations)
    expect(old.get_by_text("Ditt utkast är öppnat").first).to_be_visible()
    expect(old).to_have_url(f"{nginx.url}/budget#utkast={token}")
    status = routed_page(browser, nginx, "a", f"{nginx.url}/summary?arende={token}", violations)
    expect(status).to_have_url(f"{nginx.url}/summary#arende={token}")  # an old status link: the same

    # Until #12 serves the page icon from the app, Streamlit fetches it from Google's font CDN;
    # the policy blocks that (no visitor's address goes to a third party). Nothing else may be blocked.
    others = [v for v in violations if "fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/" not in v]
    assert others == [], others

    media = secrets.token_hex(16)  # a download's address: fetchable by whoever reads it in a log
    assert status_of("GET", f"{nginx.url}/media/{media}.pdf", route="a") == 404  # a is down: b answers
    upload = secrets.token_hex(16)  # an upload's address names its session
    assert status_of("PUT", f"{nginx.url}/_stcore/upload_file/{upload}/f0", route="a") in (400, 403, 404, 405)
    logs = nginx.logged('"GET /media/- HTTP/1.1" 404')
    assert media not in str(logs) and upload not in str(logs)
    assert '"GET / HTTP/1.1" 200' in logs["iop-screening.access.log"]  # the link's requests were logged ...
    assert "connect() failed" in logs["iop-screening.error.log"]  # ... and server a's absence
    logs |= {p.name: p.read_text(encoding="utf-8", errors="replace") for p in nginx.app_logs.glob("*.log")}
    assert set(logs) >= {"a.log", "b.log", "error.log", "iop-screening.access.log", "iop-screening.error.log"}
    for name, text in logs.items():
        assert token not in text and "utkast=" not in text and "arende=" not in text, name  # ... never the key
    for pg in (first, second, third, old, status):
        pg.context.close()


def status_of(method: str, url: str, route: str | None = None) -> int:
    """The status nginx answers; `route`: the app process the sticky-session cookie names."""
    headers = {"Cookie": f"iop_route={route}"} if route else {}
    req = urllib.request.Request(url, data=b"x" if method == "PUT" else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def test_nginx_bounds_uploads_per_session_and_sign_in_per_client(cluster):
    """deploy/nginx.conf answers 429 once one session has sent its burst of uploads, or one
    address its burst of sign-in requests; another session can still upload."""
    nginx, _ = cluster
    session = secrets.token_hex(8)
    uploads = [status_of("PUT", f"{nginx.url}/_stcore/upload_file/{session}/f{i}") for i in range(30)]
    assert 429 not in uploads[:20] and uploads[-1] == 429, uploads  # burst 20, then 20 a minute
    assert status_of("PUT", f"{nginx.url}/_stcore/upload_file/{secrets.token_hex(8)}/f0") != 429
    sign_in = [status_of("GET", f"{nginx.url}/auth/login") for _ in range(30)]
    assert 429 not in sign_in[:20] and sign_in[-1] == 429, sign_in
    assert status_of("GET", nginx.url + "/") == 200  # the app itself is not limited
