"""What one hand-made client can make the server do (issue #22 points 5 and 7), against a real
`streamlit run`, speaking Streamlit's own websocket protocol (no browser needed).

- Files PUT to a session's upload address, never read by any widget: the server keeps at most
  the session's budget (iop_shell/uploads.py) and the session's next run says so in Swedish.
- Widget states with ids the app never made: the run does not crash, and the client's text never
  reaches the server log (iop_shell/client_guard.py).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from iop_shell.uploads import SESSION_BUDGET_MB
from tests.support import ROOT
from tests.support.servers import free_port, start_streamlit, stop

FILE_MB = 19
FILES = 12  # 228 MB: Streamlit alone held all of it until the session ended


def in_own_loop(make):
    """Run a coroutine in a thread of its own: Playwright's sync API (the browser tests of the
    same run) keeps an event loop on the main thread, where asyncio.run() is refused."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) * 1024


async def run_once(ws, widgets: list[WidgetState] = ()) -> list[str]:
    """One script run of the session with `widgets` sent; the texts of its alerts, and
    "exception:<type>" for an exception the run showed."""
    msg = BackMsg()
    msg.rerun_script.page_name = ""
    msg.rerun_script.widget_states.widgets.extend(widgets)
    await ws.send(msg.SerializeToString())
    texts = []
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            texts.append("session:" + fm.new_session.initialize.session_id)
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            if el.WhichOneof("type") == "alert":
                texts.append(el.alert.body)
            elif el.WhichOneof("type") == "exception":
                texts.append("exception:" + el.exception.type)
        elif kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return texts


def put(opener, url: str, xsrf: str, data: bytes, name: str) -> int:
    head = (f'--b\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n").encode()
    req = urllib.request.Request(url, data=head + data + b"\r\n--b--\r\n", method="PUT",
                                 headers={"Content-Type": "multipart/form-data; boundary=b", "X-Xsrftoken": xsrf})
    return opener.open(req).status


@pytest.mark.browser
def test_uploads_no_widget_reads_are_bounded_per_session_and_said_in_swedish(tmp_path):
    port, log = free_port(), tmp_path / "server.log"
    proc = start_streamlit(ROOT, port, {}, log=log)
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"http://127.0.0.1:{port}/_stcore/health").read()  # sets the XSRF cookie
        xsrf = next(c.value for c in jar if c.name == "_streamlit_xsrf")

        async def attack() -> tuple[int, list[str]]:
            async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                          max_size=2**28) as ws:
                first = await run_once(ws)
                session = next(t for t in first if t.startswith("session:")).removeprefix("session:")
                before = rss(proc.pid)
                data = os.urandom(FILE_MB * 1024 * 1024)
                for i in range(FILES):
                    url = f"http://127.0.0.1:{port}/_stcore/upload_file/{session}/f{i}"
                    assert await asyncio.to_thread(put, opener, url, xsrf, data, f"hemlig-{i}.pdf") == 204
                grown = rss(proc.pid) - before
                return grown, await run_once(ws)

        grown, texts = in_own_loop(attack)
    finally:
        stop(proc)
    assert any("Servern tar emot högst" in t and f"{SESSION_BUDGET_MB} MB" in t for t in texts), texts
    # Unbounded, the process grew by more than the 228 MB it was sent and kept all of it.
    assert grown < (FILES * FILE_MB - SESSION_BUDGET_MB) * 1024 * 1024 * 0.75, grown / 2**20
    server_log = log.read_text(encoding="utf-8", errors="replace")
    assert "file(s) dropped" in server_log and "hemlig" not in server_log  # said, without the file names


@pytest.mark.browser
def test_hand_made_widget_ids_neither_crash_the_run_nor_reach_the_log(tmp_path):
    port, log = free_port(), tmp_path / "server.log"
    proc = start_streamlit(ROOT, port, {}, log=log)
    ids = ["$$WIDGET_ID-KLIENTTEXT-x", "KLIENTTEXT", "$$ID-KLIENTTEXT-deadbeef-organisation.name@0", "$$ID-x-KLIENTTEXT@"]

    async def client() -> list[list[str]]:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=2**28) as ws:
            await run_once(ws)
            runs = []
            for wid in ids:
                state = WidgetState(id=wid, string_value="KLIENTVÄRDE")
                runs.append(await run_once(ws, [state]))
            return runs

    try:
        runs = in_own_loop(client)
    finally:
        stop(proc)
    for wid, texts in zip(ids, runs, strict=True):
        assert not [t for t in texts if t.startswith("exception:")], (wid, texts)
    server_log = log.read_text(encoding="utf-8", errors="replace")
    assert "KLIENT" not in server_log, server_log[-2000:]
    assert "dropped 2 widget state" in server_log or server_log.count("dropped 1 widget state") == 2
