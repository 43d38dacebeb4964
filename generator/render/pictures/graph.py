"""The whole briefing's network, for the home page: every actor, and the strongest pairs.

Every actor is drawn, and every pair while there are at most EDGE_LIMIT. Beyond that the
picture draws each actor's PER_ACTOR strongest pairs (most claims), then the strongest
overall up to EDGE_LIMIT: every actor stays tied to what matters most to it, and at 49
actors and 1,128 pairs about a hundred lines stay readable where a thousand would be a
smear. The caption says how many pairs are left out; the text alternative lists them all.
The layout is force-directed (layout.py) on the pairs drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...corpus import Corpus, PairView
from ...markup import escape
from ...markup.escape import Md
from ..links import Links
from .captions import counted
from .layout import network_layout, separate
from .network import (
    WIDTH,
    Node,
    actor_tooltip,
    draw,
    edge,
    kind_word,
    legend,
    radius,
)
from .picture import Picture, details, figure, table
from .svg import esc

EDGE_LIMIT = 100
PER_ACTOR = 2
MARGIN = 24.0


def strength(view: PairView) -> tuple[int, tuple[str, str]]:
    """Order pairs by claims, most first, then by ids."""
    return (-len(view.claims), view.pair)


def cut(pairs: Sequence[PairView]) -> list[PairView]:
    """The pairs to draw: all, or each actor's strongest and then the strongest overall.

    At most max(EDGE_LIMIT, PER_ACTOR x actors) pairs, strongest first.
    """
    ranked = sorted(pairs, key=strength)
    if len(ranked) <= EDGE_LIMIT:
        return ranked
    keep: dict[tuple[str, str], PairView] = {}
    per_actor: dict[str, int] = {}
    for view in ranked:
        if any(per_actor.get(a, 0) < PER_ACTOR for a in view.pair):
            keep[view.pair] = view
            for a in view.pair:
                per_actor[a] = per_actor.get(a, 0) + 1
    for view in ranked:
        if len(keep) >= EDGE_LIMIT:
            break
        keep.setdefault(view.pair, view)
    return sorted(keep.values(), key=strength)


def briefing_graph(corpus: Corpus, links: Links) -> Picture | None:
    """Draw every actor and the pairs between them; None for a corpus without pairs.

    `links` is for the page the picture goes on, e.g. `Links("index.md")`: actors link to
    `actors/KZ/`, lines to `pairs/KZ-TR/`.
    """
    if not corpus.pairs:
        return None
    ids = sorted(corpus.pairs_by_actor)
    index = {actor_id: i for i, actor_id in enumerate(ids)}
    drawn = cut(corpus.pairs)
    most = len(drawn[0].claims)
    weights = [(index[v.pair[0]], index[v.pair[1]], len(v.claims) / most) for v in drawn]
    height = 420.0 if len(ids) <= 16 else 600.0
    box = (MARGIN + 40, MARGIN, WIDTH - MARGIN - 40, height - MARGIN - 16)
    claims = {a: sum(len(v.claims) for v in corpus.pairs_by_actor[a]) for a in ids}
    heaviest = max(claims.values())
    radii = [radius(claims[a], heaviest) for a in ids]
    points = separate(network_layout(len(ids), weights, box), radii)
    nodes = [
        Node(corpus.actor(a), x, y, r, links.actor(a), actor_tooltip(corpus, corpus.actor(a)))
        for a, (x, y), r in zip(ids, points, radii, strict=True)
    ]
    edges = [
        edge(corpus, links, v, nodes[index[v.pair[0]]], nodes[index[v.pair[1]]], most)
        for v in drawn
    ]
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    kinds = {node.actor.kind for node in nodes}
    keys, key_height = legend(height, kinds, min(len(v.claims) for v in drawn), most)
    words = _caption(len(ids), len(corpus.pairs), len(drawn))
    title = "Network of the briefing: actors and the pairs between them"
    desc = (
        f"{words}. Each actor and line links to its page; the tables after the picture give "
        "the same facts."
    )
    size = (WIDTH, height + key_height + 6)
    body = draw(nodes, edges, height, centre) + keys
    markup = figure("graph", "briefing", size, title, desc, body, esc(words + "."))
    shown = None if len(drawn) == len(corpus.pairs) else {v.pair for v in drawn}
    return Picture(title, markup, _tables(corpus, links, ids, claims, shown))


def _caption(actors: int, pairs: int, drawn: int) -> str:
    words = (
        f"{counted(actors, 'actor')} and {counted(pairs, 'pair')}; line width shows the "
        "number of claims"
    )
    if drawn == pairs:
        return words
    return (
        f"{words}. The {drawn:,} strongest pairs are drawn (each actor's {PER_ACTOR} with "
        f"most claims, then the most claims overall); the other {pairs - drawn:,} are in the "
        "table after the picture"
    )


def _tables(
    corpus: Corpus,
    links: Links,
    ids: Sequence[str],
    claims: dict[str, int],
    shown: set[tuple[str, str]] | None,
) -> Md:
    """Actors by name, and pairs by claims (saying which are drawn, when not all are)."""
    actor_rows: list[list[str | int]] = []
    for actor_id in sorted(ids, key=lambda a: (corpus.actor(a).name.casefold(), a)):
        actor = corpus.actor(actor_id)
        name = f"[{escape.text(actor.name)}]({links.actor_md(actor_id)})"
        partners = len(corpus.pairs_by_actor[actor_id])
        actor_rows.append([name, kind_word(actor), partners, claims[actor_id]])
    pair_rows: list[list[str | int]] = []
    for view in sorted(corpus.pairs, key=strength):
        a, b = (corpus.actor(x).name for x in view.pair)
        row: list[str | int] = [
            f"[{escape.text(f'{a} – {b}')}]({links.pair_md(view.pair)})",
            len(view.claims),
        ]
        if shown is not None:
            row.append("yes" if view.pair in shown else "no")
        pair_rows.append(row)
    pair_headers = ["Pair", "Claims"] + (["Drawn"] if shown is not None else [])
    return details(
        "The network as tables: actors, and pairs by number of claims",
        [
            table(["Actor", "Kind", "Partners", "Claims"], actor_rows),
            table(pair_headers, pair_rows),
        ],
    )
