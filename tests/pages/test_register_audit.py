"""AppTest: officers are warned on the register page when the audit trail's hash chain is broken
(a log row changed behind the app's back), and see no warning while it is whole."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.council import app, sign_in, submitted

pytestmark = pytest.mark.usefixtures("register_on")

WARNING = "Ärendeloggen har ändrats utanför appen"


def _warnings(at) -> str:
    return " ".join(str(w.value) for w in at.warning)


def test_a_whole_audit_trail_gives_no_warning():
    submitted()
    at = sign_in(app("pages/9_register.py"))
    assert at.dataframe and WARNING not in _warnings(at)


def test_a_changed_audit_row_is_shown_to_officers(tmp_path):
    submitted()
    with sqlite3.connect(tmp_path / "iop.sqlite3") as db:  # raw access to the file, triggers dropped
        db.execute("DROP TRIGGER case_audit_no_update")
        db.execute("UPDATE case_audit SET actor = 'bertil' WHERE id = 1")
    at = sign_in(app("pages/9_register.py"))
    assert WARNING in _warnings(at) and "loggrad 1" in _warnings(at)
    assert at.dataframe  # the register still works
