"""Atom feeds: RFC 4287's required elements, newest first, text kept as text, read by feedparser."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from exports import EDITION, fixture_outputs, hostile_corpus, open_fixture
from hostile import PAYLOADS

from generator.config import Edition
from generator.model.history import ClaimHistory
from generator.render import render_outputs
from generator.render.feeds.atom import FEED_LIMIT

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
HISTORY = ClaimHistory(
    {
        "kz-tr-anka-agreement": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        "kz-ru-helicopters": datetime.datetime(2026, 5, 2, 17, 0, tzinfo=datetime.UTC),
        "csto-kz-member": datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    }
)


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return render_outputs(open_fixture(), EDITION, HISTORY)


def feeds(outputs: dict[str, bytes]) -> dict[str, bytes]:
    return {p: v for p, v in outputs.items() if p.startswith("feeds/")}


def check_rfc_4287(path: str, data: bytes) -> ElementTree.Element:
    """The elements RFC 4287 requires of a feed and of each entry, in their forms."""
    feed = ElementTree.fromstring(data)
    assert feed.tag == f"{A}feed", path

    def one(parent: ElementTree.Element, name: str) -> ElementTree.Element:
        found = parent.findall(f"{A}{name}")
        assert len(found) == 1, (path, name, len(found))
        return found[0]

    for name in ("id", "title", "updated"):
        assert (one(feed, name).text or "").strip(), (path, name)
    assert RFC3339.match(one(feed, "updated").text or ""), path
    # atom:author is required of the feed unless every entry has its own.
    assert feed.find(f"{A}author/{A}name") is not None, path
    links = feed.findall(f"{A}link")
    assert [ln.get("rel") for ln in links].count("self") == 1, path
    alternates = [
        (ln.get("type"), ln.get("hreflang")) for ln in links if ln.get("rel") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), path
    ids = set()
    for entry in feed.findall(f"{A}entry"):
        entry_id = one(entry, "id").text or ""
        assert re.match(r"^[a-z][a-z0-9+.-]*:", entry_id), (path, entry_id)  # an absolute IRI
        assert entry_id not in ids, (path, entry_id)
        ids.add(entry_id)
        assert (one(entry, "title").text or "").strip(), path
        assert RFC3339.match(one(entry, "updated").text or ""), path
        assert RFC3339.match(one(entry, "published").text or ""), path
        content = one(entry, "content")
        assert content.get("type") == "text" and (content.text or "").strip(), path
        assert any(ln.get("rel") == "alternate" for ln in entry.findall(f"{A}link")), path
    return feed


def test_every_feed_meets_rfc_4287(outputs: dict[str, bytes]) -> None:
    corpus = open_fixture()
    expected = {"feeds/all.xml"}
    expected |= {f"feeds/pairs/{v.pair[0]}-{v.pair[1]}.xml" for v in corpus.pairs}
    expected |= {f"feeds/actors/{a}.xml" for a in corpus.pairs_by_actor}
    assert set(feeds(outputs)) == expected
    for path, data in feeds(outputs).items():
        check_rfc_4287(path, data)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"


def test_entries_are_newest_first_by_when_they_entered(outputs: dict[str, bytes]) -> None:
    feed = feedparser.parse(outputs["feeds/actors/KZ.xml"])
    ids = [e.id.rsplit("#", 1)[1] for e in feed.entries]
    # The build's date (2026-11-30) for claims missing from the history, then by commit.
    built = sorted(
        c.id for c in open_fixture().claims.values() if "KZ" in c.pair and c.id not in HISTORY.added
    )
    assert ids == [*built, "kz-ru-helicopters", "kz-tr-anka-agreement", "csto-kz-member"]
    assert feed.feed.updated == "2026-11-30T00:00:00Z"
    pair = feedparser.parse(outputs["feeds/pairs/KZ-RU.xml"])
    helicopters = next(e for e in pair.entries if e.id.endswith("#kz-ru-helicopters"))
    assert helicopters.updated == helicopters.published == "2026-05-02T17:00:00Z"
    assert helicopters.link == "https://briefings.example.org/pairs/KZ-RU/#kz-ru-helicopters"
    assert "Source: Raport o współpracy [Report on cooperation]." in helicopters.content[0].value
    assert helicopters.tags[0].term == "arms-transfer"


def test_feeds_keep_their_newest_entries(tmp_path: Path) -> None:
    corpus = open_fixture()
    claim = next(iter(corpus.claims.values()))
    many = {f"{claim.id[:60]}-{i}": claim for i in range(FEED_LIMIT + 5)}
    patched = type(corpus)(
        **{**{n: getattr(corpus, n) for n in corpus.__slots__}, "claims": {**corpus.claims, **many}}
    )
    history = ClaimHistory(
        {cid: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC) for cid in many}
    )
    outputs = render_outputs(patched, EDITION, history)
    entries = ElementTree.fromstring(outputs["feeds/all.xml"]).findall(f"{A}entry")
    assert len(entries) == FEED_LIMIT


def test_hostile_text_stays_text_in_feeds(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    outputs = render_outputs(corpus, EDITION)
    for path, data in feeds(outputs).items():
        feed = check_rfc_4287(path, data)
        assert not feedparser.parse(data).bozo, path
        titles = [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")]
        for i, payload in enumerate(PAYLOADS):
            if f"evil-{i}" in data.decode():
                assert f"Statement {payload}" in titles, (path, payload)


def test_characters_xml_forbids_cannot_break_a_feed() -> None:
    corpus = open_fixture()
    claim = corpus.claims["kz-ru-helicopters"]
    bad = "bell\x07 nul\x00 form\x0c feed\ufffe end"
    changed = type(claim)(**{**{n: getattr(claim, n) for n in claim.__slots__}, "statement": bad})
    patched = type(corpus)(
        **{
            **{n: getattr(corpus, n) for n in corpus.__slots__},
            "claims": {**corpus.claims, claim.id: changed},
        }
    )
    outputs = render_outputs(patched, EDITION)
    feed = check_rfc_4287("feeds/all.xml", outputs["feeds/all.xml"])
    titles = [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")]
    assert "bell\ufffd nul\ufffd form\ufffd feed\ufffd end" in titles


def test_without_a_site_address_ids_are_urns_and_links_relative() -> None:
    outputs = fixture_outputs(Edition("Briefings", None, datetime.date(2026, 11, 30), None))
    feed = check_rfc_4287("feeds/pairs/KZ-RU.xml", outputs["feeds/pairs/KZ-RU.xml"])
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "../../"
    assert (feed.findtext(f"{A}id") or "").startswith("urn:uuid:")
    link = feed.find(f"{A}entry/{A}link").get("href")  # type: ignore[union-attr]
    assert link == "pairs/KZ-RU/#kz-ru-deliveries-list" or link.startswith("pairs/KZ-RU/#")


def test_feeds_are_deterministic() -> None:
    assert feeds(fixture_outputs()) == feeds(fixture_outputs())
