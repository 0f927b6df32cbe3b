"""AppTest: the summary page (leaning, findings with "Varför?", comparison, next steps, PDF)."""

from __future__ import annotations

import re

import pytest

from iop_core.report.path import SYMBOL, outcome_label
from iop_core.report.pdf import PdfRenderError
from iop_core.rules.assessment import assess
from iop_core.rules.catalogue import frameworks
from iop_core.screening.model import Screening
from tests.support.apptest import alerts, app, model
from tests.support.screenings import demo, scenario


def _unescape(text: str) -> str:
    """Markdown as the reader sees it (the page escapes punctuation with backslashes)."""
    return re.sub(r"\\(.)", r"\1", text)


def _markdown(at) -> str:
    return _unescape("\n".join(m.value for m in at.markdown))


def test_classification_with_light_icon_and_why():
    at = app(demo("disguised_procurement"), "summary")
    top = at.error[0]
    assert top.value.startswith("**Rött – Risk för upphandling** · SKR")
    assert top.icon == ":material/block:"
    assert "Det finns ett ekonomiskt inslag" in _unescape(top.value)  # the step that decided, in the headline


def test_findings_are_grouped_with_a_why_for_each():
    s = demo("disguised_procurement")
    at = app(s, "summary")
    from iop_core.rules.assessment import assess

    findings = assess(s).findings
    why = [e for e in at.expander if e.label.startswith("Varför?")]
    act = [f for f in findings if f.severity != "info"]
    lists = {f.direction == "iop" for f in findings if f.severity == "info"}  # signs, notes: one box each
    assert len(why) == len(act) + len(lists)
    assert not why[0].markdown  # drawn only when opened (a closed box costs the server nothing more)
    at.session_state[f"why_{findings[0].rule_id}"] = True
    why = [e for e in at.run().expander if e.label.startswith("Varför?")]
    subheaders = [h.value for h in at.subheader]
    assert subheaders.index("Initiativ och behov") < subheaders.index("Pengar och samfinansiering")
    # the first "Varför?" shows the answers and the rule in words, with the sources' full titles
    text = "\n".join(m.value for m in why[0].markdown)
    assert "Regeln" in text and "need.public_in_advance" not in text  # #24: no rule ids for a layperson
    assert "Regeln slår till när svaret på" in text
    assert "SKL/SKR, Utveckla idéburet offentligt partnerskap" in text


def test_the_page_reads_top_down_and_the_partnership_signs_are_one_compact_list():
    """#24: the verdict, the path and the next steps first; the signs of a partnership as one list,
    their "Varför?" behind one box (not a coloured box each)."""
    s = demo("genuine_iop")
    at = app(s, "summary")
    headers = [h.value for h in at.header]
    assert headers[:3] == ["Så prövades fallet", "Nästa steg", "Iakttagelser"]
    signs = [f for f in assess(s).findings if f.direction == "iop" and f.severity == "info"]
    assert len(signs) >= 5
    boxes = [b.value for b in at.success]
    assert sum(_unescape(signs[0].title) in _unescape(b) for b in boxes) == 1  # one list, not a box per sign
    listed = next(_unescape(b) for b in boxes if _unescape(signs[0].title) in _unescape(b))
    assert all(f"- **{f.title}**" in listed for f in signs)
    assert f"Tecken på partnerskap ({len(signs)})" in [h.value for h in at.subheader]
    at.session_state["why_signs"] = True
    box = next(e for e in at.run().expander if e.label == "Varför? – tecknen på partnerskap")
    text = _unescape("\n".join(m.value for m in box.markdown))
    assert all(f"**{f.title}**" in text for f in signs) and "Regeln slår till när" in text


def test_comparison_table_marks_where_mora_and_botkyrka_disagree():
    at = app(demo("initiative_by_municipality"), "summary")
    md = _markdown(at)
    table = next(m.value for m in at.markdown if m.value.startswith("| Iakttagelse |"))
    header, _sep, *rows = table.splitlines()
    cols = [c.strip() for c in header.strip("|").split("|")]
    assert cols == ["Iakttagelse", *(f"{fw.short} (valt)" if fid == "botkyrka" else fw.short for fid, fw in frameworks().items())]
    assert cols[1:6] == ["SKR", "Mora", "Botkyrka (valt)", "VGR", "Helsingborg"]  # the files' `order`
    row = next(r for r in rows if "Kommunen eller regionen tog initiativet" in r)
    cells = [_unescape(c.strip()) for c in row.strip("|").split("|")]
    assert ":material/compare_arrows:" in cells[0] and "skiljer sig" in cells[0]
    assert cells[2] == "Stor risk (upphandling)"  # Mora
    assert cells[3] == "Varning (upphandling)"  # Botkyrka keeps the national indicator (its local note is a row of its own)
    agree = next(r for r in rows if "Parterna styr insatsen tillsammans" in r)
    assert "skiljer sig" not in agree
    # and it is explained below the table, with the sources
    assert "Botkyrka: information, pekar inte åt något håll (Botkyrka När kan ett partnerskap ingås? punkt 1)" in md


def test_only_differing_rows_on_request():
    at = app(demo("initiative_by_municipality"), "summary")
    at.toggle(key="summary_only_differs").set_value(True).run()
    table = next(m.value for m in at.markdown if m.value.startswith("| Iakttagelse |"))
    assert "Parterna styr insatsen tillsammans" not in table
    assert "Kommunen eller regionen tog initiativet" in table


def test_next_steps_name_what_to_bring_and_who_decides():
    at = app(demo("genuine_iop"), "summary")
    md = _markdown(at)
    assert "Den här sammanfattningen och avtalsutkastet som PDF" in md
    info = "\n".join(a for a in alerts(at))
    assert "styrelse, nämnd eller fullmäktige" in info  # SKR 2.1
    at.session_state["screening"].framework = "mora"
    at.run()
    assert "Kommunstyrelseförvaltningen" in "\n".join(alerts(at))


def test_the_pdf_is_built_on_request_and_kept_per_screening():
    at = app(demo("genuine_iop"), "summary")
    assert "report_pdf" not in at.session_state  # nothing built on an ordinary run
    downloads = len(at.get("download_button"))  # the sidebar's "Spara"
    at.button(key="report_pdf_build_summary").click().run()
    assert not at.exception
    state = at.session_state["report_pdf"]
    assert state["data"].startswith(b"%PDF") and not state["error"]
    assert len(at.get("download_button")) == downloads + 1  # "Ladda ner PDF"
    assert any("PDF:en är klar" in c.value for c in at.caption)
    # a change to the screening makes the stored PDF stale: the page offers to build it again
    at.session_state["screening"].initiative.goal = "Ett nytt mål."
    at.run()
    assert at.button(key="report_pdf_build_summary").label == "Skapa PDF"
    assert any("ändrat något sedan PDF:en skapades" in c.value for c in at.caption)


def test_a_failed_pdf_shows_a_swedish_message_and_loses_nothing(monkeypatch):
    import iop_shell.report

    def broken(*args, **kwargs):
        raise PdfRenderError("PDF:en kunde inte skapas. Försök igen.")

    monkeypatch.setattr(iop_shell.report, "build_report_pdf", broken)
    s = demo("genuine_iop")
    before = s.model_dump_json()
    at = app(s, "summary")
    at.button(key="report_pdf_build_summary").click().run()
    assert not at.exception
    assert "PDF:en kunde inte skapas. Försök igen." in [e.value for e in at.error]
    assert model(at).model_dump_json() == before


def test_an_empty_screening_renders():
    at = app(Screening(), "summary")
    assert not at.exception
    assert any("obesvarade" in e.label for e in at.expander)


# --- the legal test's path under the verdict ---------------------------------------------------------

def _path(at) -> list:
    """The path's expanders, in the page's order (each label starts with the outcome's sign, bold)."""
    return [e for e in at.expander if e.label[:3] in {f"**{x}" for x in SYMBOL.values()}]


def _labels(at) -> list[str]:
    """The path's labels as read: "✗ 2. Köper …" (the sign's bold marks left out)."""
    return [re.sub(r"^\*\*(.)\*\*", r"\1", _unescape(e.label)) for e in _path(at)]


def _decided_note() -> str:
    return "· **Det här steget avgjorde**"


def test_a_procurement_case_shows_the_path_with_the_economic_element_deciding():
    at = app(demo("disguised_procurement"), "summary")
    labels = _labels(at)
    assert labels == [
        "✓ 1. Kan offentliga pengar gå hit? – Inget hinder för ett IOP",
        "✗ 2. Köper den offentliga parten en tjänst? – Hinder för ett IOP · **Det här steget avgjorde**",
        "○ 3. Bidrag eller partnerskap? – Prövas inte",
        "✓ Statsstöd för den verksamhet som får pengarna – Inget hinder för ett IOP",
        "✓ Den offentliga partens process – Inget hinder för ett IOP",
    ]
    headers = [h.value for h in at.header]
    assert headers[0] == "Så prövades fallet"  # right under the verdict, before the findings
    assert any(m.value.startswith("**Vid sidan av**") for m in at.markdown)
    # the deciding step is open: its reason, the answers that decided it, what would change it, sources
    decided = _unescape("\n".join(m.value for m in _path(at)[1].markdown))
    assert decided.startswith("Ja, det finns ett ekonomiskt inslag")
    assert "**Svaren som avgjorde**" in decided and "- Hur ska de offentliga pengarna betalas ut? Per levererad enhet" in decided
    assert "Det här kan ändra bedömningen: Ett bidrag till en gemensam insats" in decided
    assert "*Källor: SKR 4.4.4" in decided and "HFD 2020 ref. 15 (mål 3165-19)" in decided
    assert not _path(at)[0].markdown  # the others stay closed (drawn only when opened)
    assert not any(c.value.startswith("Poängen som bedömningen bygger på") for c in at.caption)


def test_a_grant_case_shows_the_criteria_deciding():
    s = demo("grant_fits_better")
    at = app(s, "summary")
    labels = _labels(at)
    assert [x[:2] for x in labels] == ["✓ ", "✓ ", "✗ ", "✓ ", "✓ "]
    assert labels[2] == "✗ 3. Bidrag eller partnerskap? – Hinder för ett IOP · **Det här steget avgjorde**"
    decided = _unescape("\n".join(m.value for m in _path(at)[2].markdown))
    assert assess(s).path[2].reason.split(":")[0] in decided


def test_an_uncertain_case_with_missing_facts_marks_the_step_that_waits_for_answers():
    at = app(Screening(), "summary")
    labels = _labels(at)
    assert labels[0] == "? 1. Kan offentliga pengar gå hit? – Inte besvarat · **Det här steget avgjorde**"
    assert labels[1].startswith("? 2.") and labels[2].startswith("? 3.")
    assert sum(_decided_note() in x for x in labels) == 1
    decided = _unescape("\n".join(m.value for m in _path(at)[0].markdown))
    assert "**Frågor att besvara**" in decided and "- Har organisationen stadgar" in decided
    assert "Svar saknas i steget ”Kan offentliga pengar gå hit?”" in _unescape(at.warning[0].value)  # the headline says which


SCENARIO_CASES = [("06_care_home_for_fixed_sum", "skr"), ("08_vgr_without_mandate", "vgr"),
                  ("12_one_year_project", "mora"), ("25_nothing_answered", "helsingborg"),
                  ("14_mora_unsigned_declaration", "mora")]


@pytest.mark.parametrize(("name", "fid"), SCENARIO_CASES, ids=[n for n, _ in SCENARIO_CASES])
def test_the_path_shown_is_the_path_decided(name, fid):
    """Property: the page draws exactly Assessment.path: the same steps, order, outcomes and the
    deciding mark on the deciding step only."""
    s = scenario(name)
    s.framework = fid
    a = assess(s)
    labels = _labels(app(s, "summary"))
    assert len(labels) == len(a.path)
    for label, step in zip(labels, a.path, strict=True):
        assert label.startswith(SYMBOL[step.outcome] + " ")
        assert step.title in label and outcome_label(step.outcome).split(" ", 1)[1] in label
        assert (_decided_note() in label) == step.decided


def test_why_names_the_step_of_the_test_that_rests_on_the_finding():
    s = demo("disguised_procurement")
    at = app(s, "summary")
    a = assess(s)
    deciding = next(p for p in a.path if p.decided)
    rests = next(f for f in a.findings if f.rule_id in deciding.rule_ids)
    aside = next(f for f in a.findings if not any(f.rule_id in p.rule_ids for p in a.path))
    for f in (rests, aside):  # "Varför?" is drawn only when opened
        at.session_state[f"why_{f.rule_id}"] = True
    at.run()
    md = _markdown(at)
    assert "I prövningen: steget ”Köper den offentliga parten en tjänst?” (✗ Hinder för ett IOP), som avgjorde bedömningen." in md
    assert "Inget steg i prövningen vilar på iakttagelsen." in md
    assert "Poäng:" not in md


def test_the_comparison_table_names_each_frameworks_deciding_step():
    s = scenario("08_vgr_without_mandate")
    at = app(s, "summary")
    table = next(m.value for m in at.markdown if m.value.startswith("| Iakttagelse |"))
    row = next(_unescape(r) for r in table.splitlines() if "Avgörande steg" in r)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert "skiljer sig" in cells[0]
    assert cells[1] == "✓ Bidrag eller partnerskap?" and cells[4] == "✗ Den offentliga partens process"  # SKR, VGR
    md = _markdown(at)
    assert "Det som skiljer: VGR, i steget ”Den offentliga partens process”: det finns inget politiskt uppdrag" in md
