"""The hostile corpus (tests/hostile/generate.py) through the app's doors, each file in a forked
child with a memory and CPU ceiling (tests/hostile/runner.py). Every file must end in the app's
own clear message or a normal result, leave the previous answers unchanged and stay within the
bounds below. The bounds are resource limits for a loaded 2-CPU machine, not timings."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from iop_core.i18n import strings
from tests.hostile.generate import FORMULA_STARTS, all_cases
from tests.support import ROOT

PEAK_MB = 150
"""Memory a single file may add while it is loaded (observed: at most ~40 MB, a 5 MB JSON array)."""
CPU_S = 15
"""CPU seconds a single file may take (observed: well under 1 s each)."""

CASES = [(c.kind, c.name) for c in all_cases()]
ACCEPTED_SCREENINGS = {"utf8_bom_valid", "valid_payload_everywhere", "valid_worst"}
GUARDED_CSV = {"every_formula_prefix", "payload_cells"}


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    out = subprocess.run([sys.executable, "-m", "tests.hostile.runner"], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {f"{r['kind']}/{r['name']}": r for r in rows}


def _load_messages() -> list[str]:
    return [text.split("{")[0][:20] for key, text in strings("sv").items() if key.startswith("load.")]


@pytest.mark.parametrize(("kind", "name"), CASES, ids=[f"{k}/{n[:40]}" for k, n in CASES])
def test_hostile_file(results, kind, name):
    r = results[f"{kind}/{name}"]
    assert r["outcome"] in ("refused", "accepted"), r  # not crash, memory_limit, killed_by_SIGXCPU, wall_limit
    assert r["unchanged"], "the previous answers must survive a refused file"
    assert r["peak_mb"] <= PEAK_MB, r
    assert r["cpu_s"] <= CPU_S, r
    if r["outcome"] == "refused":
        assert r["message"] and "Traceback" not in r["message"] and len(r["message"]) < 2000
    if kind == "screening":
        assert (r["outcome"] == "accepted") == (name in ACCEPTED_SCREENINGS), r
        if r["outcome"] == "refused":
            assert r["current_is_previous"]
            assert r["message"].startswith(tuple(_load_messages())), r["message"]
    if kind == "upload":
        assert "/" not in r["file_name"] and "\u202e" not in r["file_name"], r["file_name"]
    if kind == "csv" and name in GUARDED_CSV:
        assert r["outcome"] == "accepted"
        cells = [c for row in csv.reader(io.StringIO(r["export"]), delimiter=";") for c in row]
        assert cells and not [c for c in cells if c.lstrip(" ").startswith(FORMULA_STARTS)], "unguarded formula"
