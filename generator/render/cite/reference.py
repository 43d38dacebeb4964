"""What a citation says, in one neutral record, made from the data of a page, source or data set.

Every format (plain text, BibTeX, RIS, CSL-JSON) is written from a Reference, so all four say
the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...config import Edition
from ...model import Date, Source, parse_date
from ..addresses import Addresses


@dataclass(frozen=True, slots=True)
class Reference:
    """A citable item: one of our pages or data sets, or a source document as published."""

    key: str  # the BibTeX key and CSL id: [A-Za-z0-9_-]
    kind: str  # CSL type: webpage, document, dataset
    title: str
    described: bool = False  # the title is our description: the item has no title of its own
    translated_title: str | None = None
    author: str | None = None
    container: str | None = None  # the website the page belongs to
    publisher: str | None = None
    issued: Date | None = None
    language: str | None = None  # BCP 47
    url: str | None = None
    accessed: Date | None = None
    copy: str | None = None  # the address of our verified copy of a source
    site: str | None = None  # the name of the site that holds the copy
    built: Date | None = None  # the build the page, data or copy comes from


def site_key(site_name: str) -> str:
    """The site's name as a key prefix: `briefings`."""
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "site"


@lru_cache(maxsize=8)
def build_date(edition: Edition) -> Date | None:
    """The build's date as a Date, as citations show it."""
    return parse_date(edition.built.isoformat()) if edition.built else None


def page_reference(
    edition: Edition, addresses: Addresses, key: str, title: str, path: str
) -> Reference:
    """One of our pages: its title, the site, its address, the build it came from."""
    built = build_date(edition)
    return Reference(
        key=f"{site_key(edition.site_name)}-{key}",
        kind="webpage",
        title=title,
        container=edition.site_name,
        issued=built,
        language="en",
        url=addresses.at(path),
        built=built,
    )


def data_reference(edition: Edition, addresses: Addresses, title: str, path: str) -> Reference:
    """One of our data sets (the claims of the briefing, a pair, an actor)."""
    built = build_date(edition)
    return Reference(
        key=f"{site_key(edition.site_name)}-data",
        kind="dataset",
        title=title,
        publisher=edition.site_name,
        issued=built,
        language="en",
        url=addresses.at(path),
        built=built,
    )


def source_reference(edition: Edition, addresses: Addresses, source: Source) -> Reference:
    """A source as published (author, title, English title, publisher, date, language, its own
    address) and the address of our verified copy of it."""
    return Reference(
        key=source.id,
        kind="webpage" if source.url else "document",
        title=source.title or source.title_en or source.id,
        described=not source.title,
        translated_title=source.title_en if source.title else None,
        author=source.author,
        publisher=source.publisher,
        issued=source.published,
        language=source.language,
        url=source.url,
        accessed=source.accessed,
        copy=addresses.source(source.id),
        site=edition.site_name,
        built=build_date(edition),
    )
