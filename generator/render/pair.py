"""The pair page: summary, overview, claims by year with their notes, and the sources cited."""

from __future__ import annotations

from collections.abc import Mapping

from ..corpus import PairView
from ..markup import escape, footnotes
from ..markup.escape import Md
from ..markup.summary import summary_body, summary_marks
from ..model import pair_slug
from .claims import ClaimView, claim_view, source_entries, year_groups
from .common import Names, year_span
from .environment import render_template
from .exports import NO_EXPORTS, PageExports
from .pictures.links import Links


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


def pair_page(
    names: Names,
    view: PairView,
    timeline: Md | None = None,
    exports: PageExports = NO_EXPORTS,
) -> str:
    """Render one pair's page; `timeline` is its picture (render/pictures/), if any, and
    `exports` its downloads, feed and citation."""
    corpus = names.corpus
    links = Links(f"pairs/{pair_slug(view.pair)}.md")
    views = {c.id: claim_view(names, c, links) for c in view.claims}
    # The summary marks its citations first; each claim in the list makes one more mark.
    in_summary: Mapping[str, int] = summary_marks(view.summary.parts) if view.summary else {}
    notes = _footnote_order(in_summary, views, names, links)
    numbers = {note.id: number for number, note in enumerate(notes, start=1)}
    marks = {
        claim_id: footnotes.mark(claim_id, numbers[claim_id], in_summary.get(claim_id, 0) + 1)
        for claim_id in views
    }
    items = [
        footnotes.note(
            note.id, note.note, numbers[note.id], in_summary.get(note.id, 0) + (note.id in views)
        )
        for note in notes
    ]
    undated = sum(1 for v in views.values() if v.year == "undated")
    a, b = view.pair
    return render_template(
        "pair.md.j2",
        page_title=escape.front_matter_title(f"{corpus.actor(a).name} – {corpus.actor(b).name}"),
        title=names.pair_title(view),
        actors=[(names.actor_name(a), Md(f"../actors/{a}.md")) for a in view.pair],
        summary=summary_body(view.summary.parts) if view.summary else None,
        claim_count=len(view.claims),
        source_count=len(view.source_ids),
        dates=_dates(view, undated),
        topics=names.topic_counts(c.topic for c in view.claims),
        timeline=timeline,
        groups=year_groups(list(views.values()), marks),
        notes=footnotes.notes(items),
        sources=source_entries(names, notes, links),
        exports=exports,
    )
