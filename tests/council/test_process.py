"""The council's process is data: every framework has cited steps; bad data fails at load."""

from __future__ import annotations

import pytest

from iop_core.council import process as proc
from iop_core.rules.catalogue import CatalogueError, frameworks


def test_every_framework_has_cited_steps_and_mora_follows_its_arbetsgang():
    for fw in frameworks():
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


@pytest.fixture
def process_file(monkeypatch, tmp_path):
    """Write a changed process.toml (old text -> new text) and load the process from it."""
    def write(old: str, new: str) -> None:
        text = (proc.DATA / "process.toml").read_text(encoding="utf-8")
        assert old in text
        (tmp_path / "process.toml").write_text(text.replace(old, new), encoding="utf-8")
        monkeypatch.setattr(proc, "DATA", tmp_path)
        proc._load.cache_clear()

    yield write
    monkeypatch.undo()
    proc._load.cache_clear()


def test_an_unknown_section_fails_at_load(process_file):
    process_file('section = "Ansvar och organisation"', 'section = "Kapitel 99"')
    with pytest.raises(CatalogueError, match="Kapitel 99"):
        proc._load()


def test_a_framework_without_its_own_steps_follows_skr_and_says_so(process_file):
    process_file("[frameworks.helsingborg]", "[not_a_framework_any_more]")
    helsingborg = proc.process("helsingborg")
    assert helsingborg.steps == proc.process("skr").steps and helsingborg.same_as == "skr"
    assert helsingborg.note == "Appens data anger ingen stegordning för Helsingborgs stad; registret följer SKR:s steg."


def test_a_process_for_an_unknown_framework_fails_at_load(process_file):
    process_file("[frameworks.helsingborg]", "[frameworks.nowhere]")
    with pytest.raises(CatalogueError, match="nowhere"):
        proc._load()


def test_english_overlays_every_step_and_decision():
    for fw in frameworks():
        sv, en = proc.process(fw), proc.process(fw, "en")
        assert [s.id for s in sv.steps] == [s.id for s in en.steps]
        assert all(a.title != b.title and a.status != b.status for a, b in zip(sv.steps, en.steps, strict=True))
        assert sv.note != en.note
    assert all(proc.decisions()[d].label != proc.decisions("en")[d].label for d in proc.decisions())
    assert proc.status_text("mora", {}, None, "en") == "Received"
