"""Taking the evidence away in a real browser, on both outputs: download a pair's claims,
switch a citation's format (with and without JavaScript), copy it, find the page's feed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import Browse, Output

pytestmark = pytest.mark.browser

PAIR = "pairs/KZ-TR/"
CITATION = "Kazakhstan – Türkiye. Briefings"  # then the build's date, when the build has one


def test_downloading_a_pairs_claims_gives_the_csv(browse: Browse, output: Output) -> None:
    page = browse.new_page(accept_downloads=True)
    page.goto(output.url(PAIR))
    link = page.locator("#_data ~ p a", has_text="CSV").first
    with page.expect_download() as info:
        link.click()
    download = info.value
    # Chromium names the file as the link's download attribute says over http; from disk
    # it keeps the file's own name.
    names = {"briefings-KZ-TR-claims.csv"} | ({"KZ-TR.csv"} if output.name == "file" else set())
    assert download.suggested_filename in names
    data = Path(download.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows and {(r["actor_a"], r["actor_b"]) for r in rows} == {("KZ", "TR")}
    assert any("ó" in r["source_title"] for r in rows)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_citation_formats_switch_and_stay_selectable(
    browse: Browse, output: Output, javascript: bool
) -> None:
    page = browse.new_page(java_script_enabled=javascript)
    page.goto(output.url(PAIR))
    tabs = page.locator("section.citation").first
    blocks = tabs.locator(".tabbed-block")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    assert blocks.nth(0).inner_text().startswith(CITATION)
    tabs.locator("label", has_text="BibTeX").click()
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    assert blocks.nth(1).inner_text().startswith("@misc{briefings-pair-KZ-TR,")
    tabs.locator("label", has_text="RIS").click()
    assert blocks.nth(2).inner_text().startswith("TY  - ELEC")
    # Selectable text: a reader can select the whole citation and copy it by hand.
    code = blocks.nth(2).locator("code")
    selected = code.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " getSelection().removeAllRanges(); getSelection().addRange(r);"
        " return getSelection().toString(); }"
    )
    assert selected.startswith("TY  - ELEC") and selected.rstrip().endswith("ER  -")


def test_copy_button_copies_the_citation(browse: Browse, http_output: Output) -> None:
    page = browse.new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(http_output.url(PAIR))
    block = page.locator("section.citation .tabbed-block").first
    block.hover()
    button = block.locator("button.md-code__button[data-md-type=copy], button.md-clipboard")
    button.first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(CITATION) and copied.rstrip().endswith("/pairs/KZ-TR/")


def test_the_page_names_its_feeds(browse: Browse, output: Output) -> None:
    page = browse.new_page()
    page.goto(output.url(PAIR))
    # Feed discovery reads the "alternate" token of rel (the theme's script would fetch a
    # sitemap beside a link whose rel is exactly "alternate": see overrides/main.html).
    feeds = page.locator('head link[rel~=alternate][type="application/atom+xml"]')
    titles = feeds.evaluate_all("els => els.map(e => e.title)")
    assert titles == ["Briefings: new claims", "Kazakhstan – Türkiye: new claims (Briefings)"]
    hrefs = feeds.evaluate_all("els => els.map(e => e.href)")
    for href in hrefs:
        response = page.request.get(href) if output.name == "http" else None
        if response is not None:
            assert response.ok and b"<feed" in response.body()
