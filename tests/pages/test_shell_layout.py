"""The shell's rooms (issue #25 point 2): pages/ holds the pages and nothing else, each under 300
lines; the modules they share are in iop_shell/; st.session_state is touched in one module only,
iop_shell/state.py, where every key is declared once with its type and lifetime; every chart is
drawn in iop_shell/charts.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from iop_shell import state
from iop_shell.navigation import PAGE_FILES
from tests.support import ROOT

MAX_PAGE_LINES = 300
STATE_MODULE = "iop_shell/state.py"


def shell_files(root: Path) -> list[Path]:
    return sorted([root / "app.py", root / "serve.py", *(root / "pages").glob("*.py"), *(root / "iop_shell").glob("*.py")])


def session_state_uses(root: Path) -> list[str]:
    """Every use of `session_state` in the code (not in docstrings) outside the state module."""
    found = []
    for path in shell_files(root):
        if path.relative_to(root).as_posix() == STATE_MODULE or not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = (isinstance(node, ast.Attribute) and node.attr == "session_state") or \
                    (isinstance(node, ast.Name) and node.id == "session_state") or \
                    (isinstance(node, ast.alias) and node.name.split(".")[-1] == "session_state")
            if named:
                found.append(f"{path.relative_to(root).as_posix()}:{getattr(node, 'lineno', '?')}")
    return found


CHART_CALLS = {"altair_chart", "vega_lite_chart", "bar_chart", "line_chart", "area_chart", "scatter_chart",
               "pyplot", "plotly_chart", "bokeh_chart", "graphviz_chart", "map"}
CHARTS_MODULE = "iop_shell/charts.py"


def charts_outside(root: Path) -> list[str]:
    """Altair imported, or a chart drawn with st.*, outside the charts module."""
    found = []
    for path in shell_files(root):
        if path.relative_to(root).as_posix() == CHARTS_MODULE or not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            drawn = isinstance(node, ast.Attribute) and node.attr in CHART_CALLS and \
                isinstance(node.value, ast.Name) and node.value.id == "st"
            imported = (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "altair" for a in node.names)) or \
                (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "altair")
            if drawn or imported:
                found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def not_pages(root: Path) -> list[str]:
    """Files in pages/ that are not one of the app's pages."""
    pages = {Path(p).name for p in PAGE_FILES.values()}
    return sorted(p.name for p in (root / "pages").iterdir() if p.name not in pages and p.name != "__pycache__")


def long_pages(root: Path, limit: int = MAX_PAGE_LINES) -> dict[str, int]:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (root / "pages").glob("*.py")}
    return {name: n for name, n in sizes.items() if n > limit}


# --- the project ---------------------------------------------------------------------------------


def test_session_state_is_touched_only_by_the_state_module():
    assert session_state_uses(ROOT) == [], "use iop_shell.state (a Slot, a Family key, widget_value) instead"


def test_every_chart_is_drawn_in_the_charts_module():
    assert charts_outside(ROOT) == [], f"draw charts in {CHARTS_MODULE}"


def test_pages_holds_only_the_pages():
    assert not_pages(ROOT) == [], "a module the pages share belongs in iop_shell/"


def test_every_page_is_under_300_lines():
    assert long_pages(ROOT) == {}, "move the page's logic into iop_shell (drawing) or iop_core (pure)"


def test_every_key_is_declared_once_with_a_type_a_lifetime_and_a_reason():
    keys = [value for value in vars(state).values() if isinstance(value, state.Slot | state.Family)]
    names = [k.name if isinstance(k, state.Slot) else k.pattern for k in keys]
    assert len(names) == len(set(names)) == len([k for k in keys if isinstance(k, state.Family)]) + len(state.DECLARED)
    for key in keys:
        assert key.type is not None and key.lifetime in ("run", "page", "action", "screening", "session") and key.doc
    memos = [value for value in vars(state).values() if isinstance(value, state.Memo)]
    assert len(memos) == len(state.MEMO_NAMES) and all(m.doc for m in memos)


def test_a_second_declaration_of_a_key_or_a_memo_fails():
    with pytest.raises(ValueError, match="declared twice"):
        state.Slot("screening", object, "session", "again")
    with pytest.raises(ValueError, match="declared twice"):
        state.Memo("assessment", "again")


def test_importing_the_shell_package_loads_none_of_its_modules():
    """Like iop_core: a package root that imports its modules runs them all on the first import of
    any one, and a crowd of script threads importing at once deadlocked on that."""
    code = "import sys, iop_shell; print(sorted(m for m in sys.modules if m.startswith('iop_shell.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# --- the checks themselves, on a made-up project --------------------------------------------------


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_checks_find_session_state_a_helper_in_pages_and_a_long_page(tmp_path):
    root = _project(tmp_path, {
        "app.py": '"""st.session_state in a docstring is fine."""\n',
        "iop_shell/state.py": "import streamlit as st\nst.session_state['a'] = 1\n",
        "iop_shell/x.py": "import streamlit as st\nif 'a' in st.session_state:\n    pass\n",
        "pages/0_start.py": "from streamlit import session_state\n" + "x = 1\n" * 300,
        "pages/_helper.py": "st.session_state.get('b')\n",
        "pages/10_followup.py": "import altair as alt\nst.altair_chart(alt.Chart())\n",
        "iop_shell/charts.py": "import altair as alt\nst.vega_lite_chart({})\n",
    })
    assert session_state_uses(root) == ["iop_shell/x.py:2", "pages/0_start.py:1", "pages/_helper.py:1"]
    assert not_pages(root) == ["_helper.py"]  # 10_followup.py is a page
    assert long_pages(root) == {"0_start.py": 301}
    assert charts_outside(root) == ["pages/10_followup.py:1", "pages/10_followup.py:2"]
