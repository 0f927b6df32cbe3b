"""Fixtures of the page tests: the app's data in the test's own folder, the register switched on."""

from __future__ import annotations

import pytest

from iop_core.council.officers import hash_password
from tests.support.council import PASSWORD


@pytest.fixture
def own_data_dir(tmp_path, monkeypatch):
    """Drafts on, in a SQLite file of the test's own folder (no database URL from outside)."""
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IOP_DRAFTS", raising=False)
    return tmp_path


@pytest.fixture
def register_on(tmp_path, monkeypatch):
    """The register switched on, its data in the test's own folder, one local officer account
    (bertil, tests/support/council.py PASSWORD)."""
    accounts = tmp_path / "officers.toml"
    accounts.write_text(f'[[account]]\nusername = "bertil"\nname = "Bertil"\npassword_hash = "{hash_password(PASSWORD)}"\n',
                        encoding="utf-8")
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("IOP_REGISTER", "true")
    monkeypatch.setenv("IOP_OFFICER_ACCOUNTS", str(accounts))
