"""Draft storage cost, by hand (not in CI).

    python benchmarks/bench_drafts.py [--saves 200] [--sessions 30] [--bursts 5]

1. Save latency: `DraftStore.save()` of the full demo case (encrypt + one UPDATE transaction),
   p50/p95 on a SQLite file and on a throw-away PostgreSQL started like the tests do.
2. The workshop burst: a real `streamlit run` server, `--sessions` websocket sessions (Streamlit's
   own protocol, no browser, as bench_server.py) that each type a new organisation name at the
   same instant, `--bursts` times; latency from sending to `script_finished`, with drafts on
   (every rerun writes the draft, SQLite) and off (`IOP_DRAFTS=false`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iop_core.screening.demo import load_demo  # noqa: E402
from iop_core.storage import DraftStore, make_engine, migrate  # noqa: E402
from tests.servers import Postgres, free_port  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def save_latency(url: str, saves: int) -> tuple[float, float]:
    engine = make_engine(url)
    migrate(engine)
    store = DraftStore(engine, 30)
    screening = load_demo("genuine_iop")
    token, saved = store.create(screening)
    times = []
    for i in range(saves):
        screening.organisation.contact_name = f"Kontakt {i}"
        start = time.perf_counter()
        saved = store.save(token, screening, saved.version)
        times.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return pct(times, 50), pct(times, 95)


# --- the workshop burst -----------------------------------------------------------------------

async def _until_finished(ws, want_input: bool = False):
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    widget_id = None
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
        kind = fm.WhichOneof("type")
        if want_input and kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            if el.WhichOneof("type") == "text_input" and el.text_input.label == "Organisationens namn":
                widget_id = el.text_input.id
        if kind == "script_finished":
            return widget_id


def _rerun(widget_id: str | None = None, value: str = ""):
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()  # no page_name: "start" would run pages/0_start.py alone, without app.py
    msg.rerun_script.context_info.timezone = "Europe/Stockholm"
    if widget_id:
        w = msg.rerun_script.widget_states.widgets.add()
        w.id = widget_id
        w.string_value = value
    return msg.SerializeToString()


async def burst(url: str, sessions: int, bursts: int) -> list[float]:
    import websockets

    conns = [await websockets.connect(url, subprotocols=["streamlit"], max_size=2**28, ping_interval=None)
             for _ in range(sessions)]
    ids = []
    for ws in conns:
        await ws.send(_rerun())
        ids.append(await _until_finished(ws, want_input=True))
    assert all(ids), "the organisation name field was not found"
    times: list[float] = []

    async def one(ws, wid, value):
        start = time.perf_counter()
        await ws.send(_rerun(wid, value))
        await _until_finished(ws)
        times.append((time.perf_counter() - start) * 1000)

    for b in range(bursts):
        await asyncio.sleep(1.0)
        await asyncio.gather(*(one(ws, wid, f"Förening {i} burst {b}") for i, (ws, wid) in enumerate(zip(conns, ids))))
    for ws in conns:
        await ws.close()
    return times


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
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
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    args = parser.parse_args()

    pg = Postgres(durable=True).start()  # fsync on, like a real server
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rows = {"SQLite": save_latency(f"sqlite:///{tmp}/bench.sqlite3", args.saves),
                    "PostgreSQL": save_latency(pg.url(pg.new_database()), args.saves)}
    finally:
        pg.stop()
    print(f"Save latency, full demo case, {args.saves} saves (ms)")
    print("| engine | p50 | p95 |\n|---|---:|---:|")
    for name, (p50, p95) in rows.items():
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")

    results = {}
    for label, drafts in (("off", "false"), ("on", "true")):
        with tempfile.TemporaryDirectory() as tmp:
            proc, url = serve({"IOP_DRAFTS": drafts, "IOP_DATA_DIR": tmp})
            try:
                results[label] = asyncio.run(burst(url, args.sessions, args.bursts))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            if drafts == "true":  # the burst really wrote drafts: one per session, saved every burst
                from sqlalchemy import func, select

                from iop_core.storage.tables import drafts as table

                with make_engine(f"sqlite:///{tmp}/iop.sqlite3").connect() as conn:
                    count, top = conn.execute(select(func.count(), func.max(table.c.version))).one()
                assert count == args.sessions and top == args.bursts, (count, top)
    print(f"\nWorkshop burst: {args.sessions} sessions type at once, {args.bursts} bursts (ms)")
    print("| autosave | p50 | p95 | max |\n|---|---:|---:|---:|")
    for label, times in results.items():
        print(f"| {label} | {pct(times, 50):.0f} | {pct(times, 95):.0f} | {max(times):.0f} |")
    ratio = statistics.median(results["on"]) / statistics.median(results["off"])
    print(f"\nratio on/off (median): {ratio:.2f}×")


if __name__ == "__main__":
    main()
