"""Corpus stage: index the validated content once, sorted and read-only, for the renderers."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..model import Actor, ActorRegistry, Claim, Content, Date, PairSummary, Source, Topic


@dataclass(frozen=True, slots=True)
class PairView:
    """One pair with its claims in reading order and what the overview needs."""

    pair: tuple[str, str]
    claims: tuple[Claim, ...]
    source_ids: tuple[str, ...]
    topic_ids: tuple[str, ...]
    first: Date | None
    last: Date | None
    summary: PairSummary | None


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the renderers read, indexed by id, pair, actor and source."""

    actors: ActorRegistry
    topics: Mapping[str, Topic]
    sources: Mapping[str, Source]
    claims: Mapping[str, Claim]
    pairs: tuple[PairView, ...]
    pairs_by_actor: Mapping[str, tuple[PairView, ...]]
    claims_by_source: Mapping[str, tuple[Claim, ...]]

    def actor(self, actor_id: str) -> Actor:
        """Return a known actor (ids in the corpus were validated)."""
        actor = self.actors.get(actor_id)
        assert actor is not None, actor_id
        return actor

    def claim_date(self, claim: Claim) -> Date | None:
        """Return the date a claim sorts by: its own, else its source's publication date."""
        return claim.date or self.sources[claim.source_id].published


def _sort_key(claim: Claim, date: Date | None) -> tuple[int, datetime.date, str]:
    if date is None:
        return (1, datetime.date.min, claim.id)
    return (0, date.earliest, claim.id)


def _pair_view(
    pair: tuple[str, str],
    claims: list[Claim],
    corpus_dates: dict[str, Date | None],
    summary: PairSummary | None,
) -> PairView:
    claims.sort(key=lambda c: _sort_key(c, corpus_dates[c.id]))
    dated = [d for c in claims if (d := corpus_dates[c.id]) is not None]
    return PairView(
        pair=pair,
        claims=tuple(claims),
        source_ids=tuple(sorted({c.source_id for c in claims})),
        topic_ids=tuple(sorted({c.topic for c in claims})),
        first=min(dated, key=lambda d: d.earliest) if dated else None,
        last=max(dated, key=lambda d: d.latest) if dated else None,
        summary=summary,
    )


def build_corpus(content: Content) -> Corpus:
    """Index claims by pair, actor and source once; every later stage only reads."""
    sources = {s.id: s for s in sorted(content.sources, key=lambda s: s.id)}
    dates = {c.id: c.date or sources[c.source_id].published for c in content.claims}
    by_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in content.claims:
        by_pair[claim.pair].append(claim)
        by_source[claim.source_id].append(claim)
    summaries = {s.pair: s for s in content.summaries}
    pairs = tuple(_pair_view(p, by_pair[p], dates, summaries.get(p)) for p in sorted(by_pair))
    by_actor: dict[str, list[PairView]] = defaultdict(list)
    for view in pairs:
        for actor_id in view.pair:
            by_actor[actor_id].append(view)
    return Corpus(
        actors=content.actors,
        topics=MappingProxyType({t.id: t for t in sorted(content.topics, key=lambda t: t.id)}),
        sources=MappingProxyType(sources),
        claims=MappingProxyType({c.id: c for c in sorted(content.claims, key=lambda c: c.id)}),
        pairs=pairs,
        pairs_by_actor=MappingProxyType({a: tuple(v) for a, v in sorted(by_actor.items())}),
        claims_by_source=MappingProxyType(
            {s: tuple(sorted(c, key=lambda c: c.quotes[0].start)) for s, c in by_source.items()}
        ),
    )
