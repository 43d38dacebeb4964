"""The benchmark still runs: a tiny corpus through every stage, MkDocs and the bundle included.

Its figures are for people to compare between runs; this test only keeps it working.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.e2e


def test_benchmark_runs_every_stage() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_build.py"),
            "--documents",
            "4",
            "--claims-per-document",
            "3",
            "--site",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "corpus: 4 documents (0 MiB of text), 12 claims" in out
    stages = ("load+check (2p)", "corpus", "render", "write (2p)", "generator", "rewrite")
    for stage in (*stages, "site", "bundle"):
        assert f"  {stage} " in out, stage
    assert "then 0 rewritten" in out
    memory = r"generator peak resident memory: [0-9]+ MiB here, [0-9]+ MiB in a worker"
    assert re.search(memory, out), out
    assert "(CPU " in out
    # The largest pages of the built site, in HTML, none over the limit.
    assert re.search(r"largest of [0-9]+ HTML pages \(0 over 1 MB\):", out), out
    assert re.search(r"^ +[0-9]+ KB  [a-z0-9_/.-]+\.html$", out, re.M), out


def test_engine_comparison_reports_each_installed_engine() -> None:
    """MkDocs and ProperDocs (both installed for the tests) build the same seed site."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_engines.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "| | mkdocs | properdocs |" in out, out
    assert re.search(r"^\| build, cold · warm \(s\) \| [0-9.]+ · [0-9.]+ \|", out, re.M), out
    assert "| links broken: hosted site (http) · offline bundle (disk) | 0 · 0 | 0 · 0 |" in out
    assert "| pages only here · only in MkDocs' | – | 0 · 0 |" in out
    assert "| loads from other hosts | 0 | 0 |" in out
    pages = re.search(r"^\| HTML pages \| ([0-9,]+) \| ([0-9,]+) \|", out, re.M)
    assert pages and pages.group(1) == pages.group(2) and int(pages.group(1)) > 10, out
