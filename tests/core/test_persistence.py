import json
from datetime import date

import pytest

from iop_core.screening.model import SCHEMA_VERSION, Screening
from iop_core.screening.persistence import ScreeningFileError, dump_screening, load_screening, save_file_name
from tests.support.screenings import DEMO_DIR, demo


@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_round_trip_is_exact(path):
    s = load_screening(path.read_bytes())
    again = load_screening(dump_screening(s).encode())
    assert again == s
    assert again.model_dump() == s.model_dump()


def test_v1_file_is_migrated():
    old = {"schema_version": 1, "organisation_name": "Föreningen Gamla", "framework": "mora"}
    s = load_screening(json.dumps(old))
    assert s.schema_version == SCHEMA_VERSION
    assert s.organisation.name == "Föreningen Gamla"
    assert s.framework == "mora"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"{not json", "inte giltig JSON"),
        (b"\xff\xfe\x00garbage", "inte en textfil"),
        (b"[1, 2]", "ingen sparad bedömning"),
        (b'{"framework": "skr"}', "saknar versionsnummer"),
        (json.dumps({"schema_version": SCHEMA_VERSION + 1}).encode(), "nyare version"),
        (json.dumps({"schema_version": SCHEMA_VERSION, "framework": "stockholm"}).encode(), "”framework” har ett värde som inte finns bland valen"),
        (json.dumps({"schema_version": SCHEMA_VERSION, "initiative": {"sanctions": "kanske"}}).encode(), "”initiativet → sanctions” ska vara ja eller nej"),
        (json.dumps({"schema_version": SCHEMA_VERSION, "budget": {"lines": [{"party": "public"}]}}).encode(), "”budget → rad → 1 → category” saknas"),
        (json.dumps({"schema_version": SCHEMA_VERSION, "hacker": 1}).encode(), "”hacker” är ett okänt fält"),
        (b"[" * 100000, "inte giltig JSON"),
    ],
)
def test_bad_files_give_swedish_messages(raw, expected):
    with pytest.raises(ScreeningFileError) as exc:
        load_screening(raw)
    assert expected in str(exc.value)


def test_save_file_name():
    s = Screening()
    s.organisation.name = "Föreningen Läxhjälp i Gränsbyn (fiktiv)"
    assert save_file_name(s, date(2026, 11, 24)) == "iop-screening-foreningen-laxhjalp-i-gransbyn-fiktiv-2026-11-24.json"
    assert save_file_name(Screening(), date(2026, 1, 2)) == "iop-screening-organisation-2026-01-02.json"


def test_demo_loader_matches_file():
    assert demo("genuine_iop").demo_case == "genuine_iop"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"{not json", "The file is not valid JSON."),
        (json.dumps({"schema_version": SCHEMA_VERSION + 1}).encode(),
         f"The file was saved with a newer version of the app (version {SCHEMA_VERSION + 1}; "
         f"this app reads up to version {SCHEMA_VERSION}). Use the newer app."),
        (json.dumps({"schema_version": SCHEMA_VERSION, "initiative": {"sanctions": "maybe"}}).encode(),
         "The file could not be read. The field “initiative → sanctions” must be yes or no."),
        (json.dumps({"schema_version": SCHEMA_VERSION, "budget": {"lines": [{"party": "public"}]}}).encode(),
         "The field “budget → line → 1 → category” is missing."),
        (json.dumps({"schema_version": SCHEMA_VERSION, "hacker": 1}).encode(), "“hacker” is an unknown field"),
    ],
)
def test_bad_files_give_english_messages_in_english(raw, expected):
    with pytest.raises(ScreeningFileError) as exc:
        load_screening(raw, lang="en")
    assert expected in str(exc.value)


def test_field_errors_in_english_and_swedish():
    from pydantic import ValidationError

    from iop_core.screening.persistence import describe_validation_error

    with pytest.raises(ValidationError) as exc:
        Screening.model_validate({"schema_version": SCHEMA_VERSION, "framework": "nowhere",
                                  "initiative": {"sanctions": []}, "statutes": {"x": 1}, "hacker": 2})
    en = describe_validation_error(exc.value, lang="en")
    sv = describe_validation_error(exc.value)
    assert en == ("The field “framework” has a value that is not among the choices. "
                  "The field “initiative → sanctions” must be yes or no. "
                  "The field “statutes → x” is an unknown field. … and 1 more.")
    assert sv.startswith("Fältet ”framework” har ett värde som inte finns bland valen.")
    assert sv.endswith("… och 1 fel till.")
    assert "Fältet" not in en and "The field" not in sv


def test_a_version_3_file_says_what_it_could_not_carry_over():
    """Version 3 held two facts in one answer twice; version 4 asks again and says so."""
    old = {"schema_version": 3, "initiative": {"payment_model": "fixed_price", "commercial_activity": True,
                                                "org_type": "stiftelse"}}
    s = load_screening(json.dumps(old))
    assert s.initiative.payment_model is None and s.initiative.activity_sells_on_market is None
    assert s.initiative.org_type == "stiftelse"
    assert s.migration_notes == ["payment_model_split", "market_sales_reasked"]
    quiet = load_screening(json.dumps({"schema_version": 3, "initiative": {"commercial_activity": False,
                                                                            "payment_model": "per_unit"}}))
    assert (quiet.initiative.activity_sells_on_market, quiet.initiative.org_sells_elsewhere) == (False, False)
    assert quiet.initiative.payment_model == "per_unit"
    assert quiet.migration_notes == ["market_no_sales_carried"]
    assert load_screening(json.dumps({"schema_version": 3})).migration_notes == []
