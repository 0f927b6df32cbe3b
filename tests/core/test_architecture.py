"""Tripwires: the core stays pure and its public surface stays honest."""

import ast
import subprocess
import sys

import iop_core
from tests.support import ROOT

SHELL_ONLY = {"streamlit", "altair"}
"""The core returns data; the pages draw it (Streamlit widgets, Altair charts in iop_shell/charts.py)."""


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


def test_importing_the_package_loads_none_of_its_modules():
    """The public names load on first use: a package root that imported its top layer made every
    submodule import run the whole graph, and a crowd's first imports on many threads deadlocked."""
    code = "import sys, iop_core; print(sorted(m for m in sys.modules if m.startswith('iop_core.')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_public_api_is_sorted_and_complete():
    assert iop_core.__all__ == sorted(iop_core.__all__, key=str.casefold)
    for name in iop_core.__all__:
        assert hasattr(iop_core, name)


def test_project_never_reads_shared_folder():
    for path in [*ROOT.glob("*.py"), *(ROOT / "pages").rglob("*.py"), *(ROOT / "iop_shell").rglob("*.py"),
                 *(ROOT / "iop_core").rglob("*.py")]:
        assert "../" + "shared" not in path.read_text(encoding="utf-8"), path


def test_today_is_sweden_s_date_everywhere():
    """A server runs in UTC or anywhere: at 23:30 UTC Sweden already has the next date, and on New
    Year's Eve the next year. The app asks iop_core.clock, never the server's own zone."""
    naive = ("date.today()", "datetime.now()", "datetime.today()", "time.localtime(")
    for path in [*ROOT.glob("*.py"), *(ROOT / "pages").rglob("*.py"), *(ROOT / "iop_shell").rglob("*.py"),
                 *(ROOT / "iop_core").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not [n for n in naive if n in text], path


def test_the_clock_gives_sweden_s_date_near_midnight():
    from datetime import UTC, date, datetime

    from iop_core.clock import today

    assert today(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)  # winter: UTC+1
    assert today(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)  # summer: UTC+2
    assert today(datetime(2026, 6, 30, 21, 30, tzinfo=UTC)) == date(2026, 6, 30)


# --- size: no module over 500 lines, no function over 60 -----------------------------------------

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
SIZE_ALLOWED: dict[str, str] = {}
"""Exceptions, each with its reason (docs/architecture.md "Module and function size" lists the same).
A key is a file, or file::function; an entry that is no longer over the limit fails the test too."""


def _sized_files():
    for path in sorted([*(ROOT / "iop_core").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), *(ROOT / "iop_shell").rglob("*.py"),
                         ROOT / "app.py"]):
        if "migrations" not in path.relative_to(ROOT).parts:
            yield path


def _oversized() -> dict[str, int]:
    """Every module over MAX_MODULE_LINES and every function over MAX_FUNCTION_LINES (def line to
    last line, nested functions counted in their parent too), with its length."""
    found = {}
    for path in _sized_files():
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            found[name] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found[f"{name}::{node.name}"] = length
    return found


def test_no_module_or_function_is_too_long():
    found = _oversized()
    too_long = {key: n for key, n in found.items() if key not in SIZE_ALLOWED}
    assert not too_long, (
        f"over {MAX_MODULE_LINES} lines per module / {MAX_FUNCTION_LINES} per function: {too_long}; split them "
        "(or, with a reason, add them to SIZE_ALLOWED here and to docs/architecture.md)"
    )
    stale = sorted(set(SIZE_ALLOWED) - set(found))
    assert not stale, f"no longer too long, remove from SIZE_ALLOWED and docs/architecture.md: {stale}"


def test_size_exceptions_are_explained_in_the_docs():
    lines = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines()
    for key, reason in SIZE_ALLOWED.items():
        assert any(f"`{key}`" in line and reason in line for line in lines), f"docs/architecture.md: `{key}` {reason}"


def test_the_size_check_sees_long_modules_and_functions(tmp_path, monkeypatch):
    """The tripwire itself: a 61-line function and a 501-line module are found."""
    (tmp_path / "iop_core").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("def long():\n" + "    x = 1\n" * 60, encoding="utf-8")
    (tmp_path / "iop_core" / "big.py").write_text("x = 1\n" * 501, encoding="utf-8")
    (tmp_path / "iop_core" / "migrations").mkdir()
    (tmp_path / "iop_core" / "migrations" / "v1.py").write_text("x = 1\n" * 501, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _oversized() == {"app.py::long": 61, "iop_core/big.py": 501}
