"""The data passed between stages: plain immutable objects that remember where they came from."""

from __future__ import annotations

from .actors import Actor, ActorRegistry, iso_country
from .content import Content
from .dates import Date, DateError, DatePoint, parse_date
from .records import (
    Claim,
    PairSummary,
    QuotePart,
    Source,
    SummaryPart,
    Topic,
    pair_key,
    pair_slug,
)

__all__ = [
    "Actor",
    "ActorRegistry",
    "Claim",
    "Content",
    "Date",
    "DateError",
    "DatePoint",
    "PairSummary",
    "QuotePart",
    "Source",
    "SummaryPart",
    "Topic",
    "iso_country",
    "pair_key",
    "pair_slug",
    "parse_date",
]
