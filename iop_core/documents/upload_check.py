"""Validation of uploaded files (pure: no Streamlit, no disk, no logging of contents).

``st.file_uploader(type=[...])`` only looks at the file-name extension, and the
per-widget size limit is only enforced by the browser. Everything that reaches
the script therefore has to be checked again here:

* the real type is sniffed from the bytes (magic numbers, ZIP central directory,
  OLE2 directory), never from the name;
* the name's extension must agree with the content (a PNG renamed to ``.pdf`` is
  rejected);
* PDFs are opened with pypdf to count pages and detect password protection;
* Office ZIP containers are opened (central directory only, nothing is
  extracted) and refused if they look like a ZIP bomb.

:func:`check_upload` never raises; every problem becomes an :class:`UploadCheck`
with ``ok=False`` and a plain-language message (Swedish by default, or ``lang``; the
texts are in iop_core/i18n/<lang>.toml [upload]) that says what is wrong and what
the user can do about it.

``UploadCheck.file_name`` is safe to *show* (control and bidi-override characters
removed, path parts stripped, length capped). It is not escaped for Markdown –
display it with ``st.text``/``st.code`` or escape it before ``st.markdown``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import struct
import threading
import unicodedata
import zipfile
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from iop_core.format import format_number
from iop_core.i18n import DEFAULT_LANGUAGE, strings, t

__all__ = [
    "ACCEPTED_KINDS",
    "DEFAULT_MAX_UPLOAD_MB",
    "KIND_EXTENSIONS",
    "MAX_NAME_CHARS",
    "MAX_UNCOMPRESSED_BYTES",
    "UploadCheck",
    "check_upload",
    "format_mb",
    "format_size",
    "safe_file_name",
    "sniff_kind",
]

DEFAULT_MAX_UPLOAD_MB = 20
"""Keep in sync with ``server.maxUploadSize`` in ``.streamlit/config.toml`` (a test checks it)."""

_MIB = 1024 * 1024

MAX_UNCOMPRESSED_BYTES = 200 * _MIB
"""Office ZIP containers whose central directory promises more than this are refused."""

MAX_ZIP_ENTRIES = 10_000
"""Office ZIP containers with more entries than this are refused (real documents have < 1 000)."""

MAX_NAME_CHARS = 120
"""Maximum length (code points) of :attr:`UploadCheck.file_name`, extension included."""

ACCEPTED_KINDS: dict[str, str] = {
    "pdf": "PDF",
    "png": "PNG-bild",
    "jpeg": "JPEG-bild",
    "docx": "Word-dokument (.docx)",
    "xlsx": "Excel-fil (.xlsx)",
    "pptx": "PowerPoint-presentation (.pptx)",
    "odt": "OpenDocument-text (.odt)",
    "ods": "OpenDocument-kalkylblad (.ods)",
    "odp": "OpenDocument-presentation (.odp)",
    "doc": "Word 97–2003 (.doc)",
    "xls": "Excel 97–2003 (.xls)",
    "ppt": "PowerPoint 97–2003 (.ppt)",
}
"""Accepted real types (as detected by :func:`sniff_kind`) → Swedish label (every language: iop_core/i18n [file_kind])."""

KIND_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "png": ("png",),
    "jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "pptx": ("pptx",),
    "odt": ("odt",),
    "ods": ("ods",),
    "odp": ("odp",),
    "doc": ("doc",),
    "xls": ("xls",),
    "ppt": ("ppt",),
}
"""File-name extensions (lower case, no dot) that may carry each accepted kind; the first is the usual one."""

# Every sentence shown to the user lives in iop_core/i18n/<lang>.toml under [upload]
# (content = what a detected kind "looks like", advice = what to do, first = special first sentences).


def _msg(key: str, lang: str, **values: object) -> str:
    return t(f"upload.{key}", lang, **values)


def _has_msg(key: str) -> bool:
    return f"upload.{key}" in strings(DEFAULT_LANGUAGE)


def _content(kind: str, lang: str) -> str:
    return _msg(f"content.{kind}" if _has_msg(f"content.{kind}") else "content.unknown", lang)


class UploadCheck(BaseModel):
    """Result of :func:`check_upload`. Immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ok: bool
    kind: str | None
    """Real type detected from the bytes (see :func:`sniff_kind`); ``None`` if not examined."""
    message: str
    """Plain language (Swedish or the `lang` asked for): what is wrong and what to do, or a short
    confirmation for ok files."""
    file_name: str
    """Safe display name (see :func:`safe_file_name`)."""
    size_bytes: int
    sha256: str | None
    """Hex digest of the bytes; ``None`` for empty, oversized or unreadable input."""
    pages: int | None = None
    """Number of pages, for PDFs that could be opened."""
    encrypted: bool = False
    """True for encrypted PDFs (owner-password-only ones are accepted)."""


# --------------------------------------------------------------------------- names

# Bidi embedding/override/isolate controls and marks, plus invisible zero-width chars.
# ZWJ (U+200D) and ZWNJ (U+200C) are kept: emoji sequences and Persian need them.
_REMOVED_CHARS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
    + ["\u200e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff"]  # LRM RLM ALM ZWSP WJ BOM
)
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x85\u2028\u2029")
_FALLBACK_NAME = "namnlös fil"
_MAX_EXT_CHARS = 10


def safe_file_name(name: object) -> str:
    """Return a name that is safe to display.

    NFC-normalised; control characters, bidi overrides/isolates/marks and lone
    surrogates removed; directory parts (``/`` and ``\\``) stripped; whitespace
    collapsed; capped at :data:`MAX_NAME_CHARS` code points, keeping the extension.
    Emoji and right-to-left letters are kept. Never raises.
    """
    try:
        text = name if isinstance(name, str) else ("" if name is None else str(name))
    except Exception:
        text = ""
    cleaned: list[str] = []
    for ch in text:
        if ch in _WHITESPACE_CONTROLS:
            cleaned.append(" ")
        elif ch in _REMOVED_CHARS or unicodedata.category(ch) in {"Cc", "Cs"}:
            continue  # controls, bidi overrides/marks, lone surrogates
        else:
            cleaned.append(ch)
    # Normalise after removing (a removed char may have separated a letter and its accent).
    text = unicodedata.normalize("NFC", "".join(cleaned))
    # Path parts: keep the last non-empty component (browsers send only the base name,
    # but a crafted request may not).
    parts = [p for p in text.replace("\\", "/").split("/") if p.strip()]
    text = parts[-1] if parts else ""
    text = " ".join(text.split())  # collapse runs of whitespace
    text = text.strip(" .")  # Windows drops trailing dots/spaces; leading dots hide files
    if not text:
        return _FALLBACK_NAME
    if len(text) <= MAX_NAME_CHARS:
        return text
    stem, ext = _split_extension(text)
    suffix = f".{ext}" if ext else ""
    keep = MAX_NAME_CHARS - len(suffix) - 1  # 1 for the ellipsis
    stem = _trim_dangling(stem[:keep])
    return f"{stem}…{suffix}"


def _trim_dangling(stem: str) -> str:
    """Remove joiners/combining marks/variation selectors left dangling by a cut."""
    while stem and (
        stem[-1] in "\u200c\u200d" or unicodedata.category(stem[-1]) in {"Mn", "Mc", "Me", "Sk"}
        or 0xFE00 <= ord(stem[-1]) <= 0xFE0F
        or 0x1F3FB <= ord(stem[-1]) <= 0x1F3FF  # skin-tone modifiers
    ):
        stem = stem[:-1]
    return stem.rstrip()


def _split_extension(name: str) -> tuple[str, str]:
    """``("rapport", "pdf")`` for ``"rapport.pdf"``; ``(name, "")`` without a plausible extension."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    ext = name[dot + 1 :]
    if not ext or len(ext) > _MAX_EXT_CHARS or not all(ch.isalnum() for ch in ext):
        return name, ""
    return name[:dot], ext


def _extension(display_name: str) -> str:
    """Lower-case extension of a safe name, NFKC-folded (so full-width ``ｐｄｆ`` counts as ``pdf``)."""
    _, ext = _split_extension(display_name)
    return unicodedata.normalize("NFKC", ext).casefold()


# --------------------------------------------------------------------------- sizes


def _number(value: float, decimals: int, lang: str) -> str:
    """A number without trailing zeros: "1 500,5", English "1,500.5"."""
    return format_number(value, lang, decimals=decimals, trim=True)


def format_mb(n_bytes: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``20971520`` → ``"20 MB"``, ``524288`` → ``"0,5 MB"`` (English ``"0.5 MB"``;
    1 MB = 1 048 576 byte, as Streamlit counts)."""
    value = n_bytes / _MIB
    text = _number(value, 2, lang)
    if text == "0" and n_bytes > 0:
        text = _number(value, 6, lang)
        if text == "0":
            text = _number(0.000001, 6, lang)
    return f"{text} MB"


def format_size(n_bytes: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Short human size for confirmations: ``"812 byte"``, ``"45 kB"``, ``"3,4 MB"`` (English ``"3.4 MB"``)."""
    if n_bytes < 1024:
        return _msg("bytes", lang, n=n_bytes)
    if n_bytes < _MIB:
        return f"{_number(max(1, round(n_bytes / 1024)), 0, lang)} kB"
    return f"{_number(n_bytes / _MIB, 1, lang)} MB"


# --------------------------------------------------------------------------- sniffing

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML_DIRS = (("word/", "docx", "docm"), ("xl/", "xlsx", "xlsm"), ("ppt/", "pptx", "pptm"))
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def sniff_kind(data: bytes) -> str:
    """Detect the real file type from the bytes. Never raises.

    Returns one of the keys of :data:`ACCEPTED_KINDS`, or a rejected kind such as
    ``"docm"``, ``"office_encrypted"``, ``"zip"``, ``"archive"``, ``"gif"``,
    ``"heic"``, ``"html"``, ``"svg"``, ``"text"``, ``"executable"``, ``"ole2"``,
    ``"empty"`` or ``"unknown"``.
    """
    try:
        return _sniff(bytes(data))
    except Exception:  # never raise for any input (including non-bytes)
        return "unknown"


def _sniff(data: bytes) -> str:
    if not data:
        return "empty"
    head = data[:64]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_PNG_MAGIC):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data)
    if head.startswith(_OLE2_MAGIC):
        return _sniff_ole2(data)
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
        if brand in {b"avif", b"avis"}:
            return "avif"
        return "video"
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "archive"
    if head.startswith(
        (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
         b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
    ):
        return "executable"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    markup = _markup_kind(data)
    if markup:
        return markup
    # PDF readers accept junk before the header within the first 1024 bytes.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _looks_like_text(data[:4096]):
        return "text"
    return "unknown"


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


def _open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _sniff_zip(data: bytes) -> str:
    try:
        with _open_zip(data) as zf:
            infos = zf.infolist()
            names = {info.filename.lower() for info in infos}
            mimetype = None
            if "mimetype" in names:
                info = next(i for i in infos if i.filename.lower() == "mimetype")
                with zf.open(info) as fh:  # bounded read; never extracts to disk
                    mimetype = fh.read(200).decode("ascii", errors="replace").strip()
    except Exception:
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


def _ole2_entry_names(data: bytes) -> set[str]:
    """Names of the storages/streams in an OLE2 (Compound File Binary) container.

    A minimal, bounded reader of the directory chain; raises on malformed input.
    """
    if len(data) < 512 or not data.startswith(_OLE2_MAGIC):
        raise ValueError("not OLE2")
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError("bad sector size")
    sector_size = 1 << sector_shift
    n_sectors = (len(data) - sector_size) // sector_size + 1
    first_dir, = struct.unpack_from("<I", data, 0x30)
    first_difat, n_difat = struct.unpack_from("<II", data, 0x44)

    def sector(n: int) -> bytes:
        start = (n + 1) * sector_size
        if n < 0 or start + sector_size > len(data):
            raise ValueError("sector out of range")
        return data[start : start + sector_size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
    difat = first_difat
    per_difat = sector_size // 4 - 1
    for _ in range(min(n_difat, n_sectors)):
        if difat >= 0xFFFFFFFA:
            break
        block = sector(difat)
        entries = struct.unpack_from(f"<{per_difat + 1}I", block)
        fat_sectors.extend(s for s in entries[:per_difat] if s < 0xFFFFFFFA)
        difat = entries[per_difat]
    fat_sectors = fat_sectors[:n_sectors]
    per_fat = sector_size // 4

    def next_sector(n: int) -> int:
        idx, off = divmod(n, per_fat)
        if idx >= len(fat_sectors):
            raise ValueError("FAT index out of range")
        return struct.unpack_from("<I", sector(fat_sectors[idx]), off * 4)[0]

    names: set[str] = set()
    seen: set[int] = set()
    current = first_dir
    while current < 0xFFFFFFFA and len(seen) < n_sectors:
        if current in seen:
            raise ValueError("loop in directory chain")
        seen.add(current)
        block = sector(current)
        for off in range(0, sector_size, 128):
            entry = block[off : off + 128]
            name_len, entry_type = struct.unpack_from("<HB", entry, 64)
            if entry_type in (1, 2, 5) and 2 <= name_len <= 64:
                names.add(entry[: name_len - 2].decode("utf-16-le", errors="replace"))
        current = next_sector(current)
    return names


def _sniff_ole2(data: bytes) -> str:
    try:
        names = _ole2_entry_names(data)
    except Exception:
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


# --------------------------------------------------------------------------- pypdf

_PYPDF_LOGGER = logging.getLogger("pypdf")
_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved_level = logging.NOTSET


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's warnings/errors ("EOF marker not found" …) while checking.

    Process-wide (logging is), so it is reference-counted: concurrent checks in
    several Streamlit sessions restore the original level only when the last ends.
    """
    global _quiet_depth, _quiet_saved_level
    with _quiet_lock:
        if _quiet_depth == 0:
            _quiet_saved_level = _PYPDF_LOGGER.level
            _PYPDF_LOGGER.setLevel(logging.CRITICAL + 1)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                _PYPDF_LOGGER.setLevel(_quiet_saved_level)


# --------------------------------------------------------------------------- checking

def _pages_text(n: int, lang: str) -> str:
    return t("file.one_page", lang) if n == 1 else t("file.pages", lang, n=_number(n, 0, lang))


def check_upload(
    name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_UPLOAD_MB * _MIB, lang: str = DEFAULT_LANGUAGE
) -> UploadCheck:
    """Check an uploaded file. Never raises: problems come back as ``ok=False`` with a message in `lang`."""
    display = _FALLBACK_NAME
    size = 0
    try:
        display = safe_file_name(name)
        if not isinstance(data, (bytes, bytearray, memoryview)):  # caller bug; do not guess
            raise TypeError("data must be bytes")
        data = bytes(data)
        size = len(data)
        return _check(display, data, size, max_bytes, lang)
    except Exception:
        return UploadCheck(
            ok=False, kind=None, message=_msg("generic_failure", lang), file_name=display,
            size_bytes=size, sha256=None,
        )


def _check(display: str, data: bytes, size: int, max_bytes: int, lang: str) -> UploadCheck:
    def result(ok: bool, kind: str | None, message: str, *, digest: str | None = None,
               pages: int | None = None, encrypted: bool = False) -> UploadCheck:
        return UploadCheck(ok=ok, kind=kind, message=message, file_name=display,
                           size_bytes=size, sha256=digest, pages=pages, encrypted=encrypted)

    if size == 0:
        return result(False, "empty", _msg("empty", lang))
    if size > max_bytes:
        limit, actual = format_mb(max_bytes, lang), format_mb(size, lang)
        what = (_msg("too_large_size", lang, actual=actual) if actual != limit
                else _msg("too_large_barely", lang, limit=limit))
        return result(False, None, _msg("too_large", lang, what=what, limit=limit))

    digest = hashlib.sha256(data).hexdigest()
    kind = _sniff(data)
    ext = _extension(display)

    if kind not in ACCEPTED_KINDS:
        content = _content(kind, lang)
        if _has_msg(f"first.{kind}"):
            first = _msg(f"first.{kind}", lang)
        elif ext and any(ext in exts for exts in KIND_EXTENSIONS.values()):
            first = _msg("rejected_extension", lang, ext=ext, content=content)
        else:
            first = _msg("rejected", lang, content=content)
        advice = _msg("what_we_accept", lang)
        if _has_msg(f"advice.{kind}"):
            advice = f"{_msg(f'advice.{kind}', lang)} {advice}"
        return result(False, kind, f"{first} {advice}", digest=digest)

    label = t(f"file_kind.{kind}", lang)
    allowed = KIND_EXTENSIONS[kind]
    if ext not in allowed:
        expected = "." + allowed[0]
        content = _content(kind, lang)
        if ext:
            text = _msg("wrong_extension", lang, content=content, ext=ext, expected=expected)
        else:
            text = _msg("no_extension", lang, content=content, expected=expected)
        return result(False, kind, text, digest=digest)

    if kind == "pdf":
        return _check_pdf(data, result, digest, lang)
    if kind in {"docx", "xlsx", "pptx", "odt", "ods", "odp"}:
        problem = _zip_problem(data, kind, lang)
        if problem:
            return result(False, kind, problem, digest=digest)
    elif kind in {"doc", "xls", "ppt"}:
        problem = _ole2_problem(data, kind, lang)
        if problem:
            return result(False, kind, problem, digest=digest)
    elif kind == "png":
        if len(data) < 33 or data[12:16] != b"IHDR":
            return result(False, kind, _msg("png_broken", lang), digest=digest)
        width, height = struct.unpack_from(">II", data, 16)
        return result(True, kind,
                      _msg("png_ok", lang, label=label, width=_number(width, 0, lang),
                           height=_number(height, 0, lang), size=format_size(size, lang)),
                      digest=digest)
    return result(True, kind, _msg("ok", lang, label=label, size=format_size(size, lang)), digest=digest)


def _check_pdf(data: bytes, result, digest: str, lang: str) -> UploadCheck:
    # Imported lazily: pypdf is only needed for PDFs.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    locked = _msg("pdf_locked", lang)
    encrypted = False
    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data), strict=False)
            encrypted = bool(reader.is_encrypted)
            if encrypted and not reader.decrypt(""):
                return result(False, "pdf", locked, digest=digest, encrypted=True)
            pages = len(reader.pages)
    except FileNotDecryptedError:
        return result(False, "pdf", locked, digest=digest, encrypted=True)
    except DependencyError:
        # AES-encrypted PDF and the 'cryptography' package is missing (install pypdf[crypto]).
        return result(False, "pdf", _msg("pdf_crypto_missing", lang), digest=digest, encrypted=True)
    except NotImplementedError:
        return result(False, "pdf", _msg("pdf_crypto_unsupported", lang), digest=digest, encrypted=True)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            RecursionError, OSError, AssertionError, ArithmeticError, LookupError,
            UnicodeError, struct.error, zipfile.BadZipFile):
        return result(False, "pdf", _msg("pdf_broken", lang), digest=digest, encrypted=encrypted)
    if pages <= 0:
        return result(False, "pdf", _msg("pdf_no_pages", lang), digest=digest, encrypted=encrypted)
    text = _msg("pdf_ok", lang, pages=_pages_text(pages, lang), size=format_size(len(data), lang))
    if encrypted:
        text += " " + _msg("pdf_owner_password", lang)
    return result(True, "pdf", text, digest=digest, pages=pages, encrypted=encrypted)


def _zip_problem(data: bytes, kind: str, lang: str) -> str | None:
    """Cheap integrity/zip-bomb check of an Office ZIP container (central directory only)."""
    content = _content(kind, lang)
    try:
        with _open_zip(data) as zf:
            infos = zf.infolist()
    except Exception:
        return _msg("zip_broken", lang, content=content)
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        return _msg("zip_unusual", lang, content=content, limit=format_mb(MAX_UNCOMPRESSED_BYTES, lang))
    if any(i.flag_bits & 0x1 for i in infos):
        return _msg("zip_encrypted", lang, content=content)
    names = {i.filename.lower() for i in infos}
    if kind in {"odt", "ods", "odp"} and any(
        n.startswith(("basic/", "scripts/")) and not n.endswith("/") for n in names
    ):
        return _msg("odf_macros", lang, content=content)
    return None


def _ole2_problem(data: bytes, kind: str, lang: str) -> str | None:
    """Legacy Office files: refuse ones with VBA macros."""
    try:
        names = _ole2_entry_names(data)
    except Exception:
        names = set()
    if names & {"Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"}:
        new_ext = {"doc": ".docx", "xls": ".xlsx", "ppt": ".pptx"}[kind]
        return _msg("legacy_macros", lang, content=_content(kind, lang), new_extension=new_ext)
    return None
