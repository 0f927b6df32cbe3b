"""The README's set-up a newcomer follows (issue #24 point 9): two commands first, then what they
need (Python version, a virtual environment, the PDF's fonts), and no count that the data has
outgrown ("Snabbtriage has eleven questions" while the app asks twelve)."""

from __future__ import annotations

import re
import tomllib

from iop_core.report.triage import triage_questions
from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
NUMBERS = {word: n for n, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}


def test_the_readme_starts_with_exactly_two_commands_one_runs_the_app_one_every_test():
    first = re.search(r"```bash\n(.*?)```", README, re.DOTALL)
    assert first and README.index(first.group(0)) < README.index("\n## ")
    commands = first.group(1).strip().splitlines()
    assert len(commands) == 2
    assert "streamlit run serve.py" in commands[0] and commands[1] == "bash scripts/test.sh"


def test_the_set_up_names_the_python_version_a_venv_and_the_fonts():
    before_the_first_section = README[: README.index("\n## ")]
    required = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    version = required.removeprefix(">=")
    assert f"Python {version} or newer" in before_the_first_section
    assert "python3 -m venv" in before_the_first_section
    assert "fonts-dejavu-core" in before_the_first_section


def test_the_readme_counts_snabbtriage_as_the_data_does():
    paragraph = next(p for p in README.split("\n\n") if "**Snabbtriage**" in p)
    counts = [NUMBERS.get(word.lower(), word) for word in re.findall(r"\b(\w+) (?:key )?questions\b", paragraph)]
    said = [int(c) for c in counts if isinstance(c, int) or str(c).isdigit()]
    assert all(n == len(triage_questions()) for n in said), (said, len(triage_questions()))
