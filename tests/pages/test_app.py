from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_app_starts_and_shows_title():
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "IOP-screening"
