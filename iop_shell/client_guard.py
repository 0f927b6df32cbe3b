"""What a hand-made client message can do to a run, and to the server log (not a page).

Streamlit takes the widget states a client sends as they come. A state whose id is not one
Streamlit made (e.g. "$$WIDGET_ID-<anything>") is then read as a session-state key, and the
first widget of the run crashes with `KeyError: 'st.session_state has no key "<the client's
text>"'`, logged with the client's text (issue #22 point 7). So:

- `drop_foreign_widget_states()` (app.py, first thing every run) removes widget states whose id
  is not an element id before any widget reads them: no crash;
- `redact_run_errors()` (once per process) makes Streamlit's "Uncaught app execution" log line
  name the exception's type and where it happened, never its message, which may hold what a
  user typed or a client sent.

Both lean on Streamlit internals; if those move, they do nothing (and say so once in the log).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

log = logging.getLogger(__name__)

RUN_ERROR_LOGGER = "streamlit.error_util"  # logs "Uncaught app execution" with the exception


def drop_foreign_widget_states() -> int:
    """Remove this run's incoming widget states whose id Streamlit never made; how many."""
    try:
        from streamlit.runtime.state.common import is_element_id

        from iop_shell import state

        incoming = state.incoming_widget_states()
        if incoming is None:
            return 0
        foreign = [wid for wid in list(incoming) if not is_element_id(wid)]
        for wid in foreign:
            del incoming[wid]
    except Exception as exc:  # noqa: BLE001 - Streamlit changed inside: the run goes on as before
        log.info("widget states not checked: %s", type(exc).__name__)
        return 0
    if foreign:
        log.warning("dropped %d widget state(s) with an id the app never made", len(foreign))
    return len(foreign)


class NoClientText(logging.Filter):
    """A run's exception as type and place only (file:line function), without its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            frames = traceback.extract_tb(exc.__traceback__)[-8:]
            where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
            record.msg = f"{record.getMessage()}: {type(exc).__name__} at {where or '?'} (message not logged)"
            record.args, record.exc_info, record.exc_text = (), None, None
        return True


def redact_run_errors() -> None:
    logger = logging.getLogger(RUN_ERROR_LOGGER)
    if not any(isinstance(f, NoClientText) for f in logger.filters):
        logger.addFilter(NoClientText())
