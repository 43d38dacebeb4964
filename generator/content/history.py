"""The repository's history as an input: when each claim id was first committed.

One `git log` over seeds/annotations, oldest commit first, with only the added lines of each
diff: the first commit that adds a claim's `id:` line is when the claim entered the briefing.
Reading it is one pass over git's output, linear in the history. Merges count once, on the
first-parent line (the date a claim reached the branch that is built), not on a side branch.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from ..model.history import ClaimHistory
from .files import SEEDS

ANNOTATIONS = f"{SEEDS}/annotations"
# A commit starts with a record separator and its committer time (seconds since 1970, UTC).
_COMMIT = "\x1e"
# An added line that opens a claim: `  - id: x`, `  - {id: x, ...}`, or `    id: x` where the
# id is not the first key; the id may be quoted. Claim ids are 1-80 of a-z 0-9 - (FORMAT.md).
_ID_LINE = re.compile(
    r"""^\+\s*(?:-\s*)?(?:\{\s*)?id:\s*(['"]?)([a-z0-9-]{1,80})\1\s*(?:[,}#].*)?$"""
)
_LOG = [
    "log",
    "--reverse",
    "--first-parent",
    "--diff-merges=first-parent",
    "--patch",
    "--unified=0",
    "--no-renames",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    f"--format={_COMMIT}%ct",
    "--",
    ANNOTATIONS,
]


def parse_claim_log(lines: Iterable[str]) -> dict[str, datetime.datetime]:
    """Read `git log` output (as _LOG asks for it): each claim id with its first commit's time."""
    added: dict[str, datetime.datetime] = {}
    when: datetime.datetime | None = None
    for line in lines:
        if line.startswith(_COMMIT):
            when = datetime.datetime.fromtimestamp(int(line[1:].strip()), datetime.UTC)
        elif when is not None and line.startswith("+") and not line.startswith("+++"):
            match = _ID_LINE.match(line.rstrip("\r\n"))
            if match is not None:
                added.setdefault(match.group(2), when)
    return added


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=project,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:  # git is not installed
        return None


def read_claim_history(project: Path) -> ClaimHistory:
    """When each claim of project/seeds/annotations was first committed; never fails a build.

    A folder that is not a git repository, a shallow clone (whose oldest commits are missing)
    or a missing git give an empty history that says why; claims are then dated by the build.
    """
    shallow = _git(project, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return ClaimHistory(missing="git is not installed")
    if shallow.returncode != 0:
        return ClaimHistory(missing="not a git repository")
    if shallow.stdout.strip() == "true":
        return ClaimHistory(missing="a shallow clone, whose oldest commits are missing")
    log = _git(project, *_LOG)
    if log is None or log.returncode != 0:
        return ClaimHistory(missing="git log failed")
    # Not splitlines(): it also splits at the record separator that marks a commit.
    return ClaimHistory(MappingProxyType(parse_claim_log(log.stdout.split("\n"))))
