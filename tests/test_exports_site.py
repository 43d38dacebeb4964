"""The exports in the built site and the offline bundle: every link from a page reaches its file.

A reader of the bundle downloads a pair's claims from disk and opens them in a spreadsheet,
copies a citation, and finds the page's feed in its head.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.render.search.codec import parse_script, unpack

pytestmark = pytest.mark.e2e


class Links(HTMLParser):
    """Every <a href>, every <link rel=alternate>, and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict[str, str]] = []
        self.alternates: list[dict[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "a" and "href" in found:
            self.anchors.append(found)
        if tag == "link" and "alternate" in found.get("rel", "").split():
            self.alternates.append(found)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def bundle(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(built / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(target)
    return target / "briefings-offline"


def target(page: Path, href: str) -> Path:
    path = (page.parent / href.split("#", 1)[0]).resolve()
    return path / "index.html" if path.is_dir() else path


PAGES = {
    "site": ("pairs/KZ-TR/index.html", "actors/KZ/index.html", "index.html"),
    "bundle": ("pairs/KZ-TR/index.html", "actors/KZ/index.html", "index.html"),
}


@pytest.mark.parametrize("flavour", ["site", "bundle"])
def test_download_and_feed_links_reach_their_files(built: Path, bundle: Path, flavour: str) -> None:
    root = built / "site" if flavour == "site" else bundle
    for rel in PAGES[flavour]:
        page = root / rel
        links = parse(page)
        wanted = {".csv", ".json", ".xml"}
        files = [a["href"] for a in links.anchors if Path(a["href"].split("#")[0]).suffix in wanted]
        assert len(files) == 3, (rel, files)  # CSV, JSON, Atom
        for href in files:
            assert target(page, href).is_file(), (rel, href)
        csv_link = next(a for a in links.anchors if a["href"].endswith(".csv"))
        assert csv_link["download"].endswith("-claims.csv")
        feeds = [a for a in links.alternates if a.get("type") == "application/atom+xml"]
        assert len(feeds) == (1 if rel == "index.html" else 2), rel
        for feed in feeds:
            assert target(page, feed["href"]).is_file(), (rel, feed["href"])
            assert not feedparser.parse(target(page, feed["href"]).read_bytes()).bozo


def test_a_pairs_claims_open_in_a_spreadsheet_from_the_bundle(bundle: Path) -> None:
    page = bundle / "pairs/KZ-TR/index.html"
    href = next(a["href"] for a in parse(page).anchors if a["href"].endswith(".csv"))
    data = target(page, href).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows and all(r["actor_a"] == "KZ" and r["actor_b"] == "TR" for r in rows)
    assert any("Kazachstan" in r["quote"] and "ó" in r["source_title"] for r in rows)
    tagalog = bundle / "data/pairs/KZ-UA.csv"
    text = tagalog.read_bytes().decode("utf-8-sig")
    assert "pakikipagtulungan sa teknikal na militar" in text


def test_the_data_page_explains_every_column_and_links_the_files(built: Path, bundle: Path) -> None:
    for page in (built / "site/data/index.html", bundle / "data/index.html"):
        links = parse(page)
        assert {"columns", "spreadsheets", "licence", "cite"} <= links.ids
        for anchor in links.anchors:
            href = anchor["href"]
            if href.startswith(("#", "http")) or "://" in href:
                continue
            assert target(page, href).is_file(), (page, href)
        text = page.read_text("utf-8")
        for name in ("claim_url", "passage_url", "quote_language", "date_earliest"):
            assert f"<code>{name}</code>" in text
        assert "CC BY 4.0" in text  # mkdocs.yml's licence line
    document = json.loads((built / "site/data/claims.json").read_text("utf-8"))
    assert document["licence"].startswith("Text and data of this briefing: CC BY 4.0.")


def test_pages_offer_citations_with_a_copy_button(built: Path) -> None:
    for rel in ("pairs/KZ-TR/index.html", "sources/001_a593577fb9b8170b/index.html"):
        text = (built / "site" / rel).read_text("utf-8")
        assert '<section class="citation"' in text
        for label in ("Text", "BibTeX", "RIS", "CSL-JSON"):
            assert f">{label}</label>" in text
        assert '"content.code.copy"' in text  # the theme's copy button is on
    # Search indexes claims, passages and page titles, never a page's citation block.
    records = []
    for path in sorted((built / "site/search/entries").glob("*.js")):
        _, args = parse_script(path.read_text("utf-8"))
        records += [json.dumps(r, ensure_ascii=False) for r in unpack(str(args[-1]))]
    assert records and not any("@misc{" in r or "TY  - " in r for r in records)


def test_the_sources_index_links_the_bibliography(built: Path) -> None:
    page = built / "site/sources/index.html"
    hrefs = [a["href"] for a in parse(page).anchors if "sources." in a["href"]]
    assert sorted(Path(h).suffix for h in hrefs) == [".bib", ".json", ".ris", ".txt"]
    for href in hrefs:
        assert target(page, href).is_file()
