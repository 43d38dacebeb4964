"""The page layout's decisions, in Python: short source labels, year groups, inferred dates,
the list of sources cut into small pages, the most-documented pairs and latest claims.
"""

from __future__ import annotations

import posixpath

import pytest
from conftest import REPO
from test_golden import FIXTURE, rendered

from generator.config import read_site_config
from generator.corpus import Corpus, open_corpus
from generator.markup.escape import FOOTNOTES_MARKER, Md, text
from generator.model import Source, parse_date
from generator.problems import Location
from generator.render.actor import actor_page
from generator.render.claims import claim_view, year_groups
from generator.render.common import Names, shorten
from generator.render.home import home_page, latest_claims, top_pairs
from generator.render.links import Links, _relative, _relative_md
from generator.render.pair import pair_page
from generator.render.source_index import PART_SIZE, split_sources

LOC = Location("seeds/annotations/x.yml")


def corpus() -> Corpus:
    config, _ = read_site_config(REPO)
    opened = open_corpus(FIXTURE, config)
    assert opened.corpus is not None
    return opened.corpus


def source(doc: str = "x", **fields: object) -> Source:
    values: dict[str, object] = {"language": "pl", "text": "", "text_path": f"{doc}.txt"}
    return Source(id=doc, loc=LOC, **(values | fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"title": "Raport", "published": "2023-12-01"}, '<span lang="pl">Raport</span>, 2023'),
        ({"title": "Raport", "title_en": "Report", "published": "2023"}, "Report, 2023"),
        ({"title_en": "Report", "published": "2023?"}, "Report, 2023?"),
        ({"title_en": "Report", "published": "1997~/1999~"}, "Report, 1997–1999"),
        ({"title_en": "Report"}, "Report, undated"),
        ({}, "Untitled (x), undated"),
        (
            {"title_en": "Report", "published": "2023-11-28?/2023-12?", "published_inferred": "y"},
            "Report, 2023?",
        ),
        (
            {"title_en": "Report", "published": "2023-05", "published_inferred": "y"},
            "Report, 2023?",
        ),
        (
            {"title_en": "A very long English title that goes on and on about many things at once"},
            "A very long English title that goes on and on about many…, undated",
        ),
        (
            {"title_en": "<b>x</b> *y*", "published": "2020"},
            "&lt;b&gt;x&lt;/b&gt; &#42;y&#42;, 2020",
        ),
    ],
)
def test_a_source_is_named_in_short_by_title_and_year(fields: dict, label: str) -> None:
    if "published" in fields:
        fields = fields | {"published": parse_date(str(fields["published"]))}
    assert Names(corpus()).source_label(source(**fields)) == label


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("short title") == "short title"
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("unbreakablewordthatislong", 10) == "unbreakab…"


def test_an_inferred_publication_date_says_so() -> None:
    names = Names(corpus())
    stated = source(published=parse_date("2023-12-01"))
    inferred = source(published=parse_date("2023-11-28?/2023-12?"), published_inferred="how")
    assert names.published(stated) == "published 1 December 2023"
    assert names.published(inferred) == (
        "publication date inferred: 28 November – December 2023 (uncertain)"
    )
    assert names.published(source()) == "no date"


def test_claims_are_grouped_by_the_year_of_their_date_or_their_sources() -> None:
    data = corpus()
    names = Names(data)
    view = next(v for v in data.pairs if v.pair == ("KZ", "RU"))
    links = Links("pairs/KZ-RU.md")
    views = [claim_view(names, c, links) for c in view.claims]
    groups = year_groups(views, {v.id: Md("") for v in views})
    assert [(g.anchor, g.heading) for g in groups] == [("year-2021", "2021"), ("year-2023", "2023")]
    # The claim with no date of its own sits under its source's year and says so.
    placed = next(v for v in views if v.id == "kz-ru-deliveries-list")
    assert placed.year == "2023"
    assert "<strong>undated</strong> (source published 1 December 2023) · " in placed.opening
    assert groups[1].claims[0] == placed.paragraph("")
    view = next(v for v in data.pairs if v.pair == ("RU", "UA"))
    views = [claim_view(names, c, Links("pairs/RU-UA.md")) for c in view.claims]
    groups = year_groups(views, {v.id: Md("") for v in views})
    assert [(g.anchor, g.heading) for g in groups] == [("undated", "Undated")]


def test_the_pair_page_places_its_notes_between_claims_and_sources() -> None:
    page = rendered()["pairs/KZ-TR.md"]
    assert page.count('<div class="footnote">') == 1
    notes = page.index('<div class="footnote">')
    assert page.index("## Notes") < notes < page.index("## Sources")
    # Python-Markdown's footnotes extension is still on for hand-written pages: it would move
    # its notes onto the first text holding its marker, so no curator text can hold one.
    assert FOOTNOTES_MARKER not in page
    assert text(f"a {FOOTNOTES_MARKER} b") == "a //&#47;Footnotes Go Here//&#47; b"


def _sources(count: int, language: str = "pl", month: str = "2023-03") -> list[Source]:
    return [
        source(f"d{i:05d}", language=language, title_en=f"T{i:05d}", published=parse_date(month))
        for i in range(count)
    ]


def test_the_list_of_sources_is_cut_into_small_parts() -> None:
    march = _sources(PART_SIZE * 2 + 1)
    many = march + _sources(3, month="2022") + [source("u")]
    many += [source("e", language="en", published=parse_date("2023-01-05"))]
    many += [source(f"y{i}", title_en="y", published=parse_date("2023")) for i in range(2)]
    many += [source("may", title_en="m", published=parse_date("2023-05-02"))]
    parts = split_sources(many)
    assert [(p.slug, str(p.period), len(p.sources)) for p in parts] == [
        ("en_2023", "2023", 1),
        ("pl_2022", "2022", 3),
        # Too many for one page: by month, and a month too long in numbered parts.
        ("pl_2023-03_1", "2023, March (1 of 3)", 334),
        ("pl_2023-03_2", "2023, March (2 of 3)", 334),
        ("pl_2023-03_3", "2023, March (3 of 3)", 333),
        ("pl_2023-05", "2023, May", 1),
        ("pl_2023_no-month", "2023, month not stated", 2),
        ("pl_undated", "undated", 1),
    ]
    assert all(len(p.sources) <= PART_SIZE for p in parts)
    assert sorted(s.id for p in parts for s in p.sources) == sorted(s.id for s in many)
    # In order of publication, then of title.
    assert [s.id for s in parts[2].sources][:3] == ["d00000", "d00001", "d00002"]
    # A year that fits on one page is not split.
    assert [p.slug for p in split_sources(march[:PART_SIZE])] == ["pl_2023"]


def test_language_tags_that_differ_in_case_are_one_language() -> None:
    parts = split_sources(_sources(1, language="pt-BR") + _sources(1, language="pt-br"))
    assert [(p.slug, len(p.sources)) for p in parts] == [("pt-br_2023", 2)]


def test_home_ranks_pairs_by_claims_and_shows_the_latest_dated_claims() -> None:
    names = Names(corpus())
    rows = top_pairs(names, "", 3)
    assert [(r.title, r.claims) for r in rows] == [
        ("Kazakhstan – Russia", 2),
        ("Kazakhstan – Türkiye", 2),
        ("Collective Security Treaty Organization – Kazakhstan", 1),
    ]
    latest = latest_claims(names, 10)
    # Only claims with a date of their own, the one that ends latest first.
    assert [c.link for c in latest] == [
        "pairs/KZ-RU.md#kz-ru-helicopters",
        "pairs/KZ-TR.md#kz-tr-anka-agreement",
    ]


def test_pictures_have_their_slots_after_the_overview() -> None:
    """render/pictures/ gives each page its picture as Markdown; the pages place it."""
    data = corpus()
    names = Names(data)
    picture = Md('<figure class="picture">PICTURE</figure>')
    view = next(v for v in data.pairs if v.pair == ("KZ", "TR"))
    page = pair_page(names, view, timeline=picture)
    assert page.index("## Overview") < page.index(picture) < page.index("## Claims")
    assert picture not in pair_page(names, view)
    home = home_page(names, graph=picture)
    assert home.index("It holds") < home.index(picture) < home.index("## Where to start")
    actor = actor_page(names, "KZ", graph=picture)
    assert actor.index("with 3 partners") < actor.index(picture) < actor.index("## Partners")
    assert picture not in home_page(names) and picture not in actor_page(names, "KZ")


def test_relative_addresses_are_posixpaths_relpath() -> None:
    folders = ["", "pairs/", "pairs/KZ-TR/", "sources/", "sources/index/pl_2021/", "a/b/c/"]
    folders += ["a/b/", "a/x/", "actors/KZ/", "./", "a/../b/"]
    for target in folders:
        for start in folders:
            assert _relative(target, start) == posixpath.relpath(target or ".", start or ".")


PAGES = ["index.md", "pairs/KZ-TR.md", "pairs/KZ-TR/1991-1996.md", "pairs/KZ-TR/undated.md"]
PAGES += ["actors/KZ.md", "sources/index.md", "sources/pl_2021.md", "data/index.md"]


def test_markdown_links_are_posixpaths_relpath() -> None:
    """_relative_md works the relative path out without asking the operating system."""
    for page in PAGES:
        for target in [*PAGES, "pairs/index.md", "sources/a.md"]:
            expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
            assert _relative_md(page, target) == expected, (page, target)


def test_links_to_sources_are_those_to_their_pages() -> None:
    """Links.source, which climbs to sources/ once a page, finds what Links.url finds."""
    for page in PAGES:
        links = Links(page)
        for source_id in ("pl_2021", "a", "kz-1"):
            for anchor in ("", "kz-tr-anka"):
                expected = links.url(f"sources/{source_id}.md", anchor)
                assert links.source(source_id, anchor) == expected, (page, source_id, anchor)


def test_relative_urls_through_the_root_are_the_relative_urls() -> None:
    """Between top folders the URL is made up to the root and down; it is exactly the
    relative URL (no OS call, no cache entry per pair of pages)."""
    from generator.render import links

    pages = [
        "index.md",
        "methodology.md",
        "pairs/index.md",
        "pairs/KZ-TR.md",
        "pairs/KZ-TR/1991-1996.md",
        "pairs/index/CSTO.md",
        "sources/doc-1.md",
        "sources/index.md",
        "sources/index/pl_2021.md",
        "sourcesx/a.md",
        "actors/KZ.md",
        "data/index.md",
        "a/./b.md",
        "a/../b.md",
    ]
    for page in pages:
        for target in pages:
            assert links._relative_url(page, target) == links._relative_url_between(page, target), (
                page,
                target,
            )
