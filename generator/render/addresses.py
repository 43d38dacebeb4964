"""Addresses of pages, claims and files on the hosted site, for data, citations and feeds.

Pages have directory URLs (`pairs/KZ-TR/`); a claim's anchor is its id, on the page that
lists it (its pair's page, or for a long pair the page of its years: `pairs/KZ-TR/1991-1996/`)
and on its source page (the passage). With no site_url the addresses are relative to the
site's root, and say so by not starting with a scheme.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Claim, pair_slug
from .links import claim_on_pair_page, directory_url


class Addresses:
    """Absolute addresses under the site's address (mkdocs.yml's site_url).

    `claim_page` names the page that lists a claim (the site's pages ask ClaimPages: a long
    pair lists its claims on pages of some years each)."""

    def __init__(
        self, site_url: str | None, claim_page: Callable[[Claim], str] = claim_on_pair_page
    ) -> None:
        self.root = site_url.rstrip("/") + "/" if site_url else ""
        self.claim_page = claim_page

    @property
    def absolute(self) -> bool:
        """Say whether the addresses are absolute (the site's address is known)."""
        return bool(self.root)

    def at(self, path: str) -> str:
        """The address of a path relative to the site's root (`data/claims.csv`)."""
        return self.root + path

    def pair(self, pair: tuple[str, str]) -> str:
        return self.at(f"pairs/{pair_slug(pair)}/")

    def actor(self, actor_id: str) -> str:
        return self.at(f"actors/{actor_id}/")

    def source(self, source_id: str) -> str:
        return self.at(f"sources/{source_id}/")

    def claim(self, claim: Claim) -> str:
        """The claim on the page that lists it: its pair's, or its pair's of its year."""
        return f"{self.at(directory_url(self.claim_page(claim)))}#{claim.id}"

    def passage(self, claim: Claim) -> str:
        """The claim's passage, highlighted in the full text of its source."""
        return f"{self.source(claim.source_id)}#{claim.id}"
