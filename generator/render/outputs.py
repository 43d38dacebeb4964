"""Render stage: the corpus to every output file, as a map of docs/-relative path -> bytes.

Pages, data files, pictures, feeds and search data are all outputs; the write stage writes
them the same way. The map is lazy: each output is rendered when it is read, in pieces
(`Task`s) that the write stage can share between processes, so that the whole site (about a
gigabyte at 10,000 documents) is written as it is made and never held in memory at once.
To add an output, add a task here under a folder in OWNED_DIRS (or add the folder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from ..config import Edition
from ..corpus import Corpus, PairView
from ..model import Source
from ..model.history import ClaimHistory
from .actor import actor_page
from .common import Names
from .exports import Exports
from .home import HOME, home_page
from .indexes import index_pages, index_paths
from .links import pair_page as pair_page_path
from .links import part_page
from .pair import pair_page, pair_part_page, pair_parts
from .pictures import Links, actor_graph, actor_timeline, briefing_graph, pair_timeline
from .search import FOLDER as SEARCH_FOLDER
from .search import Handwritten, search_outputs
from .source import source_page
from .source_index import source_index_pages, source_index_paths

# Folders under docs/ that the generator owns, and the files at its top it writes.
OWNED_DIRS = ("pairs", "sources", "actors", "data", "feeds", SEARCH_FOLDER)
OWNED_FILES = (HOME,)

Made = Mapping[str, bytes | bytearray]  # a task's files (a large one is its own buffer)


Read = Callable[[str], bytes | bytearray]  # a file another task made, by its path


@dataclass(frozen=True, slots=True)
class Task:
    """One piece of the render stage: the files it makes, and how to make them.

    `paths` is None when the files are known only once made (the search index's shards).
    A task with `join` makes its files from other tasks' (the actors' and the briefing's
    data from the pairs'): it is made after every task without one, and given a way to
    read their files (the write stage reads them back from disk).
    """

    paths: tuple[str, ...] | None
    make: Callable[[], Made] | None = None
    join: Callable[[Read], Made] | None = None


class Outputs(Mapping[str, bytes | bytearray]):
    """Every output of one render, path -> bytes, each made when it is read.

    Reading the outputs in their own order (iteration) makes each task once; the write
    stage reads them task by task (`tasks`), possibly in several processes: first those
    before `first_joined`, then, once their files are written, the others (`Task.join`).
    """

    def __init__(self, tasks: Sequence[Task]) -> None:
        self.tasks = tuple(sorted(tasks, key=lambda task: task.join is not None))
        self.first_joined = sum(1 for task in self.tasks if task.join is None)
        self._task_of: dict[str, int] = {}
        self._taken: set[str] = set()
        self._learned: dict[int, tuple[str, ...]] = {}
        for i, task in enumerate(self.tasks):
            if (task.make is None) == (task.join is None):
                raise AssertionError("a task is made either alone or joined")
            if task.join is not None and task.paths is None:
                raise AssertionError("a joined task names its files")
            self._claim(i, task.paths or ())
        self._last: tuple[int, Made] | None = None

    def _claim(self, index: int, paths: Sequence[str]) -> None:
        for path in paths:
            # Validation keeps ids from naming one file twice (sources/index.md), also on
            # a disk that ignores case: a second file on a path is a bug, never an overwrite.
            if path.casefold() in self._taken:
                raise AssertionError(f"two outputs on one path: {path}")
            self._taken.add(path.casefold())
            self._task_of[path] = index

    def made(self, index: int, read: Read | None = None) -> Made:
        """Make one task's files (the last task made is kept, for reads of its other files).

        A joined task reads the files it joins through `read`, by default from these
        outputs (making the tasks they come from again).
        """
        if self._last is not None and self._last[0] == index:
            return self._last[1]
        task = self.tasks[index]
        if task.join is not None:
            files = task.join(read or self.__getitem__)
        else:
            assert task.make is not None
            files = task.make()
        if task.paths is None:
            if index not in self._learned:
                self._learned[index] = tuple(files)
                self._claim(index, tuple(files))
        elif sorted(files) != sorted(task.paths):
            raise AssertionError(f"a task made {sorted(files)[:3]}, not {task.paths[:3]}")
        self._last = (index, files)
        return files

    def paths_of(self, index: int) -> tuple[str, ...]:
        """The files one task makes (making it first when they are not known before)."""
        known = self.tasks[index].paths
        if known is None:
            self.made(index)
            return self._learned[index]
        return known

    def __getitem__(self, path: str) -> bytes | bytearray:
        if path not in self._task_of:
            for index, task in enumerate(self.tasks):
                if task.paths is None and index not in self._learned:
                    self.made(index)
        return self.made(self._task_of[path])[path]

    def __iter__(self) -> Iterator[str]:
        for index in range(len(self.tasks)):
            yield from self.paths_of(index)

    def __len__(self) -> int:
        return sum(len(self.paths_of(i)) for i in range(len(self.tasks)))


def _page(path: str, render: Callable[[], str]) -> dict[str, bytes]:
    return {path: render().encode("utf-8")}


class _Pages:
    """How each page is made: its render function with what it shows."""

    def __init__(self, names: Names, exports: Exports) -> None:
        self.corpus = names.corpus
        self.names = names
        self.exports = exports

    def home(self) -> Made:
        graph = briefing_graph(self.corpus, Links(HOME))
        block = graph.block() if graph else None
        return _page(HOME, lambda: home_page(self.names, block, self.exports.home()))

    def indexes(self) -> Made:
        pages = index_pages(self.names)
        pages |= source_index_pages(self.names, self.exports.sources_index())
        return {path: page.encode("utf-8") for path, page in pages.items()}

    def pair_paths(self, view: PairView) -> tuple[str, ...]:
        """The pair's page, then its parts' pages if it lists its claims on pages of years."""
        parts = self.names.pages.parts(view.pair)
        return (pair_page_path(view.pair), *(part_page(view.pair, p) for p in parts))

    def pair(self, view: PairView) -> Made:
        path = pair_page_path(view.pair)
        timeline = pair_timeline(self.corpus, view, self.names.pages.links(path, view.pair))
        block = timeline.block() if timeline else None
        # Each claim's part, found once for the pair's page and all its parts' pages.
        by_part = pair_parts(self.names, view)
        made = _page(
            path, lambda: pair_page(self.names, view, block, self.exports.pair(view), by_part)
        )
        parts = self.names.pages.parts(view.pair)
        for part in parts:
            page = pair_part_page(self.names, view, part, parts, by_part[part])
            made[part_page(view.pair, part)] = page.encode("utf-8")
        return made

    def source(self, source: Source) -> Made:
        path = f"sources/{source.id}.md"
        return _page(path, lambda: source_page(self.names, source, self.exports.source(source)))

    def actor(self, actor_id: str) -> Made:
        path = f"actors/{actor_id}.md"
        network = actor_graph(self.corpus, actor_id, Links(path))
        timeline = actor_timeline(self.corpus, actor_id, self.names.pages.links(path))
        return _page(
            path,
            lambda: actor_page(
                self.names,
                actor_id,
                network.block() if network else None,
                timeline.block() if timeline else None,
                self.exports.actor(actor_id),
            ),
        )


def render_outputs(
    corpus: Corpus,
    edition: Edition | None = None,
    history: ClaimHistory | None = None,
    handwritten: Sequence[Handwritten] = (),
) -> Outputs:
    """Every generated file, to be made when read; paths are relative to docs/.

    `edition` names the site and its build (defaults: no address, no build date); `history`
    dates each claim by the commit that added it (default: none, every claim by the build);
    `handwritten` are the pages of docs/ the generator does not write, which search finds by
    their titles and sections.
    """
    edition = edition or Edition()
    names = Names(corpus)
    exports = Exports(corpus, edition, history or ClaimHistory(), names.pages)
    pages = _Pages(names, exports)
    lists = index_paths(pages.names) + source_index_paths(pages.names)
    search = partial(search_outputs, corpus, edition.site_name, tuple(handwritten))
    # The search index first: it is the largest single piece, built over every text at once.
    tasks = [Task(None, search), Task((HOME,), pages.home), Task(lists, pages.indexes)]
    tasks += [Task(p, make) for p, make in exports.file_tasks()]
    tasks += [Task(p, join=join) for p, join in exports.joined_tasks()]
    tasks += [Task(pages.pair_paths(v), partial(pages.pair, v)) for v in corpus.pairs]
    tasks += [Task((f"actors/{a}.md",), partial(pages.actor, a)) for a in corpus.pairs_by_actor]
    tasks += [
        Task((f"sources/{s.id}.md",), partial(pages.source, s)) for s in corpus.sources.values()
    ]
    return Outputs(tasks)
