"""Long lists a reader narrows in the page: a pair's claims by topic, source and year, the
index pages' tables by words; the year groups in the table of contents; notes that lead to
the list of sources. On both outputs (http and file://), and without JavaScript.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import Browse, Output

pytestmark = pytest.mark.browser

PAIR = "pairs/KZ-TR/"
POLISH = "001_a593577fb9b8170b"


def visible_claims(page: object) -> list[str]:
    return page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('p.claim')].filter(p => p.offsetParent !== null)"
        ".map(p => p.id)"
    )


def visible_groups(page: object) -> list[str]:
    return page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('h3.claim-group')]"
        ".filter(h => h.offsetParent !== null).map(h => h.id)"
    )


def claims_where(page: object, key: str, value: str) -> list[str]:
    return page.evaluate(  # type: ignore[attr-defined]
        f"() => [...document.querySelectorAll('p.claim[data-{key}=\"{value}\"]')].map(p => p.id)"
    )


def test_claims_filter_by_topic_source_and_year(
    browse: Browse, output: Output, screenshots: Path
) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    every = visible_claims(page)
    assert len(every) == 20
    form = page.get_by_role("form", name="Filter the claims")
    status = form.get_by_role("status")
    assert status.inner_text() == "Showing all 20 claims."
    # A page as loaded is left as it is: notes are numbered only once a filter hides some
    # (on a pair page of 500 claims that saves a quarter of a second of every load).
    assert page.evaluate("() => document.querySelectorAll('.footnote li[value]').length") == 0

    # By topic: the labelled select, operated from the keyboard.
    topic = form.get_by_label("Topic")
    topic.focus()
    page.keyboard.press("ArrowDown")  # the first topic: the most frequent one
    coproduction = claims_where(page, "topic", topic.input_value())
    assert topic.input_value() == "co-production" and len(coproduction) == 7
    assert visible_claims(page) == coproduction
    assert status.inner_text() == "Showing 7 of 20 claims."
    assert "Co-production (7)" in topic.locator("option:checked").inner_text()
    # Year groups with nothing left to show are hidden with their claims.
    years = {page.locator(f"#{c}").get_attribute("data-year") for c in coproduction}
    assert {g.removeprefix("year-") for g in visible_groups(page)} == years

    # And by year, on top of the topic.
    form.get_by_label("Year").select_option("2023")
    both = [c for c in coproduction if page.locator(f"#{c}").get_attribute("data-year") == "2023"]
    assert visible_claims(page) == both and 0 < len(both) < len(coproduction)
    assert visible_groups(page) == ["year-2023"]
    if output.name == "http":
        page.screenshot(path=screenshots / "pair-filtered.png", full_page=False)

    # "Show all" puts everything back.
    form.get_by_role("button", name="Show all").click()
    page.wait_for_function("() => !document.querySelector('p.claim[hidden]')")
    assert visible_claims(page) == every
    assert status.inner_text() == "Showing all 20 claims."

    # By source: the options name each source by its short label, with its count.
    page.goto(output.url("pairs/RU-UA/"))
    form = page.get_by_role("form", name="Filter the claims")
    source = form.get_by_label("Source")
    labels = source.locator("option").all_inner_texts()
    assert labels[0] == "All sources" and len(labels) == 3
    assert any(label.startswith("Kazakhstan and Türkiye make progress") for label in labels)
    source.select_option(POLISH)
    polish = claims_where(page, "source", POLISH)
    assert visible_claims(page) == polish and 0 < len(polish) < 5
    # Only their notes stay, with their numbers, and only the source they cite.
    notes = page.evaluate(
        "() => [...document.querySelectorAll('.footnote li')].filter(li => li.offsetParent)"
        ".map(li => [li.id.slice(3), li.value])"
    )
    marks = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('p.claim')]"
        ".map(p => [p.id, +p.querySelector('a.footnote-ref').textContent]))"
    )
    assert [claim for claim, _ in notes] == sorted(polish, key=lambda c: marks[c])
    assert all(number == marks[claim] for claim, number in notes)
    entries = page.locator('li[id^="source-"]')
    assert [e.get_attribute("id") for e in entries.all() if e.is_visible()] == [f"source-{POLISH}"]
    assert entries.count() == 2


def test_a_link_to_a_hidden_year_or_claim_shows_it(browse: Browse, output: Output) -> None:
    """The timeline links to #year-YYYY and source pages to #claim-id: filters give way."""
    page = browse.new_page()
    page.goto(output.url(PAIR))
    form = page.get_by_role("form", name="Filter the claims")
    form.get_by_label("Year").select_option("2013")
    assert visible_groups(page) == ["year-2013"]
    # The table of contents lists every year; following it to a hidden one shows it.
    toc = page.get_by_role("navigation", name="Table of contents")
    assert toc.get_by_role("link", name="1991", exact=True).count() == 1
    toc.get_by_role("link", name="1991", exact=True).click()
    page.wait_for_function("() => document.getElementById('year-1991').offsetParent !== null")
    assert page.get_by_label("Year").input_value() == ""
    assert len(visible_claims(page)) == 20
    # So does a link from elsewhere, straight to a claim.
    page.get_by_label("Topic").select_option("training")
    page.goto(output.url(PAIR) + "#kz-tr-joint-venture-agreement-2011")
    page.wait_for_load_state("load")
    claim = page.locator("#kz-tr-joint-venture-agreement-2011")
    assert claim.is_visible()


def test_year_groups_are_in_the_table_of_contents(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    toc = page.locator(".md-sidebar--secondary nav a.md-nav__link")
    names = [t.strip() for t in toc.all_inner_texts()]
    years = [n for n in names if re.fullmatch(r"[0-9]{4}", n)]
    assert years == sorted(years) and years[0] == "1991" and years[-1] == "2024"
    assert names[:3] == ["Summary", "Overview", "Claims"]
    assert names[-4:] == ["Notes", "Sources", "Data and citation", "Cite this page"]
    page.goto(output.url("pairs/KZ-UA/"))
    toc = page.get_by_role("navigation", name="Table of contents")
    assert toc.get_by_role("link", name="Undated", exact=True).get_attribute("href") == "#undated"


def test_a_note_leads_to_its_source_in_the_list_of_sources(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    note = page.locator('li[id="fn:kz-tr-recognition-1991"]')
    label = note.locator(f'a[href="#source-{POLISH}"]')
    shown = label.inner_text()
    assert re.fullmatch(r"Kazakhstan and Türkiye make progress in expanding.*, 2023\?", shown)
    label.click()
    entry = page.locator(f"li#source-{POLISH}")
    page.wait_for_function(f"() => location.hash === '#source-{POLISH}'")
    assert entry.evaluate("el => el.matches(':target')")
    text = entry.inner_text()
    assert "Kazachstan i Turcja z postępami w rozszerzaniu współpracy wojskowej" in text
    assert "publication date inferred: 28 November – December 2023 (uncertain)" in text
    assert "Polish (pl)" in text
    entry.get_by_role("link", name="Full text").click()
    page.wait_for_url(lambda url: output.path_of(url) == f"sources/{POLISH}/")
    assert "How the date was inferred" in page.locator("article").inner_text()


@pytest.mark.parametrize(
    ("path", "word", "expected"),
    [
        ("actors/", "turk", ["Türkiye"]),
        ("pairs/index/KZ/", "ukr", ["Kazakhstan – Ukraine"]),
        ("sources/", "tagalog", ["undated"]),
        ("pairs/", "organi", ["Collective Security Treaty", "North Atlantic Treaty"]),
    ],
)
def test_index_lists_filter_by_words(
    browse: Browse, output: Output, path: str, word: str, expected: list[str]
) -> None:
    page = browse.new_page()
    page.goto(output.url(path))
    rows = page.locator(".filterable tbody tr")
    total = rows.count()
    box = page.get_by_role("searchbox", name="Filter this list")
    box.fill(word)
    shown = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert len(shown) == len(expected), shown
    for row, text in zip(shown, expected, strict=True):
        assert text in row
    status = page.locator(".list-filter").get_by_role("status")
    assert status.inner_text() == f"{len(expected)} of {total} shown."
    box.fill("")
    assert sum(1 for r in rows.all() if r.is_visible()) == total


def test_without_javascript_every_claim_and_row_is_there(browse: Browse, output: Output) -> None:
    page = browse.new_page(java_script_enabled=False)
    page.goto(output.url(PAIR))
    assert page.locator(".claim-filters, .list-filter").count() == 0
    claims = page.locator("p.claim")
    assert claims.count() == 20
    assert all(c.is_visible() for c in claims.all())
    assert page.locator("h3.claim-group").count() == 9
    page.goto(output.url("actors/"))
    assert page.locator(".list-filter").count() == 0
    rows = page.locator(".filterable tbody tr")
    assert rows.count() == 13 and all(r.is_visible() for r in rows.all())
