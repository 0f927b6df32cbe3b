"""Logs carry no user data: building the PDFs of a payload screening logs none of its text (issue #12)."""

import logging

from iop_core.report.build import build_report_pdf
from tests.support.screenings import MARK, SECRET, hostile_screening


def test_pdf_logs_no_user_text(caplog):
    s = hostile_screening()
    s.initiative.goal = f"{SECRET} " * 50  # glyphs no bundled font has: fpdf2 listed them in its warning
    with caplog.at_level(logging.DEBUG):
        build_report_pdf(s, "mora")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert MARK not in logged
    assert not set(SECRET) & set(logged), logged[:500]
