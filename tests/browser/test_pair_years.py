"""A long pair's pages in the browser (seeds with conftest.add_long_pair): the pair's page
leads to pages of some years each, and a citation, a timeline mark, a search result and an
address saved before each land on the claim on its page, over http and from disk."""

from __future__ import annotations

import pytest

from .conftest import Browse, Output
from .test_search import IN_VIEW, page_link, search

pytestmark = pytest.mark.browser

PAIR = "pairs/KZ-TR/"
# Claim n of add_long_pair is dated 2000 + 3n mod 25 (undated when n mod 7 is 3).
CLAIM, YEAR = "long-pair-18", "2004"


def part_of(output: Output, claim: str) -> tuple[str, list[str]]:
    """The part (`2003-2008`) whose page lists a claim, and all the parts in order."""
    folders = sorted(p.parent for p in (output.root / PAIR).glob("*/index.html"))
    parts = [f.name for f in folders]
    parts = sorted((p for p in parts if p != "undated"), key=lambda p: int(p[:4])) + ["undated"]
    found = [f.name for f in folders if f'id="{claim}"' in (f / "index.html").read_text("utf-8")]
    assert len(found) == 1, found
    return found[0], parts


def in_view(page: object, element: object) -> None:
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=element.element_handle())  # type: ignore[attr-defined]


def lands_on_claim(page: object, output: Output, part: str) -> None:
    """The page of `part` opened at CLAIM: its statement is the target, and in view."""
    page.wait_for_url(lambda url: output.path_of(url) == f"{PAIR}{part}/")  # type: ignore[attr-defined]
    assert page.url.endswith(f"#{CLAIM}")  # type: ignore[attr-defined]
    statement = page.locator(f"p.claim#{CLAIM}")  # type: ignore[attr-defined]
    assert statement.evaluate("el => el.matches(':target')")
    in_view(page, statement)


def test_the_pair_page_leads_to_each_part_and_back(browse: Browse, long_output: Output) -> None:
    part, parts = part_of(long_output, CLAIM)
    page = browse.new_page()
    page.goto(long_output.url(PAIR))
    assert page.locator("p.claim").count() == 0
    links = page.locator("#_claims ~ ul").first.locator("a")
    assert links.count() == len(parts)
    label = part.replace("-", "\u2013")
    page.locator("#_claims ~ ul a", has_text=label).first.click()
    page.wait_for_url(lambda url: long_output.path_of(url) == f"{PAIR}{part}/")
    claims = page.locator("p.claim")
    assert claims.count() >= 1
    first, _, last = part.partition("-")
    years = set(claims.evaluate_all("els => els.map(e => e.dataset.year)"))
    assert YEAR in years and min(years) == first and max(years) == (last or first)
    # The part's page names the parts before and after it, and leads back.
    at = parts.index(part)
    near = [parts[i] for i in (at - 1, at + 1) if 0 <= i < len(parts)]
    assert near
    for other in near:
        name = other.replace("-", "\u2013").capitalize()
        assert page.locator(".pair-actors a", has_text=name).count() == 1
    page.locator(".pair-actors a", has_text="the pair's summary").click()
    page.wait_for_url(lambda url: long_output.path_of(url) == PAIR)


def test_a_citation_on_a_year_page_lands_on_its_note_and_back(
    browse: Browse, long_output: Output
) -> None:
    part, _ = part_of(long_output, CLAIM)
    page = browse.new_page()
    page.goto(long_output.url(f"{PAIR}{part}/"))
    statement = page.locator(f"p.claim#{CLAIM}")
    statement.locator(f'a.footnote-ref[href="#fn:{CLAIM}"]').click()
    note = page.locator(f'li[id="fn:{CLAIM}"]')
    in_view(page, note)
    note.locator("a.passage-link").click()
    page.wait_for_url(lambda url: long_output.path_of(url) == "sources/900_long_pair/")
    page.wait_for_load_state("load")
    highlighted = page.locator("a.cited.is-target")
    assert highlighted.count() == 1
    in_view(page, highlighted.first)
    # From the passage back to the claim, on its page of years.
    highlighted.first.click()
    lands_on_claim(page, long_output, part)


def test_a_timeline_mark_or_year_leads_to_the_page_of_its_year(
    browse: Browse, long_output: Output
) -> None:
    part, parts = part_of(long_output, CLAIM)
    page = browse.new_page()
    page.goto(long_output.url(PAIR))
    links = page.locator("figure.pic--timeline svg a")
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.split("/")[0] in parts for h in hrefs), hrefs
    # 84 claims are counted per year (bins): each year leads to its heading on its page.
    target = next(h for h in hrefs if h.split("/")[0] == part and h.endswith(f"#year-{YEAR}"))
    page.locator(f'figure.pic--timeline svg a[href="{target}"]').first.dispatch_event("click")
    page.wait_for_url(lambda url: long_output.path_of(url) == f"{PAIR}{part}/")
    assert page.url.endswith(f"#year-{YEAR}")
    in_view(page, page.locator(f"#year-{YEAR}"))


def test_a_search_result_leads_to_the_claim_on_its_year_page(
    browse: Browse, long_output: Output
) -> None:
    part, _ = part_of(long_output, CLAIM)
    page = browse.new_page()
    page.goto(long_output.url(""))
    options = search(page, "joint plant number 18")
    label = part.replace("-", "\u2013")
    second = options.filter(has_text=f"On the pair page: Kazakhstan – Türkiye, {label}").first
    assert second.get_attribute("href") == page_link(long_output, f"{PAIR}{part}/", CLAIM)
    second.click()
    lands_on_claim(page, long_output, part)


def test_an_address_of_a_claim_on_the_pair_page_still_leads_to_it(
    browse: Browse, long_output: Output
) -> None:
    """A link saved while the pair listed every claim on its own page (`pairs/KZ-TR/#id`)."""
    part, _ = part_of(long_output, CLAIM)
    page = browse.new_page()
    page.goto(long_output.url(PAIR) + f"#{CLAIM}")
    lands_on_claim(page, long_output, part)
    # An anchor the pair's page has itself stays there.
    page.goto(long_output.url(PAIR) + "#_overview")
    page.wait_for_load_state("load")
    assert long_output.path_of(page.url) == PAIR
