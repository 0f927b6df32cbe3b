"""Office containers read without extracting anything: ZIP (.docx/.xlsx/.pptx, OpenDocument) and
OLE2 (Word/Excel/PowerPoint 97–2003).

Only the ZIP central directory and a bounded walk of the OLE2 directory are read, in memory.
The functions name a kind or a problem code; the user's sentences are upload_check's.
"""

from __future__ import annotations

import io
import struct
import zipfile

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Office ZIP containers whose central directory promises more than this are refused."""

MAX_ZIP_ENTRIES = 10_000
"""Office ZIP containers with more entries than this are refused (real documents have < 1 000)."""

_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML_DIRS = (("word/", "docx", "docm"), ("xl/", "xlsx", "xlsm"), ("ppt/", "pptx", "pptm"))
_END = 0xFFFFFFFA
"""OLE2 sector numbers from here up are markers (end of chain, free, FAT, DIFAT), not sectors."""


# --------------------------------------------------------------------------- ZIP


def _open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def sniff_zip(data: bytes) -> str:
    """The kind of a ZIP container: "docx", "xlsm", "odt", "epub", … or plain "zip"."""
    try:
        with _open_zip(data) as zf:
            infos = zf.infolist()
            names = {info.filename.lower() for info in infos}
            mimetype = None
            if "mimetype" in names:
                info = next(i for i in infos if i.filename.lower() == "mimetype")
                with zf.open(info) as fh:  # bounded read; never extracts to disk
                    mimetype = fh.read(200).decode("ascii", errors="replace").strip()
    except Exception:  # noqa: BLE001 - an unreadable central directory: guess from the local headers
        return _sniff_zip_raw(data)
    return _classify_zip(names, mimetype)


def _classify_zip(names: set[str], mimetype: str | None) -> str:
    if "[content_types].xml" in names:
        for prefix, plain, macro in _OOXML_DIRS:
            if any(n.startswith(prefix) for n in names):
                has_macros = any(n.startswith(prefix) and n.endswith("vbaproject.bin") for n in names)
                return macro if has_macros else plain
    if mimetype is not None:
        if mimetype in _ODF_MIMETYPES:
            return _ODF_MIMETYPES[mimetype]
        if mimetype.startswith("application/vnd.oasis.opendocument."):
            return "odf"
        if mimetype == "application/epub+zip":
            return "epub"
    return "zip"


def _sniff_zip_raw(data: bytes) -> str:
    """Best guess for a ZIP whose central directory is unreadable (names are in the local headers)."""
    if b"[Content_Types].xml" in data:
        for prefix, plain, _macro in _OOXML_DIRS:
            if prefix.encode() in data:
                return plain
    for mimetype, kind in _ODF_MIMETYPES.items():
        if b"mimetype" + mimetype.encode() in data[:200]:
            return kind
    return "zip"


def zip_problem(data: bytes, kind: str) -> str | None:
    """Cheap integrity/zip-bomb check of an Office ZIP container (central directory only): a problem
    code ("zip_broken", "zip_unusual", "zip_encrypted", "odf_macros") or None."""
    try:
        with _open_zip(data) as zf:
            infos = zf.infolist()
    except Exception:  # noqa: BLE001 - whatever zipfile makes of a broken container, it is broken
        return "zip_broken"
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        return "zip_unusual"
    if any(i.flag_bits & 0x1 for i in infos):
        return "zip_encrypted"
    names = {i.filename.lower() for i in infos}
    if kind in {"odt", "ods", "odp"} and any(
        n.startswith(("basic/", "scripts/")) and not n.endswith("/") for n in names
    ):
        return "odf_macros"
    return None


# --------------------------------------------------------------------------- OLE2


class _Ole2:
    """A minimal, bounded reader of an OLE2 (Compound File Binary) container; raises on malformed input."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(OLE2_MAGIC):
            raise ValueError("not OLE2")
        sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
        if sector_shift not in (9, 12):
            raise ValueError("bad sector size")
        self.data = data
        self.size = 1 << sector_shift
        self.n_sectors = (len(data) - self.size) // self.size + 1
        self.fat = self._fat_sectors()

    def sector(self, n: int) -> bytes:
        start = (n + 1) * self.size
        if n < 0 or start + self.size > len(self.data):
            raise ValueError("sector out of range")
        return self.data[start : start + self.size]

    def _fat_sectors(self) -> list[int]:
        """The FAT's own sectors: 109 in the header, the rest along the DIFAT chain."""
        fat = [s for s in struct.unpack_from("<109I", self.data, 0x4C) if s < _END]
        difat, n_difat = struct.unpack_from("<II", self.data, 0x44)
        per_difat = self.size // 4 - 1
        for _ in range(min(n_difat, self.n_sectors)):
            if difat >= _END:
                break
            entries = struct.unpack_from(f"<{per_difat + 1}I", self.sector(difat))
            fat.extend(s for s in entries[:per_difat] if s < _END)
            difat = entries[per_difat]
        return fat[: self.n_sectors]

    def next_sector(self, n: int) -> int:
        idx, off = divmod(n, self.size // 4)
        if idx >= len(self.fat):
            raise ValueError("FAT index out of range")
        return struct.unpack_from("<I", self.sector(self.fat[idx]), off * 4)[0]

    def entry_names(self) -> set[str]:
        """Names of the storages/streams, from the directory chain (loops and overruns raise)."""
        names: set[str] = set()
        seen: set[int] = set()
        current = struct.unpack_from("<I", self.data, 0x30)[0]
        while current < _END and len(seen) < self.n_sectors:
            if current in seen:
                raise ValueError("loop in directory chain")
            seen.add(current)
            block = self.sector(current)
            for off in range(0, self.size, 128):
                entry = block[off : off + 128]
                name_len, entry_type = struct.unpack_from("<HB", entry, 64)
                if entry_type in (1, 2, 5) and 2 <= name_len <= 64:
                    names.add(entry[: name_len - 2].decode("utf-16-le", errors="replace"))
            current = self.next_sector(current)
        return names


def ole2_entry_names(data: bytes) -> set[str]:
    """Names of the storages/streams in an OLE2 container; raises on malformed input."""
    return _Ole2(data).entry_names()


def sniff_ole2(data: bytes) -> str:
    """The kind of an OLE2 container: "doc", "xls", "ppt", "office_encrypted" or plain "ole2"."""
    try:
        names = ole2_entry_names(data)
    except Exception:  # noqa: BLE001 - a malformed container is just "ole2", refused as an unknown kind
        return "ole2"
    if "EncryptedPackage" in names:  # password-protected .docx/.xlsx/.pptx
        return "office_encrypted"
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
    if "PowerPoint Document" in names:
        return "ppt"
    return "ole2"


def ole2_problem(data: bytes) -> str | None:
    """Legacy Office files: "legacy_macros" for one with VBA macros, else None."""
    try:
        names = ole2_entry_names(data)
    except Exception:  # noqa: BLE001 - unreadable directory: nothing to object to beyond the sniffed kind
        names = set()
    if names & {"Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"}:
        return "legacy_macros"
    return None
