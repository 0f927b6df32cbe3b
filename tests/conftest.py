"""Shared fixtures: demo cases, a screening builder, and a PostgreSQL server for the storage tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from iop_core.screening.persistence import load_screening
from tests.servers import Postgres

# Drafts made by the app under test (AppTest, browser tests) go to a throw-away folder, never var/.
os.environ.setdefault("IOP_DATA_DIR", tempfile.mkdtemp(prefix="iop-test-data-"))

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "assets" / "demo_cases"


def demo(case_id: str):
    return load_screening((DEMO_DIR / f"{case_id}.json").read_bytes())


@pytest.fixture
def genuine():
    return demo("genuine_iop")


@pytest.fixture
def procurement_case():
    return demo("disguised_procurement")


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL on loopback for this test run (started on first use, stopped at the end)."""
    server = Postgres().start()
    yield server
    server.stop()
