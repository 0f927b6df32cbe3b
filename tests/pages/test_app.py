from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_app_starts_and_shows_title():
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "IOP-screening"


def test_spara_is_made_on_click_not_kept_at_a_media_address():
    # Before: every rerun stored the whole screening at /media/<hash>.json, fetchable without a cookie.
    from tests.pages.helpers import app

    at = app()
    save = next(b for b in at.get("download_button") if b.proto.label == "Spara")
    assert save.proto.url == "" and save.proto.deferred_file_id
