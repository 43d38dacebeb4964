"""A problem found in the input: where it is, its registered code, and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .codes import Code, registered


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file: repository-relative path, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do about it."""

    location: Location
    code: Code
    message: str
    details: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A code nobody explained is a bug: CONTRIBUTING.md and `briefings explain` read
        # the registry, so every code a curator can see must be in it.
        if not registered(self.code):
            raise ValueError(f"problem code {self.code!r} is not in generator/problems/codes.py")

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order problems by file and position, dropping exact repeats."""
    return sorted(set(problems), key=lambda p: p.sort_key)
