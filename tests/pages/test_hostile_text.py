"""A markdown/HTML/autolink payload in every text field renders as text on every page (issue #12).

Each markdown string the pages draw is parsed with markdown-it (CommonMark, as Streamlit's
react-markdown) and its text is searched with the autolink-literal patterns of remark-gfm
(mdast-util-gfm-autolink-literal), which find links in text *after* escapes are resolved.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from iop_core.model import DOCUMENT_IDS, OUTLINE_SECTION_IDS, BudgetDraft, BudgetLine, DocumentEntry, Screening
from iop_core.text import WORD_JOINER, plain
from tests.pages.helpers import PAGES, app, problems

MARK = "PAYLOADMARK"
PAYLOAD = (f"{MARK} https://evil.example/login www.evil.example evil@evil.example ![x](http://127.0.0.1:9/t.png) "
           "[klicka här](https://evil.example/login) <img src=x onerror=alert(1)> <b>fet</b> "
           "<https://evil.example/a> :red[röd] :material/home: **fet**")

def test_the_checker_sees_what_the_fix_prevents():
    # Escaping alone (the old plain()) still left remark-gfm autolinks: the checker must say so.
    escaped = re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", PAYLOAD)
    assert any(p.startswith("autolink") for p in problems(escaped))
    assert {"link_open", "image", "html_inline", "directive"} <= {p.split(":")[0] for p in problems(PAYLOAD)}
    assert problems(plain(PAYLOAD)) == []
    assert MARK in plain(PAYLOAD) and WORD_JOINER in plain(PAYLOAD)


def hostile_screening() -> Screening:
    p = PAYLOAD
    s = Screening(framework="mora", role="organisation")
    for part in (s.organisation, s.initiative, s.value_declaration, s.budget.terms, s.agreement, s.meeting):
        for name, field in type(part).model_fields.items():
            if field.annotation is str:
                setattr(part, name, p)
    s.value_declaration.signed_on = date(2026, 1, 1)
    s.documents = {d: DocumentEntry(status="missing", reason=p) for d in DOCUMENT_IDS}
    s.agreement.sections = {sid: p for sid in OUTLINE_SECTION_IDS}
    s.budget.lines = [BudgetLine(party="organisation", category="other", other_text=p, kind="money",
                                 quantity=Decimal(1), unit="kr", unit_value=Decimal(100), year=2026, note=p)]
    s.budget.drafts = [BudgetDraft(**{name: p for name in BudgetDraft.model_fields})]
    s.initiative.challenge = "uppdrag och vite " + p
    return s


def rendered(at) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader")
    texts = [e.value for kind in kinds for e in getattr(at, kind) if not e.value.startswith("<style>")]  # app CSS
    return texts + [e.label for e in at.expander]


@pytest.mark.parametrize("page", list(PAGES))
def test_payload_in_every_field_renders_as_text(page):
    at = app(hostile_screening(), page)
    texts = rendered(at)
    found = {t: problems(t) for t in texts}
    assert {t[:80]: p for t, p in found.items() if p} == {}
    if page in SHOWS_USER_TEXT:
        assert any(MARK in t for t in texts), "the payload must reach the page for this test to mean anything"


SHOWS_USER_TEXT = {"documents", "values", "budget", "summary"}
