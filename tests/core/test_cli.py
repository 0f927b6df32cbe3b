"""`python -m iop_core` as a user runs it: real subprocesses, real files."""

import json
import subprocess
import sys

import pytest

from iop_core.rules.catalogue import frameworks, sources
from iop_core.screening.model import Screening
from tests.support import ROOT
from tests.support.screenings import DEMO_DIR

THEMES = {
    "initiative_by_authority", "need_defined_by_authority", "detailed_regulation", "payment_for_service",
    "sanctions", "commercial_wording", "market_competition", "no_cofinancing", "normative_grant",
    "self_running", "no_joint_learning", "short_term", "no_societal_challenge", "independence",
    "no_political_mandate", "no_joint_governance", "state_aid", "municipal_law",
    "value_declaration_incomplete", "documents_missing", "statutes_not_democratic", "not_idea_driven",
    "missing_information",
    # added by this project (never renamed):
    "org_runs_operation", "public_only_money",
}


def run(*args):
    return subprocess.run([sys.executable, "-m", "iop_core", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_schema_is_valid_json_schema_of_the_screening():
    out = run("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert schema["title"] == "Screening"
    assert "schema_version" in schema["properties"]
    assert set(Screening.model_fields) == set(schema["properties"])


@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_each_demo_assesses_under_every_framework_as_json(path):
    out = run("assess", str(path), "--framework", "all", "--format", "json")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert [r["framework"] for r in results] == list(frameworks())
    for r in results:
        assert r["classification"] in {"iop", "grant", "procurement", "not_eligible", "uncertain"}
        assert r["traffic_light"] in {"green", "amber", "red"}
        for f in r["findings"]:
            assert f["theme"] in THEMES
            assert f["citations"]
            for c in f["citations"]:
                assert c["document"] in sources()


def test_single_framework_json_is_one_assessment():
    out = run("assess", str(DEMO_DIR / "genuine_iop.json"), "--framework", "mora", "--format", "json")
    data = json.loads(out.stdout)
    assert data["framework"] == "mora" and data["classification"] == "iop"


def test_text_format_reads_like_a_report():
    out = run("assess", str(DEMO_DIR / "disguised_procurement.json"))
    assert out.returncode == 0
    assert "Bedömning: Risk för upphandling [RÖTT]" in out.stdout  # the app's own words (picture.*)
    assert "SKR 4.4.5" in out.stdout
    assert "inte ett juridiskt besked" in out.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{broken", "inte giltig JSON"),
        ('{"schema_version": 2, "initiative": {"planned_years": "länge"}}', "initiativet → planned_years"),
        ('{"schema_version": 99}', "nyare version"),
    ],
)
def test_bad_input_exits_2_with_swedish_message(tmp_path, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    out = run("assess", str(f))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_missing_file_and_unknown_framework_exit_2():
    out = run("assess", "/nonexistent/file.json")
    assert out.returncode == 2 and "kunde inte läsas" in out.stderr and "Traceback" not in out.stderr
    out = run("assess", str(DEMO_DIR / "genuine_iop.json"), "--framework", "stockholm")
    assert out.returncode == 2 and "Fel:" in out.stderr and "Traceback" not in out.stderr


def test_cli_reads_at_most_its_limit_from_an_endless_file():
    # Before: read_bytes() of /dev/zero grew without bound. Now: read up to the limit, then refuse.
    import resource

    def limit():  # 300 MB of address space: far more than the bounded read needs
        resource.setrlimit(resource.RLIMIT_AS, (300 * 1024 * 1024, 300 * 1024 * 1024))

    out = subprocess.run([sys.executable, "-m", "iop_core", "assess", "/dev/zero"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, preexec_fn=limit)
    assert out.returncode == 2
    assert "för stor" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "body",
    [
        b'{"schema_version":2,"statutes":{"members":1' + b"0" * 4400 + b"}}",
        b'{"schema_version":1,"organisation_name":"x","organisation":[]}',
    ],
    ids=["4400_digits", "v1_org_list"],
)
def test_cli_hostile_file_is_one_line_not_a_traceback(tmp_path, body):
    path = tmp_path / "x.json"
    path.write_bytes(body)
    out = run("assess", str(path))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("Fel: ")


def test_cli_pdf_to_a_missing_folder_is_one_line(tmp_path):
    out = run("pdf", str(DEMO_DIR / "genuine_iop.json"), "-o", str(tmp_path / "nonexistent" / "x.pdf"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "kunde inte skrivas" in out.stderr
