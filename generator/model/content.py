"""Everything the input says, validated: what the validate stage hands the corpus stage."""

from __future__ import annotations

from dataclasses import dataclass

from .actors import ActorRegistry
from .records import Claim, PairSummary, Source, Topic


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the input says, validated: what the validate stage hands the corpus stage."""

    actors: ActorRegistry
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    summaries: tuple[PairSummary, ...]
