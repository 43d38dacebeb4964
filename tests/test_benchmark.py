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
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "corpus: 4 documents (0 MiB of text), 12 claims" in out
    for stage in ("load", "validate", "corpus", "render", "write", "rewrite", "site", "bundle"):
        assert f"  {stage} " in out, stage
    assert "then 0 rewritten" in out
    assert "max resident memory" in out
    assert "(CPU " in out
    # The largest pages of the built site, in HTML, none over the limit.
    assert re.search(r"largest of [0-9]+ HTML pages \(0 over 1 MB\):", out), out
    assert re.search(r"^ +[0-9]+ KB  [a-z0-9_/.-]+\.html$", out, re.M), out
