"""Claims as a pair page lists them: grouped by year, each with its footnote and its source."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..markup import escape
from ..markup.escape import Md
from ..model import Claim, Source
from .common import Names, date_text
from .quotes import quote_markup, translation_markup

UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim as the pair page prints it: its line in the list and its footnote."""

    id: Md
    date: Md  # the bold date, or `undated` with its source's date, which places it
    topic: Md
    topic_id: Md
    source_id: Md
    year: Md  # the year group it is listed in: `2023`, or `undated`
    statement: Md
    label: Md  # its source in short, linking to the page's list of sources
    quote: Md
    translation: Md | None
    passage: Md  # the link to the passage on the source's page


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The claims of one year (by the earliest day their date can mean), or the undated."""

    anchor: Md  # `year-2023` or `undated`: the timeline links here
    heading: Md
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source in the list at the end of a pair page: described in full, once."""

    id: Md
    description: Md
    link: Md
    cited: int  # how many of the page's notes cite it


def claim_year(names: Names, claim: Claim) -> str:
    """The year a claim is listed under: its own date's, else its source's, else undated."""
    date = names.corpus.claim_date(claim)
    return UNDATED if date is None else str(date.earliest.year)


def claim_date(names: Names, claim: Claim, source: Source) -> Md:
    """Say when the event happened; failing that, which date of its source places it."""
    if claim.date is not None:
        return Md(f"**{date_text(claim.date)}**")
    if source.published is not None:
        return Md(f"**undated** (source {names.published(source)})")
    return Md("**undated**")


def claim_view(names: Names, claim: Claim) -> ClaimView:
    """Everything the page prints of one claim, escaped."""
    corpus = names.corpus
    source = corpus.sources[claim.source_id]
    return ClaimView(
        id=Md(claim.id),
        date=claim_date(names, claim, source),
        topic=names.topic_name(claim.topic),
        topic_id=Md(claim.topic),
        source_id=Md(source.id),
        year=Md(claim_year(names, claim)),
        statement=escape.text(claim.statement),
        label=names.source_label(source),
        quote=quote_markup(claim, source),
        translation=translation_markup(claim),
        passage=Md(f"../sources/{source.id}.md#{claim.id}"),
    )


def year_groups(views: Sequence[ClaimView]) -> list[YearGroup]:
    """Group claims, in their reading order, by year; the undated come last.

    Claims are sorted by the earliest day their date can mean, so each year's claims are
    already together: grouping keeps their order.
    """
    groups = []
    for year, members in groupby(views, key=lambda v: str(v.year)):
        anchor, heading = (UNDATED, "Undated") if year == UNDATED else (f"year-{year}", year)
        groups.append(YearGroup(Md(anchor), Md(heading), tuple(members)))
    return groups


def source_entries(names: Names, notes: Iterable[ClaimView]) -> list[SourceEntry]:
    """The sources a page's notes cite, each once, in order of their short labels."""
    cited: dict[str, int] = {}
    for view in notes:
        cited[view.source_id] = cited.get(view.source_id, 0) + 1
    sources = [names.corpus.sources[source_id] for source_id in cited]
    # In the order of their short labels, which name them by English title when they have one.
    sources.sort(key=lambda s: ((s.title_en or s.title or "").casefold(), s.id))
    return [
        SourceEntry(
            id=Md(s.id),
            description=names.source_description(s),
            link=Md(f"../sources/{s.id}.md"),
            cited=cited[s.id],
        )
        for s in sources
    ]
