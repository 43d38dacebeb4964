"""Addresses of pages, claims and files on the hosted site, for data, citations and feeds.

Pages have directory URLs (`pairs/KZ-TR/`); a claim's anchor is its id, on its pair page (the
claim) and on its source page (the passage). With no site_url the addresses are relative to
the site's root, and say so by not starting with a scheme.
"""

from __future__ import annotations

from ..model import Claim, pair_slug


class Addresses:
    """Absolute addresses under the site's address (mkdocs.yml's site_url)."""

    def __init__(self, site_url: str | None) -> None:
        self.root = site_url.rstrip("/") + "/" if site_url else ""

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
        """The claim on its pair page."""
        return f"{self.pair(claim.pair)}#{claim.id}"

    def passage(self, claim: Claim) -> str:
        """The claim's passage, highlighted in the full text of its source."""
        return f"{self.source(claim.source_id)}#{claim.id}"
