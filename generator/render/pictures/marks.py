"""A timeline with one mark per claim, drawn as precisely as its date is written.

A year-only or month-only date is a light box across the whole year or month it can mean; a
day is a diamond; an interval is a light box across every day it can mean with a solid bar
where it surely runs, capped at its known ends and fading out at open ones; a claim without
a date of its own is a ring at its source's publication date. `~` (approximate) and `?`
(uncertain) are written next to the end they qualify. Overlapping marks of a topic are
stacked in lanes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .axis import FADE, PLOT_X0, PLOT_X1, SMALL, Scale
from .spans import Span
from .svg import el, esc, link, num, text_width

LANE = 14.0
HALF = 4.0  # half the height of a box or bar
DIAMOND = 4.5
_FADES = ("0.6", "0.4", "0.25", "0.1")


@dataclass(frozen=True, slots=True)
class Placed:
    """A span with where it is drawn: its left and right x (with its glyphs) and lane."""

    span: Span
    left: float
    right: float
    lane: int = 0


def _edges(span: Span, scale: Scale) -> tuple[float, float]:
    """The x range of the mark itself; an open end reaches the end of the axis."""
    left = scale.x(span.start, PLOT_X0)
    right = scale.x(span.end, PLOT_X1)
    if span.shape in ("day", "published"):
        middle = (left + right) / 2
        return min(left, middle - DIAMOND), max(right, middle + DIAMOND)
    return left, max(right, left + 3)


def place(span: Span, scale: Scale) -> Placed:
    """Measure a mark with its fades and glyphs, to stack overlapping marks in lanes."""
    left, right = _edges(span, scale)
    if span.open_start:
        left -= FADE
    if span.open_end:
        right += FADE
    if span.shape == "interval" and span.start_glyph:
        left -= text_width(span.start_glyph, SMALL) + 2
    right += text_width(span.end_glyph, SMALL) + 2 if span.end_glyph else 0
    return Placed(span, left, right)


def stack(placed: Sequence[Placed]) -> list[Placed]:
    """Give each mark the first lane where it does not touch the one before it."""
    ends: list[float] = []
    out = []
    for item in sorted(placed, key=lambda p: (p.left, p.right, p.span.claim.id)):
        lane = next((i for i, end in enumerate(ends) if end + 2 <= item.left), len(ends))
        if lane == len(ends):
            ends.append(item.right)
        else:
            ends[lane] = item.right
        out.append(Placed(item.span, item.left, item.right, lane))
    return out


# The marks are written directly (not through el()): a page of marks is thousands of them.
def _box(cls: str, left: float, right: float, middle: float) -> str:
    x, y, width = num(left), num(middle - HALF), num(max(right - left, 0.5))
    return f'<rect class="{cls}" x="{x}" y="{y}" width="{width}" height="{num(2 * HALF)}"/>'


def _fade(left: float, middle: float, outward: int) -> list[str]:
    """An open end: the bar goes on past the axis, fainter and fainter, with no cap."""
    width = FADE / len(_FADES)
    y, w, h = num(middle - HALF), num(width), num(2 * HALF)
    out = []
    for i, opacity in enumerate(_FADES):
        x = num(left + i * width if outward > 0 else left - (i + 1) * width)
        out.append(
            f'<rect class="pic-bar" x="{x}" y="{y}" width="{w}" height="{h}" '
            f'fill-opacity="{opacity}"/>'
        )
    return out


def _diamond(x: float, middle: float) -> str:
    """A day: a diamond on the day's middle."""
    r = num(DIAMOND)
    return f'<path class="pic-day" d="M{num(x)} {num(middle - DIAMOND)}l{r} {r}-{r} {r}-{r}-{r}z"/>'


def _cap(x: float, middle: float) -> str:
    at, top, bottom = num(x), num(middle - 6), num(middle + 6)
    return f'<line class="pic-cap" x1="{at}" y1="{top}" x2="{at}" y2="{bottom}"/>'


def _glyph(glyph: str, x: float, middle: float, anchor: str) -> str:
    if not glyph:
        return ""
    at, y = num(x), num(middle + 4)
    return f'<text class="pic-q" x="{at}" y="{y}" text-anchor="{anchor}">{esc(glyph)}</text>'


def _interval(span: Span, scale: Scale, left: float, right: float, middle: float) -> list[str]:
    out = [_box("pic-box", left, right, middle)]
    if span.core is not None:
        core_left, core_right = (scale.x(span.core[0], PLOT_X0), scale.x(span.core[1], PLOT_X1))
        out.append(_box("pic-bar", core_left, core_right, middle))
    out += _fade(PLOT_X0, middle, -1) if span.open_start else [_cap(left, middle)]
    out += _fade(PLOT_X1, middle, 1) if span.open_end else [_cap(right, middle)]
    out.append(_glyph(span.start_glyph, left - 2, middle, "end"))
    return out


def shapes(span: Span, scale: Scale, middle: float) -> str:
    """Draw one mark around a lane's middle line."""
    left, right = _edges(span, scale)
    if span.shape == "interval":
        out = _interval(span, scale, left, right, middle)
    elif span.shape == "day":
        x = (left + right) / 2
        out = [_diamond(x, middle)]
    elif span.shape == "published":
        line = {"class": "pic-whisker", "x1": scale.x(span.start), "y1": middle}
        out = [el("line", {**line, "x2": scale.x(span.end), "y2": middle})]
        out.append(
            el("circle", {"class": "pic-pub", "cx": (left + right) / 2, "cy": middle, "r": 3.5})
        )
    else:
        out = [_box("pic-box", left, right, middle)]
    out.append(_glyph(span.end_glyph, right + 2, middle, "start"))
    return "".join(out)


def draw_row(
    placed: list[Placed],
    scale: Scale,
    top: float,
    colour: str,
    href: Callable[[Span], str],
    tooltip: Callable[[Span], str],
) -> list[str]:
    """Draw a topic's stacked marks below `top`, each a link to its claim."""
    out = []
    for item in sorted(placed, key=lambda p: (p.lane, p.left, p.span.claim.id)):
        middle = top + LANE * item.lane + LANE / 2
        body = shapes(item.span, scale, middle)
        out.append(f'<g class="{colour}">{link(href(item.span), tooltip(item.span), body)}</g>')
    return out


def lanes_needed(placed: Sequence[Placed]) -> int:
    return 1 + max((p.lane for p in placed), default=0)


# Samples for the legend, drawn in a neutral colour at (x, middle).
def _sample_box(x: float, y: float) -> str:
    return _box("pic-box", x, x + 20, y)


def _sample_day(x: float, y: float) -> str:
    return _diamond(x + 10, y)


def _sample_interval(x: float, y: float) -> str:
    parts = [_box("pic-box", x, x + 20, y), _box("pic-bar", x + 5, x + 15, y)]
    return "".join(parts + [_cap(x, y), _cap(x + 20, y)])


def _sample_open(x: float, y: float) -> str:
    return "".join([_cap(x, y), _box("pic-bar", x, x + 8, y), *_fade(x + 8, y, 1)[:3]])


def _sample_published(x: float, y: float) -> str:
    line = el("line", {"class": "pic-whisker", "x1": x, "y1": y, "x2": x + 20, "y2": y})
    return line + el("circle", {"class": "pic-pub", "cx": x + 10, "cy": y, "r": 3.5})


def _sample_glyph(glyph: str) -> Callable[[float, float], str]:
    def sample(x: float, y: float) -> str:
        return _box("pic-box", x, x + 12, y) + _glyph(glyph, x + 14, y, "start")

    return sample


def legend_items(spans: Sequence[Span]) -> list[tuple[Callable[[float, float], str], str]]:
    """The legend entries for the kinds of mark a timeline has."""
    shapes_here = {s.shape for s in spans}
    items: list[tuple[Callable[[float, float], str], str]] = []
    if shapes_here & {"year", "month"}:
        items.append((_sample_box, "year or month: some time in it"))
    if "day" in shapes_here:
        items.append((_sample_day, "day"))
    if "interval" in shapes_here:
        items.append((_sample_interval, "interval (solid: surely in it)"))
    if any(s.open_start or s.open_end for s in spans):
        items.append((_sample_open, "open end (..): no date given for it"))
    glyphs = "".join(s.start_glyph + s.end_glyph for s in spans)
    if "~" in glyphs:
        items.append((_sample_glyph("~"), "approximate"))
    if "?" in glyphs:
        items.append((_sample_glyph("?"), "uncertain"))
    if "published" in shapes_here:
        items.append((_sample_published, "no date of its own: its source's publication date"))
    return items
