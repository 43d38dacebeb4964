"""Write stage: put generated pages under docs/, atomically, touching only what changed."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST = ".briefings/manifest.json"


class OutputError(Exception):
    """A page path that would leave the folders the generator owns (a bug, not bad input)."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What a write changed."""

    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]


def owned(rel: str, owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]) -> bool:
    """Say whether a docs/-relative path is one the generator may write or delete."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or "\\" in rel:
        return False
    return rel in owned_files or (len(path.parts) > 1 and path.parts[0] in owned_dirs)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_manifest(project: Path) -> set[str]:
    try:
        return set(json.loads((project / MANIFEST).read_text("utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _prune_empty_dirs(docs: Path, owned_dirs: tuple[str, ...]) -> None:
    for name in owned_dirs:
        root = docs / name
        if not root.is_dir():
            continue
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()


def write_pages(
    project: Path, pages: dict[str, str], owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]
) -> WriteReport:
    """Write every page under docs/, skip identical ones, delete our own stale files."""
    for rel in pages:
        if not owned(rel, owned_dirs, owned_files):
            raise OutputError(f"refusing to write docs/{rel}: outside the generator's folders")
    docs = project / "docs"
    written, unchanged = [], 0
    for rel, text in sorted(pages.items()):
        target = docs / rel
        data = text.encode("utf-8")
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            unchanged += 1
            continue
        write_atomic(target, data)
        written.append(rel)
    stale = sorted(
        r for r in _read_manifest(project) - set(pages) if owned(r, owned_dirs, owned_files)
    )
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
    _prune_empty_dirs(docs, owned_dirs)
    manifest = json.dumps({"files": sorted(pages)}, indent=1).encode("utf-8") + b"\n"
    manifest_path = project / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        write_atomic(manifest_path, manifest)
    return WriteReport(tuple(written), unchanged, tuple(stale))
