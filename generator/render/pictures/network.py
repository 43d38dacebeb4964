"""Drawing a network: actors as nodes (countries circles, organisations squares), pairs as lines.

Every node links to its actor's page and every line to its pair's page; a line sits on a
wider transparent one so that a pointer finds it easily. Line width grows with the square
root of the number of claims, so a pair of one claim stays visible next to one of hundreds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ...corpus import Corpus, PairView
from ...model import Actor
from ..links import Links
from .captions import counted
from .layout import Box, place_labels
from .svg import clip, el, esc, link, text_width

WIDTH = 800.0
NODE_FONT = 11.0
LABEL_CHARS = 18
MIN_WIDTH, MAX_WIDTH = 1.0, 6.0
MIN_RADIUS, MAX_RADIUS = 4.5, 12.0
HIT_WIDTH = 10.0


@dataclass(frozen=True, slots=True)
class Node:
    """An actor drawn at (x, y) with its radius, label and what its tooltip says."""

    actor: Actor
    x: float
    y: float
    radius: float
    href: str
    tooltip: str
    focus: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    """A pair drawn as a line between two nodes."""

    a: Node
    b: Node
    width: float
    href: str
    tooltip: str


def kind_word(actor: Actor) -> str:
    return "organisation" if actor.kind == "organization" else "country"


def short_name(actor: Actor) -> str:
    """A node's label: the name, an organisation's id when its name is long, else clipped."""
    if len(actor.name) <= LABEL_CHARS:
        return actor.name
    if actor.kind == "organization":
        return actor.id
    return clip(actor.name, text_width("x" * LABEL_CHARS, NODE_FONT), NODE_FONT)


def label_width(actor: Actor) -> float:
    return text_width(short_name(actor), NODE_FONT)


def radius(claims: int, most: int) -> float:
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(claims / most)


def line_width(claims: int, most: int) -> float:
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * math.sqrt(claims / most)


def shape(actor: Actor, x: float, y: float, r: float, extra: str = "") -> str:
    """A circle for a country, a square of the same area for an organisation."""
    cls = f"pic-node pic-node--{actor.kind}{extra}"
    if actor.kind == "organization":
        half = r * math.sqrt(math.pi) / 2
        attrs = {"class": cls, "x": x - half, "y": y - half, "width": 2 * half, "height": 2 * half}
        return el("rect", attrs)
    return el("circle", {"class": cls, "cx": x, "cy": y, "r": r})


def draw_edges(edges: Sequence[Edge]) -> list[str]:
    """Lines, thin ones first so thick ones stay on top."""
    out = []
    for edge in sorted(edges, key=lambda e: (e.width, e.href)):
        ends = {"x1": edge.a.x, "y1": edge.a.y, "x2": edge.b.x, "y2": edge.b.y}
        hit = el(
            "line", {"class": "pic-hit", **ends, "stroke": "transparent", "stroke-width": HIT_WIDTH}
        )
        line = el("line", {"class": "pic-edge", **ends, "stroke-width": edge.width})
        out.append(link(edge.href, edge.tooltip, hit + line))
    return out


def draw(
    nodes: Sequence[Node], edges: Sequence[Edge], height: float, centre: tuple[float, float]
) -> list[str]:
    """Lines, then nodes with their labels (placed heaviest first, drawn lightest first)."""
    order = sorted(nodes, key=lambda n: (-n.radius, n.actor.id))
    labels = place_labels(
        [(n.x, n.y, n.radius, label_width(n.actor)) for n in order],
        Box(2, 2, WIDTH - 2, height - 2),
        NODE_FONT,
        centre,
    )
    out = draw_edges(edges)
    for node, label in reversed(list(zip(order, labels, strict=True))):
        focus = " pic-node--focus" if node.focus else ""
        body = shape(node.actor, node.x, node.y, node.radius, focus)
        attrs = {"class": "pic-node-label", "x": label.x, "y": label.y, "text-anchor": label.anchor}
        body += el("text", attrs, esc(short_name(node.actor)))
        out.append(link(node.href, node.tooltip, body))
    return out


def edge(corpus: Corpus, links: Links, view: PairView, a: Node, b: Node, most: int) -> Edge:
    """A pair's line between its two nodes, linking to the pair's page."""
    tooltip = f"{a.actor.name} – {b.actor.name}: {counted(len(view.claims), 'claim')}"
    return Edge(a, b, line_width(len(view.claims), most), links.pair(view.pair), tooltip)


def legend(top: float, kinds: set[str], least: int, most: int) -> tuple[list[str], float]:
    """The shapes drawn and the thinnest and thickest lines explained, in one line."""
    y = top + 10
    items = []
    x = 12.0
    for kind, words in (("country", "country"), ("organization", "organisation")):
        if kind in kinds:
            items += [shape(Actor("", "", kind), x, y, 5.5), _key(x + 10, y, words)]
            x += 28 + text_width(words, 10)
    for claims in sorted({least, most}):
        ends = {"x1": x, "y1": y, "x2": x + 28, "y2": y}
        items.append(
            el("line", {"class": "pic-edge", **ends, "stroke-width": line_width(claims, most)})
        )
        items.append(_key(x + 34, y, counted(claims, "claim")))
        x += 52 + text_width(counted(claims, "claim"), 10)
    return [f'<g class="pic-sample">{"".join(items)}</g>'], 20.0


def _key(x: float, y: float, words: str) -> str:
    return el("text", {"class": "pic-key", "x": x, "y": y + 3.5}, esc(words))


def actor_tooltip(corpus: Corpus, actor: Actor) -> str:
    views = corpus.pairs_by_actor.get(actor.id, ())
    claims = sum(len(v.claims) for v in views)
    partners = counted(len(views), "partner")
    return f"{actor.name} ({kind_word(actor)}): {partners}, {counted(claims, 'claim')}"
