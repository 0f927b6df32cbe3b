"""Register tests run twice, like the storage tests: on a SQLite file and on a real PostgreSQL
(`db_url`, `engine` and `clock` are tests/conftest.py's)."""

from __future__ import annotations

import pytest

from iop_core.council.officers import Officer
from iop_core.storage.cases import CaseStore


@pytest.fixture
def register(engine, clock):
    return CaseStore(engine, now=clock, retry_after_s=0)


@pytest.fixture
def anna():
    return Officer(id="anna@mora.example", name="Anna", via="oidc")


@pytest.fixture
def bertil():
    return Officer(id="bertil", name="Bertil", via="local")
