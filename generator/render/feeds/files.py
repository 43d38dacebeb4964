"""One Atom feed per scope: the briefing's, each pair's, each actor's."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ...config import Edition
from ...corpus import Corpus
from ...model import Claim, pair_slug
from ...model.history import ClaimHistory
from ..addresses import Addresses
from ..scopes import Scope
from .atom import FEED_LIMIT, Entry, FeedHead, atom_feed, claim_entry

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def fallback_time(edition: Edition) -> datetime.datetime:
    """When a claim missing from the history entered the briefing: the build's day."""
    if edition.built is None:
        return EPOCH
    return datetime.datetime.combine(edition.built, datetime.time(), datetime.UTC)


def _head(scope: Scope, edition: Edition, addresses: Addresses) -> FeedHead:
    about = "the briefing" if scope.kind == "briefing" else scope.name
    return FeedHead(
        title=f"{edition.site_name}: {about}" if scope.id else f"{edition.site_name}: new claims",
        subtitle=f"Claims on {about} as they enter {edition.site_name}, newest first "
        f"(the newest {FEED_LIMIT})",
        feed_url=addresses.at(scope.feed),
        page_url=addresses.at(scope.page),
        author=edition.site_name,
        rights=edition.copyright,
        absolute=addresses.absolute,
        base="../" * scope.feed.count("/"),
    )


def feed_files(
    corpus: Corpus,
    edition: Edition,
    addresses: Addresses,
    history: ClaimHistory,
    citations: Mapping[str, str],
    all_scopes: Iterable[Scope],
) -> dict[str, bytes]:
    """Order the claims once, deal them to their scopes' feeds, write each entry shown once.

    `citations` is each source's plain-text citation, by source id.
    """
    fallback = fallback_time(edition)
    when = {c.id: history.entered(c.id, fallback) for c in corpus.claims.values()}
    order = sorted(corpus.claims.values(), key=lambda c: (-when[c.id].timestamp(), c.id))
    by_feed: dict[str | None, list[Claim]] = defaultdict(list)
    by_feed[None] = order[:FEED_LIMIT]
    for claim in order:
        for feed in (f"pairs/{pair_slug(claim.pair)}", *(f"actors/{a}" for a in claim.pair)):
            if len(by_feed[feed]) < FEED_LIMIT:
                by_feed[feed].append(claim)
    written: dict[str, Entry] = {}

    def entry(claim: Claim) -> Entry:
        if claim.id not in written:
            topic = corpus.topics[claim.topic]
            content = f"{claim.statement}\n\nSource: {citations[claim.source_id]}"
            links = (addresses.claim(claim), addresses.passage(claim))
            written[claim.id] = claim_entry(
                claim, when[claim.id], links, (topic.id, topic.name), content, addresses.absolute
            )
        return written[claim.id]

    files = {}
    for scope in all_scopes:
        shown = [entry(c) for c in by_feed[scope.stem if scope.id else None]]
        files[scope.feed] = atom_feed(_head(scope, edition, addresses), shown, fallback)
    return files
