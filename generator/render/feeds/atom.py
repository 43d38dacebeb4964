"""Atom feeds (RFC 4287): the claims of the briefing, a pair or an actor, newest first.

A claim's entry is written once and joined into every feed it belongs to. Entries are dated
by when the claim entered the briefing (its first commit; the build's date where the history
is missing). A feed lists its newest FEED_LIMIT claims: a reader subscribes for what is new,
and the page and the data files hold all of them.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Claim

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
# Characters XML 1.0 does not allow at all, even escaped: a curator's stray control
# character would make the whole feed unreadable, so it becomes U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Curator text as XML character data."""
    value = _NOT_XML.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ATTR = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;", '"': "&quot;"})


def xml_attr(value: str) -> str:
    """Curator text as a double-quoted XML attribute value (white space kept as typed)."""
    return '"' + xml_text(value).translate(_ATTR) + '"'


def timestamp(when: datetime.datetime) -> str:
    """An RFC 3339 date-time in UTC, as Atom's date constructs require."""
    return when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_id(address: str, absolute: bool) -> str:
    """An entry or feed id: its address when that is absolute, else a name-based UUID URN."""
    return address if absolute else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, address)}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One claim's entry, as XML, with the time that orders it."""

    when: datetime.datetime
    claim_id: str
    xml: str


def claim_entry(
    claim: Claim,
    when: datetime.datetime,
    links: tuple[str, str],
    topic: tuple[str, str],
    content: str,
    absolute: bool,
) -> Entry:
    """The entry of one claim: statement as title, links to claim and passage, its citation."""
    claim_url, passage_url = links
    stamp = timestamp(when)
    xml = (
        "  <entry>\n"
        f"    <id>{xml_text(atom_id(claim_url, absolute))}</id>\n"
        f'    <title type="text">{xml_text(claim.statement)}</title>\n'
        f'    <link rel="alternate" type="text/html" href={xml_attr(claim_url)}/>\n'
        f'    <link rel="related" type="text/html" title="The passage in the source" '
        f"href={xml_attr(passage_url)}/>\n"
        f"    <published>{stamp}</published>\n"
        f"    <updated>{stamp}</updated>\n"
        f"    <category term={xml_attr(topic[0])} label={xml_attr(topic[1])}/>\n"
        f'    <content type="text">{xml_text(content)}</content>\n'
        "  </entry>\n"
    )
    return Entry(when, claim.id, xml)


@dataclass(frozen=True, slots=True)
class FeedHead:
    """What a feed says about itself."""

    title: str
    subtitle: str
    feed_url: str  # its own address
    page_url: str  # the page it follows
    author: str  # the site's name
    rights: str | None
    absolute: bool  # the addresses are absolute (else relative to the site's root)
    base: str  # xml:base, when the addresses are relative to the site's root: "../../"


def atom_feed(head: FeedHead, entries: Sequence[Entry], fallback: datetime.datetime) -> bytes:
    """The feed document; `entries` newest first. Its updated time is its newest entry's."""
    shown = entries[:FEED_LIMIT]
    updated = timestamp(shown[0].when if shown else fallback)
    base = "" if head.absolute else f" xml:base={xml_attr(head.base)}"
    rights = f'  <rights type="text">{xml_text(head.rights)}</rights>\n' if head.rights else ""
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM_NS}" xml:lang="en"{base}>\n'
        f"  <id>{xml_text(atom_id(head.feed_url, head.absolute))}</id>\n"
        f'  <title type="text">{xml_text(head.title)}</title>\n'
        f'  <subtitle type="text">{xml_text(head.subtitle)}</subtitle>\n'
        f"  <updated>{updated}</updated>\n"
        f"  <author><name>{xml_text(head.author)}</name></author>\n"
        f'  <link rel="self" type="application/atom+xml" href={xml_attr(head.feed_url)}/>\n'
        f'  <link rel="alternate" type="text/html" href={xml_attr(head.page_url)}/>\n'
        f"{rights}" + "".join(e.xml for e in shown) + "</feed>\n"
    )
    return text.encode("utf-8")
