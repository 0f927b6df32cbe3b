"""The app served with its two officer-session routes: `streamlit run serve.py` (same options as
`streamlit run app.py`; Streamlit finds the `app` below and serves app.py through it) or
`uvicorn serve:app`.

Streamlit cannot set an HttpOnly cookie from a script, so a local officer's sign-in (iop_shell/signin.py)
sends the browser here once with a one-time code:
- GET /iop/session?code=…&to=<page>: redeems the code (once, within a minute, in the browser that
  signed in: its Streamlit XSRF token must be the one the sign-in saw), sets the signed,
  HttpOnly, SameSite=Strict cookie `iop_officer` holding the session token (Max-Age: the session's
  hours) and sends the browser back to the page. A reload then finds the officer again.
- GET /iop/signout?to=<page>: revokes the cookie's session (already revoked by "Logga ut") and
  deletes the cookie.
Nothing here logs a code, a token or a cookie. Without these routes (`streamlit run app.py`) the
app works as before and a local sign-in lasts as long as its Streamlit session.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import re
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from iop_core.council import signin as core
from iop_core.storage import (
    StorageError,
    StorageUnavailable,
    load_settings,
    make_engine,
)

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("iop.signin")
start_log = logging.getLogger("iop.start")
_PAGE = re.compile(r"[a-z0-9_-]{0,40}")
_ENGINE: dict[str, object] = {}


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no secrets file: the environment alone
        return {}


def _sessions() -> core.OfficerSessions:
    """The sessions table on the app's database (the script has migrated it before any code exists)."""
    url = load_settings(os.environ, _secrets(), ROOT).database_url
    if url not in _ENGINE:
        _ENGINE[url] = make_engine(url)
    return core.OfficerSessions(_ENGINE[url])


def _back(request: Request) -> RedirectResponse:
    from streamlit import config
    from streamlit.url_util import make_url_path

    page = request.query_params.get("to", "")
    page = page if _PAGE.fullmatch(page) else ""
    response = RedirectResponse(make_url_path(config.get_option("server.baseUrlPath"), f"/{page}"), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _cookie_options(request: Request) -> dict:
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    return {"path": f"/{base}", "httponly": True, "samesite": "strict", "secure": secure}


def _secret() -> str:
    from streamlit.web.server.server_util import get_cookie_secret

    return get_cookie_secret()


async def session_start(request: Request) -> Response:
    response = _back(request)
    try:
        browser = core.browser_key(request.cookies.get(core.XSRF_COOKIE))
        token = await run_in_threadpool(lambda: _sessions().redeem(request.query_params.get("code", ""), browser))
    except StorageUnavailable:
        return response
    if token is None:
        log.warning("officer session code refused (unknown, used or expired)")
        return response
    response.set_cookie(core.COOKIE, core.sign_cookie(token, _secret()), max_age=core.SESSION_HOURS * 3600,
                        **_cookie_options(request))
    return response


async def session_end(request: Request) -> Response:
    response = _back(request)
    token = core.cookie_token(request.cookies.get(core.COOKIE), _secret())
    if token:
        try:
            await run_in_threadpool(lambda: _sessions().revoke(token=token))
        except StorageUnavailable:
            log.error("officer sign-out could not be recorded (database unavailable); the cookie is deleted")
    options = _cookie_options(request)
    response.delete_cookie(core.COOKIE, path=options["path"], secure=options["secure"], httponly=True,
                           samesite="strict")
    return response


def _path(name: str) -> str:
    from streamlit import config
    from streamlit.url_util import make_url_path

    return make_url_path(config.get_option("server.baseUrlPath"), f"/{core.ROUTES[name]}")


def warm_up() -> None:
    """Once per process, before the first visitor: the imports, the rules catalogue in both
    languages and the drafts database's migration check that the first page run would otherwise
    do while its visitor waits (about 2 s on a 2-vCPU machine against 0.1 s for a bare page)."""
    from iop_core.rules.assessment import assess_all
    from iop_core.screening.demo import demo_cases
    from iop_core.screening.model import Screening
    from iop_shell import drafts

    for module in sorted((ROOT / "iop_shell").glob("[!_]*.py")):  # the shell's modules and all they import
        importlib.import_module(f"iop_shell.{module.stem}")
    importlib.import_module("iop_core.report.progress")  # app.py's step states
    for lang in ("sv", "en"):
        assess_all(Screening(language=lang))
        demo_cases(lang)  # the Start page's gallery
    # Streamlit's first element in a process calls inspect.stack() (env_util.is_repl), which maps
    # every loaded module to its file: 0.4 s with this app's imports. inspect caches that map, so
    # it is built last, once every module above is loaded.
    inspect.stack()
    try:
        settings = load_settings(os.environ, _secrets(), ROOT)
        if settings.drafts:
            # migrates once, under its lock (iop_core/storage/db.py), and removes expired drafts,
            # which the first session of a process would otherwise wait for
            drafts.opener(settings).get().cleanup_if_due()
    except StorageError as exc:  # down, or half-migrated: the pages say so and name the fix
        start_log.warning("drafts database not ready at start (%s); the first visitor's run tries again", type(exc).__name__)


@asynccontextmanager
async def _lifespan(_app: st.App):
    await run_in_threadpool(warm_up)
    yield


routes = [Route(_path("start"), session_start, methods=["GET"]), Route(_path("end"), session_end, methods=["GET"])]
core.Routes.mounted = True
app = st.App("app.py", routes=routes, lifespan=_lifespan)
