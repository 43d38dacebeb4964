"""Validated records: plain immutable objects that remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Location
from .dates import Date


@dataclass(frozen=True, slots=True)
class Topic:
    """One entry of the topic vocabulary."""

    id: str
    name: str
    description: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Source:
    """A source document's metadata and its verbatim text."""

    id: str
    language: str
    text: str
    text_path: str
    loc: Location
    title: str | None = None
    title_en: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: Date | None = None
    # How `published` was inferred, when the source does not state it (FORMAT.md).
    published_inferred: str | None = None
    url: str | None = None
    accessed: Date | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """Name the source for readers: its title, or a description, or Untitled."""
        return self.title or self.title_en or f"Untitled ({self.id})"


@dataclass(frozen=True, slots=True)
class QuotePart:
    """One verbatim passage, located in its source's text (half-open character offsets)."""

    text: str
    start: int
    end: int
    translation: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement about a pair of actors, backed by verbatim quotes from one source."""

    id: str
    source_id: str
    pair: tuple[str, str]  # sorted by code point
    topic: str
    statement: str
    quotes: tuple[QuotePart, ...]
    loc: Location
    date: Date | None = None
    translation: str | None = None  # one translation for all parts, when given as one string


@dataclass(frozen=True, slots=True)
class SummaryPart:
    """A piece of a pair summary: Markdown text, or a citation of a claim."""

    markdown: str = ""
    claim_id: str | None = None


@dataclass(frozen=True, slots=True)
class PairSummary:
    """An analyst's summary of one pair, split at its `[@claim-id]` citations."""

    pair: tuple[str, str]
    parts: tuple[SummaryPart, ...]
    loc: Location


def pair_key(a: str, b: str) -> tuple[str, str]:
    """Order a pair by code point, as file names and page paths do."""
    return (a, b) if a <= b else (b, a)


def pair_slug(pair: tuple[str, str]) -> str:
    """Name a pair in paths and URLs: `KZ-TR`."""
    return f"{pair[0]}-{pair[1]}"
