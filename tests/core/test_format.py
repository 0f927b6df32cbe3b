"""iop_core.format: numbers, shares, citations and titles written one way per language, and the
dotted fact paths of the model. Each helper exists once; the last test keeps it that way."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from iop_core.format import format_number, format_share, lower_first, ungroup
from iop_core.rules.citations import cite, cite_all
from iop_core.screening.model import Citation, Screening, fact_value, path_owner, set_fact
from tests.support import ROOT

NB = "\u00a0"


@pytest.mark.parametrize(("value", "sv", "en"), [
    (D("1234567"), f"1{NB}234{NB}567", "1,234,567"),
    (D("1234.5"), f"1{NB}234,50", "1,234.50"),
    (D("0.004"), "0", "0"),
    (D("-2500"), f"-2{NB}500", "-2,500"),
    (2.5, "2,50", "2.50"),
    (12, "12", "12"),
])
def test_numbers_in_both_languages(value, sv, en):
    assert format_number(value) == format_number(value, "sv") == sv
    assert format_number(value, "en") == en


def test_trimmed_numbers_and_rounding_half_up():
    assert format_number(2.5, "sv", trim=True) == "2,5" and format_number(2.5, "en", trim=True) == "2.5"
    assert format_number(D("0.125"), "en") == "0.13"  # half up, not to even
    assert format_number(D("1500.25"), "sv", decimals=1, trim=True) == f"1{NB}500,3"
    assert format_number(12, "sv", fixed=True) == "12,00" and format_number(12, "en", fixed=True) == "12.00"


def test_shares_never_round_across_a_threshold():
    assert format_share(D("0.046")) == f"4,6{NB}%" and format_share(D("0.046"), "en") == "4.6%"
    assert format_share(D("0.62")) == f"62{NB}%" and format_share(D("0.62"), "en") == "62%"
    assert format_share(D("0.9496")) == f"95{NB}%"
    assert format_share(None) == format_share(None, "en") == "–"


@pytest.mark.parametrize(("typed", "en"), [
    ("250,000", "250000"), ("1,234,567.5", "1234567.5"), ("250,000 SEK", "250000 SEK"), ("-1,000", "-1000"),
    ("1,5", "1,5"), ("1 500", "1 500"), ("12", "12"), ("tolv", "tolv"),
])
def test_english_thousands_commas_are_taken_out_swedish_decimal_commas_stay(typed, en):
    assert ungroup(typed, "en") == en
    assert ungroup(typed, "sv") == typed


def test_citations_short_full_and_several():
    skr = Citation(document="skr", section="2.5")
    assert cite(skr) == "SKR 2.5" and cite(skr, "en") == "SKR 2.5"
    assert cite(skr, full=True).endswith(", 2.5") and len(cite(skr, full=True)) > len("SKR 2.5")
    assert cite_all([skr, Citation(document="skr", section="kap. 3")]) == "SKR 2.5; SKR kap. 3"
    assert cite_all([]) == ""


def test_lower_first_keeps_acronyms():
    assert lower_first("Ideellt arbete") == "ideellt arbete"
    assert lower_first("IOP saknas") == "IOP saknas" and lower_first("EU-stöd") == "EU-stöd"
    assert lower_first("") == ""


def test_dotted_paths_read_and_write_the_model():
    s = Screening()
    set_fact(s, "initiative.sanctions", True)
    assert fact_value(s, "initiative.sanctions") is True and s.initiative.sanctions is True
    owner, name = path_owner(s, "budget.terms.payment_to")
    assert owner is s.budget.terms and name == "payment_to"
    with pytest.raises(ValueError):  # the model validates what is set
        set_fact(s, "initiative.planned_years", "many")


HAND_MADE = {
    "citation": re.compile(r"\{[^{}]*\.document[^{}]*\}[^\"]*\{[^{}]*\.section\}"),
    "lower_first": re.compile(r"\[:1\]\.lower\(\)"),
    "dotted path walk": re.compile(r"\.split\(\"\.\"\)"),
    "thousands grouping": re.compile(r"\"\\u00a0\"\.join\(|replace\(\",\", (\"\\u00a0\"|NBSP)\)"),
}
"""What the format module and the model's path helpers do, written by hand elsewhere."""
HOME = {"citation": "iop_core/rules/citations.py", "lower_first": "iop_core/format.py",
        "dotted path walk": "iop_core/screening/model.py", "thousands grouping": "iop_core/format.py"}


@pytest.mark.parametrize("helper", list(HAND_MADE))
def test_each_helper_is_written_once(helper):
    files = sorted((ROOT / "iop_core").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "iop_shell").glob("*.py")) + [ROOT / "app.py"]
    found = [f.relative_to(ROOT).as_posix() for f in files if HAND_MADE[helper].search(f.read_text(encoding="utf-8"))]
    assert set(found) <= {HOME[helper]}, f"{helper} is written by hand in {found}; use {HOME[helper]}"
