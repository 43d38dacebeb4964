"""Where a network's nodes and labels go: a force-directed layout, and labels that avoid each other.

The layout is Fruchterman and Reingold's (1991), written here in plain Python rather than
taken from networkx: the networks are small (tens of actors), and plain Python floats use
only +, -, *, / and sqrt, which IEEE 754 defines exactly, so the same corpus gives the same
coordinates bit for bit on every machine (numpy's vectorised sums may differ in the last bit
between CPUs and builds). The starting positions come from a seeded Mersenne Twister, the
same on every platform; coordinates are then rounded to 0.1 units when written.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

ITERATIONS = 200
GRAVITY = 0.25  # pulls separate components toward the middle so none drifts off
_SEED = 20240501


def force_layout(
    count: int, edges: Sequence[tuple[int, int, float]], iterations: int = ITERATIONS
) -> list[tuple[float, float]]:
    """Place `count` nodes in the unit square; edges (i, j, weight 0-1) pull their ends together."""
    rng = random.Random(_SEED)
    xs = [rng.random() for _ in range(count)]
    ys = [rng.random() for _ in range(count)]
    if count < 2:
        return [(0.5, 0.5)] * count
    k = math.sqrt(1.0 / count)
    k2 = k * k
    heat = 0.1
    cooling = heat / (iterations + 1)
    for _ in range(iterations):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                ddx, ddy = xi - xs[j], yi - ys[j]
                d2 = max(ddx * ddx + ddy * ddy, 1e-6)
                push = k2 / d2
                dx[i] += ddx * push
                dy[i] += ddy * push
                dx[j] -= ddx * push
                dy[j] -= ddy * push
        for i, j, weight in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            pull = math.sqrt(ddx * ddx + ddy * ddy) / k * (0.5 + weight)
            dx[i] -= ddx * pull
            dy[i] -= ddy * pull
            dx[j] += ddx * pull
            dy[j] += ddy * pull
        for i in range(count):
            gx, gy = dx[i] - GRAVITY * (xs[i] - 0.5) / k, dy[i] - GRAVITY * (ys[i] - 0.5) / k
            length = math.sqrt(gx * gx + gy * gy)
            if length > 0:
                step = min(length, heat) / length
                xs[i] += gx * step
                ys[i] += gy * step
        heat -= cooling
    return list(zip(xs, ys, strict=True))


def fit(
    points: Sequence[tuple[float, float]],
    box: tuple[float, float, float, float],
    stretch: bool = True,
) -> list[tuple[float, float]]:
    """Scale points into a box (left, top, right, bottom), rounded to 0.1 units.

    With stretch, each axis fills the box; without, the shape is kept and centred.
    """
    left, top, right, bottom = box
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    scale_x = (right - left) / span_x if span_x else 0.0
    scale_y = (bottom - top) / span_y if span_y else 0.0
    if not stretch:
        scale_x = scale_y = min(s for s in (scale_x, scale_y, 1e9) if s)
    mid_x, mid_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    return [
        (round(centre_x + (x - mid_x) * scale_x, 1), round(centre_y + (y - mid_y) * scale_y, 1))
        for x, y in points
    ]


def separate(
    points: Sequence[tuple[float, float]],
    radii: Sequence[float],
    gap: float = 6.0,
    rounds: int = 60,
) -> list[tuple[float, float]]:
    """Push apart nodes that overlap (hubs that share most partners end up on top of each
    other), a pair at a time, in a fixed order; rounded to 0.1 units again."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    for _ in range(rounds):
        moved = False
        for i in range(len(xs)):
            for j in range(i + 1, len(xs)):
                dx, dy = xs[j] - xs[i], ys[j] - ys[i]
                need = radii[i] + radii[j] + gap
                d2 = dx * dx + dy * dy
                if d2 >= need * need:
                    continue
                d = math.sqrt(d2)
                ux, uy = (dx / d, dy / d) if d > 1e-9 else (1.0, 0.0)
                push = (need - d) / 2
                xs[i], ys[i] = xs[i] - ux * push, ys[i] - uy * push
                xs[j], ys[j] = xs[j] + ux * push, ys[j] + uy * push
                moved = True
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in zip(xs, ys, strict=True)]


def components(count: int, edges: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    """The connected groups of nodes, largest first (then by their first node)."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in edges:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def network_layout(
    count: int, edges: Sequence[tuple[int, int, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """Lay out each connected group on its own: the largest fills most of the box, the others
    are stacked in a column at its right, so that no small group floats far from the rest."""
    groups = components(count, edges)
    left, top, right, bottom = box
    rest = len(groups) - 1
    columns = -(-rest // 6)  # six small groups to a column
    rows = -(-rest // columns) if rest else 1
    main_right = right - (right - left) * min(0.22 * columns, 0.5)
    width = (right - main_right - 40) / max(columns, 1)
    height = (bottom - top) / rows
    out: list[tuple[float, float]] = [(0.0, 0.0)] * count
    for n, group in enumerate(groups):
        index = {node: k for k, node in enumerate(group)}
        inner = [(index[i], index[j], w) for i, j, w in edges if i in index]
        area = (left, top, main_right, bottom)
        if n:
            x = main_right + 40 + (n - 1) // rows * width
            y = top + (n - 1) % rows * height
            area = (x + 10, y + 10, x + width - 10, y + min(height, 160.0) - 10)
        points = fit(force_layout(len(group), inner), area, stretch=n == 0)
        for node, point in zip(group, points, strict=True):
            out[node] = point
    return out


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Label:
    """A label's anchor point and text-anchor."""

    x: float
    y: float
    anchor: str


def _options(x: float, y: float, r: float, width: float, size: float) -> list[tuple[Label, Box]]:
    """A label right, left, above or below its node, with the box it would take."""
    half = size / 2
    return [
        (
            Label(x + r + 4, y + size / 3, "start"),
            Box(x + r + 3, y - half, x + r + 5 + width, y + half),
        ),
        (
            Label(x - r - 4, y + size / 3, "end"),
            Box(x - r - 5 - width, y - half, x - r - 3, y + half),
        ),
        (
            Label(x, y - r - 4, "middle"),
            Box(x - width / 2, y - r - 4 - size, x + width / 2, y - r - 3),
        ),
        (
            Label(x, y + r + size, "middle"),
            Box(x - width / 2, y + r + 2, x + width / 2, y + r + size + 2),
        ),
    ]


_DIRECTIONS = ((1.0, 0.0), (-1.0, 0.0), (0.0, -1.0), (0.0, 1.0))
# What facing inward costs, as an area of overlap: a label may touch another a little
# rather than turn back across the lines that meet at its node.
INWARD = 40.0


def _cost(box: Box, taken: Sequence[Box], bounds: Box) -> float:
    """How much a label's box would overlap others, or stick out of the picture (far worse)."""
    outside = (
        max(bounds.left - box.left, 0)
        + max(box.right - bounds.right, 0)
        + max(bounds.top - box.top, 0)
        + max(box.bottom - bounds.bottom, 0)
    )
    return sum(box.overlap(other) for other in taken) + outside * 1000


def place_labels(
    nodes: Sequence[tuple[float, float, float, float]],
    bounds: Box,
    size: float,
    centre: tuple[float, float],
) -> list[Label]:
    """Put each label (node x, y, radius, text width) right, left, above or below its node.

    Nodes are taken in the order given (the caller puts the heaviest first); each label goes
    where it overlaps least with the labels placed so far and every node, inside bounds, and
    faces away from `centre`, where lines meet (a node at the centre has its label below).
    """
    taken = [Box(x - r, y - r, x + r, y + r) for x, y, r, _ in nodes]
    out = []
    for x, y, r, width in nodes:
        dx, dy = x - centre[0], y - centre[1]
        length = math.sqrt(dx * dx + dy * dy)
        away = (dx / length, dy / length) if length else (0.0, 1.0)
        options = _options(x, y, r, width, size)
        costs = [
            (_cost(box, taken, bounds) + INWARD * (1 - ux * away[0] - uy * away[1]), k)
            for k, ((_, box), (ux, uy)) in enumerate(zip(options, _DIRECTIONS, strict=True))
        ]
        best = min(costs)[1]
        taken.append(options[best][1])
        out.append(options[best][0])
    return out
