"""A run's uncaught error is logged as type and place, never with its message (issue #22 point 7):
the message may hold what a user typed or a client sent."""

import io
import logging

from iop_shell.client_guard import RUN_ERROR_LOGGER, NoClientText, redact_run_errors


def test_an_uncaught_error_is_logged_without_its_message():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger(RUN_ERROR_LOGGER)
    logger.addHandler(handler)
    redact_run_errors()
    redact_run_errors()  # once is enough, twice changes nothing
    try:
        try:
            raise KeyError('st.session_state has no key "Anna Svensson, 070-123 45 67"')
        except KeyError as exc:
            logger.error("Uncaught app execution", exc_info=exc)
    finally:
        logger.removeHandler(handler)
    text = out.getvalue()
    assert "Uncaught app execution: KeyError at test_run_error_log.py:" in text
    assert "Anna" not in text and "070" not in text and "Traceback" not in text
    assert sum(isinstance(f, NoClientText) for f in logger.filters) == 1
