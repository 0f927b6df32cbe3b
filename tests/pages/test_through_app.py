"""iop_shell/ui.py sends a page that Streamlit ran on its own back through app.py with a rerun. The
rerun must not be raised while the module is being imported: an exception out of an import
leaves the sessions importing it at the same moment without the module ("ImportError: cannot
import name '_drafts'", issue 22). It happens at the script's next element instead."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support import ROOT


def _script(ui_file: str) -> None:
    import importlib.util

    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    before = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = st.session_state["runs"] == 1  # a fresh server, on the first run
    spec = importlib.util.spec_from_file_location("_ui_imported_fresh", ui_file)
    try:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))  # what `import iop_shell.ui` runs
    except BaseException as exc:
        st.session_state["import_raised"] = type(exc).__name__
        raise
    finally:
        PagesManager.uses_pages_directory = before and PagesManager.uses_pages_directory
    st.write("drawn")


def test_the_rerun_to_app_py_is_not_raised_during_the_import():
    at = AppTest.from_function(_script, args=(str(ROOT / "iop_shell" / "ui.py"),), default_timeout=30)
    at.run()
    assert not at.exception
    assert "import_raised" not in at.session_state
    assert at.session_state["runs"] == 2  # the rerun still happens, at the first element
    assert [m.value for m in at.markdown] == ["drawn"]
