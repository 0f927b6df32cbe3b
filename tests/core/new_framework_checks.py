"""A framework added by the recipe in docs/adding-a-framework.md runs through the whole app.

Not collected on its own (the name does not start with test_): tests/core/test_new_framework.py
runs it in a subprocess whose IOP_CATALOGUE_DIR is a copy of the data folder with one framework
file added exactly as that page says. Everything here finds that framework in the folder.
"""

from __future__ import annotations

import io
import json
from typing import get_args

import pytest
from pypdf import PdfReader

from iop_core.__main__ import main as cli
from iop_core.council.process import process
from iop_core.data_folder import DATA, ENVIRONMENT, SHIPPED, framework_ids
from iop_core.documents.checklist import required_documents
from iop_core.report.build import build_report_pdf
from iop_core.report.comparison import compare
from iop_core.report.outline import build_outline
from iop_core.report.picture import axis_points
from iop_core.report.summary import group_findings, next_steps, why
from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import framework, frameworks
from iop_core.rules.outlines import outline_for, process_for
from iop_core.screening.model import FrameworkId, Screening
from iop_core.screening.persistence import ScreeningFileError, dump_screening, load_screening
from tests.support.screenings import demo

pytestmark = pytest.mark.skipif(DATA == SHIPPED, reason=f"run by tests/core/test_new_framework.py ({ENVIRONMENT})")


@pytest.fixture(scope="module")
def new() -> str:
    [added] = set(framework_ids()) - set(framework_ids(SHIPPED))
    return added


@pytest.fixture(scope="module")
def case(new) -> Screening:
    """A textbook IOP planned for two years, under the new framework."""
    s = demo("genuine_iop")
    s.framework = new
    s.initiative.planned_years = 2
    return s


def test_it_is_a_framework_a_screening_can_name_in_its_order(new):
    assert new in get_args(FrameworkId)
    assert list(frameworks())[-1] == new  # order = 6, after the shipped five
    saved = json.loads(dump_screening(Screening(framework=new)))
    assert load_screening(json.dumps(saved)).framework == new
    saved["framework"] = "no_such_place"
    with pytest.raises(ScreeningFileError, match="”framework” har ett värde som inte finns bland valen"):
        load_screening(json.dumps(saved))


def test_its_override_parameter_and_documents_apply(new, case):
    fw = framework(new)
    assert fw.parameter("short_term_years") == 3 and framework("skr").parameter("short_term_years") == 2
    [short] = [f for f in assess(case).findings if f.rule_id == "time.short"]
    assert short.severity == "high" and short.framework == new
    assert [c.document for c in short.citations] == [new]
    assert "time.short" not in {f.rule_id for f in assess(case, "skr").findings}  # 2 years is long enough there
    assert [d.id for d in required_documents(new)] == ["statutes", "annual_report"]


def test_the_summary_the_comparison_and_the_picture_include_it(new, case):
    a = assess(case)
    assert group_findings(a.findings) and why(a.findings[0]).framework_name == framework(new).name
    assert next_steps(case, a).who_decides == process_for("skr")  # cited as SKR's
    cmp = compare(case)
    assert cmp.frameworks == tuple(frameworks()) and cmp.frameworks[-1] == new
    assert cmp.classification.label(new)
    row = next(r for r in cmp.rows if r.rule_id == "time.short")
    assert row.differs and row.verdict(new).severity == "high"
    assert any(g.startswith(framework(new).short) for g in row.groups)
    points = axis_points(assess_all(case), chosen=new)
    assert points[-1].name == f"{framework(new).short} (valt)"


def test_without_its_own_outline_it_uses_the_national_one_and_says_so(new, case):
    outline = outline_for(new)
    assert outline.framework == new and outline.source == "skr"
    assert outline.sections == outline_for("skr").sections
    assert outline.note.startswith(f"Appen har ingen egen disposition för {framework(new).name}")
    assert outline_for(new, "en").note.startswith(f"The app has no outline of its own for {framework(new, 'en').name}")
    assert process_for(new) == process_for("skr")
    assert build_outline(case).outline.note == outline.note
    steps = process(new)
    assert steps.steps == process("skr").steps and framework(new).name in steps.note


def test_english_mode_has_its_own_texts(new, case):
    fw_en = framework(new, "en")
    assert fw_en.name != framework(new).name and fw_en.lang == "en"
    assert "three years" in fw_en.rule("time.short").explanation


def test_the_pdf_and_the_command_line(new, case, tmp_path, capsys):
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(build_report_pdf(case))).pages)
    flat = " ".join(text.split())
    assert framework(new).name in flat and "Appen har ingen egen disposition för" in flat
    path = tmp_path / "case.json"
    path.write_text(dump_screening(case), encoding="utf-8")
    assert cli(["assess", str(path), "--framework", new]) == 0
    assert f"Ramverk: {framework(new).name}" in capsys.readouterr().out
    assert cli(["pdf", str(path), "--framework", new, "-o", str(tmp_path / "case.pdf")]) == 0
    assert (tmp_path / "case.pdf").read_bytes().startswith(b"%PDF")


def test_the_app_offers_it_in_the_picker_and_shows_it_on_every_page(new, case):
    from tests.support.apptest import PAGES, app, gen, model

    at = app()
    picker = at.selectbox(key=f"framework@{gen(at)}")
    assert picker.options[-1] == framework(new).name
    picker.set_value(new).run()
    assert model(at).framework == new
    at = app(case, "summary")
    table = next(m.value for m in at.markdown if m.value.startswith("| Iakttagelse |"))
    assert table.splitlines()[0].rstrip(" |").endswith(f"{framework(new).short} (valt)")
    at.switch_page(PAGES["agreement"]).run()
    assert any(c.value.startswith(f"Appen har ingen egen disposition för {framework(new).name}") for c in at.caption)
    for page in ("initiative", "documents", "values", "budget", "triage", "trainer"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception, (page, at.exception)
