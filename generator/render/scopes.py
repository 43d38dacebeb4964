"""The sets of claims that get their own data files and feed: the briefing, each pair, each actor.

A scope's files have stable addresses made from ids only (`data/pairs/KZ-TR.csv`): the same
claim set is at the same address from build to build.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..corpus import Corpus
from ..model import Claim, pair_slug


@dataclass(frozen=True, slots=True)
class Scope:
    """One set of claims: what it is, where its page and files are, its claims in page order."""

    kind: str  # briefing, pair, actor
    id: str | None  # KZ-TR, KZ; None for the whole briefing
    name: str  # Kazakhstan – Türkiye; the site's name for the briefing
    page: str  # the page's directory URL, relative to the site's root ("" is the home page)
    stem: str  # data/<stem>.csv, .json; feeds/<feed>
    feed: str
    claims: tuple[Claim, ...]

    @property
    def csv(self) -> str:
        return f"data/{self.stem}.csv"

    @property
    def json(self) -> str:
        return f"data/{self.stem}.json"


def pair_name(corpus: Corpus, pair: tuple[str, str]) -> str:
    """`Kazakhstan – Türkiye`: a pair as its page names it."""
    return f"{corpus.actor(pair[0]).name} – {corpus.actor(pair[1]).name}"


def briefing_scope(corpus: Corpus, site_name: str) -> Scope:
    claims = tuple(c for view in corpus.pairs for c in view.claims)
    return Scope("briefing", None, site_name, "", "claims", "feeds/all.xml", claims)


def scopes(corpus: Corpus, site_name: str) -> Iterator[Scope]:
    """The briefing, then every pair, then every actor, each with its claims in page order."""
    yield briefing_scope(corpus, site_name)
    for view in corpus.pairs:
        slug = pair_slug(view.pair)
        name = pair_name(corpus, view.pair)
        yield Scope(
            "pair",
            slug,
            name,
            f"pairs/{slug}/",
            f"pairs/{slug}",
            f"feeds/pairs/{slug}.xml",
            view.claims,
        )
    for actor_id, views in corpus.pairs_by_actor.items():
        claims = tuple(c for view in views for c in view.claims)
        yield Scope(
            "actor",
            actor_id,
            corpus.actor(actor_id).name,
            f"actors/{actor_id}/",
            f"actors/{actor_id}",
            f"feeds/actors/{actor_id}.xml",
            claims,
        )
