"""Hostile content: every curator string reaches the built page as text, never as markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import briefings
from hostile import PAYLOADS, make_hostile_project

pytestmark = pytest.mark.e2e

THEME_SCRIPT = re.compile(r'<script src="(/|(\.\./)*)(assets/[^"]+|search/[^"]+)"></script>')


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    run = briefings(project, "build", "--no-bundle")
    assert run.code == 0, run.err
    return project / "site"


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def article(text: str) -> str:
    return text.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1
    )[0]


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_no_markup_from_curator_strings(hostile_site: Path) -> None:
    for rel, text in pages(hostile_site).items():
        body = article(text) if "md-content__inner" in text else ""
        assert "<script" not in body, rel
        assert "<img" not in body and "<style" not in body, rel
        for tag in re.findall(r"<[a-zA-Z][^>]*>", body):  # real tags: text has &lt;
            assert not re.search(r"\son[a-z]+\s*=", tag), (rel, tag)
            assert not re.search(r'(href|src)="\s*(javascript|data):', tag, re.I), (rel, tag)
        scripts = re.findall(r"<script\b[^>]*>", text)
        external = [s for s in scripts if "src=" in s and not THEME_SCRIPT.search(s + "</script>")]
        assert not external, (rel, external)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_show_as_typed(hostile_site: Path, payload: str) -> None:
    typed = " ".join(payload.split())
    pair = visible(article((hostile_site / "pairs/EVIL-KZ/index.html").read_text("utf-8")))
    assert f"Statement {typed}" in pair
    assert typed in pair  # the quote, in its footnote
    source = visible(article((hostile_site / "sources/evil/index.html").read_text("utf-8")))
    assert typed in source


def test_summary_markdown_works_but_not_its_tricks(hostile_site: Path) -> None:
    body = article((hostile_site / "pairs/EVIL-KZ/index.html").read_text("utf-8"))
    assert "<em>emphasis</em>" in body
    assert '<a href="https://example.org/">a link</a>' in body
    assert 'href="#fn:evil-0"' in body
    text = visible(body)
    assert '{: onclick="window.__pwned=8" }' in text
    assert "[^evil-1]: fake footnote" in text
    assert "{{ jinja }}" in text


def test_url_cannot_break_out(hostile_site: Path) -> None:
    body = article((hostile_site / "sources/evil/index.html").read_text("utf-8"))
    assert 'href="https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=7%3C/script%3E"' in body


def test_names_and_titles_are_text(hostile_site: Path) -> None:
    home = (hostile_site / "index.html").read_text("utf-8")
    assert "Evil topic &lt;script&gt;" in home
    for rel, text in pages(hostile_site).items():
        head = text.split("</head>", 1)[0]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, rel
        title = re.search(r"<title>(.*?)</title>", head, re.S)
        assert title and "<" not in title.group(1), (rel, title.group(1)[:80])


def test_title_cannot_close_the_title_element(tmp_path: Path) -> None:
    project = make_hostile_project(tmp_path / "project")
    ann = project / "seeds/annotations/evil.yml"
    breakout = '  title: "</title><script>window.__pwned=9</script>"'
    ann.write_text(re.sub(r"(?m)^  title: .*$", breakout, ann.read_text("utf-8"), count=1), "utf-8")
    run = briefings(project, "build", "--no-bundle")
    assert run.code == 0, run.err
    page = (project / "site/sources/evil/index.html").read_text("utf-8")
    head = page.split("</head>", 1)[0]
    assert "<script>window.__pwned=9" not in page
    assert head.count("</title>") == 1
    assert "‹/title›‹script›window.__pwned=9‹/script›" in head
    assert "&lt;/title&gt;&lt;script&gt;window.&#95;&#95;pwned&#61;9" in page
