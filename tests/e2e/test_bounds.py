"""What one client can make the server hold (issue #22 point 5), against a real `streamlit run`.

A session is opened with Streamlit's own websocket protocol (no browser needed), then files are
PUT to its upload address as an attacker would, never read by any widget: the server keeps at
most the session's budget (pages/_uploads.py) and the session's next run says so in Swedish.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import os
import urllib.request

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from pages._uploads import SESSION_BUDGET_MB
from tests.conftest import ROOT
from tests.servers import free_port, start_streamlit, stop

FILE_MB = 19
FILES = 12  # 228 MB: Streamlit alone held all of it until the session ended


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) * 1024


async def run_once(ws) -> list[str]:  # noqa: ANN001 - a websockets connection
    """One script run of the session; the texts of its alerts and markdown."""
    msg = BackMsg()
    msg.rerun_script.page_name = ""
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
        elif kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return texts


def put(opener, url: str, xsrf: str, data: bytes, name: str) -> int:  # noqa: ANN001
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

        grown, texts = asyncio.run(attack())
    finally:
        stop(proc)
    assert any("Servern tar emot högst" in t and f"{SESSION_BUDGET_MB} MB" in t for t in texts), texts
    # Unbounded, the process grew by more than the 228 MB it was sent and kept all of it.
    assert grown < (FILES * FILE_MB - SESSION_BUDGET_MB) * 1024 * 1024 * 0.75, grown / 2**20
    server_log = log.read_text(encoding="utf-8", errors="replace")
    assert "file(s) dropped" in server_log and "hemlig" not in server_log  # said, without the file names
