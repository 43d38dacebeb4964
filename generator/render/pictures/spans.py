"""What a timeline draws for one claim: the days its date can mean, as precisely as written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from ...corpus import Corpus
from ...model import Claim, Date, DatePoint, parse_date

# EDTF qualifiers as a timeline shows them: ~ approximate, ? uncertain, % both.
GLYPHS = {"": "", "~": "~", "?": "?", "%": "~?"}


@dataclass(frozen=True, slots=True)
class Span:
    """One claim's mark in day numbers (`date.toordinal()`): `start` inclusive, `end`
    exclusive, None for an open end.

    shape is `day`, `month` or `year` for a single date (the mark covers the whole day,
    month or year it can mean), `interval`, or `published` for a claim without a date of its
    own, placed at its source's publication date. `core` is the part of an interval it surely
    covers (from the day after its start can last mean to the first its end can mean), if any.
    """

    claim: Claim
    date: Date
    shape: str
    start: int | None
    end: int | None
    core: tuple[int | None, int | None] | None
    start_glyph: str
    end_glyph: str

    @property
    def open_start(self) -> bool:
        return self.start is None

    @property
    def open_end(self) -> bool:
        return self.end is None

    def known_years(self) -> list[int]:
        """The years of the first and last days it names (not of its open ends)."""
        last = None if self.end is None else self.end - 1
        days = [day for day in (self.start, last) if day is not None]
        return [datetime.date.fromordinal(day).year for day in days]


def _precision(point: DatePoint) -> str:
    return "day" if point.day is not None else "month" if point.month is not None else "year"


@cache
def said(text: str) -> str:
    """Say a date (by its text) in English, once for all the claims that share it."""
    return parse_date(text).display()


@cache
def _ends(date: Date) -> tuple[DatePoint | None, DatePoint | None, bool]:
    """Parse a date once, however many claims share it (most share a year)."""
    return date.ends()


def _first(point: DatePoint | None) -> int | None:
    return None if point is None else point.earliest.toordinal()


def _after(point: DatePoint | None) -> int | None:
    return None if point is None else point.latest.toordinal() + 1


def span_of(claim: Claim, date: Date, published: bool) -> Span:
    """Draw a claim's date (or, if published, its source's publication date)."""
    start, end, interval = _ends(date)
    if not interval:
        assert start is not None
        glyph = GLYPHS[start.qualifier]
        shape = "published" if published else _precision(start)
        return Span(claim, date, shape, _first(start), _after(start), None, glyph, glyph)
    core_from, core_to = _after(start), _first(end)
    empty = core_from is not None and core_to is not None and core_from >= core_to
    core = None if empty else (core_from, core_to)
    return Span(
        claim,
        date,
        "interval",
        _first(start),
        _after(end),
        core,
        GLYPHS[start.qualifier] if start else "",
        GLYPHS[end.qualifier] if end else "",
    )


@dataclass(frozen=True, slots=True)
class Dated:
    """A list of claims split by what a timeline can draw of them."""

    spans: tuple[Span, ...]
    undated: tuple[Claim, ...]


def claim_spans(corpus: Corpus, claims: tuple[Claim, ...] | list[Claim]) -> Dated:
    """Make each claim's span; claims with neither a date nor a dated source are undated."""
    spans = []
    undated = []
    for claim in claims:
        if claim.date is not None:
            spans.append(span_of(claim, claim.date, published=False))
            continue
        published = corpus.sources[claim.source_id].published
        if published is None:
            undated.append(claim)
        else:
            spans.append(span_of(claim, published, published=True))
    return Dated(tuple(spans), tuple(undated))
