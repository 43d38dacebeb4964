"""Where links lead: which page lists each claim (ClaimPages), and the final URLs that raw
HTML (pictures' SVG, claims, notes, source texts) needs, or the Markdown links MkDocs checks.

MkDocs rewrites and checks links in Markdown, but not in raw HTML such as an inline SVG: there
every href must already be the URL of the built site, relative to the page, with directory URLs
(`use_directory_urls: true`): from `pairs/KZ-TR.md`, built as `pairs/KZ-TR/index.html`, the
actor page is `../../actors/KZ/`. The offline bundle later turns `X/` into `X/index.html` in
every HTML file, inside SVG too, so these relative URLs work from disk as well.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Claim, pair_slug

if TYPE_CHECKING:
    from ..corpus import Corpus

# A pair page lists at most this many claims. A pair with more lists them on pages of
# consecutive years, each of at most this many (a year with more has a page of its own), and
# its own page keeps the summary, overview and timeline. A page's cost in the browser grows
# with its claims (each with its note: the quote, the translation): measured at 10,000
# documents, a 561-claim page loaded in 1.5 to 1.9 s, a 100-claim one in 0.7 to 0.8 s, one
# of 27 claims in 0.3 to 0.4 s; the budget is 0.5 s.
PAGE_CLAIMS = 30


def actor_page(actor_id: str) -> str:
    """The docs/-relative Markdown file of an actor's page."""
    return f"actors/{actor_id}.md"


def pair_page(pair: tuple[str, str]) -> str:
    """The docs/-relative Markdown file of a pair's page."""
    return f"pairs/{pair_slug(pair)}.md"


def claim_on_pair_page(claim: Claim) -> str:
    """The page that lists a claim, with an anchor named by its id: its pair's page."""
    return pair_page(claim.pair)


def part_page(pair: tuple[str, str], part: str) -> str:
    """The docs/-relative Markdown file of a long pair's claims of some years: `1991-1996`,
    `2003`, or `undated`."""
    return f"pairs/{pair_slug(pair)}/{part}.md"


def part_label(part: str) -> str:
    """A part as readers read it: `1991–1996`, `2003`, `Undated`."""
    return "Undated" if part == UNDATED else part.replace("-", "\u2013")


UNDATED = "undated"


def _pack(counts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pack (year, claims) in year order into runs of consecutive years of at most
    PAGE_CLAIMS claims (a year of more is a run of its own): (first, last) of each run.

    From the earliest year on, so that claims added in a year move only the runs from
    that year on (new claims are mostly recent: the last run)."""
    runs: list[tuple[int, int]] = []
    first = last = total = 0
    for year, count in counts:
        if total and total + count > PAGE_CLAIMS:
            runs.append((first, last))
            total = 0
        if not total:
            first = year
        last, total = year, total + count
    if total:
        runs.append((first, last))
    return runs


class ClaimPages:
    """Which page lists each claim: its pair's page or, for a pair of more than PAGE_CLAIMS
    claims, its pair's page of the years that include the claim's year (by its own date,
    else its source's), made by `_pack`; the undated have a page of their own.

    Every link to a claim asks here, so that the pair pages, the source texts, search, the
    pictures, the data files and the feeds agree on where a claim is.
    """

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._parts: dict[tuple[str, str], dict[str, str]] = {}
        for view in corpus.pairs:
            if len(view.claims) > PAGE_CLAIMS:
                counts = Counter(self.year(claim) for claim in view.claims)
                dated = sorted((int(y), n) for y, n in counts.items() if y != UNDATED)
                parts: dict[str, str] = {}
                for first, last in _pack(dated):
                    name = f"{first}" if first == last else f"{first}-{last}"
                    # The years with no claim before a part lead to it too (a timeline's bins).
                    start = int(next(reversed(parts))) + 1 if parts else first
                    parts |= {f"{year}": name for year in range(start, last + 1)}
                if UNDATED in counts:
                    parts[UNDATED] = UNDATED
                self._parts[view.pair] = parts

    def split(self, pair: tuple[str, str]) -> bool:
        """Say whether the pair lists its claims on pages of some years each."""
        return pair in self._parts

    def year(self, claim: Claim) -> str:
        """The year a claim is listed under: `2019`, or `undated`."""
        date = self._corpus.claim_date(claim)
        return UNDATED if date is None else str(date.earliest.year)

    def part(self, pair: tuple[str, str], year: str) -> str:
        """The part of a split pair that lists a year's claims: `1991-1996`, `undated`."""
        return self._parts[pair][year]

    def parts(self, pair: tuple[str, str]) -> list[str]:
        """A split pair's parts in reading order (the undated last); none if not split."""
        return list(dict.fromkeys(self._parts.get(pair, {}).values()))

    def page(self, claim: Claim) -> str:
        """The docs/-relative Markdown file that lists the claim, with its id as anchor."""
        parts = self._parts.get(claim.pair)
        if parts is not None:
            return part_page(claim.pair, parts[self.year(claim)])
        return pair_page(claim.pair)

    def year_part(self, claim: Claim) -> str:
        """The claim's part under its pair's folder (`1991-1996/`), or `` if it has none."""
        parts = self._parts.get(claim.pair)
        return f"{parts[self.year(claim)]}/" if parts is not None else ""

    def links(self, page: str, pair: tuple[str, str] | None = None) -> Links:
        """Links from `page` that find claims here; with `pair`, a split pair's years lead
        to its parts' pages instead of anchors on `page`."""
        if pair is not None and pair in self._parts:
            parts = self._parts[pair]
            return Links(page, self.page, year_page=lambda y: part_page(pair, parts[year_name(y)]))
        return Links(page, self.page)


def year_name(year: int | None) -> str:
    """A year as pages name it: `2019`, or `undated`."""
    return UNDATED if year is None else f"{year}"


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
    """posixpath.relpath for two folders of the site ('' for its root), or a file from a
    folder, without its calls to the operating system: a pair page links to hundreds of
    sources, each once."""
    to = [part for part in target.split("/") if part]
    at = [part for part in start.split("/") if part]
    if "." in to or ".." in to or "." in at or ".." in at:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


# A page asks for the same few targets again and again (a pair page cites each source on
# it several times), but pages rarely share a (page, target) pair: a bounded cache keeps the
# repeats of the pages being rendered, where an unbounded one grew by some 200,000 entries
# (tens of MiB in each process) at 10,000 documents.
_LINKS_KEPT = 1 << 14


def _relative_url(page: str, target: str) -> str:
    """The relative URL of target's folder from page's.

    Between two pages in different top folders (a source page and the pair pages its
    passages lead to) it is the way up to the site's root, then down: each part is the same
    for many pages, so each is kept, where the (page, target) pair rarely comes again.
    """
    top, slash, _ = page.partition("/")
    if slash and not target.startswith(top + "/") and "./" not in page and "./" not in target:
        return _up(page) + _down(target)
    return _relative_url_between(page, target)


@lru_cache(maxsize=_LINKS_KEPT)
def _up(page: str) -> str:
    return "../" * directory_url(page).count("/")


@lru_cache(maxsize=_LINKS_KEPT)
def _down(target: str) -> str:
    return directory_url(target)


@lru_cache(maxsize=_LINKS_KEPT)
def _relative_url_between(page: str, target: str) -> str:
    path = _relative(directory_url(target), directory_url(page))
    return "./" if path == "." else path + "/"


@lru_cache(maxsize=_LINKS_KEPT)
def _relative_md(page: str, target: str) -> str:
    # posixpath.relpath(target, dirname(page) or "."), without its calls to the operating
    # system (it makes both paths absolute, from the working directory, on every call).
    return _relative(target, posixpath.dirname(page))


@dataclass(frozen=True, slots=True)
class Links:
    """Links from one page, the one a picture is drawn on (`page`: docs/-relative `.md` path).

    `claim_page` names the page listing a claim (its pair's page unless given: the site's
    pages ask ClaimPages); `year_id` names the anchor of a year's group of claims on this page
    (`year-2024`, `undated`), or on the page `year_page` names for the year, if given.
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

    def source(self, source_id: str, anchor: str = "") -> str:
        """The final relative URL of a source's page (and an anchor on it) from this page.

        From a page outside sources/ (a pair page's notes and list link to hundreds of
        sources) it is the folder's URL, found once a page, and the source's id: what url()
        gives, without working out and keeping the way from each page to each source.
        """
        if self.page.startswith("sources/"):
            return self.url(f"sources/{source_id}.md", anchor)
        fragment = f"#{anchor}" if anchor else ""
        return f"{_relative_url(self.page, 'sources/index.md')}{source_id}/{fragment}"

    def pair(self, pair: tuple[str, str]) -> str:
        return self.url(pair_page(pair))

    def claim(self, claim: Claim) -> str:
        return self.url(self.claim_page(claim), claim.id)

    def year(self, year: int | None) -> str:
        if self.year_page is not None:
            return self.url(self.year_page(year), self.year_id(year))
        return f"#{self.year_id(year)}"

    def year_md(self, year: int | None) -> str:
        """A Markdown link target for a year's claims (a page of its own, or an anchor)."""
        if self.year_page is not None:
            return self.md(self.year_page(year), self.year_id(year))
        return f"#{self.year_id(year)}"

    def actor_md(self, actor_id: str) -> str:
        return self.md(actor_page(actor_id))

    def pair_md(self, pair: tuple[str, str]) -> str:
        return self.md(pair_page(pair))

    def claim_md(self, claim: Claim) -> str:
        return self.md(self.claim_page(claim), claim.id)
