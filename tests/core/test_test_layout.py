"""The tests' own layout: shared test code lives in tests/support, nowhere else.

- No module imports a test module (`test_*.py`): what two tests share moves to tests/support.
- No module imports a conftest.py, and a conftest.py holds fixtures and pytest hooks only
  (plus the imports and settings they need); a plain helper function or class goes to
  tests/support.
- benchmarks/ and scripts/ import from tests/ only tests.support (a package without import side
  effects), and tests/support imports nothing else from tests/ either.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT


def _module(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every module `path` imports, wherever in the file (inside functions too), relative imports
    resolved; `from pkg import name` counts as pkg and as pkg.name (it may be a module)."""
    package = _module(path, root).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def _is_test_module(name: str) -> bool:
    return name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")


def _is_conftest(name: str) -> bool:
    return name.startswith("tests.") and name.rsplit(".", 1)[-1] == "conftest"


def test_no_module_imports_a_test_module_or_a_conftest():
    found = [f"{path.relative_to(ROOT)} imports {name}"
             for path in _files("tests", "benchmarks", "scripts")
             for name in sorted(_imports(path)) if _is_test_module(name) or _is_conftest(name)]
    assert not found, "move what they share into tests/support:\n" + "\n".join(found)


def _is_fixture(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ast.unparse(target) in ("pytest.fixture", "fixture"):
            return True
    return False


def test_a_conftest_holds_fixtures_and_hooks_only():
    found = []
    for path in _files("tests"):
        if path.name != "conftest.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                found.append(f"{path.relative_to(ROOT)}: class {node.name}")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if not (_is_fixture(node) or node.name.startswith("pytest_")):
                    found.append(f"{path.relative_to(ROOT)}: def {node.name}")
    assert not found, "plain helpers belong in tests/support:\n" + "\n".join(found)


def test_benchmarks_scripts_and_the_support_package_import_only_tests_support_from_tests():
    found = [f"{path.relative_to(ROOT)} imports {name}"
             for path in _files("benchmarks", "scripts", "tests/support")
             for name in sorted(_imports(path))
             if (name == "tests" or name.startswith("tests.")) and name != "tests.support"
             and not name.startswith("tests.support.")]
    assert not found, "\n".join(found)


def test_the_reader_sees_relative_and_late_imports(tmp_path):
    """The tripwire itself: a late, relative import of a test module and of a conftest is found."""
    path = tmp_path / "tests" / "pages" / "test_b.py"
    path.parent.mkdir(parents=True)
    path.write_text("def f():\n    from .test_a import x\n    from .. import conftest\n", encoding="utf-8")
    names = _imports(path, tmp_path)
    assert "tests.pages.test_a" in names and "tests.conftest" in names
    assert _is_test_module("tests.pages.test_a") and _is_conftest("tests.conftest")


def test_importing_the_support_package_changes_no_environment():
    """Every tests/support module imported in a fresh interpreter (as a benchmark does) leaves the
    app's settings (IOP_*) as they were: the suite's own settings are the conftest's. (Streamlit
    itself sets MPLBACKEND on import; that is not ours to judge.)"""
    import subprocess
    import sys

    names = sorted(f"tests.support.{p.stem}" for p in (ROOT / "tests" / "support").glob("*.py") if p.stem != "__init__")
    code = ("import os, importlib; before = dict(os.environ)\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "print(sorted(k for k, _ in set(os.environ.items()) ^ set(before.items()) if k.startswith('IOP_')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"
