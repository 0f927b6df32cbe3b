"""Browser: upload a real PDF through the documents page, then a bad file; fill the declaration."""

from __future__ import annotations

import pytest

from tests.files import make_pdf
from tests.e2e.conftest import goto_page, pick, screenshot, wait_idle

pytestmark = pytest.mark.browser


def choose_framework(page, name: str) -> None:
    pick(page, page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first,
         page.get_by_role("option", name=name))


def uploader(page, label: str):
    """The file input of the uploader with this (visible) label."""
    return page.locator('[data-testid="stFileUploader"]', has_text=label).locator(
        '[data-testid="stFileUploaderDropzoneInput"]')


def test_upload_a_real_pdf_then_a_bad_file(page, tmp_path):
    choose_framework(page, "Mora kommun")
    goto_page(page, "Dokument")
    path = tmp_path / "stadgar.pdf"
    path.write_bytes(make_pdf(2))

    uploader(page, "Ladda upp stadgar, bolagsordning eller motsvarande").set_input_files(str(path))
    wait_idle(page)
    page.locator('[data-testid="stAlert"]', has_text="Filen är uppladdad: PDF, 2 sidor").wait_for()
    listed = page.get_by_text("stadgar.pdf · PDF · 2 sidor")
    listed.wait_for()
    assert page.get_by_text("1 av 8 dokument").is_visible()

    # A PNG renamed to .pdf, into the same document: rejected in Swedish, the first upload stays.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    uploader(page, "Byt fil för stadgar, bolagsordning eller motsvarande").set_input_files(
        files=[{"name": "falsk.pdf", "mimeType": "application/pdf", "buffer": png}])
    wait_idle(page)
    page.locator('[data-testid="stAlert"]', has_text="Filen kunde inte tas emot").wait_for()
    assert page.get_by_text("stadgar.pdf · PDF · 2 sidor").is_visible()

    # An empty file into another document: rejected there; the first upload is still listed.
    uploader(page, "Ladda upp årsmötesprotokoll").set_input_files(
        files=[{"name": "tom.pdf", "mimeType": "application/pdf", "buffer": b""}])
    wait_idle(page)
    page.locator('[data-testid="stAlert"]', has_text="Filen är tom").wait_for()
    assert page.get_by_text("stadgar.pdf · PDF · 2 sidor").is_visible()
    assert page.get_by_text("1 av 8 dokument").is_visible()

    page.get_by_text("1 av 8 dokument").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "documents")

    # Through another page and back: still there.
    goto_page(page, "Värdegrund")
    goto_page(page, "Dokument")
    page.get_by_text("stadgar.pdf · PDF · 2 sidor").wait_for()


def test_value_declaration_point_by_point(page):
    choose_framework(page, "Botkyrka kommun")
    goto_page(page, "Värdegrund")
    assert page.get_by_text("Botkyrka: den lokala överenskommelsens principer").is_visible()
    assert page.get_by_text("självständighet och oberoende", exact=True).is_visible()

    group = page.locator('[data-testid="stRadio"]', has_text="4c – Religion eller annan trosuppfattning")
    group.get_by_text("Kan inte intyga").click()
    wait_idle(page)
    page.locator('[data-testid="stAlert"]', has_text="Minst en punkt kan inte intygas").wait_for()
    # Botkyrka has no declaration to sign: the refused point is no finding there, only in Mora
    assert not page.locator('[data-testid="stAlert"]', has_text="Punkt 4c kan inte intygas").count()
    choose_framework(page, "Mora kommun")
    page.locator('[data-testid="stAlert"]', has_text="Punkt 4c kan inte intygas").wait_for()

    page.get_by_label("Namn", exact=True).fill("Anna Lind")
    page.get_by_label("Namn", exact=True).press("Enter")
    wait_idle(page)
    page.get_by_text("Förklaringen", exact=True).scroll_into_view_if_needed()
    screenshot(page, "values")
