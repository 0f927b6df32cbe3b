"""Write the docs' tables that come from data, so they cannot drift from it.

    python3 scripts/gen_docs.py          # rewrite the generated tables in docs/
    python3 scripts/gen_docs.py --check  # exit 1 (and name the page) if a table differs from the data

Each table sits between two marker comments in its page:

    <!-- generated: parameters (python3 scripts/gen_docs.py) -->
    ...
    <!-- end generated: parameters -->

Only the lines between the markers are written; everything else on the page is prose kept by hand.
tests/core/test_docs.py runs the check, so a changed parameter, framework override or source fails
the suite until the page is regenerated. Reads the data folder the app reads (IOP_CATALOGUE_DIR or
iop_core/data) on today's date, like the app.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere: the data is read through iop_core
    sys.path.insert(0, str(ROOT))


def _number(value: Decimal) -> str:
    """A parameter's value without trailing zeros: 0.6, 300000, 11."""
    return format(Decimal(value).normalize(), "f")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def parameters_table() -> str:
    """Every parameter of data/parameters.toml: its value in force today under each framework
    (a framework's own `[parameters]` value in bold), since when, and its basis."""
    from iop_core.rules.catalogue import frameworks, sources
    from iop_core.rules.parameters import parameters

    fws = sorted(frameworks().values(), key=lambda f: f.order)
    known = sources()
    head = ["parameter", "what it is", *(f.short for f in fws), "since", "basis"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 2 + "---:|" * len(fws) + "---|---|"]
    for name, p in parameters().items():
        values = []
        for f in fws:
            own = name in f.parameters
            text = _number(f.parameter(name))
            values.append(f"**{text}**" if own else text)
        if p.source:
            basis = f"{known[p.source.document].short} {p.source.section}"
        else:
            basis = "appens tolkning"
        row = [f"`{name}`", _cell(p.description), *values, p.since.isoformat(), _cell(basis)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def sources_table() -> str:
    """Every source of data/sources.toml a citation may name, with the sections it may cite."""
    from iop_core.rules.catalogue import sources

    lines = ["| id | short | document | sections a citation may name |", "|---|---|---|---|"]
    for sid, s in sources().items():
        sections = "any" if s.any_section else ", ".join(s.sections)
        lines.append(f"| `{sid}` | {_cell(s.short)} | {_cell(s.title)} | {_cell(sections)} |")
    return "\n".join(lines)


TABLES = {  # page under docs/ -> {marker name: function}
    "verdict.md": {"parameters": parameters_table, "sources": sources_table},
}


def _block(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- generated: {name} [^>]*-->\n)(.*?)(<!-- end generated: {name} -->)", re.DOTALL)


def render(text: str, tables: dict) -> str:
    """`text` with the lines between each table's markers replaced by the table made from data."""
    for name, make in tables.items():
        pattern = _block(name)
        if not pattern.search(text):
            raise SystemExit(f"marker <!-- generated: {name} ... --> missing")
        text = pattern.sub(lambda m, make=make: m.group(1) + "\n" + make() + "\n\n" + m.group(3), text)
    return text


def stale_pages(docs: Path = ROOT / "docs") -> list[str]:
    """The pages whose generated tables differ from what the data gives now."""
    return [page for page, tables in TABLES.items()
            if render((docs / page).read_text(encoding="utf-8"), tables) != (docs / page).read_text(encoding="utf-8")]


def main(argv: list[str]) -> int:
    docs = ROOT / "docs"
    if "--check" in argv:
        stale = stale_pages(docs)
        for page in stale:
            print(f"docs/{page}: a generated table differs from the data; run python3 scripts/gen_docs.py")
        return 1 if stale else 0
    for page, tables in TABLES.items():
        path = docs / page
        path.write_text(render(path.read_text(encoding="utf-8"), tables), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
