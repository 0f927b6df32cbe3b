"""What Streamlit itself costs per element kind, on one server (run by hand).

    python benchmarks/bench_elements.py [--sessions 10] [--bursts 6] [--count 50]

Writes a bare multipage app to a temporary folder (with the app's .streamlit/config.toml): one
page per element kind the app draws, each drawing `--count` of that kind and nothing else. Serves
it with `streamlit run` on 127.0.0.1 and opens `--sessions` websocket sessions (tests/support/ws.py).
Then `--bursts` times, kind after kind (so a machine whose speed drifts slows every kind alike):
all sessions rerun the page at once, and the server's CPU time per rerun is noted. Prints the
median per kind, per element, and against a page of text inputs (the twins of bench_workshop.py
are text inputs, markdown and containers). Re-measure after a Streamlit upgrade: it tells which
kinds make a page dearer than its twin.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _stats import cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import stop
from tests.support.ws import Session, serve

KINDS = {  # url path -> one element of the kind (`i` is its number on the page)
    "text_input": "st.text_input(f'Fråga {i}', key=f'q{i}')",
    "markdown": "st.markdown(f'Text **{i}** med lite mer text')",
    "caption": "st.caption(f'Text {i}')",
    "alert": "st.info(f'Text {i}')",
    "html": "st.html(f'<span>{i}</span>')",
    "container": "st.container()",
    "keyed_container": "st.container(key=f'c{i}')",
    "columns": "st.columns(2)",
    "expander": "st.expander(f'Ruta {i}')",
    "lazy_expander": "st.expander(f'Ruta {i}', key=f'e{i}', on_change='rerun')",  # iop_shell.ui.lazy_expander
    "radio": "st.radio(f'Fråga {i}', ['Ja', 'Nej', 'Vet inte'], index=None, key=f'r{i}')",
    "selectbox": "st.selectbox(f'Fråga {i}', ['Ja', 'Nej', 'Vet inte'], key=f's{i}')",
    "number_input": "st.number_input(f'Tal {i}', key=f'n{i}')",
    "text_area": "st.text_area(f'Text {i}', key=f't{i}')",
    "checkbox": "st.checkbox(f'Ruta {i}', key=f'x{i}')",
    "button": "st.button(f'Knapp {i}', key=f'b{i}')",
    "page_link": "st.page_link('pages/markdown.py', label=f'Länk {i}')",
}


def write_app(folder: Path, count: int) -> Path:
    (folder / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / "pages").mkdir()
    for kind, element in KINDS.items():
        (folder / "pages" / f"{kind}.py").write_text(
            f"import streamlit as st\n\nfor i in range({count}):\n    {element}\n", encoding="utf-8")
    (folder / "app.py").write_text("import streamlit as st\n\nst.title('Element')\n", encoding="utf-8")
    return folder / "app.py"


async def measure(url: str, proc, n_sessions: int, n_bursts: int) -> dict[str, list[float]]:
    """Server CPU seconds per rerun, per kind, one figure per burst."""
    sessions = [await Session(url).open() for _ in range(n_sessions)]
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(n_bursts):
        for kind in KINDS:
            await asyncio.gather(*(s.rerun(kind) for s in sessions))  # arrive on the page (a first visit)
            before = cpu_seconds(proc)
            await asyncio.gather(*(s.rerun(kind) for s in sessions))  # the measured rerun
            cpu[kind].append((cpu_seconds(proc) - before) / n_sessions)
    for s in sessions:
        await s.close()
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--bursts", type=int, default=6)
    parser.add_argument("--count", type=int, default=50, help="elements on each page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = write_app(Path(tmp), args.count)
        proc, url = serve(script, Path(tmp))
        try:
            cpu = asyncio.run(measure(url, proc, args.sessions, args.bursts))
        finally:
            stop(proc)
    base = statistics.median(cpu["text_input"])
    print(f"{args.count} elements a page, {args.sessions} sessions, {args.bursts} bursts; server CPU per rerun (median)")
    print("| kind | ms a rerun | ms an element | against text inputs |")
    print("|---|---:|---:|---:|")
    for kind, figures in cpu.items():
        median = statistics.median(figures)
        print(f"| {kind} | {median * 1000:.1f} | {median * 1000 / args.count:.2f} | {median / base:.2f}× |")


if __name__ == "__main__":
    main()
