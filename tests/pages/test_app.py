from streamlit.testing.v1 import AppTest

from tests.support import ROOT


def test_app_starts_and_shows_title():
    at = AppTest.from_file(str(ROOT / "app.py")).run(timeout=30)
    assert not at.exception
    assert at.title[0].value == "IOP-screening"


def test_the_budget_csv_and_the_report_pdf_reach_a_media_address_only_on_click(genuine):
    # Before: the budget CSV sat at /media/<hash>.csv after every Budget run, fetchable without a
    # cookie; the built PDF sat at /media/<hash>.pdf for every run and minutes after the session.
    from tests.support.apptest import app

    at = app(genuine, "budget")
    csv = next(b for b in at.get("download_button") if b.proto.label == "Ladda ner budgeten som CSV")
    assert csv.proto.url == "" and csv.proto.deferred_file_id
    at = app(genuine, "summary")
    at.button(key="report_pdf_build_summary").click().run()
    pdf = next(b for b in at.get("download_button") if b.proto.label == "Ladda ner PDF")
    assert pdf.proto.url == "" and pdf.proto.deferred_file_id


def test_spara_is_made_on_click_not_kept_at_a_media_address():
    # Before: every rerun stored the whole screening at /media/<hash>.json, fetchable without a cookie.
    from tests.support.apptest import app

    at = app()
    save = next(b for b in at.get("download_button") if b.proto.label == "Spara")
    assert save.proto.url == "" and save.proto.deferred_file_id



def test_the_app_s_own_scripts_are_allowed_by_their_hashes_in_the_documented_csp():
    """The CSP in docs/security-proxy.md "Headers a reverse proxy must send" (and deploy/nginx.conf) allows the app's inline scripts by hash:
    changing one without its hash would silently switch it off (the "leave page?" prompt; the
    resume link's keeper, without which no link reaches the address bar)."""
    import base64
    import hashlib

    from iop_shell.draft_link import LINK_SCRIPT
    from iop_shell.unsaved import LEAVE_SCRIPT
    from tests.support import ROOT

    for script in (LEAVE_SCRIPT, LINK_SCRIPT):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        for path in ("docs/security-proxy.md", "deploy/nginx.conf"):
            assert f"'sha256-{digest}'" in (ROOT / path).read_text(encoding="utf-8"), path
