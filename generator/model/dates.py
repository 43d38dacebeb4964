"""Parse the EDTF level-1 date subset FORMAT.md allows, and say it in English."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

# [0-9], not \d: \d also matches other scripts' digits, which datetime would accept.
_SINGLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?")
# Near misses that deserve a pointed hint rather than the generic grammar.
_UNPADDED = re.compile(r"[0-9]{1,4}-[0-9]{1,2}(?:-[0-9]{1,2})?[~?%]?")
_DASHED_RANGE = re.compile(r"[0-9]{4}(?:-[0-9]{2}){0,2}\s*[-–—]\s*[0-9]{4}(?:-[0-9]{2}){0,2}")
_QUALIFIERS = "~?%"
_OPEN = ".."
_EXPECTED = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %, "
    "or an interval START/END such as 2010/2012"
)
# English names, not calendar.month_name, which follows the process locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class DateError(ValueError):
    """Raised with a message for people: what was found, what is expected."""


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One side of a date: a year, month or day, with its EDTF qualifier."""

    text: str
    year: int
    month: int | None
    day: int | None
    qualifier: str

    @property
    def earliest(self) -> datetime.date:
        """Return the first day this point can mean."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """Return the last day this point can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def words(self, year: bool = True) -> str:
        """Say the day, month and year without qualifier: "28 November 2023", "28 November"."""
        words = [str(self.year)] if year else []
        if self.month is not None:
            words.insert(0, MONTHS[self.month - 1])
        if self.day is not None:
            words.insert(0, str(self.day))
        return " ".join(words)

    def display(self) -> str:
        """Say the point in English: "2024", "May 2022", "about 28 November 2023"."""
        return _qualified(self.words(), self.qualifier)


def _qualified(text: str, qualifier: str) -> str:
    if qualifier in ("~", "%"):
        text = "about " + text
    if qualifier in ("?", "%"):
        text += " (uncertain)"
    return text


def _span(start: DatePoint, end: DatePoint) -> str:
    """Say a closed interval; a qualifier both ends share, and a shared year, are said once."""
    if start.qualifier != end.qualifier:
        return f"{start.display()} – {end.display()}"
    # "28 November – December 2023", not "28 November 2023 – December 2023".
    same_year = start.year == end.year and start.month is not None and end.month is not None
    return _qualified(f"{start.words(year=not same_year)} – {end.words()}", start.qualifier)


@dataclass(frozen=True, slots=True)
class Date:
    """A date or interval as written, with the range of days it can mean."""

    text: str
    earliest: datetime.date
    latest: datetime.date

    def display(self) -> str:
        """Say the date in English for readers."""
        return _display(self.text)

    def ends(self) -> tuple[DatePoint | None, DatePoint | None, bool]:
        """Return the start and end points (None for an open end), and whether it is an interval.

        A single date is its own start and end: `2024~` gives (2024~, 2024~, False).
        """
        start, end, interval = _parse(self.text)
        return (start, end, True) if interval else (start, start, False)


@functools.lru_cache(maxsize=4096)
def _display(text: str) -> str:
    """Say a valid date in English (the same few dates recur across a corpus)."""
    start, end, interval = _parse(text)
    if not interval:
        assert start is not None
        return start.display()
    if start is None:
        assert end is not None
        return f"until {end.display()}"
    if end is None:
        return f"from {start.display()}"
    return _span(start, end)


def parse_date(text: str) -> Date:
    """Parse a FORMAT.md date or interval; raise DateError saying what to write instead."""
    start, end, _ = _parse(text)
    known = [point for point in (start, end) if point is not None]
    # An open start sorts by its end; an open end reaches as far as its start can mean.
    return Date(text, known[0].earliest, known[-1].latest)


def _quoted(text: str) -> str:
    # Escape what a reader could not see (a tab, a newline, a zero-width space).
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return f'"{shown}"'


def _parse(text: str) -> tuple[DatePoint | None, DatePoint | None, bool]:
    """Split text into its start and end points; the flag says whether it is an interval."""
    if not isinstance(text, str):
        raise DateError(f"{text!r} is not a date: write it as text, {_EXPECTED}")
    if text != text.strip():
        raise DateError(f"{_quoted(text)} is not a date: remove the white space around it")
    if "/" not in text:
        return _point(text, text, None), None, False
    if text.count("/") > 1:
        raise DateError(
            f"{_quoted(text)} is not a date: an interval has exactly one /, as in 2010/2012"
        )
    left, right = text.split("/")
    if left == _OPEN and right == _OPEN:
        raise DateError(
            f"{_quoted(text)} is not a date: an interval needs at least one known "
            "end; write a date on one side of the /"
        )
    start = None if left == _OPEN else _point(left, text, "start")
    end = None if right == _OPEN else _point(right, text, "end")
    if start and end and end.earliest < start.earliest:
        raise DateError(f"{_quoted(text)} ends before it starts: {end.text} is before {start.text}")
    return start, end, True


def _point(part: str, whole: str, side: str | None) -> DatePoint:
    """Parse one date; side names the interval end it is, for messages."""

    def fail(reason: str) -> DateError:
        where = f"in its {side} {_quoted(part)}, " if side else ""
        return DateError(f"{_quoted(whole)} is not a date: {where}{reason}")

    if not part and side:
        reason = f"the {side} is missing; write a date, or .. for an open {side}"
        raise DateError(f"{_quoted(whole)} is not a date: {reason}")
    match = _SINGLE.fullmatch(part)
    if match is None:
        raise fail(_grammar_hint(part))
    year, month, day = (int(g) if g else None for g in match.groups()[:3])
    assert year is not None
    if year == 0:
        raise fail("year 0000 is not supported (years are 0001-9999)")
    if month is not None and not 1 <= month <= 12:
        raise fail(f"month {match.group(2)} does not exist (months are 01-12)")
    if day is not None:
        assert month is not None
        days = calendar.monthrange(year, month)[1]
        if day == 0:
            raise fail("day 00 does not exist (days start at 01)")
        if day > days:
            raise fail(f"{MONTHS[month - 1]} {year} has {days} days")
    return DatePoint(part, year, month, day, match.group(4) or "")


def _grammar_hint(part: str) -> str:
    """Say what is wrong with text that does not fit the date grammar at all."""
    if not part:
        return f"it is empty; {_EXPECTED}"
    if part != part.strip():
        return "remove the white space around the /"
    if len(part) > 1 and part[-1] in _QUALIFIERS and part[-2] in _QUALIFIERS:
        return "use one qualifier: ~ (approximate), ? (uncertain) or % (both)"
    # The generic sentence comes first so every grammar error reads the same way.
    if _DASHED_RANGE.fullmatch(part):
        return f"{_EXPECTED} (write an interval with a slash, not a dash)"
    if _UNPADDED.fullmatch(part):
        return f"{_EXPECTED} (write the year with 4 digits, the month and day with 2)"
    if part == _OPEN:
        return f"{_EXPECTED} (.. stands only for an open end of an interval, as in 2012/..)"
    return _EXPECTED
