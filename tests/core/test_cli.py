"""`python -m iop_core` as a user runs it: real subprocesses, real files."""

import json
import subprocess
import sys

import pytest

from iop_core.catalogue import frameworks, sources
from iop_core.model import Screening
from tests.conftest import DEMO_DIR, ROOT

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
SEED_DOCUMENTS = {"skr", "botkyrka", "mora", "vgr", "helsingborg"}


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
                assert c["document"] in SEED_DOCUMENTS or c["document"] in sources()


def test_single_framework_json_is_one_assessment():
    out = run("assess", str(DEMO_DIR / "genuine_iop.json"), "--framework", "mora", "--format", "json")
    data = json.loads(out.stdout)
    assert data["framework"] == "mora" and data["classification"] == "iop"


def test_text_format_reads_like_a_report():
    out = run("assess", str(DEMO_DIR / "disguised_procurement.json"))
    assert out.returncode == 0
    assert "Bedömning: Risk för upphandling [RÖD]" in out.stdout
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
