"""The README and docs/ stay true (issue #25 point 3): the README fits on a screen, every relative
link resolves inside the repository (to a heading that exists, when it names one), the tables made
from data equal what scripts/gen_docs.py makes from the data now, and nothing points to a notes
file outside the repository."""

from __future__ import annotations

import importlib.util
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
CODE = re.compile(r"`[^`\n]*`")


def _gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def _links(page: Path) -> list[str]:
    text = CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))
    return [m.group(1) for m in LINK.finditer(text)]


def test_the_readme_fits_on_a_screen_of_150_lines():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move detail into docs/"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_inside_the_repository(page):
    broken = []
    for link in _links(page):
        if re.match(r"^[a-z]+:", link):  # https:, mailto: - not a file of the repository
            continue
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.is_relative_to(ROOT) or not target.exists():
            broken.append(f"{link}: no such file in the repository")
        elif anchor and target.suffix == ".md" and anchor not in _anchors(target):
            broken.append(f"{link}: no heading #{anchor} in {target.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: {broken}"


def test_the_link_check_reads_headings_as_github_does_and_sees_a_file_outside():
    """The tripwire itself, on a page of its own."""
    page = ROOT / "docs" / "verdict.md"
    assert "parameters" in _anchors(page)
    assert _slug("Downloads at /media/ only on click") == "downloads-at-media-only-on-click"
    assert _slug("Switching on the council's register") == "switching-on-the-councils-register"
    outside = (page.parent / "../../elsewhere/notes.md").resolve()
    assert not outside.is_relative_to(ROOT)


def test_the_tables_made_from_data_are_what_the_data_gives_now():
    gen = _gen_docs()
    assert not gen.stale_pages(), "run python3 scripts/gen_docs.py and commit the docs it rewrites"


def test_the_generated_tables_follow_a_change_in_the_data(monkeypatch):
    """A parameter a framework sets for itself shows in bold in its column, and the check then
    sees the page as stale: the test above fails on a data change until the page is rewritten."""
    gen = _gen_docs()
    from iop_core.rules.catalogue import frameworks

    mora = frameworks()["mora"]
    changed = mora.model_copy(update={"parameters": {**mora.parameters, "short_term_years": Decimal(3)}})
    every = frameworks()
    monkeypatch.setattr("iop_core.rules.catalogue.frameworks", lambda: {**every, "mora": changed})
    row = next(line for line in gen.parameters_table().splitlines() if "`short_term_years`" in line)
    assert "**3**" in row
    assert gen.stale_pages() == ["verdict.md"]


def test_nothing_refers_to_notes_outside_the_repository():
    names = ("STREAMLIT" + "-NOTES", "../" + "shared", "DOMAIN" + ".md", "STYLE" + ".md")
    folders = ("iop_core", "iop_shell", "pages", "tests", "benchmarks", "scripts", "deploy", "docs", ".streamlit", ".ci")
    files = [*PAGES, *ROOT.glob("*.py"), *ROOT.glob("*.txt")]
    for folder in folders:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in ("", ".py", ".md", ".toml", ".conf", ".sh")]
    found = [f"{p.relative_to(ROOT)}: {name}" for p in files for name in names
             if name in p.read_text(encoding="utf-8", errors="replace")]
    assert not found, found
