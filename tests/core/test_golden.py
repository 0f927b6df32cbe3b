"""Golden text of every framework's rule set (tests/golden/<id>.txt): any change to a rule, its
condition, severity, citations or a parameter shows as a readable diff in review.

After a deliberate change: UPDATE_GOLDEN=1 python -m pytest tests/core/test_golden.py
"""

import os
from pathlib import Path

import pytest

from iop_core.rules.catalogue import frameworks
from iop_core.rules.rulebook import render

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.mark.parametrize("fid", list(frameworks()))
def test_rule_set_matches_its_golden_text(fid):
    path = GOLDEN / f"{fid}.txt"
    text = render(frameworks()[fid])
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden text for {fid}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{fid}'s rules changed: review the diff, then UPDATE_GOLDEN=1"


def test_every_framework_has_a_golden_text_and_no_more():
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(frameworks())
