"""AppTest: the summary page (leaning, findings with "Varför?", comparison, next steps, PDF)."""

from __future__ import annotations

import re

from iop_core.rules.assessment import assess
from iop_core.rules.catalogue import frameworks
from iop_core.report.pdf import PdfRenderError
from iop_core.screening.model import Screening
from tests.conftest import demo
from tests.pages.helpers import alerts, app, model


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
    assert "Det finns ett ekonomiskt inslag och en marknad eller en lagstadgad uppgift" in top.value


def test_findings_are_grouped_with_a_why_for_each():
    s = demo("disguised_procurement")
    at = app(s, "summary")
    from iop_core.rules.assessment import assess

    findings = assess(s).findings
    why = [e for e in at.expander if e.label.startswith("Varför?")]
    assert len(why) == len(findings)
    assert not why[0].markdown  # drawn only when opened (a closed box costs the server nothing more)
    at.session_state[f"why_{findings[0].rule_id}"] = True
    why = [e for e in at.run().expander if e.label.startswith("Varför?")]
    subheaders = [h.value for h in at.subheader]
    assert subheaders.index("Initiativ och behov") < subheaders.index("Pengar och samfinansiering")
    # the first "Varför?" shows the answers and the rule in words, with the sources' full titles
    text = "\n".join(m.value for m in why[0].markdown)
    assert "Regeln" in text and "need.public_in_advance" in text
    assert "Regeln slår till när svaret på" in text
    assert "SKL/SKR, Utveckla idéburet offentligt partnerskap" in text


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
    import pages._report

    def broken(*args, **kwargs):
        raise PdfRenderError("PDF:en kunde inte skapas. Försök igen.")

    monkeypatch.setattr(pages._report, "build_report_pdf", broken)
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


def test_the_scores_printed_are_the_scores_used_and_a_theme_counts_once():
    s = demo("public_pays_all")
    at = app(s, "summary")
    a = assess(s)
    for f in a.findings:  # open every "Varför?" box: it is drawn only when opened
        at.session_state[f"why_{f.rule_id}"] = True
    at.run()
    text = " ".join(c.value for c in at.caption)
    assert f"IOP {a.scores['iop']} · bidrag {a.scores['grant']} · upphandling {a.scores['procurement']}" in text
    md = _markdown(at)
    # the budget's "public pays almost all" is the same theme as "no own contribution": counted once
    assert "Poäng: 2 mot upphandling." in md
    assert "Temat räknas redan genom ”Budgeten visar inget eller nästan inget eget bidrag”" in md or \
           "Temat räknas redan genom ”Organisationen bidrar inte med egna resurser”" in md
