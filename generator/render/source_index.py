"""The list of sources, split by language and year of publication into small pages.

sources/index.md lists the parts; each part, sources/index/<slug>.md, lists at most
PART_SIZE sources. A language and year with more sources is split by month (`pl_2023-05`;
sources dated by year only are `pl_2023_no-month`), and a month with more still is cut into
numbered parts of about equal size (`pl_2023-05_2`). Document ids cannot be `index`
(reserved), so the folder sources/index/ holds no source page; language tags hold no `_`,
so part names never collide.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..markup import escape
from ..markup.escape import Md
from ..model import Source
from ..model.dates import MONTHS
from ..model.iso import language_name
from .common import Names, date_text
from .environment import render_template
from .exports import NO_EXPORTS, PageExports

SOURCES_INDEX = "sources/index.md"
# At most this many sources on one page of the list: about 100 KB of HTML.
PART_SIZE = 500


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source in a part of the list: title, link, date, publisher, number of claims."""

    title: Md
    link: Md
    published: Md
    publisher: Md
    claims: int


@dataclass(frozen=True, slots=True)
class Part:
    """One page of the list: a language and year, or a month of it, or a part of a month."""

    slug: str
    tag: str  # the language tag, in lower case
    period: Md  # `2023`, `undated`, `2023, May`, `2023, May (2 of 3)`, `2023, month not stated`
    sources: tuple[Source, ...]

    @property
    def language(self) -> Md:
        return escape.text(language_name(self.tag))

    @property
    def title(self) -> str:
        return f"Sources in {language_name(self.tag)}, {self.period}"


def _year(source: Source) -> int | None:
    return source.published.earliest.year if source.published else None


def _month(source: Source) -> int | None:
    """The month a source was published in, if its date says (`2023` does not)."""
    date = source.published
    if date is None or date.earliest.month != date.latest.month:
        return None
    return date.earliest.month


def _order(source: Source) -> tuple[datetime.date, str, str]:
    """Sources in order of publication, then of title."""
    day = source.published.earliest if source.published else datetime.date.min
    return (day, (source.title_en or source.title or "").casefold(), source.id)


def _group_key(group: tuple[str, int | None]) -> tuple[str, str, int]:
    tag, year = group
    return (language_name(tag).casefold(), tag, 10_000 if year is None else year)


def _numbered(
    slug: str, period: str, members: list[Source]
) -> Iterator[tuple[str, str, list[Source]]]:
    """Cut a list longer than PART_SIZE into numbered parts of about equal size."""
    count = math.ceil(len(members) / PART_SIZE)
    if count == 1:
        yield slug, period, members
        return
    size = math.ceil(len(members) / count)
    for n in range(count):
        yield (
            f"{slug}_{n + 1}",
            f"{period} ({n + 1} of {count})",
            members[n * size : (n + 1) * size],
        )


def _by_month(
    slug: str, year: int, members: list[Source]
) -> Iterator[tuple[str, str, list[Source]]]:
    """Split a year's sources by month; those dated by year only (or a span) come last."""
    months: dict[int | None, list[Source]] = defaultdict(list)
    for source in members:
        months[_month(source)].append(source)
    for month in sorted(months, key=lambda m: 13 if m is None else m):
        if month is None:
            yield from _numbered(f"{slug}_no-month", f"{year}, month not stated", months[month])
        else:
            period = f"{year}, {MONTHS[month - 1]}"
            yield from _numbered(f"{slug}-{month:02d}", period, months[month])


def split_sources(sources: Sequence[Source]) -> list[Part]:
    """Cut the sources into parts by language and year (then month), at most PART_SIZE each."""
    groups: dict[tuple[str, int | None], list[Source]] = defaultdict(list)
    for source in sources:
        groups[(source.language.lower(), _year(source))].append(source)
    parts = []
    for tag, year in sorted(groups, key=_group_key):
        members = sorted(groups[(tag, year)], key=_order)
        slug = f"{tag}_{year if year is not None else 'undated'}"
        period = str(year) if year is not None else "undated"
        if year is None or len(members) <= PART_SIZE:
            pieces = _numbered(slug, period, members)
        else:
            pieces = _by_month(slug, year, members)
        for part_slug, part_period, chunk in pieces:
            parts.append(Part(part_slug, tag, escape.text(part_period), tuple(chunk)))
    return parts


def _published(source: Source) -> Md:
    if source.published is None:
        return Md("no date")
    if source.published_inferred:
        return Md(f"{date_text(source.published)}, inferred")
    return date_text(source.published)


def _rows(names: Names, part: Part) -> list[SourceRow]:
    claims = names.corpus.claims_by_source
    return [
        SourceRow(
            title=names.source_title(s)
            if not (s.title and s.title_en)
            else Md(f"{names.source_title(s)} ({escape.text(s.title_en)})"),
            link=Md(f"../{s.id}.md"),
            published=_published(s),
            publisher=escape.text(s.publisher) if s.publisher else Md("not stated"),
            claims=len(claims.get(s.id, ())),
        )
        for s in part.sources
    ]


def source_index_paths(names: Names) -> tuple[str, ...]:
    """The paths of `source_index_pages`, in its order, without rendering them."""
    parts = split_sources(list(names.corpus.sources.values()))
    return (SOURCES_INDEX, *(f"sources/index/{part.slug}.md" for part in parts))


def source_index_pages(names: Names, exports: PageExports = NO_EXPORTS) -> dict[str, str]:
    """Render the list of sources and each of its parts; `exports` is its bibliography."""
    corpus = names.corpus
    parts = split_sources(list(corpus.sources.values()))
    pages = {
        SOURCES_INDEX: render_template(
            "sources.md.j2",
            sources=len(corpus.sources),
            languages=len({s.language.lower() for s in corpus.sources.values()}),
            parts=[(p, Md(f"index/{p.slug}.md"), len(p.sources)) for p in parts],
            exports=exports,
        )
    }
    for i, part in enumerate(parts):
        neighbours = [
            (Md(label), parts[j], Md(f"{parts[j].slug}.md"))
            for label, j in (("Previous", i - 1), ("Next", i + 1))
            if 0 <= j < len(parts)
        ]
        pages[f"sources/index/{part.slug}.md"] = render_template(
            "sources_part.md.j2",
            page_title=escape.front_matter_title(part.title),
            part=part,
            rows=_rows(names, part),
            neighbours=neighbours,
        )
    return pages
