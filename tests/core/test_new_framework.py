"""The recipe "Add a municipality's own framework" (docs/adding-a-framework.md) works exactly as written.

The recipe's TOML blocks are taken from that page and written, in order, to the files the
recipe names, in a copy of the data folder; then tests/core/new_framework_checks.py and the
tests that list frameworks run against that copy in a subprocess (IOP_CATALOGUE_DIR, read once
at start, as a deployment would set it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from iop_core.data_folder import ENVIRONMENT, SHIPPED
from tests.support import ROOT

RECIPE = ROOT / "docs" / "adding-a-framework.md"
RECIPE_START = "## Add a municipality's own framework"
RECIPE_END = "## Where the data is read from"
BLOCK = re.compile(r"```toml\n(.*?)```", re.S)
DATA_PATH = re.compile(r"`iop_core/data/([\w/<>.-]+\.toml)`")
FOLDER_TESTS = [  # the tests that list the frameworks: they read them from the folder
    "tests/core/new_framework_checks.py",
    "tests/core/test_catalogue.py",
    "tests/core/test_comparison.py",
    "tests/core/test_demo_cases.py",
    "tests/core/test_model_bounds.py::test_closed_key_sets_match_the_data",
    "tests/core/test_translation.py::test_every_framework_override_text_has_english_and_no_more",
    "tests/core/test_translation.py::test_no_swedish_text_is_left_in_the_english_frameworks",
    "tests/council/test_process.py",
    "tests/pages/test_summary.py::test_comparison_table_marks_where_mora_and_botkyrka_disagree",
    "tests/pages/test_trainer.py::test_the_picture_places_each_framework_with_text_not_only_colour",
]


def recipe_steps(page: str) -> list[tuple[str, str]]:
    """(file under iop_core/data, TOML text) for each block of the recipe, in order: the file is
    the last `iop_core/data/…` path named before the block."""
    recipe = page[page.index(RECIPE_START):page.index(RECIPE_END)]
    steps, start = [], 0
    for block in BLOCK.finditer(recipe):
        *_, path = DATA_PATH.findall(recipe[start:block.start()])
        steps.append((path, textwrap.dedent(block.group(1))))
        start = block.end()
    return steps


def follow(steps: list[tuple[str, str]], data: Path) -> None:
    """Add each block to its file: a new file is created, an existing one gets the block at its end."""
    for path, text in steps:
        target = data / path
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(old + ("\n" if old else "") + text, encoding="utf-8")


def test_the_recipe_names_a_new_framework_file_its_source_and_its_english_texts():
    steps = recipe_steps(RECIPE.read_text(encoding="utf-8"))
    assert [path for path, _ in steps] == ["frameworks/gransby.toml", "sources.toml", "i18n/en.toml"]
    assert not (SHIPPED / "frameworks" / "gransby.toml").exists()


def test_a_framework_added_by_the_readme_recipe_runs_through_the_whole_app(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    follow(recipe_steps(RECIPE.read_text(encoding="utf-8")), data)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FOLDER_TESTS],
        cwd=ROOT, env={**os.environ, ENVIRONMENT: str(data)}, capture_output=True, text=True, timeout=900,
    )
    summary = run.stdout.strip().splitlines()[-1]
    assert run.returncode == 0 and " skipped" not in summary, run.stdout[-6000:] + run.stderr[-2000:]

