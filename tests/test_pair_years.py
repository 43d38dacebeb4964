"""A long pair lists its claims on pages of some years each, and every link to a claim
finds it there.

A pair of more than PAGE_CLAIMS claims keeps its summary, overview and timeline on its own
page (`pairs/KZ-TR.md`) and lists its claims on `pairs/KZ-TR/<first>-<last>.md` (runs of
consecutive years of at most PAGE_CLAIMS claims; `2003.md` for one year, `undated.md`): a
page's cost in the browser must not grow with the corpus. Every page that links to a claim
(the timeline, source texts, the home page, actor pages, data files, feeds, search) asks
ClaimPages, and these tests follow each link to the page it names.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import random
import re
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import test_site_outputs
from picture_corpus import HERE, claim, corpus, random_date, topic

from generator.corpus import Corpus
from generator.model import Claim, QuotePart, Source, pair_key, parse_date
from generator.render.links import PAGE_CLAIMS, ClaimPages, _pack, directory_url
from generator.render.outputs import Outputs, render_outputs
from generator.render.search.entries import claim_entries

BIG = ("KZ", "TR")


def _passage_corpus() -> Corpus:
    """KZ-TR with three times PAGE_CLAIMS claims (some undated), shorter pairs beside it, and
    four sources whose texts hold every claim's quote in a paragraph of its own."""
    rng = random.Random(7)
    pairs = [(BIG, PAGE_CLAIMS * 3), (("KZ", "RU"), 12), (("TR", "UA"), 5), (("RU", "TR"), 2)]
    made: list[tuple[str, tuple[str, str], str | None]] = []
    for pair, count in pairs:
        for i in range(count):
            date = None if i % 17 == 3 else random_date(rng)
            made.append((f"{pair[0]}-{pair[1]}-{i}".lower(), pair, date))
    texts: dict[str, list[str]] = {f"s{n}": [] for n in range(4)}
    claims: list[Claim] = []
    for number, (claim_id, pair, date) in enumerate(made):
        source_id = f"s{number % 4}"
        paragraphs = texts[source_id]
        start = sum(len(p) + 2 for p in paragraphs) + len("Before. ")
        quote = f"Passage {claim_id} quoted"
        paragraphs.append(f"Before. {quote} after.")
        claims.append(
            Claim(
                claim_id,
                source_id,
                pair_key(*pair),
                f"topic-{number % 3}",
                f"Statement of {claim_id}.",
                (QuotePart(quote, start, start + len(quote)),),
                HERE,
                parse_date(date) if date else None,
            )
        )
    sources = [
        Source(s, "en", "\n\n".join(ps), f"seeds/documents/{s}.txt", HERE, title=f"Source {s}")
        for s, ps in texts.items()
    ]
    for one in claims:  # every quote is where it says
        text = next(s.text for s in sources if s.id == one.source_id)
        assert text[one.quotes[0].start : one.quotes[0].end] == one.quotes[0].text
    return corpus(claims, [topic(f"topic-{n}") for n in range(3)], sources)


@cache
def scaled() -> tuple[Corpus, Outputs]:
    c = _passage_corpus()
    return c, render_outputs(c)


def pages_of(outputs: Outputs) -> dict[str, str]:
    return {p: outputs[p].decode("utf-8") for p in outputs if p.endswith(".md")}


def listed_on(text: str) -> set[str]:
    """The ids of the claims a page lists (each claim's paragraph carries its id)."""
    return set(re.findall(r'<p class="claim" [^>]*\bid="([^"]+)"', text))


def anchors(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text)) | set(re.findall(r"\{: #([\w-]+)", text))


def test_a_long_pair_lists_each_claim_once_on_the_page_of_its_years() -> None:
    c, outputs = scaled()
    pages = ClaimPages(c)
    view = next(v for v in c.pairs if v.pair == BIG)
    assert len(view.claims) > PAGE_CLAIMS and pages.split(BIG)
    texts = pages_of(outputs)
    where: dict[str, list[str]] = {}
    for path, text in texts.items():
        for claim_id in listed_on(text):
            where.setdefault(claim_id, []).append(path)
    for one in view.claims:
        part = pages.part(BIG, pages.year(one))
        assert where[one.id] == [pages.page(one)] == [f"pairs/KZ-TR/{part}.md"]
    # Parts are runs of consecutive years, in order, each of at most PAGE_CLAIMS claims
    # unless it is one year; the undated last, on their own.
    parts = pages.parts(BIG)
    assert parts[-1] == "undated" and len(parts) > 3
    counts = Counter(pages.page(one) for one in view.claims)
    previous = 0
    for part in parts[:-1]:
        first, _, last = part.partition("-")
        assert int(first) > previous
        previous = int(last or first)
        assert counts[f"pairs/KZ-TR/{part}.md"] <= PAGE_CLAIMS or not last
        years = {pages.year(one) for one in view.claims if pages.page(one).endswith(f"/{part}.md")}
        assert min(years) == first and max(years) == (last or first)
    # The pair's own page lists none of them, and links to every part's page, in order.
    overview = texts["pairs/KZ-TR.md"]
    assert not listed_on(overview)
    linked = re.findall(
        r"^- \[([\w\u2013]+)\]\(KZ-TR/([\w-]+)\.md\): (\d+) claims?$", overview, re.M
    )
    assert [p for _, p, _ in linked] == parts
    assert {f"pairs/KZ-TR/{p}.md": int(n) for _, p, n in linked} == counts
    assert [label for label, _, _ in linked][-1] == "Undated"
    # Where each claim went, for an address of a claim on this page saved before (briefings.js).
    moved = re.search(r'<script type="application/json" id="_claim-years">(.*?)</script>', overview)
    assert moved
    assert json.loads(moved.group(1)) == {
        one.id: pages.part(BIG, pages.year(one)) for one in view.claims
    }


def test_years_are_packed_from_the_earliest_into_pages_of_at_most_page_claims() -> None:
    half = PAGE_CLAIMS // 2
    counts = [(1991, 1), (1992, half), (1993, half), (1994, PAGE_CLAIMS * 2), (1995, 1)]
    assert _pack(counts) == [(1991, 1992), (1993, 1993), (1994, 1994), (1995, 1995)]
    assert _pack([(2000, PAGE_CLAIMS), (2001, 1)]) == [(2000, 2000), (2001, 2001)]
    assert _pack([(2000, 1), (2010, 1)]) == [(2000, 2010)]
    assert _pack([]) == []


def test_a_short_pair_keeps_its_claims_on_its_page() -> None:
    c, outputs = scaled()
    pages = ClaimPages(c)
    short = [v for v in c.pairs if 1 < len(v.claims) <= PAGE_CLAIMS]
    assert short
    texts = pages_of(outputs)
    for view in short:
        assert not pages.split(view.pair)
        path = f"pairs/{view.pair[0]}-{view.pair[1]}.md"
        assert listed_on(texts[path]) == {one.id for one in view.claims}
        assert not any(p.startswith(path.removesuffix(".md") + "/") for p in texts)


def test_a_pair_of_exactly_page_claims_is_not_split() -> None:
    made = [claim(f"c{i}", BIG, "a", f"{1991 + i % 30}") for i in range(PAGE_CLAIMS)]
    assert not ClaimPages(corpus(made, [topic("a")])).split(BIG)
    made.append(claim("one-more", BIG, "a", "2020"))
    assert ClaimPages(corpus(made, [topic("a")])).split(BIG)


def _resolve_url(page: str, url: str) -> str:
    """The docs/ Markdown file a final (built site) relative URL from `page` leads to."""
    base = directory_url(page)
    target = posixpath.normpath(posixpath.join(base, url)) if url else base.rstrip("/")
    target = "" if target == "." else target
    return "index.md" if not target else f"{target}.md"


def _resolve_md(page: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), link))


def test_every_link_to_a_claim_finds_it_on_the_page_it_names() -> None:
    """HTML links (claims, notes, source texts, pictures) are the built site's URLs; Markdown
    links are MkDocs' `.md` paths. Each link with a claim's id as anchor lands on a page that
    lists that claim, or (a source page's passages) carries its anchor."""
    c, outputs = scaled()
    texts = pages_of(outputs)
    known = {path: anchors(text) for path, text in texts.items()}
    checked: Counter[str] = Counter()
    found: set[str] = set()
    for page, text in texts.items():
        for url in re.findall(r'href="([^"#:]*)#([^"]+)"', text):
            path, anchor = url
            if anchor not in c.claims:
                continue
            target = _resolve_url(page, path) if path else page
            assert anchor in known[target], f"{page}: {path}#{anchor} -> {target}"
            checked[target.split("/")[0]] += 1
            if target.startswith("pairs/"):
                found.add(anchor)
        for link, anchor in re.findall(r"\]\(([^)#\s]*\.md)#([^)\s]+)\)", text):
            if anchor not in c.claims:
                continue
            target = _resolve_md(page, link)
            assert anchor in known[target], f"{page}: {link}#{anchor} -> {target}"
            checked[target.split("/")[0]] += 1
    # Every claim's passage links to it; every claim's note links to its passage.
    assert found == set(c.claims)
    assert checked["sources"] >= len(c.claims)


def test_every_link_within_a_page_finds_its_anchor() -> None:
    """Footnote marks and backlinks, the sources list, and on a long pair's own page no
    timeline link to a year anchor that is now on another page."""
    c, outputs = scaled()
    for page, text in pages_of(outputs).items():
        here = anchors(text)
        for anchor in re.findall(r'href="#([^"]+)"', text):
            assert anchor in here, f"{page}: #{anchor}"
        for anchor in re.findall(r"\]\(#([^)\s]+)\)", text):
            assert anchor in here, f"{page}: #{anchor}"


def test_year_links_lead_to_pages_that_exist() -> None:
    """The timeline's years, the parts' earlier and later links, the actor pages' years: each
    to a part's page, at the year's anchor when it names one."""
    c, outputs = scaled()
    texts = pages_of(outputs)
    known = {path: anchors(text) for path, text in texts.items()}
    checked = 0
    for page, text in texts.items():
        for link, anchor in re.findall(r"\]\(([^)#\s]*KZ-TR/[\w-]+\.md)(?:#([\w-]+))?\)", text):
            target = _resolve_md(page, link)
            assert target in texts and (not anchor or anchor in known[target]), f"{page}: {link}"
            checked += 1
        for url, anchor in re.findall(r'href="([^"#:]*(?:KZ-TR/)?[\w-]+/)(?:#([\w-]+))?"', text):
            target = _resolve_url(page, url)
            if not target.startswith("pairs/KZ-TR/"):
                continue
            assert target in texts and (not anchor or anchor in known[target]), f"{page}: {url}"
            checked += 1
    assert re.search(r"\]\(\.\./pairs/KZ-TR/[\d-]+\.md#year-\d{4}\)", texts["actors/KZ.md"])
    assert checked > len(ClaimPages(c).parts(BIG)) * 3


def test_data_feeds_and_search_give_each_claim_its_page() -> None:
    c, outputs = scaled()
    pages = ClaimPages(c)
    rows = list(csv.DictReader(io.StringIO(outputs["data/pairs/KZ-TR.csv"].decode("utf-8-sig"))))
    assert rows
    for row in rows:
        one = c.claims[row["id"]]
        assert row["claim_url"] == f"{directory_url(pages.page(one))}#{one.id}"
    feed = outputs["feeds/pairs/KZ-TR.xml"].decode("utf-8")
    assert re.search(r"pairs/KZ-TR/(\d{4}|undated)/#", feed)
    pair_index = {v.pair: i for i, v in enumerate(c.pairs)}
    for entry in claim_entries(c, pair_index):
        record = entry.record
        one = c.claims[record[8]]
        if one.pair == BIG:
            assert record[9] == pages.year_part(one) == f"{pages.part(BIG, pages.year(one))}/"
        else:
            assert len(record) == 9


# --- the built site, with a long pair added to the seeds (conftest.add_long_pair) ---------


def test_the_site_of_a_long_pair_builds_with_every_link_finding_its_anchor(
    long_built: Path,
) -> None:
    """MkDocs checks the Markdown links and anchors (the build runs it with --strict, so a
    link it cannot follow fails the build); the HTML links (passages, notes, the timeline)
    are followed here."""
    site = long_built / "site"
    parts = sorted(p.parent.name for p in (site / "pairs/KZ-TR").glob("*/index.html"))
    assert "undated" in parts and len(parts) >= 3
    overview = (site / "pairs/KZ-TR/index.html").read_text("utf-8")
    assert 'class="claim"' not in overview
    for part in parts:
        page = (site / f"pairs/KZ-TR/{part}/index.html").read_text("utf-8")
        assert 0 < page.count('<p class="claim"') <= PAGE_CLAIMS
        assert 'href="../"' in page  # back to the pair's own page
    test_site_outputs.test_links_to_an_anchor_find_it(long_built)


def test_a_long_pair_s_pages_are_in_the_offline_bundle_linking_to_files(
    long_built: Path,
) -> None:
    part = next(p.parent.name for p in (long_built / "site/pairs/KZ-TR").glob("*/index.html"))
    with zipfile.ZipFile(next((long_built / "dist").glob("*.zip"))) as archive:
        names = set(archive.namelist())
        root = next(iter(names)).split("/", 1)[0]
        page = archive.read(f"{root}/pairs/KZ-TR/index.html").decode("utf-8")
    assert f"{root}/pairs/KZ-TR/{part}/index.html" in names
    assert f'href="{part}/index.html"' in page


def test_the_summary_s_notes_of_a_long_pair_lead_to_its_claims(long_built: Path) -> None:
    """The seeds' KZ-TR summary cites its claims, which are on the pages of years now: each
    of its notes also links to its claim there (and test_links_... follows every link)."""
    overview = (long_built / "site/pairs/KZ-TR/index.html").read_text("utf-8")
    notes = re.findall(r'<li id="fn:([^"]+)">(.*?)</li>', overview, re.S)
    assert notes
    for claim_id, note in notes:
        link = re.search(r'<a class="claim-link" href="([\w-]+)/#([^"]+)">The claim among', note)
        assert link and link.group(2) == claim_id, note
        page = long_built / "site/pairs/KZ-TR" / link.group(1) / "index.html"
        assert f'id="{claim_id}"' in page.read_text("utf-8")
