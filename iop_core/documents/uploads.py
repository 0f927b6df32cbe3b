"""A document's uploaded file: accepting it into a Screening, and the bytes for one session.

The Screening only ever gets metadata (name, type, size, pages, SHA-256, upload time); the
bytes of accepted files stay in a :class:`FileStore` in memory, held by the page in
``st.session_state``. Nothing here writes to disk or logs file contents. Checking the bytes is
iop_core.documents.upload_check.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from iop_core.documents.checklist import document_entry
from iop_core.documents.upload_check import DEFAULT_MAX_UPLOAD_MB, UploadCheck, check_upload
from iop_core.i18n import DEFAULT_LANGUAGE
from iop_core.screening.model import DocumentEntry, Screening, UploadedFileMeta

_MIB = 1024 * 1024


def max_upload_bytes(limit_mb: float | None = None) -> int:
    """The upload limit in bytes: Streamlit's ``server.maxUploadSize`` (MB) if given, else 20 MB."""
    mb = limit_mb if limit_mb and limit_mb > 0 else DEFAULT_MAX_UPLOAD_MB
    return int(mb * _MIB)


def now_local() -> datetime:
    """The time now in Sweden (UTC if the time-zone database is missing), to the second."""
    try:
        from zoneinfo import ZoneInfo

        tz: Any = ZoneInfo("Europe/Stockholm")
    except Exception:  # noqa: BLE001 - no time-zone database on this machine (ZoneInfoNotFoundError and kin)
        tz = UTC
    return datetime.now(tz).replace(microsecond=0)


def meta_from_check(check: UploadCheck, uploaded_at: datetime) -> UploadedFileMeta:
    """The metadata the Screening keeps for an accepted file (never its contents)."""
    if not check.ok or check.sha256 is None or check.kind is None:
        raise ValueError("only accepted uploads have metadata")
    return UploadedFileMeta(
        file_name=check.file_name, kind=check.kind, size_bytes=check.size_bytes, pages=check.pages,
        sha256=check.sha256, uploaded_at=uploaded_at,
    )


class FileStore:
    """The bytes of accepted uploads for one session, by document id. Memory only.

    The page keeps one instance in ``st.session_state``; it dies with the session. It is never
    written anywhere: it refuses to be pickled, and its repr shows counts, not contents.
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, bytes]] = {}

    def put(self, doc_id: str, data: bytes) -> str:
        """Keep a copy of `data` for `doc_id` (replacing any earlier file); returns its SHA-256."""
        data = bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        self._files[doc_id] = (digest, data)
        return digest

    def get(self, doc_id: str, sha256: str | None = None) -> bytes | None:
        """The bytes for `doc_id`, or None (also None if `sha256` is given and does not match)."""
        item = self._files.get(doc_id)
        if item is None or (sha256 is not None and item[0] != sha256):
            return None
        return item[1]

    def remove(self, doc_id: str) -> None:
        self._files.pop(doc_id, None)

    def sync(self, s: Screening) -> None:
        """Forget bytes the screening no longer points to (file removed, another screening loaded)."""
        for doc_id, (digest, _data) in list(self._files.items()):
            entry = s.documents.get(doc_id)
            if not (entry and entry.status == "uploaded" and entry.file and entry.file.sha256 == digest):
                del self._files[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._files

    def __len__(self) -> int:
        return len(self._files)

    @property
    def total_bytes(self) -> int:
        return sum(len(data) for _digest, data in self._files.values())

    def __repr__(self) -> str:
        return f"FileStore({len(self)} filer, {self.total_bytes} byte)"

    def __reduce__(self) -> Any:
        raise TypeError("FileStore holds uploaded files in memory only and is never pickled or saved")


def accept_upload(
    s: Screening, store: FileStore, doc_id: str, name: str, data: bytes, *,
    max_bytes: int | None = None, now: datetime | None = None, lang: str = DEFAULT_LANGUAGE,
) -> UploadCheck:
    """Check an upload and, only if it is accepted, attach it to `doc_id`. Never raises on bad files;
    the result's message is in `lang`.

    A rejected file changes nothing: earlier uploads, statuses and answers stay as they were.
    """
    old = document_entry(s, doc_id)  # an unknown document id raises before anything is checked
    limit = max_bytes if max_bytes is not None else max_upload_bytes()
    result = check_upload(name, data, max_bytes=limit, lang=lang)
    if not result.ok:
        return result
    meta = meta_from_check(result, now or now_local())
    s.documents = {**s.documents, doc_id: DocumentEntry(status="uploaded", reason=old.reason, file=meta)}
    store.put(doc_id, data)
    return result


def remove_upload(s: Screening, store: FileStore, doc_id: str) -> None:
    """Drop a document's file (metadata and bytes); its status becomes unanswered, the reason stays."""
    old = document_entry(s, doc_id)
    s.documents = {**s.documents, doc_id: DocumentEntry(status=None, reason=old.reason)}
    store.remove(doc_id)
