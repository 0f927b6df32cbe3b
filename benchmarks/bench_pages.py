"""Rerun benchmark: every page on a full demo case vs a bare page with as many widgets.

Run by hand (not in CI):  python benchmarks/bench_pages.py [--runs 15] [--case genuine_iop]

For each page, AppTest reruns the real app (router + sidebar + page) with the demo case in
session state and takes the median wall time of `run()`. In the same process it builds a bare
Streamlit script with the same number of widgets (text inputs) and markdown elements, reruns
that the same way, and prints the ratio page / bare twin. Ratios, not absolute times, are the
figure to compare between machines. `--gc` toggles `runner.postScriptGC` for both.

AppTest compiles every script again on each `run()` (a fresh ScriptCache per run); a server
compiles each file once. Both sides here share one cache, as a server does: otherwise a long page
file pays its own compilation on every rerun (Budget's 500 lines: half its time in AppTest).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit.testing.v1.app_test as app_test
import streamlit.testing.v1.local_script_runner as local_script_runner
from streamlit import config
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

_SHARED_CACHE = ScriptCache()
app_test.ScriptCache = lambda: _SHARED_CACHE  # compile once, as the server does (see above);
local_script_runner.ScriptCache = lambda: _SHARED_CACHE  # the runner makes its own since 1.67

from iop_core.screening.demo import load_demo

PAGES = {
    "Start": "pages/0_start.py",
    "Initiativet": "pages/1_initiative.py",
    "Dokument": "pages/2_documents.py",
    "Värdegrund": "pages/3_values.py",
    "Budget": "pages/4_budget.py",
    "Sammanfattning": "pages/5_summary.py",
    "Avtalsutkast": "pages/6_agreement.py",
    "Snabbtriage": "pages/7_triage.py",
    "Utbildning": "pages/8_trainer.py",
}
WIDGET_TYPES = {
    "text_input", "text_area", "number_input", "radio", "selectbox", "checkbox", "toggle", "button",
    "download_button", "date_input", "file_uploader", "data_editor", "multiselect", "slider",
}


def _median_runs(ats: tuple[AppTest, AppTest], runs: int) -> tuple[float, float]:
    """Median rerun of each, their runs interleaved: a drift of the machine's speed (a shared VM,
    another process) then touches both sides alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for at, out in zip(ats, times, strict=True):
            start = time.perf_counter()
            at.run()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def _count(at: AppTest) -> tuple[int, int]:
    widgets = other = 0

    def walk(node) -> None:
        nonlocal widgets, other
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", "")
            if kind in WIDGET_TYPES:
                widgets += 1
            elif kind not in ("block", "special_block"):
                other += 1
            walk(child)

    walk(at._tree)
    return widgets, other


def _bare_twin(widgets: int, other: int) -> str:
    lines = ["import streamlit as st"]
    lines += [f"st.text_input('Fält {i}', key='w{i}')" for i in range(widgets)]
    lines += [f"st.markdown('Text {i}')" for i in range(other)]
    return "\n".join(lines)


def _sidebar_count() -> tuple[int, int]:
    """Widgets and elements of the sidebar. AppTest shows the entrypoint's sidebar only before
    the first page switch, so it is counted once here and added to every page's twin."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    counts = [0, 0]
    for child in at.sidebar.children.values():
        counts[0 if getattr(child, "type", "") in WIDGET_TYPES else 1] += 1
    return counts[0], counts[1]


def bench(case: str, runs: int) -> list[tuple[str, float, float, int]]:
    rows = []
    side_widgets, side_other = _sidebar_count()
    for title, path in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.session_state["screening"] = load_demo(case)
        at.session_state["screening_generation"] = 1
        at.switch_page(path).run()
        if at.exception:
            raise SystemExit(f"{title}: {at.exception[0].message}")
        widgets, other = _count(at)
        widgets, other = widgets + side_widgets, other + side_other
        twin = AppTest.from_string(_bare_twin(widgets, other), default_timeout=60)
        twin.run()
        page_time, twin_time = _median_runs((at, twin), runs)
        rows.append((title, page_time, twin_time, widgets))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--case", default="genuine_iop")
    parser.add_argument("--gc", choices=["on", "off"], default="off")
    args = parser.parse_args()
    config.set_option("runner.postScriptGC", args.gc == "on")
    rows = bench(args.case, args.runs)
    print(f"case={args.case} runs={args.runs} postScriptGC={args.gc}")
    print("| page | widgets | median rerun (ms) | bare twin (ms) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for title, page_time, twin_time, widgets in rows:
        print(f"| {title} | {widgets} | {page_time * 1000:.0f} | {twin_time * 1000:.0f} | {page_time / twin_time:.2f}× |")


if __name__ == "__main__":
    main()
