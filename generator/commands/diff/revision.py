"""Read the corpus as it was at a git revision, without touching the working tree."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from ...config import SiteConfig
from ...content.files import SEEDS
from ...model import ActorRegistry
from .compare import DiffError, Side, read_side


def _git(project: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[Any]:
    try:
        return subprocess.run(
            ["git", "-C", os.fspath(project), *args],
            capture_output=True,
            text=not binary,
            check=False,
        )
    except FileNotFoundError as err:
        raise DiffError("git is not installed; `briefings diff` reads revisions with git") from err


def resolve(project: Path, rev: str) -> tuple[Path, str, str]:
    """Return the repository's top folder, the commit, and the project's folder in it."""
    top = _git(project, "rev-parse", "--show-toplevel")
    prefix = _git(project, "rev-parse", "--show-prefix")
    if top.returncode != 0 or prefix.returncode != 0:
        raise DiffError(
            f"{os.fspath(project)} is not in a git repository; `briefings diff` "
            "compares with a git revision"
        )
    commit = _git(
        project, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if commit.returncode != 0 or rev.startswith("-"):
        raise DiffError(
            f"'{rev}' is not a revision of this repository; give a commit, a "
            "branch or a tag (git log --oneline lists commits)"
        )
    return Path(top.stdout.strip()), commit.stdout.strip(), prefix.stdout.strip()


def _extract(archive: bytes, target: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # Python < 3.11.4: refuse anything but plain files and folders
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            tar.extractall(target, members=members)  # noqa: S202


def checkout_seeds(top: Path, commit: str, prefix: str, target: Path) -> Path | None:
    """Write seeds/ as it was at commit into target; return the project folder there.

    Return None when the revision has no seeds/ at all (before the corpus was added).
    """
    old = target / prefix
    old.mkdir(parents=True, exist_ok=True)
    listed = _git(top, "ls-tree", "--name-only", commit, "--", f"{prefix}{SEEDS}")
    if not listed.stdout.strip():
        return None
    done = _git(top, "archive", "--format=tar", commit, "--", f"{prefix}{SEEDS}", binary=True)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise DiffError(f"git could not read {SEEDS}/ at {commit[:12]}: {message}")
    try:
        _extract(done.stdout, target)
    except (tarfile.TarError, OSError) as err:
        raise DiffError(f"{SEEDS}/ at {commit[:12]} could not be unpacked: {err}") from err
    return old


def read_revision(project: Path, rev: str, config: SiteConfig) -> Side:
    """Read the corpus at a git revision without touching the working tree.

    Only seeds/ is taken from the revision; it is checked with the working tree's site
    configuration, which `config` is.
    """
    top, commit, prefix = resolve(project, rev)
    label = rev if commit.startswith(rev) else f"{rev} ({commit[:12]})"
    with tempfile.TemporaryDirectory(prefix="briefings-diff-") as tmp:
        old = checkout_seeds(top, commit, prefix, Path(tmp))
        if old is None:
            return Side(label, (), {}, {}, {}, ActorRegistry({}))  # an empty briefing
        return read_side(old, label, config)
