"""Shared fixtures: demo cases, a PostgreSQL server, and the database every storage and register
test runs on twice (a SQLite file and a real PostgreSQL). Helpers live in tests/support."""

from __future__ import annotations

import os
import tempfile

import pytest

from iop_core.storage import make_engine, migrate
from tests.support.screenings import demo
from tests.support.servers import Postgres
from tests.support.storage import Clock

# Drafts made by the app under test (AppTest, browser tests) go to a throw-away folder, never var/.
# Set here, on the suite's start, and nowhere in tests/support: a benchmark that imports a helper
# keeps its own environment.
os.environ.setdefault("IOP_DATA_DIR", tempfile.mkdtemp(prefix="iop-test-data-"))


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'iop.sqlite3'}"
    pg = request.getfixturevalue("postgres")
    return pg.url(pg.new_database())


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()
