"""serve.py readies a process before it serves (benchmarks/bench_start.py measures the gain)."""

from __future__ import annotations

import logging

import serve


def test_warm_up_migrates_the_drafts_database_before_the_first_visitor(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("IOP_DRAFTS", "true")
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    serve.warm_up()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".db", ".sqlite", ".sqlite3")]


def test_a_database_that_is_down_never_stops_the_start_and_its_address_is_not_logged(monkeypatch, caplog):
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing"
    monkeypatch.setenv("IOP_DATABASE_URL", url)
    monkeypatch.setenv("IOP_DRAFTS", "true")
    with caplog.at_level(logging.WARNING, logger="iop.start"):
        serve.warm_up()
    assert "not ready at start" in caplog.text and "secret" not in caplog.text
