"""Secrets cannot be committed by accident: git ignores the files that hold them."""

import shutil
import subprocess

import pytest

from tests.support import ROOT

SECRET_FILES = [".streamlit/secrets.toml", "officers.toml", "deploy/officers.toml", "kommunens-officers.toml",
                "config/accounts.toml"]


@pytest.mark.parametrize("path", SECRET_FILES)
def test_git_ignores_files_that_hold_secrets(path):
    git = shutil.which("git")
    assert git, "git is needed to check .gitignore"
    out = subprocess.run([git, "check-ignore", "--no-index", "-q", path], cwd=ROOT, check=False)
    assert out.returncode == 0, f"{path} is not ignored by .gitignore"


def test_the_app_s_own_config_is_not_ignored():
    out = subprocess.run(["git", "check-ignore", "--no-index", "-q", ".streamlit/config.toml"], cwd=ROOT, check=False)
    assert out.returncode == 1
