"""Tests for iop_core.documents.upload_check and the readers behind it (file_names, sniffing, office,
pdf_check). All test files are built in memory here (no fixtures on disk)."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import subprocess
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from iop_core.documents.file_names import MAX_NAME_CHARS, safe_file_name
from iop_core.documents.sniffing import sniff_kind
from iop_core.documents.upload_check import (
    ACCEPTED_KINDS,
    DEFAULT_MAX_UPLOAD_MB,
    KIND_EXTENSIONS,
    UploadCheck,
    check_upload,
    format_mb,
)
from tests.support.files import make_pdf, make_png

REPO = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
FORBIDDEN_NAME_CHARS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F]}


# --------------------------------------------------------------------------- builders


def encrypt_pdf(raw: bytes, *, user_password: str, owner_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(raw))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_jpeg_like() -> bytes:
    # SOI + APP0/JFIF header + EOI: enough for the magic-byte check (images are not decoded).
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def make_zip(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if stored_first is not None:
            zf.writestr(stored_first, entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, body in entries.items():
            if name != stored_first:
                zf.writestr(name, body)
    return out.getvalue()


def make_docx(extra: dict[str, bytes] | None = None) -> bytes:
    entries = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body/></w:document>',
    }
    entries.update(extra or {})
    return make_zip(entries)


def make_odt() -> bytes:
    return make_zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
        },
        stored_first="mimetype",
    )


def make_ole2(stream_names: list[str]) -> bytes:
    """Minimal Compound File Binary (v3, 512-byte sectors): sector 0 = FAT, sector 1 = directory."""
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # number of FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<III", header, 0x38, 4096, end, 0)  # mini cutoff, first mini FAT, count
    struct.pack_into("<II", header, 0x44, end, 0)  # first DIFAT sector, count
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fatsect, end, *([free] * 126))

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, right, child)
        struct.pack_into("<I", raw, 116, end)  # start sector
        return bytes(raw)

    names = stream_names[:3]
    entries = [entry("Root Entry", 5, child=1 if names else free)]
    for i, name in enumerate(names):
        entries.append(entry(name, 2, right=i + 2 if i + 1 < len(names) else free))
    directory = b"".join(entries).ljust(512, b"\x00")
    return bytes(header) + fat + directory


def forge_uncompressed_size(zip_bytes: bytes, size: int) -> bytes:
    """Make the central directory claim ``size`` uncompressed bytes for every entry (zip-bomb shape)."""
    data = bytearray(zip_bytes)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


@pytest.fixture(scope="module")
def pdf3() -> bytes:
    return make_pdf(3)


# --------------------------------------------------------------------------- config / API


def test_default_limit_matches_streamlit_config() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_UPLOAD_MB


def test_every_accepted_kind_has_extensions() -> None:
    assert set(KIND_EXTENSIONS) == set(ACCEPTED_KINDS)
    assert {"pdf", "png", "jpeg", "docx", "xlsx", "odt", "doc"} <= set(ACCEPTED_KINDS)
    for forbidden in ("zip", "html", "executable", "unknown", "docm", "empty"):
        assert forbidden not in ACCEPTED_KINDS


def test_result_is_frozen(pdf3: bytes) -> None:
    result = check_upload("a.pdf", pdf3)
    with pytest.raises(pydantic.ValidationError):
        result.ok = False  # type: ignore[misc]


UPLOAD_MODULES = ("upload_check", "file_names", "sniffing", "office", "pdf_check")
"""Every module that reads an uploaded file's bytes or name."""


@pytest.mark.parametrize("module", UPLOAD_MODULES)
def test_module_is_pure(module: str) -> None:
    code = (
        f"import sys, iop_core.documents.{module}\n"
        f"assert 'streamlit' not in sys.modules, '{module} must not import streamlit'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
    source = (REPO / "iop_core" / "documents" / f"{module}.py").read_text(encoding="utf-8")
    for needle in ("import streamlit", "from streamlit", ".write_bytes", ".write_text", "logger.warning", "print("):
        assert needle not in source
    assert not re.search(r"(?<![.\w])open\(", source), "no builtin open(): never touch the disk"


def test_every_module_that_reads_uploads_is_checked_for_purity() -> None:
    not_readers = {"__init__", "checklist", "declaration", "uploads"}  # these never parse a file's bytes
    readers = {p.stem for p in (REPO / "iop_core" / "documents").glob("*.py")} - not_readers
    assert readers == set(UPLOAD_MODULES)


# --------------------------------------------------------------------------- PDFs


def test_valid_multipage_pdf(pdf3: bytes) -> None:
    result = check_upload("Årsredovisning 2024.pdf", pdf3)
    assert result.ok
    assert result.kind == "pdf"
    assert result.pages == 3
    assert result.encrypted is False
    assert result.size_bytes == len(pdf3)
    assert result.sha256 == hashlib.sha256(pdf3).hexdigest()
    assert result.file_name == "Årsredovisning 2024.pdf"
    assert result.message.startswith("PDF, 3 sidor")


def test_single_page_pdf_uses_singular() -> None:
    result = check_upload("a.pdf", make_pdf(1))
    assert result.ok and result.pages == 1
    assert "1 sida" in result.message


def test_uppercase_extension_is_fine(pdf3: bytes) -> None:
    assert check_upload("STADGAR.PDF", pdf3).ok


def test_pdf_with_leading_junk_is_accepted(pdf3: bytes) -> None:
    data = b"\x01\x02junk" * 20 + pdf3  # header within the first 1024 bytes
    assert sniff_kind(data) == "pdf"
    result = check_upload("a.pdf", data)
    assert result.ok and result.pages == 3


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_user_password_pdf_is_rejected(pdf3: bytes, algorithm: str) -> None:
    data = encrypt_pdf(pdf3, user_password="x", owner_password="y", algorithm=algorithm)
    result = check_upload("hemlig.pdf", data)
    assert not result.ok
    assert result.kind == "pdf"
    assert result.encrypted is True
    assert "lösenordsskyddad" in result.message
    assert "olåst kopia" in result.message


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_owner_only_pdf_is_accepted(pdf3: bytes, algorithm: str) -> None:
    data = encrypt_pdf(pdf3, user_password="", owner_password="ägare", algorithm=algorithm)
    result = check_upload("skrivskyddad.pdf", data)
    assert result.ok, result.message
    assert result.encrypted is True
    assert result.pages == 3


def test_truncated_pdf_is_rejected_as_broken(pdf3: bytes) -> None:
    result = check_upload("halv.pdf", pdf3[: len(pdf3) // 2])
    assert not result.ok
    assert result.kind == "pdf"
    assert "trasig eller ofullständig" in result.message
    assert "Spara om den eller exportera en ny PDF" in result.message


def test_pdf_header_only_is_rejected() -> None:
    result = check_upload("a.pdf", b"%PDF-1.7\n")
    assert not result.ok and "trasig" in result.message


def test_pdf_without_pages_is_rejected() -> None:
    out = io.BytesIO()
    PdfWriter().write(out)
    result = check_upload("tom.pdf", out.getvalue())
    assert not result.ok
    assert "inga sidor" in result.message


def test_pypdf_logging_is_silenced_and_restored(pdf3: bytes, caplog: pytest.LogCaptureFixture) -> None:
    pypdf_logger = logging.getLogger("pypdf")
    before = pypdf_logger.level
    with caplog.at_level(logging.DEBUG):
        check_upload("halv.pdf", pdf3[: len(pdf3) // 2])
        check_upload("png.pdf", make_png())
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert pypdf_logger.level == before


# --------------------------------------------------------------------------- type vs name


def test_png_renamed_to_pdf_is_rejected() -> None:
    result = check_upload("kvitto.pdf", make_png())
    assert not result.ok
    assert result.kind == "png"
    assert "Innehållet är en PNG-bild, fast filnamnet slutar på .pdf" in result.message
    assert "döp om den" in result.message and ".png" in result.message


def test_png_accepted() -> None:
    data = make_png(3, 2)
    result = check_upload("logga.png", data)
    assert result.ok, result.message
    assert result.kind == "png"
    assert result.pages is None
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert "PNG-bild" in result.message and "3 × 2 pixlar" in result.message


@pytest.mark.parametrize("name", ["foto.jpg", "foto.JPEG", "foto.jpe"])
def test_jpeg_accepted(name: str) -> None:
    result = check_upload(name, make_jpeg_like())
    assert result.ok and result.kind == "jpeg"


def test_html_named_pdf_is_rejected() -> None:
    html = b"<!DOCTYPE html>\n<html><head><title>Inloggning</title></head><body>Hej</body></html>"
    result = check_upload("faktura.pdf", html)
    assert not result.ok
    assert result.kind == "html"
    assert "webbsida (HTML)" in result.message
    assert ".pdf" in result.message


def test_executable_is_rejected() -> None:
    result = check_upload("setup.exe", b"MZ\x90\x00" + b"\x00" * 100)
    assert not result.ok and result.kind == "executable"
    assert "program" in result.message


def test_file_without_extension_is_rejected_with_advice(pdf3: bytes) -> None:
    result = check_upload("stadgar", pdf3)
    assert not result.ok
    assert "saknar filändelse" in result.message and ".pdf" in result.message


# --------------------------------------------------------------------------- Office containers


def test_docx_like_zip_is_accepted() -> None:
    result = check_upload("Verksamhetsplan.docx", make_docx())
    assert result.ok, result.message
    assert result.kind == "docx"
    assert "Word-dokument" in result.message


def test_xlsx_and_odt_are_accepted() -> None:
    xlsx = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert check_upload("budget.xlsx", xlsx).kind == "xlsx"
    assert check_upload("budget.xlsx", xlsx).ok
    odt = make_odt()
    assert sniff_kind(odt) == "odt"
    assert check_upload("plan.odt", odt).ok


def test_docx_renamed_to_pdf_is_rejected() -> None:
    result = check_upload("plan.pdf", make_docx())
    assert not result.ok and result.kind == "docx"
    assert "Word-dokument" in result.message and ".pdf" in result.message


def test_plain_zip_is_rejected() -> None:
    data = make_zip({"a.txt": b"hej", "b/c.pdf": b"%PDF-1.4"})
    result = check_upload("bilagor.zip", data)
    assert not result.ok and result.kind == "zip"
    assert "ZIP-arkiv" in result.message and "Packa upp" in result.message
    # ... also when it is named like an Office file
    assert not check_upload("bilagor.docx", data).ok


def test_macro_enabled_docx_is_rejected() -> None:
    data = make_docx({"word/vbaProject.bin": b"\x00" * 16})
    result = check_upload("plan.docm", data)
    assert not result.ok and result.kind == "docm"
    assert "makron" in result.message


def test_corrupt_docx_is_rejected() -> None:
    data = make_docx()
    result = check_upload("plan.docx", data[: len(data) - 30])  # central directory cut off
    assert not result.ok
    assert result.kind == "docx"
    assert "trasig" in result.message


def test_zip_bomb_shaped_docx_is_rejected_without_extracting() -> None:
    data = forge_uncompressed_size(make_docx(), 201 * MIB)
    result = check_upload("bomb.docx", data)
    assert not result.ok and result.kind == "docx"
    assert "200 MB" in result.message


def test_legacy_word_doc_is_accepted() -> None:
    data = make_ole2(["WordDocument", "1Table"])
    assert sniff_kind(data) == "doc"
    result = check_upload("gamla stadgar.doc", data)
    assert result.ok, result.message
    assert result.kind == "doc"
    assert sniff_kind(make_ole2(["Workbook"])) == "xls"


def test_legacy_doc_with_macros_is_rejected() -> None:
    result = check_upload("a.doc", make_ole2(["WordDocument", "Macros"]))
    assert not result.ok and "makron" in result.message


def test_password_protected_office_file_is_rejected() -> None:
    data = make_ole2(["EncryptionInfo", "EncryptedPackage"])
    result = check_upload("budget.xlsx", data)
    assert not result.ok
    assert result.kind == "office_encrypted"
    assert "lösenordsskyddat" in result.message


# --------------------------------------------------------------------------- size


def test_empty_file_is_rejected() -> None:
    result = check_upload("tom.pdf", b"")
    assert not result.ok
    assert result.kind == "empty"
    assert result.size_bytes == 0
    assert result.sha256 is None
    assert result.message == "Filen är tom (0 byte). Välj filen igen eller ladda upp en annan fil."


def test_oversized_file_is_rejected_with_limit(pdf3: bytes) -> None:
    result = check_upload("stor.pdf", pdf3, max_bytes=1024)
    assert not result.ok
    assert "för stor" in result.message
    assert format_mb(1024) in result.message


def test_oversized_limit_in_swedish_number_format() -> None:
    data = b"%PDF-1.4" + b"\x00" * (600 * 1024)
    result = check_upload("stor.pdf", data, max_bytes=512 * 1024)
    assert not result.ok
    assert "Största tillåtna storlek är 0,5 MB" in result.message
    assert "0,59 MB" in result.message


def test_default_limit_is_20_mb() -> None:
    just_over = b"%PDF-1.4\n" + b"\x00" * (DEFAULT_MAX_UPLOAD_MB * MIB)
    result = check_upload("stor.pdf", just_over)
    assert not result.ok and "20 MB" in result.message


def test_format_mb() -> None:
    assert format_mb(20 * MIB) == "20 MB"
    assert format_mb(MIB // 2) == "0,5 MB"
    assert format_mb(1500 * MIB) == "1\u00a0500 MB"
    assert format_mb(int(2.25 * MIB)) == "2,25 MB"


# --------------------------------------------------------------------------- names


def test_rlo_override_name_is_neutralised(pdf3: bytes) -> None:
    result = check_upload("rapport\u202efdp.exe", pdf3)
    assert result.file_name == "rapportfdp.exe"
    assert not FORBIDDEN_NAME_CHARS & set(result.file_name)
    # the real extension (.exe) is what gets compared with the content
    assert not result.ok and result.kind == "pdf" and ".exe" in result.message
    exe = check_upload("rapport\u202efdp.exe", b"MZ" + b"\x00" * 64)
    assert not exe.ok and exe.kind == "executable"


def test_rtl_and_emoji_name_is_kept(pdf3: bytes) -> None:
    name = "تقرير 📄 דוח.pdf"
    result = check_upload(name, pdf3)
    assert result.ok and result.pages == 3
    assert result.file_name == name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("C:\\Users\\anna\\Desktop\\stadgar.pdf", "stadgar.pdf"),
        ("../../etc/passwd", "passwd"),
        ("mapp/", "mapp"),
        ("a\u0308rsrapport.pdf", "ärsrapport.pdf"),  # NFC
        ("rad1\nrad2\t.pdf", "rad1 rad2 .pdf"),
        ("noll\x00byte\x07.pdf", "nollbyte.pdf"),
        ("\u2066isolat\u2069\u200e\u200f.pdf", "isolat.pdf"),
        ("familj 👨\u200d👩\u200d👧.pdf", "familj 👨\u200d👩\u200d👧.pdf"),  # ZWJ emoji kept
        ("", "namnlös fil"),
        ("\u202e", "namnlös fil"),
        ("   ..", "namnlös fil"),
    ],
)
def test_safe_file_name(raw: str, expected: str) -> None:
    assert safe_file_name(raw) == expected


def test_long_name_is_capped_keeping_extension() -> None:
    name = "Verksamhetsberättelse " * 20 + ".docx"
    safe = safe_file_name(name)
    assert len(safe) <= MAX_NAME_CHARS
    assert safe.endswith("….docx")
    emoji_name = "📄" * 300 + ".pdf"
    assert safe_file_name(emoji_name).endswith("….pdf")
    assert len(safe_file_name(emoji_name)) <= MAX_NAME_CHARS


def test_non_string_name_and_bad_data_never_raise(pdf3: bytes) -> None:
    assert check_upload(None, pdf3).file_name == "namnlös fil"  # type: ignore[arg-type]
    bad = check_upload("a.pdf", "inte bytes")  # type: ignore[arg-type]
    assert not bad.ok and bad.kind is None
    assert check_upload("a.pdf", bytearray(pdf3)).ok
    assert check_upload("a.pdf", memoryview(pdf3)).ok


# --------------------------------------------------------------------------- robustness


def test_random_garbage_never_raises() -> None:
    import random

    rng = random.Random(1234)
    for length in (1, 3, 8, 100, 1024, 10_000):
        data = bytes(rng.getrandbits(8) for _ in range(length))
        result = check_upload("skräp.pdf", data)
        assert isinstance(result, UploadCheck)
        assert not result.ok
    for prefix in (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x05\x06"):
        for ext in ("pdf", "png", "docx", "doc", "zip"):
            data = prefix + bytes(rng.getrandbits(8) for _ in range(2000))
            assert isinstance(check_upload(f"x.{ext}", data), UploadCheck)
            assert isinstance(sniff_kind(data), str)


def test_sniff_kind_never_raises_on_odd_input() -> None:
    assert sniff_kind(b"") == "empty"
    assert sniff_kind(None) == "unknown"  # type: ignore[arg-type]
    assert sniff_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole2"  # too short for a directory
    assert sniff_kind(b"PK\x03\x04") == "zip"


def _assert_well_formed(result: UploadCheck, data: bytes) -> None:
    assert isinstance(result, UploadCheck)
    assert result.message and result.file_name
    assert result.size_bytes == len(data)
    assert len(result.file_name) <= MAX_NAME_CHARS
    assert not FORBIDDEN_NAME_CHARS & set(result.file_name)
    assert not any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in result.file_name)
    if result.ok:
        assert result.kind in ACCEPTED_KINDS
        assert result.sha256 == hashlib.sha256(data).hexdigest()


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=300), data=st.binary(max_size=4096))
def test_hypothesis_arbitrary_input_never_raises(name: str, data: bytes) -> None:
    _assert_well_formed(check_upload(name, data), data)
    assert isinstance(sniff_kind(data), str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=10_000),
    flips=st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), st.integers(0, 255)), max_size=20),
    which=st.sampled_from(["pdf", "docx", "png", "doc"]),
)
def test_hypothesis_mutated_valid_files_never_raise(cut: int, flips: list[tuple[int, int]], which: str) -> None:
    base = {"pdf": _BASE_PDF, "docx": _BASE_DOCX, "png": _BASE_PNG, "doc": _BASE_DOC}[which]
    data = bytearray(base)
    for pos, value in flips:
        data[pos % len(data)] = value
    data = data[: max(1, len(data) - cut % len(data))]
    _assert_well_formed(check_upload(f"fil.{which}", bytes(data)), bytes(data))


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet=st.characters(codec=None), max_size=400))
def test_hypothesis_safe_file_name(name: str) -> None:
    safe = safe_file_name(name)
    assert safe
    assert len(safe) <= MAX_NAME_CHARS
    assert "/" not in safe and "\\" not in safe
    assert not FORBIDDEN_NAME_CHARS & set(safe)
    assert unicodedata.is_normalized("NFC", safe) or "…" in safe
    assert safe_file_name(safe) == safe or len(safe) == MAX_NAME_CHARS


_BASE_PDF = make_pdf(2)
_BASE_DOCX = make_docx()
_BASE_PNG = make_png()
_BASE_DOC = make_ole2(["WordDocument"])


# --------------------------------------------------------------------------- English


def test_english_empty_file() -> None:
    result = check_upload("empty.pdf", b"", lang="en")
    assert result.message == "The file is empty (0 bytes). Choose the file again or upload a different file."


def test_english_png_renamed_to_pdf() -> None:
    result = check_upload("scan.pdf", make_png(), lang="en")
    assert not result.ok and result.kind == "png"
    assert result.message.startswith("The content is a PNG image, although the file name ends in .pdf.")
    assert "ends in .png" in result.message


def test_english_encrypted_pdf(pdf3: bytes) -> None:
    data = encrypt_pdf(pdf3, user_password="x", owner_password="y", algorithm="AES-256")
    result = check_upload("secret.pdf", data, lang="en")
    assert not result.ok and result.encrypted
    assert result.message == ("The PDF is password protected. Upload an unlocked copy "
                              "(save it as a PDF without a password).")


def test_english_too_large_uses_english_number_format() -> None:
    data = b"%PDF-1.4" + b"\x00" * (600 * 1024)
    result = check_upload("big.pdf", data, max_bytes=512 * 1024, lang="en")
    assert result.message.startswith("The file is too large (0.59 MB). The largest size allowed is 0.5 MB.")
    assert format_mb(int(20.5 * MIB), "en") == "20.5 MB"
    assert format_mb(int(20.5 * MIB)) == "20,5 MB"
    assert format_mb(1500 * MIB, "en") == "1,500 MB"


def test_english_rejected_kind_and_confirmation(pdf3: bytes) -> None:
    rejected = check_upload("page.html", b"<!DOCTYPE html><html><body>x</body></html>", lang="en")
    assert rejected.message.startswith("The file seems to be a web page (HTML), and that file type is not accepted.")
    assert rejected.message.endswith("(Word, Excel, PowerPoint or OpenDocument).")
    assert check_upload("a.pdf", pdf3, lang="en").message.startswith("PDF, 3 pages, ")
    assert check_upload("a.png", make_png(1500, 2), lang="en").message == "PNG image, 1,500 × 2 pixels, 96 bytes."


def test_no_swedish_is_left_in_english_messages(pdf3: bytes) -> None:
    samples = [("a.pdf", b""), ("a.pdf", make_png()), ("a", pdf3), ("a.zip", make_zip({"a.txt": b"x"})),
               ("a.doc", make_ole2(["WordDocument", "Macros"])), ("a.xlsx", make_ole2(["EncryptedPackage"])),
               ("a.pdf", pdf3[: len(pdf3) // 2]), ("a.docx", make_docx()), ("a.pdf", pdf3)]
    swedish = re.compile(r"\b(Filen|filen|och|är|inte|igen|sidor|byte)\b")
    for name, data in samples:
        english, default = check_upload(name, data, lang="en"), check_upload(name, data)
        assert not swedish.search(english.message), english.message
        assert english.message != default.message
        assert english.model_dump(exclude={"message"}) == default.model_dump(exclude={"message"})
