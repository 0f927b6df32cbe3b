"""Every storage test runs twice: on a SQLite file and on a real PostgreSQL database (`db_url`,
`engine` and `clock` are tests/conftest.py's)."""

from __future__ import annotations

import pytest

from iop_core.storage import DraftStore


@pytest.fixture
def store(engine, clock):
    return DraftStore(engine, ttl_days=30, now=clock, retry_after_s=0)


@pytest.fixture
def postgres_or_none(request, db_url):
    return request.getfixturevalue("postgres") if db_url.startswith("postgresql") else None
