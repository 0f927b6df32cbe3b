"""Draft storage cost, by hand (not in CI).

    python benchmarks/bench_drafts.py [--saves 200] [--sessions 30] [--bursts 5]

1. Save latency: `DraftStore.save()` of the full demo case (encrypt + one UPDATE transaction),
   p50/p95 on a SQLite file and on a throw-away PostgreSQL started like the tests do.
2. The workshop burst: a real `streamlit run` server, `--sessions` websocket sessions (Streamlit's
   own protocol, no browser: tests/support/ws.py) that each type a new organisation name at the
   same instant, `--bursts` times; latency from sending to `script_finished`, with drafts on
   (every rerun writes the draft, SQLite) and off (`IOP_DRAFTS=false`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _stats import percentile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iop_core.screening.demo import load_demo
from iop_core.storage import DraftStore, make_engine, migrate
from tests.support.servers import Postgres, stop
from tests.support.ws import Session, serve


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
    return percentile(times, 0.5), percentile(times, 0.95)


# --- the workshop burst -----------------------------------------------------------------------

NAME = "Organisationens namn"  # the Start page's text input every session types into


async def burst(url: str, sessions: int, bursts: int) -> list[float]:
    conns = [await Session(url).open() for _ in range(sessions)]
    for s in conns:
        await s.rerun()  # the default page (Start)
    assert all(NAME in s.labels for s in conns), "the organisation name field was not found"
    times: list[float] = []

    async def one(s: Session, value: str) -> None:
        times.append(await s.type(NAME, value) * 1000)

    for b in range(bursts):
        await asyncio.sleep(1.0)
        await asyncio.gather(*(one(s, f"Förening {i} burst {b}") for i, s in enumerate(conns)))
    for s in conns:
        await s.close()
    return times


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
            proc, url = serve(env={"IOP_DRAFTS": drafts, "IOP_DATA_DIR": tmp})
            try:
                results[label] = asyncio.run(burst(url, args.sessions, args.bursts))
            finally:
                stop(proc)
            if drafts == "true":  # the burst really wrote drafts: one per session, saved every burst
                from sqlalchemy import func, select

                from iop_core.storage.tables import drafts as table

                with make_engine(f"sqlite:///{tmp}/iop.sqlite3").connect() as conn:
                    count, top = conn.execute(select(func.count(), func.max(table.c.version))).one()
                assert count == args.sessions and top == args.bursts, (count, top)
    print(f"\nWorkshop burst: {args.sessions} sessions type at once, {args.bursts} bursts (ms)")
    print("| autosave | p50 | p95 | max |\n|---|---:|---:|---:|")
    for label, times in results.items():
        print(f"| {label} | {percentile(times, 0.5):.0f} | {percentile(times, 0.95):.0f} | {max(times):.0f} |")
    ratio = statistics.median(results["on"]) / statistics.median(results["off"])
    print(f"\nratio on/off (median): {ratio:.2f}×")


if __name__ == "__main__":
    main()
