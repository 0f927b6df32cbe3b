"""Summary and agreement pages in a real browser: the PDF downloads, outline edits stick."""

import io

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import goto_page, open_demo, screenshot, wait_idle

pytestmark = pytest.mark.browser


def _show(page, text: str) -> None:
    page.get_by_text(text, exact=True).first.scroll_into_view_if_needed()
    wait_idle(page)


def test_summary_page_downloads_the_pdf(page, tmp_path):
    open_demo(page, "Grannskap")
    goto_page(page, "Sammanfattning")
    page.get_by_role("button", name="Skapa PDF").first.wait_for()
    page.locator('[data-testid="stAlert"]', has_text="IOP verkar möjligt").first.wait_for()
    screenshot(page, "summary_1_top")
    for i, (heading, name) in enumerate((("Iakttagelser", "findings"), ("Bidrag, IOP eller upphandling?", "picture"),
                                         ("Samma svar i alla ramverk", "comparison"),
                                         ("Så skiljer sig ramverken", "differences"), ("Nästa steg", "next_steps")),
                                        start=2):
        _show(page, heading)
        screenshot(page, f"summary_{i}_{name}")

    page.get_by_role("button", name="Skapa PDF").first.click()
    wait_idle(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Ladda ner PDF").first.click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF")
    assert saved.name.startswith("iop-underlag-foreningen-grannskap")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "Föreningen Grannskap (fiktiv)" in text
    assert "Botkyrka När kan ett partnerskap ingås? punkt 1" in text.replace("\n", " ")


def test_agreement_edit_and_reset_in_the_browser(page):
    open_demo(page, "Läxhjälp")
    goto_page(page, "Avtalsutkast")
    box = page.get_by_label("Text till 4 Målgrupp")
    assert "årskurs 4–9" in box.input_value()
    screenshot(page, "agreement_1_top")
    box.fill("Barn i årskurs 4–9 och deras föräldrar. Uppdraget gäller hela Gränsbyn.")
    box.press("Control+Enter")
    wait_idle(page)
    section = page.locator(".st-key-outline_section_target_group")
    section.get_by_text("Ändrad av dig").wait_for()
    assert section.locator('[data-testid="stAlert"]', has_text="välj hellre ”projekt”").count() == 1
    section.scroll_into_view_if_needed()
    screenshot(page, "agreement_2_edited")

    goto_page(page, "Sammanfattning")  # the page's widgets are removed; the model keeps the edit
    goto_page(page, "Avtalsutkast")
    box = page.get_by_label("Text till 4 Målgrupp")
    assert "Uppdraget gäller hela Gränsbyn" in box.input_value()

    section = page.locator(".st-key-outline_section_target_group")
    section.get_by_role("button", name="Återställ förslag").click()
    wait_idle(page)
    assert page.get_by_label("Text till 4 Målgrupp").input_value() == "Barn i årskurs 4–9 i Gränsbyn och deras föräldrar."
