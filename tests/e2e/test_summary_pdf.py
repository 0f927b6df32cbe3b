"""Summary and agreement pages in a real browser: the PDF downloads, outline edits stick."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.support.browser import charts_drawn, expand, goto_page, open_demo, rerun, screenshot

pytestmark = pytest.mark.browser


def download_pdf(page, tmp_path):
    """"Skapa PDF", then "Ladda ner PDF"; the saved file."""
    with rerun(page):
        page.get_by_role("button", name="Skapa PDF").first.click()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Ladda ner PDF").first.click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    return saved


def test_summary_page_downloads_the_pdf(page, tmp_path):
    open_demo(page, "Grannskap")
    goto_page(page, "Sammanfattning")
    expect(page.get_by_test_id("stAlert").filter(has_text="IOP verkar möjligt").first).to_be_visible()
    screenshot(page, "summary_1_top")
    for i, (heading, name) in enumerate((("Iakttagelser", "findings"), ("Bidrag, IOP eller upphandling?", "picture"),
                                         ("Samma svar i alla ramverk", "comparison"),
                                         ("Så skiljer sig ramverken", "differences"), ("Nästa steg", "next_steps")),
                                        start=2):
        page.get_by_text(heading, exact=True).first.scroll_into_view_if_needed()
        charts_drawn(page)
        screenshot(page, f"summary_{i}_{name}")

    saved = download_pdf(page, tmp_path)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF")
    assert saved.name.startswith("iop-underlag-foreningen-grannskap")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "Föreningen Grannskap (fiktiv)" in text
    assert "Botkyrka När kan ett partnerskap ingås? punkt 1" in text.replace("\n", " ")


def test_the_path_on_the_summary_and_in_the_pdf(page, tmp_path):
    """Issue #21: Sammanfattning shows how the case was tested, step by step, the deciding step
    open with its reason; the downloaded report says the same."""
    open_demo(page, "Trygg hemgång")
    goto_page(page, "Sammanfattning")
    expect(page.get_by_role("heading", name="Så prövades fallet")).to_be_visible()
    outcomes = r"[✓✗?!○] .* – (Inget hinder för ett IOP|Hinder för ett IOP|Inte besvarat|Oklart|Prövas inte)"
    steps = page.get_by_test_id("stExpander").filter(has_text=re.compile(outcomes))
    expect(steps).to_have_count(5)
    deciding = steps.filter(has_text="Det här steget avgjorde")
    expect(deciding).to_have_count(1)
    expect(deciding).to_contain_text("✗ 2. Köper den offentliga parten en tjänst? – Hinder för ett IOP")
    expect(deciding.locator("details")).to_have_attribute("open", "")  # open without a click
    expect(deciding).to_contain_text("Ja, det finns ett ekonomiskt inslag")
    expect(steps.nth(2)).to_contain_text("○ 3. Bidrag eller partnerskap? – Prövas inte")
    screenshot(page, "summary_path_sv")
    with rerun(page):  # a closed step opens on a click and shows its reason and sources
        expand(steps.first)
    expect(steps.first).to_contain_text("Källor: KL 2 kap. 1 §")

    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(
        download_pdf(page, tmp_path).read_bytes())).pages))
    assert "Så prövades fallet" in text
    assert "✗ 2. Köper den offentliga parten en tjänst? – Hinder för ett IOP · Det här steget avgjorde" in text
    assert "○ 3. Bidrag eller partnerskap? – Prövas inte" in text
    assert "Ja, det finns ett ekonomiskt inslag" in text


def test_agreement_edit_and_reset_in_the_browser(page):
    open_demo(page, "Läxhjälp")
    goto_page(page, "Avtalsutkast")
    box = page.get_by_label("Text till 4 Målgrupp")
    expect(box).to_have_value(re.compile("årskurs 4–9"))
    screenshot(page, "agreement_1_top")
    box.fill("Barn i årskurs 4–9 och deras föräldrar. Uppdraget gäller hela Gränsbyn.")
    with rerun(page):
        box.press("Control+Enter")
    section = page.locator(".st-key-outline_section_target_group")
    expect(section.get_by_text("Ändrad av dig")).to_be_visible()
    expect(section.get_by_test_id("stAlert").filter(has_text="välj hellre ”projekt”")).to_have_count(1)
    section.scroll_into_view_if_needed()
    screenshot(page, "agreement_2_edited")

    goto_page(page, "Sammanfattning")  # the page's widgets are removed; the model keeps the edit
    goto_page(page, "Avtalsutkast")
    expect(page.get_by_label("Text till 4 Målgrupp")).to_have_value(re.compile("Uppdraget gäller hela Gränsbyn"))

    with rerun(page):
        page.locator(".st-key-outline_section_target_group").get_by_role("button", name="Återställ förslag").click()
    expect(page.get_by_label("Text till 4 Målgrupp")).to_have_value("Barn i årskurs 4–9 i Gränsbyn och deras föräldrar.")


def test_the_picture_writes_verdicts_beside_the_axis_and_shows_hover_texts_whole(page):
    """Issue #24 point 5: no verdict is written on a zone (it would sit on its neighbour's band),
    and a point's hover text is shown whole, however many findings it lists."""
    from iop_core.report.picture import axis_points
    from iop_core.rules.assessment import assess_all
    from tests.support.screenings import demo

    open_demo(page, "Grannskap")
    goto_page(page, "Sammanfattning")
    chart = page.get_by_test_id("stVegaLiteChart").filter(has_text="Upphandling").first
    chart.scroll_into_view_if_needed()
    charts_drawn(page)
    case = demo("initiative_by_municipality")
    chosen = next(p for p in axis_points(assess_all(case), chosen=case.framework) if p.framework == case.framework)
    axis = " ".join(chart.locator(".role-axis-label text").all_text_contents())
    assert chosen.name in axis and chosen.label in axis  # the verdict under the framework's name
    marks = " ".join(chart.locator(".role-mark text").all_text_contents())
    assert chosen.label not in marks  # nothing written on the zones but their names
    points = chart.locator(".mark-symbol path")
    order = [p.framework for p in axis_points(assess_all(case))]
    points.nth(order.index(case.framework)).hover()  # one point per row, in the rows' order
    tooltip = page.locator("#vg-tooltip-element.visible")
    expect(tooltip).to_contain_text(chosen.findings.split("\n")[0])
    values = tooltip.locator("td.value")
    assert values.count() == 4
    for i in range(values.count()):
        cut = values.nth(i).evaluate("el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1")
        assert not cut, values.nth(i).inner_text()
    assert values.nth(3).inner_text().split("\n") == chosen.findings.split("\n")
    screenshot(page, "summary_picture_tooltip")
