"""The layers of tests/support/layers.py hold: every module has a layer, no import runs against
the order, no circle; and the graph reader itself finds what it should (on synthetic projects).

`python3 scripts/import_graph.py` prints the same figures for a checkout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.layers import LAYERS, against_order, circles, import_graph, rank, unplaced

# --- the project -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return import_graph(ROOT)


def test_every_module_has_a_layer(graph):
    assert not unplaced(graph), "add these to LAYERS in tests/support/layers.py"


def test_no_import_against_the_order(graph):
    assert not against_order(graph), "a lower layer imports a higher one; move the code down or pass the value in"


def test_no_circle(graph):
    assert not circles(graph)


def test_every_layer_in_the_map_is_in_the_order():
    for layer in set(LAYERS.values()):
        rank(layer)


def test_the_graph_sees_the_real_imports(graph):
    """A sanity check on the reader itself: known edges of the project are found."""
    assert "iop_core.screening.model" in graph["iop_core.rules.assessment"]
    assert "iop_core.rules.catalogue" in graph["iop_core.rules.citations"]
    assert any(target.startswith("iop_core.") for target in graph["app"])


def test_the_script_prints_the_figures():
    """scripts/import_graph.py reads the graph with these helpers and this map."""
    out = subprocess.run([sys.executable, "scripts/import_graph.py"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "circles: 0\n" in out and "imports against the order: 0\n" in out and "largest modules: " in out


# --- the helpers, on a synthetic project ------------------------------------------------------------


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_an_import_against_the_order_is_found(tmp_path):
    """The tripwire itself: a screening module that imports the report (even late, inside a
    function, relatively) fails; the report importing the screening does not."""
    root = _project(tmp_path, {
        "iop_core/__init__.py": "",
        "iop_core/screening/__init__.py": "",
        "iop_core/screening/progress.py": "def f():\n    from ..report import outline\n",
        "iop_core/report/__init__.py": "",
        "iop_core/report/outline.py": "from iop_core.screening.progress import f\n",
    })
    graph = import_graph(root)
    assert graph["iop_core.screening.progress"] == {"iop_core.report.outline"}
    assert against_order(graph) == [
        "iop_core.screening.progress (screening) -> iop_core.report.outline (report)"
    ]
    assert circles(graph) == [["iop_core.report.outline", "iop_core.screening.progress"]]


def test_layers_beside_each_other_may_meet_but_not_in_a_circle(tmp_path):
    root = _project(tmp_path, {
        "iop_core/storage/cases.py": "import iop_core.council.process\n",
        "iop_core/council/process.py": "from iop_core.storage import errors\n",
        "iop_core/storage/errors.py": "",
        "pages/9_register.py": "from iop_core.council.process import x\n",
    })
    graph = import_graph(root)
    assert against_order(graph) == []
    assert circles(graph) == []
    assert graph["pages.9_register"] == {"iop_core.council.process"}


def test_a_module_without_a_layer_is_named(tmp_path):
    root = _project(tmp_path, {"iop_core/__init__.py": "", "tools/x.py": "", "iop_core/x.py": ""})
    graph = import_graph(root)
    assert unplaced(graph, {"iop_core.*": "shell"}) == []
    assert unplaced(graph, {"iop_core": "shell"}) == ["iop_core.x"]


def test_rank_puts_layers_beside_each_other_on_one_step():
    assert rank("budget") == rank("documents") < rank("rules")
    with pytest.raises(KeyError):
        rank("nowhere")
