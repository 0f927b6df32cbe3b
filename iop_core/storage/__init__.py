"""Server-side storage: encrypted drafts in SQLite or PostgreSQL (SQLAlchemy 2 + Alembic).

No Streamlit here. `open_store(settings)` migrates the database (once, however many sessions
start together; a half-migrated one is refused with `StorageBroken`) and returns a
`DraftStore`; the app keeps one per process. Every failure is a `StorageError` (errors.py).
Tables live in `tables.py`, migrations in `migrations/versions/`: a new table is one more table
there and one more migration; the case register's transactions are `cases.CaseStore`.
"""

from iop_core.storage.crypto import TOKEN_LENGTH, new_token
from iop_core.storage.db import make_engine, migrate
from iop_core.storage.drafts import (
    Draft,
    DraftStore,
    SavedDraft,
    StoreOpener,
    open_store,
)
from iop_core.storage.errors import (
    DraftConflict,
    DraftError,
    DraftExpired,
    DraftGone,
    DraftNotFound,
    DraftTampered,
    DraftTooLarge,
    StorageBroken,
    StorageError,
    StorageUnavailable,
    TokenMalformed,
)
from iop_core.storage.settings import StorageSettings, load_settings

__all__ = [
    "Draft",
    "DraftConflict",
    "DraftError",
    "DraftExpired",
    "DraftGone",
    "DraftNotFound",
    "DraftStore",
    "DraftTampered",
    "DraftTooLarge",
    "load_settings",
    "make_engine",
    "migrate",
    "new_token",
    "open_store",
    "SavedDraft",
    "StorageBroken",
    "StorageError",
    "StorageSettings",
    "StorageUnavailable",
    "StoreOpener",
    "TOKEN_LENGTH",
    "TokenMalformed",
]
