"""iop_core.report.path: the legal test's path as the PDF, triage and the trainer word it, and the
comparison that names what differs between frameworks (never points)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from iop_core.i18n import t
from iop_core.report.build import build_report, build_report_pdf
from iop_core.report.comparison import compare
from iop_core.report.path import (
    SYMBOL,
    deciding_line,
    first_sentence,
    outcome_label,
    path_lines,
)
from iop_core.report.pdf import Callout, Heading, Paragraph
from iop_core.rules.assessment import assess, assess_all
from iop_core.screening.model import Screening, set_fact
from tests.support.screenings import demo, scenario

TODAY = date(2026, 12, 6)
SCENARIOS = ["01_textbook_iop", "05_no_local_benefit", "06_care_home_for_fixed_sum", "08_vgr_without_mandate",
             "12_one_year_project", "14_mora_unsigned_declaration", "25_nothing_answered",
             "27_activity_paid_by_normative_grant"]


def _path_callouts(doc, lang: str) -> list[Callout]:
    """The boxes of "Så prövades fallet", in the PDF's order."""
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == t("path_view.title", lang))
    out = []
    for block in doc.blocks[start + 1:]:
        if isinstance(block, Heading):
            break
        if isinstance(block, Callout):
            out.append(block)
    return out


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pdf_shows_the_path_decided_step_by_step(name, lang):
    """The path shown equals the path decided: one box per step of Assessment.path, in its order,
    with its question, its outcome in sign and words, and the deciding mark on that step only."""
    s = scenario(name)
    for fid in ("skr", "mora", "vgr"):
        a = assess(s, fid, lang)
        boxes = _path_callouts(build_report(s, fid, today=TODAY, lang=lang), lang)
        assert len(boxes) == len(a.path) == 5
        for box, step in zip(boxes, a.path, strict=True):
            assert box.title.startswith(f"{SYMBOL[step.outcome]} ")
            assert step.title in box.title and outcome_label(step.outcome, lang).split(" ", 1)[1] in box.title
            assert (t("path_view.decided", lang) in box.title) == step.decided
            assert step.reason in box.text
            assert all(x in box.text for x in step.missing)


def test_checks_beside_the_main_line_come_after_vid_sidan_av():
    doc = build_report(demo("genuine_iop"), today=TODAY)
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text == "Så prövades fallet")
    texts = [b.title if isinstance(b, Callout) else b.text for b in doc.blocks[start + 1:start + 9]]
    assert texts[0].startswith("Stegen i den ordning en jurist prövar dem")
    assert [x[:4] for x in texts[1:4]] == ["✓ 1.", "✓ 2.", "✓ 3."]
    assert texts[4] == "Vid sidan av:"
    assert texts[5].startswith("✓ Statsstöd") and texts[6].startswith("✓ Den offentliga partens process")
    assert isinstance(doc.blocks[start + 5], Paragraph)


def _pdf_text(data: bytes) -> str:
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pdf_text_holds_each_step_title_and_outcome(lang):
    s = demo("disguised_procurement")
    s.language = lang
    text = _pdf_text(build_report_pdf(s, today=TODAY))
    a = assess(s)
    assert t("path_view.title", lang) in text
    for step, line in zip(a.path, path_lines(a, lang), strict=True):  # "✗ 2. Köper …? – Hinder för ett IOP · …"
        assert step.title in text
        assert f"{SYMBOL[step.outcome]} {line.heading} – {t(f'path_view.outcome_{step.outcome}', lang)}" in text
    assert f"{t('path_view.outcome_fail', lang)} · {t('path_view.decided', lang)}" in text
    # the frameworks table names each one's deciding step, not points
    assert t("report.col_decided", lang) in text
    assert "IOP / bidrag / upphandling" not in text and "IOP / grant / procurement" not in text


def test_path_lines_number_the_main_line_and_not_the_checks_beside():
    lines = path_lines(assess(demo("disguised_procurement")))
    assert [(x.id, x.number) for x in lines] == [("eligible", 1), ("economic_element", 2), ("criteria", 3),
                                                ("state_aid", None), ("process", None)]
    assert lines[1].headline() == "✗ 2. Köper den offentliga parten en tjänst? – Hinder för ett IOP · Det här steget avgjorde"
    assert lines[2].headline() == "○ 3. Bidrag eller partnerskap? – Prövas inte"


def test_deciding_line_is_the_deciding_step_and_its_reason():
    a = assess(demo("disguised_procurement"))
    line = deciding_line(a)
    assert line.startswith("✗ Köper den offentliga parten en tjänst? (hinder för ett IOP): ja, det finns ett ekonomiskt inslag")
    short = deciding_line(a, short=True)
    assert short.endswith("åt kommunen.") and "Dessutom" not in short and "Dessutom" in line
    assert deciding_line(assess(Screening())).startswith("? Kan offentliga pengar gå hit? (inte besvarat)")


def test_first_sentence_does_not_end_inside_a_citation():
    assert first_sentence("Då är det ett köp (HFD 2020 ref. 15). Sedan mer.") == "Då är det ett köp (HFD 2020 ref. 15)."


# --- the comparison names what differs, never points ------------------------------------------------

def _explanation(s: Screening) -> str:
    return compare(s, assessments=assess_all(s)).classification.explanation


def test_a_framework_that_stops_on_its_own_process_step_is_named_with_its_finding():
    text = _explanation(scenario("08_vgr_without_mandate"))
    assert "VGR, i steget ”Den offentliga partens process”: det finns inget politiskt uppdrag" in text
    assert "poäng" not in text


def test_two_frameworks_that_differ_by_their_own_findings_are_named_each_with_its_own():
    s = scenario("14_mora_unsigned_declaration")
    set_fact(s, "initiative.political_mandate", "none")
    text = _explanation(s)
    assert "Mora och VGR: rött – inte aktuellt ännu" in text
    assert ("Mora och VGR, i steget ”Den offentliga partens process”: värdegrundsförklaringen är inte klar (Mora), "
            "det finns inget politiskt uppdrag – hinder (VGR)") in text
    assert "poäng" not in text


def test_a_criterion_a_framework_makes_a_must_is_named_with_the_frameworks_list():
    text = _explanation(scenario("12_one_year_project"))
    assert "Mora och Botkyrka: gult – ett bidrag passar bättre" in text
    assert ("Mora och Botkyrka, i steget ”Bidrag eller partnerskap?”: samarbetet är kortsiktigt, ett kriterium som "
            "måste vara uppfyllt i ramverkets egen lista (Mora Checklista för inkomna IOP-initiativ; Botkyrka") in text
    assert "poäng" not in text


def test_the_comparison_is_worded_in_english_too():
    s = scenario("08_vgr_without_mandate")
    text = compare(s, assessments=assess_all(s, "en"), lang="en").classification.explanation
    assert "What differs: VGR, in the step" in text and "there is no political mandate" in text
    assert "points" not in text
