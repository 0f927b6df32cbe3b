"""AppTest on the council's side: the register switched on (tests/pages/conftest.py `register_on`
with an officer account, bertil, whose password is PASSWORD), the app opened by an organisation's
link, a case submitted with consent, an officer signed in locally or through OpenID Connect."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support import ROOT
from tests.support.apptest import run, send
from tests.support.screenings import demo

PASSWORD = "kommunens lösen"
ORG = "Föreningen <b>Läxhjälpen</b> **Gränsbyn**"


def app(page: str | None = None, screening=None, token: str | None = None) -> AppTest:
    """The whole app, opened by the link to `token` and with `screening` in session (autosaved,
    so it has a draft and a link) if given, then on `page` (a file under pages/) if given."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if token:  # the link /#utkast=<token>: the browser's script sends it (iop_shell/draft_link.py)
        send(at, token)
    if screening is not None:
        at.session_state["screening"] = screening
        at.session_state["screening_generation"] = 1
        run(at)  # autosave makes the draft (and its link) before the page is opened
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def link_token(at: AppTest) -> str | None:
    """The token of the draft (or case) this session holds."""
    return at.session_state["draft_state"].token


def texts(at: AppTest) -> str:
    """Every text the page shows, in one string."""
    return " ".join(str(e.value) for kind in ("markdown", "success", "error", "info", "warning", "caption", "title")
                    for e in at.get(kind))


def submitted(name: str = ORG) -> AppTest:
    """An organisation's session that has sent a demo case (named `name`) with its consent."""
    s = demo("genuine_iop")
    s.framework = "mora"
    s.organisation.name = name
    at = app("pages/5_summary.py", s)
    assert at.button(key="submit_button").disabled  # nothing is sent without consent
    at.checkbox(key="submit_consent").check()
    run(at)
    at.button(key="submit_button").click()
    return run(at)


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    """Sign in as the local officer bertil with `password`."""
    at.text_input(key="officer_user").set_value("bertil")
    at.text_input(key="officer_password").set_value(password)
    for b in at.button:
        if b.label == "Logga in":
            b.click()
    return run(at)


def oidc_app(claims: dict, page: str = "pages/9_register.py") -> AppTest:
    """The app on `page` for a user signed in through OpenID Connect with `claims` (st.user)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                          "client_id": "x", "client_secret": "x",
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.secrets["iop"] = {"register": True, "officers": {"emails": ["anna@kommun.example"]}}
    at.user = {"is_logged_in": True, **claims}
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_case(at: AppTest) -> AppTest:
    """Open the register's first case."""
    at.selectbox(key="register_open_label").select_index(0)
    return run(at)
