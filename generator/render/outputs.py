"""Render stage: the corpus to every output file, as a map of docs/-relative path -> bytes.

Pages are Markdown today; data files, pictures and search shards join the same map, so the
write stage writes them all the same way. To add an output, render it here under a folder
in OWNED_DIRS (or add the folder), and the write stage takes care of the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import Edition
from ..corpus import Corpus
from ..model import pair_slug
from .actor import actor_page
from .common import Names
from .indexes import HOME, index_pages
from .pair import pair_page
from .search import FOLDER as SEARCH_FOLDER
from .search import Handwritten, search_outputs
from .source import source_page

# Folders under docs/ that the generator owns, and the files at its top it writes.
OWNED_DIRS = ("pairs", "sources", "actors", SEARCH_FOLDER)
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
    corpus: Corpus, edition: Edition | None = None, handwritten: Sequence[Handwritten] = ()
) -> dict[str, bytes]:
    """Render every generated file; keys are paths relative to docs/, in sorted order.

    `edition` names the site and its build (defaults: no address, no build date);
    `handwritten` are the pages of docs/ the generator does not write, which search finds
    by their titles and sections.
    """
    edition = edition or Edition()
    names = Names(corpus)
    out = _Collector()
    for path, page in index_pages(names).items():
        out.add(path, page)
    for view in corpus.pairs:
        out.add(f"pairs/{pair_slug(view.pair)}.md", pair_page(names, view))
    for source in corpus.sources.values():
        out.add(f"sources/{source.id}.md", source_page(names, source))
    for actor_id in corpus.pairs_by_actor:
        out.add(f"actors/{actor_id}.md", actor_page(names, actor_id))
    for path, data in search_outputs(corpus, edition.site_name, tuple(handwritten)).items():
        out.add(path, data)
    return dict(sorted(out.files.items()))
