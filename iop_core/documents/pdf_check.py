"""A PDF opened with pypdf, in memory: how many pages, whether it is locked, or what stops it.

pypdf's own warnings are silenced while it reads (the user gets one plain sentence from
upload_check instead). Problem codes, not sentences: the texts are upload_check's.
"""

from __future__ import annotations

import contextlib
import io
import logging
import struct
import threading
import zipfile
from collections.abc import Iterator
from typing import NamedTuple

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


class PdfFacts(NamedTuple):
    problem: str | None
    """None for a readable PDF with pages; else "pdf_locked", "pdf_crypto_missing",
    "pdf_crypto_unsupported", "pdf_broken" or "pdf_no_pages"."""
    pages: int | None = None
    encrypted: bool = False
    """Encrypted; with no problem, only an owner password (it opens without one)."""


def read_pdf(data: bytes) -> PdfFacts:
    """Open the PDF in `data` and count its pages. pypdf's failures on a broken file are facts;
    anything else raises (check_upload turns it into a generic refusal)."""
    # Imported lazily: pypdf is only needed for PDFs.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    encrypted = False
    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data), strict=False)
            encrypted = bool(reader.is_encrypted)
            if encrypted and not reader.decrypt(""):
                return PdfFacts("pdf_locked", encrypted=True)
            pages = len(reader.pages)
    except FileNotDecryptedError:
        return PdfFacts("pdf_locked", encrypted=True)
    except DependencyError:
        # AES-encrypted PDF and the 'cryptography' package is missing (install pypdf[crypto]).
        return PdfFacts("pdf_crypto_missing", encrypted=True)
    except NotImplementedError:
        return PdfFacts("pdf_crypto_unsupported", encrypted=True)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            RecursionError, OSError, AssertionError, ArithmeticError, LookupError,
            UnicodeError, struct.error, zipfile.BadZipFile):
        return PdfFacts("pdf_broken", encrypted=encrypted)
    if pages <= 0:
        return PdfFacts("pdf_no_pages", encrypted=encrypted)
    return PdfFacts(None, pages=pages, encrypted=encrypted)
