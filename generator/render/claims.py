"""Claims as a pair page lists them: grouped by year, each with its footnote and its source.

The list, the notes and the sources are raw HTML blocks (the footnotes' markup is
markup/footnotes.py's): written as Markdown, they were most of a large pair page's
conversion (a 561-claim page took 0.51 s). Links in them are already the built site's
(render/links.py), and the site's tests check that each finds its anchor. Every text in
them is escaped by escape.text, whose output is also HTML text: character references for
`<`, `&` and Markdown's punctuation, on one line.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..markup import escape
from ..markup.escape import Md
from ..model import Claim, Source
from .common import Names, date_text
from .environment import counted
from .links import UNDATED, Links
from .quotes import quote_markup, translation_markup


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim as the pair page prints it: its paragraph in the list and its note, as HTML."""

    id: str
    source_id: str
    year: str  # the year group it is listed in: `2023`, or `undated`
    opening: Md  # its paragraph up to its footnote mark: `<p class="claim" ...>date · topic...`
    note: tuple[Md, ...]  # its note's paragraphs: source and quote, translation, passage link

    def paragraph(self, mark: str) -> Md:
        """The claim's paragraph, closed after its footnote mark."""
        return Md(f"{self.opening}{mark}</p>")


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The claims of one year (by the earliest day their date can mean), or the undated."""

    anchor: Md  # `year-2023` or `undated`: the timeline links here
    heading: Md
    claims: tuple[Md, ...]  # each claim's paragraph, with its footnote mark


def claim_year(names: Names, claim: Claim) -> str:
    """The year a claim is listed under: its own date's, else its source's, else undated."""
    return names.pages.year(claim)


def claim_date(names: Names, claim: Claim, source: Source) -> Md:
    """Say when the event happened; failing that, which date of its source places it."""
    if claim.date is not None:
        return Md(f"<strong>{date_text(claim.date)}</strong>")
    if source.published is not None:
        return Md(f"<strong>undated</strong> (source {names.published(source)})")
    return Md("<strong>undated</strong>")


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def claim_view(names: Names, claim: Claim, links: Links) -> ClaimView:
    """Everything the page prints of one claim, escaped; `links` are from the pair page."""
    source = names.corpus.sources[claim.source_id]
    year = claim_year(names, claim)
    source_id = _attribute(source.id)  # in the paragraph's attributes and the note's link
    # Attributes in alphabetical order, as Python-Markdown's attribute lists wrote them.
    opening = (
        f'<p class="claim" data-source="{source_id}" data-topic="{_attribute(claim.topic)}" '
        f'data-year="{year}" id="{_attribute(claim.id)}">'
        f"{claim_date(names, claim, source)} · {names.topic_name(claim.topic)}"
        f"<br />\n{escape.text(claim.statement)}"
    )
    passage = links.source(source.id, claim.id)
    label = f'<a href="#source-{source_id}">{names.source_label(source)}</a>'
    translation = translation_markup(claim)
    note = (
        Md(f"{label}: {quote_markup(claim, source)}"),
        *([translation] if translation else []),
        Md(f'<a class="passage-link" href="{passage}">Show the passage in the source</a>'),
    )
    return ClaimView(Md(claim.id), Md(source.id), Md(year), Md(opening), note)


def year_groups(views: Sequence[ClaimView], marks: Mapping[str, str]) -> list[YearGroup]:
    """Group claims, in their reading order, by year; the undated come last. `marks` holds
    each claim's footnote mark in the list.

    Claims are sorted by the earliest day their date can mean, so each year's claims are
    already together: grouping keeps their order.
    """
    groups = []
    for year, members in groupby(views, key=lambda v: str(v.year)):
        anchor, heading = (UNDATED, "Undated") if year == UNDATED else (f"year-{year}", year)
        paragraphs = tuple(view.paragraph(marks[view.id]) for view in members)
        groups.append(YearGroup(Md(anchor), Md(heading), paragraphs))
    return groups


def source_list(names: Names, notes: Iterable[ClaimView], links: Links) -> Md:
    """The list of the sources a page's notes cite, each described in full, once, in order
    of their short labels, with how many notes cite it.

    Written here like the claims and the notes, not by a template: a template's loop took
    three times as long a line, and the pages of 10,000 documents have a hundred thousand.
    """
    cited: dict[str, int] = {}
    for view in notes:
        cited[view.source_id] = cited.get(view.source_id, 0) + 1
    sources = [names.corpus.sources[source_id] for source_id in cited]
    # In the order of their short labels, which name them by English title when they have one.
    sources.sort(key=lambda s: ((s.title_en or s.title or "").casefold(), s.id))
    items = [
        f'<li id="source-{s.id}">{names.source_description(s)}. '
        f'<a href="{links.source(s.id)}">Full text</a> · '
        f"cited in {counted(cited[s.id], 'note')}</li>\n"
        for s in sources
    ]
    return Md("<ul>\n" + "".join(items) + "</ul>")
