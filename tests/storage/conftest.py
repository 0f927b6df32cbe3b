"""Every storage test runs twice: on a SQLite file and on a real PostgreSQL database."""

from __future__ import annotations

import pytest

from iop_core.storage import DraftStore, make_engine, migrate


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'iop.sqlite3'}"
    pg = request.getfixturevalue("postgres")
    return pg.url(pg.new_database())


class Clock:
    """A settable clock, so expiry is tested without waiting 30 days."""

    def __init__(self) -> None:
        from iop_core.storage.drafts import utcnow

        self.at = utcnow()

    def __call__(self):
        return self.at


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def store(engine, clock):
    return DraftStore(engine, ttl_days=30, now=clock, retry_after_s=0)


@pytest.fixture
def postgres_or_none(request, db_url):
    return request.getfixturevalue("postgres") if db_url.startswith("postgresql") else None
