"""The actor page: one country or organisation, and its partners by number of claims."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..markup import escape
from ..markup.escape import Md
from ..model import pair_slug
from .common import Names, year_span
from .environment import render_template
from .exports import NO_EXPORTS, PageExports
from .links import UNDATED, part_page


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """A partner of the actor: the pair's page, its numbers, years and topics."""

    name: Md
    link: Md
    claims: int
    sources: int
    dates: Md
    topics: Md  # with their numbers of claims, the most frequent first


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of the actor's claims: its anchor (the timeline links here) and its pairs."""

    heading: Md
    anchor: Md
    claims: int
    pairs: Md  # each partner with its number of claims that year, linking to the pair's year


def _year_of_pair(names: Names, pair: tuple[str, str], year: str, anchor: str) -> str:
    """From an actor's page, a pair's claims of a year: the year's anchor on the pair's page,
    or, if it lists its claims on pages of some years, on the page that includes the year."""
    if names.pages.split(pair):
        return f"../{part_page(pair, names.pages.part(pair, year))}#{anchor}"
    return f"../pairs/{pair_slug(pair)}.md#{anchor}"


def by_year(names: Names, actor_id: str) -> list[YearRow]:
    """The actor's claims year by year (as pair pages group them), each year with its partners.

    The actor page lists no claims itself; its timeline's years lead here, and each year leads
    on to the partners' pair pages at that year.
    """
    corpus = names.corpus
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for view in corpus.pairs_by_actor[actor_id]:
        # Each pair's claims counted by year at once (an actor has thousands of claims).
        for year, count in Counter(map(names.pages.year, view.claims)).items():
            counts[year][view.pair] += count
    rows = []
    for year in sorted(counts, key=lambda y: (y == UNDATED, y)):
        anchor = UNDATED if year == UNDATED else f"year-{year}"
        pairs = sorted(counts[year].items(), key=lambda p: (-p[1], p[0]))
        links = [
            Md(
                f"[{names.actor_name(b if a == actor_id else a)}]"
                f"({_year_of_pair(names, (a, b), year, anchor)}) ({n})"
            )
            for (a, b), n in pairs
        ]
        rows.append(
            YearRow(
                Md("Undated" if year == UNDATED else year),
                Md(anchor),
                sum(counts[year].values()),
                escape.join(links, ", "),
            )
        )
    return rows


def actor_page(
    names: Names,
    actor_id: str,
    graph: Md | None = None,
    timeline: Md | None = None,
    exports: PageExports = NO_EXPORTS,
) -> str:
    """Render one actor's page; `graph` and `timeline` are its pictures (render/pictures/),
    `exports` its downloads, feed and citation."""
    corpus = names.corpus
    actor = corpus.actor(actor_id)
    views = corpus.pairs_by_actor[actor_id]
    ranked = []
    for view in views:
        other = view.pair[1] if view.pair[0] == actor_id else view.pair[0]
        row = PartnerRow(
            name=names.actor_name(other),
            link=Md(f"../pairs/{pair_slug(view.pair)}.md"),
            claims=len(view.claims),
            sources=len(view.source_ids),
            dates=year_span(view.first, view.last, "–") or Md("undated"),
            topics=names.topics_with_counts(c.topic for c in view.claims),
        )
        ranked.append(((-row.claims, corpus.actor(other).name.casefold(), other), row))
    ranked.sort(key=lambda r: r[0])
    first = min((v.first for v in views if v.first), key=lambda d: d.earliest, default=None)
    last = max((v.last for v in views if v.last), key=lambda d: d.latest, default=None)
    return render_template(
        "actor.md.j2",
        page_title=escape.front_matter_title(actor.name),
        title=escape.text(actor.name),
        kind=Md("Country" if actor.kind == "country" else "Organisation"),
        code=Md(actor.id),
        aliases=escape.text(", ".join(actor.aliases)) if actor.aliases else None,
        claims=sum(len(v.claims) for v in views),
        span=year_span(first, last),
        graph=graph,
        timeline=timeline,
        years=by_year(names, actor_id),
        partners=[row for _, row in ranked],
        pairs_link=Md(f"../pairs/index/{actor_id}.md"),
        exports=exports,
    )
