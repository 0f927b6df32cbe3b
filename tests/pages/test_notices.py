"""What an action did ("… är öppnat", "Ditt utkast är raderat") stays on screen until the user's
next action: a run without one (a reconnect, a redraw) shows it again; an answer, a click or
another page ends it. Every widget callback of the app goes through iop_shell/ui.py `action`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import ROOT
from tests.support.apptest import alerts, app, demo_click, gen, shown

OPENED = "Exemplet ”Läxhjälp i Gränsbyn – ett äkta partnerskap” är öppnat."


def redraw(at: AppTest) -> AppTest:
    """A run of the whole app (router, sidebar, page) without any widget change. (AppTest runs
    only the page after its first run unless asked for the entry script, as in test_drafts.py.)"""
    at._finished_page_script_hash = ""
    at.run()
    assert not at.exception, at.exception
    return at


def opened(at: AppTest) -> bool:
    return any(OPENED in shown(a) for a in alerts(at))


def test_the_opened_example_notice_survives_a_redraw_and_goes_on_the_next_answer():
    at = demo_click(app(), "genuine_iop")
    assert opened(at), alerts(at)
    assert opened(redraw(at)), "a run without a user action must not hide the notice"
    assert opened(redraw(at))
    at.text_input(key=f"organisation.org_number@{gen(at)}").input("802000-1234").run()
    assert not opened(at), "the next action ends the notice"
    assert not opened(redraw(at))


PAGE_SCRIPT = """
import streamlit as st
from iop_shell.ui import notify, page_shown, show_notice

page_shown(st.session_state.setdefault("page", "start"))  # as app.py does with the page it runs
if st.session_state.setdefault("first", True):
    st.session_state["first"] = False
    notify("start", "success", "Klart.")
show_notice("start")
"""


def test_another_page_ends_the_notice():
    # AppTest runs only the page after a switch_page, without app.py, so the router's call is
    # played by a small script here.
    at = AppTest.from_string(PAGE_SCRIPT).run()
    assert [s.value for s in at.success] == ["Klart."]
    assert [s.value for s in at.run().success] == ["Klart."]
    at.session_state["page"] = "initiative"
    assert not at.run().success
    at.session_state["page"] = "start"
    assert not at.run().success


def test_a_new_notice_replaces_the_last_one():
    at = demo_click(demo_click(app(), "genuine_iop"), "disguised_procurement")
    assert not opened(at)
    assert [shown(a) for a in alerts(at) if "är öppnat" in shown(a)] == [
        "Exemplet ”Trygg hemgång – en förklädd upphandling” är öppnat. Gå igenom stegen eller gå direkt till "
        "sammanfattningen. Exemplet använder ramverket SKR (nationell vägledning); du kan byta i sidomenyn."]


def test_the_draft_deleted_notice_survives_a_redraw(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IOP_DRAFTS", raising=False)
    at = app()
    at.text_input(key=f"organisation.name@{gen(at)}").input("Föreningen Notis")
    at.session_state["draft_link"] = True  # the link box is drawn only when opened
    redraw(at)
    at.sidebar.button(key="draft_delete").click()
    redraw(at)
    at.session_state["draft_link"] = True
    redraw(at)
    at.sidebar.button(key="draft_delete_yes").click()  # the app asks first
    redraw(at)
    assert any("utkast är raderat" in a for a in alerts(redraw(at))), alerts(at)
    at.text_input(key=f"organisation.org_number@{gen(at)}").input("802000-1234")
    assert not any("utkast är raderat" in a for a in alerts(redraw(at)))


# --- every callback goes through `action` -------------------------------------------------------

SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "iop_shell").glob("*.py"))]
NAVIGATES_AWAY = {"login", "logout"}  # st.login / st.logout leave the app for the sign-in page


def _decorated(tree: ast.Module) -> dict[str, bool]:
    """Functions defined at any depth of `tree`: whether they carry @action."""
    return {node.name: any(isinstance(d, ast.Name) and d.id == "action" for d in node.decorator_list)
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def _ok(value: ast.expr, own: dict[str, bool], ui: dict[str, bool], params: set[str]) -> bool:
    if isinstance(value, ast.Constant):
        return value.value in ("ignore", "rerun")
    if isinstance(value, ast.Call):
        return isinstance(value.func, ast.Name) and value.func.id == "action"
    if isinstance(value, ast.Attribute):
        return value.attr in NAVIGATES_AWAY
    if isinstance(value, ast.Name):
        return (value.id == "clear_notices" or value.id in params
                or own.get(value.id, ui.get(value.id, False)))
    return False


def _callbacks(path: Path) -> list[tuple[int, bool]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own, ui = _decorated(tree), _decorated(ast.parse((ROOT / "iop_shell" / "ui.py").read_text(encoding="utf-8")))
    params = {a.arg for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) for a in node.args.args
              if a.arg.startswith("on_")}  # a callback handed in (demo_button's on_open): checked where it is called
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        values = [kw.value for kw in node.keywords if kw.arg in ("on_change", "on_click")]
        if isinstance(node.func, ast.Name) and node.func.id == "demo_button":
            values.append(node.args[4])  # its on_open
        found += [(v.lineno, _ok(v, own, ui, params)) for v in values]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_widget_callback_ends_the_last_notice(path):
    bad = [line for line, ok in _callbacks(path) if not ok]
    assert bad == [], f"{path.name}: callbacks not wrapped in iop_shell/ui.action on lines {bad}"


def test_the_callback_check_finds_callbacks():
    assert sum(len(_callbacks(p)) for p in SOURCES) > 30
