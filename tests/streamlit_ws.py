"""A browser-less Streamlit session for tests that need many at once (a crowd on a fresh server).

Streamlit's own websocket protocol, as in benchmarks/_ws.py: connect to
`ws://127.0.0.1:PORT/_stcore/stream` with the sub-protocol `streamlit`, send a
`BackMsg(rerun_script=...)`, read `ForwardMsg`s until `script_finished`. Each session keeps the
exception elements the app drew (a crash on the page) and its widgets by label.
"""

from __future__ import annotations

import asyncio

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


class Session:
    def __init__(self, url: str) -> None:
        self.url, self.ws = url, None
        self.labels: dict[str, str] = {}  # widget label -> id, as last drawn
        self.exceptions: list[str] = []  # "Type: message" of every exception element drawn
        self.texts: list[str] = []  # every markdown/caption/alert body drawn

    async def open(self) -> Session:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**28, ping_interval=None)
        return self

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, widgets: list[WidgetState] | None = None, page: str = "", timeout: float = 300) -> None:
        """Rerun `page` with `widgets` changed, until a run finishes that st.rerun() did not cut short."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.context_info.timezone = "Europe/Stockholm"
        msg.rerun_script.context_info.locale = "sv-SE"
        if widgets:
            msg.rerun_script.widget_states.widgets.extend(widgets)
        await self.ws.send(msg.SerializeToString())
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout))
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._remember(fm.delta.new_element)
            elif kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return

    def _remember(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return
        widget = getattr(element, kind)
        if getattr(widget, "id", "") and getattr(widget, "label", ""):
            self.labels[widget.label] = widget.id
        body = getattr(widget, "body", "")
        if isinstance(body, str) and body:
            self.texts.append(body)

    async def type(self, label: str, text: str) -> None:
        """Type `text` into the text input labelled `label` (as if the user left the field)."""
        await self.rerun([WidgetState(id=self.labels[label], string_value=text)])
