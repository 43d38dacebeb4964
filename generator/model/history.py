"""When each claim entered the briefing: read from the repository's history, passed to render."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    """The time each claim id was first committed, and why the history is incomplete, if it is.

    A claim missing from `added` (the history is missing, or the claim is not committed yet)
    entered the briefing with the build that shows it: readers get the build's date.
    """

    added: Mapping[str, datetime.datetime] = field(default_factory=lambda: MappingProxyType({}))
    missing: str | None = None  # why there is no history at all: "not a git repository", ...

    def entered(self, claim_id: str, fallback: datetime.datetime) -> datetime.datetime:
        """When the claim entered the briefing, or `fallback` (the build's date) if unknown."""
        return self.added.get(claim_id, fallback)
