"""A timeline of many claims: counts by year (or span of years) and topic, each year a link.

A claim counts in the year a page lists it under, that of the earliest day its date (or its
source's publication date) can mean; the caption says how many of those dates are intervals,
approximate or uncertain, or only a publication date, since bins cannot show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from ...corpus import Corpus
from ...markup import escape
from ...markup.escape import Md
from ...model import Claim, parse_date
from ..links import Links
from .axis import AXIS_H, HEAD, LABEL_X, PLOT_X0, PLOT_X1, WIDTH, Scale, axis, legend, row_label
from .captions import counted, description, undated_link
from .palette import by_name, topic_classes
from .picture import Picture, details, figure, table
from .svg import compact, el, esc, link, num

BAR = 18.0  # the tallest bar; the count is written above it
ROW = HEAD + BAR + 12.0
TOP = 6.0
_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_MIN_COLUMN = 18.0  # room for a count of up to four characters
ALL = ("", "All topics", "pic-all")


@dataclass(slots=True)
class Tally:
    """Claims per (topic, year), and what bins cannot show of their dates, counted."""

    cells: Counter[tuple[str, int]] = field(default_factory=Counter)
    years: list[int] = field(default_factory=list)  # sorted, once counted
    intervals: int = 0
    qualified: int = 0
    published: int = 0
    undated: int = 0

    @property
    def drawn(self) -> int:
        return sum(self.cells.values())


@cache
def _facts(text: str) -> tuple[int, bool, bool]:
    """A date's year on the page, whether it is an interval, whether approximate or uncertain."""
    return parse_date(text).earliest.year, "/" in text, any(q in text for q in "~?%")


def tally(corpus: Corpus, claims: Sequence[Claim]) -> Tally:
    """Count claims by topic and the year pages list them under."""
    # Count by (topic, date as written) first, in C; a corpus writes few distinct dates.
    by_text = Counter((c.topic, c.date.text) for c in claims if c.date is not None)
    out = Tally()
    for claim in (c for c in claims if c.date is None):
        published = corpus.sources[claim.source_id].published
        if published is None:
            out.undated += 1
        else:
            out.published += 1
            by_text[(claim.topic, published.text)] += 1
    for (topic, text), count in by_text.items():
        year, interval, qualified = _facts(text)
        out.cells[(topic, year)] += count
        out.intervals += interval * count
        out.qualified += qualified * count
    out.years = sorted({year for _, year in out.cells})
    return out


@dataclass(frozen=True, slots=True)
class Bin:
    """The claims of one bin of years, per topic in reading order."""

    start: int
    size: int
    years: tuple[int, ...]  # the years in it that have claims
    per_topic: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.per_topic)

    @property
    def label(self) -> str:
        return str(self.start) if self.size == 1 else f"{self.start}–{self.start + self.size - 1}"


def bin_scale(first: int, last: int) -> tuple[Scale, int]:
    """Bins of 1, 2, 5, 10... years, aligned on multiples, each at least _MIN_COLUMN wide."""
    for size in _SIZES:
        start, end = first - first % size, last - last % size + size - 1
        if (PLOT_X1 - PLOT_X0) * size / (end - start + 1) >= _MIN_COLUMN:
            return Scale(start, end), size
    raise AssertionError("years 1-9999 fit in bins of 1000 years")


def make_bins(
    cells: Counter[tuple[str, int]], topics: Sequence[str], scale: Scale, size: int
) -> list[Bin]:
    """Sum the counts of each bin that has claims."""
    present = {year for _, year in cells}
    bins = []
    for start in range(scale.first, scale.last + 1, size):
        years = tuple(y for y in range(start, start + size) if y in present)
        if len(years) == 1:
            bins.append(Bin(start, size, years, tuple(cells[(t, years[0])] for t in topics)))
        elif years:
            per_topic = tuple(sum(cells[(t, y)] for y in years) for t in topics)
            bins.append(Bin(start, size, years, per_topic))
    return bins


def _row_bars(
    row: int, counts: Sequence[int], columns: Sequence[tuple[str, str, str]], peak: int
) -> str:
    """One row's bars, each with its count above it; columns are each bin's x, width, middle."""
    out = []
    base = TOP + (row + 1) * ROW - 3
    for (x, width, middle), count in zip(columns, counts, strict=True):
        if count:
            height = max(BAR * count / peak, 1.5)
            out.append(
                f'<rect x="{x}" y="{num(base - height)}" width="{width}" height="{num(height)}"/>'
                f'<text x="{middle}" y="{num(base - height - 3)}">{compact(count)}</text>'
            )
    return "".join(out)


def _columns(bins: Sequence[Bin], scale: Scale) -> list[tuple[str, str, str]]:
    """Each bin's bar: its left x, its width (a gap on either side), its middle, written."""
    out = []
    for one in bins:
        left, right = scale.year_x(one.start), scale.year_x(one.start + one.size)
        width = max(right - left - 4, 1)
        out.append((num((left + right - width) / 2), num(width), num((left + right) / 2)))
    return out


def _rows(names: Sequence[tuple[str, str]]) -> list[str]:
    out = []
    for i, (name, colour) in enumerate(names):
        y = TOP + i * ROW
        out.append(row_label(name, colour, y))
        line = {"class": "pic-row", "x1": LABEL_X, "y1": y + ROW, "x2": PLOT_X1, "y2": y + ROW}
        out.append(el("line", line))
    return out


def draw_bins(
    names: Sequence[tuple[str, str]], bins: Sequence[Bin], scale: Scale, href: Callable[[int], str]
) -> list[str]:
    """Draw topic rows of bars by bin and an All row, then over each bin a link to its first
    year, as wide as the bin and as tall as every row (a transparent target)."""
    out = _rows(names)
    rows = [[b.per_topic[i] for b in bins] for i in range(len(names) - 1)]
    rows.append([b.total for b in bins])
    peaks = [max(max(b.per_topic) for b in bins)] * (len(names) - 1) + [max(rows[-1])]
    columns = _columns(bins, scale)
    for i, ((_, colour), counts, peak) in enumerate(zip(names, rows, peaks, strict=True)):
        bars = _row_bars(i, counts, columns, peak)
        out.append(f'<g class="pic-bins {colour}" text-anchor="middle">{bars}</g>')
    for one in bins:
        words = ", ".join(
            f"{name} {n}" for (name, _), n in zip(names[:-1], one.per_topic, strict=True) if n
        )
        tooltip = f"{one.label}: {counted(one.total, 'claim')} ({words})"
        left, right = scale.year_x(one.start), scale.year_x(one.start + one.size)
        hit = {"class": "pic-hit", "x": left, "y": TOP, "width": right - left}
        body = el("rect", {**hit, "height": ROW * len(names), "fill": "transparent"})
        out.append(link(href(one.years[0]), tooltip, body))
    return out


def bins_picture(corpus: Corpus, key: str, title: str, counts: Tally, links: Links) -> Picture:
    """Draw counted claims, with a caption and a table of claims per year and topic."""
    topics = by_name(corpus.topics, (t for t, _ in counts.cells))
    classes = topic_classes(topics)
    names = [(corpus.topics[t].name, classes[t]) for t in topics] + [ALL[1:]]
    years = counts.years
    scale, size = bin_scale(years[0], years[-1])
    body = draw_bins(names, make_bins(counts.cells, topics, scale, size), scale, links.year)
    bottom = TOP + ROW * len(names)
    per = "year" if size == 1 else f"{size} years"
    key_words = f"claims per {per}; bars of topics share one scale"
    keys, key_height = legend([(_sample_bar, key_words)], bottom + AXIS_H)
    words = _caption(counts, per)
    markup = figure(
        "timeline",
        key,
        (WIDTH, bottom + AXIS_H + key_height + 6),
        title,
        description(words, counts.undated, "Each year links to its claims"),
        axis(scale, TOP, bottom) + body + keys,
        esc(words) + undated_link(counts.undated, links),
    )
    return Picture(title, markup, _table(corpus, topics, counts, links))


def _sample_bar(x: float, y: float) -> str:
    bar = el("rect", {"x": x + 4, "y": y - 6, "width": 12, "height": 10})
    return f'<g class="pic-bins pic-all">{bar}</g>'


def _caption(counts: Tally, per: str) -> str:
    years = counts.years
    span = f"{years[0]}" if years[0] == years[-1] else f"{years[0]} to {years[-1]}"
    words = (
        f"{counted(counts.drawn, 'claim')}, {span}, too many to draw one by one: counted per "
        f"{per} and topic, in the year their date starts"
    )
    kinds = [
        (counts.intervals, "interval", "intervals"),
        (counts.qualified, "approximate or uncertain", "approximate or uncertain"),
        (
            counts.published,
            "only dated by its source's publication",
            "only dated by their source's publication",
        ),
    ]
    said = [f"{n:,} {one if n == 1 else many}" for n, one, many in kinds if n]
    return words + (f" ({', '.join(said)})." if said else ".")


def _table(corpus: Corpus, topics: Sequence[str], counts: Tally, links: Links) -> Md:
    names = [escape.text(corpus.topics[t].name) for t in topics]
    rows: list[list[str | int]] = []
    for year in counts.years:
        per_topic = [counts.cells[(t, year)] for t in topics]
        rows.append([f"[{year}]({links.year_md(year)})", *per_topic, sum(per_topic)])
    headers = ["Year", *names, "All topics"]
    return details("The timeline as a table: claims per year and topic", [table(headers, rows)])
