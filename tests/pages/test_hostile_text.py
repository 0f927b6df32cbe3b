"""A markdown/HTML/autolink payload in every text field renders as text on every page (issue #12).

Each markdown string the pages draw is parsed with markdown-it (CommonMark, as Streamlit's
react-markdown) and its text is searched with the autolink-literal patterns of remark-gfm
(mdast-util-gfm-autolink-literal), which find links in text *after* escapes are resolved.
"""

from __future__ import annotations

import re

import pytest

from iop_core.text import WORD_JOINER, plain
from tests.support.apptest import PAGES, app, problems
from tests.support.screenings import MARK, PAYLOAD, hostile_screening, worst_screening


def test_the_checker_sees_what_the_fix_prevents():
    # Escaping alone (the old plain()) still left remark-gfm autolinks: the checker must say so.
    escaped = re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", PAYLOAD)
    assert any(p.startswith("autolink") for p in problems(escaped))
    assert {"link_open", "image", "html_inline", "directive"} <= {p.split(":")[0] for p in problems(PAYLOAD)}
    assert problems(plain(PAYLOAD)) == []
    assert MARK in plain(PAYLOAD) and WORD_JOINER in plain(PAYLOAD)


def rendered(at) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader")
    texts = [e.value for kind in kinds for e in getattr(at, kind) if not e.value.startswith("<style>")]  # app CSS
    return texts + [e.label for e in at.expander]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_payload_in_every_field_renders_as_text(page, lang):
    s = hostile_screening()
    s.language = lang
    at = app(s, page)
    texts = rendered(at)
    found = {t: problems(t) for t in texts}
    assert {t[:80]: p for t, p in found.items() if p} == {}
    if page in SHOWS_USER_TEXT:
        assert any(MARK in t for t in texts), "the payload must reach the page for this test to mean anything"


SHOWS_USER_TEXT = {"documents", "values", "budget", "summary"}


@pytest.mark.parametrize("page", list(PAGES))
def test_worst_valid_screening_renders_on_every_page(page):
    at = app(worst_screening(), page)  # app() asserts no exception
    assert rendered(at)
