"""Every failure of the store, under one base: `except StorageError` catches them all.

    StorageError                  anything the store could not do or refused
      StorageUnavailable          the database cannot be reached or written
        StorageBroken             its schema is half-migrated or too new: not used until repaired
      SchemaError                 what db.migrate() finds wrong with a schema (becomes StorageBroken)
      DraftError                  a draft: TokenMalformed, DraftNotFound, DraftGone, DraftExpired,
                                  DraftTampered, DraftTooLarge, DraftConflict
      CaseError                   the case register: CaseNotFound, CaseConflict, AlreadySubmitted,
                                  CaseInvalid, NotAnOfficer

`key` names the user's message where the app shows one (i18n `drafts.error.<key>`); a message
names versions, kinds and tables only, never user data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class _Saved(Protocol):
    """What a DraftConflict tells of the stored draft (drafts.SavedDraft)."""

    version: int
    updated_at: datetime


class StorageError(Exception):
    """Base of every storage failure; `key` selects the user's message."""

    key = "error"


class StorageUnavailable(StorageError):
    """The database cannot be reached or written (down, read-only, disk full)."""

    key = "unavailable"


class StorageBroken(StorageUnavailable):
    """The database's schema is half-migrated or newer than the app (SchemaError): it is not
    used until whoever runs the app repairs it (the message and the log name the fix)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"the database schema is {kind}")
        self.kind, self.key = kind, f"schema_{kind}"


class SchemaError(StorageError):
    """The database's schema is not one this app can use or bring up to date by itself.

    `kind` is "half_migrated" (tables without a recorded revision, or a revision without its
    tables) or "too_new" (a revision this app does not know: the app is older than its database).
    `detail` names tables and revisions only, never data."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail, self.key = kind, detail, f"schema_{kind}"


# --- drafts -----------------------------------------------------------------------------------------


class DraftError(StorageError):
    """Base of every failure of one draft."""

    key = "error"


class TokenMalformed(DraftError):
    key = "malformed"


class DraftNotFound(DraftError):
    key = "not_found"


class DraftGone(DraftError):
    """The draft was deleted by its owner."""

    key = "deleted"


class DraftExpired(DraftError):
    key = "expired"


class DraftTampered(DraftError):
    """The stored ciphertext does not open with the token, or opens to no valid screening."""

    key = "tampered"


class DraftTooLarge(DraftError):
    key = "too_large"


class DraftConflict(DraftError):
    """Someone saved a newer version (another tab or computer) since this session last saved."""

    key = "conflict"

    def __init__(self, current: _Saved) -> None:
        super().__init__(f"the draft is at version {current.version}")
        self.current = current


# --- the case register --------------------------------------------------------------------------------


class CaseError(StorageError):
    """Base of every failure of the case register."""

    key = "case_error"


class CaseNotFound(CaseError):
    key = "case_not_found"


class CaseConflict(CaseError):
    """Another officer changed the case since this one opened it."""

    key = "case_conflict"

    def __init__(self, current_version: int) -> None:
        super().__init__(f"the case is at version {current_version}")
        self.current_version = current_version


class AlreadySubmitted(CaseError):
    """This link already sent exactly these answers (a changed screening is a new version)."""

    key = "already_submitted"


class CaseInvalid(CaseError):
    """A value the register cannot take (unknown step, too long a note, a date in the future)."""

    key = "case_invalid"


class NotAnOfficer(CaseError):
    """The session is not signed in as an officer (anonymous, an organisation's link, not listed):
    the register refuses it."""

    key = "not_an_officer"
