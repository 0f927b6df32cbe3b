"""Server rerun latency per page with `runner.postScriptGC` on and off (run by hand, not in CI).

    python benchmarks/bench_server.py [--runs 20]

Starts `streamlit run app.py` on 127.0.0.1 twice (GC on, GC off), opens one websocket session
per page (Streamlit's own protocol, no browser: tests/support/ws.py), reruns each page `--runs`
times with 0.3 s think time and prints the median latency from sending the rerun to
`script_finished`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import stop
from tests.support.ws import PAGES, Session, serve


async def measure(url: str, runs: int) -> dict[str, float]:
    out = {}
    for page in PAGES:
        session = await Session(url).open()
        await session.rerun(page)  # warm-up (imports, first render)
        times = []
        for _ in range(runs):
            await asyncio.sleep(0.3)
            times.append(await session.rerun(page))
        await session.close()
        out[page] = statistics.median(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for gc in (True, False):
        proc, url = serve(options=(f"--runner.postScriptGC={str(gc).lower()}",))
        try:
            results[gc] = asyncio.run(measure(url, args.runs))
        finally:
            stop(proc)
    print(f"runs={args.runs} (median ms, empty screening)")
    print("| page | postScriptGC=true | postScriptGC=false | ratio |")
    print("|---|---:|---:|---:|")
    for page in PAGES:
        on, off = results[True][page] * 1000, results[False][page] * 1000
        print(f"| {page} | {on:.0f} | {off:.0f} | {on / off:.1f}× |")


if __name__ == "__main__":
    main()
