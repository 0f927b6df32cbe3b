"""The meeting note an officer prints from a case lists the points its summary asks to go through."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from iop_core.report.triage import meeting_note_pdf


def test_the_note_of_a_case_with_no_risk_lists_the_points_to_go_through(genuine):
    s = genuine.model_copy(deep=True)
    s.framework = "mora"
    pdf = meeting_note_pdf(s, creation_date=datetime(2026, 12, 6, 10, 0, tzinfo=UTC))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Gå igenom punkterna nedan" in text
    assert "Punkter att gå igenom: Initiativet kom från organisationen" in text
