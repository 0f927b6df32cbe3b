"""Shared test code: helpers the tests, benchmarks/ and scripts/ import (never a test module or a
conftest.py; tests/core/test_test_layout.py keeps it so).

Importing any of it has no side effect (no environment variable set, no server started):
fixtures and settings stay in the conftest.py files. One module per kind of help:

- `apptest`: the app under streamlit.testing (AppTest), its session state, rendered markdown;
- `council`: AppTest with the register switched on, a submitted case, an officer signed in;
- `browser`, `grid`: the app in a real browser (Playwright), its run counter, the budget grid;
- `servers`: PostgreSQL, nginx and `streamlit run` on loopback;
- `ws`: Streamlit's websocket protocol without a browser (crowd tests and the benchmarks);
- `files`, `pdf`: files made in memory, PDFs read back;
- `screenings`, `strategies`: demo cases, scenarios, hostile and worst-case screenings, random
  screenings (hypothesis);
- `storage`: a settable clock, a fully migrated database, threads started at once;
- `layers`: the layer map and the import-graph reader (tests/core/test_layers.py and
  scripts/import_graph.py).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
