"""The council's process is data: every framework has cited steps; bad data fails at load."""

from __future__ import annotations

import pytest

from iop_core.rules.catalogue import CatalogueError
from iop_core.screening.model import FRAMEWORK_IDS
from iop_core.register import process as proc


def test_every_framework_has_cited_steps_and_mora_follows_its_arbetsgang():
    for fw in FRAMEWORK_IDS:
        p = proc.process(fw)
        assert p.steps and all(s.citations for s in p.steps)
    mora = proc.process("mora")
    assert [s.id for s in mora.steps] == ["checklist", "first_meeting", "organisation_check", "procurement_opinion",
                                          "boards_meeting", "follow_up_meeting"]
    assert all(c.document == "mora" for s in mora.steps for c in s.citations)
    assert proc.process("helsingborg").steps == proc.process("skr").steps


def test_the_organisation_sees_the_latest_step_done_or_the_decision():
    assert proc.status_text("mora", {}, None) == "Mottaget"
    assert proc.status_text("mora", {"first_meeting": 1, "checklist": 1}, None) == "Inbjudan till första möte"
    assert proc.status_text("mora", {"checklist": 1}, "grant_instead").startswith("Beslut:")
    assert proc.next_step("mora", {"checklist": 1}, None).id == "first_meeting"
    assert proc.next_step("mora", {}, "iop_agreed") is None


def test_an_unknown_section_fails_at_load(monkeypatch, tmp_path):
    text = (proc.DATA / "process.toml").read_text(encoding="utf-8").replace(
        'section = "Ansvar och organisation"', 'section = "Kapitel 99"')
    (tmp_path / "process.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(proc, "DATA", tmp_path)
    proc._load.cache_clear()
    try:
        with pytest.raises(CatalogueError, match="Kapitel 99"):
            proc._load()
    finally:
        monkeypatch.undo()
        proc._load.cache_clear()


def test_english_overlays_every_step_and_decision():
    for fw in FRAMEWORK_IDS:
        sv, en = proc.process(fw), proc.process(fw, "en")
        assert [s.id for s in sv.steps] == [s.id for s in en.steps]
        assert all(a.title != b.title and a.status != b.status for a, b in zip(sv.steps, en.steps, strict=True))
        assert sv.note != en.note
    assert all(proc.decisions()[d].label != proc.decisions("en")[d].label for d in proc.decisions())
    assert proc.status_text("mora", {}, None, "en") == "Received"
