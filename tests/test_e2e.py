"""End to end: the real seeds become a site whose pages, citations, anchors and search work."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import REPO, briefings

pytestmark = pytest.mark.e2e


def annotations() -> list[dict]:
    """Read the seed annotations independently of the generator (every scalar as text)."""
    files = sorted((REPO / "seeds" / "annotations").glob("*.yml"))
    return [
        yaml.load(f.read_text("utf-8"), Loader=yaml.BaseLoader) | {"_id": f.stem} for f in files
    ]


def claims_by_pair() -> dict[str, list[dict]]:
    pairs: dict[str, list[dict]] = defaultdict(list)
    for ann in annotations():
        for claim in ann["claims"]:
            pairs["-".join(sorted(claim["pair"]))].append(claim | {"_doc": ann["_id"]})
    return pairs


class Elements(HTMLParser):
    """Collect every element's attributes by id, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, dict[str, str]] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs} | {"_tag": tag}
        if "id" in found:
            self.ids[found["id"]] = found
        if tag == "a":
            self.links.append(found)


def parse(path: Path) -> tuple[str, Elements]:
    text = path.read_text("utf-8")
    parser = Elements()
    parser.feed(text)
    return text, parser


def footnote(text: str, claim_id: str) -> str:
    m = re.search(rf'<li id="fn:{re.escape(claim_id)}">(.*?)</li>', text, re.S)
    assert m, f"no footnote for {claim_id}"
    return m.group(1)


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_every_pair_has_a_page_titled_with_both_names(built: Path) -> None:
    pairs = claims_by_pair()
    assert len(pairs) >= 15
    # pairs/index/ holds each actor's list of pairs; every other folder is a pair's page.
    pages = {p.name for p in (built / "site" / "pairs").iterdir() if p.is_dir()}
    assert pages == set(pairs) | {"index"}
    text, _ = parse(built / "site" / "pairs" / "KZ-TR" / "index.html")
    assert "<title>Kazakhstan – Türkiye - Briefings</title>" in text


def test_every_statement_cites_its_passage(built: Path) -> None:
    for slug, claims in claims_by_pair().items():
        text, page = parse(built / "site" / "pairs" / slug / "index.html")
        for claim in claims:
            cid = claim["id"]
            assert page.ids[cid]["class"] == "claim", cid
            assert f'href="#fn:{cid}"' in text
            note = footnote(text, cid)
            quotes = claim["quote"] if isinstance(claim["quote"], list) else [claim["quote"]]
            for quote in quotes:
                assert " ".join(quote.split()) in plain(note), cid
            assert re.search(r'<q lang="(tl|pl)">', note)
            link = f'href="../../sources/{claim["_doc"]}/#{cid}"'
            assert link in note, cid


def test_source_pages_anchor_and_link_back(built: Path) -> None:
    def parts(claim: dict) -> list[str]:
        return claim["quote"] if isinstance(claim["quote"], list) else [claim["quote"]]

    pairs = claims_by_pair()
    quoted: dict[str, int] = defaultdict(int)
    for claims in pairs.values():
        for claim in claims:
            for part in parts(claim):
                quoted[part] += 1
    for slug, claims in pairs.items():
        for claim in claims:
            text, page = parse(built / "site" / "sources" / claim["_doc"] / "index.html")
            assert page.ids[claim["id"]]["class"] == "claim-anchor"
            assert page.ids[claim["id"]]["data-pair"] == slug, claim["id"]
            # A passage that several claims quote exactly can link back to only one of them.
            if any(quoted[part] == 1 for part in parts(claim)):
                assert f'href="../../pairs/{slug}/#{claim["id"]}"' in text, claim["id"]


def test_titles_in_the_source_language_say_so(built: Path) -> None:
    # The Polish article's own title is Polish wherever it stands; the Tagalog one has none
    # (its English description is English).
    text, page = parse(built / "site" / "sources" / "001_a593577fb9b8170b" / "index.html")
    assert page.ids["_title"]["lang"] == "pl"
    title = "Kazachstan i Turcja z postępami w rozszerzaniu współpracy wojskowej"
    assert f'<span lang="pl">{title}</span>' in text
    text, page = parse(built / "site" / "sources" / "000_64255a36b834ab02" / "index.html")
    assert "lang" not in page.ids["_title"]
    text, _ = parse(built / "site" / "pairs" / "KZ-TR" / "index.html")
    assert f'<em><span lang="pl">{title}</span></em>' in text


def test_footnotes_are_numbered_in_reading_order(built: Path) -> None:
    for slug in claims_by_pair():
        text, _ = parse(built / "site" / "pairs" / slug / "index.html")
        # Each mark's number, in the order the marks stand on the page.
        marks = [int(n) for n in re.findall(r'class="footnote-ref"[^>]*>(\d+)</a>', text)]
        first = list(dict.fromkeys(marks))
        assert first == list(range(1, len(first) + 1)), (slug, marks)
    # KZ-TR's summary cites claims out of date order: its marks still count up from 1.
    text, _ = parse(built / "site" / "pairs" / "KZ-TR" / "index.html")
    summary = text.split('id="_summary"', 1)[1].split('id="_claims"', 1)[0]
    numbers = [int(n) for n in re.findall(r'class="footnote-ref"[^>]*>(\d+)</a>', summary)]
    assert len(numbers) >= 10 and numbers == sorted(numbers), numbers


def test_highlights_link_to_the_citing_pair(built: Path) -> None:
    text, page = parse(built / "site" / "sources" / "001_a593577fb9b8170b" / "index.html")
    cited = [a for a in page.links if a.get("class") == "cited"]
    assert len(cited) >= 20
    assert all(
        re.fullmatch(r"\.\./\.\./pairs/[A-Z0-9]+-[A-Z0-9]+/#[a-z0-9-]+", a["href"]) for a in cited
    )
    # The verbatim text is all there: the document's words in order.
    words = (REPO / "seeds/documents/001_a593577fb9b8170b.txt").read_text("utf-8").split()
    article = plain(text.split('<div class="source-text"', 1)[1].split("</article>", 1)[0])
    assert " ".join(words[-12:]) in article
    assert " ".join(words[:8]) in article


def test_navigation_lists_sections_only(built: Path) -> None:
    text = (built / "site/pairs/KZ-TR/index.html").read_text("utf-8")
    nav = text.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "CN-KZ" not in nav and "001_a593577fb9b8170b" not in nav
    for section in ("Pairs", "Actors", "Sources", "Methodology"):
        assert section in nav


def test_home_says_where_to_start(built: Path) -> None:
    text, page = parse(built / "site/index.html")
    pairs = claims_by_pair()
    # Counts, then the most-documented pairs (at most 10: the full list is on pairs/).
    claims = sum(len(c) for c in pairs.values())
    assert f"It holds {claims} claims on {len(pairs)} pairs" in plain(text)
    top = text.split('id="_top-pairs"', 1)[1].split('id="_latest"', 1)[0]
    linked = re.findall(r'href="pairs/([A-Z0-9]+-[A-Z0-9]+)/"', top)
    assert len(linked) == 10 < len(pairs)
    counts = [len(pairs[slug]) for slug in linked]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(len(c) for c in pairs.values())
    # The latest dated claims, each linking to its place on its pair page: the latest of
    # the seeds is the Anka production due to start in 2024.
    latest = text.split('id="_latest"', 1)[1].split("</article>", 1)[0]
    assert 'href="pairs/KZ-TR/#kz-tr-anka-production-2024"' in latest
    assert "Methodology" in text
    for index in ("pairs/", "actors/", "sources/"):
        assert f'href="{index}"' in text


def test_every_pair_is_listed_under_both_its_actors(built: Path) -> None:
    site = built / "site"
    index, _ = parse(site / "pairs/index.html")
    for slug in claims_by_pair():
        for actor in slug.split("-"):
            assert f'href="index/{actor}/"' in index, actor
            text, _ = parse(site / f"pairs/index/{actor}/index.html")
            assert f'href="../../{slug}/"' in text, (actor, slug)


def test_claims_are_grouped_by_year_in_the_table_of_contents(built: Path) -> None:
    text, page = parse(built / "site/pairs/KZ-TR/index.html")
    years = re.findall(r'<h3 class="claim-group" id="(year-[0-9]{4}|undated)"', text)
    assert years == sorted(years) and "year-1991" in years and "year-2024" in years
    toc = text.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    for year in years:
        assert f'href="#{year}"' in toc, year
    # Every claim stands under the heading of its year; claims without their own date
    # under their source's year (2023, inferred), and say so.
    for claim in claims_by_pair()["KZ-TR"]:
        before = text.split(f'id="{claim["id"]}"', 1)[0]
        group = re.findall(r'<h3 class="claim-group" id="([^"]+)"', before)[-1]
        year = claim["date"][:4] if claim.get("date") else "2023"
        if claim.get("date", "").startswith(".."):
            year = claim["date"][3:7]
        assert group == f"year-{year}", claim["id"]
        assert page.ids[claim["id"]]["data-year"] == year
        assert page.ids[claim["id"]]["data-topic"] == claim["topic"]
        assert page.ids[claim["id"]]["data-source"] == claim["_doc"]
    assert "(source publication date inferred: 28 November – December 2023 (uncertain))" in text
    # The Tagalog article has no date: its claims are undated, the last group.
    text, page = parse(built / "site/pairs/KZ-UA/index.html")
    assert re.findall(r'<h3 class="claim-group" id="([^"]+)"', text) == ["undated"]


def test_notes_are_short_and_each_source_is_described_once(built: Path) -> None:
    for slug in claims_by_pair():
        text, page = parse(built / "site" / "pairs" / slug / "index.html")
        notes = re.findall(r'<li id="fn:([a-z0-9-]+)">(.*?)</li>', text, re.S)
        entries = re.findall(r'<li id="source-([a-z0-9_-]+)">(.*?)</li>', text, re.S)
        assert notes and entries
        cited = set()
        for claim_id, note in notes:
            # The short label links to the source's entry; no note repeats the description.
            label = re.search(r'href="#source-([a-z0-9_-]+)"', note)
            assert label, claim_id
            cited.add(label.group(1))
            assert "(tl)" not in plain(note) and "(pl)" not in plain(note), claim_id
        assert cited == {doc for doc, _ in entries}, slug
        for doc, entry in entries:
            assert entry.count(f'href="../../sources/{doc}/"') == 1
            assert re.search(r"(Polish \(pl\)|Tagalog \(tl\))", plain(entry)), doc
    text, _ = parse(built / "site/pairs/KZ-TR/index.html")
    entry = re.search(r'<li id="source-001_a593577fb9b8170b">(.*?)</li>', text, re.S)
    assert entry is not None
    assert "publication date inferred: 28 November – December 2023 (uncertain)" in plain(entry[1])


def test_every_source_is_in_one_part_of_the_list_of_sources(built: Path) -> None:
    site = built / "site"
    index, _ = parse(site / "sources/index.html")
    parts = re.findall(r'href="index/([a-z0-9-]+_[a-z0-9_]+)/"', index)
    assert parts == ["pl_2023", "tl_undated"]
    found = []
    for part in parts:
        text, _ = parse(site / f"sources/index/{part}/index.html")
        found += re.findall(r'href="\.\./\.\./([a-z0-9_-]+)/"', text.split("<article", 1)[1])
    docs = sorted(a["_id"] for a in annotations())
    assert sorted(d for d in found if d in docs) == docs


def test_source_page_says_its_date_is_inferred_and_how(built: Path) -> None:
    text, _ = parse(built / "site/sources/001_a593577fb9b8170b/index.html")
    shown = plain(text)
    assert "Published: 28 November – December 2023 (uncertain), inferred: not stated" in shown
    assert "How the date was inferred: The text names no date of publication." in shown


def test_actor_page_lists_partners_by_number_of_claims(built: Path) -> None:
    text = (built / "site/actors/KZ/index.html").read_text("utf-8")
    pairs = claims_by_pair()
    partners = {s for s in pairs if "KZ" in s.split("-")}
    table = text.split('id="_partners"', 1)[1]
    linked = re.findall(r'href="\.\./\.\./pairs/([A-Z0-9]+-[A-Z0-9]+)/"', table)
    assert set(linked) == partners and len(linked) == len(partners)
    counts = [len(pairs[slug]) for slug in linked]
    assert counts == sorted(counts, reverse=True)
    # Each partner with its topics and their numbers, and its years.
    assert "Co-production (7)" in plain(table) and "1991\u2060–\u20602024" in plain(table)


def test_rebuild_rewrites_nothing_and_keeps_hand_written_pages(built: Path) -> None:
    docs = built / "docs"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs.rglob("*") if p.is_file()}
    run = briefings(built, "build", "--pages-only")
    assert run.code == 0, run.err
    assert "0 written" in run.out
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs.rglob("*") if p.is_file()}
    assert after == before
    assert (docs / "methodology.md").read_bytes() == (REPO / "docs/methodology.md").read_bytes()


def test_full_rebuild_leaves_site_and_bundle_untouched(built: Path) -> None:
    outputs = [built / "docs", built / "site", built / "dist"]
    files = [p for folder in outputs for p in folder.rglob("*") if p.is_file()]
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    run = briefings(built, "build")
    assert run.code == 0, run.err
    assert "pages: 0 written" in run.out
    assert "(hosted website) (unchanged)" in run.out
    assert "(offline: unzip and open index.html) (unchanged)" in run.out
    after = [p for folder in outputs for p in folder.rglob("*") if p.is_file()]
    assert sorted(after) == sorted(files)
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in after} == before
    # No scratch build is left behind: only the manifest of generated pages stays.
    assert sorted(p.name for p in (built / ".briefings").iterdir()) == ["manifest.json"]


def test_removed_content_removes_only_generated_pages(built: Path, tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built, project, symlinks=True)
    (project / "docs/pairs/notes.md").write_text("# Hand-written\n", "utf-8")
    (project / "seeds/pairs/KZ-TR.yml").unlink()
    (project / "seeds/pairs/KZ-UA.yml").unlink()
    ann = project / "seeds/annotations/000_64255a36b834ab02.yml"
    ann.unlink()
    (project / "seeds/documents/000_64255a36b834ab02.txt").unlink()
    run = briefings(project, "build", "--pages-only")
    assert run.code == 0, run.err
    assert not (project / "docs/sources/000_64255a36b834ab02.md").exists()
    assert not (project / "docs/pairs/KZ-UA.md").exists()
    assert (project / "docs/pairs/notes.md").exists()
    assert (project / "docs/methodology.md").exists()
