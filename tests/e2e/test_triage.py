"""Triage and trainer in a real browser: answer, watch the light move, download the meeting note."""

import io
import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.support.browser import SHOTS, charts_drawn, fill, goto_page, open_tab, rerun, screenshot

pytestmark = pytest.mark.browser


def _alert(page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text).first


def _choose(page, question: str, option: str) -> None:
    """Pick an answer of a choice question (radio buttons, one below the other) by (part of) its text."""
    with rerun(page):
        page.get_by_role("radiogroup", name=question).first.get_by_text(option).first.click()


def _yes(page, question: str, answer: str = "Ja") -> None:
    with rerun(page):
        page.get_by_role("radiogroup", name=question).first.get_by_text(answer, exact=True).click()


def test_triage_light_moves_and_the_note_downloads_whole(page, tmp_path):
    with rerun(page):
        page.get_by_test_id("stPageLink").filter(has_text="Snabbtriage").first.click()
    expect(page.get_by_role("heading", name="Snabbtriage")).to_be_visible()
    expect(_alert(page, "Gult – Osäkert")).to_be_visible()

    fill(page.get_by_label("Organisation", exact=True), "Föreningen Exempel")
    _choose(page, "Vem tog initiativet till samarbetet?", "Kommunen eller regionen")
    _choose(page, "Vem har beskrivit behovet", "bestämt behovet i förväg")
    _yes(page, "bestämma i detalj vad som ska göras")
    _choose(page, "Hur ska de offentliga pengarna betalas ut?", "Per levererad enhet")
    _yes(page, "vite, skadestånd eller andra straff")
    _choose(page, "Vad bidrar organisationen själv med?", "Ingenting")
    _yes(page, "Finns det företag som erbjuder samma sak", "Nej")
    fill(page.get_by_label("Hur många år är samarbetet tänkt att pågå?", exact=True), "3")
    _yes(page, "följa upp, utvärdera och lära", "Nej")
    _choose(page, "Vilken sorts organisation är ni?", "Ideell förening")

    red = _alert(page, "Rött – Risk för upphandling")
    expect(red).to_contain_text("SKR")
    expect(page.locator(".st-key-triage_result")).to_contain_text("Helsingborg: Rött, risk för upphandling")

    fill(page.get_by_label("Överenskomna nästa steg", exact=True),
         "Föreningen tar fram en budget med eget bidrag – till 15 december.")
    long_note = " ".join(f"Anteckning {i}." for i in range(1, 601))  # about 9 000 characters
    fill(page.get_by_label("Anteckningar", exact=True), long_note)
    expect(page.get_by_text("10 av 12 frågor besvarade")).to_be_visible()
    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "triage")
    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    screenshot(page, "triage_scrolled")

    with page.expect_download() as dl:
        page.get_by_role("button", name="Mötesanteckning (PDF)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name.startswith("motesanteckning-iop-foreningen-exempel-") and path.suffix == ".pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 6  # the long note goes on overleaf, nothing is cut
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Föreningen Exempel" in text and "Risk för upphandling" in text and "till 15 december" in text
    assert "Anteckning 1." in text and "Anteckning 600." in text and "…" not in text
    if shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(path), str(SHOTS / "triage_pdf")], check=True)
        assert (SHOTS / "triage_pdf.png").stat().st_size > 10_000

    # The same answers are the full walk's: the initiative page shows them.
    goto_page(page, "Initiativet")
    expect(page.get_by_role("radiogroup", name="Vem tog initiativet till samarbetet?").get_by_role("radio", checked=True)) \
        .to_have_accessible_name("Kommunen eller regionen")


def test_trainer_gallery_what_if_and_presentation(page):
    goto_page(page, "Utbildning")
    card = page.get_by_test_id("stVerticalBlock").filter(has_text="Läxhjälp i Gränsbyn").last
    with rerun(page):
        card.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_text("Öppnat: Läxhjälp i Gränsbyn")).to_be_visible()
    expect(_alert(page, "Grönt – IOP verkar möjligt")).to_be_visible()

    with rerun(page):
        page.get_by_text("Tänk om avtalet hade vite eller skadestånd").click()
    expect(page.get_by_text("Påstående:")).to_be_visible()
    expect(page.get_by_text("Det planeras sanktioner om något inte levereras").first).to_be_visible()
    expect(page.get_by_text("sanctions.present")).to_have_count(0)  # the rule by its title, never its id
    charts_drawn(page)
    screenshot(page, "trainer_changes")
    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "trainer")

    with rerun(page):
        page.get_by_text("Presentationsläge").click()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    screenshot(page, "trainer_present")
    with rerun(page):
        page.get_by_text("Presentationsläge").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()


STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "No options to select")


def _no_streamlit_english(page, where: str) -> None:
    """No English placeholder of Streamlit's on the page: neither shown text nor an empty field's
    placeholder (Streamlit puts its own on every drop-down that has none)."""
    for text in STREAMLIT_ENGLISH:
        assert page.get_by_text(text).count() == 0, (where, text)
        assert page.locator(f'[placeholder="{text}"]').count() == 0, (where, text)


def test_swedish_drop_downs_and_whole_answers_on_the_triage_and_the_initiative(page):
    """Issues #23 and #24: no "Choose an option" in the Swedish app; a chosen answer is read whole."""
    goto_page(page, "Snabbtriage")
    expect(page.get_by_role("heading", name="Snabbtriage")).to_be_visible()
    _no_streamlit_english(page, "Snabbtriage")
    expect(page.locator('[aria-label="Link to heading"]')).to_have_count(0)  # headings drawn with anchor=False
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Ramverk")) \
        .to_have_attribute("placeholder", "Välj ett svar")

    answer = "Per levererad enhet, till exempel per deltagare, timme eller plats"
    _choose(page, "Hur ska de offentliga pengarna betalas ut?", answer)
    group = page.get_by_role("radiogroup", name="Hur ska de offentliga pengarna betalas ut?").first
    expect(group.get_by_role("radio", checked=True)).to_have_accessible_name(answer)
    shown = group.get_by_text(answer, exact=True)
    expect(shown).to_be_visible()
    # the whole answer is on screen: the text is not clipped or cut with "…"
    assert shown.evaluate("el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1")
    shown.evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, "triage_whole_answer")

    goto_page(page, "Initiativet")
    for tab in [t.inner_text() for t in page.get_by_role("tab").all()]:
        open_tab(page, tab)
        _no_streamlit_english(page, f"Initiativet, {tab}")
