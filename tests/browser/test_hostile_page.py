"""A site built from a deliberately hostile corpus, read in a real browser: every payload
shows as the characters typed, no script of a contributor runs, nothing is requested.

The corpus (tests/hostile.py) puts <script>, event handlers, javascript: and data: URLs,
images, raw HTML, Markdown, footnote, attribute-list and Jinja syntax into every curator
string. Each payload that ran would set window.__pwned; each that loaded would request a
file from 127.0.0.9, which is not the test's server.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import briefings
from hostile import PAYLOADS, make_hostile_project

from .conftest import Browse, Output, serve

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "pairs/",
    "pairs/EVIL-KZ/",
    "sources/",
    "sources/evil/",
    "actors/",
    "actors/EVIL/",
    "actors/KZ/",
]
NO_SCRIPT_RAN = "() => typeof window.__pwned === 'undefined'"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile-browser") / "project")
    run = briefings(project, "build")
    assert run.code == 0, run.err
    return project


@pytest.fixture(scope="module", params=["http", "file"])
def hostile_output(
    request: pytest.FixtureRequest, hostile_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Output]:
    """The hostile site over http, and its offline bundle unzipped and opened from disk."""
    if request.param == "http":
        with serve(hostile_project / "site") as output:
            yield output
        return
    (bundle,) = (hostile_project / "dist").glob("*-offline.zip")
    target = tmp_path_factory.mktemp("hostile-unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)
    (root,) = [p for p in target.iterdir() if p.is_dir()]
    yield Output("file", root.as_uri() + "/", root)


def typed(payload: str) -> str:
    return " ".join(payload.split())


def shown(page: object) -> str:
    """The article's text as the reader sees it, white space collapsed."""
    return " ".join(page.locator("article").inner_text().split())  # type: ignore[attr-defined]


def test_no_contributor_script_runs_and_nothing_is_requested(
    browse: Browse, hostile_output: Output
) -> None:
    dialogs: list[str] = []
    for path in PAGES:
        page = browse.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_output.url(path))
        page.wait_for_load_state("load")
        assert page.evaluate(NO_SCRIPT_RAN), f"a payload ran on {path or 'home'}"
        # Only the theme's own scripts, and none inside the content.
        assert (
            page.locator(
                "article script, article img, article iframe, "
                "article object, article embed, article style"
            ).count()
            == 0
        ), path
        handlers = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .flatMap(el => [...el.attributes].map(a => a.name))
            .filter(name => name.startsWith('on'))""")
        assert handlers == [], (path, handlers)
        links = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
            .map(a => a.getAttribute('href'))
            .filter(h => /^\\s*(javascript|data|vbscript):/i.test(h))""")
        assert links == [], (path, links)
    assert dialogs == []
    # Every request went to the site itself: nothing to 127.0.0.9, nothing elsewhere.
    assert browse.requests.seen
    foreign = [
        u
        for u in browse.requests.seen
        if not u.startswith(hostile_output.base) and not u.startswith(("data:", "blob:", "about:"))
    ]
    assert foreign == [], foreign


def test_payloads_read_as_typed(browse: Browse, hostile_output: Output, screenshots: Path) -> None:
    page = browse.new_page()
    page.goto(hostile_output.url("pairs/EVIL-KZ/"))
    pair = shown(page)
    for payload in PAYLOADS:
        assert f"Statement {typed(payload)}" in pair, payload
        assert f"Translation {typed(payload)}" in pair, payload
    # The summary's Markdown works, its tricks show as text.
    assert page.locator("#_summary + p em").inner_text() == "emphasis"
    assert page.locator('#_summary + p a[href="https://example.org/"]').count() == 1
    assert '{: onclick="window.__pwned=8" }' in pair
    # The top of the page, for a reviewer: every payload on it reads as plain text.
    page.screenshot(path=str(screenshots / f"hostile-pair-{hostile_output.name}.png"))

    page = browse.new_page()
    page.goto(hostile_output.url("sources/evil/"))
    source = shown(page)
    for payload in PAYLOADS:
        assert typed(payload) in source, payload
    # The document's own lines that look like Markdown stay lines of text.
    for line in ("# Heading?", "1. list?", "> quote?", "code?"):
        assert line in source, line
    assert page.evaluate(NO_SCRIPT_RAN)


def test_search_results_show_payloads_as_text(browse: Browse, hostile_output: Output) -> None:
    page = browse.new_page()
    page.goto(hostile_output.url(""))
    page.locator("#bs-search-input").click()
    page.keyboard.type("Evil", delay=20)  # in actor, topic and pair names
    page.wait_for_function(
        "() => document.querySelector('#bs-search-results').getAttribute('data-query') === 'Evil'"
    )
    results = page.locator("#bs-search-results [role=option]")
    assert results.count() >= 1
    panel = page.locator(".bs-search__panel")
    assert panel.locator("script, img, iframe, object, embed, style").count() == 0
    shown = " ".join(panel.inner_text().split())
    assert "window.__pwned" in shown
    # Every result links into the site: the payloads' javascript: and data: URLs are text.
    for href in results.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert href.startswith(hostile_output.base), href
    # Each payload, searched for, shows as the characters typed, in a statement.
    for payload in PAYLOADS:
        box = page.locator("#bs-search-input")
        box.fill(payload)
        page.wait_for_function(
            "q => document.querySelector('#bs-search-results').getAttribute('data-query') === q",
            arg=payload,
        )
        statements = panel.locator(".bs-result__title").all_inner_texts()
        assert f"Statement {typed(payload)}" in [" ".join(s.split()) for s in statements], payload
        handlers = panel.evaluate(
            "el => [...el.querySelectorAll('*')].flatMap(e => [...e.attributes])"
            ".map(a => a.name).filter(n => n.startsWith('on'))"
        )
        assert handlers == [], payload
    assert page.evaluate(NO_SCRIPT_RAN)
