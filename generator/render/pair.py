"""The pair page: summary, overview, claims by year with their notes, and the sources cited."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..corpus import PairView
from ..markup import escape, footnotes
from ..markup.escape import Md
from ..markup.summary import summary_body, summary_marks
from ..model import Claim
from .claims import ClaimView, claim_view, source_list, year_groups
from .common import Names, year_span
from .environment import render_template
from .exports import NO_EXPORTS, PageExports
from .links import UNDATED, Links, part_label, part_page
from .links import pair_page as pair_page_path


def _footnote_order(
    cited: Mapping[str, int], views: dict[str, ClaimView], names: Names, links: Links
) -> list[ClaimView]:
    """The claims the page cites, in order of first citation: the summary's, then the list's.

    Notes are numbered in this order; a claim of another pair that the summary cites gets
    its note here too. `cited`: the summary's marks of each claim, in citation order.
    """
    order = dict.fromkeys([*cited, *views])
    return [
        views.get(claim_id) or claim_view(names, names.corpus.claims[claim_id], links)
        for claim_id in order
    ]


def _dates(view: PairView, undated: int) -> Md:
    """Say when a pair's claims are dated: `1991 to 2024 (2 undated)`, `none dated`."""
    span = year_span(view.first, view.last)
    if span is None:
        return Md("none dated" if len(view.claims) > 1 else "undated")
    return Md(f"{span} ({undated} undated)") if undated else span


@dataclass(frozen=True, slots=True)
class PartLink:
    """Some years of a long pair, on its page: the link to their page, and how many claims."""

    name: Md
    link: Md
    count: int


def _notes(
    names: Names,
    views: dict[str, ClaimView],
    cited: Mapping[str, int],
    links: Links,
    elsewhere: Mapping[str, str] | None = None,
) -> tuple[dict[str, Md], list[ClaimView], Md]:
    """Number the notes of a page (the summary's citations first) and mark each claim listed.
    `elsewhere`: a link to add to the note of a claim listed on another page, by claim id.

    Returns each listed claim's footnote mark, the notes in order, and the notes' markup.
    """
    notes = _footnote_order(cited, views, names, links)
    numbers = {note.id: number for number, note in enumerate(notes, start=1)}
    marks = {
        claim_id: footnotes.mark(claim_id, numbers[claim_id], cited.get(claim_id, 0) + 1)
        for claim_id in views
    }
    more = elsewhere or {}
    items = [
        footnotes.note(
            note.id,
            (*note.note[:-1], note.note[-1] + more[note.id]) if note.id in more else note.note,
            numbers[note.id],
            cited.get(note.id, 0) + (note.id in views),
        )
        for note in notes
    ]
    return marks, notes, footnotes.notes(items)


def _page_title(names: Names, view: PairView, part: str | None = None) -> str:
    """`Kazakhstan – Türkiye`, or for one of its parts `…, 1991–1996`, `…, undated claims`."""
    a, b = view.pair
    title = f"{names.corpus.actor(a).name} – {names.corpus.actor(b).name}"
    if part is not None:
        title += ", " + ("undated claims" if part == UNDATED else part_label(part))
    return escape.front_matter_title(title)


def pair_parts(names: Names, view: PairView) -> dict[str, list[Claim]]:
    """A long pair's claims by the part (some years: `1991-1996`) that lists them, in
    reading order; nothing for a pair whose page lists them all."""
    pages = names.pages
    parts: dict[str, list[Claim]] = {}
    if pages.split(view.pair):
        for claim in view.claims:
            parts.setdefault(pages.part(view.pair, pages.year(claim)), []).append(claim)
    return parts


def _moved(by_part: Mapping[str, Sequence[Claim]]) -> Md | None:
    """Where a long pair's claims are listed (their parts), for briefings.js: an address of
    a claim on the pair's own page (`pairs/KZ-TR/#c-1`, saved before the pair grew) still
    leads to it."""
    if not by_part:
        return None
    years = {claim.id: part for part, claims in by_part.items() for claim in claims}
    # Claim ids and years only; `<` written as \u003c all the same, so no text ends the script.
    data = json.dumps(years, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return Md(f'<script type="application/json" id="_claim-years">{data}</script>')


def pair_page(
    names: Names,
    view: PairView,
    timeline: Md | None = None,
    exports: PageExports = NO_EXPORTS,
    by_part: Mapping[str, Sequence[Claim]] | None = None,
) -> str:
    """Render one pair's page; `timeline` is its picture (render/pictures/), if any, and
    `exports` its downloads, feed and citation.

    A pair of more than PAGE_CLAIMS claims lists them on pages of some years each
    (`pair_part_page`); its own page then links to those pages and keeps only its summary's
    notes. `by_part`: the pair's `pair_parts`, when the caller has them already.
    """
    page = pair_page_path(view.pair)
    links = names.pages.links(page, view.pair)
    split = names.pages.split(view.pair)
    listed = () if split else view.claims
    views = {c.id: claim_view(names, c, links) for c in listed}
    # The summary marks its citations first; each claim in the list makes one more mark.
    in_summary: Mapping[str, int] = summary_marks(view.summary.parts) if view.summary else {}
    # A long pair's own claims that the summary cites are listed on its pages of years:
    # their notes lead there too.
    pages = names.pages
    elsewhere = {
        claim.id: (
            f' · <a class="claim-link" href="{links.claim(claim)}">The claim among those of '
            f"{part_label(pages.part(view.pair, pages.year(claim)))}</a>"
        )
        for claim in (names.corpus.claims[claim_id] for claim_id in in_summary)
        if split and claim.pair == view.pair
    }
    marks, notes, notes_markup = _notes(names, views, in_summary, links, elsewhere)
    undated = sum(1 for c in view.claims if names.pages.year(c) == UNDATED)
    if by_part is None:
        by_part = pair_parts(names, view)
    parts = [
        PartLink(Md(part_label(part)), Md(links.md(part_page(view.pair, part))), len(claims))
        for part, claims in by_part.items()
    ]
    return render_template(
        "pair.md.j2",
        page_title=_page_title(names, view),
        title=names.pair_title(view),
        actors=[(names.actor_name(a), Md(f"../actors/{a}.md")) for a in view.pair],
        summary=summary_body(view.summary.parts) if view.summary else None,
        claim_count=len(view.claims),
        source_count=len(view.source_ids),
        dates=_dates(view, undated),
        topics=names.topic_counts(c.topic for c in view.claims),
        timeline=timeline,
        groups=year_groups(list(views.values()), marks),
        parts=parts,
        moved=_moved(by_part),
        notes=notes_markup if notes else None,
        sources=source_list(names, notes, links),
        exports=exports,
    )


def pair_part_page(
    names: Names, view: PairView, part: str, parts: Sequence[str], claims: Sequence[Claim]
) -> str:
    """Render a long pair's claims of some years (`1991-1996`, `2003`, `undated`), by year,
    with their notes and sources; `parts` are all the pair's, in order, for the links to the
    next and the previous, and `claims` the part's own (its entry in `pair_parts`, which the
    caller finds once for all the parts: a pair of 3,000 claims has a hundred parts)."""
    page = part_page(view.pair, part)
    links = names.pages.links(page, view.pair)
    views = {c.id: claim_view(names, c, links) for c in claims}
    marks, notes, notes_markup = _notes(names, views, {}, links)
    at = parts.index(part)
    nearby = [
        (Md(label), Md(links.md(part_page(view.pair, parts[i]))), Md(part_label(parts[i])))
        for label, i in (("Earlier", at - 1), ("Later", at + 1))
        if 0 <= i < len(parts)
    ]
    heading = "Undated claims" if part == UNDATED else f"Claims of {part_label(part)}"
    return render_template(
        "pair_part.md.j2",
        page_title=_page_title(names, view, part),
        title=names.pair_title(view),
        heading=Md(heading),
        pair_link=Md(links.md(pair_page_path(view.pair))),
        count=len(claims),
        claim_count=len(view.claims),
        nearby=nearby,
        groups=year_groups(list(views.values()), marks),
        notes=notes_markup,
        sources=source_list(names, notes, links),
    )
