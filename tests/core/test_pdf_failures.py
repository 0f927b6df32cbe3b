"""iop_core.report.pdf when things go wrong: fonts missing or damaged, a block or a whole pass
failing. The contract: render_pdf raises only FontNotFoundError or PdfRenderError."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fpdf.errors import FPDFException

from iop_core.report.pdf import (
    FontNotFoundError,
    Paragraph,
    PdfRenderError,
    canvas,
    flow,
    render_pdf,
)
from iop_core.report.pdf import fonts as fontsmod
from iop_core.report.pdf import render as rendermod
from tests.support.pdf import ARABIC, EMOJI, FIXED, HEBREW, doc_with, page_texts, realistic_doc, render

# --------------------------------------------------------------------------- #
# Fonts
# --------------------------------------------------------------------------- #


@pytest.fixture
def fresh_font_cache():
    fontsmod.find_fonts.cache_clear()
    yield
    fontsmod.find_fonts.cache_clear()


def test_missing_fonts_raise_font_not_found(monkeypatch, tmp_path, fresh_font_cache):
    monkeypatch.setenv(fontsmod.FONT_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(fontsmod, "SYSTEM_FONT_DIRS", ())
    monkeypatch.setattr(fontsmod, "_matplotlib_font_dir", lambda: None)
    with pytest.raises(FontNotFoundError) as exc_info:
        render_pdf(doc_with(Paragraph(text="x")), creation_date=FIXED)
    message = str(exc_info.value)
    assert "fonts-dejavu-core" in message
    assert "PDF:en kunde inte skapas" in message
    assert "font" in message.lower()
    assert isinstance(exc_info.value, PdfRenderError)


def test_font_dir_env_var_has_priority(monkeypatch, tmp_path, fresh_font_cache):
    system = Path(fontsmod.SYSTEM_FONT_DIRS[0])
    for name in (fontsmod.BASE_FONT_REGULAR, fontsmod.BASE_FONT_BOLD):
        (tmp_path / name).symlink_to(system / name)
    monkeypatch.setenv(fontsmod.FONT_DIR_ENV, str(tmp_path))
    found = fontsmod.find_fonts()
    assert found.regular == tmp_path / fontsmod.BASE_FONT_REGULAR
    assert found.bold == tmp_path / fontsmod.BASE_FONT_BOLD
    assert fontsmod.find_fonts() is found  # cached
    assert render(doc_with(Paragraph(text="åäö")))


def test_fallback_fonts_path_keeps_footers_correct(monkeypatch, fresh_font_cache):
    """Exercise set_fallback_fonts(exact_match=False) with whatever TTF exists
    (the real Noto/Symbola fallbacks are not installed everywhere)."""
    liberation = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
    candidates = [p for p in (liberation, Path(fontsmod.SYSTEM_FONT_DIRS[0]) / "DejaVuSansMono.ttf") if p.is_file()]
    if not candidates:
        pytest.skip("no extra TTF available to act as a fallback font")
    monkeypatch.setattr(
        fontsmod,
        "FALLBACK_FONTS",
        (("fbtest", candidates[0].name, (str(candidates[0].parent),)),
         ("fbcolor", "NotoColorEmoji.ttf", ("/usr/share/fonts/truetype/noto",))),
    )
    found = fontsmod.find_fonts()
    assert [f for f, _ in found.fallbacks] == ["fbtest"]
    doc = realistic_doc()
    doc.blocks.append(Paragraph(text=f"{HEBREW} {ARABIC} {EMOJI} " + "." * 1200 + HEBREW))
    texts = page_texts(render(doc))
    n = len(texts)
    assert all(f"Sida {i} av {n}" in t for i, t in enumerate(texts, start=1))


def test_color_emoji_font_is_never_used(monkeypatch, tmp_path, fresh_font_cache):
    (tmp_path / "NotoColorEmoji.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fontsmod, "FALLBACK_FONTS", (("fbemoji", "NotoColorEmoji.ttf", (str(tmp_path),)),))
    assert fontsmod.find_fonts().fallbacks == ()


# --------------------------------------------------------------------------- #
# Failure handling
# --------------------------------------------------------------------------- #


def test_failing_block_is_rolled_back_and_document_survives(monkeypatch):
    calls = {"n": 0}
    original = flow.Flow.paragraph

    def flaky(self, block, *rest):
        if block.text.startswith("BOOM"):
            calls["n"] += 1
            self.c.add_page()  # leave a mess behind: it must be rolled back
            self.c.multi_cell(0, 5, "half-drawn garbage")
            raise FPDFException("Not enough horizontal space to render a single character")
        return original(self, block, *rest)

    monkeypatch.setattr(flow.Flow, "paragraph", flaky)
    doc = doc_with(Paragraph(text="före"), Paragraph(text="BOOM och text"), Paragraph(text="efter"))
    texts = page_texts(render(doc))
    full = "\n".join(texts)
    assert calls["n"] == 1
    assert "half-drawn garbage" not in full
    assert "BOOM och text" in full  # plain fallback rendering
    assert "före" in full and "efter" in full
    assert len(texts) == 2  # the page added by the failed attempt is gone


def test_safe_mode_second_pass(monkeypatch):
    seen = []
    original = rendermod._build

    def build(doc, created, *, safe_mode):
        seen.append(safe_mode)
        if not safe_mode:
            raise RuntimeError("first pass failed")
        return original(doc, created, safe_mode=safe_mode)

    monkeypatch.setattr(rendermod, "_build", build)
    assert render(doc_with(Paragraph(text="x")))
    assert seen == [False, True]


def test_total_failure_raises_swedish_pdf_render_error(monkeypatch):
    def build(doc, created, *, safe_mode):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(rendermod, "_build", build)
    with pytest.raises(PdfRenderError, match=r"^PDF:en kunde inte skapas\.") as exc_info:
        render_pdf(doc_with(Paragraph(text="x")), creation_date=FIXED)
    assert not isinstance(exc_info.value, FontNotFoundError)


def test_package_is_pure():
    for path in Path(rendermod.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", source, re.M), path.name
        assert "markdown=True" not in source, path.name


def test_a_damaged_fallback_font_is_skipped_and_named_in_the_log(monkeypatch, tmp_path, fresh_font_cache, caplog):
    (tmp_path / "NotoSansHebrew-Regular.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fontsmod, "FALLBACK_FONTS", (("fbhebrew", "NotoSansHebrew-Regular.ttf", (str(tmp_path),)),))
    with caplog.at_level(logging.WARNING):
        texts = page_texts(render(doc_with(Paragraph(text=f"åäö {HEBREW}"))))
    assert "åäö" in texts[1]
    assert "Skipping fallback font" in caplog.text and "TTLibError" in caplog.text


def test_an_error_nobody_expected_becomes_one_pdf_render_error(monkeypatch):
    def broken(self):
        raise KeyError("glyph")

    monkeypatch.setattr(canvas.Canvas, "draw_footers", broken)
    with pytest.raises(PdfRenderError, match=r"^PDF:en kunde inte skapas\..*KeyError") as exc_info:
        render_pdf(doc_with(Paragraph(text="x")), creation_date=FIXED)
    assert isinstance(exc_info.value.__cause__, KeyError)
    with pytest.raises(PdfRenderError, match=r"^The PDF could not be created\."):
        render_pdf(doc_with(Paragraph(text="x"), language="en"), creation_date=FIXED)


def test_a_block_hides_only_layout_errors_not_bugs(monkeypatch):
    """A block that fpdf2 cannot lay out falls back to plain text; any other exception is a bug
    and is not papered over block by block (it surfaces as PdfRenderError)."""
    def buggy(self, block, *rest):
        raise AttributeError("a bug, not a layout problem")

    monkeypatch.setattr(flow.Flow, "paragraph", buggy)
    with pytest.raises(PdfRenderError) as exc_info:
        render_pdf(doc_with(Paragraph(text="x")), creation_date=FIXED)
    assert isinstance(exc_info.value.__cause__, AttributeError)


def test_the_package_has_one_catch_all_and_it_says_why():
    """Named exceptions everywhere (canvas.LAYOUT_ERRORS, fonts.FONT_ERRORS) but one place."""
    catch_alls = []
    for path in sorted(Path(rendermod.__file__).parent.glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"except\s*(\(?\s*(Base)?Exception\b|:)", line):
                catch_alls.append((path.name, n))
    assert len(catch_alls) == 1 and catch_alls[0][0] == "render.py", catch_alls
    source = Path(rendermod.__file__).read_text(encoding="utf-8").splitlines()
    assert "catch-all" in "\n".join(source[catch_alls[0][1] - 8: catch_alls[0][1]])


@pytest.mark.parametrize("error", canvas.LAYOUT_ERRORS, ids=lambda e: e.__name__)
def test_each_layout_error_is_one_fpdf2_really_raises_on_text(error):
    """The named reason behind canvas.LAYOUT_ERRORS: text that makes fpdf2 raise each of them."""
    c = canvas.Canvas(fontsmod.find_fonts(), safe_mode=False, footer_left="", page_label="")
    c.add_page()
    with pytest.raises(error):
        if error is FPDFException:  # a column narrower than one glyph
            c.multi_cell(0.5, 5, "å", markdown=False)
        elif error is ValueError:  # a table row taller than a page
            with c.table(col_widths=(1, 1)) as table:
                table.row(["ord " * 3000, "x"])
        else:  # the bidi algorithm with shaping on 1000+ neutral characters
            if not c.shaping_allowed:
                pytest.skip("uharfbuzz not installed")
            c.shaping(True)
            c.multi_cell(0, 5, HEBREW + " " + "." * 1500, markdown=False)
