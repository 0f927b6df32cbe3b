"""iop_core.report.comparison: the same screening under every framework, side by side."""

from __future__ import annotations

import pytest

from iop_core.report.comparison import cell_label, compare
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import Screening
from tests.support.screenings import demo


@pytest.fixture(scope="module")
def municipality():
    return compare(demo("initiative_by_municipality"))


def test_mora_and_botkyrka_disagree_when_the_municipality_took_the_initiative(municipality):
    row = next(r for r in municipality.rows if r.rule_id == "initiative.public")
    mora, botkyrka = row.verdict("mora"), row.verdict("botkyrka")
    assert (mora.status, mora.severity, mora.direction) == ("triggered", "high", "procurement")
    # Botkyrka keeps the national indicator; its own rule is a local note beside it
    assert (botkyrka.status, botkyrka.severity, botkyrka.direction) == ("triggered", "warning", "procurement")
    assert row.differs
    # each group names its frameworks and cites their own sections
    assert any(g.startswith("Mora och Helsingborg: stor risk, pekar mot upphandling") and
               "Mora Checklista för inkomna IOP-initiativ punkt 1" in g for g in row.groups)
    assert "Moras checklista kräver" in row.why
    note = next(r for r in municipality.rows if r.rule_id == "initiative.public_local_note")
    assert note.verdict("botkyrka").status == "triggered"
    assert {note.verdict(f).status for f in frameworks() if f != "botkyrka"} == {"absent"}
    assert any("Botkyrka När kan ett partnerskap ingås? punkt 1" in g for g in note.groups)


def test_the_classification_row_explains_which_finding_makes_the_difference(municipality):
    cls = municipality.classification
    assert cls.differs
    assert cls.label("botkyrka") == "Gult – IOP verkar möjligt"
    assert cls.label("mora") == "Gult – Osäkert"
    # each framework that comes out differently is named with its own finding at the step that decided
    assert ("Det som skiljer: Mora och Helsingborg, i steget ”Bidrag eller partnerskap?”: initiativet ska komma från "
            "organisationen – stor risk (Mora), staden ser ett problem som den vill ha löst – stor risk (Helsingborg)"
            ) in cls.explanation
    # a neutral information finding (Mora's documents) decides nothing and is not named as the cause; nor are points
    assert "Dokument saknas" not in cls.explanation
    assert "poäng" not in cls.explanation


def test_rows_where_all_frameworks_agree_are_not_marked(municipality):
    row = next(r for r in municipality.rows if r.rule_id == "need.jointly")
    assert not row.differs
    *others, last = [fw.short for fw in frameworks().values()]  # "SKR, Mora, Botkyrka, VGR och Helsingborg"
    assert row.groups == (f"{', '.join(others)} och {last}: information, pekar mot IOP (SKR 1.1 punkt 3; SKR Bilaga 1)",)
    assert row.why == ""


def test_only_rules_that_trigger_somewhere_are_rows(municipality):
    ids = {r.rule_id for r in municipality.rows}
    assert "sanctions.present" not in ids  # no sanctions in this case
    assert municipality.frameworks == tuple(frameworks())  # in the files' `order`


def test_a_rule_only_one_framework_has_is_shown_as_missing_from_the_others():
    s = demo("genuine_iop")
    s.initiative.ready_proposal = True  # only VGR: "an IOP cannot be applied for"
    row = next(r for r in compare(s).rows if r.rule_id == "initiative.ready_proposal")
    assert row.verdict("vgr").status == "triggered"
    assert {row.verdict(f).status for f in frameworks() if f != "vgr"} == {"absent"}
    assert row.differs
    assert any("tar inte upp frågan" in g for g in row.groups)
    assert cell_label(row.verdict("skr")) == "Finns inte i ramverket"
    assert cell_label(row.verdict("vgr")) == "Stor risk (bidrag)"


def test_a_rule_with_a_parameter_gives_not_triggered_in_one_framework():
    s = demo("genuine_iop")
    s.initiative.planned_years = 3  # long-term everywhere (>= 2); below VGR's five-year aim
    rows = {r.rule_id: r for r in compare(s).rows}
    assert rows["time.below_vgr_standard"].verdict("vgr").status == "triggered"
    assert rows["time.below_vgr_standard"].verdict("skr").status == "absent"
    assert not rows["time.long_term"].differs


def test_same_answers_same_leaning_everywhere():
    cmp = compare(demo("genuine_iop"))
    assert not cmp.classification.differs
    assert cmp.classification.explanation == "Alla ramverk ger samma samlade bedömning av de här svaren."


def test_an_empty_screening_only_shows_what_needs_no_answers():
    cmp = compare(Screening())
    # unanswered facts never trigger a rule; only Mora's document list applies to an empty screening
    assert [r.rule_id for r in cmp.rows] == ["documents.missing"]
    assert {cmp.classification.label(f) for f in cmp.frameworks} == {"Gult – Osäkert"}
