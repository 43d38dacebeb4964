"""What a reader does, in a real browser, on both outputs: the hosted site over http and the
offline bundle from disk. Every request is recorded (see conftest.py): none may leave the
machine, none may fail.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from .conftest import REPO, Browse, Output

pytestmark = pytest.mark.browser

PAIR = "pairs/KZ-TR/"
PAIR_TITLE = "Kazakhstan – Türkiye"
SOURCE = "sources/001_a593577fb9b8170b/"

# Is the element on screen, below Material's sticky header, and not covered by anything?
IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  if (!(r.width > 0 && r.height > 0 && r.top >= top - 1 && r.bottom <= innerHeight + 1))
    return false;
  const line = el.getClientRects()[0];  // an inline element's first line box
  const hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
  return el === hit || el.contains(hit);
}"""


def test_search_for_anka_reaches_the_pair_page(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    search = page.locator("#bs-search-input")
    assert search.is_visible(), "the search box is missing"
    search.click()
    page.keyboard.type("Anka", delay=20)  # as a reader types
    # Each claim is a result; the second link of one leads to it on its pair page.
    hit = page.locator("#bs-search-results [role=option]").filter(
        has_text=f"On the pair page: {PAIR_TITLE}"
    )
    hit.first.wait_for(state="visible")
    href = hit.first.get_attribute("href") or ""
    claim = href.rsplit("#", 1)[-1]
    assert re.search(r"pairs/KZ-TR/(index\.html)?#kz-tr-", href), href
    hit.first.click()
    page.wait_for_url(lambda url: output.path_of(url) == PAIR)
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == PAIR_TITLE
    statement = page.locator(f"p.claim#{claim}")
    assert "Anka" in statement.inner_text()
    assert statement.evaluate("el => el.matches(':target')")


@pytest.mark.parametrize(
    ("pair", "claim", "source"),
    [
        # One passage, one claim.
        ("KZ-TR", "kz-tr-anka-production-2024", SOURCE),
        # A quote in two parts, the first shared with another claim (and linking to it).
        ("KZ-TR", "kz-tr-officer-training-1993-agreement", SOURCE),
        # A quote in two parts, the first shared with claims on four other pairs.
        ("KZ-TR", "kz-tr-anka-in-drone-fleet", SOURCE),
        # One passage six claims on six pairs share: it links to one of them, and to this
        # claim while it stands for it (the anchor names its pair in data-pair).
        ("UA-ZA", "ua-za-rivals-kazakh-arms-market", "sources/000_64255a36b834ab02/"),
    ],
)
def test_citation_leads_to_the_highlighted_passage_and_back(
    browse: Browse, output: Output, pair: str, claim: str, source: str
) -> None:
    page = browse.new_page()
    page.goto(output.url(f"pairs/{pair}/"))
    statement = page.locator(f"p.claim#{claim}")
    # The statement's footnote mark leads to the footnote: quote, translation, passage link.
    statement.locator(f'a.footnote-ref[href="#fn:{claim}"]').click()
    note = page.locator(f'li[id="fn:{claim}"]')
    assert page.evaluate("() => decodeURIComponent(location.hash)") == f"#fn:{claim}"
    assert note.locator("q").count() >= 1
    # As below: the browser may still be scrolling when the click returns.
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=note.element_handle())

    # The passage link opens the source at the cited passage, highlighted and in view.
    note.locator("a.passage-link").click()
    page.wait_for_url(lambda url: output.path_of(url) == source)
    assert page.url.endswith(f"#{claim}")
    page.wait_for_load_state("load")
    highlighted = page.locator("a.cited.is-target")
    assert highlighted.count() >= 1, "no passage is highlighted"
    first = highlighted.first
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=first.element_handle())
    style = first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert style == "rgb(255, 213, 79)", style
    assert first.evaluate("el => document.activeElement === el")
    # Every highlighted part is one of this claim's passages: right after its anchor or
    # linking back to it.
    hrefs = highlighted.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all(h.endswith(f"#{claim}") for h in hrefs), hrefs

    # From the highlight, back to the statement on the pair page.
    first.click()
    page.wait_for_url(lambda url: output.path_of(url) == f"pairs/{pair}/")
    assert page.url.endswith(f"#{claim}")
    back = page.locator(f"p.claim#{claim}")
    assert back.evaluate("el => el.matches(':target')")
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=back.element_handle())


def _seed_claims() -> list[tuple[str, str, str, list[str]]]:
    """(document id, claim id, pair slug, quote parts) of every claim in seeds/, read apart."""
    found = []
    for path in sorted((REPO / "seeds/annotations").glob("*.yml")):
        for claim in yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)["claims"]:
            parts = claim["quote"] if isinstance(claim["quote"], list) else [claim["quote"]]
            found.append((path.stem, claim["id"], "-".join(sorted(claim["pair"])), parts))
    return found


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_every_claim_highlights_exactly_its_whole_quote(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    claims = _seed_claims()
    assert len(claims) > 40
    for doc, claim, pair, parts in claims:
        page.goto(output.url(f"sources/{doc}/") + f"#{claim}")
        marked = page.locator("a.cited.is-target")
        texts = marked.evaluate_all("els => els.map(e => e.textContent)")
        got = _words("".join(texts))
        # Every part of the quote is marked, shared pieces included, and nothing else is.
        for part in parts:
            assert _words(part) in got, (claim, got)
        assert len(got) <= sum(len(_words(part)) + 1 for part in parts), (claim, got)
        # While it stands for this claim, every marked piece leads back to this claim.
        hrefs = set(marked.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
        assert len(hrefs) == 1 and hrefs.pop().endswith(
            f"{pair}/{'' if output.name == 'http' else 'index.html'}#{claim}"
        ), claim


def test_navigation_reaches_every_section(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))

    def follow(link: object, path: str) -> None:
        link.click()  # type: ignore[attr-defined]
        page.wait_for_url(lambda url: output.path_of(url) == path)

    content = page.locator(".md-content")
    follow(content.get_by_role("link", name=PAIR_TITLE, exact=True), PAIR)
    follow(page.locator(".pair-actors").get_by_role("link", name="Kazakhstan"), "actors/KZ/")
    follow(content.locator(".filterable a[href*='KZ-TR']").first, PAIR)  # the partners table
    follow(content.locator("a.passage-link").first, SOURCE)
    top = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
    for title, path in [
        ("Pairs", "pairs/"),
        ("Actors", "actors/"),
        ("Sources", "sources/"),
        ("Data", "data/"),
        ("Methodology", "methodology/"),
        ("Home", ""),
    ]:
        follow(top.filter(has_text=title).first, path)


def test_footnote_tooltip_shows_the_quote(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    page.locator('a.footnote-ref[href="#fn:kz-tr-recognition-1991"]').first.hover()
    tip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tip.wait_for(state="visible")
    assert "uznało niepodległość Kazachstanu" in tip.inner_text()


def test_missing_page_gets_the_404_page(browse: Browse, http_output: Output) -> None:
    page = browse.new_page()
    response = page.goto(http_output.url("no-such-page/"))
    assert response is not None and response.status == 404
    assert "404" in page.locator("article").inner_text()
    # Its styles and scripts load although it is served at another path.
    assert (
        page.evaluate(
            "() => !!document.querySelector('.md-header') && "
            "getComputedStyle(document.querySelector('.md-header')).position"
        )
        == "sticky"
    )


def test_print_pair_page(browse: Browse, output: Output, screenshots) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-search",
        ".bs-search",
        ".md-footer",
        ".md-top",
        ".md-content__button",
    ):
        for el in page.locator(chrome).all():
            assert not el.is_visible(), f"{chrome} is printed"
    # The filters are the screen's: the printed page has every claim, no control.
    assert page.locator(".claim-filters").count() == 1
    assert not page.locator(".claim-filters").is_visible()
    notes = page.locator(".footnote li")
    count = notes.count()
    assert count == page.locator("p.claim").count() > 10
    assert all(claim.is_visible() for claim in page.locator("p.claim").all())
    # Each source is described once, after the notes, and prints whole.
    entry = page.locator("li#source-001_a593577fb9b8170b")
    assert entry.is_visible() and "Polish (pl)" in entry.inner_text()
    # Every footnote prints whole: quote, translation and the passage's address as text.
    for note in notes.all():
        assert note.is_visible()
        assert note.locator("q").first.is_visible()
        box = note.locator("q").first.evaluate(
            "q => [q.scrollWidth <= q.clientWidth + 1 || getComputedStyle(q).display === "
            "'inline', getComputedStyle(q).textOverflow]"
        )
        assert box[0] and box[1] != "ellipsis"
        after = note.locator("a.passage-link").evaluate(
            "a => getComputedStyle(a, '::after').content"
        )
        # The hosted address of the passage, whichever output is printed.
        assert re.fullmatch(
            r'" <https?://[^ ]+/sources/001_a593577fb9b8170b/#kz-tr-[a-z0-9-]+>"', after
        ), after
    actor = page.locator(".pair-actors a").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert re.fullmatch(r'" <https?://[^ ]+/actors/KZ/>"', actor), actor
    # Footnote marks stay marks.
    ref = page.locator("a.footnote-ref").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert ref in ("none", "normal"), ref
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    (screenshots / f"pair-print-{output.name}.pdf").write_bytes(pdf)
    if output.name == "http":
        page.screenshot(path=screenshots / "pair-print.png", full_page=True)


def test_an_actor_page_draws_its_years_and_timeline_when_near_the_screen(
    browse: Browse, output: Output
) -> None:
    """An actor's year lists and timeline are laid out only near the screen
    (content-visibility), which keeps a large actor's page quick; they stay in the page, a
    year's address still lands on its heading, and print shows every one of them. A pair
    page's pictures are drawn at once."""
    page = browse.new_page()
    page.goto(output.url("actors/KZ/"))
    years = page.locator("p.year-partners")
    assert years.count() == page.locator("h3.claim-group").count() > 0
    skipped = "el => getComputedStyle(el).contentVisibility"
    assert {p.evaluate(skipped) for p in years.all()} == {"auto"}
    pictures = page.locator("figure.pic--timeline")
    assert pictures.count() == 1
    assert {f.evaluate(skipped) for f in pictures.all()} == {"auto"}
    # The network at the top is drawn at once, as is every picture of a pair page, whose
    # notes' links must land on their notes (heights above them are never estimates).
    assert page.locator("figure.pic--graph").evaluate(skipped) == "visible"
    # Still text of the page, and a year's address (the timeline's and the contents' links
    # lead there) lands on its heading with its partners under it, in view.
    last = years.last
    assert "Collective Security Treaty Organization" in last.text_content()
    heading = page.locator("h3.claim-group").last
    anchor = heading.get_attribute("id")
    page.goto(output.url("actors/KZ/") + f"#{anchor}")
    page.wait_for_timeout(300)
    assert heading.evaluate(IN_VIEW) and last.evaluate(IN_VIEW)
    page.emulate_media(media="print")
    assert {p.evaluate(skipped) for p in years.all()} == {"visible"}
    assert {f.evaluate(skipped) for f in pictures.all()} == {"visible"}
    page.emulate_media(media="screen")
    page.goto(output.url(PAIR))
    drawn = page.locator("figure.pic").evaluate_all(
        "els => els.map(el => getComputedStyle(el).contentVisibility)"
    )
    assert drawn and set(drawn) == {"visible"}
