"""The report PDF on the summary and agreement pages (not a page).

The PDF is built only when asked for ("Skapa PDF"), in the button's callback, and its bytes are
kept in the session state (state.REPORT_PDF; never in st.cache_data: it is per-user) under a hash of the screening,
the framework and the day. Any change to the screening makes the stored PDF stale, so the page
offers to build it again. A failed build shows a Swedish message; the screening is not touched.

"Ladda ner PDF" hands Streamlit a callable, not the bytes: the PDF is put at a /media/ address
only when the button is clicked, and Streamlit forgets that file two of its clean-ups later (at
the end of the next script runs of any session), instead of keeping it at an address for every
run and minutes after the session ended (docs/security-proxy.md).
"""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from iop_core.clock import today as swedish_today
from iop_core.report.build import build_report_pdf, report_file_name
from iop_core.report.pdf import PdfRenderError
from iop_shell import state
from iop_shell.ui import action, current, screening_json, tr

log = logging.getLogger(__name__)


def _digest() -> str:
    text = f"{swedish_today().isoformat()}|{screening_json()}"  # the run's dump (the framework is in it)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@action
def _build() -> None:
    """on_click: build the PDF from the screening as it is now; remember bytes or the error."""
    digest = _digest()
    try:
        data = build_report_pdf(current().model_copy(deep=True))
        state.REPORT_PDF.set({"digest": digest, "data": data, "error": ""})
    except PdfRenderError as exc:
        state.REPORT_PDF.set({"digest": digest, "data": b"", "error": str(exc)})
    except Exception:  # never lose the page (or the user's input) over a PDF
        log.exception("report PDF failed")
        state.REPORT_PDF.set({"digest": digest, "data": b"", "error": tr("report.ui_failed")})


def pdf_controls(where: str) -> None:
    """"Skapa PDF", then "Ladda ner PDF" once built for exactly this screening (keys per page)."""
    built = state.REPORT_PDF.get()
    current_pdf = built if built and built["digest"] == _digest() else None
    if current_pdf and current_pdf["data"]:
        pdf = current_pdf["data"]
        st.download_button(  # the bytes reach a /media/ address only on the click (see the module's text)
            tr("report.ui_download"), data=lambda: pdf, file_name=report_file_name(current(), swedish_today()),
            mime="application/pdf", icon=":material/download:", on_click="ignore", type="primary",
            key=f"report_pdf_download_{where}", help=tr("report.ui_download_help"),
        )
        st.caption(tr("report.ui_ready"))
        return
    st.button(tr("report.ui_build"), on_click=_build, icon=":material/picture_as_pdf:", type="primary",
              key=f"report_pdf_build_{where}", help=tr("report.ui_build_help"))
    if current_pdf and current_pdf["error"]:
        st.error(current_pdf["error"], icon=":material/error:")
    elif built:
        st.caption(tr("report.ui_stale"))
