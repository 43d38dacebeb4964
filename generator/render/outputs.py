"""Render stage: the corpus to every output file, as a map of docs/-relative path -> bytes.

Pages are Markdown today; data files, pictures and search shards join the same map, so the
write stage writes them all the same way. To add an output, render it here under a folder
in OWNED_DIRS (or add the folder), and the write stage takes care of the rest.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..config import Edition
from ..corpus import Corpus
from ..model import pair_slug
from ..model.history import ClaimHistory
from .actor import actor_page
from .common import Names
from .exports import Exports
from .home import HOME, home_page
from .indexes import index_pages
from .pair import pair_page
from .pictures import Links, actor_graph, actor_timeline, briefing_graph, pair_timeline
from .source import source_page
from .source_index import source_index_pages

# Folders under docs/ that the generator owns, and the files at its top it writes.
OWNED_DIRS = ("pairs", "sources", "actors", "data", "feeds")
OWNED_FILES = (HOME,)

Outputs = Mapping[str, bytes]


class _Collector:
    """Gather outputs, refusing a second file on one path (also on a disk ignoring case)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.taken: set[str] = set()

    def add(self, path: str, data: str | bytes) -> None:
        # Validation keeps ids from naming one page twice (sources/index.md), also on a
        # disk that ignores case: a second page on a path is a bug, never an overwrite.
        if path.casefold() in self.taken:
            raise AssertionError(f"two outputs on one path: {path}")
        self.taken.add(path.casefold())
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data


def render_outputs(
    corpus: Corpus, edition: Edition | None = None, history: ClaimHistory | None = None
) -> dict[str, bytes]:
    """Render every generated file; keys are paths relative to docs/, in sorted order.

    `edition` names the site and its build (defaults: no address, no build date); `history`
    dates each claim by the commit that added it (default: none, every claim by the build).
    """
    edition = edition or Edition()
    names = Names(corpus)
    exports = Exports(corpus, edition, history or ClaimHistory())
    out = _Collector()
    graph = briefing_graph(corpus, Links(HOME))
    out.add(HOME, home_page(names, graph.block() if graph else None, exports.home()))
    for path, page in index_pages(names).items():
        out.add(path, page)
    for path, page in source_index_pages(names, exports.sources_index()).items():
        out.add(path, page)
    for view in corpus.pairs:
        path = f"pairs/{pair_slug(view.pair)}.md"
        timeline = pair_timeline(corpus, view, Links(path))
        pair = pair_page(names, view, timeline.block() if timeline else None, exports.pair(view))
        out.add(path, pair)
    for source in corpus.sources.values():
        out.add(f"sources/{source.id}.md", source_page(names, source, exports.source(source)))
    for actor_id in corpus.pairs_by_actor:
        path = f"actors/{actor_id}.md"
        network = actor_graph(corpus, actor_id, Links(path))
        timeline = actor_timeline(corpus, actor_id, Links(path))
        out.add(
            path,
            actor_page(
                names,
                actor_id,
                network.block() if network else None,
                timeline.block() if timeline else None,
                exports.actor(actor_id),
            ),
        )
    for path, data in exports.files().items():
        out.add(path, data)
    return dict(sorted(out.files.items()))
