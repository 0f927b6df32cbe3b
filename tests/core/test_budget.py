"""Co-financing budget: maths to the öre, findings, every kind of bad input, CSV in and out."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from iop_core.budget import csv_file as bc
from iop_core.budget.charts import party_chart_rows, year_chart_rows
from iop_core.budget.editor import change_volunteer_rate, grid_results, grid_rows, row_problems, with_results
from iop_core.budget.numbers import parse_number
from iop_core.budget.rows import COLUMNS, parse_row
from iop_core.budget.terms import default_year, period_years, term_problems, years_uncovered
from iop_core.budget.totals import line_value, summarise
from iop_core.budget.vocabulary import categories_for, vocabulary
from iop_core.format import format_share
from iop_core.rules.assessment import assess, evaluate_rule
from iop_core.rules.catalogue import framework, frameworks
from iop_core.screening.model import Budget, BudgetDraft, BudgetLine, BudgetTerms, Screening
from iop_core.screening.persistence import dump_screening, load_screening

NB = "\u00a0"
RATE = D("300")


def line(party="public", kind="money", qty="1", unit="kr", value="1000", category=None, year=2027, **kw):
    category = category or ("pengar" if kind == "money" else {"public": "lokaler"}.get(party, "ideellt arbete"))
    return BudgetLine(party=party, category=category, kind=kind, quantity=D(qty), unit=unit,
                      unit_value=D(value), year=year, **kw)


def parse(**cells):
    return parse_row(cells, rate=RATE, default_year=2027)


def codes(result) -> dict[str | None, str]:
    return {p.column: p.code for p in result.problems}


# --- maths -------------------------------------------------------------------------------------


def test_line_value_rounds_half_up_to_the_ore():
    assert line_value(line(qty="0.5", unit="st", value="0.05")) == D("0.03")  # 0.025 -> 0.03
    assert line_value(line(qty="1.25", unit="st", value="0.01")) == D("0.01")  # 0.0125 -> 0.01
    assert line_value(line(qty="2.5", unit="timmar", value="333.33", kind="in_kind", category="handledning")) == D("833.33")


def test_totals_are_sums_of_rounded_lines():
    lines = [line(qty="0.5", unit="st", value="0.01") for _ in range(3)]  # each 0.005 -> 0.01
    assert summarise(Budget(lines=lines)).total == D("0.03")


def test_totals_per_party_year_and_kind_over_several_years():
    b = Budget(lines=[
        line("public", "money", "1", "kr", "450000", year=2027),
        line("public", "in_kind", "12", "månader", "8000", category="lokaler", year=2027),
        line("organisation", "in_kind", "1800", "timmar", "300", year=2027),
        line("public", "money", "1", "kr", "450000", year=2028),
        line("organisation", "in_kind", "1800", "timmar", "300", year=2028),
        line("organisation", "money", "1", "kr", "60000.50", year=2028),
        line("other", "money", "1", "kr", "100000", year=2029),
    ])
    s = summarise(b)
    assert s.total == D("2236000.50") == s.money + s.in_kind
    assert s.party("public") == D("996000") and s.party("organisation") == D("1140000.50")
    assert s.party("other") == D("100000")
    assert s.money == D("1060000.50") and s.in_kind == D("1176000")
    assert s.by_year == {2027: {"public": D("546000"), "organisation": D("540000")},
                         2028: {"public": D("450000"), "organisation": D("600000.50")},
                         2029: {"other": D("100000")}}
    assert s.year_total(2028) == D("1050000.50")
    assert s.by_year_party_kind[(2028, "organisation", "money")] == D("60000.50")
    assert s.party_kind("public", "in_kind") == D("96000")
    assert s.public_share == D("996000") / D("2236000.50")
    assert format_share(s.org_share) == f"51{NB}%"
    assert list(s.by_year) == [2027, 2028, 2029]


def test_empty_budget_has_no_shares():
    s = summarise(Budget())
    assert s.is_empty and s.public_share is None and s.org_share is None and s.money_share is None
    assert format_share(None) == "–"


def test_drafts_never_count():
    b = Budget(lines=[line(value="1000")], drafts=[BudgetDraft(party="public", category="pengar", quantity="1",
                                                               unit_value="abc")])
    assert summarise(b).total == D("1000")


def test_format_share_never_rounds_across_a_threshold():
    assert format_share(D("0.046")) == f"4,6{NB}%"
    assert format_share(D("0.62")) == f"62{NB}%"
    assert format_share(D("0.9496")) == f"95{NB}%"


@pytest.mark.parametrize("text, number", [
    ("1 234,50", D("1234.50")), ("1\u00a0234", D("1234")), ("1234.5", D("1234.5")), ("1.234,50", D("1234.50")),
    ("1,234.50", D("1234.50")), ("1.234.567", D("1234567")), ("12 000 kr", D("12000")), ("300 SEK", D("300")),
    ("\u22125", D("-5")), ("0,5", D("0.5")), (",5", D("0.5")), (12.5, D("12.5")), (7, D("7")),
])
def test_parse_number_reads_swedish_and_plain_numbers(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "   ", "abc", "12a", "1e3", "inf", "NaN", None, math.nan, math.inf, "1 2,3,4.5.6"])
def test_parse_number_refuses_non_numbers(text):
    assert parse_number(text) is None


# --- parsing rows: defaults and every bad input ------------------------------------------------


def test_a_complete_row_becomes_a_line():
    r = parse(party="Offentlig part", category="Lokaler", kind="Annan resurs", quantity="12", unit="månader",
              unit_value="8 000,50", year="2028", note="Lokal i Gränsbyn")
    assert r.problems == ()
    assert r.line == line("public", "in_kind", "12", "månader", "8000.50", category="lokaler", year=2028,
                          note="Lokal i Gränsbyn")
    assert r.cells["unit_value"] == f"8{NB}000,50"


def test_defaults_fill_kind_unit_quantity_year_and_volunteer_rate():
    r = parse_row({"party": "organisation", "category": "ideellt arbete", "quantity": "100"}, rate=D("275"),
                     default_year=2030)
    assert r.line == line("organisation", "in_kind", "100", "timmar", "275", year=2030)
    money = parse(party="public", category="pengar", unit_value="450000")
    assert money.line.kind == "money" and money.line.unit == "kr" and money.line.quantity == 1


def test_amounts_are_rounded_to_the_ore():
    r = parse(party="public", category="pengar", unit_value="100,005")
    assert r.line.unit_value == D("100.01")


@pytest.mark.parametrize("cells, column, code, fragment", [
    (dict(party="public", category="pengar", unit_value="-100"), "unit_value", "negative", "negativt"),
    (dict(party="public", category="handledning", quantity="-3", unit_value="500"), "quantity", "negative", "negativt"),
    (dict(party="public", category="pengar", unit_value="10 000 000 000"), "unit_value", "too_large", "orimligt stort"),
    (dict(party="public", category="pengar", unit_value="25 000 000 000"), "unit_value", "too_large", "nollor"),
    (dict(party="public", category="pengar", unit_value="mycket"), "unit_value", "not_a_number", "inte ett tal"),
    (dict(party="public", category="handledning", quantity="tio", unit_value="500"), "quantity", "not_a_number", "”tio”"),
    (dict(party="public", category="", unit_value="500"), "category", "category_missing", "Välj en kategori"),
    (dict(party="Grannen", category="pengar", unit_value="500"), "party", "party_unknown", "”Grannen”"),
    (dict(party="", category="pengar", unit_value="500"), "party", "party_missing", "Välj vem"),
    (dict(party="public", category="ideellt arbete", quantity="5"), "category", "category_not_for_party", "Offentlig part"),
    (dict(party="public", category="Hyra", unit_value="5"), "category", "category_unknown", "”Hyra”"),
    (dict(party="public", category="annat", quantity="1", unit_value="5"), "other_text", "other_text_missing", "Annat"),
    (dict(party="public", category="pengar", kind="Annan resurs", unit_value="5"), "kind", "kind_conflict", "Pengar"),
    (dict(party="public", category="lokaler", kind="bytesvara", quantity="1", unit_value="5"), "kind", "kind_unknown", "”bytesvara”"),
    (dict(party="public", category="lokaler", quantity="1", unit="hektar", unit_value="5"), "unit", "unit_unknown", "”hektar”"),
    (dict(party="public", category="handledning", unit_value="5"), "quantity", "quantity_missing", "hur många"),
    (dict(party="public", category="handledning", quantity="5"), "unit_value", "unit_value_missing", "kronor"),
    (dict(party="public", category="pengar", unit_value="5", year="tjugo"), "year", "year_invalid", "fyra siffror"),
    (dict(party="public", category="pengar", unit_value="5", year="2027,5"), "year", "year_invalid", "inte ett år"),
    (dict(party="public", category="pengar", unit_value="5", year="1999"), "year", "year_range", "2000 och 2100"),
    (dict(party="public", category="pengar", unit_value="5", note="x" * 301), "note", "too_long", "300"),
    (dict(party="public", category="lokaler", quantity="100000", unit="kvm", unit_value="200000"), None,
     "value_too_large", "orimligt"),
])
def test_each_bad_input_gets_a_swedish_message_at_its_cell(cells, column, code, fragment):
    r = parse(**cells)
    assert r.line is None
    assert codes(r).get(column) == code, r.problems
    problem = next(p for p in r.problems if p.code == code)
    assert fragment in problem.text()
    for c, typed in cells.items():  # nothing typed is lost
        assert typed.strip() in r.cells[c].replace(NB, " ") or parse_number(typed) == parse_number(r.cells[c])


def test_several_problems_in_one_row_are_all_reported():
    r = parse(party="kommun", category="ideellt arbete", quantity="-5", unit_value="abc", year="tjugo")
    assert codes(r) == {"category": "category_not_for_party", "quantity": "negative", "unit_value": "not_a_number",
                        "year": "year_invalid"}
    assert [p.full().split(":")[0] for p in r.problems] == ["Kategori", "Antal", "Kr per enhet", "År"]


def test_model_refuses_an_absurd_line_value_even_outside_the_parser():
    with pytest.raises(ValidationError):
        line(qty="100000", unit="st", value="100000")


# --- the editor's delta ------------------------------------------------------------------------


def genuine_budget() -> Budget:
    return Budget(lines=[
        line("public", "money", "1", "kr", "450000"),
        line("public", "in_kind", "12", "månader", "8000", category="lokaler"),
        line("organisation", "in_kind", "1800", "timmar", "300"),
    ], terms=BudgetTerms(period_start=date(2027, 1, 1), period_end=date(2029, 12, 31)))


def apply_editor_delta(b, delta):
    """What the page does with the grid's edits: by position, over the rows and five empty ones."""
    return with_results(b, (r for _, r in grid_results(grid_rows(b, 5), delta, b)))


def add_rows(b, rows):
    """New rows typed into the grid's empty rows, below the budget's own."""
    first = len(b.lines) + len(b.drafts)
    return apply_editor_delta(b, {"edited_rows": {str(first + i): row for i, row in enumerate(rows)}})


def test_edits_applied_one_after_another_all_count():
    b = genuine_budget()
    b = apply_editor_delta(b, {"edited_rows": {"0": {"unit_value": "500000"}}})
    assert summarise(b).total == D("1136000")
    b = apply_editor_delta(b, {"edited_rows": {"1": {"quantity": "6"}}})
    assert summarise(b).total == D("1088000")
    b = apply_editor_delta(b, {"edited_rows": {"2": {"quantity": "2 000"}, "0": {"year": "2028"}}})
    assert summarise(b).total == D("1148000")
    assert b.lines[0].year == 2028 and b.drafts == []


def test_a_bad_edit_keeps_the_text_and_every_other_line():
    b = apply_editor_delta(genuine_budget(), {"edited_rows": {"1": {"quantity": "tolv"}}})
    assert [ln.category for ln in b.lines] == ["pengar", "ideellt arbete"]
    assert b.drafts[0].quantity == "tolv" and b.drafts[0].category == "lokaler"
    problems = row_problems(b)
    assert problems[2][0].code == "not_a_number" and problems[2][0].column == "quantity"
    fixed = apply_editor_delta(b, {"edited_rows": {"2": {"quantity": "12"}}})
    assert fixed.drafts == [] and summarise(fixed).total == summarise(genuine_budget()).total


def test_an_emptied_row_goes_and_an_empty_row_typed_into_is_added():
    b = apply_editor_delta(genuine_budget(), {"edited_rows": {
        "1": dict.fromkeys(COLUMNS),  # every cell emptied: the row goes
        "3": {"party": "organisation", "category": "pengar", "unit_value": 60000.0},  # an empty row typed into
        "4": {}, "5": {"note": None},  # touched, nothing typed: stays empty
    }})
    assert [ln.category for ln in b.lines] == ["pengar", "ideellt arbete", "pengar"]
    assert b.lines[-1].year == 2027 and b.lines[-1].party == "organisation"


def test_a_new_row_with_only_a_party_is_kept_as_a_draft():
    b = apply_editor_delta(genuine_budget(), {"edited_rows": {"3": {"party": "other"}}})
    assert len(b.lines) == 3 and b.drafts[0].party == "other" and b.drafts[0].year == "2027"
    assert {p.code for p in row_problems(b)[3]} == {"category_missing", "kind_missing", "unit_missing",
                                                      "quantity_missing", "unit_value_missing"}


def test_changing_the_category_brings_its_kind_and_unit():
    b = apply_editor_delta(genuine_budget(), {"edited_rows": {"0": {"category": "lokaler"}}})
    assert b.lines[0].kind == "money" and b.lines[0].unit == "månader"  # lokaler can be money (rent paid)
    b = apply_editor_delta(genuine_budget(), {"edited_rows": {"1": {"category": "pengar"}}})
    assert b.lines[1].kind == "money" and b.lines[1].unit == "kr"  # lokaler's default unit follows the category
    assert line_value(b.lines[1]) == D("96000")  # the typed numbers stay
    own_unit = Budget(lines=[line("public", "in_kind", "50", "kvm", "100", category="lokaler")])
    b = apply_editor_delta(own_unit, {"edited_rows": {"0": {"category": "annat", "other_text": "Hall"}}})
    assert b.lines[0].unit == "kvm"  # a unit the user chose is never replaced


def test_unknown_indices_and_junk_in_the_delta_are_ignored():
    b = genuine_budget()
    assert apply_editor_delta(b, {"edited_rows": {"9": {"quantity": "1"}, "0": {"bogus": "x"}}}).lines == b.lines
    assert apply_editor_delta(b, {}).lines == b.lines


# --- volunteer rate, period, terms -------------------------------------------------------------


def test_changing_the_rate_moves_volunteer_lines_that_used_it():
    b = genuine_budget()
    b = b.model_copy(update={"lines": [*b.lines, line("organisation", "in_kind", "10", "timmar", "450")]})
    b = change_volunteer_rate(b, D("250"))
    assert b.volunteer_hourly_rate == D("250")
    assert [ln.unit_value for ln in b.lines if ln.category == "ideellt arbete"] == [D("250"), D("450")]
    assert b.lines[1].unit_value == D("8000")  # premises untouched


def test_a_rate_that_makes_a_line_absurd_turns_it_into_a_draft():
    b = Budget(lines=[line("organisation", "in_kind", "5000000", "timmar", "300")])
    b = change_volunteer_rate(b, D("5000"))
    assert b.lines == [] and b.drafts[0].quantity == f"5{NB}000{NB}000"
    assert row_problems(b)[0][0].code == "value_too_large"


def test_notices_for_a_year_outside_the_period_and_an_own_hourly_value():
    b = genuine_budget()
    b = b.model_copy(update={"lines": [line(year=2031), line("organisation", "in_kind", "10", "timmar", "450")]})
    problems = row_problems(b)
    assert problems[0][0].code == "year_outside_period" and not problems[0][0].blocking
    assert "2027–2029" in problems[0][0].text()
    assert problems[1][0].code == "volunteer_rate_differs"


def test_default_year_and_period_years():
    terms = BudgetTerms(period_start=date(2027, 7, 1), period_end=date(2030, 6, 30))
    assert default_year(terms) == 2027 and period_years(terms) == [2027, 2028, 2029, 2030]
    assert default_year(BudgetTerms(), today=date(2026, 11, 24)) == 2026
    assert period_years(BudgetTerms(period_start=date(2027, 1, 1))) == []


def test_term_problems_name_what_is_missing_and_a_reversed_period():
    problems = term_problems(BudgetTerms(period_start=date(2028, 1, 1), period_end=date(2027, 1, 1),
                                            payment_to="Föreningen"))
    assert problems[0].code == "period_order"
    assert "hur pengarna betalas ut" in problems[1].text() and "till vem" not in problems[1].text()
    full = BudgetTerms(payment_how="a", payment_when="b", payment_to="c", other_grants_allowed=False,
                       surplus_handling="d", period_start=date(2027, 1, 1), period_end=date(2028, 1, 1))
    assert term_problems(full) == []


# --- findings ----------------------------------------------------------------------------------


def findings(b: Budget) -> dict[str, object]:
    return {f.rule_id: f for f in assess(Screening(budget=b), "skr").findings if f.rule_id.startswith("budget.")}


def test_organisation_contributing_nothing():
    f = findings(Budget(lines=[line("public", "money", "1", "kr", "900000")]))
    assert f["budget.org_share_low"].theme == "no_cofinancing"
    assert any("inte med något" in fact for fact in f["budget.org_share_low"].facts)
    cited = {(c.document, c.section) for c in f["budget.org_share_low"].citations}
    assert {("skr", "2.5"), ("skr", "kap. 3"), ("helsingborg", "2.7")} <= cited
    assert ("mora", "Checklista för inkomna IOP-initiativ punkt 5") in cited


def test_organisation_share_just_under_the_threshold_is_named_with_its_decimal():
    f = findings(Budget(lines=[line("public", "money", "1", "kr", "95400"),
                               line("organisation", "in_kind", "4600", "timmar", "1", category="ideellt arbete")]))
    facts = " ".join(f["budget.org_share_low"].facts)
    assert f"4,6{NB}%" in facts and "appens tolkning" in facts
    assert "budget.cofinanced" not in f


def test_public_covering_nearly_everything():
    f = findings(Budget(lines=[line("public", "money", "1", "kr", "96000"), line("organisation", "money", "1", "kr", "4000"),
                               line("public", "in_kind", "1", "st", "1", category="handledning")]))
    assert f["budget.public_pays_all"].theme == "no_cofinancing"  # one theme with the own contribution: counted once
    assert f["budget.public_pays_all"].citations[0].section == "4.4.4"
    assert "budget.cofinanced" not in f
    assert "budget.public_pays_all" not in findings(Budget(lines=[line("public", "money", "1", "kr", "94000"),
                                                                  line("organisation", "money", "1", "kr", "6000")]))


def test_public_side_only_a_funder():
    f = findings(Budget(lines=[line("public", "money", "1", "kr", "100000"),
                               line("organisation", "in_kind", "1000", "timmar", "300")]))
    assert f["budget.public_only_money"].theme == "public_only_money"
    assert "budget.cofinanced" in f
    with_premises = Budget(lines=[line("public", "money", "1", "kr", "100000"),
                                  line("public", "in_kind", "12", "månader", "5000", category="lokaler")])
    assert "budget.public_only_money" not in findings(with_premises)


def test_money_paid_per_delivered_unit():
    f = findings(Budget(lines=[line("public", "money", "2000", "timmar", "420", year=2028)]))
    assert f["budget.per_unit_lines"].facts == [f"Pengar: 2{NB}000 timmar à 420{NB}kr (2028)."]
    assert f["budget.per_unit_lines"].severity == "high"
    lump = Budget(lines=[line("public", "money", "1", "st", "450000")])
    assert "budget.per_unit_lines" not in findings(lump)


def test_cofinanced_budget_is_an_iop_signal_with_citations():
    f = findings(genuine_budget())
    assert set(f) == {"budget.cofinanced"}
    assert f["budget.cofinanced"].direction == "iop" and f["budget.cofinanced"].citations


def test_rules_for_every_budget_finding_exist_in_every_framework():
    for fw_id in frameworks():
        fw = framework(fw_id)
        for rid in ("budget.org_share_low", "budget.public_pays_all", "budget.public_only_money",
                    "budget.per_unit_lines", "budget.cofinanced"):
            rule = fw.rule(rid)
            assert rule is not None and rule.citations
            assert evaluate_rule(rule, Screening(), fw) is None  # an empty budget never triggers


# --- CSV ---------------------------------------------------------------------------------------

HEADER = "Part;Kategori;Beskrivning (vid annat);Sort;Antal;Enhet;Värde per enhet (kr);År;Anteckning"


def read(text: str | bytes, encoding="utf-8"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return bc.read_csv(data, rate=RATE, default_year=2027)


def test_export_then_import_gives_the_same_budget():
    b = genuine_budget().model_copy(update={"drafts": [BudgetDraft(party="Grannen", category="pengar",
                                                                  unit_value="1 000", note="=SUM(A1)")]})
    b.lines.append(line("organisation", "money", "1", "kr", "1234.56", note="+46 70 123"))
    data = bc.to_csv(b)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER + ";Värde (kr)"
    assert "Organisationen;Pengar;;Pengar;1;kr;1234,56;2027;'+46 70 123;1234,56" in text
    assert "'=SUM(A1)" in text
    back = bc.read_csv(data, rate=RATE, default_year=2027)
    assert back.ok and list(back.lines) == b.lines
    assert back.drafts[0].party == "Grannen" and back.drafts[0].note == "=SUM(A1)"
    assert back.problems[0][0] == 6 and back.problems[0][1].code == "party_unknown"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_import_reads_utf8_with_and_without_bom_and_windows_1252(encoding):
    r = read(f"{HEADER}\nOrganisationen;Ideellt arbete;;;1 800;timmar;300;2028;Läxhjälp för åk 4–6\n".replace("–", "-"),
             encoding)
    assert r.ok, r.error
    assert r.lines[0].note == "Läxhjälp för åk 4-6" and r.lines[0].quantity == 1800 and r.lines[0].year == 2028


def test_import_reads_comma_separated_with_quoted_decimal_comma_and_tabs():
    r = read('Part,Kategori,Antal,Värde per enhet (kr)\nOffentlig part,Pengar,1,"450 000,50"\n')
    assert r.ok and r.lines[0].unit_value == D("450000.50") and r.lines[0].year == 2027
    r = read("Part\tKategori\tAntal\tVärde per enhet\nOrganisationen\tHandledning\t2\t1500,5\n")
    assert r.ok and r.lines[0].unit_value == D("1500.50") and r.lines[0].unit == "timmar"
    assert r.lines[0].kind == "in_kind"
    r = read("Part\tKategori\tAntal\tVärde per enhet\nOrganisationen\tUtrustning\t2\t1500\n")
    assert r.drafts[0].category == "utrustning" and r.problems[0][1].code == "kind_missing"  # money or not?


def test_import_with_wrong_columns_says_which_and_changes_nothing():
    r = read("Namn;Summa\nKommunen;450000\n")
    assert not r.ok
    text = r.error.text()
    assert "saknar kolumnerna Part, Kategori, Antal, Värde per enhet (kr)" in text and "Namn, Summa" in text
    b = genuine_budget()
    assert bc.import_csv(b, r) == b


@pytest.mark.parametrize("data, code, fragment", [
    ("Part;Kategori\n".encode("utf-16"), "csv_encoding", "Kan inte läsa filen"),
    (b"Part;Kategori;Antal;V\x81rde per enhet\n", "csv_encoding", "Kan inte läsa filen"),
    (b"PK\x03\x04\x14\x00\x06\x00", "csv_spreadsheet", "Excel-fil"),
    (b"", "csv_empty", "tom"),
    (b"\n\n ; ;\n", "csv_empty", "tom"),
    (b"a" * (bc.MAX_CSV_BYTES + 1), "csv_too_big", "för stor"),
    ("Part;Part;Kategori;Antal;Värde per enhet\n".encode(), "csv_duplicate_column", "två gånger"),
    (b'Part;Kategori;Antal;"V\n', "csv_missing_columns", "saknar"),
])
def test_import_refuses_unreadable_files_with_a_swedish_message(data, code, fragment):
    r = read(data)
    assert not r.ok and r.error.code == code and fragment in r.error.text()


def test_import_refuses_too_many_rows():
    body = "".join("Offentlig part;Pengar;;Pengar;1;kr;1;2027;\n" for _ in range(1001))
    assert read(HEADER + "\n" + body).error.code == "csv_too_many_rows"


def test_import_keeps_bad_rows_as_drafts_with_their_line_numbers():
    r = read(f"{HEADER}\nOffentlig part;Pengar;;Pengar;1;kr;450000;2027;\n"
             "Grannen;Pengar;;Pengar;1;kr;1000;2027;\n\n"
             "Organisationen;Pengar;;Pengar;1;kr;-5;2027;\n")
    assert r.ok and len(r.lines) == 1 and len(r.drafts) == 2
    assert [(n, p.code) for n, p in r.problems] == [(3, "party_unknown"), (5, "negative")]
    assert r.drafts[1].unit_value == "-5"
    b = bc.import_csv(genuine_budget(), r)
    assert len(b.lines) == 4 and len(b.drafts) == 2


def test_import_notes_unknown_columns_and_keeps_extra_cells_in_the_note():
    r = read("Part,Kategori,Antal,Värde per enhet,Färg\nOffentlig part,Pengar,1,450000,50,blå\n")
    assert [p.code for p in r.notices] == ["csv_ignored_columns"] and "Färg" in r.notices[0].text()
    # "450000,50" unquoted in a comma file: the "50" became the Färg column, "blå" an extra cell
    assert r.lines[0].note == "(överskjutande värden: blå)"
    assert r.problems[0][1].code == "csv_extra_cells" and not r.problems[0][1].blocking


def test_import_adds_after_existing_rows_and_refuses_to_overflow():
    r = read(f"{HEADER}\nOffentlig part;Pengar;;Pengar;1;kr;1;2027;\n")
    b = bc.import_csv(genuine_budget(), r)
    assert len(b.lines) == 4
    assert len(bc.import_csv(genuine_budget(), r, replace=True).lines) == 1
    full = Budget(lines=[line(value="1")] * 1000)
    with pytest.raises(ValueError):
        bc.import_csv(full, r)


# --- charts, vocabulary, persistence --------------------------------------------------------------


def test_chart_rows_come_from_the_summary_and_label_wide_segments():
    s = summarise(genuine_budget())
    rows = party_chart_rows(s)
    assert [(r["party"], r["kind"]) for r in rows] == [("Offentlig part", "Pengar"), ("Offentlig part", "Annan resurs"),
                                                       ("Organisationen", "Annan resurs")]
    assert rows[1]["start"] == rows[0]["end"] == 450000.0
    assert rows[1]["label"] == ""  # 96 000 is 18 % of the longest bar (546 000): too narrow for a label
    assert rows[2]["label"] == "Annan resurs" and rows[0]["label"] == "Pengar"
    small = party_chart_rows(summarise(Budget(lines=[line(value="450000"),
                                                           line("public", "in_kind", "10", "timmar", "500",
                                                                category="handledning")])))
    assert small[1]["label"] == "" and small[1]["amount"] == f"5{NB}000{NB}kr"  # too narrow for a label
    assert rows[0]["label"] == "Pengar" and rows[0]["amount"] == f"450{NB}000{NB}kr"
    years = year_chart_rows(s)
    assert {(r["year"], r["party"], r["kind"]) for r in years} == {
        ("2027", "Offentlig", "Pengar"), ("2027", "Offentlig", "Annan resurs"), ("2027", "Organisation", "Annan resurs")}


def test_categories_per_party_follow_skr_chapter_3():
    assert [c.id for c in categories_for("public")] == ["pengar", "handledning", "utbildning", "samordning",
                                                          "lokaler", "annat"]
    assert [c.id for c in categories_for("organisation")] == [
        "pengar", "ideellt arbete", "handledning", "utbildning", "kunskap och kompetens", "nätverk", "relationer",
        "lokaler", "utrustning", "annat"]
    assert vocabulary().parties["public"].citations[0].section == "kap. 3"
    assert vocabulary().volunteer_citations[0].section == "2.5"


def test_drafts_survive_save_and_load_and_old_files_still_load():
    s = Screening(budget=Budget(lines=[line()], drafts=[BudgetDraft(party="Grannen", quantity="tolv")]))
    back = load_screening(dump_screening(s))
    assert back.budget == s.budget
    old = dump_screening(Screening(budget=Budget(lines=[line()]))).replace('"drafts": [],', "")
    assert '"drafts"' not in old and load_screening(old).budget.drafts == []


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", " ="])
def test_csv_export_guards_every_formula_start_and_reads_it_back(prefix):
    import csv
    import io

    cell = prefix + "HYPERLINK(\"http://evil.example\")"
    budget = Budget(drafts=[BudgetDraft(party="public", category=cell, note=cell)])
    data = bc.to_csv(budget)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    cells = [c for c in rows[1] if "HYPERLINK" in c]
    assert len(cells) == 2 and all(c.startswith("'") for c in cells), cells
    back = bc.read_csv(data, rate=D(300), default_year=2026)
    assert cell.strip() in {d.note for d in back.drafts} | {ln.note for ln in back.lines}  # import strips cells


def test_a_period_longer_than_the_budget_is_said_on_the_page_and_in_the_pdf():
    """Issue #13 point 7: a three-year agreement with one year's budget is not passed silently."""
    from datetime import date as _date

    from iop_core.report.build import build_report_pdf
    from iop_core.screening.model import Screening
    from tests.support.pdf import flat

    s = Screening()
    s.budget.terms.period_start = _date(2027, 1, 1)
    s.budget.terms.period_end = _date(2029, 12, 31)
    s.budget = add_rows(s.budget, [
        {"party": "public", "category": "pengar", "unit_value": "100 000", "year": "2027"},
        {"party": "organisation", "category": "ideellt arbete", "quantity": "100", "year": "2027"}])
    p = years_uncovered(s.budget)
    assert p is not None and p.text() == (
        "Budgeten har rader för 2027, men avtalsperioden är 2027–2029. Lägg till rader för 2028, 2029, "
        "annars gäller summorna bara en del av perioden.")
    text = flat(build_report_pdf(s, today=_date(2026, 11, 29)))
    assert "budgeten har bara rader för 2027, men avtalsperioden är 2027–2029" in text
    for year in (2028, 2029):
        s.budget = add_rows(s.budget, [{"party": "public", "category": "pengar", "unit_value": "100 000", "year": str(year)}])
    assert years_uncovered(s.budget) is None
