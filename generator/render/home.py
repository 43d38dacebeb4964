"""The home page: what the briefing holds and where to start."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..markup import escape
from ..markup.escape import Md
from .common import Names, PairRow, date_text, year_span
from .environment import render_template
from .exports import NO_EXPORTS, PageExports

HOME = "index.md"
# How many pairs and claims the home page shows; the full lists are on the index pages.
TOP_PAIRS = 10
LATEST_CLAIMS = 10


@dataclass(frozen=True, slots=True)
class LatestClaim:
    """A recent dated claim: its date, its pair, and its statement linking to it."""

    date: Md
    pair: Md
    link: Md
    statement: Md


def top_pairs(names: Names, prefix: str, count: int) -> list[PairRow]:
    """The pairs with the most claims, then by name."""
    ranked = heapq.nsmallest(
        count, names.corpus.pairs, key=lambda v: (-len(v.claims), names.pair_title(v).casefold())
    )
    return [names.pair_row(view, prefix) for view in ranked]


def latest_claims(names: Names, count: int) -> list[LatestClaim]:
    """The claims whose own date ends latest (a claim without one has no place here)."""
    corpus = names.corpus
    dated = (c for c in corpus.claims.values() if c.date is not None)
    latest = heapq.nlargest(
        count,
        dated,
        key=lambda c: (c.date.latest, c.date.earliest, c.id) if c.date else ((), (), c.id),
    )
    return [
        LatestClaim(
            date=date_text(claim.date),
            pair=Md(f"{names.actor_name(claim.pair[0])} – {names.actor_name(claim.pair[1])}"),
            link=Md(f"{names.pages.page(claim)}#{claim.id}"),
            statement=escape.text(claim.statement),
        )
        for claim in latest
    ]


def home_page(names: Names, graph: Md | None = None, exports: PageExports = NO_EXPORTS) -> str:
    """Render the home page; `graph` is the relationship picture (render/pictures/), if any,
    and `exports` the downloads of the whole briefing."""
    corpus = names.corpus
    dated = [v for v in corpus.pairs if v.first is not None]
    first = min((v.first for v in dated if v.first), key=lambda d: d.earliest, default=None)
    last = max((v.last for v in dated if v.last), key=lambda d: d.latest, default=None)
    return render_template(
        "home.md.j2",
        claims=len(corpus.claims),
        pairs=len(corpus.pairs),
        actors=len(corpus.pairs_by_actor),
        sources=len(corpus.sources),
        languages=len({s.language.lower() for s in corpus.sources.values()}),
        span=year_span(first, last),
        graph=graph,
        exports=exports,
        rows=top_pairs(names, "", TOP_PAIRS),
        latest=latest_claims(names, LATEST_CLAIMS),
    )
