"""Load stage: read every file under seeds/ as text or YAML trees, refusing what is unsafe."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import Location, Problem, codes
from .yamltree import Node, parse_yaml

# Limits well above any real input; beyond them a file is a mistake or an attack.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_YAML_BYTES = 2 * 1024 * 1024

SEEDS = "seeds"


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded text file under seeds/."""

    path: str  # relative to the project root, with forward slashes
    stem: str
    text: str


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A parsed YAML file under seeds/; root is None when it could not be read."""

    path: str
    stem: str
    root: Node | None


@dataclass(frozen=True, slots=True)
class RawSeeds:
    """Everything read from seeds/, before validation."""

    documents: tuple[TextFile, ...]
    annotations: tuple[YamlFile, ...]
    pairs: tuple[YamlFile, ...]
    actors: YamlFile | None
    topics: YamlFile | None
    document_stems: frozenset[str] = frozenset()  # every *.txt on disk, readable or not


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


BOM = b"\xef\xbb\xbf"


def strip_bom(data: bytes) -> bytes:
    """Drop a UTF-8 byte-order mark: editors add it, it is not part of the text."""
    return data[len(BOM) :] if data.startswith(BOM) else data


def no_seeds(project: Path) -> Problem:
    """The problem of a folder with no seeds/: the command runs in the wrong place."""
    return Problem(
        Location(SEEDS),
        codes.NO_SEEDS,
        f"there is no {SEEDS}/ folder in {os.fspath(project)}; "
        "run the command from the project's top folder",
    )


def too_large(path: str, size: int, limit: int) -> Problem:
    """The problem of a file over its size limit."""
    return Problem(
        Location(path),
        codes.FILE_TOO_LARGE,
        f"this file is {size:,} bytes, over the limit of {limit:,} "
        "bytes; split it or check that it is the right file",
    )


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a byte-order mark is accepted and dropped), or say at which byte it fails."""
    bom = len(data) - len(stripped := strip_bom(data))
    data = stripped
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as err:
        # Line and column as an editor shows them (no byte-order mark); the byte offset,
        # counted from 0, as a hex editor shows it (the mark included).
        line, column = _line_col_of_byte(data, err.start)
        bad = data[err.start : err.start + 1].hex()
        return None, [
            Problem(
                Location(path, line, column),
                codes.NOT_UTF8,
                f"this file is not UTF-8: byte {err.start + bom} (0x{bad}) cannot be "
                "decoded; save the file as UTF-8",
            )
        ]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _read_bytes(path: Path, rel: str, limit: int, root: Path) -> tuple[bytes | None, list[Problem]]:
    if path.is_symlink() and not _inside(path, root):
        return None, [
            Problem(
                Location(rel),
                codes.LINK_OUTSIDE_SEEDS,
                "this is a symbolic link to a file outside seeds/; replace it with the file itself",
            )
        ]
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [too_large(rel, size, limit)]
        return path.read_bytes(), []
    except OSError as err:
        return None, [
            Problem(
                Location(rel),
                codes.UNREADABLE_FILE,
                f"this file cannot be read ({err.strerror}); check that it exists "
                "and that you may read it",
            )
        ]


def _list(folder: Path, suffix: str, rel: str, root: Path) -> tuple[list[Path], list[Problem]]:
    """List the files of one kind in a folder; report files that do not belong there."""
    if not folder.exists():
        return [], []
    if folder.is_symlink() and not _inside(folder, root):
        return [], [
            Problem(
                Location(rel),
                codes.LINK_OUTSIDE_SEEDS,
                "this folder is a symbolic link outside seeds/; replace it with the folder itself",
            )
        ]
    found, problems = [], []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.suffix == suffix and (entry.is_file() or entry.is_symlink()):
            found.append(entry)
        else:
            problems.append(
                Problem(
                    Location(f"{rel}/{entry.name}"),
                    codes.UNEXPECTED_FILE,
                    f"only *{suffix} files belong in {rel}/; move or rename '{entry.name}'",
                )
            )
    return found, problems


def _read_yaml(path: Path, rel: str, root: Path, problems: list[Problem]) -> YamlFile:
    data, found = _read_bytes(path, rel, MAX_YAML_BYTES, root)
    problems.extend(found)
    if data is None:
        return YamlFile(rel, path.stem, None)
    text, found = decode_text(data, rel)
    problems.extend(found)
    if text is None:
        return YamlFile(rel, path.stem, None)
    node, found = parse_yaml(text, rel)
    problems.extend(found)
    if node is None and not found:
        problems.append(
            Problem(
                Location(rel),
                codes.EMPTY_FILE,
                "this file is empty; write its content as FORMAT.md shows",
            )
        )
    return YamlFile(rel, path.stem, node)


def _read_document(path: Path, rel: str, root: Path, problems: list[Problem]) -> TextFile | None:
    data, found = _read_bytes(path, rel, MAX_DOCUMENT_BYTES, root)
    problems.extend(found)
    if data is None:
        return None
    text, found = decode_text(data, rel)
    problems.extend(found)
    return None if text is None else TextFile(rel, path.stem, text)


def read_yaml(project: Path, name: str) -> YamlFile | None:
    """Read one YAML file of seeds/ on its own (`topics.yml`); None when there is none."""
    return _optional_yaml((project / SEEDS).resolve(), name, [])


def _optional_yaml(root: Path, name: str, problems: list[Problem]) -> YamlFile | None:
    path = root / name
    if not path.exists() and not path.is_symlink():
        return None
    return _read_yaml(path, f"{SEEDS}/{name}", root, problems)


@dataclass(frozen=True, slots=True)
class SeedPaths:
    """The files found under seeds/, by kind, in name order; root is seeds/ resolved."""

    root: Path
    documents: tuple[Path, ...]
    annotations: tuple[Path, ...]
    pairs: tuple[Path, ...]


def list_seeds(project: Path) -> tuple[SeedPaths | None, list[Problem]]:
    """List the files under project/seeds, reporting those that do not belong there."""
    root = (project / SEEDS).resolve()
    if not root.is_dir():
        return None, [no_seeds(project)]
    problems: list[Problem] = []
    found = []
    for folder, suffix in (("documents", ".txt"), ("annotations", ".yml"), ("pairs", ".yml")):
        paths, more = _list(root / folder, suffix, f"{SEEDS}/{folder}", root)
        problems.extend(more)
        found.append(tuple(paths))
    return SeedPaths(root, *found), problems


def read_document(root: Path, path: Path, problems: list[Problem]) -> TextFile | None:
    """Read one document of seeds/documents; None (and a problem) when it cannot be."""
    return _read_document(path, f"{SEEDS}/documents/{path.name}", root, problems)


def read_annotation_file(root: Path, path: Path, problems: list[Problem]) -> YamlFile:
    """Read one annotation file of seeds/annotations (its root is None when unreadable)."""
    return _read_yaml(path, f"{SEEDS}/annotations/{path.name}", root, problems)


def read_project_files(root: Path, paths: SeedPaths, problems: list[Problem]) -> RawSeeds:
    """Read the files that describe the whole project: pairs, actors.yml, topics.yml (the
    documents and annotations are left empty, for the caller to read)."""
    return RawSeeds(
        documents=(),
        annotations=(),
        pairs=tuple(_read_yaml(p, f"{SEEDS}/pairs/{p.name}", root, problems) for p in paths.pairs),
        actors=_optional_yaml(root, "actors.yml", problems),
        topics=_optional_yaml(root, "topics.yml", problems),
        document_stems=frozenset(p.stem for p in paths.documents),
    )


def read_seeds(project: Path) -> tuple[RawSeeds, list[Problem]]:
    """Read every input file under project/seeds; never raise for bad content."""
    paths, problems = list_seeds(project)
    if paths is None:
        return RawSeeds((), (), (), None, None), problems
    root = paths.root
    documents = [read_document(root, p, problems) for p in paths.documents]
    annotations = tuple(read_annotation_file(root, p, problems) for p in paths.annotations)
    project_files = read_project_files(root, paths, problems)
    seeds = RawSeeds(
        documents=tuple(d for d in documents if d is not None),
        annotations=annotations,
        pairs=project_files.pairs,
        actors=project_files.actors,
        topics=project_files.topics,
        document_stems=project_files.document_stems,
    )
    return seeds, problems
