"""One actor's network, for its page: the actor in the middle, its partners around it.

Partners go clockwise from the top, most claims first, on an ellipse as wide as the labels at
its sides allow (one or two partners sit left and right). Past PARTNER_LIMIT the others are
not drawn; the caption says how many, and the text alternative lists every partner.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ...corpus import Corpus, PairView
from ...markup import escape
from ...markup.escape import Md
from ..links import Links
from .captions import counted
from .network import WIDTH, Node, actor_tooltip, draw, edge, kind_word, legend, radius
from .picture import Picture, details, figure, table
from .svg import esc

PARTNER_LIMIT = 20


def actor_graph(corpus: Corpus, actor_id: str, links: Links) -> Picture | None:
    """Draw an actor and its partners; None for an actor without pairs.

    `links` is for the actor's page, e.g. `Links("actors/KZ.md")`: partners link to
    `../TR/`, lines to `../../pairs/KZ-TR/`, the actor itself to `./`.
    """
    views = sorted(
        corpus.pairs_by_actor.get(actor_id, ()), key=lambda v: _order(corpus, actor_id, v)
    )
    if not views:
        return None
    actor = corpus.actor(actor_id)
    drawn = views[:PARTNER_LIMIT]
    most = len(drawn[0].claims)
    across, down = min(110.0 + 10.0 * len(drawn), 240.0), min(8.0 * len(drawn), 170.0)
    cx, cy = WIDTH / 2, down + 34
    height = 2 * down + 68
    centre = Node(actor, cx, cy, 12.0, links.actor(actor_id), actor_tooltip(corpus, actor), True)
    nodes, edges = [], []
    for i, view in enumerate(drawn):
        other = corpus.actor(_other(actor_id, view))
        angle = 2 * math.pi * i / len(drawn) - (0.0 if len(drawn) <= 2 else math.pi / 2)
        x, y = round(cx + across * math.cos(angle), 1), round(cy + down * math.sin(angle), 1)
        tooltip = (
            f"{other.name} ({kind_word(other)}): {counted(len(view.claims), 'claim')} "
            f"with {actor.name}"
        )
        node = Node(other, x, y, radius(len(view.claims), most), links.actor(other.id), tooltip)
        nodes.append(node)
        edges.append(edge(corpus, links, view, centre, node, most))
    kinds = {node.actor.kind for node in [centre, *nodes]}
    keys, key_height = legend(height, kinds, min(len(v.claims) for v in drawn), most)
    total = sum(len(v.claims) for v in views)
    words = (
        f"{actor.name} and its {counted(len(views), 'partner')}, {counted(total, 'claim')}; "
        "line width shows the number of claims"
    )
    if len(views) > len(drawn):
        words += (
            f". The {len(drawn)} with most claims are drawn; the other "
            f"{len(views) - len(drawn)} are in the table after the picture"
        )
    title = f"Network of {actor.name}: its partners"
    desc = (
        f"{words}. Each actor and line links to its page; the table after the picture gives "
        "the same facts."
    )
    body = draw([centre, *nodes], edges, height, (cx, cy)) + keys
    size = (WIDTH, height + key_height + 6)
    markup = figure("graph", actor_id, size, title, desc, body, esc(words + "."))
    return Picture(title, markup, _table(corpus, links, actor_id, views, len(drawn)))


def _other(actor_id: str, view: PairView) -> str:
    return view.pair[1] if view.pair[0] == actor_id else view.pair[0]


def _order(corpus: Corpus, actor_id: str, view: PairView) -> tuple[int, str, str]:
    other = _other(actor_id, view)
    return (-len(view.claims), corpus.actor(other).name.casefold(), other)


def _table(
    corpus: Corpus, links: Links, actor_id: str, views: Sequence[PairView], drawn: int
) -> Md:
    """Every partner, most claims first; the claims lead to the pair's page."""
    cut = len(views) > drawn
    rows: list[list[str | int]] = []
    for i, view in enumerate(views):
        other = corpus.actor(_other(actor_id, view))
        row: list[str | int] = [
            f"[{escape.text(other.name)}]({links.actor_md(other.id)})",
            kind_word(other),
            f"[{len(view.claims):,}]({links.pair_md(view.pair)})",
        ]
        if cut:
            row.append("yes" if i < drawn else "no")
        rows.append(row)
    headers = ["Partner", "Kind", "Claims"] + (["Drawn"] if cut else [])
    return details("The network as a table: partners by number of claims", [table(headers, rows)])
