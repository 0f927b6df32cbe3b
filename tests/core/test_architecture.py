"""Tripwires: the core stays pure and its public surface stays honest."""

import ast
import subprocess
import sys

import iop_core
from tests.conftest import ROOT


SHELL_ONLY = {"streamlit", "altair"}
"""The core returns data; the pages draw it (Streamlit widgets, Altair charts in pages/_charts.py)."""


def test_core_never_imports_streamlit_or_altair():
    for path in (ROOT / "iop_core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in SHELL_ONLY for n in names), path


def test_importing_the_core_does_not_load_streamlit_or_altair():
    code = ("import sys, iop_core, iop_core.rules.assessment, iop_core.report.picture, iop_core.report.comparison; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'altair')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_public_api_is_sorted_and_complete():
    assert iop_core.__all__ == sorted(iop_core.__all__, key=str.casefold)
    for name in iop_core.__all__:
        assert hasattr(iop_core, name)


def test_project_never_reads_shared_folder():
    for path in [*ROOT.glob("*.py"), *(ROOT / "pages").rglob("*.py"), *(ROOT / "iop_core").rglob("*.py")]:
        assert "../shared" not in path.read_text(encoding="utf-8"), path
