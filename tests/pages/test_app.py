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



def test_the_leave_page_script_is_allowed_by_its_hash_in_the_readme_csp():
    """The CSP in the README (and deploy/nginx.conf) allows the app's one inline script by hash:
    changing the script without its hash would silently switch the "leave page?" prompt off."""
    import base64
    import hashlib

    from pages._unsaved import LEAVE_SCRIPT
    from tests.conftest import ROOT

    digest = base64.b64encode(hashlib.sha256(LEAVE_SCRIPT.encode()).digest()).decode()
    for path in ("README.md", "deploy/nginx.conf"):
        assert f"'sha256-{digest}'" in (ROOT / path).read_text(encoding="utf-8"), path
