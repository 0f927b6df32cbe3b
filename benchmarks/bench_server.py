"""Server rerun latency per page with `runner.postScriptGC` on and off (run by hand, not in CI).

    python benchmarks/bench_server.py [--runs 20]

Starts `streamlit run app.py` on 127.0.0.1 twice (GC on, GC off), opens one websocket session
per page (Streamlit's own protocol, no browser; the client is adapted from the load-test client
shipped beside the project), reruns each page `--runs` times with 0.3 s think time and prints
the median latency from sending the rerun to `script_finished`. Needs `websockets` (a
dependency of Streamlit).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["start", "initiative", "documents", "values", "budget", "summary", "agreement", "triage", "trainer"]


async def rerun(ws, page: str) -> float:
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.context_info.timezone = "Europe/Stockholm"
    msg.rerun_script.context_info.locale = "sv-SE"
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
        if fm.WhichOneof("type") == "script_finished":
            return time.perf_counter() - start


async def measure(url: str, runs: int) -> dict[str, float]:
    out = {}
    for page in PAGES:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**28, ping_interval=None) as ws:
            await rerun(ws, page)  # warm-up (imports, first render)
            times = []
            for _ in range(runs):
                await asyncio.sleep(0.3)
                times.append(await rerun(ws, page))
            out[page] = statistics.median(times)
    return out


def serve(gc: bool) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", f"--runner.postScriptGC={str(gc).lower()}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc, f"ws://127.0.0.1:{port}/_stcore/stream"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for gc in (True, False):
        proc, url = serve(gc)
        try:
            results[gc] = asyncio.run(measure(url, args.runs))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"runs={args.runs} (median ms, empty screening)")
    print("| page | postScriptGC=true | postScriptGC=false | ratio |")
    print("|---|---:|---:|---:|")
    for page in PAGES:
        on, off = results[True][page] * 1000, results[False][page] * 1000
        print(f"| {page} | {on:.0f} | {off:.0f} | {on / off:.1f}× |")


if __name__ == "__main__":
    main()
