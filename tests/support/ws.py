"""Streamlit's own websocket protocol without a browser: a server on loopback and a session that
reruns pages and clicks or types into widgets, for the benchmarks (bench_server.py,
bench_workshop.py, bench_elements.py, bench_drafts.py, bench_start.py) and the tests that need
many sessions at once (a crowd on a fresh server, tests/storage/test_first_crowd.py).

The client is adapted from the load-test client shipped beside the project: connect to
`ws://127.0.0.1:PORT/_stcore/stream` with the sub-protocol `streamlit`, send a
`BackMsg(rerun_script=ClientState(...))`, read `ForwardMsg`s until `script_finished`. A widget
is addressed by the id the server sent in its `new_element` delta. Each session keeps the
exception elements the app drew (a crash on the page) and the texts it showed. Needs `websockets`
(a dependency of Streamlit).
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.support import ROOT
from tests.support.servers import free_port, route_in, start_streamlit

PAGES = ["start", "initiative", "documents", "values", "budget", "summary", "agreement", "triage", "trainer"]


class Session:
    """One browser tab's worth of protocol: its widgets by user key and by label, as last drawn,
    the exceptions and texts the app drew."""

    def __init__(self, url: str) -> None:
        self.url, self.ws = url, None
        self.ids: dict[str, str] = {}  # widget key (the part of its id after the last "-") -> id
        self.labels: dict[str, str] = {}  # widget label -> id
        self.drawn: dict[str, int] = {}  # the last run's deltas: widgets, other elements, blocks
        self.exceptions: list[str] = []  # "Type: message" of every exception element drawn
        self.texts: list[str] = []  # every markdown/caption/alert body drawn

    async def open(self) -> Session:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**28, ping_interval=None)
        return self

    @property
    def route(self) -> str | None:
        """The app process nginx's sticky-session cookie named in the handshake (deploy/nginx.conf)."""
        return route_in(self.ws.response.headers.get("Set-Cookie", ""))

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, page: str = "", widgets: list[WidgetState] | None = None, timeout: float = 300) -> float:
        """Rerun `page` ("" = the default page) with `widgets` changed; seconds until the run has
        finished (`script_finished`, not one that st.rerun() cut short)."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.context_info.timezone = "Europe/Stockholm"
        msg.rerun_script.context_info.locale = "sv-SE"
        if widgets:
            msg.rerun_script.widget_states.widgets.extend(widgets)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        drawn = dict.fromkeys(("widgets", "elements", "blocks"), 0)
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout))
            kind = fm.WhichOneof("type")
            delta = fm.delta.WhichOneof("type") if kind == "delta" else None
            if delta == "new_element":
                drawn["widgets" if self._remember(fm.delta.new_element) else "elements"] += 1
            elif delta == "add_block":
                drawn["blocks"] += 1
                if fm.delta.add_block.id:  # a box with a key (an expander one can open): by key
                    self.ids[fm.delta.add_block.id.rsplit("-", 1)[-1]] = fm.delta.add_block.id
            elif kind == "new_session":
                drawn = dict.fromkeys(drawn, 0)  # a run cut short by st.rerun(): count the next one
            elif kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.drawn = drawn
                return time.perf_counter() - start  # a run cut short by st.rerun() is followed by another

    def _remember(self, element) -> bool:
        """Note a widget's id by key and label, an exception, a text; whether the element is a widget."""
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return False
        widget = getattr(element, kind)
        widget_id = getattr(widget, "id", "")
        if widget_id:
            self.ids[widget_id.rsplit("-", 1)[-1]] = widget_id
            label = getattr(widget, "label", "")
            if label:
                self.labels[label] = widget_id
        body = getattr(widget, "body", "")
        if isinstance(body, str) and body:
            self.texts.append(body)
        return bool(widget_id)

    async def expand(self, key: str, page: str = "") -> float:
        """Open the expander with user key `key` (one drawn only while open: iop_shell.ui.lazy_expander)."""
        return await self.rerun(page, [WidgetState(id=self.ids[key], bool_value=True)])

    async def click(self, key: str, page: str = "") -> float:
        """Click the button with user key `key`."""
        state = WidgetState(id=self.ids[key], trigger_value=True)
        return await self.rerun(page, [state])

    async def type(self, label: str, text: str, page: str = "") -> float:
        """Type `text` into the text input labelled `label` (as if the user left the field)."""
        state = WidgetState(id=self.labels[label], string_value=text)
        return await self.rerun(page, [state])


def serve(script: Path = ROOT / "app.py", cwd: Path = ROOT, *, env: dict[str, str] | None = None,
          options: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` on a free loopback port (tests/support/servers.py); the process and
    its websocket URL (stop it with servers.stop)."""
    port = free_port()
    proc = start_streamlit(cwd, port, env or {}, script=str(script), options=options)
    return proc, f"ws://127.0.0.1:{port}/_stcore/stream"
