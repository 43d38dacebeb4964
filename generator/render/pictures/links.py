"""Where a picture's marks lead: final URLs for the SVG, Markdown links for its text alternative.

MkDocs rewrites and checks links in Markdown, but not in raw HTML such as an inline SVG: there
every href must already be the URL of the built site, relative to the page, with directory URLs
(`use_directory_urls: true`): from `pairs/KZ-TR.md`, built as `pairs/KZ-TR/index.html`, the
actor page is `../../actors/KZ/`. The offline bundle later turns `X/` into `X/index.html` in
every HTML file, inside SVG too, so these relative URLs work from disk as well.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ...model import Claim, pair_slug

if TYPE_CHECKING:
    from ...corpus import Corpus

# A pair page lists at most this many claims; a pair with more lists them on a page per year
# (`pairs/KZ-TR/2019.md`), and its own page keeps the summary, overview and picture. A page's
# cost in the browser (parsing, layout, the theme's script mounting a tooltip per citation)
# grows with its claims: measured at 10,000 documents, a 561-claim page loaded in 1.5 s, a
# year's page of at most 25 claims in well under the 0.5 s a page may take.
PAGE_CLAIMS = 50


def actor_page(actor_id: str) -> str:
    """The docs/-relative Markdown file of an actor's page."""
    return f"actors/{actor_id}.md"


def pair_page(pair: tuple[str, str]) -> str:
    """The docs/-relative Markdown file of a pair's page."""
    return f"pairs/{pair_slug(pair)}.md"


def claim_on_pair_page(claim: Claim) -> str:
    """The page that lists a claim, with an anchor named by its id: its pair's page."""
    return pair_page(claim.pair)


def year_page(pair: tuple[str, str], year: str) -> str:
    """The docs/-relative Markdown file of a pair's claims of one year (`2019`, `undated`)."""
    return f"pairs/{pair_slug(pair)}/{year}.md"


class ClaimPages:
    """Which page lists each claim: its pair's page or, for a pair of more than PAGE_CLAIMS
    claims, its pair's page of the claim's year (by its own date, else its source's).

    Every link to a claim asks here, so that the pair pages, the source texts, search, the
    pictures, the data files and the feeds agree on where a claim is.
    """

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._split = frozenset(v.pair for v in corpus.pairs if len(v.claims) > PAGE_CLAIMS)

    def split(self, pair: tuple[str, str]) -> bool:
        """Say whether the pair lists its claims on a page per year."""
        return pair in self._split

    def year(self, claim: Claim) -> str:
        """The year a claim is listed under: `2019`, or `undated`."""
        date = self._corpus.claim_date(claim)
        return "undated" if date is None else str(date.earliest.year)

    def page(self, claim: Claim) -> str:
        """The docs/-relative Markdown file that lists the claim, with its id as anchor."""
        if claim.pair in self._split:
            return year_page(claim.pair, self.year(claim))
        return pair_page(claim.pair)

    def year_part(self, claim: Claim) -> str:
        """The claim's year page under its pair's folder (`2019/`), or `` if it has none."""
        return f"{self.year(claim)}/" if claim.pair in self._split else ""

    def links(self, page: str, pair: tuple[str, str] | None = None) -> Links:
        """Links from `page` that find claims here; with `pair`, a split pair's years lead
        to its pages of each year instead of anchors on `page`."""
        if pair is not None and pair in self._split:
            return Links(page, self.page, year_page=lambda y: year_page(pair, year_name(y)))
        return Links(page, self.page)


def year_name(year: int | None) -> str:
    """A year as pages name it: `2019`, or `undated`."""
    return "undated" if year is None else f"{year:04d}"


def year_anchor(year: int | None) -> str:
    """The id of a year's group of claims on a page: `year-2024`, or `undated`."""
    return "undated" if year is None else f"year-{year:04d}"


def directory_url(page: str) -> str:
    """The URL MkDocs gives a Markdown file: `pairs/KZ-TR.md` is `pairs/KZ-TR/`, `index.md` ``."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def _relative(target: str, start: str) -> str:
    """posixpath.relpath for two folders of the site ('' for its root), without its calls
    to the operating system: a pair page links to hundreds of sources, each once."""
    to = [part for part in target.split("/") if part]
    at = [part for part in start.split("/") if part]
    if "." in to or ".." in to or "." in at or ".." in at:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


@cache
def _relative_url(page: str, target: str) -> str:
    path = _relative(directory_url(target), directory_url(page))
    return "./" if path == "." else path + "/"


@cache
def _relative_md(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@dataclass(frozen=True, slots=True)
class Links:
    """Links from one page, the one a picture is drawn on (`page`: docs/-relative `.md` path).

    `claim_page` names the page listing a claim (its pair's page unless given: the site's
    pages ask ClaimPages); `year_id` names the anchor of a year's group of claims on this page
    (`year-2024`, `undated`), unless `year_page` names a page for each year instead.
    """

    page: str
    claim_page: Callable[[Claim], str] = claim_on_pair_page
    year_id: Callable[[int | None], str] = year_anchor
    year_page: Callable[[int | None], str] | None = None

    def url(self, target: str, anchor: str = "") -> str:
        """The final relative URL of a Markdown page (and an anchor on it) from this page."""
        fragment = f"#{anchor}" if anchor else ""
        if target == self.page and fragment:
            return fragment
        return _relative_url(self.page, target) + fragment

    def md(self, target: str, anchor: str = "") -> str:
        """A Markdown link target (which MkDocs checks and rewrites) from this page."""
        fragment = f"#{anchor}" if anchor else ""
        if target == self.page and fragment:
            return fragment
        return _relative_md(self.page, target) + fragment

    def actor(self, actor_id: str) -> str:
        return self.url(actor_page(actor_id))

    def pair(self, pair: tuple[str, str]) -> str:
        return self.url(pair_page(pair))

    def claim(self, claim: Claim) -> str:
        return self.url(self.claim_page(claim), claim.id)

    def year(self, year: int | None) -> str:
        if self.year_page is not None:
            return self.url(self.year_page(year))
        return f"#{self.year_id(year)}"

    def year_md(self, year: int | None) -> str:
        """A Markdown link target for a year's claims (a page of its own, or an anchor)."""
        if self.year_page is not None:
            return self.md(self.year_page(year))
        return f"#{self.year_id(year)}"

    def actor_md(self, actor_id: str) -> str:
        return self.md(actor_page(actor_id))

    def pair_md(self, pair: tuple[str, str]) -> str:
        return self.md(pair_page(pair))

    def claim_md(self, claim: Claim) -> str:
        return self.md(self.claim_page(claim), claim.id)
