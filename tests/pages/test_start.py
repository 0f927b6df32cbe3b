import json

import pytest

from iop_core.screening.model import SCHEMA_VERSION
from iop_core.screening.persistence import dump_screening
from tests.support.apptest import alerts, app, demo_click, gen, model, problems, shown
from tests.support.screenings import demo


def test_start_shows_what_iop_is_and_the_disclaimer():
    at = app()
    text = " ".join(m.value for m in at.markdown) + " ".join(alerts(at))
    assert "inte ett juridiskt besked" in text
    assert "Vad är ett IOP?" in [h.value for h in at.subheader]


def test_every_start_input_changes_the_model():
    at = app()
    at.radio(key=f"role@{gen(at)}").set_value("officer").run()
    for field, value in [
        ("name", "Föreningen Test"), ("org_number", "802000-1234"), ("contact_name", "Kim"),
        ("contact_email", "kim@example.org"), ("public_partner", "Testby kommun"),
    ]:
        at.text_input(key=f"organisation.{field}@{gen(at)}").input(value).run()
    s = model(at)
    assert s.role == "officer"
    assert s.organisation.name == "Föreningen Test"
    assert s.organisation.public_partner == "Testby kommun"
    assert s.organisation.contact_email == "kim@example.org"


def test_framework_picker_in_sidebar_changes_the_model():
    at = app()
    at.selectbox(key=f"framework@{gen(at)}").set_value("mora").run()
    assert model(at).framework == "mora"


def test_open_demo_case_replaces_the_screening():
    at = demo_click(app(), "disguised_procurement")
    assert model(at).demo_case == "disguised_procurement"
    assert any("Trygg hemgång" in a for a in alerts(at))
    # widgets re-seed from the new model
    assert at.text_input(key=f"organisation.name@{gen(at)}").value == model(at).organisation.name


def test_load_saved_file_restores_everything():
    original = demo("genuine_iop")
    at = app()
    at.file_uploader(key=f"load_file@{gen(at)}").set_value(
        ("iop-screening.json", dump_screening(original).encode(), "application/json")
    ).run()
    assert model(at) == original
    assert any("inläst" in a for a in alerts(at))


def _upload_bad(at, content: bytes):
    before = model(at).model_dump()
    at.file_uploader(key=f"load_file@{gen(at)}").set_value(("x.json", content, "application/json")).run()
    assert not at.exception
    assert model(at).model_dump() == before
    return " ".join(alerts(at))


def test_bad_files_leave_the_screening_untouched():
    at = app()
    at.text_input(key=f"organisation.name@{gen(at)}").input("Behåll mig").run()
    assert "inte giltig JSON" in _upload_bad(at, b"{oops")
    assert "nyare version" in _upload_bad(at, json.dumps({"schema_version": SCHEMA_VERSION + 5}).encode())
    msg = _upload_bad(at, json.dumps({"schema_version": SCHEMA_VERSION, "initiative": {"sanctions": "kanske"}}).encode())
    assert "sanctions" in msg and "ja eller nej" in msg
    assert model(at).organisation.name == "Behåll mig"


@pytest.mark.parametrize(
    "content",
    [
        b'{"schema_version":2,"statutes":{"members":1' + b"0" * 4400 + b"}}",
        b'{"schema_version":1,"organisation_name":"x","organisation":[]}',
        json.dumps({"schema_version": SCHEMA_VERSION, "agreement": {"sections": {"K" * 50_000: "vite " * 2000}}}).encode(),
        # loaded fine before, then crashed the Värdegrund page (date past its date picker's max_value)
        json.dumps({"schema_version": SCHEMA_VERSION, "value_declaration": {"signed_on": "9999-12-31"}}).encode(),
    ],
    ids=["4400_digits", "v1_org_list", "section_key_bomb", "date_past_the_picker"],
)
def test_hostile_files_get_the_apps_message_and_keep_the_answers(content):
    at = app()
    at.text_input(key=f"organisation.name@{gen(at)}").input("Behåll mig").run()
    assert "Filen kunde inte öppnas" in _upload_bad(at, content)
    assert model(at).organisation.name == "Behåll mig"


def test_keys_from_a_file_are_not_markdown_in_the_message():
    at = app()
    keys = {"![x](http://127.0.0.1:9/track.png)": "", "[klicka här](https://evil.example/login)": ""}
    _upload_bad(at, json.dumps({"schema_version": SCHEMA_VERSION, "agreement": {"sections": keys}}).encode())
    shown_errors = [e.value for e in at.error]
    assert shown_errors and all(problems(e) == [] for e in shown_errors)
    assert any("klicka här" in shown(e) for e in shown_errors)
