"""Workshop load: 30 people on one server, all rerunning the same page at once (run by hand).

    python benchmarks/bench_workshop.py [--sessions 30] [--bursts 5]

Starts `streamlit run app.py` on 127.0.0.1 and, in the same run, a bare Streamlit page of 50
text inputs (written to a temporary folder, with the app's .streamlit/config.toml). Opens `--sessions` websocket sessions (Streamlit's
own protocol, no browser), opens the demo case "Läxhjälp i Gränsbyn" in each of them (the Start
page's button, as a click), then for every page: all sessions rerun that page at the same
moment, `--bursts` times. Prints p50/p95 of the time from sending the rerun to
`script_finished`, per page, beside the bare page's, and the ratio of the p95s. Traffic stays on
loopback. Needs `websockets` (a dependency of Streamlit).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["start", "initiative", "documents", "values", "budget", "summary", "agreement", "triage", "trainer"]
DEMO_BUTTON = "demo_genuine_iop"  # pages/0_start.py: the "Öppna exemplet" button of Läxhjälp i Gränsbyn
BARE = "import streamlit as st\n\nfor i in range(50):\n    st.text_input(f'Fråga {i}', key=f'q{i}')\n"


class Session:
    def __init__(self, url: str) -> None:
        self.url, self.ws, self.ids = url, None, {}

    async def open(self) -> None:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**28, ping_interval=None)

    async def rerun(self, page: str = "", widgets: list[WidgetState] | None = None) -> float:
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.context_info.timezone = "Europe/Stockholm"
        msg.rerun_script.context_info.locale = "sv-SE"
        if widgets:
            msg.rerun_script.widget_states.widgets.extend(widgets)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), 300))
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                element = fm.delta.new_element
                widget_id = getattr(getattr(element, element.WhichOneof("type")), "id", "")
                if widget_id:
                    self.ids[widget_id.rsplit("-", 1)[-1]] = widget_id
            elif kind == "script_finished":
                return time.perf_counter() - start

    async def click(self, key: str, page: str) -> None:
        state = WidgetState()
        state.id = self.ids[key]
        state.trigger_value = True
        await self.rerun(page, [state])


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def serve(script: Path, cwd: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc, f"ws://127.0.0.1:{port}/_stcore/stream"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not start")


async def bursts(sessions: list[Session], page: str, n: int) -> list[float]:
    await asyncio.gather(*(s.rerun(page) for s in sessions))  # everyone is on the page
    times: list[float] = []
    for _ in range(n):
        await asyncio.sleep(0.5)
        times += await asyncio.gather(*(s.rerun(page) for s in sessions))
    return times


async def workshop(url: str, n_sessions: int, n_bursts: int) -> dict[str, list[float]]:
    sessions = [Session(url) for _ in range(n_sessions)]
    for s in sessions:
        await s.open()
        await s.rerun("start")
        await s.click(DEMO_BUTTON, "start")  # the demo case, as in a workshop
    return {page: await bursts(sessions, page, n_bursts) for page in PAGES}


async def bare(url: str, n_sessions: int, n_bursts: int) -> list[float]:
    sessions = [Session(url) for _ in range(n_sessions)]
    for s in sessions:
        await s.open()
        await s.rerun()
    return await bursts(sessions, "", n_bursts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        (Path(tmp) / ".streamlit").mkdir()  # the same server settings as the app (postScriptGC off, …)
        shutil.copy(ROOT / ".streamlit" / "config.toml", Path(tmp) / ".streamlit" / "config.toml")
        proc, url = serve(script, Path(tmp))
        try:
            base = asyncio.run(bare(url, args.sessions, args.bursts))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    proc, url = serve(ROOT / "app.py", ROOT)
    try:
        pages = asyncio.run(workshop(url, args.sessions, args.bursts))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    b50, b95 = statistics.median(base), percentile(base, 0.95)
    print(f"{args.sessions} sessions, {args.bursts} bursts each; seconds from rerun to script_finished")
    print("| page | p50 | p95 | bare page p50 | bare page p95 | p95 ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for page, times in pages.items():
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        print(f"| {page} | {p50:.2f} | {p95:.2f} | {b50:.2f} | {b95:.2f} | {p95 / b95:.2f}× |")


if __name__ == "__main__":
    main()
