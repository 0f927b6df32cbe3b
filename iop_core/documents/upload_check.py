"""Validation of uploaded files (pure: no Streamlit, no disk, no logging of contents).

``st.file_uploader(type=[...])`` only looks at the file-name extension, and the
per-widget size limit is only enforced by the browser. Everything that reaches
the script therefore has to be checked again here:

* the real type is sniffed from the bytes, never from the name (iop_core.documents.sniffing;
  ZIP central directory and OLE2 directory: iop_core.documents.office);
* the name's extension must agree with the content (a PNG renamed to ``.pdf`` is
  rejected);
* PDFs are opened with pypdf to count pages and detect password protection
  (iop_core.documents.pdf_check);
* Office ZIP containers are opened (central directory only, nothing is
  extracted) and refused if they look like a ZIP bomb or carry macros.

:func:`check_upload` never raises; every problem becomes an :class:`UploadCheck`
with ``ok=False`` and a plain-language message (Swedish by default, or ``lang``; the
texts are in iop_core/i18n/<lang>.toml [upload]) that says what is wrong and what
the user can do about it. The modules above name kinds and problem codes; the sentences
are made here.

``UploadCheck.file_name`` is safe to *show* (iop_core.documents.file_names). It is not
escaped for Markdown – display it with ``st.text``/``st.code`` or escape it before ``st.markdown``.
"""

from __future__ import annotations

import hashlib
import struct

from pydantic import BaseModel, ConfigDict

from iop_core.documents.file_names import FALLBACK_NAME, extension, safe_file_name
from iop_core.documents.office import MAX_UNCOMPRESSED_BYTES, ole2_problem, zip_problem
from iop_core.documents.pdf_check import read_pdf
from iop_core.documents.sniffing import sniff
from iop_core.format import format_number
from iop_core.i18n import DEFAULT_LANGUAGE, strings, t

__all__ = [
    "ACCEPTED_KINDS",
    "DEFAULT_MAX_UPLOAD_MB",
    "KIND_EXTENSIONS",
    "UploadCheck",
    "check_upload",
    "format_mb",
    "format_size",
]

DEFAULT_MAX_UPLOAD_MB = 20
"""Keep in sync with ``server.maxUploadSize`` in ``.streamlit/config.toml`` (a test checks it)."""

_MIB = 1024 * 1024

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
"""Accepted real types (as detected by sniffing.sniff_kind) → Swedish label (every language: i18n [file_kind])."""

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

_OFFICE_ZIP = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
_OFFICE_OLE2 = {"doc": ".docx", "xls": ".xlsx", "ppt": ".pptx"}
"""Legacy Office kinds, with the extension to save a macro-free copy as."""

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
    """Real type detected from the bytes (see sniffing.sniff_kind); ``None`` if not examined."""
    message: str
    """Plain language (Swedish or the `lang` asked for): what is wrong and what to do, or a short
    confirmation for ok files."""
    file_name: str
    """Safe display name (see file_names.safe_file_name)."""
    size_bytes: int
    sha256: str | None
    """Hex digest of the bytes; ``None`` for empty, oversized or unreadable input."""
    pages: int | None = None
    """Number of pages, for PDFs that could be opened."""
    encrypted: bool = False
    """True for encrypted PDFs (owner-password-only ones are accepted)."""


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


# --------------------------------------------------------------------------- checking

def _pages_text(n: int, lang: str) -> str:
    return t("file.one_page", lang) if n == 1 else t("file.pages", lang, n=_number(n, 0, lang))


def check_upload(
    name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_UPLOAD_MB * _MIB, lang: str = DEFAULT_LANGUAGE
) -> UploadCheck:
    """Check an uploaded file. Never raises: problems come back as ``ok=False`` with a message in `lang`."""
    display = FALLBACK_NAME
    size = 0
    try:
        display = safe_file_name(name)
        if not isinstance(data, (bytes, bytearray, memoryview)):  # caller bug; do not guess
            raise TypeError("data must be bytes")
        data = bytes(data)
        size = len(data)
        return _Upload(display, data, lang).check(max_bytes)
    except Exception:  # noqa: BLE001 - the promise: whatever a file does to the readers, the user gets a sentence
        return UploadCheck(
            ok=False, kind=None, message=_msg("generic_failure", lang), file_name=display,
            size_bytes=size, sha256=None,
        )


class _Upload:
    """One upload being checked: its safe name, bytes and the language of the answer."""

    def __init__(self, display: str, data: bytes, lang: str) -> None:
        self.display, self.data, self.lang = display, data, lang
        self.size = len(data)
        self.digest: str | None = None

    def result(self, ok: bool, kind: str | None, text: str, *, pages: int | None = None,
               encrypted: bool = False) -> UploadCheck:
        return UploadCheck(ok=ok, kind=kind, message=text, file_name=self.display, size_bytes=self.size,
                           sha256=self.digest, pages=pages, encrypted=encrypted)

    def check(self, max_bytes: int) -> UploadCheck:
        lang = self.lang
        if self.size == 0:
            return self.result(False, "empty", _msg("empty", lang))
        if self.size > max_bytes:
            limit, actual = format_mb(max_bytes, lang), format_mb(self.size, lang)
            what = (_msg("too_large_size", lang, actual=actual) if actual != limit
                    else _msg("too_large_barely", lang, limit=limit))
            return self.result(False, None, _msg("too_large", lang, what=what, limit=limit))
        self.digest = hashlib.sha256(self.data).hexdigest()
        kind, ext = sniff(self.data), extension(self.display)
        if kind not in ACCEPTED_KINDS:
            return self.result(False, kind, _rejected_kind(kind, ext, lang))
        if ext not in KIND_EXTENSIONS[kind]:
            return self.result(False, kind, _wrong_extension(kind, ext, lang))
        return self._accepted_kind(kind)

    def _accepted_kind(self, kind: str) -> UploadCheck:
        """An accepted kind with a matching name: what its own reader says about it."""
        lang = self.lang
        if kind == "pdf":
            return self._pdf()
        problem = None
        if kind in _OFFICE_ZIP:
            problem = zip_problem(self.data, kind)
        elif kind in _OFFICE_OLE2:
            problem = ole2_problem(self.data)
        if problem:
            return self.result(False, kind, _container_message(problem, kind, lang))
        label = t(f"file_kind.{kind}", lang)
        if kind == "png":
            if len(self.data) < 33 or self.data[12:16] != b"IHDR":
                return self.result(False, kind, _msg("png_broken", lang))
            width, height = struct.unpack_from(">II", self.data, 16)
            return self.result(True, kind, _msg("png_ok", lang, label=label, width=_number(width, 0, lang),
                                                height=_number(height, 0, lang), size=format_size(self.size, lang)))
        return self.result(True, kind, _msg("ok", lang, label=label, size=format_size(self.size, lang)))

    def _pdf(self) -> UploadCheck:
        facts = read_pdf(self.data)
        if facts.problem:
            return self.result(False, "pdf", _msg(facts.problem, self.lang), encrypted=facts.encrypted)
        text = _msg("pdf_ok", self.lang, pages=_pages_text(facts.pages, self.lang),
                    size=format_size(self.size, self.lang))
        if facts.encrypted:
            text += " " + _msg("pdf_owner_password", self.lang)
        return self.result(True, "pdf", text, pages=facts.pages, encrypted=facts.encrypted)


def _rejected_kind(kind: str, ext: str, lang: str) -> str:
    """Why a kind is not accepted, and what the user can hand in instead."""
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
    return f"{first} {advice}"


def _wrong_extension(kind: str, ext: str, lang: str) -> str:
    expected = "." + KIND_EXTENSIONS[kind][0]
    content = _content(kind, lang)
    if ext:
        return _msg("wrong_extension", lang, content=content, ext=ext, expected=expected)
    return _msg("no_extension", lang, content=content, expected=expected)


def _container_message(problem: str, kind: str, lang: str) -> str:
    """The sentence for an Office container's problem code (iop_core.documents.office)."""
    extra: dict[str, str] = {}
    if problem == "zip_unusual":
        extra["limit"] = format_mb(MAX_UNCOMPRESSED_BYTES, lang)
    elif problem == "legacy_macros":
        extra["new_extension"] = _OFFICE_OLE2[kind]
    return _msg(problem, lang, content=_content(kind, lang), **extra)
