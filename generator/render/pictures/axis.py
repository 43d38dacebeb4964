"""A timeline's frame: the time scale, the year axis, and the legend, shared by both styles."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from .svg import clip, el, esc, num, text_width

WIDTH = 800.0
FADE = 24.0  # room beyond each end of the axis where open-ended intervals fade out
LABEL_X = 16.0  # where row labels and the legend start: the left end of the fade zone
PLOT_X0 = LABEL_X + FADE
PLOT_X1 = 760.0
SMALL = 10.0
LABEL_FONT = 11.5
HEAD = 16.0  # a row's label, above the row
AXIS_H = 22.0  # the axis line, its ticks and year labels below
_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_LABEL_ROOM = 34.0  # a year label and the gap to the next


def jan1(year: int) -> int:
    """The day number (proleptic Gregorian ordinal) of 1 January of a year, 0 to 10000.

    Bins aligned on round years may start at year 0, and an axis ends where the year after
    its last begins, 10000 for dates in 9999: neither is a `datetime.date`.
    """
    if year == 0:
        return 1 - 366  # year 0 would be a leap year
    if year == 10000:
        return datetime.date(9999, 12, 31).toordinal() + 1
    return datetime.date(year, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Scale:
    """Day numbers to x positions, across whole years from `first` to `last` (both included)."""

    first: int
    last: int

    def x(self, day: int | None, open_side: float = PLOT_X0) -> float:
        """Place a day number (`date.toordinal()`); None (an open end) is the end given."""
        if day is None:
            return open_side
        start, days = _frame(self.first, self.last)
        return PLOT_X0 + (day - start) * (PLOT_X1 - PLOT_X0) / days

    def year_x(self, year: int) -> float:
        """Place the start of a year (the year after the last is the end of the axis)."""
        return _year_x(self.first, self.last, year)

    @property
    def step(self) -> int:
        """Label every `step`-th year, so that labels never touch."""
        per_year = (PLOT_X1 - PLOT_X0) / (self.last - self.first + 1)
        return next((s for s in _STEPS if per_year * s >= _LABEL_ROOM), _STEPS[-1])


@cache
def _frame(first: int, last: int) -> tuple[int, int]:
    """The first day of an axis and its number of days."""
    return jan1(first), jan1(last + 1) - jan1(first)


@cache
def _year_x(first: int, last: int, year: int) -> float:
    return Scale(first, last).x(jan1(year))


def axis(scale: Scale, top: float, bottom: float) -> list[str]:
    """Year ticks on a line at `bottom`, labels below, faint lines up to `top` at labels."""
    grid_xs, ticks = _axis(scale.first, scale.last)
    upper, lower = num(top), num(bottom)
    grid = "".join(f"M{x} {upper}V{lower}" for x in grid_xs)
    out = [f'<path class="pic-grid" d="{grid}"/>'] if grid else []
    return [*out, f'<g transform="translate(0 {lower})">{ticks}</g>']


@cache
def _axis(first: int, last: int) -> tuple[tuple[str, ...], str]:
    """Where grid lines go, and the ticks and labels of an axis at y = 0, drawn once for the
    many timelines over the same years."""
    scale = Scale(first, last)
    step = scale.step
    every = (PLOT_X1 - PLOT_X0) / (last - first + 1) >= 3
    ticks = [f"M{num(PLOT_X0)} 0H{num(PLOT_X1)}"]
    grid = []
    labels = []
    for year in range(first, last + 2):
        x = num(scale.year_x(year))
        labelled = step == 1 or year % step == 0
        if labelled and first < year <= last:
            grid.append(x)
        if labelled or every:
            ticks.append(f"M{x} 0v{5 if labelled else 3}")
        if labelled and 1 <= year <= last:
            middle = (scale.year_x(year) + scale.year_x(year + 1)) / 2
            attrs = {"class": "pic-tick", "x": middle, "y": 16, "text-anchor": "middle"}
            labels.append(el("text", attrs, str(year)))
    path = el("path", {"class": "pic-axis", "d": "".join(ticks)})
    return tuple(grid), path + "".join(labels)


Sample = Callable[[float, float], str]


def legend(items: list[tuple[Sample, str]], top: float) -> tuple[list[str], float]:
    """Lay legend entries (a sample drawn at x, middle y, and plain text) out in lines."""
    out: list[str] = []
    x, y = LABEL_X, top + 8
    for sample, words in items:
        width = 32 + text_width(words, SMALL)
        if x + width > WIDTH - 8 and x > LABEL_X:
            x, y = LABEL_X, y + 16
        out.append(f'<g class="pic-sample">{sample(x, y)}</g>')
        attrs = {"class": "pic-key", "x": x + 32, "y": y + 3.5}
        out.append(el("text", attrs, esc(words)))
        x += width + 12
    return out, (y + 10 - top if items else 0.0)


@lru_cache(maxsize=4096)
def row_label(name: str, colour: str, top: float) -> str:
    """A row's name above it, after a swatch of its colour (the full name in a tooltip).

    Cached: timelines draw the same few topics, in the same colours, at the same heights.
    """
    swatch = {"class": f"pic-swatch {colour}", "x": LABEL_X, "y": top + 3, "width": 9, "height": 9}
    label = {"class": "pic-label", "x": LABEL_X + 14, "y": top + 11.5}
    shown = esc(clip(name, PLOT_X1 - LABEL_X - 14, LABEL_FONT))
    return f"<g><title>{esc(name)}</title>{el('rect', swatch)}{el('text', label, shown)}</g>"
