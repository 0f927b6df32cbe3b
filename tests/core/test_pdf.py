"""iop_core.report.pdf: what the PDF says, page numbers, determinism, crash vectors, clean_text.

Layout (headings, keeping blocks together) is in test_pdf_layout.py; fonts and failures in
test_pdf_failures.py."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from iop_core.report.pdf import (
    Bullets,
    Callout,
    Heading,
    PageBreak,
    Paragraph,
    PdfDocument,
    Table,
    clean_text,
    render_pdf,
    tables,
)
from iop_core.report.pdf import render as rendermod
from tests.support.pdf import ARABIC, EMOJI, FIXED, HEBREW, doc_with, page_texts, realistic_doc, render

# --------------------------------------------------------------------------- #
# Content and page numbering
# --------------------------------------------------------------------------- #


def test_realistic_document_text_and_footers():
    data = render(realistic_doc())
    texts = page_texts(data)
    n = len(texts)
    assert n >= 4
    full = " ".join("\n".join(texts).split())  # line wrapping does not matter
    for expected in (
        "Underlag för idéburet offentligt partnerskap",
        "Självskattning – IOP-screening",
        "Organisation: Föreningen Gemensam Grund",
        "ersätter inte en juridisk bedömning",
        "1. Sammanfattning",
        "1.1 Styrkor",
        "2. Budget",
        "3. Övrigt",
        "Bedömning",
        "Komplettera",
        "Post 40: Lokalhyra för språkcafé",
        "500 000",
        "Finansiär",
        "åäö ÅÄÖ",
        "“Ändamål”",
        "1 200 €",
        "–",
        "…",
    ):
        assert expected in full, expected
    # every page: exact footer with the right total
    for i, text in enumerate(texts, start=1):
        assert f"Sida {i} av {n}" in text, (i, text[-120:])
        assert "IOP-screening · Föreningen Gemensam Grund" in text
    assert f"Sida 1 av {n}" in texts[0]
    assert f"Sida {n} av {n}" in texts[-1]
    # cover page holds only the cover, the blocks start on page 2
    assert "1. Sammanfattning" not in texts[0]
    assert "1. Sammanfattning" in texts[1]


def test_table_header_repeats_on_page_break():
    rows = [[f"rad {i}", str(i)] for i in range(120)]
    texts = page_texts(render(doc_with(Table(headers=["Kolumn Alfa", "Belopp"], rows=rows))))
    table_pages = [t for t in texts if "rad " in t]
    assert len(table_pages) >= 2
    assert all("Kolumn Alfa" in t for t in table_pages)
    assert "rad 119" in "\n".join(texts)


def test_localised_page_label_and_user_nb_text_untouched():
    doc = doc_with(
        Paragraph(text="Literal {nb} and {n} and {total} stay as typed."),
        PageBreak(),
        Paragraph(text="second"),
        page_label="Page {n} of {total}",
        language="en",
    )
    texts = page_texts(render(doc))
    assert len(texts) == 3
    assert "Literal {nb} and {n} and {total} stay as typed." in texts[1]
    for i, t in enumerate(texts, start=1):
        assert f"Page {i} of 3" in t


def test_blocks_accept_dicts_via_discriminator():
    doc = PdfDocument.model_validate(
        {
            "title": "Från JSON",
            "blocks": [
                {"kind": "heading", "text": "Rubrik", "level": 2},
                {"kind": "paragraph", "text": "Brödtext", "style": "muted"},
                {"kind": "bullets", "items": ["a", "b"]},
                {"kind": "table", "headers": ["x"], "rows": [["1"]]},
                {"kind": "callout", "text": "c", "tone": "danger"},
                {"kind": "pagebreak"},
            ],
        }
    )
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "bullets", "table", "callout", "pagebreak"]
    full = "\n".join(page_texts(render(doc)))
    assert "Rubrik" in full and "Brödtext" in full


def test_determinism_same_date_same_bytes():
    doc = realistic_doc()
    a = render_pdf(doc, creation_date=FIXED)
    b = render_pdf(doc, creation_date=FIXED)
    assert a == b
    c = render_pdf(doc, creation_date=datetime(2026, 1, 1, tzinfo=UTC))
    assert c != a  # the date really goes into the file


def test_default_creation_date_is_now():
    data = render_pdf(doc_with(Paragraph(text="x")))
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.creation_date.year >= 2025
    assert meta.producer == rendermod.PRODUCER


def test_performance_typical_document():
    doc = realistic_doc()
    render(doc)  # warm-up (imports, font parsing code paths)
    t0 = time.perf_counter()
    data = render(doc)
    elapsed = time.perf_counter() - t0
    assert len(page_texts(data)) >= 4
    assert elapsed < 2.0, elapsed  # ~0.2-0.3 s on the 2-vCPU dev box; generous for CI


# --------------------------------------------------------------------------- #
# Crash vectors: text known to make a PDF library fail (scripts, emoji, markup, huge words)
# --------------------------------------------------------------------------- #



@pytest.mark.parametrize(
    "text",
    [
        pytest.param("**fet** och __understruken__ och ~~x~~ --y--", id="markdown-markers"),
        pytest.param(HEBREW + " " + "." * 1500 + " " + HEBREW, id="bidi-recursion-dots"),
        pytest.param(HEBREW + "-" * 1500 + ARABIC, id="bidi-recursion-dashes"),
        pytest.param(HEBREW + " " * 1500 + "x", id="bidi-recursion-spaces"),
        pytest.param(HEBREW + "😀" * 1500, id="bidi-recursion-emoji"),
        pytest.param((".-? 😀" * 400) + ARABIC, id="bidi-recursion-mixed"),
        pytest.param("å" * 10_000, id="10k-chars-one-word"),
        pytest.param(("Lång text med åäö – " * 500)[:10_000], id="10k-chars-text"),
        pytest.param("a\x00b\x07c\x1bd\u200be\ufffef\ud800g\udfffh\U000f0000i\ue000", id="control-surrogate-pua"),
        pytest.param(f"{ARABIC} {HEBREW} {EMOJI} 123 åäö", id="arabic-hebrew-emoji"),
        pytest.param("", id="empty"),
        pytest.param("   \n\n\t ", id="whitespace"),
        pytest.param("\u202eevil override\u202c", id="bidi-override"),
        pytest.param("﷽" * 50, id="very-wide-glyph"),
        pytest.param("x" * 300, id="300-char-word"),
    ],
)
def test_crash_vectors_in_every_block_type(text):
    doc = PdfDocument(
        title=text,
        subtitle=text,
        cover_lines=[text, ""],
        disclaimer=text,
        footer_left=text,
        blocks=[
            Heading(text=text),
            Heading(text=text, level=2),
            Paragraph(text=text),
            Paragraph(text=text, style="note"),
            Bullets(items=[text, "", text]),
            Table(headers=[text, "Belopp"], rows=[[text, text], [], ["", ""]], col_widths=[0.2, 5]),
            Callout(text=text, title=text, tone="warning"),
        ],
    )
    texts = page_texts(render(doc))
    n = len(texts)
    assert f"Sida {n} av {n}" in texts[-1]


def test_markdown_markers_are_printed_literally():
    full = "\n".join(page_texts(render(doc_with(Paragraph(text="Det här är **inte fet** och __inte__.")))))
    assert "**inte fet**" in full
    assert "__inte__" in full


def test_long_word_in_narrow_table_column_wraps():
    word = "Förvaltningsövergripande" * 40  # 960 characters, no spaces: too tall even at its widest
    doc = doc_with(
        Table(
            headers=["Nr", "Beskrivning", "Belopp"],
            rows=[["1", word, "100"], ["2", "kort", "200"]],
            col_widths=[0.05, 0.05, 10],  # forces the minimum column width
            align_right=[False, False, True],
        )
    )
    texts = page_texts(render(doc))
    full = "\n".join(texts)
    assert "Beskrivning" in full and "kort" in full and "200" in full
    # still a table: the over-tall cell is cut ("… [1]") and note [1] holds the full text
    assert "… [1]" in full
    assert "[1] Beskrivning, rad 1:" in full
    note = full[full.index("[1] Beskrivning, rad 1:"):]
    assert note.replace("\n", "").count("Förvaltningsövergripande") == 40  # wrapped, nothing lost


def test_table_with_row_taller_than_a_page_keeps_all_text():
    huge = "ord " * 999 + "SLUT"
    texts = page_texts(render(doc_with(Table(headers=["A", "B"], rows=[["kort", huge], ["sista", "x"]]))))
    full = "\n".join(texts)
    assert "sista" in full
    assert "[1] B, rad 1:" in full
    assert "SLUT" in full
    n = len(texts)
    assert all(f"Sida {i} av {n}" in t for i, t in enumerate(texts, start=1))


def test_table_layout_failure_falls_back_to_row_list(monkeypatch):
    def boom(canvas, *args, **kwargs):
        canvas.add_page()  # partial output must be rolled back
        raise ValueError("The row with index 1 is too high and cannot be rendered on a single page")

    monkeypatch.setattr(tables, "draw_table", boom)
    texts = page_texts(render(doc_with(Table(headers=["Kolumn", "Belopp"], rows=[["a", "1"], ["b", "2"]]))))
    full = "\n".join(texts)
    assert len(texts) == 2
    assert "Rad 1" in full and "Kolumn: a" in full and "Belopp: 2" in full


def test_tables_without_headers_or_rows_and_ragged_rows():
    doc = doc_with(
        Table(headers=[], rows=[]),
        Table(headers=["Bara rubrik"], rows=[]),
        Table(headers=[], rows=[["a", "b"], ["c"]]),
        Table(headers=["X", "Y"], rows=[[], ["1", "2", "3 extra"], ["ensam"]]),
        Table(headers=[f"K{i}" for i in range(20)], rows=[[str(i) for i in range(20)]]),  # too wide
    )
    full = "\n".join(page_texts(render(doc)))
    assert "Bara rubrik" in full
    assert "3 extra" in full
    assert "K19" in full


def test_empty_document():
    texts = page_texts(render(PdfDocument(title="", blocks=[])))
    assert len(texts) == 1
    assert "Sida 1 av 1" in texts[0]


def test_long_callout_and_disclaimer_split_over_pages():
    long = "Mening med åäö som upprepas. " * 600
    texts = page_texts(render(doc_with(Callout(text=long, title="Lång"), disclaimer=long)))
    n = len(texts)
    assert n >= 4
    assert all(f"Sida {i} av {n}" in t for i, t in enumerate(texts, start=1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=2000),
    para=st.text(max_size=2000),
    item=st.text(max_size=2000),
    cell=st.text(max_size=2000),
)
def test_property_arbitrary_unicode_never_crashes(title, para, item, cell):
    doc = PdfDocument(
        title=title,
        blocks=[
            Paragraph(text=para),
            Bullets(items=[item, para]),
            Table(headers=["A", cell[:50]], rows=[[cell, "1"]], align_right=[False, True]),
        ],
    )
    assert render_pdf(doc, creation_date=FIXED).startswith(b"%PDF")


# --------------------------------------------------------------------------- #
# clean_text
# --------------------------------------------------------------------------- #


def test_clean_text():
    assert clean_text(None) == ""
    assert clean_text(123) == "123"
    assert clean_text("a\x00b\x07c\ud800d\ue000e\U0010ffff") == "abcde"
    assert clean_text("rad1\r\nrad2\rrad3\tx") == "rad1\nrad2\nrad3\tx"
    assert clean_text("e\u0301") == "é"  # NFC
    assert clean_text("\u202eabc\u202c\ufeff") == "abc"
    assert clean_text("åäö ÅÄÖ – “ ” € …") == "åäö ÅÄÖ – “ ” € …"
    capped = clean_text("x" * 50, max_len=10)
    assert len(capped) == 10 and capped.endswith("…")
    assert len(clean_text("y" * 30_000)) == 20_000
