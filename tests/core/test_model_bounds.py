"""The model bounds what a saved file can hold, and loading never raises anything but
ScreeningFileError (issue #12: key bombs, huge numbers, a broken v1 migration)."""

import json
import tracemalloc
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_core.data_folder import DATA
from iop_core.documents.checklist import optional_documents, required_documents
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import frameworks
from iop_core.rules.outlines import outline_for
from iop_core.rules.wording import MAX_HITS_PER_TEXT, check_text
from iop_core.screening.model import (
    DOCUMENT_IDS,
    MAX_TEXT,
    OUTLINE_SECTION_IDS,
    SCHEMA_VERSION,
    FrameworkId,
    Screening,
)
from iop_core.screening.persistence import MAX_KEY_SHOWN, ScreeningFileError, load_screening


def _file(**parts) -> bytes:
    return json.dumps({"schema_version": SCHEMA_VERSION, **parts}).encode()


def test_closed_key_sets_match_the_data():
    sections = {sec.id for fid in frameworks() for sec in outline_for(fid).sections}
    assert set(OUTLINE_SECTION_IDS) == sections
    docs = {d.id for fid in frameworks() for d in (*required_documents(fid), *optional_documents(fid))}
    assert set(DOCUMENT_IDS) == docs
    assert set(get_args(FrameworkId)) == set(frameworks()) == {p.stem for p in (DATA / "frameworks").glob("*.toml")}


@pytest.mark.parametrize(
    "parts",
    [
        {"agreement": {"sections": {"K" * 50_000: "vite " * 2000}}},
        {"documents": {"x" * 1000: {"status": "later"}}},
        {"value_declaration": {"confirmed": {"99": True}}},
    ],
    ids=["section_key_bomb", "unknown_document", "unknown_point"],
)
def test_invented_keys_are_refused(parts):
    with pytest.raises(ScreeningFileError, match="kunde inte läsas"):
        load_screening(_file(**parts))


def test_a_key_is_quoted_short_in_the_message():
    with pytest.raises(ScreeningFileError) as err:
        load_screening(_file(agreement={"sections": {"![x](http://127.0.0.1:9/track.png)" + "K" * 500: ""}}))
    assert "K" * (MAX_KEY_SHOWN + 1) not in str(err.value)
    assert len(str(err.value)) < 600


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"schema_version":2,"statutes":{"members":1' + b"0" * 4400 + b"}}", "för långt"),
        (b'{"schema_version":2,"initiative":{"planned_years":NaN}}', "inte är ett tal"),
        (b'{"schema_version":2,"initiative":{"planned_years":1e999}}', "kunde inte läsas"),
        (b'{"schema_version":2,"budget":{"volunteer_hourly_rate":"1e-999999999"}}', "kunde inte läsas"),
        (b'{"schema_version":2,"framework":"skr","framework":"mora"}', "samma fält två gånger"),
        (b'{"schema_version":2,"demo_case":"\\ud800"}', "inte en textfil"),
        (b'{"schema_version":1,"organisation_name":"x","organisation":[]}', "kunde inte läsas"),
        (b'{"schema_version":1,"organisation_name":"x","organisation":"y"}', "kunde inte läsas"),
        (b'{"schema_version":2,"documents":{"mission":{"reason":"' + b"x" * 301 + b'"}}}', "för lång"),
        (b'{"schema_version":2,"value_declaration":{"signed_on":"9999-12-31"}}', "kunde inte läsas"),
        (b'{"schema_version":2,"budget":{"terms":{"period_start":"0001-01-01"}}}', "kunde inte läsas"),
        ('{"schema_version":2}'.encode("utf-16"), "inte en textfil"),
        (b" " * (5 * 1024 * 1024 + 1), "för stor"),
    ],
    ids=["4400_digits", "nan", "infinity", "tiny_decimal", "duplicate_key", "lone_surrogate", "v1_org_list",
         "v1_org_str", "document_reason_over_a_line", "date_after_picker", "date_before_picker", "utf16", "too_big"],
)
def test_hostile_files_give_the_apps_message(raw, expected):
    with pytest.raises(ScreeningFileError, match=expected):
        load_screening(raw)


def test_word_check_caps_what_it_repeats():
    assert len(check_text("vite " * 2000)) == MAX_HITS_PER_TEXT


def _worst() -> Screening:
    s = Screening()
    long = ("vite uppdrag ersättning " * (MAX_TEXT // 24))[:MAX_TEXT]
    s.agreement.sections = {sid: long for sid in OUTLINE_SECTION_IDS}
    for field in ("challenge", "goal", "target_group", "activities", "not_included"):
        setattr(s.initiative, field, long)
    return s


def test_worst_text_screening_stays_small_in_assess_all():
    s = _worst()
    tracemalloc.start()
    results = assess_all(s)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    facts = [fact for a in results for f in a.findings for fact in f.facts]
    assert max(len(f.facts) for a in results for f in a.findings) <= 21
    assert sum(len(x) for x in facts) < 200_000
    assert peak < 50 * 1024 * 1024  # a resource bound, not a timing: before the caps this was gigabytes


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=30,
)
known_keys = st.sampled_from([
    "schema_version", "framework", "organisation", "initiative", "statutes", "documents", "value_declaration",
    "budget", "agreement", "meeting", "organisation_name", "sections", "lines", "drafts", "members", "confirmed",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(version=st.sampled_from([1, 2, 3, 0, -1, "2", None, True]),
       body=st.dictionaries(known_keys | st.text(max_size=8), json_values, max_size=6))
def test_load_screening_raises_only_its_own_error(version, body):
    raw = json.dumps({**body, "schema_version": version}).encode()
    try:
        load_screening(raw)
    except ScreeningFileError as exc:
        assert str(exc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_load_screening_survives_any_bytes(raw):
    try:
        load_screening(raw)
    except ScreeningFileError as exc:
        assert str(exc)
