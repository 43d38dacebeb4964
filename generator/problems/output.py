"""Problems printed for people, and for GitHub's pull-request view."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable

from .problem import Problem, sort_problems

# How many problems of one code are printed before the rest are summarised.
FLOOD_LIMIT = 20


def format_plain(problems: Iterable[Problem]) -> list[str]:
    """Render problems as `path:line:column: message [code]` lines, summarising floods."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    first: dict[tuple[str, str, str], int] = {}  # where a message was first given in full
    for problem in sort_problems(problems):
        count = shown.get(problem.code, 0) + 1
        shown[problem.code] = count
        if count > FLOOD_LIMIT:
            continue
        key = (problem.location.path, problem.code, problem.message)
        if key in first and not problem.details:
            # The same mistake again in the same file: the place, and what it is, in short.
            short = re.split(r": |; ", problem.message, maxsplit=1)[0]
            lines.append(f"{problem.location}: {short} (as on line {first[key]}) [{problem.code}]")
            continue
        first.setdefault(key, problem.location.line)
        lines.append(f"{problem.location}: {problem.message} [{problem.code}]")
        lines.extend(f"    {detail}" for detail in problem.details)
    for code, count in sorted(shown.items()):
        if count > FLOOD_LIMIT:
            lines.append(f"... and {count - FLOOD_LIMIT} more problems like [{code}]")
    return lines


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most this many error annotations of one step on a pull request.
GITHUB_ANNOTATIONS = 10


def format_github(problems: Iterable[Problem]) -> list[str]:
    """Render problems as GitHub Actions workflow commands, shown on the pull request diff."""
    lines = []
    items = sort_problems(problems)
    for problem in items:
        loc = problem.location
        props = ",".join(
            [
                f"file={_escape_property(loc.path)}",
                f"line={loc.line}",
                f"col={loc.column}",
                f"title={_escape_property(problem.code)}",
            ]
        )
        body = "\n".join([problem.message, *problem.details])
        lines.append(f"::error {props}::{_escape_data(body)}")
    if len(items) > GITHUB_ANNOTATIONS:
        lines.append(
            f"::notice title=more problems::{len(items)} problems in all; GitHub shows "
            f"the first {GITHUB_ANNOTATIONS} on the diff, the log lists every one"
        )
    return lines


def summary_line(problems: Iterable[Problem]) -> str:
    """Say how many problems there are in how many files."""
    items = sort_problems(problems)
    files = {p.location.path for p in items}
    noun = "problem" if len(items) == 1 else "problems"
    fnoun = "file" if len(files) == 1 else "files"
    return f"{len(items)} {noun} in {len(files)} {fnoun}; nothing was written."


def report_problems(problems: list[Problem]) -> None:
    """Print problems for people, and for GitHub's pull-request view when running there."""
    for line in format_plain(problems):
        print(line, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in format_github(problems):
            print(line)
    print(summary_line(problems), file=sys.stderr)
