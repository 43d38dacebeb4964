"""The browser benchmark still runs: a tiny corpus built, served, unzipped and searched.

Its figures are for people to compare between runs; this test only keeps it working.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")  # the benchmark's browser

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_browser_benchmark_prints_every_table() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)"
        if os.environ.get("BRIEFINGS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_browser.py"), "--documents", "4"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for stage in ("load+check", "corpus", "render", "write", "site", "bundle"):
        assert re.search(rf"^\| {re.escape(stage)} \| [0-9.]+ \|$", out, re.M), stage
    for output in ("http", "file"):
        for page in ("home", "pair", "source", "actor"):
            row = rf"^\| {output} \| {page} \| [0-9.]+ s \| [0-9.]+ MiB \| [0-9]+ KiB \|"
            assert re.search(row, out, re.M), (output, page)
    assert re.search(r"^\| `Russia` \| file \| [0-9]+ ms \| [0-9]+ ms \|", out, re.M), out
