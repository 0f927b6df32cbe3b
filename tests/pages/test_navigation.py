"""One list of pages (issue #14): STEPS gives the walk's order, iop_shell/navigation.py PAGE_FILES each page's
file; the sidebar, the "Nästa" links and every link between pages are built from them."""

from __future__ import annotations

import re

import pytest

from iop_core.screening.model import STEPS
from iop_shell.navigation import MODES, PAGE_FILES, REGISTER
from tests.support import ROOT
from tests.support.apptest import app
from tests.support.screenings import demo


def test_every_page_file_is_listed_once_and_every_listed_page_has_its_file():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_")}
    assert set(PAGE_FILES.values()) == on_disk
    assert list(PAGE_FILES) == [*STEPS, *MODES, *REGISTER]


def test_no_file_in_pages_takes_another_files_address():
    """Until a session has called st.navigation after a server start, Streamlit serves every file
    of pages/ at its name without number and underscores: a helper pages/_values.py beside
    pages/3_values.py makes that first run fail for everyone ("duplicate url path"), and the app
    stays broken until a restart. docs/architecture.md "Pages and navigation"."""
    from streamlit.source_util import page_icon_and_name

    names = [page_icon_and_name(path)[1] for path in sorted((ROOT / "pages").glob("*.py"))]
    assert len(names) == len(set(names)), sorted(names)
    assert {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if page_icon_and_name(p)[1] in PAGE_FILES} \
        == set(PAGE_FILES.values())  # a page's id is the address Streamlit gives its file


def test_no_page_names_another_by_its_file():
    """Pages link by id (page_link, next_link); only PAGE_FILES knows the files."""
    found = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "iop_shell").glob("*.py"))]:
        if path.name == "navigation.py":
            continue
        found += [f"{path.name}: {m}" for m in re.findall(r"""["']pages/\w+\.py["']""", path.read_text(encoding="utf-8"))]
    assert not found


def _listed(monkeypatch) -> tuple[list[tuple[str, str]], dict]:
    """The pages app.py hands to st.navigation (title, address) and how it asks them drawn."""
    import streamlit as st

    seen: dict = {}
    original = st.navigation

    def recording(pages, **kwargs):
        seen["pages"], seen["kwargs"] = [(p.title, p.url_path) for p in pages], kwargs
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    at = app()
    assert not at.exception, at.exception
    return seen["pages"], seen["kwargs"]


def test_the_sidebar_lists_the_pages_in_the_order_of_the_walk(monkeypatch):
    """Streamlit's own list, flat and whole (a sectioned one fails axe-core `list`; one of our own
    cost a message per link on every rerun): docs/accessibility.md, docs/performance.md."""
    pages, kwargs = _listed(monkeypatch)
    assert [title for title, _ in pages] == [
        "Start", "1. Initiativet", "2. Dokument", "3. Värdegrund", "4. Budget", "5. Sammanfattning", "6. Avtalsutkast",
        "Snabbtriage", "Utbildning",
    ]
    assert [address for _, address in pages] == ["", *STEPS[1:], *MODES]  # Start is the default page: "/"
    assert kwargs == {"expanded": True}  # in the sidebar, every page shown (no "View more")


def test_the_sidebar_lists_the_councils_pages_when_the_register_is_on(monkeypatch, tmp_path):
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("IOP_REGISTER", "true")
    pages, _ = _listed(monkeypatch)
    assert [title for title, _ in pages][-2:] == ["Ärenden", "Årlig uppföljning"]


@pytest.mark.parametrize("step", STEPS[:-1])
def test_every_step_leads_on_to_the_next_step_of_the_walk(step):
    following = STEPS[STEPS.index(step) + 1]
    at = app(demo("genuine_iop"), step)
    assert not at.exception, at.exception
    targets = [link.proto.page for link in at.main.get("page_link")]
    assert following in targets, (step, targets)


@pytest.mark.parametrize("step", ["documents", "values", "budget"])  # Initiativet: by question, and words inline
@pytest.mark.parametrize("case", ["disguised_procurement", "public_pays_all", "unsigned_declaration"])
def test_a_steps_page_shows_every_finding_of_its_step(case, step):
    """What can mark a step "Behöver åtgärdas" (its serious findings) is on its page, with the rest
    of its findings: the page uses Assessment.findings_for(step), not a list of rule ids."""
    from iop_core.rules.assessment import assess
    from iop_core.text import plain

    s = demo(case)
    at = app(s, step)
    shown = " ".join(str(e.value) for kind in ("error", "warning", "info", "success") for e in at.main.get(kind))
    expected = assess(s).findings_for(step)
    assert [f.rule_id for f in expected if plain(f.title) not in shown] == []
