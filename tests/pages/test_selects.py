"""Every drop-down speaks the page's language (issues #23 and #24): no "Choose an option".

Streamlit's own placeholder texts are English ("Choose an option", "Choose options", "No options
to select"); every st.selectbox and st.multiselect in the app passes the text table's instead.
"""

from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

from iop_core.screening.model import Screening
from tests.support import ROOT

SELECTS = {"selectbox", "multiselect"}


def _calls(path):
    """(line, kind, keyword names) of each st.selectbox / st.multiselect call in a page file, and of
    each bound(st.selectbox, …) call (bound() adds the placeholder itself)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in SELECTS:
            yield node.lineno, func.attr, {k.arg for k in node.keywords}
        elif isinstance(func, ast.Name) and func.id == "bound" and node.args \
                and isinstance(node.args[0], ast.Attribute) and node.args[0].attr in SELECTS:
            yield node.lineno, "bound", {"placeholder"}


def test_every_select_in_the_app_passes_a_placeholder():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "iop_shell").glob("*.py"))]
    calls = {(f.name, line): kinds for f in files for line, _, kinds in _calls(f)}
    assert calls, "no selects found: the scan is broken"
    assert [where for where, kinds in calls.items() if "placeholder" not in kinds] == []


@pytest.mark.parametrize(("lang", "one"), [("sv", "Välj ett svar"), ("en", "Choose an answer")])
def test_bound_selects_get_the_text_tables_placeholder(lang, one):
    """The sidebar's framework picker (bound() in app.py) on the first run in each language."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["screening"] = Screening(language=lang)
    at.session_state["screening_generation"] = 1
    at.run()
    assert not at.exception
    assert at.selectbox(key="framework@1").proto.placeholder == one


@pytest.mark.parametrize(("lang", "many", "none"), [("sv", "Välj ett eller flera", "Det finns inget att välja"),
                                                   ("en", "Choose one or more", "There is nothing to choose")])
def test_a_multiselect_and_an_empty_list_have_their_own_texts(lang, many, none):
    from iop_shell import state
    from iop_shell import ui as _ui

    saved = getattr(state._RUN, "screening", None)
    state._RUN.screening = Screening(language=lang)  # tr() reads the language of the run's screening
    try:
        assert _ui.select_placeholder(["a", "b"], many=True) == many
        assert _ui.select_placeholder([]) == _ui.select_placeholder([], many=True) == none
    finally:
        state._RUN.screening = saved
