"""Real small files made in memory for the upload tests (nothing is read from disk)."""

from __future__ import annotations

import struct
import zlib

from fpdf import FPDF


def make_pdf(pages: int = 3) -> bytes:
    """A valid PDF with `pages` pages, "Sida n av N" on each."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for i in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Sida {i + 1} av {pages}")
    return bytes(pdf.output())


def make_png(width: int = 3, height: int = 2) -> bytes:
    """A valid red PNG image of width x height pixels."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))  # red, filter 0
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
