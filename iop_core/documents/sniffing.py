"""The real type of an upload from its bytes (magic numbers, markup, text), never from its name.

Images, PDFs, archives, executables and markup are told apart here; Office containers are
opened by iop_core.documents.office. :func:`sniff_kind` never raises.
"""

from __future__ import annotations

import unicodedata

from iop_core.documents.office import OLE2_MAGIC, sniff_ole2, sniff_zip

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


def sniff_kind(data: bytes) -> str:
    """Detect the real file type from the bytes. Never raises.

    Returns one of the keys of upload_check.ACCEPTED_KINDS, or a rejected kind such as
    ``"docm"``, ``"office_encrypted"``, ``"zip"``, ``"archive"``, ``"gif"``,
    ``"heic"``, ``"html"``, ``"svg"``, ``"text"``, ``"executable"``, ``"ole2"``,
    ``"empty"`` or ``"unknown"``.
    """
    try:
        return sniff(bytes(data))
    except Exception:  # noqa: BLE001 - never raise for any input (including non-bytes)
        return "unknown"


def sniff(data: bytes) -> str:
    """:func:`sniff_kind` for bytes; may raise on input no user could send."""
    if not data:
        return "empty"
    head = data[:64]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return sniff_zip(data)
    if head.startswith(OLE2_MAGIC):
        return sniff_ole2(data)
    kind = _by_magic(head)
    if kind:
        return kind
    markup = _markup_kind(data)
    if markup:
        return markup
    # PDF readers accept junk before the header within the first 1024 bytes.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _looks_like_text(data[:4096]):
        return "text"
    return "unknown"


def _by_magic(head: bytes) -> str | None:
    """The kind a file's first bytes name (containers excepted), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_PNG_MAGIC):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head[:2] == b"BM" and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return "heic"
        return "avif" if brand in {b"avif", b"avis"} else "video"
    if head.startswith(_ARCHIVES):
        return "archive"
    if head.startswith(_EXECUTABLES):
        return "executable"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return None


def _decoded_head(data: bytes) -> str:
    chunk = data[:2048]
    if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
        return chunk.decode("utf-16", errors="ignore")
    return chunk.decode("utf-8", errors="ignore")


def _markup_kind(data: bytes) -> str | None:
    text = _decoded_head(data).lstrip("\ufeff \t\r\n").lower()
    if not text.startswith("<"):
        return None
    if "<svg" in text:
        return "svg"
    if any(tag in text for tag in ("<!doctype html", "<html", "<head", "<body", "<script", "<meta", "<iframe")):
        return "html"
    if text.startswith("<?xml"):
        return "xml"
    return None


def _looks_like_text(chunk: bytes) -> bool:
    if b"\x00" in chunk:
        return False
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the chunk is fine; anything else is not text.
        if exc.start < len(chunk) - 3 or exc.start == 0:
            return False
        text = chunk[: exc.start].decode("utf-8", errors="replace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0c")
    return controls <= len(text) // 100

