"""Money has one formatter (iop_core.format.format_sek), the same in the budget, the rules and the report."""

import ast
from decimal import Decimal as D

import pytest

from iop_core.format import format_sek
from tests.support import ROOT

NB = "\u00a0"


@pytest.mark.parametrize("amount, text", [
    (D("1234567"), f"1{NB}234{NB}567{NB}kr"),
    (D("0"), f"0{NB}kr"),
    (D("999.5"), f"1{NB}000{NB}kr"),
    (D("-2500"), f"−2{NB}500{NB}kr"),
    (1234.5, f"1{NB}235{NB}kr"),
    (7, f"7{NB}kr"),
])
def test_swedish_amounts_are_whole_kronor_with_no_break_spaces(amount, text):
    assert format_sek(amount) == text


@pytest.mark.parametrize("amount, text", [
    (D("1234567"), f"SEK{NB}1,234,567"),
    (D("999.5"), f"SEK{NB}1,000"),
    (D("-2500"), f"−SEK{NB}2,500"),
])
def test_english_amounts_name_the_currency_first(amount, text):
    assert format_sek(amount, "en") == text


def test_ore_are_shown_only_when_the_amount_has_them():
    assert format_sek(D("1234.5"), ore=True) == f"1{NB}234,50{NB}kr"
    assert format_sek(D("1234.5"), "en", ore=True) == f"SEK{NB}1,234.50"
    assert format_sek(D("1234.00"), ore=True) == f"1{NB}234{NB}kr"
    assert format_sek(D("0.005"), ore=True) == f"0,01{NB}kr"  # half up, to the öre


def test_no_other_core_module_writes_kronor():
    """"… kr" and "SEK …" are written in iop_core/format.py only (no copy in rules, report or budget)."""
    writers = set()
    for path in (ROOT / "iop_core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                f"{NB}kr" in node.value or f"SEK{NB}" in node.value
            ):
                writers.add(path.relative_to(ROOT).as_posix())
    assert writers == {"iop_core/format.py"}
