"""Corpora built from model objects for the picture tests: small hand-made ones, one at scale."""

from __future__ import annotations

import random
from collections.abc import Sequence

from generator.corpus import Corpus, build_corpus
from generator.model import (
    Actor,
    ActorRegistry,
    Claim,
    Content,
    QuotePart,
    Source,
    Topic,
    pair_key,
    parse_date,
)
from generator.problems import Location

HERE = Location("tests/picture_corpus.py")
# Every precision and qualifier FORMAT.md allows, in the proportions curators write them.
DATES = [
    "{y}",
    "{y}",
    "{y}",
    "{y}-{m:02d}",
    "{y}-{m:02d}",
    "{y}-{m:02d}-{d:02d}",
    "{y}~",
    "{y}-{m:02d}?",
    "{y}/{z}",
    "{y}~/{z}~",
    "{y}-{m:02d}/..",
    "../{y}",
]


def topic(topic_id: str, name: str | None = None) -> Topic:
    return Topic(topic_id, name or topic_id.replace("-", " ").capitalize(), "", HERE)


def source(source_id: str, published: str | None = None) -> Source:
    date = parse_date(published) if published else None
    return Source(source_id, "en", "x", f"seeds/documents/{source_id}.txt", HERE, published=date)


def claim(
    claim_id: str,
    pair: tuple[str, str],
    topic_id: str,
    date: str | None,
    source_id: str = "s",
    statement: str | None = None,
) -> Claim:
    return Claim(
        claim_id,
        source_id,
        pair_key(*pair),
        topic_id,
        statement or f"Statement of {claim_id}.",
        (QuotePart("x", 0, 1),),
        HERE,
        parse_date(date) if date else None,
    )


def corpus(
    claims: Sequence[Claim],
    topics: Sequence[Topic],
    sources: Sequence[Source] = (),
    declared: Sequence[Actor] = (),
) -> Corpus:
    """Index hand-made records as the corpus stage does."""
    registry = ActorRegistry({a.id: a for a in declared})
    return build_corpus(
        Content(registry, tuple(topics), tuple(sources) or (source("s"),), tuple(claims), ())
    )


def random_date(rng: random.Random, first: int = 1991, last: int = 2024) -> str:
    year = rng.randrange(first, last + 1)
    form = rng.choice(DATES)
    end = min(year + rng.randrange(1, 4), last)
    return form.format(y=year, z=end, m=rng.randrange(1, 13), d=rng.randrange(1, 29))


COUNTRIES = (
    "AM", "AR", "AU", "AZ", "BR", "BY", "CA", "CN", "DE", "DZ", "EG", "ES", "FR", "GB", "GE",
    "GR", "ID", "IL", "IN", "IQ", "IR", "IT", "JP", "KG", "KR", "KZ", "MN", "MX", "NG", "NO",
    "PK", "PL", "RS", "RU", "SA", "SE", "SY", "TJ", "TM", "TR", "UA", "US", "UZ", "VN", "ZA",
)  # fmt: skip
ORGANISATIONS = (
    Actor("CSTO", "Collective Security Treaty Organization", "organization"),
    Actor("EU", "European Union", "organization"),
    Actor("NATO", "North Atlantic Treaty Organization", "organization"),
    Actor("SCO", "Shanghai Cooperation Organisation", "organization"),
)


def scale_corpus(pairs: int = 1128, big: int = 535, seed: int = 0) -> Corpus:
    """49 actors (4 of them organisations), `pairs` pairs with skewed numbers of claims, and
    KZ-TR with `big` claims across 10 topics, 1991-2024, every date precision among them."""
    rng = random.Random(seed)
    actors = sorted([*COUNTRIES, *(o.id for o in ORGANISATIONS)])
    everything = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    chosen = sorted(set(rng.sample(everything, pairs)) | {("KZ", "TR")})[:pairs]
    if ("KZ", "TR") not in chosen:
        chosen[0] = ("KZ", "TR")
    topics = [topic(f"topic-{i}", f"Topic {i}") for i in range(10)]
    sources = [source("s"), source("published", "2020-06")]
    claims = []
    for pair in chosen:
        count = big if pair == ("KZ", "TR") else min(int(rng.paretovariate(1.1)), 300)
        for i in range(count):
            undated = rng.random() < 0.03
            source_id = "published" if undated and i % 2 else "s"
            date = None if undated else random_date(rng)
            claim_id = f"{pair[0]}-{pair[1]}-{i}".lower()
            claims.append(claim(claim_id, pair, f"topic-{rng.randrange(10)}", date, source_id))
    return corpus(claims, topics, sources, ORGANISATIONS)


def twin_hubs() -> Corpus:
    """Two actors in most of the news, each the strongest partner of 40 others and strongly
    tied to each other: a force layout pulls both to the middle, one on top of the other."""
    others = [c for c in COUNTRIES if c not in ("KZ", "TR")][:40]
    made = [claim(f"kz-tr-{i}", ("KZ", "TR"), "a", "2020") for i in range(500)]
    for other in others:
        for hub in ("KZ", "TR"):
            made += [
                claim(f"{other}-{hub}-{i}".lower(), (other, hub), "a", "2020") for i in range(10)
            ]
    return corpus(made, [topic("a")])
