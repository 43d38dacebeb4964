"""The code itself: ruff's lint and format, and mypy --strict on the generator package."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

PATHS = ["generator", "tests", "benchmarks"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["ruff", "check", "--no-cache", *PATHS], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", "--no-cache", *PATHS], id="ruff-format"),
        # Configuration in pyproject.toml: strict, on generator/.
        pytest.param(["mypy", "--no-incremental", "--cache-dir", "/dev/null"], id="mypy"),
    ],
)
def test_code_passes(command: list[str]) -> None:
    result = run(*command)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
