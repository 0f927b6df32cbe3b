"""Triage and trainer in a real browser: answer, watch the light move, download the one-page note."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import SHOTS, goto_page, pick, screenshot, wait_idle

pytestmark = pytest.mark.browser


def _alert(page, text: str):
    return page.locator('[data-testid="stAlert"]', has_text=text).first


def _choose(page, question: str, option: str) -> None:
    """Pick an option in a drop-down (st.selectbox) by its visible text."""
    pick(page, page.get_by_role("combobox", name=question).first, page.get_by_role("option", name=option).first)


def _yes(page, question: str, answer: str = "Ja") -> None:
    page.locator('[data-testid="stRadio"]', has_text=question).first.get_by_text(answer, exact=True).click()
    wait_idle(page)


def test_triage_light_moves_and_the_note_downloads_as_one_page(page, tmp_path):
    page.locator('[data-testid="stPageLink"]', has_text="Snabbtriage").first.click()
    wait_idle(page)
    page.get_by_role("heading", name="Snabbtriage").wait_for()
    assert _alert(page, "Gult – Osäkert").is_visible()

    page.get_by_label("Organisation", exact=True).fill("Föreningen Exempel")
    page.get_by_label("Organisation", exact=True).press("Tab")
    wait_idle(page)
    _choose(page, "Vem tog initiativet till samarbetet?", "Kommunen eller regionen")
    _choose(page, "Vem har beskrivit behovet", "bestämt behovet i förväg")
    _yes(page, "bestämma i detalj vad som ska göras")
    _choose(page, "Hur ska de offentliga pengarna betalas ut?", "Per levererad enhet")
    _yes(page, "vite, skadestånd eller andra straff")
    _choose(page, "Vad bidrar organisationen själv med?", "Ingenting")
    _yes(page, "Finns det företag som erbjuder samma sak", "Nej")
    page.get_by_label("Hur många år är samarbetet tänkt att pågå?", exact=True).fill("3")
    page.get_by_label("Hur många år är samarbetet tänkt att pågå?", exact=True).press("Enter")
    wait_idle(page)
    _yes(page, "följa upp, utvärdera och lära", "Nej")
    _choose(page, "Vilken sorts organisation är ni?", "Ideell förening")

    red = _alert(page, "Rött – Risk för upphandling")
    red.wait_for()
    assert "SKR" in red.inner_text()
    panel = page.locator(".st-key-triage_result")
    assert "Helsingborg: Rött, risk för upphandling" in panel.inner_text()

    notes = page.get_by_label("Överenskomna nästa steg", exact=True)
    notes.fill("Föreningen tar fram en budget med eget bidrag – till 15 december.")
    notes.press("Tab")
    wait_idle(page)
    page.get_by_label("Anteckningar", exact=True).fill("Lång anteckning. " * 400)
    page.get_by_label("Anteckningar", exact=True).press("Tab")
    wait_idle(page)
    page.get_by_text("10 av 12 frågor besvarade").wait_for()
    page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    screenshot(page, "triage")
    page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, el.scrollHeight)")
    page.wait_for_timeout(300)
    screenshot(page, "triage_scrolled")

    with page.expect_download() as dl:
        page.get_by_role("button", name="Mötesanteckning (PDF)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name.startswith("motesanteckning-iop-foreningen-exempel-") and path.suffix == ".pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Föreningen Exempel" in text and "Risk för upphandling" in text
    assert "till 15 december" in text and "Hela texten finns i den sparade filen" in text
    if shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(path), str(SHOTS / "triage_pdf")], check=True)
        assert (SHOTS / "triage_pdf.png").stat().st_size > 10_000

    # The same answers are the full walk's: the initiative page shows them.
    goto_page(page, "Initiativet")
    group = page.locator('[data-testid="stRadio"]', has_text="Vem tog initiativet till samarbetet?").first
    assert group.locator("label:has(input:checked)").inner_text().strip() == "Kommunen eller regionen"


def test_trainer_gallery_what_if_and_presentation(page):
    goto_page(page, "Utbildning")
    page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]',
                 has_text="Läxhjälp i Gränsbyn").last.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    page.get_by_text("Öppnat: Läxhjälp i Gränsbyn").wait_for()
    _alert(page, "Grönt – IOP verkar möjligt").wait_for()

    page.get_by_text("Tänk om avtalet hade vite eller skadestånd").click()
    wait_idle(page)
    page.get_by_text("Påstående:").wait_for()
    page.get_by_text("Det planeras sanktioner om något inte levereras").first.wait_for()
    assert page.get_by_text("sanctions.present").count() == 0  # the rule by its title, never its id
    page.locator('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]').first.wait_for()
    screenshot(page, "trainer_changes")
    page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    screenshot(page, "trainer")

    page.get_by_text("Presentationsläge").click()
    wait_idle(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    screenshot(page, "trainer_present")
    page.get_by_text("Presentationsläge").click()
    wait_idle(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
