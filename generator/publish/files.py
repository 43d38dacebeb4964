"""Write stage: put every rendered file under docs/, atomically, touching only what changed.

One routine writes every file the generator produces (pages, data, the offline zip): a
temporary file in the same folder, then an atomic rename, and only when the bytes differ.
"""

from __future__ import annotations

import filecmp
import json
import multiprocessing
import os
import signal
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Protocol, runtime_checkable

MANIFEST = ".briefings/manifest.json"
# A file's content: a large one may come as the buffer it was made in.
Data = bytes | bytearray


class OutputError(Exception):
    """An output path that would leave the folders the generator owns (a bug, not bad input)."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What a write changed."""

    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]


def _atomic(path: Path, write: Callable[[BinaryIO], None], data: Data | None) -> bool:
    """Write through a temporary file and a rename; keep the file when its bytes are the same.

    With `data` the comparison is made before anything is written; a stream written by
    `write` is compared once it is on disk. Return whether the file was replaced.
    """
    if data is not None and _holds(path, data):
        return False
    fd, tmp = _open_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return replace_with(path, tmp, compare=data is None)


def _open_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file in path's folder, open (its descriptor) and its path.

    The folder is made only when the file cannot be made for want of it: a build writes
    24,000 files into a few hundred folders, and a system call for each that exists costs.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    return fd, Path(tmp)


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in path's folder (made if need be), for `replace_with`."""
    fd, tmp = _open_temp(path)
    os.close(fd)
    return tmp


def replace_with(path: Path, tmp: Path, compare: bool = True) -> bool:
    """Put a finished temporary file (`temp_beside`) in place of path by a rename, unless
    path holds the same bytes (then drop it); say whether path was replaced."""
    try:
        if compare and path.is_file() and filecmp.cmp(tmp, path, shallow=False):
            tmp.unlink()
            return False
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def move_new(path: Path, target: Path) -> bool:
    """Move a finished file to target, in the same file system, by a rename, unless target
    is there already (then leave both); say whether it moved."""
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, target)
    return True


# Files are compared with what is on disk a piece of this size at a time: a file of the
# whole briefing's data is 100 MiB at 100,000 claims, and read whole it would be a copy.
_COMPARE = 1 << 20


def _holds(path: Path, data: Data) -> bool:
    """Say whether the file at path (not a link) holds exactly these bytes."""
    try:
        found = os.lstat(path)  # one call: not a link, a file, of this size
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with path.open("rb") as handle:
            view = memoryview(data)
            for start in range(0, len(data), _COMPARE):
                if handle.read(_COMPARE) != view[start : start + _COMPARE]:
                    return False
            return handle.read(1) == b""
    except OSError:
        return False


def write_atomic(path: Path, data: Data) -> bool:
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


def read_manifest(project: Path) -> set[str]:
    """The files the last write put under docs/ (docs/-relative); none if it left no manifest."""
    path = project / MANIFEST
    try:
        return set(json.loads(path.read_text("utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _prune_emptied_dirs(docs: Path, deleted: Sequence[str]) -> None:
    """Remove the folders that deleting these files (docs/-relative) left empty, and their
    parents left empty in turn, up to (not including) the generator's own folders.

    Only the deleted files' folders are looked at: walking the generator's folders took a
    third of a second at 10,000 documents, on every build.
    """
    folders = {PurePosixPath(rel).parent for rel in deleted}
    for folder in sorted(folders, key=lambda f: -len(f.parts)):
        while len(folder.parts) > 1:
            path = docs / folder
            try:
                path.rmdir()  # only an empty folder goes
            except OSError:
                break
            folder = folder.parent


@runtime_checkable
class Pieces(Protocol):
    """Outputs made in pieces (the render stage's): each piece makes a few files at once.

    The pieces from `first_joined` on are made from the files of those before it: they
    are made once those are written, given a function that reads a written file back.
    """

    @property
    def tasks(self) -> Sequence[object]: ...

    @property
    def first_joined(self) -> int: ...

    def made(self, index: int, read: Callable[[str], Data] | None = None) -> Mapping[str, Data]: ...


@dataclass(frozen=True, slots=True)
class _Job:
    """What the processes of a parallel write share: where to write, what is owned, and how
    to make each piece. Set before the processes are forked, so they inherit it."""

    docs: Path
    make: Callable[[int], Mapping[str, Data]]
    owned_dirs: tuple[str, ...]
    owned_files: tuple[str, ...]

    def read(self, rel: str) -> bytes:
        """A file written before (for a piece made from others' files)."""
        if not owned(rel, self.owned_dirs, self.owned_files):
            raise OutputError(f"refusing to read docs/{rel}: outside the generator's folders")
        return (self.docs / rel).read_bytes()


_JOB: _Job | None = None


def _write_piece(index: int) -> tuple[list[str], list[str], int]:
    """Make one piece and write its files: the paths it made, those written, how many kept."""
    assert _JOB is not None
    made, written, unchanged = [], [], 0
    for rel, data in _JOB.make(index).items():
        if not owned(rel, _JOB.owned_dirs, _JOB.owned_files):
            raise OutputError(f"refusing to write docs/{rel}: outside the generator's folders")
        made.append(rel)
        if write_atomic(_JOB.docs / rel, data):
            written.append(rel)
        else:
            unchanged += 1
    return made, written, unchanged


def _take_pieces(count: int, take: Callable[[], int]) -> tuple[list[str], list[str], int]:
    """Make and write pieces as long as `take` hands out numbers below `count`."""
    made: list[str] = []
    written: list[str] = []
    unchanged = 0
    while (index := take()) < count:
        paths, some, kept = _write_piece(index)
        made += paths
        written += some
        unchanged += kept
    return made, written, unchanged


def _child(count: int, take: Callable[[], int], stop: Callable[[], None], result: Any) -> None:
    """A forked writer: take pieces until none is left, then send what it wrote (or what
    went wrong, having stopped the others from taking more). Ctrl-C goes to the parent,
    which stops the children; SIGTERM ends a child quietly."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome: object = _take_pieces(count, take)
    except BaseException as error:  # sent to the parent, which raises it
        stop()
        outcome = error
    try:
        result.send(outcome)
    except Exception:  # an error that does not pickle: its message does
        result.send(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    result.close()


def _write_forked(start: int, count: int, workers: int) -> tuple[list[str], list[str], int]:
    """Make and write pieces start..count-1 in this process and `workers - 1` forked ones.

    Forked processes share the corpus with this one (copy on write) and take the next piece
    from a shared counter: nothing is sent but the names of the files each wrote. This
    process works too rather than wait: each process that reads the corpus ends up with
    its own copy of most of it (reference counts are written to it), so a waiting parent
    would cost a whole copy of the corpus in memory for nothing.
    """
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", start)

    def take() -> int:
        with counter.get_lock():
            index = int(counter.value)
            counter.value = index + 1
        return index

    def stop() -> None:
        with counter.get_lock():
            counter.value = count

    children = []
    try:
        for _ in range(workers - 1):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(count, take, stop, send), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        try:
            made, written, unchanged = _take_pieces(count, take)
        except BaseException:
            stop()
            raise
        for child, receive in children:
            try:
                outcome = receive.recv()
            except EOFError:
                child.join()
                code = child.exitcode
                raise RuntimeError(f"a writing process ended early (exit code {code})") from None
            if isinstance(outcome, BaseException):
                raise outcome
            made += outcome[0]
            written += outcome[1]
            unchanged += outcome[2]
            child.join()
    finally:
        for child, receive in children:  # after an error or an interrupt; else all ended
            if child.is_alive():
                child.terminate()
            child.join()
            receive.close()
    return made, written, unchanged


def _write_all(job: _Job, start: int, count: int, workers: int) -> tuple[list[str], list[str], int]:
    """Make and write pieces start..count-1, in `workers` processes when there are several."""
    global _JOB
    _JOB = job
    try:
        if workers > 1 and count - start > 1 and "fork" in multiprocessing.get_all_start_methods():
            made, written, unchanged = _write_forked(start, count, workers)
        else:
            taken = iter(range(start, count + 1))
            made, written, unchanged = _take_pieces(count, taken.__next__)
    finally:
        _JOB = None
    return made, written, unchanged


def write_outputs(
    project: Path,
    docs: Path,
    outputs: Mapping[str, Data],
    owned_dirs: tuple[str, ...],
    owned_files: tuple[str, ...],
    workers: int = 1,
) -> WriteReport:
    """Write every output under docs/, skip identical ones, delete our own stale files.

    Outputs made in pieces (`Pieces`) are made as they are written, in `workers` processes;
    none is held longer than it takes to write it. The manifest
    (project/.briefings/manifest.json) remembers what the last write put there, so a file
    the generator no longer makes is deleted, and nothing else ever is.
    """
    make: Callable[[int], Mapping[str, Data]]
    if isinstance(outputs, Pieces):
        pieces = outputs
        count, first_joined, make = len(pieces.tasks), pieces.first_joined, pieces.made
    else:
        keys = list(outputs)
        count, make = len(keys), lambda i: {keys[i]: outputs[keys[i]]}
        first_joined = count
    job = _Job(docs, make, owned_dirs, owned_files)
    made, written, unchanged = _write_all(job, 0, first_joined, workers)
    if first_joined < count:
        # Every file the joined pieces read is written now: they read them back from disk.
        joined = _Job(docs, partial(pieces.made, read=job.read), owned_dirs, owned_files)
        more = _write_all(joined, first_joined, count, workers)
        made, written, unchanged = made + more[0], written + more[1], unchanged + more[2]
    written.sort()
    paths = sorted(made)
    if len({p.casefold() for p in paths}) != len(paths):
        raise OutputError("two outputs on one path (ignoring case): a bug in the render stage")
    manifest_path = project / MANIFEST
    stale = sorted(
        r for r in read_manifest(project) - set(paths) if owned(r, owned_dirs, owned_files)
    )
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
    _prune_emptied_dirs(docs, stale)
    manifest = json.dumps({"files": paths}, indent=1).encode("utf-8") + b"\n"
    write_atomic(manifest_path, manifest)
    return WriteReport(tuple(written), unchanged, tuple(stale))
