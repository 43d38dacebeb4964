"""Scratch folders next to the outputs, and swapping a finished build in by renames."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

WORK = ".briefings"

# A scratch folder is named by its kind and the builder's process id: site-1234-x8f2k1.
_SCRATCH = re.compile(r"(?:site|offline)-([0-9]+)-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_scratch(work: Path) -> None:
    """Remove scratch folders a killed build left behind (its process is gone)."""
    for folder in work.iterdir() if work.is_dir() else ():
        m = _SCRATCH.match(folder.name)
        if folder.is_dir() and m and not _alive(int(m.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def remove_own_scratch(project: Path, prefix: str) -> None:
    """Remove this process's scratch folders of a kind (`temp_dir`'s prefix), wherever an
    interrupt came: also one made just before the interrupt, whose name was not yet kept."""
    work = project / WORK
    for folder in work.glob(f"{prefix}{os.getpid()}-*") if work.is_dir() else ():
        shutil.rmtree(folder, ignore_errors=True)


def temp_dir(project: Path, prefix: str) -> Path:
    """Make a scratch folder next to the outputs, so the final rename stays on one disk."""
    work = project / WORK
    work.mkdir(exist_ok=True)
    remove_stale_scratch(work)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=work))


def swap_in(new: Path, target: Path) -> None:
    """Replace target with new by renames; the old output stays until the new one is in."""
    old = None
    parked = target.with_name(f".{target.name}.old")
    if not target.exists() and parked.is_dir():
        parked.rename(target)  # a build killed between the two renames below parked it
    if target.exists():
        old = parked
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def same_tree(new: Path, old: Path) -> bool:
    """Tell whether two folders hold the same files with the same bytes."""
    if not old.is_dir():
        return False
    files = sorted(p.relative_to(new) for p in new.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file()):
        return False
    return all(
        (new / rel).stat().st_size == (old / rel).stat().st_size
        and (new / rel).read_bytes() == (old / rel).read_bytes()
        for rel in files
    )
