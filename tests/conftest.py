"""Shared fixtures: demo cases and a screening builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_core.persistence import load_screening

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "assets" / "demo_cases"


def demo(case_id: str):
    return load_screening((DEMO_DIR / f"{case_id}.json").read_bytes())


@pytest.fixture
def genuine():
    return demo("genuine_iop")


@pytest.fixture
def procurement_case():
    return demo("disguised_procurement")
