"""Take the evidence away: downloads, citations and feeds, and what each page says about them.

`Exports` is made once per render. `file_tasks()` and `joined_tasks()` give every data file,
bibliography file, feed and the Data page, in pieces; `pair`, `actor`, `source`, `home` and
`sources_index` give the piece each page template prints, as one context value `exports`
with two hooks:

- `{{ exports.meta }}`: lines inside the page's front matter (the page's own feed, which the
  theme override in overrides/main.html links from the page's head);
- `{{ exports.body }}`: the page's "Data and citation" section (Markdown).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from ..config import Edition
from ..corpus import Corpus, PairView
from ..markup import escape
from ..markup.escape import Md
from ..model import Source, pair_slug
from ..model.history import ClaimHistory
from .addresses import Addresses
from .cite.bibliography import BIBLIOGRAPHY, bibliography_files
from .cite.block import citation_tabs
from .cite.formats import plain_text
from .cite.reference import Reference, page_reference, site_key, source_reference
from .data.files import Data, DataFiles, Read
from .data.jsondata import SCHEMA_PATH
from .data.page import DATA_PAGE, data_page
from .environment import render_template
from .feeds.files import feed_files
from .links import ClaimPages
from .scopes import Scope, pair_name, scopes


@dataclass(frozen=True, slots=True)
class PageExports:
    """What a page template prints of the exports: front-matter lines and a section."""

    meta: Md = Md("")
    body: Md = Md("")


NO_EXPORTS = PageExports()  # a page rendered on its own, without the exports around it


@dataclass(frozen=True, slots=True)
class _Cite:
    """One citation on a page, for the template: its heading, anchor, a line, the tabs."""

    heading: Md
    anchor: Md
    intro: Md
    tabs: Md


class Exports:
    """Every download, citation and feed of one render."""

    def __init__(
        self,
        corpus: Corpus,
        edition: Edition,
        history: ClaimHistory,
        pages: ClaimPages | None = None,
    ) -> None:
        self.corpus = corpus
        self.edition = edition
        self.history = history
        # Where each claim is listed: the render's own (`Names.pages`), made once.
        self.addresses = Addresses(edition.site_url, (pages or ClaimPages(corpus)).page)
        self.scopes = list(scopes(corpus, edition.site_name))
        self._by_id = {(s.kind, s.id): s for s in self.scopes}
        self.sources: dict[str, Reference] = {
            s.id: source_reference(edition, self.addresses, s) for s in corpus.sources.values()
        }
        self._data = DataFiles(corpus, edition, self.addresses)

    def file_tasks(self) -> list[tuple[tuple[str, ...], Callable[[], Mapping[str, Data]]]]:
        """The files of the exports made from the corpus, in pieces to make one at a time:
        (their paths, how). Each actor's pairs (those it is the first actor of) are a piece,
        the largest first; the actors' and the briefing's data are `joined_tasks`."""
        data = self._data
        references = list(self.sources.values())
        tasks: list[tuple[tuple[str, ...], Callable[[], Mapping[str, Data]]]] = [
            ((SCHEMA_PATH,), data.schema),
            (tuple(BIBLIOGRAPHY.values()), lambda: bibliography_files(references)),
            ((DATA_PAGE,), self._data_page),
            (tuple(s.feed for s in self.scopes), self._feeds),
        ]
        groups: dict[str, list[Scope]] = {}
        for view in self.corpus.pairs:
            groups.setdefault(view.pair[0], []).append(self._pair_scope(view))
        for group in sorted(groups.values(), key=lambda g: -sum(len(s.claims) for s in g)):
            paths = tuple(path for s in group for path in (s.csv, s.json))
            tasks.append((paths, partial(data.scopes, group)))
        return tasks

    def joined_tasks(self) -> list[tuple[tuple[str, ...], Callable[[Read], Mapping[str, Data]]]]:
        """The data files joined from the pairs' (each claim is encoded once, in its pair's
        files): the briefing's, then each actor's, the largest first. Each is made by
        reading the pairs' files, which `file_tasks` make, through the function it is given.
        """
        tasks: list[tuple[tuple[str, ...], Callable[[Read], Mapping[str, Data]]]] = []
        whole = [s for s in self.scopes if s.kind == "briefing"]
        parts = {s.id: [self._pair_scope(v) for v in self.corpus.pairs] for s in whole}
        actors = [s for s in self.scopes if s.kind == "actor"]
        actors.sort(key=lambda s: -len(s.claims))
        for scope in actors:
            views = self.corpus.pairs_by_actor.get(scope.id or "", ())
            parts[scope.id] = [self._pair_scope(v) for v in views]
        for scope in [*whole, *actors]:
            join = partial(self._data.joined, scope, parts[scope.id])
            tasks.append(((scope.csv, scope.json), join))
        return tasks

    def _pair_scope(self, view: PairView) -> Scope:
        return self._by_id[("pair", pair_slug(view.pair))]

    def _data_page(self) -> dict[str, bytes]:
        return {DATA_PAGE: data_page(self.edition, self.addresses).encode("utf-8")}

    def _feeds(self) -> dict[str, bytes]:
        citations = {i: plain_text(r) for i, r in self.sources.items()}
        return feed_files(
            self.corpus, self.edition, self.addresses, self.history, citations, self.scopes
        )

    def _page_ref(self, key: str, title: str, path: str) -> Reference:
        return page_reference(self.edition, self.addresses, key, title, path)

    def _section(
        self, scope: Scope | None, prefix: str, cites: Sequence[_Cite], heading: str, anchor: str
    ) -> Md:
        downloads = []
        if scope is not None:
            name = f"{site_key(self.edition.site_name)}-{scope.id or 'all'}-claims"
            downloads = [
                (Md("CSV"), Md(prefix + scope.csv), Md(f"{name}.csv")),
                (Md("JSON"), Md(prefix + scope.json), None),
            ]
        return Md(
            render_template(
                "exports.md.j2",
                heading=Md(heading),
                anchor=Md(anchor),
                downloads=downloads,
                feed=Md(prefix + scope.feed) if scope is not None else None,
                data_page=Md(prefix + "data/index.md"),
                whole=scope is not None and scope.id is None,
                cites=list(cites),
            ).rstrip("\n")
        )

    def _meta(self, scope: Scope) -> Md:
        title = escape.front_matter_title(f"{scope.name}: new claims ({self.edition.site_name})")
        return Md(f"feed: {json.dumps(scope.feed)}\nfeed_title: {title}")

    def _cite(self, heading: str, anchor: str, intro: str, ref: Reference, group: int) -> _Cite:
        return _Cite(Md(heading), Md(anchor), Md(intro), citation_tabs(ref, group))

    def pair(self, view: PairView) -> PageExports:
        """The pair page's downloads, feed and citation."""
        slug = pair_slug(view.pair)
        scope = self._by_id[("pair", slug)]
        ref = self._page_ref(f"pair-{slug}", pair_name(self.corpus, view.pair), scope.page)
        cite = self._cite("Cite this page", "_cite", "", ref, 1)
        body = self._section(scope, "../", [cite], "Data and citation", "_data")
        return PageExports(self._meta(scope), body)

    def actor(self, actor_id: str) -> PageExports:
        """The actor page's downloads, feed and citation."""
        scope = self._by_id[("actor", actor_id)]
        ref = self._page_ref(f"actor-{actor_id}", scope.name, scope.page)
        cite = self._cite("Cite this page", "_cite", "", ref, 1)
        body = self._section(scope, "../", [cite], "Data and citation", "_data")
        return PageExports(self._meta(scope), body)

    def source(self, source: Source) -> PageExports:
        """The source page's two citations: the source as published, and this page."""
        own = self._cite(
            "Cite the source",
            "_cite-source",
            "The document as published, with the address of this verified copy:",
            self.sources[source.id],
            1,
        )
        page = self._page_ref(f"source-{source.id}", source.label, f"sources/{source.id}/")
        this = self._cite("Cite this page", "_cite-page", "", page, 2)
        return PageExports(body=self._section(None, "../", [own, this], "Citation", "_cite"))

    def home(self) -> PageExports:
        """The home page's downloads of the whole briefing."""
        return PageExports(body=self._section(self.scopes[0], "", [], "Data", "_data"))

    def sources_index(self) -> PageExports:
        """The sources index: every source as a bibliography file."""
        links = " · ".join(f"[{label}](../{path})" for label, path in BIBLIOGRAPHY.items())
        body = (
            "## Bibliography {: #_bibliography }\n\n"
            "Every source as a reference for a reference manager, with the address of its "
            f"verified copy on this site: {links}. Each source's page gives its citation too."
        )
        return PageExports(body=Md(body))
