"""Write stage: put every rendered file under docs/, atomically, touching only what changed.

One routine writes every file the generator produces (pages, data, the offline zip): a
temporary file in the same folder, then an atomic rename, and only when the bytes differ.
"""

from __future__ import annotations

import filecmp
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

MANIFEST = ".briefings/manifest.json"


class OutputError(Exception):
    """An output path that would leave the folders the generator owns (a bug, not bad input)."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What a write changed."""

    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]


def _atomic(path: Path, write: Callable[[BinaryIO], None], data: bytes | None) -> bool:
    """Write through a temporary file and a rename; keep the file when its bytes are the same.

    With `data` the comparison is made before anything is written; a stream written by
    `write` is compared once it is on disk. Return whether the file was replaced.
    """
    if (
        data is not None
        and path.is_file()
        and not path.is_symlink()
        and path.stat().st_size == len(data)
        and path.read_bytes() == data
    ):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        if data is None and path.is_file() and filecmp.cmp(tmp, path, shallow=False):
            Path(tmp).unlink()
            return False
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_atomic(path: Path, data: bytes) -> bool:
    """Write bytes to path atomically, unless it already holds them; say whether it wrote."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return _atomic(path, write, data)


def write_stream_atomic(path: Path, write: Callable[[BinaryIO], None]) -> bool:
    """Write a large file from a writer function atomically, unless the bytes are the same."""
    return _atomic(path, write, None)


def owned(rel: str, owned_dirs: tuple[str, ...], owned_files: tuple[str, ...]) -> bool:
    """Say whether a docs/-relative path is one the generator may write or delete."""
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or "\\" in rel:
        return False
    return rel in owned_files or (len(path.parts) > 1 and path.parts[0] in owned_dirs)


def _read_manifest(path: Path) -> set[str]:
    try:
        return set(json.loads(path.read_text("utf-8"))["files"])
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


def write_outputs(
    project: Path,
    docs: Path,
    outputs: Mapping[str, bytes],
    owned_dirs: tuple[str, ...],
    owned_files: tuple[str, ...],
) -> WriteReport:
    """Write every output under docs/, skip identical ones, delete our own stale files.

    The manifest (project/.briefings/manifest.json) remembers what the last write put
    there, so a file the generator no longer makes is deleted, and nothing else ever is.
    """
    for rel in outputs:
        if not owned(rel, owned_dirs, owned_files):
            raise OutputError(f"refusing to write docs/{rel}: outside the generator's folders")
    written, unchanged = [], 0
    for rel, data in sorted(outputs.items()):
        if write_atomic(docs / rel, data):
            written.append(rel)
        else:
            unchanged += 1
    manifest_path = project / MANIFEST
    stale = sorted(
        r for r in _read_manifest(manifest_path) - set(outputs) if owned(r, owned_dirs, owned_files)
    )
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
    _prune_empty_dirs(docs, owned_dirs)
    manifest = json.dumps({"files": sorted(outputs)}, indent=1).encode("utf-8") + b"\n"
    write_atomic(manifest_path, manifest)
    return WriteReport(tuple(written), unchanged, tuple(stale))
