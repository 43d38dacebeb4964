"""Search as a reader uses it, on both outputs (the hosted site over http, the offline bundle
from disk): what it finds, where its results lead, what it loads and when, the keyboard.

Every request is recorded (conftest.py): none may leave the machine, none may fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import REPO, Browse, Output

pytestmark = pytest.mark.browser

TAGALOG = "sources/000_64255a36b834ab02/"
POLISH = "sources/001_a593577fb9b8170b/"
ANKA_2024 = "kz-tr-anka-production-2024"
FOLDING = json.loads((REPO / "tests/fixtures/search/folding.json").read_text("utf-8"))

BOX = "#bs-search-input"
OPTIONS = "#bs-search-results [role=option]"
SHOWN = """q => { const list = document.querySelector('#bs-search-results');
  return list && list.getAttribute('data-query') === q; }"""
IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return r.height > 0 && r.top >= top - 1 && r.bottom <= innerHeight + 1;
}"""


def search(page: object, query: str) -> object:
    """Type a query into the box as a reader does; return its result options once shown."""
    page.locator(BOX).click()  # type: ignore[attr-defined]
    page.keyboard.type(query, delay=15)  # type: ignore[attr-defined]
    page.wait_for_function(SHOWN, arg=query)  # type: ignore[attr-defined]
    return page.locator(OPTIONS)  # type: ignore[attr-defined]


def hrefs(options: object) -> list[str]:
    return options.evaluate_all("els => els.map(e => e.getAttribute('href'))")  # type: ignore[attr-defined]


def page_link(output: Output, page: str, anchor: str) -> str:
    """A result's link, as each output needs it."""
    return output.url(page) + f"#{anchor}"


def search_requests(browse: Browse) -> list[str]:
    return [u.rsplit("/search/", 1)[1] for u in browse.requests.seen if "/search/" in u]


def test_nothing_of_search_loads_before_the_box_is_used(browse: Browse, output: Output) -> None:
    for path in ("", "pairs/KZ-TR/", POLISH, "actors/KZ/", "methodology/"):
        page = browse.new_page()
        page.goto(output.url(path))
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert page.locator(BOX).is_visible(), path
    # Each page loaded the box's script, and nothing else of search.
    assert set(search_requests(browse)) == {"search.js"}
    page.locator(BOX).focus()
    page.wait_for_function("() => !!(window.briefingsSearch && window.briefingsSearch.load)")
    page.wait_for_function(
        "() => document.querySelector('.bs-search__status').textContent !== 'Loading search…'"
    )
    # Using the box loads the engine and the manifest; terms and results wait for a query.
    assert set(search_requests(browse)) == {"search.js", "engine.js", "manifest.js"}
    search(page, "Anka")
    loaded = set(search_requests(browse))
    assert any(u.startswith("terms/") for u in loaded), loaded
    assert any(u.startswith("entries/") for u in loaded), loaded


def test_a_statement_finds_its_claim_and_lands_on_its_passage(
    browse: Browse, output: Output
) -> None:
    page = browse.new_page()
    page.goto(output.url("pairs/"))
    options = search(page, "Ministry of Defence confirmed earlier reports")
    first = options.first
    assert first.get_attribute("href") == page_link(output, POLISH, ANKA_2024)
    marked = first.locator(".bs-result__title mark").all_inner_texts()
    assert set(marked) == {"Ministry", "of", "Defence", "confirmed", "earlier", "reports"}
    # The result shows the pair and date, then the statement, quote and translation.
    assert first.locator(".bs-result__meta").inner_text() == "Kazakhstan – Türkiye · 2024"
    assert first.locator(".bs-result__quote").get_attribute("lang") == "pl"
    assert "bezzałogowych" in first.locator(".bs-result__quote").inner_text()
    assert "unmanned aerial vehicles" in first.locator(".bs-result__text").inner_text()
    first.click()
    page.wait_for_url(lambda url: output.path_of(url) == POLISH)
    assert page.url.endswith(f"#{ANKA_2024}")
    page.wait_for_load_state("load")
    passage = page.locator("a.cited.is-target")
    assert passage.count() >= 1, "no passage is highlighted"
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=passage.first.element_handle())
    texts = " ".join(passage.all_inner_texts())
    assert "bezzałogowych statków powietrznych (UAV) Anka" in texts


@pytest.mark.parametrize("typed", ["bezzalogowych", "bezzałogowych", "BEZZAŁOGOWYCH", "bezzał"])
def test_a_word_of_a_polish_quote_finds_the_claim(
    browse: Browse, output: Output, typed: str
) -> None:
    """Typed with or without ł, in capitals, or its first letters while typing."""
    page = browse.new_page()
    page.goto(output.url(""))
    options = search(page, typed)
    links = hrefs(options)
    assert page_link(output, POLISH, ANKA_2024) in links, links
    claim = options.filter(has=page.locator(".bs-result__quote mark", has_text="bezzałogowych"))
    assert claim.count() >= 1
    # Statements and quotes rank before the source's own paragraph holding the word.
    passages = [i for i, h in enumerate(links) if "#_p" in h]
    claims = [i for i, h in enumerate(links) if f"#{ANKA_2024}" in h]
    assert passages and claims and max(claims) < min(passages), links


def test_a_word_of_the_tagalog_source_text_lands_on_its_paragraph(
    browse: Browse, output: Output
) -> None:
    """A word no claim quotes ("Paalala": experts recall): the passage is the result."""
    page = browse.new_page()
    page.goto(output.url(""))
    options = search(page, "paalala")
    assert hrefs(options) == [page_link(output, TAGALOG, "_p6")]
    result = options.first
    assert result.locator(".bs-result__quote").get_attribute("lang") == "tl"
    assert result.locator("mark").all_inner_texts() == ["Paalala"]
    result.click()
    page.wait_for_url(lambda url: output.path_of(url) == TAGALOG)
    assert page.url.endswith("#_p6")
    paragraph = page.locator("p#_p6")
    assert paragraph.inner_text().startswith("Paalala ng mga eksperto")
    assert paragraph.evaluate("el => el.matches(':target')")
    background = paragraph.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=paragraph.element_handle())


def test_a_word_of_a_tagalog_quote_finds_every_claim_quoting_it(
    browse: Browse, output: Output
) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    links = hrefs(search(page, "kakumpitensya"))
    for claim in (
        "kz-ru-rival-supplier-kazakh-arms-market",
        "il-kz-rival-supplier-kazakh-arms-market",
        "ru-ua-rivals-kazakh-arms-market",
        "ua-za-rivals-kazakh-arms-market",
    ):
        assert page_link(output, TAGALOG, claim) in links, claim
        slug = "-".join(sorted(claim.split("-")[:2])).upper()
        assert page_link(output, f"pairs/{slug}/", claim) in links, claim


@pytest.mark.parametrize("typed", ["Turkiye", "türkiye", "TURKIYE"])
def test_a_name_typed_without_its_accents_finds_it(
    browse: Browse, output: Output, typed: str
) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    options = search(page, typed)
    links = hrefs(options)
    # The pages titled with it come first: the pair's and the actor's.
    assert set(links[:3]) >= {output.url("pairs/KZ-TR/"), output.url("actors/TR/")}, links[:3]
    assert page_link(output, POLISH, "kz-tr-naval-shipbuilding-agreement-2023-07") in links
    assert "Türkiye" in options.locator("mark").all_inner_texts()


def test_the_claim_result_also_leads_to_its_pair_page(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(POLISH))
    options = search(page, "Anka coproduction agreement")
    second = options.filter(has_text="On the pair page: Kazakhstan – Türkiye").first
    claim = "kz-tr-anka-coproduction-agreement-2022-05"
    assert second.get_attribute("href") == page_link(output, "pairs/KZ-TR/", claim)
    second.click()
    page.wait_for_url(lambda url: output.path_of(url) == "pairs/KZ-TR/")
    statement = page.locator(f"p.claim#{claim}")
    assert statement.evaluate("el => el.matches(':target')")
    page.wait_for_function(f"el => ({IN_VIEW})(el)", arg=statement.element_handle())


def test_the_keyboard_reaches_every_result(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url("actors/"))
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "bs-search-input"
    page.keyboard.type("Anka", delay=15)
    page.wait_for_function(SHOWN, arg="Anka")
    box = page.locator(BOX)
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator(OPTIONS)
    assert options.count() >= 4
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == options.nth(1).get_attribute("id")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    # Escape closes the results; again, it empties the box.
    page.keyboard.press("Escape")
    assert page.locator(".bs-search__panel").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    assert page.locator(".bs-search__panel").is_visible()
    target = options.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_escape_twice_empties_the_box(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    search(page, "Anka")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.locator(BOX).input_value() == ""
    assert page.evaluate("() => document.activeElement.id") != "bs-search-input"
    # "/" in a field is a character, not the shortcut.
    page.locator(BOX).focus()
    page.keyboard.type("a/b")
    assert page.locator(BOX).input_value() == "a/b"


def test_search_works_from_disk_with_the_network_off(browse: Browse, file_output: Output) -> None:
    page = browse.new_page(offline=True)
    page.goto(file_output.url(""))
    links = hrefs(search(page, "bezzalogowych"))
    assert page_link(file_output, POLISH, ANKA_2024) in links


def test_no_result_has_every_word_then_the_closest(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    options = search(page, "Anka zzyzx ")
    status = page.locator(".bs-search__status").inner_text()
    assert status.startswith("No result has all 2 words"), status
    assert page_link(output, POLISH, ANKA_2024) in hrefs(options)
    search_again = page.locator(BOX)
    search_again.fill("zzyzx")
    page.wait_for_function(SHOWN, arg="zzyzx")
    assert page.locator(OPTIONS).count() == 0
    assert page.locator(".bs-search__status").inner_text() == "No results for “zzyzx”."


def test_more_results_on_request(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    options = search(page, "Kazakhstan")
    first = options.count()
    status = page.locator(".bs-search__status").inner_text()
    total = int(re.match(r"(\d+) results", status).group(1))  # type: ignore[union-attr]
    assert total > 10 and "the first 10 shown" in status
    page.locator(".bs-search__more").click()
    page.wait_for_function(f"n => document.querySelectorAll('{OPTIONS}').length > n", arg=first)
    assert len(set(hrefs(page.locator(OPTIONS)))) > first


def test_folding_in_the_browser_matches_the_shared_table(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(""))
    got = page.evaluate(
        """cases => window.briefingsSearch.load('engine').then(engine =>
            cases.map(c => [engine.fold(c.text), engine.terms(c.text)]))""",
        FOLDING,
    )
    for case, (folded, terms) in zip(FOLDING, got, strict=True):
        assert (folded, terms) == (case["fold"], case["terms"]), case["why"]


def test_the_box_moves_nothing_as_the_page_loads(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.context.add_init_script(
        """window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(e =>
            window.__shifts.push(e.value))).observe({type: 'layout-shift', buffered: true});"""
    )
    page.goto(output.url("pairs/KZ-TR/"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__shifts") == []
    header = page.locator(".md-header").bounding_box()
    box = page.locator(BOX).bounding_box()
    assert (
        header
        and box
        and header["y"] <= box["y"]
        and box["y"] + box["height"] <= (header["y"] + header["height"])
    )


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_results_are_accessible_in_both_palettes(
    browse: Browse, output: Output, palette: str, axe_source: str, screenshots: Path
) -> None:
    page = browse.new_page(color_scheme=palette)
    page.goto(output.url(""))
    search(page, "Anka")
    page.keyboard.press("ArrowDown")
    panel = page.locator(".bs-search__panel")
    colours = panel.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(document.body)"
        ".backgroundColor, getComputedStyle(el).color]"
    )
    assert colours[0] == colours[1], colours  # the page's own background, light or dark
    if output.name == "http":
        page.screenshot(path=screenshots / f"search-{palette}.png")
    page.evaluate(axe_source)
    violations = page.evaluate(
        "() => axe.run('.bs-search', {resultTypes: ['violations'], preload: false})"
        ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.help))"
    )
    assert violations == []


def test_on_a_narrow_screen_the_box_is_an_icon_until_used(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(output.url("pairs/KZ-TR/"))
    box = page.locator(BOX)
    icon = box.bounding_box()
    drawer = page.locator("label.md-header__button[for=__drawer]").bounding_box()
    assert icon and drawer and icon["width"] < 50
    assert icon["x"] > drawer["x"] + drawer["width"], (icon, drawer)  # beside, not over it
    search(page, "Turkiye")
    opened = box.bounding_box()
    assert opened and opened["width"] > 300
    panel = page.locator(".bs-search__panel").bounding_box()
    assert panel and panel["width"] >= 380 and panel["x"] <= 5


def test_files_of_another_build_are_refused(browse: Browse, output: Output) -> None:
    """A browser holding a manifest of one build and shards of another says so."""
    page = browse.new_page()
    page.goto(output.url(""))
    refused = page.evaluate(
        """async () => {
            const api = window.briefingsSearch;
            const engine = await api.load('engine');
            const manifest = await api.load('manifest');
            const index = new engine.Index(Object.assign({}, manifest, {build: 'another'}));
            try { await index.search('Anka'); return 'searched'; }
            catch (error) { return error.message; }
        }"""
    )
    assert "reload the page" in refused
    status = page.evaluate(
        """async () => {
            const api = window.briefingsSearch;
            const engine = await api.load('engine');
            const status = document.createElement('p');
            const ui = {status: status, open: () => {}};
            return [engine.attach(ui, {format: 0}), status.textContent];
        }"""
    )
    assert status[0] is None and "reload the page" in status[1]
