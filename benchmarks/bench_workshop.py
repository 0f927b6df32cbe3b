"""Workshop load: 30 people on one server, all rerunning the same page at once (run by hand).

    python benchmarks/bench_workshop.py [--sessions 30] [--bursts 5] [--pages budget,summary] [--through-nginx]

Starts `streamlit run app.py` on 127.0.0.1 (its drafts in a temporary folder) and, beside it, a
bare Streamlit page of 50 text inputs (written to that folder, with the app's
.streamlit/config.toml). Opens `--sessions` websocket sessions on each (Streamlit's own protocol,
no browser: tests/support/ws.py) and opens the demo case "Läxhjälp i Gränsbyn" in each app session (the Start
page's button, as a click). Then for every page, `--bursts` times: all app sessions rerun that
page at the same moment, and right after, all bare sessions rerun the bare page the same way.
The bursts alternate, so a machine whose speed changes during the run slows both sides alike.
Prints p50/p95 of the time from sending the rerun to `script_finished`, per page, beside the
bare page's, the ratio of the p95s, and the server's CPU time per rerun (less sensitive to other
load on the machine than the latencies). Traffic stays on loopback.

`--twins`: instead of the one bare page, each page beside its own bare twin: a page of as many text
inputs, markdown texts and empty containers as the page drew widgets, other elements and blocks
in its last run (counted from the deltas), served by one process with the same settings. The
issue's CPU target (#24: at most 1.3× "the bare page with the same number of elements") is
read from this table.

`--through-nginx`: the deployment of deploy/nginx.conf instead of one process — two app processes
(one per core of a 2-vCPU server) with their drafts in one database (SQLite in a temporary
folder), behind Debian's nginx running the shipped configuration; the sessions connect to nginx,
which spreads them over both processes (the benchmark prints how: the cookie each handshake got),
and the CPU column is both processes' time together. The baseline (the bare page, or with
`--twins` each page's twin) is served the same way, by two processes behind its own nginx, so
each page is compared with what Streamlit alone does for a page of its size in that deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _stats import cpu_seconds, percentile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import Nginx, free_port, start_streamlit, stop
from tests.support.ws import PAGES, Session, serve

DEMO_BOX, DEMO_BUTTON = "demo_case_genuine_iop", "demo_genuine_iop"  # pages/0_start.py: Läxhjälp i Gränsbyn
BARE = "import streamlit as st\n\nfor i in range(50):\n    st.text_input(f'Fråga {i}', key=f'q{i}')\n"


@dataclass
class Server:
    procs: list[subprocess.Popen]  # one, or the app processes behind nginx
    sessions: list[Session]

    def cpu(self) -> float:
        return sum(cpu_seconds(p) for p in self.procs)


@dataclass
class Result:
    times: list[float]  # seconds from rerun to script_finished, every session, every burst
    cpu_total: float = 0.0  # server CPU seconds over all of them

    @property
    def cpu(self) -> float:
        """Server CPU seconds per rerun."""
        return self.cpu_total / len(self.times)

    def row(self) -> list[str]:
        return [f"{statistics.median(self.times):.2f}", f"{percentile(self.times, 0.95):.2f}", f"{self.cpu * 1000:.0f}"]


async def burst(server: Server, page: str, result: Result) -> None:
    """Every session reruns `page` at the same moment; their times and the server's CPU go to `result`."""
    await asyncio.sleep(0.5)
    before = server.cpu()
    result.times += await asyncio.gather(*(s.rerun(page) for s in server.sessions))
    result.cpu_total += server.cpu() - before


async def side_by_side(app: Server, page: str, bare: Server, bare_page: str, n: int) -> tuple[Result, Result]:
    """`n` bursts of the page, each followed at once by one of its baseline: the two alternate, so a
    machine whose speed drifts during the run (a shared VM's does, by a fifth) slows both alike."""
    await asyncio.gather(*(s.rerun(page) for s in app.sessions))  # everyone is on the page
    await asyncio.gather(*(s.rerun(bare_page) for s in bare.sessions))
    own, base = Result([]), Result([])
    for _ in range(n):
        await burst(app, page, own)
        await burst(bare, bare_page, base)
    return own, base


def print_split(name: str, sessions: list[Session]) -> None:
    """Through nginx: how it spread the sessions over the processes (the cookie each handshake got)."""
    routes = collections.Counter(s.route for s in sessions if s.route)
    if routes:
        print(f"{name} sessions per process:", ", ".join(f"{r} {n}" for r, n in sorted(routes.items())))


async def workshop(app: Server, bare: Server, app_url: str, bare_url: str, n_sessions: int, n_bursts: int,
                   pages: list[str], twins: bool = False) -> dict[str, tuple[Result, Result]]:
    """Per page: (the page's result, the bare page's or the page's twin's, their bursts alternating)."""
    app.sessions = [await Session(app_url).open() for _ in range(n_sessions)]
    print_split("app", app.sessions)
    for s in app.sessions:
        await s.rerun("start")
        await s.expand(DEMO_BOX, "start")  # its box draws "Öppna exemplet" when opened
        await s.click(DEMO_BUTTON, "start")  # the demo case, as in a workshop
    bare.sessions = [await Session(bare_url).open() for _ in range(n_sessions)]
    print_split("twin" if twins else "bare", bare.sessions)
    out = {page: await side_by_side(app, page, bare, page if twins else "", n_bursts) for page in pages}
    for s in app.sessions + bare.sessions:
        await s.close()
    return out


def twin_pages(folder: Path, app_url: str, pages: list[str]) -> Path:
    """A bare multipage app in `folder` with one twin per page (pages/<page>.py), drawn as many
    widgets, elements and blocks as one session of the app draws on that page."""
    async def count() -> dict[str, dict[str, int]]:
        session = await Session(app_url).open()
        await session.rerun("start")
        await session.expand(DEMO_BOX, "start")
        await session.click(DEMO_BUTTON, "start")
        drawn = {}
        for page in pages:
            await session.rerun(page)
            await session.rerun(page)  # the second run: what a rerun draws, not a first visit
            drawn[page] = session.drawn
        await session.close()
        return drawn

    (folder / "pages").mkdir()
    for page, n in asyncio.run(count()).items():
        (folder / "pages" / f"{page}.py").write_text(
            "import streamlit as st\n\n"
            f"for i in range({n['blocks']}):\n    st.container()\n"
            f"for i in range({n['widgets']}):\n    st.text_input(f'Fråga {{i}}', key=f'q{{i}}')\n"
            f"for i in range({n['elements']}):\n    st.markdown(f'Text {{i}}')\n", encoding="utf-8")
        print(f"{page}: {n['widgets']} widgets, {n['elements']} other elements, {n['blocks']} blocks")
    return folder / "twin.py"


def launch(script: Path, cwd: Path, env: dict[str, str], behind_nginx: bool) -> tuple[list[subprocess.Popen], Nginx | None, str]:
    """`script` served as measured: one process, or two behind the shipped nginx configuration
    (for the app: sharing the one drafts database `env` names). The processes, nginx, the URL."""
    if not behind_nginx:
        proc, url = serve(script, cwd, env=env)
        return [proc], None, url
    env = {**env, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16)}
    ports = (free_port(), free_port())
    procs = [start_streamlit(cwd, port, env, script=str(script)) for port in ports]  # in turn: one migrates
    nginx = Nginx(ROOT / "deploy" / "nginx.conf", ports).start()
    return procs, nginx, f"ws://127.0.0.1:{nginx.port}/_stcore/stream"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated url paths")
    parser.add_argument("--through-nginx", action="store_true", help="two app processes behind deploy/nginx.conf")
    parser.add_argument("--twins", action="store_true", help="each page beside a bare page of as many elements")
    args = parser.parse_args()
    pages = args.pages.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        (Path(tmp) / ".streamlit").mkdir()  # the same server settings as the app (postScriptGC off, …)
        shutil.copy(ROOT / ".streamlit" / "config.toml", Path(tmp) / ".streamlit" / "config.toml")
        drafts = {"IOP_DATA_DIR": str(Path(tmp) / "data"), "IOP_DRAFTS": "true"}  # not the repository's var/
        app_procs, app_proxy, app_url = launch(ROOT / "app.py", ROOT, drafts, args.through_nginx)
        if args.twins:
            script = twin_pages(Path(tmp), app_url, pages)
            script.write_text("import streamlit as st\n\nst.title('Tvilling')\n", encoding="utf-8")
        bare_procs, bare_proxy, bare_url = launch(script, Path(tmp), {}, args.through_nginx)  # the same way
        try:
            results = asyncio.run(workshop(Server(app_procs, []), Server(bare_procs, []), app_url, bare_url,
                                           args.sessions, args.bursts, pages, args.twins))
        finally:
            for proxy in (app_proxy, bare_proxy):
                if proxy is not None:
                    proxy.stop()
            for proc in [*app_procs, *bare_procs]:
                stop(proc)
    where = "two processes behind nginx each" if args.through_nginx else "one process each"
    print(f"the app and {'each page' + chr(39) + 's twin' if args.twins else 'the bare page'}: {where}")
    print(f"{args.sessions} sessions, {args.bursts} bursts each; seconds from rerun to script_finished;"
          " server CPU ms per rerun")
    print("| page | p50 | p95 | CPU ms | bare p50 | bare p95 | bare CPU ms | p95 ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for page, (own, base) in results.items():
        ratio = percentile(own.times, 0.95) / percentile(base.times, 0.95)
        print(f"| {page} | {' | '.join(own.row())} | {' | '.join(base.row())} | {ratio:.2f}× | {own.cpu / base.cpu:.2f}× |")


if __name__ == "__main__":
    main()
