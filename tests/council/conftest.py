"""Register tests run twice, like the storage tests: on a SQLite file and on a real PostgreSQL."""

from __future__ import annotations

import pytest

from iop_core.council.officers import Officer
from iop_core.storage import make_engine, migrate
from iop_core.storage.cases import CaseStore
from tests.storage.conftest import Clock, clock, db_url  # noqa: F401  (fixtures)


@pytest.fixture
def engine(db_url):  # noqa: F811
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def register(engine, clock):  # noqa: F811
    return CaseStore(engine, now=clock, retry_after_s=0)


@pytest.fixture
def anna():
    return Officer(id="anna@mora.example", name="Anna", via="oidc")


@pytest.fixture
def bertil():
    return Officer(id="bertil", name="Bertil", via="local")
