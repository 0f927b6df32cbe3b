"""Browser: upload a real PDF through the documents page, then a bad file; fill the declaration."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import fill, goto_page, pick, rerun, screenshot
from tests.support.files import make_pdf

pytestmark = pytest.mark.browser


def choose_framework(page, name: str) -> None:
    pick(page, page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first,
         page.get_by_role("option", name=name))


def upload(page, label: str, files) -> None:
    """Into the uploader with this (visible) label; waits for the run that checks the file."""
    field = page.get_by_test_id("stFileUploader").filter(has_text=label).get_by_test_id("stFileUploaderDropzoneInput")
    with rerun(page):
        field.set_input_files(files)


def alert(page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text)


def test_upload_a_real_pdf_then_a_bad_file(page, tmp_path):
    choose_framework(page, "Mora kommun")
    goto_page(page, "Dokument")
    path = tmp_path / "stadgar.pdf"
    path.write_bytes(make_pdf(2))
    listed = page.get_by_text("stadgar.pdf · PDF · 2 sidor")

    upload(page, "Ladda upp stadgar, bolagsordning eller motsvarande", str(path))
    expect(alert(page, "Filen är uppladdad: PDF, 2 sidor")).to_be_visible()
    expect(listed).to_be_visible()
    expect(page.get_by_text("1 av 8 dokument")).to_be_visible()

    # A PNG renamed to .pdf, into the same document: rejected in Swedish, the first upload stays.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    upload(page, "Byt fil för stadgar, bolagsordning eller motsvarande",
           [{"name": "falsk.pdf", "mimeType": "application/pdf", "buffer": png}])
    expect(alert(page, "Filen kunde inte tas emot")).to_be_visible()
    expect(listed).to_be_visible()

    # An empty file into another document: rejected there; the first upload is still listed.
    upload(page, "Ladda upp årsmötesprotokoll", [{"name": "tom.pdf", "mimeType": "application/pdf", "buffer": b""}])
    expect(alert(page, "Filen är tom")).to_be_visible()
    expect(listed).to_be_visible()
    expect(page.get_by_text("1 av 8 dokument")).to_be_visible()

    page.get_by_text("1 av 8 dokument").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "documents")

    # Through another page and back: still there.
    goto_page(page, "Värdegrund")
    goto_page(page, "Dokument")
    expect(listed).to_be_visible()


def test_value_declaration_point_by_point(page):
    choose_framework(page, "Botkyrka kommun")
    goto_page(page, "Värdegrund")
    expect(page.get_by_text("Botkyrka: den lokala överenskommelsens principer")).to_be_visible()
    expect(page.get_by_text("självständighet och oberoende", exact=True)).to_be_visible()

    point = page.get_by_role("radiogroup", name="4c – Religion eller annan trosuppfattning")
    with rerun(page):
        point.get_by_text("Kan inte intyga").click()
    expect(alert(page, "Minst en punkt kan inte intygas")).to_be_visible()
    # Botkyrka has no declaration to sign: the refused point is no finding there, only in Mora
    expect(alert(page, "Punkt 4c kan inte intygas")).to_have_count(0)
    choose_framework(page, "Mora kommun")
    expect(alert(page, "Punkt 4c kan inte intygas")).to_be_visible()

    fill(page.get_by_label("Namn", exact=True), "Anna Lind")
    page.get_by_text("Förklaringen", exact=True).scroll_into_view_if_needed()
    screenshot(page, "values")
