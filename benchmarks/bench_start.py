"""The first visitor after a start: how long until the Start page is drawn (run by hand).

    python benchmarks/bench_start.py [--trials 5]

For each way of serving — a bare page (a heading and 50 text inputs), `streamlit run app.py` and
`streamlit run serve.py` (which warms the process up before it serves: serve.py `warm_up`) — starts
a fresh server `--trials` times on 127.0.0.1 and measures, with Streamlit's own protocol (no
browser: tests/support/ws.py), the first session's first run of the default page (from sending
the rerun to `script_finished`) and a second session's first run. Prints medians and the ratio
of each first run to the bare page's, measured in the same run, one after the other.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import stop
from tests.support.ws import Session, serve

BARE = "import streamlit as st\n\nst.title('Start')\nfor i in range(50):\n    st.text_input(f'Fråga {i}', key=f'q{i}')\n"


async def first_runs(url: str) -> tuple[float, float]:
    """The first run of the first session in the process, and of a second session after it."""
    first = await Session(url).open()
    cold = await first.rerun("")
    second = await Session(url).open()
    warm = await second.rerun("")
    await first.close()
    await second.close()
    return cold, warm


def trial(script: Path, cwd: Path) -> tuple[float, float, float]:
    started = time.perf_counter()
    proc, url = serve(script, cwd)
    up = time.perf_counter() - started
    try:
        cold, warm = asyncio.run(first_runs(url))
    finally:
        stop(proc)
    return up, cold, warm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        (Path(tmp) / ".streamlit").mkdir()  # the same server settings as the app
        shutil.copy(ROOT / ".streamlit" / "config.toml", Path(tmp) / ".streamlit" / "config.toml")
        ways = {"bare page": (bare, Path(tmp)), "app.py": (ROOT / "app.py", ROOT), "serve.py": (ROOT / "serve.py", ROOT)}
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in ways}
        for _ in range(args.trials):  # interleaved: a change in the machine's load hits every way alike
            for name, (script, cwd) in ways.items():
                results[name].append(trial(script, cwd))
    medians = {name: [statistics.median(r[i] for r in rows) for i in range(3)] for name, rows in results.items()}
    bare_first = medians["bare page"][1]
    print(f"{args.trials} fresh servers each; medians in seconds")
    print("| served as | server up | first visitor's first run | ratio to bare | second visitor's first run |")
    print("|---|---:|---:|---:|---:|")
    for name, (up, cold, warm) in medians.items():
        print(f"| {name} | {up:.2f} | {cold:.2f} | {cold / bare_first:.2f}× | {warm:.2f} |")


if __name__ == "__main__":
    main()
