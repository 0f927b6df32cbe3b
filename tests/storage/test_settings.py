"""Where drafts go: SQLite under the data folder by default, a database URL when one is named."""

from pathlib import Path

import pytest

from iop_core.storage import load_settings

APP = Path("/srv/iop")


def test_defaults_are_sqlite_under_var_and_thirty_days():
    s = load_settings({}, {}, APP)
    assert s.drafts and s.is_sqlite and s.draft_days == 30
    assert s.database_url == "sqlite:////srv/iop/var/iop.sqlite3"


def test_the_environment_wins_over_secrets():
    secrets = {"IOP_DATABASE_URL": "postgresql+psycopg://a@db/x", "iop": {"drafts": True, "draft_days": 7}}
    s = load_settings({"IOP_DATABASE_URL": "postgresql+psycopg://b@db/y", "IOP_DRAFT_DAYS": "3"}, secrets, APP)
    assert s.database_url.endswith("b@db/y") and s.draft_days == 3 and not s.is_sqlite


def test_secrets_name_the_database_and_switch_drafts_off():
    s = load_settings({}, {"iop": {"database_url": "postgresql+psycopg://a@db/x", "drafts": False}}, APP)
    assert s.database_url == "postgresql+psycopg://a@db/x" and s.drafts is False


def test_a_relative_data_folder_is_under_the_app():
    assert load_settings({"IOP_DATA_DIR": "data2"}, {}, APP).data_dir == APP / "data2"


@pytest.mark.parametrize("bad", [{"IOP_DRAFTS": "kanske"}, {"IOP_DRAFT_DAYS": "0"}])
def test_nonsense_settings_fail_at_start_with_a_clear_message(bad):
    with pytest.raises(ValueError):
        load_settings(bad, {}, APP)
