"""The FORMAT.md date subset: what parses, what it means, how it reads, and the errors."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from generator.content.claims import read_date
from generator.content.yamltree import Scalar
from generator.model.dates import Date, DateError, parse_date
from generator.problems import Location, Problem


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        # Single dates at each precision.
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2022-05", date(2022, 5, 1), date(2022, 5, 31)),
        ("2023-11-28", date(2023, 11, 28), date(2023, 11, 28)),
        ("0001", date(1, 1, 1), date(1, 12, 31)),
        ("9999-12-31", date(9999, 12, 31), date(9999, 12, 31)),
        # Month lengths and leap years decide the latest day.
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),
        ("2023-04", date(2023, 4, 1), date(2023, 4, 30)),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
        ("2000-02-29", date(2000, 2, 29), date(2000, 2, 29)),
        # Qualifiers do not move the range.
        ("2023~", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023?", date(2023, 1, 1), date(2023, 12, 31)),
        ("2022-05%", date(2022, 5, 1), date(2022, 5, 31)),
        ("2023-11-28~", date(2023, 11, 28), date(2023, 11, 28)),
        # Intervals: from the start's earliest day to the end's latest.
        ("2010/2012", date(2010, 1, 1), date(2012, 12, 31)),
        ("2023-08~/2023-09-19", date(2023, 8, 1), date(2023, 9, 19)),
        ("2023-08-15/2023-09", date(2023, 8, 15), date(2023, 9, 30)),
        ("2023/2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2023?/2024%", date(2023, 1, 1), date(2024, 12, 31)),
        # Open ends: an open end reaches the start's latest day, an open start sorts by its end.
        ("2012-02/..", date(2012, 2, 1), date(2012, 2, 29)),
        ("2012/..", date(2012, 1, 1), date(2012, 12, 31)),
        ("../2012", date(2012, 1, 1), date(2012, 12, 31)),
        ("../2012-06-30", date(2012, 6, 30), date(2012, 6, 30)),
        ("../2012~", date(2012, 1, 1), date(2012, 12, 31)),
    ],
)
def test_parse_gives_the_range_of_days(text: str, earliest: date, latest: date) -> None:
    assert parse_date(text) == Date(text, earliest, latest)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2024", "2024"),
        ("2022-05", "May 2022"),
        ("2023-11-28", "28 November 2023"),
        ("2023-01-05", "5 January 2023"),
        ("2023~", "about 2023"),
        ("2023?", "2023 (uncertain)"),
        ("2022-05%", "about May 2022 (uncertain)"),
        ("2023-11-28~", "about 28 November 2023"),
        ("2010/2012", "2010 – 2012"),
        ("2023-08~/2023-09-19", "about August 2023 – 19 September 2023"),
        # A qualifier both ends share, and a year both ends share, are said once.
        ("1997~/1999~", "about 1997 – 1999"),
        ("2023-11-28?/2023-12?", "28 November – December 2023 (uncertain)"),
        ("2023-01/2023-03", "January – March 2023"),
        ("2023/2023-03", "2023 – March 2023"),
        ("2022-05%/2023-01%", "about May 2022 – January 2023 (uncertain)"),
        ("2012-02/..", "from February 2012"),
        ("2012?/..", "from 2012 (uncertain)"),
        ("../2012", "until 2012"),
        ("../2012-12%", "until about December 2012 (uncertain)"),
    ],
)
def test_display_reads_as_english(text: str, shown: str) -> None:
    assert parse_date(text).display() == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-13-01", '"2023-13-01" is not a date: month 13 does not exist (months are 01-12)'),
        ("2023-00", '"2023-00" is not a date: month 00 does not exist (months are 01-12)'),
        ("2023-02-30", '"2023-02-30" is not a date: February 2023 has 28 days'),
        ("2023-02-29", '"2023-02-29" is not a date: February 2023 has 28 days'),
        ("1900-02-29", '"1900-02-29" is not a date: February 1900 has 28 days'),
        ("2024-02-30", '"2024-02-30" is not a date: February 2024 has 29 days'),
        ("2023-04-31", '"2023-04-31" is not a date: April 2023 has 30 days'),
        ("2023-01-32", '"2023-01-32" is not a date: January 2023 has 31 days'),
        ("2023-01-00", '"2023-01-00" is not a date: day 00 does not exist (days start at 01)'),
        ("0000", '"0000" is not a date: year 0000 is not supported (years are 0001-9999)'),
        ("2024/2023", '"2024/2023" ends before it starts: 2023 is before 2024'),
        (
            "2023-09/2023-08-31",
            '"2023-09/2023-08-31" ends before it starts: 2023-08-31 is before 2023-09',
        ),
        (
            "2023-13/2024",
            '"2023-13/2024" is not a date: in its start "2023-13", month 13 does not exist '
            "(months are 01-12)",
        ),
        (
            "2023/2024-02-30",
            '"2023/2024-02-30" is not a date: in its end "2024-02-30", February 2024 has 29 days',
        ),
        (
            "../..",
            '"../.." is not a date: an interval needs at least one known end; '
            "write a date on one side of the /",
        ),
        ("2023/", '"2023/" is not a date: the end is missing; write a date, or .. for an open end'),
        (
            "/2023",
            '"/2023" is not a date: the start is missing; write a date, or .. for an open start',
        ),
        (
            "2010/2011/2012",
            '"2010/2011/2012" is not a date: an interval has exactly one /, as in 2010/2012',
        ),
        (" 2023", '" 2023" is not a date: remove the white space around it'),
        ("2023\n", '"2023\\n" is not a date: remove the white space around it'),
        (
            "2023~?",
            '"2023~?" is not a date: use one qualifier: ~ (approximate), ? (uncertain) or % (both)',
        ),
        (
            "2010 / 2012",
            '"2010 / 2012" is not a date: in its start "2010 ", remove the white '
            "space around the /",
        ),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


GRAMMAR = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %, "
    "or an interval START/END such as 2010/2012"
)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("23-01", " (write the year with 4 digits, the month and day with 2)"),
        ("2023-1-5", " (write the year with 4 digits, the month and day with 2)"),
        ("2010-2012", " (write an interval with a slash, not a dash)"),
        ("2010 – 2012", " (write an interval with a slash, not a dash)"),
        ("..", " (.. stands only for an open end of an interval, as in 2012/..)"),
        ("May 2022", ""),
        ("2022-05-01T10:00", ""),
        ("２０２３", ""),  # full-width digits are not ASCII digits
        ("~2023", ""),
        ("2023-XX", ""),
        ("-0500", ""),
        ("2023/20x4", ""),
    ],
)
def test_grammar_errors_show_the_grammar(text: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert message.startswith(f'"{text}" is not a date: ') or message.startswith(
        f'"{text}" is not a date: in its '
    )
    assert message.endswith(GRAMMAR + hint)


def test_empty_text_is_named_empty() -> None:
    with pytest.raises(DateError, match=r'^"" is not a date: it is empty; expected YYYY'):
        parse_date("")


def test_a_non_string_is_refused_as_a_date_error() -> None:
    with pytest.raises(DateError, match="^2023 is not a date: write it as text"):
        parse_date(2023)  # type: ignore[arg-type]


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "2023-08~/2023-08-01",  # the month's first day is the day itself
        "2023-08/2023-08-31",
        "2023/2023-01-01",
        "2023-12-31/2024",
    ],
)
def test_interval_ends_compare_by_their_earliest_days(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.text == text


@pytest.mark.parametrize(
    "text",
    [
        "2023-09/2023-08-31",
        "2024-01-01/2023",
        "2023-08-02/2023-08-01",
        "2023-08-31/2023-08",  # August 2023 can mean 1 August, before the 31st
    ],
)
def test_interval_ending_before_its_start_is_refused(text: str) -> None:
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date(text)


def test_claims_sort_by_earliest_day() -> None:
    texts = [
        "2024",
        "../2012",
        "2023-11-28",
        "2012/..",
        "2023-08~/2023-09-19",
        "2023-08-15",
        "2011-12-31/2013",
        "2023",
    ]
    ordered = sorted(texts, key=lambda t: (parse_date(t).earliest, t))
    assert ordered == [
        "2011-12-31/2013",
        "../2012",
        "2012/..",
        "2023",
        "2023-08~/2023-09-19",
        "2023-08-15",
        "2023-11-28",
        "2024",
    ]


def test_date_is_immutable_and_keeps_its_text() -> None:
    parsed = parse_date("2023-08~/2023-09-19")
    assert parsed.text == "2023-08~/2023-09-19"
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.text = "2024"  # type: ignore[misc]


def test_read_date_parses_each_text_once_and_reports_each_bad_one() -> None:
    """The load stage keeps dates it has parsed; a text that is no date is reported at every
    place it is written, never remembered as one."""
    problems: list[Problem] = []
    first, second = (Scalar("2023-11-28", Location("a.yml", line)) for line in (1, 2))
    assert read_date(first, problems) == read_date(second, problems) == parse_date("2023-11-28")
    bad = [Scalar("2023-13", Location("a.yml", line)) for line in (3, 4)]
    assert [read_date(node, problems) for node in bad] == [None, None]
    assert [p.location.line for p in problems] == [3, 4]
    assert {p.code for p in problems} == {"invalid-date"}
    assert problems[0].message == problems[1].message
