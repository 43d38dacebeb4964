"""Load and validate in several processes: the same content and problems, sooner.

Annotations are most of the input (at 10,000 documents, parsing their YAML and checking
their quotes is nearly all of the time). Each process reads a contiguous share of them,
with their documents, and checks it as `validate_seeds` would; this process reads the rest
(pairs, actors, topics, documents nobody annotates), then joins the shares in order and
does the only check that spans shares: a claim id used in two shares is a duplicate where
it comes second, exactly as if one process had read them all. Tests hold the two ways to
the same verdict.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..config import Extension
from ..model import ActorRegistry, Claim, Content, Date, QuotePart, Source, Topic
from ..problems import Location, Problem
from .actors import read_actors
from .claims import ClaimReader, duplicate_id
from .files import (
    SeedPaths,
    TextFile,
    list_seeds,
    read_annotation_file,
    read_document,
    read_project_files,
    read_seeds,
)
from .validate import (
    Annotated,
    document_problems,
    finish_validation,
    read_annotations,
    read_topics,
    validate_seeds,
)

# Below this many annotations a process would cost more than it saves.
MIN_PARALLEL = 200
# Shares per process: enough that one slow share does not leave the others idle.
SHARES_PER_PROCESS = 4


@dataclass(frozen=True, slots=True)
class _Job:
    """What every process needs, set before they are forked, so they inherit it."""

    paths: SeedPaths
    shares: tuple[tuple[int, int], ...]  # [start, end) of each share of the annotations
    actors: ActorRegistry
    topics: tuple[Topic, ...] | None


_JOB: _Job | None = None


def _by_fields(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """Pickle a frozen dataclass as its constructor and its fields' values, in order.

    A slotted dataclass pickles through its Python-level __getstate__ and __setstate__,
    which list its fields each time: at 100,000 claims (each with its quotes, date and
    location) that was 3.5 s of sending shares back. Read by one C-level getter and
    rebuilt by the constructor, it takes 40% less time, and reads back the same objects.
    """
    get = attrgetter(*(f.name for f in fields(cls) if f.init))
    assert len(fields(cls)) > 1 and all(f.init for f in fields(cls))

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, get(obj)

    return reduce


# The objects a share sends back by the hundred thousand (its problems are few).
for _cls in (Claim, QuotePart, Date, Location, Source):
    ForkingPickler.register(_cls, _by_fields(_cls))


@dataclass(frozen=True, slots=True)
class _Share:
    """One share checked: the annotations' results and every problem of its files."""

    annotated: Annotated
    problems: list[Problem]


def _check_share(index: int) -> _Share:
    assert _JOB is not None
    paths, (start, end) = _JOB.paths, _JOB.shares[index]
    stems = frozenset(p.stem for p in paths.documents)
    documents = {p.stem: p for p in paths.documents}
    problems: list[Problem] = []

    def document(stem: str) -> TextFile | None:
        path = documents.get(stem)
        return None if path is None else read_document(paths.root, path, problems)

    files = (read_annotation_file(paths.root, p, problems) for p in paths.annotations[start:end])
    reader = ClaimReader(_JOB.actors, _JOB.topics, stems)
    annotated = read_annotations(files, document, stems, reader, problems)
    return _Share(annotated, problems)


def _worker() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _join(shares: Sequence[_Share], problems: list[Problem]) -> Annotated:
    """Join shares in order; a claim id first used in an earlier share is a duplicate."""
    joined = Annotated()
    for share in shares:
        part = share.annotated
        problems.extend(share.problems)
        joined.problems.extend(part.problems)
        again: set[Location] = set()
        for claim_id, loc in part.seen.items():
            first = joined.seen.setdefault(claim_id, loc)
            if first is not loc:
                joined.problems.append(duplicate_id(claim_id, loc, first))
                again.add(loc)
        joined.sources.extend(part.sources)
        joined.claims.extend(c for c in part.claims if c.loc not in again)
        joined.pairs |= part.pairs
        joined.complete &= part.complete
    return joined


def _split(count: int, parts: int) -> tuple[tuple[int, int], ...]:
    bounds = [count * i // parts for i in range(parts + 1)]
    return tuple((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b)


def load_content(
    project: Path, extensions: Sequence[Extension], workers: int = 1, least: int = MIN_PARALLEL
) -> tuple[Content | None, list[Problem]]:
    """Read and check project/seeds in `workers` processes: the content or every problem.

    With one worker, fewer than `least` annotations, or no way to fork, it reads and checks
    in this process (`read_seeds`, `validate_seeds`).
    """
    paths, problems = list_seeds(project)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if paths is None or workers < 2 or len(paths.annotations) < least or not can_fork:
        raw, found = read_seeds(project)
        content, more = validate_seeds(raw, extensions)
        return content, found + more
    whole = read_project_files(paths.root, paths, problems)
    topics = read_topics(whole.topics, problems)
    actors = read_actors(whole.actors, problems)
    # Documents that no annotation names are read here, only for their own problems.
    annotated_stems = {p.stem for p in paths.annotations}
    for path in paths.documents:
        if path.stem not in annotated_stems:
            read_document(paths.root, path, problems)
    global _JOB
    shares = _split(len(paths.annotations), workers * SHARES_PER_PROCESS)
    _JOB = _Job(paths, shares, actors, topics)
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker)
        try:
            checked = pool.map(_check_share, range(len(shares)), chunksize=1)
            pool.close()
            pool.join()
        finally:
            pool.terminate()
    finally:
        _JOB = None
    annotated = _join(checked, problems)
    problems.extend(document_problems(annotated_stems, whole.document_stems))
    return finish_validation(whole.pairs, actors, topics, annotated, problems, extensions)
