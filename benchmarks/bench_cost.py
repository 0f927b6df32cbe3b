"""Cost budget per action: the worst valid screening vs a normal one, in the same run.

Run by hand (not in CI):  python benchmarks/bench_cost.py [--runs 3]

"Worst" is tests/support/screenings.py: worst_screening(): every text field at its maximum
(full of the word check's avoid-words and glyphs no font has), 1 000 budget rows, every
document and declaration point answered. "Normal" is the demo case *Läxhjälp i Gränsbyn*.
For each action the script prints CPU time (median of --runs) and peak extra memory
(tracemalloc, a separate run), the ratio worst / normal, and checks the worst case against the
budget in BUDGET (stated in docs/performance.md). It exits 1 if any action is over its budget.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iop_core.report.build import build_report_pdf
from iop_core.rules.assessment import assess_all
from iop_core.rules.wording import _check_text  # its cache is cleared: measure cold
from iop_core.screening.persistence import dump_screening, load_screening
from tests.support.screenings import demo, worst_screening

BUDGET = {  # action: (CPU seconds, extra MB) for the worst valid screening on a 2-vCPU machine
    "load (file → Screening)": (0.5, 50),
    "assess_all (5 frameworks)": (1.0, 50),
    "report PDF": (6.0, 100),
    "page rerun (each page)": (1.0, 50),
}


def _cpu(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def _page_runs(s, runs: int) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    from iop_core.screening.model import STEPS
    from iop_shell.navigation import MODES, PAGE_FILES

    out = {}
    for name in (*STEPS, *MODES):
        path = PAGE_FILES[name]
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.session_state["screening"] = s.model_copy(deep=True)
        at.session_state["screening_generation"] = 1
        at.switch_page(path).run()  # the first run builds the per-session memos
        assert not at.exception, (name, at.exception)
        cpu = _cpu(at.run, runs)
        out[name] = (cpu, _peak_mb(at.run))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # fpdf2's (redacted) missing-glyph warning, once per PDF

    cases = {"normal": demo("genuine_iop"), "worst": worst_screening()}
    actions: dict[str, dict[str, Callable[[], object]]] = {}
    for label, s in cases.items():
        raw = dump_screening(s).encode()
        actions[label] = {
            "load (file → Screening)": lambda raw=raw: load_screening(raw),
            "assess_all (5 frameworks)": lambda s=s: (_check_text.cache_clear(), assess_all(s)),  # cold
            "report PDF": lambda s=s: build_report_pdf(s, "mora"),
        }
        print(f"{label}: saved file {len(raw) / 1024:.0f} kB")

    over = []
    print("\n| action | normal CPU s | worst CPU s | ratio | worst peak MB | budget (s / MB) |")
    print("|---|---:|---:|---:|---:|---|")
    for action, (max_s, max_mb) in BUDGET.items():
        if action not in actions["worst"]:
            continue
        normal = _cpu(actions["normal"][action], args.runs)
        worst = _cpu(actions["worst"][action], args.runs)
        peak = _peak_mb(actions["worst"][action])
        ok = worst <= max_s and peak <= max_mb
        over += [] if ok else [action]
        print(f"| {action} | {normal:.3f} | {worst:.3f} | {worst / max(normal, 1e-6):.1f}× | {peak:.1f} | "
              f"≤ {max_s} / ≤ {max_mb} {'ok' if ok else 'OVER'} |")

    max_s, max_mb = BUDGET["page rerun (each page)"]
    normal_pages = _page_runs(cases["normal"], args.runs)
    worst_pages = _page_runs(cases["worst"], args.runs)
    print("\n| page rerun | normal CPU s | worst CPU s | ratio | worst peak MB | budget (s / MB) |")
    print("|---|---:|---:|---:|---:|---|")
    for name, (worst, peak) in worst_pages.items():
        normal = normal_pages[name][0]
        ok = worst <= max_s and peak <= max_mb
        over += [] if ok else [f"page {name}"]
        print(f"| {name} | {normal:.3f} | {worst:.3f} | {worst / max(normal, 1e-6):.1f}× | {peak:.1f} | "
              f"≤ {max_s} / ≤ {max_mb} {'ok' if ok else 'OVER'} |")
    if over:
        print(f"\nOver budget: {', '.join(over)}")
        return 1
    print("\nEvery action within its budget.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
