"""AppTest helpers shared by the page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pages._ui import MODES, WALK
from tests.conftest import ROOT

PAGES = {**WALK, **MODES}


def app(screening=None, page: str = "start") -> AppTest:
    """The whole app (router + sidebar) on `page`, optionally with a screening in session."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if screening is not None:
        at.session_state["screening"] = screening
        at.session_state["screening_generation"] = 1
    if page != "start" or screening is not None:
        at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    return at


def model(at: AppTest):
    return at.session_state["screening"]


def gen(at: AppTest) -> int:
    return at.session_state["screening_generation"]


def alerts(at: AppTest) -> list[str]:
    return [e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]
