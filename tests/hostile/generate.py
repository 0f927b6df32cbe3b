"""The hostile corpus: every file is made by this script, none is a committed blob.

    python -m tests.hostile.generate OUT_DIR     # write the corpus to a folder (to look at it)

Each case is (kind, name, file name, bytes). `kind` says which door of the app the file goes
through (tests/hostile/runner.py): "screening" = "Fortsätt med en sparad bedömning" on Start,
"upload" = a required document on Dokument, "csv" = the budget's CSV import. The categories are
those of issue #12's security review.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from iop_core.budget.csv_file import CSV_HEADERS
from iop_core.screening.model import SCHEMA_VERSION
from iop_core.screening.persistence import MAX_FILE_BYTES, dump_screening
from tests.support.files import make_pdf
from tests.support.screenings import PAYLOAD, hostile_screening, worst_screening


class Case(NamedTuple):
    kind: str
    name: str
    file_name: str
    data: bytes


def _json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def _v(**parts) -> bytes:
    return _json({"schema_version": SCHEMA_VERSION, **parts})


def screening_cases() -> list[Case]:
    v = SCHEMA_VERSION
    raw: dict[str, bytes] = {
        "empty": b"",
        "invalid_json": b'{"schema_version": 2, "framework": "skr"',
        "binary_garbage": bytes(range(256)) * 64,
        "null_bytes": b'{"schema_version": 2, "demo_case": "a\x00b"}',
        "not_an_object": b"[1, 2, 3]",
        "wrong_types": _v(framework=5, organisation="x", initiative=[], budget={"lines": "x"}, statutes={"members": "många"}),
        "bool_as_version": _json({"schema_version": True}),
        "string_version": _json({"schema_version": "2"}),
        "float_version": b'{"schema_version": 2.0}',
        "unknown_version_high": _json({"schema_version": 99}),
        "unknown_version_zero": _json({"schema_version": 0}),
        "unknown_version_negative": _json({"schema_version": -(10**30)}),
        "huge_int_4400_digits": b'{"schema_version":%d,"statutes":{"members":1' % v + b"0" * 4400 + b"}}",
        "huge_int_version": b'{"schema_version":1' + b"0" * 100_000 + b"}",
        "huge_float": b'{"schema_version":%d,"initiative":{"planned_years":1e999}}' % v,
        "long_float": b'{"schema_version":%d,"initiative":{"planned_years":0.' % v + b"1" * 100_000 + b"}}",
        "nan": b'{"schema_version":%d,"initiative":{"planned_years":NaN}}' % v,
        "infinity": b'{"schema_version":%d,"budget":{"volunteer_hourly_rate":Infinity}}' % v,
        "tiny_decimal": _v(budget={"volunteer_hourly_rate": "1e-999999999"}),
        "huge_decimal": _v(budget={"lines": [{"party": "public", "category": "pengar", "kind": "money",
                                              "quantity": "1e999999999", "unit": "kr", "unit_value": "1", "year": 2026}]}),
        "duplicate_keys": b'{"schema_version":%d,"framework":"skr","framework":"mora"}' % v,
        "deep_nesting_lists": b"[" * 200_000 + b"]" * 200_000,
        "deep_nesting_objects": b'{"schema_version":2,"meeting":' + b'{"a":' * 50_000 + b"1" + b"}" * 50_001,
        "huge_array_lines": b'{"schema_version":%d,"budget":{"lines":[' % v + b",".join([b"{}"] * 1_500_000) + b"]}}",
        "huge_array_numbers": b'{"schema_version":%d,"agreement":{"sections":{"goal":[' % v + b"0," * 2_000_000 + b"0]}}}",
        "huge_string": _v(organisation={"name": "x" * (MAX_FILE_BYTES - 200)}),
        "too_big": b" " * (MAX_FILE_BYTES + 1),
        "lone_surrogate": b'{"schema_version":%d,"organisation":{"name":"\\ud800"}}' % v,
        "utf16_bom": _v(framework="skr").decode().encode("utf-16"),
        "utf16_le_no_bom": _v(framework="skr").decode().encode("utf-16-le"),
        "utf8_bom_valid": b"\xef\xbb\xbf" + _v(framework="mora"),
        "latin1": _v(organisation={"name": "Föreningen"}).decode().encode("latin-1"),
        "key_bomb_section": _v(agreement={"sections": {"K" * 50_000: "vite " * 2000}}),
        "key_bomb_many_sections": _v(agreement={"sections": {f"s{i}": "vite" for i in range(200_000)}}),
        "key_bomb_documents": _v(documents={"d" * 100_000: {"status": "later"}}),
        "key_bomb_points": _v(value_declaration={"confirmed": {str(i): True for i in range(100_000)}}),
        "unknown_field": _v(hacker={"x": 1}),
        "markdown_keys": _v(agreement={"sections": {"![x](http://127.0.0.1:9/track.png)": "",
                                                    "[klicka här](https://evil.example/login)": ""}}),
        "v1_org_list": _json({"schema_version": 1, "organisation_name": "x", "organisation": []}),
        "v1_org_string": _json({"schema_version": 1, "organisation_name": "x", "organisation": "y"}),
        "v1_name_object": _json({"schema_version": 1, "organisation_name": {"a": 1}}),
        "too_many_drafts": _v(budget={"drafts": [{}] * 1001}),
        "text_over_max": _v(initiative={"goal": "x" * 10_001}),
        "date_year_1": _v(budget={"terms": {"period_start": "0001-01-01"}}),
        "date_year_9999": _v(value_declaration={"signed_on": "9999-12-31"}),
    }
    cases = [Case("screening", name, f"{name}.json", data) for name, data in raw.items()]
    # Valid files the app must load: the payload everywhere (it must stay text), every field at its maximum.
    cases.append(Case("screening", "valid_payload_everywhere", "payload.json", dump_screening(hostile_screening()).encode()))
    cases.append(Case("screening", "valid_worst", "worst.json", dump_screening(worst_screening()).encode()))
    return cases


def _pdf_object_stream(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from raw object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def upload_cases() -> list[Case]:
    from pypdf import PdfReader, PdfWriter

    good = make_pdf(2)

    def encrypted(algorithm: str, user: str = "x") -> bytes:
        w = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
        w.encrypt(user_password=user, owner_password="ägare", algorithm=algorithm)
        buf = io.BytesIO()
        w.write(buf)
        return buf.getvalue()

    bomb = zlib.compress(b"\x00" * (200 * 1024 * 1024), 9)  # 200 MB of zeros in ~200 kB
    docx = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    raw = {
        "pdf_cyclic_pages.pdf": _pdf_object_stream([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
        ]),
        "pdf_self_parent.pdf": _pdf_object_stream([
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 999999999 >>"]),
        "pdf_flate_bomb.pdf": _pdf_object_stream([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        ]),
        "pdf_encrypted_aes.pdf": encrypted("AES-256"),
        "pdf_encrypted_rc4.pdf": encrypted("RC4-128"),
        "pdf_truncated.pdf": good[: len(good) // 2],
        "pdf_header_only.pdf": b"%PDF-1.7\n",
        "pdf_huge_count.pdf": good.replace(b"/Count 2", b"/Count 99999999999999999999"),
        "zip_bomb.docx": _zip({**docx, "word/media/zeros.bin": b"\x00" * (100 * 1024 * 1024)}),
        "zip_nested.docx": _zip({**docx, "inner.zip": _zip({"a": b"\x00" * (20 * 1024 * 1024)})}),
        "zip_many_entries.docx": _zip({**docx, **{f"f{i}": b"" for i in range(20_000)}}, zipfile.ZIP_STORED),
        "html_as.pdf": b"<html><script>alert(1)</script></html>",
        "svg_script.png": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "empty.pdf": b"",
        "name\u202egpj.exe.pdf": good,
        "../../etc/passwd.pdf": good,
        PAYLOAD[:120] + ".pdf": good,
    }
    return [Case("upload", name.replace("/", "_"), name, data) for name, data in raw.items()]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", " =")


def csv_cases() -> list[Case]:
    head = ";".join(CSV_HEADERS.values()) + "\r\n"
    formulas = "".join(
        f'Kommunen;Pengar;;Pengar;1;kr;100;2026;"{p}HYPERLINK(""http://evil.example"")"\r\n'
        f'"{p}cmd|\' /C calc\'!A0";"{p}1+1";;Pengar;"{p}2";kr;100;2026;x\r\n'
        for p in FORMULA_STARTS
    )
    raw = {
        "every_formula_prefix": (head + formulas).encode("utf-8-sig"),
        "too_many_rows": (head + "Kommunen;Pengar;;Pengar;1;kr;100;2026;x\r\n" * 5000).encode(),
        "too_big": (head + "x" * (2 * 1024 * 1024)).encode(),
        "binary": bytes(range(256)) * 100,
        "zip_as_csv": _zip({"a.csv": b"x"}),
        "huge_cell": (head + "Kommunen;" + "x" * 900_000 + "\r\n").encode(),
        "many_columns": (";".join(["x"] * 100_000) + "\r\n").encode(),
        "unclosed_quote": (head + '"Kommunen;Pengar\r\n' * 1000).encode(),
        "utf16": (head + "Kommunen;Pengar;;Pengar;1;kr;100;2026;x\r\n").encode("utf-16"),
        "payload_cells": (head + f"{PAYLOAD};{PAYLOAD};;Pengar;1;kr;100;2026;{PAYLOAD}\r\n").encode(),
    }
    return [Case("csv", name, f"{name}.csv", data) for name, data in raw.items()]


def all_cases() -> list[Case]:
    return [*screening_cases(), *upload_cases(), *csv_cases()]


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "artifacts/hostile")
    for case in all_cases():
        folder = out / case.kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / case.name).with_suffix(Path(case.file_name).suffix or ".bin").write_bytes(case.data)
    print(f"{len(all_cases())} files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
