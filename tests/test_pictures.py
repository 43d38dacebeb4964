"""Pictures: timelines and networks as static, accessible SVG with the same facts in Markdown."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path

import markdown
import pytest
from conftest import REPO
from hostile import PAYLOADS, SHORT
from picture_corpus import claim, corpus, scale_corpus, source, topic, twin_hubs

from generator.corpus import Corpus, PairView
from generator.model import Actor
from generator.render.pictures import (
    Links,
    Picture,
    actor_graph,
    actor_timeline,
    briefing_graph,
    pair_timeline,
)
from generator.render.pictures.axis import PLOT_X0, PLOT_X1, Scale
from generator.render.pictures.ego import PARTNER_LIMIT
from generator.render.pictures.graph import EDGE_LIMIT, PER_ACTOR
from generator.render.pictures.layout import force_layout
from generator.render.pictures.timeline import LANES_LIMIT, MARKS_LIMIT

SVG = "{http://www.w3.org/2000/svg}"
# What a picture may contain: nothing else, whatever the curators wrote.
ELEMENTS = {
    "figure", "figcaption", "svg", "title", "desc", "g", "a", "rect", "line", "path",
    "circle", "text",
}  # fmt: skip
# Size bounds (bytes of the SVG figure): the 535-claim pair and the 1,128-pair network are
# about 40 KB each; a page may carry two pictures and stay light.
MARKUP_BOUND = 100_000
WITH_ALTERNATIVE_BOUND = 150_000

# Every kind of date a timeline draws, one claim each (topic: what to look for).
DATED = {
    "c-year": ("2020", "a"),
    "c-month": ("2021-05", "a"),
    "c-day": ("2022-03-14", "a"),
    "c-interval": ("2010/2012", "b"),
    "c-approximate": ("2015~", "b"),
    "c-uncertain": ("2016-04?", "b"),
    "c-both": ("2017%", "c"),
    "c-open-end": ("2018-02/..", "c"),
    "c-open-start": ("../2019", "c"),
    "c-approximate-interval": ("1997~/1999~", "a"),
}


def small() -> Corpus:
    claims = [claim(i, ("KZ", "TR"), t, d) for i, (d, t) in DATED.items()]
    claims.append(claim("c-published", ("KZ", "TR"), "a", None, "dated-source"))
    claims.append(claim("c-undated", ("KZ", "TR"), "b", None, "s"))
    claims.append(claim("c-other", ("KZ", "UA"), "a", "2020"))
    topics = [topic("a", "Alpha"), topic("b", "Beta"), topic("c", "Gamma")]
    return corpus(claims, topics, [source("s"), source("dated-source", "2023-06")])


def day(year: int, month: int, date: int) -> int:
    """A day number, as timelines place days."""
    return datetime.date(year, month, date).toordinal()


def view(c: Corpus, pair: tuple[str, str]) -> PairView:
    return next(v for v in c.pairs if v.pair == pair)


@cache
def at_scale() -> Corpus:
    return scale_corpus()


def drawn(picture: Picture | None) -> ET.Element:
    """The figure as XML, namespaces dropped (it must parse as XML at all)."""
    assert picture is not None
    root = ET.fromstring(picture.markup)
    for element in root.iter():
        element.tag = element.tag.removeprefix(SVG)
    return root


def links_in(root: ET.Element) -> dict[str, ET.Element]:
    """Each link of the SVG by its href (hrefs of marks are unique per picture)."""
    found = [a for a in root.iter("a") if a.get("tabindex") == "-1"]
    return {a.get("href", ""): a for a in found}


def shapes(a: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in a.iter(tag) if cls in (e.get("class") or "").split()]


def glyphs(a: ET.Element) -> list[str]:
    return [e.text or "" for e in shapes(a, "text", "pic-q")]


def kz_tr() -> ET.Element:
    c = small()
    return drawn(pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md")))


# Structure and accessibility.


def test_figure_is_one_raw_html_block_with_an_accessible_svg() -> None:
    c = small()
    picture = pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md"))
    assert picture is not None
    assert picture.markup.startswith('<figure class="pic pic--timeline">')
    assert "\n\n" not in picture.markup and picture.markup.endswith("</figure>")
    svg = drawn(picture).find("svg")
    assert svg is not None
    assert svg.get("role") == "group" and svg.get("viewBox", "").startswith("0 0 800 ")
    assert svg.get("width") == "100%"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert title.text == picture.title == "Timeline of claims: Kazakhstan – Türkiye"
    assert "12 claims" not in (desc.text or "") and "11 claims" in (desc.text or "")


def test_colours_come_from_css_classes_not_fills() -> None:
    """Only transparency is written into the SVG; every colour is a class in pictures.css."""
    c = small()
    pictures = [
        pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md")),
        briefing_graph(c, Links("index.md")),
    ]
    css = (REPO / "docs/assets/pictures.css").read_text("utf-8")
    for picture in pictures:
        svg = drawn(picture).find("svg")
        assert svg is not None
        for element in svg.iter():
            for attribute in ("fill", "stroke", "color", "style"):
                assert element.get(attribute) in (None, "transparent", "currentColor")
            for cls in (element.get("class") or "").split():
                assert f".{cls}" in css, cls
    assert "figure.pic " in css and "pictures.css" in (REPO / "mkdocs.yml").read_text("utf-8")


def test_markdown_passes_the_figure_through_and_renders_the_alternative() -> None:
    c = small()
    picture = pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md"))
    assert picture is not None
    md = markdown.Markdown(extensions=["footnotes", "attr_list", "md_in_html", "tables", "toc"])
    html = md.convert(f"# Page\n\nText.\n\n{picture.block()}\n\nMore text.\n")
    svg = re.search(r"<svg.*?</svg>", picture.markup, re.S)
    assert svg is not None and svg.group(0) in html
    assert re.search(r"<details[^>]*>\s*<summary>", html) and "<table>" in html
    assert '<a href="#c-year">' in html  # the table's links, as Markdown made them


# Date precision, honestly drawn.


def _width(a: ET.Element, cls: str = "pic-box") -> float:
    return sum(float(r.get("width", "0")) for r in shapes(a, "rect", cls))


def test_year_month_and_day_marks_cover_the_days_they_can_mean() -> None:
    marks = links_in(kz_tr())
    scale = Scale(1997, 2023)  # the drawn claims' first and last known years
    year_width = scale.x(day(2021, 1, 1)) - scale.x(day(2020, 1, 1))
    assert _width(marks["#c-year"]) == pytest.approx(year_width, abs=0.15)
    (box,) = shapes(marks["#c-year"], "rect", "pic-box")
    assert float(box.get("x", "")) == pytest.approx(scale.x(day(2020, 1, 1)), abs=0.1)
    # A month over 27 years is narrower than a mark can be and stay visible (3 units).
    assert _width(marks["#c-month"]) == 3
    assert shapes(marks["#c-day"], "path", "pic-day") and not _width(marks["#c-day"])


def test_a_month_is_a_month_wide() -> None:
    claims = [claim("m", ("KZ", "TR"), "a", "2021-05"), claim("y", ("KZ", "TR"), "a", "2022")]
    c = corpus(claims, [topic("a")])
    marks = links_in(drawn(pair_timeline(c, c.pairs[0], Links("pairs/KZ-TR.md"))))
    scale = Scale(2021, 2022)
    may = scale.x(day(2021, 6, 1)) - scale.x(day(2021, 5, 1))
    assert _width(marks["#m"]) == pytest.approx(may, abs=0.15)
    assert _width(marks["#y"]) == pytest.approx(may * 365 / 31, abs=0.15)


def test_an_interval_is_a_bar_with_caps_solid_where_it_surely_runs() -> None:
    marks = links_in(kz_tr())
    scale = Scale(1997, 2023)
    bar = marks["#c-interval"]
    three_years = scale.x(day(2013, 1, 1)) - scale.x(day(2010, 1, 1))
    assert _width(bar) == pytest.approx(three_years, abs=0.15)
    one_year = scale.x(day(2012, 1, 1)) - scale.x(day(2011, 1, 1))
    assert _width(bar, "pic-bar") == pytest.approx(one_year, abs=0.15)  # 2011: surely in it
    assert len(shapes(bar, "line", "pic-cap")) == 2


def test_open_ends_fade_out_past_the_axis_without_a_cap() -> None:
    marks = links_in(kz_tr())
    open_end, open_start = marks["#c-open-end"], marks["#c-open-start"]
    for mark, side in ((open_end, 1), (open_start, -1)):
        assert len(shapes(mark, "line", "pic-cap")) == 1
        fades = [r for r in shapes(mark, "rect", "pic-bar") if r.get("fill-opacity")]
        assert len(fades) >= 3
        opacities = [float(r.get("fill-opacity", "")) for r in fades]
        assert opacities == sorted(opacities, reverse=True)
        for r in fades:
            x = float(r.get("x", ""))
            assert x >= PLOT_X1 - 0.05 if side == 1 else x + float(r.get("width", "")) <= PLOT_X0
    (cap,) = shapes(open_end, "line", "pic-cap")
    assert float(cap.get("x1", "")) < PLOT_X1  # the known start is capped, the end is not


def test_approximate_and_uncertain_are_marked_and_explained() -> None:
    root = kz_tr()
    marks = links_in(root)
    assert glyphs(marks["#c-approximate"]) == ["~"]
    assert glyphs(marks["#c-uncertain"]) == ["?"]
    assert glyphs(marks["#c-both"]) == ["~?"]
    assert glyphs(marks["#c-approximate-interval"]) == ["~", "~"]
    assert glyphs(marks["#c-year"]) == [] and glyphs(marks["#c-interval"]) == []
    keys = [t.text for t in root.iter("text") if t.get("class") == "pic-key"]
    assert "approximate" in keys and "uncertain" in keys


def test_undated_claims_are_counted_and_publication_dates_marked_apart() -> None:
    root = kz_tr()
    marks = links_in(root)
    assert "#c-undated" not in marks
    assert shapes(marks["#c-published"], "circle", "pic-pub")
    caption = root.find("figcaption")
    assert caption is not None
    words = "".join(caption.itertext())
    assert "1 undated claim is not drawn" in words
    assert "1 without a date of their own" in words
    anchors = [a.get("href") for a in caption.iter("a")]
    assert anchors == ["#undated"]
    keys = " ".join(t.text or "" for t in root.iter("text") if t.get("class") == "pic-key")
    assert "publication date" in keys


@pytest.mark.parametrize("count", [2, MARKS_LIMIT + 1])
def test_the_first_and_last_years_of_the_calendar_draw(count: int) -> None:
    dates = ["0001", "9999-12-31", "0001/..", "../9999"] * count
    claims = [claim(f"c{i}", ("KZ", "TR"), "a", d) for i, d in enumerate(dates[:count])]
    root = drawn(
        pair_timeline(
            corpus(claims, [topic("a")]),
            corpus(claims, [topic("a")]).pairs[0],
            Links("pairs/KZ-TR.md"),
        )
    )
    assert len(links_in(root)) == (count if count == 2 else 2)  # marks, or two bins


def test_nothing_dated_draws_no_timeline() -> None:
    c = corpus([claim("x", ("KZ", "TR"), "a", None)], [topic("a")])
    assert pair_timeline(c, c.pairs[0], Links("pairs/KZ-TR.md")) is None


# Links.


def test_marks_link_to_their_claims_from_the_page_they_are_on() -> None:
    c = small()
    on_pair = links_in(drawn(pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md"))))
    assert sorted(on_pair) == sorted(f"#{i}" for i in [*DATED, "c-published"])
    on_actor = links_in(drawn(actor_timeline(c, "KZ", Links("actors/KZ.md"))))
    assert "../../pairs/KZ-UA/#c-other" in on_actor
    assert "../../pairs/KZ-TR/#c-year" in on_actor
    assert (
        on_actor["../../pairs/KZ-UA/#c-other"]
        .findtext("title", "")
        .endswith("(with Ukraine): Statement of c-other.")
    )
    here = Links("actors/KZ.md", claim_page=lambda _: "actors/KZ.md")
    assert "#c-other" in links_in(drawn(actor_timeline(c, "KZ", here)))


@pytest.mark.parametrize(
    ("page", "url", "md"),
    [
        ("index.md", "actors/KZ/", "actors/KZ.md"),
        ("pairs/KZ-TR.md", "../../actors/KZ/", "../actors/KZ.md"),
        ("actors/index.md", "KZ/", "KZ.md"),
        ("actors/KZ.md", "./", "KZ.md"),
    ],
)
def test_links_are_final_urls_in_svg_and_markdown_links_in_text(
    page: str, url: str, md: str
) -> None:
    links = Links(page)
    assert links.actor("KZ") == url
    assert links.actor_md("KZ") == md


def test_links_to_the_same_page_are_anchors() -> None:
    links = Links("pairs/KZ-TR.md")
    c = small()
    assert links.claim(c.claims["c-year"]) == "#c-year"
    assert links.claim_md(c.claims["c-year"]) == "#c-year"
    assert links.claim(c.claims["c-other"]) == "../KZ-UA/#c-other"
    assert links.year(2024) == "#year-2024" and links.year(None) == "#undated"
    assert Links("index.md").pair(("KZ", "TR")) == "pairs/KZ-TR/"


# Many claims: bins.


def test_many_claims_are_counted_by_year_and_topic_linking_to_year_groups() -> None:
    c = at_scale()
    big = view(c, ("KZ", "TR"))
    assert len(big.claims) == 535
    picture = pair_timeline(c, big, Links("pairs/KZ-TR.md"))
    root = drawn(picture)
    assert not [e for e in root.iter() if e.get("class") in ("pic-box", "pic-day", "pic-pub")]
    years = {d.earliest.year for cl in big.claims if (d := c.claim_date(cl)) is not None}
    columns = links_in(root)
    assert set(columns) == {f"#year-{y}" for y in years}
    undated = sum(1 for cl in big.claims if c.claim_date(cl) is None)
    # The All row counts each year's claims: together, every claim drawn.
    (row,) = [
        g
        for g in root.iter("g")
        if g.get("class") == "pic-bins pic-all" and g.find("text") is not None
    ]
    assert len(row.findall("rect")) == len(columns)
    assert sum(int(t.text or "") for t in row.findall("text")) == 535 - undated
    caption = "".join(root.find("figcaption").itertext())  # type: ignore[union-attr]
    assert f"{535 - undated} claims" in caption and f"{undated} undated" in caption
    assert picture is not None and "| [2024](#year-2024) |" in picture.alternative


def _spread(count: int, per_year: int = 1) -> Corpus:
    """`count` claims of one topic, `per_year` in each year from 1900."""
    claims = [claim(f"c{i}", ("KZ", "TR"), "a", str(1900 + i // per_year)) for i in range(count)]
    return corpus(claims, [topic("a")])


def _is_binned(c: Corpus) -> bool:
    root = drawn(pair_timeline(c, c.pairs[0], Links("pairs/KZ-TR.md")))
    return all(href.startswith("#year-") for href in links_in(root))


def test_bins_take_over_past_the_limits() -> None:
    assert not _is_binned(_spread(MARKS_LIMIT))
    assert _is_binned(_spread(MARKS_LIMIT + 1))
    assert not _is_binned(_spread(LANES_LIMIT, per_year=LANES_LIMIT))
    assert _is_binned(_spread(LANES_LIMIT + 1, per_year=LANES_LIMIT + 1))


# Networks.


def test_briefing_graph_links_every_actor_and_pair_and_shapes_organisations() -> None:
    c = small()
    org = Actor("NATO", "North Atlantic Treaty Organization", "organization")
    c = corpus([*c.claims.values(), claim("n", ("NATO", "UA"), "a", "2020")],
               list(c.topics.values()), list(c.sources.values()), [org])  # fmt: skip
    root = drawn(briefing_graph(c, Links("index.md")))
    hrefs = links_in(root)
    assert {h for h in hrefs if h.startswith("actors/")} == {
        f"actors/{a}/" for a in ("KZ", "NATO", "TR", "UA")
    }
    assert {h for h in hrefs if h.startswith("pairs/")} == {
        "pairs/KZ-TR/", "pairs/KZ-UA/", "pairs/NATO-UA/"
    }  # fmt: skip
    assert shapes(hrefs["actors/NATO/"], "rect", "pic-node--organization")
    assert shapes(hrefs["actors/KZ/"], "circle", "pic-node--country")
    edge = hrefs["pairs/KZ-TR/"]
    (hit,) = shapes(edge, "line", "pic-hit")
    (line,) = shapes(edge, "line", "pic-edge")
    assert hit.get("stroke") == "transparent"
    assert float(hit.get("stroke-width", "")) > float(line.get("stroke-width", "")) + 2
    thin = shapes(hrefs["pairs/KZ-UA/"], "line", "pic-edge")[0]
    assert float(line.get("stroke-width", "")) > float(thin.get("stroke-width", ""))


def test_briefing_graph_at_scale_draws_a_bounded_cut_and_lists_every_pair() -> None:
    c = at_scale()
    assert (len(c.pairs_by_actor), len(c.pairs)) == (49, 1128)
    picture = briefing_graph(c, Links("index.md"))
    root = drawn(picture)
    hrefs = links_in(root)
    edges = {h for h in hrefs if h.startswith("pairs/")}
    assert len({h for h in hrefs if h.startswith("actors/")}) == 49
    assert len(edges) <= max(EDGE_LIMIT, PER_ACTOR * 49)
    for actor_id, views in c.pairs_by_actor.items():
        strongest = sorted(views, key=lambda v: (-len(v.claims), v.pair))[:PER_ACTOR]
        # Each actor keeps its strongest pairs, unless its partners' own took their place.
        assert any(f"pairs/{v.pair[0]}-{v.pair[1]}/" in edges for v in strongest), actor_id
    strongest = min(c.pairs, key=lambda v: (-len(v.claims), v.pair))
    assert f"pairs/{strongest.pair[0]}-{strongest.pair[1]}/" in edges
    caption = "".join(root.find("figcaption").itertext())  # type: ignore[union-attr]
    assert f"the other {1128 - len(edges):,} are in the table" in caption
    assert picture is not None
    rows = [line for line in picture.alternative.splitlines() if "](pairs/" in line]
    assert len(rows) == 1128
    assert sum(line.endswith("| yes |") for line in rows) == len(edges)


@pytest.mark.parametrize("make", [small, at_scale, twin_hubs], ids=["small", "scale", "hubs"])
def test_no_two_actors_are_drawn_on_top_of_each_other(make: Callable[[], Corpus]) -> None:
    root = drawn(briefing_graph(make(), Links("index.md")))
    nodes = []
    for a in links_in(root).values():
        for circle in shapes(a, "circle", "pic-node"):
            nodes.append(
                (
                    float(circle.get("cx", "")),
                    float(circle.get("cy", "")),
                    float(circle.get("r", "")),
                )
            )
        for square in shapes(a, "rect", "pic-node"):
            half = float(square.get("width", "")) / 2
            nodes.append(
                (float(square.get("x", "")) + half, float(square.get("y", "")) + half, half * 1.2)
            )
    assert len(nodes) == len(make().pairs_by_actor)
    for i, (x1, y1, r1) in enumerate(nodes):
        for x2, y2, r2 in nodes[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (r1 + r2) ** 2


def test_actor_graph_draws_the_strongest_partners_and_lists_the_rest() -> None:
    c = at_scale()
    partners = c.pairs_by_actor["KZ"]
    assert len(partners) > PARTNER_LIMIT
    picture = actor_graph(c, "KZ", Links("actors/KZ.md"))
    hrefs = links_in(drawn(picture))
    nodes = {h for h in hrefs if not h.startswith("../../pairs/")}
    assert len(nodes) == PARTNER_LIMIT + 1 and "./" in nodes
    edges = {h for h in hrefs if h.startswith("../../pairs/")}
    top = sorted(partners, key=lambda v: -len(v.claims))[:PARTNER_LIMIT]
    assert len(edges) == PARTNER_LIMIT
    assert min(len(v.claims) for v in top) >= max(
        len(v.claims) for v in partners if f"../../pairs/{v.pair[0]}-{v.pair[1]}/" not in edges
    )
    assert picture is not None
    rows = [line for line in picture.alternative.splitlines() if "](../pairs/" in line]
    assert len(rows) == len(partners)
    assert sum(line.endswith("| no |") for line in rows) == len(partners) - PARTNER_LIMIT


# Hostile strings, determinism, size.


def hostile() -> Corpus:
    evil = Actor("EVIL", "Evil " + SHORT, "organization")
    claims = [
        claim(f"evil-{i}", ("EVIL", "KZ"), "evil", str(2000 + i), statement="Statement " + payload)
        for i, payload in enumerate(PAYLOADS)
    ]
    return corpus(claims, [topic("evil", "Evil topic " + SHORT)], declared=[evil])


def _pictures(c: Corpus) -> list[Picture]:
    found = [
        pair_timeline(c, c.pairs[0], Links(f"pairs/{c.pairs[0].pair[0]}-{c.pairs[0].pair[1]}.md")),
        actor_timeline(c, "KZ", Links("actors/KZ.md")),
        briefing_graph(c, Links("index.md")),
        actor_graph(c, "KZ", Links("actors/KZ.md")),
    ]
    assert all(p is not None for p in found)
    return [p for p in found if p is not None]


def test_curator_strings_are_text_in_svg_and_markdown() -> None:
    for picture in _pictures(hostile()):
        root = drawn(picture)
        for element in root.iter():
            assert element.tag in ELEMENTS, element.tag
            assert not any(name.lower().startswith("on") for name in element.attrib)
            assert not (element.get("href") or "").lower().startswith(("javascript", "data"))
        tooltips = [t.text or "" for t in root.iter("title")]
        texts = " ".join(tooltips)
        for payload in PAYLOADS:
            if "Timeline" in picture.title:
                assert any(t.endswith("Statement " + " ".join(payload.split())) for t in tooltips)
        assert "Evil <script>window.__pwned = 1</script>" in texts
        html = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables"]).convert(
            picture.block()
        )
        assert "<script" not in html.replace("&lt;script", "")
        assert "<img" not in html and 'href="javascript' not in html


def test_same_corpus_same_bytes() -> None:
    first = [(p.markup, p.alternative) for p in _pictures(small())]
    assert first == [(p.markup, p.alternative) for p in _pictures(small())]


DIGEST = """
import hashlib, sys
sys.path[:0] = [sys.argv[1]]
from picture_corpus import scale_corpus
from generator.render.pictures import (
    Links, actor_graph, actor_timeline, briefing_graph, pair_timeline)
c = scale_corpus(pairs=300, big=200)
h = hashlib.sha256()
for p in [briefing_graph(c, Links("index.md")), actor_graph(c, "KZ", Links("actors/KZ.md")),
          actor_timeline(c, "KZ", Links("actors/KZ.md"))] + [
          pair_timeline(c, v, Links("pairs/x.md")) for v in c.pairs[:40]]:
    if p is not None:
        h.update(p.markup.encode() + p.alternative.encode())
print(h.hexdigest())
"""


def test_same_bytes_whatever_the_hash_seed() -> None:
    """Set and dict orders that depend on string hashing must not reach the output."""
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", DIGEST, str(Path(__file__).parent)],
            cwd=REPO, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_layout_is_the_same_on_every_machine() -> None:
    """Plain IEEE arithmetic: these coordinates are exact, not approximately right."""
    points = force_layout(4, [(0, 1, 1.0), (1, 2, 0.5), (2, 3, 0.25)], iterations=50)
    digest = hashlib.sha256(repr(points).encode()).hexdigest()
    assert digest == LAYOUT_DIGEST, points


LAYOUT_DIGEST = "c042dc35e32af20408c6732fca1da29205a562f7514356d63156207dd8c84a71"


def test_sizes_stay_reasonable_at_scale() -> None:
    c = at_scale()
    pictures = [
        pair_timeline(c, view(c, ("KZ", "TR")), Links("pairs/KZ-TR.md")),
        actor_timeline(c, "KZ", Links("actors/KZ.md")),
        briefing_graph(c, Links("index.md")),
        actor_graph(c, "KZ", Links("actors/KZ.md")),
    ]
    for picture in pictures:
        assert picture is not None
        assert len(picture.markup.encode()) < MARKUP_BOUND, picture.title
        assert len(picture.block().encode()) < WITH_ALTERNATIVE_BOUND, picture.title
