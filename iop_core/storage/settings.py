"""Where drafts are kept and for how long: read from the environment and the app's secrets.

Environment variables win over `secrets.toml` (`IOP_DATABASE_URL` at top level or `[iop]
database_url`; `IOP_MIGRATION_DATABASE_URL` or `[iop] migration_database_url`; `[iop] drafts`,
`draft_days`, `data_dir`). Without a database URL, drafts go to a
SQLite file in the data folder (default `var/` beside the app), created on first start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DRAFT_DAYS = 30
SQLITE_FILE = "iop.sqlite3"


@dataclass(frozen=True)
class StorageSettings:
    drafts: bool
    database_url: str
    draft_days: int
    data_dir: Path
    migration_url: str = ""  # PostgreSQL: migrate as this (owner) role; the app's role then gets INSERT
    #                          and SELECT only on the audit trail (docs/operations-postgresql.md)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on", "ja"):
        return True
    if text in ("0", "false", "no", "off", "nej"):
        return False
    raise ValueError(f"drafts = {value!r}: use true or false ([iop] drafts in secrets.toml or IOP_DRAFTS)")


def load_settings(env: Mapping[str, str], secrets: Mapping[str, Any], app_root: Path) -> StorageSettings:
    """Settings from `env` (os.environ) and `secrets` (st.secrets as a plain mapping)."""
    iop = secrets.get("iop") or {}

    def pick(env_name: str, key: str, default: Any) -> Any:
        if env.get(env_name):
            return env[env_name]
        if key in iop:
            return iop[key]
        return secrets.get(env_name, default)

    data_dir = Path(pick("IOP_DATA_DIR", "data_dir", app_root / "var")).expanduser()
    if not data_dir.is_absolute():
        data_dir = app_root / data_dir
    url = str(pick("IOP_DATABASE_URL", "database_url", "") or "")
    if not url:
        url = f"sqlite:///{data_dir / SQLITE_FILE}"
    days = int(pick("IOP_DRAFT_DAYS", "draft_days", DEFAULT_DRAFT_DAYS))
    if days < 1:
        raise ValueError(f"draft_days = {days}: drafts must be kept at least one day")
    return StorageSettings(drafts=_flag(pick("IOP_DRAFTS", "drafts", True)), database_url=url,
                           draft_days=days, data_dir=data_dir,
                           migration_url=str(pick("IOP_MIGRATION_DATABASE_URL", "migration_database_url", "") or ""))
