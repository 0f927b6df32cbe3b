"""Each rule's step and summary group come from the data (data/themes.toml), and
`Assessment.findings_for(step)` is what a step's page shows and what marks its state (issue #14)."""

from __future__ import annotations

import shutil

import pytest

from iop_core.report.progress import step_states
from iop_core.report.summary import group_findings
from iop_core.rules import catalogue, themes
from iop_core.rules.assessment import assess
from iop_core.screening.model import STEPS, Screening
from tests.support.screenings import demo


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(catalogue.DATA, target)
    monkeypatch.setattr(catalogue, "DATA", target)
    catalogue.frameworks.cache_clear()
    yield target
    monkeypatch.undo()
    catalogue.frameworks.cache_clear()


def test_every_rule_and_finding_carries_its_themes_group_and_step():
    places = themes.load(catalogue.DATA).places
    for fw in catalogue.frameworks().values():
        for rule in fw.rules:
            assert (rule.group, rule.step) == (places[rule.theme].group, places[rule.theme].step), (fw.id, rule.id)
    for f in assess(demo("disguised_procurement")).findings:
        assert f.step in STEPS and f.group in themes.load(catalogue.DATA).groups


def test_findings_for_a_step_are_its_findings_in_the_assessments_order():
    a = assess(demo("disguised_procurement"))
    for step in STEPS:
        assert a.findings_for(step) == [f for f in a.findings if f.step == step]
    assert sum(len(a.findings_for(step)) for step in STEPS) == len(a.findings)
    budget = [f.rule_id for f in a.findings_for("budget")]
    assert {"budget.org_share_low", "budget.per_unit_lines", "cofinancing.none"} <= set(budget)
    assert not any(f.rule_id.startswith("budget.") for step in STEPS if step != "budget" for f in a.findings_for(step))


def test_the_summary_groups_findings_by_their_group_from_the_data():
    a = assess(demo("disguised_procurement"))
    for group in group_findings(a.findings):
        assert {f.group for f in group.findings} == {group.key}


def _normative_grant_only() -> Screening:
    s = Screening(framework="skr")
    s.initiative.part_of_normative_grant = True  # grant.normative: high, theme normative_grant
    return s


def test_a_themes_step_in_the_data_decides_which_step_a_serious_finding_marks(data_copy):
    """A judgement with nothing to fix on a step ("summary") marks no step; give its theme a step
    in data/themes.toml and the same finding marks that step "attention"."""
    s = _normative_grant_only()
    assert "grant.normative" in {f.rule_id for f in assess(s).findings}
    assert step_states(s, assess(s))["initiative"] != "attention"

    path = data_copy / "themes.toml"
    text = path.read_text(encoding="utf-8")
    old = 'normative_grant = { group = "grant", step = "summary" }'
    assert old in text
    path.write_text(text.replace(old, 'normative_grant = { group = "grant", step = "initiative" }'), encoding="utf-8")
    themes.load.cache_clear()
    catalogue.frameworks.cache_clear()
    a = assess(s)
    assert [f.rule_id for f in a.findings_for("initiative")] == ["grant.normative"]
    assert step_states(s, a)["initiative"] == "attention"


def test_step_states_come_in_the_order_of_the_walk():
    s = demo("genuine_iop")
    assert list(step_states(s, assess(s))) == list(STEPS)


def test_a_data_folder_without_themes_toml_says_what_to_copy(data_copy):
    (data_copy / "themes.toml").unlink()
    with pytest.raises(catalogue.CatalogueError, match="no themes.toml; copy iop_core/data/themes.toml there"):
        catalogue.frameworks()
