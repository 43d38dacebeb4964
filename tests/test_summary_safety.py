"""Pair summaries: no link, image or markup the format forbids reaches the page, however hidden."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml
from conftest import FIXTURES, REPO
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.config import ENGINE_BUILTINS, read_site_config
from generator.content import summary
from generator.content.summary import parse_summary
from generator.corpus import open_corpus
from generator.markup.summary import checked_markdown, neutralise, render_summary, summary_body
from generator.problems import Location
from generator.render import render_outputs

CITE = "[@kz-tr-anka-agreement]"
CONFIG = read_site_config(REPO)[0]
EXTENSIONS = CONFIG.extensions


def site_extensions() -> list[str | dict[str, Any]]:
    """mkdocs.yml's markdown_extensions, read with its !ENV tags ignored."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    extensions: list[str | dict[str, Any]] = config["markdown_extensions"]
    return extensions


def test_extensions_are_those_mkdocs_loads() -> None:
    """The summary is checked with what MkDocs itself makes of mkdocs.yml: names and options."""
    loaded = load_config(str(REPO / "mkdocs.yml"))
    names = [name for name, _ in EXTENSIONS]
    assert names == list(dict.fromkeys(loaded["markdown_extensions"]))
    options = {name: dict(config) for name, config in EXTENSIONS if config}
    assert options == {k: v for k, v in loaded["mdx_configs"].items() if v}


def test_builtins_are_those_mkdocs_adds() -> None:
    assert list(ENGINE_BUILTINS) == MkDocsConfig.markdown_extensions.builtins


def test_checked_markdown_is_the_page_markdown() -> None:
    opened = open_corpus(FIXTURES / "corpus", CONFIG)
    assert opened.corpus is not None
    pages = render_outputs(opened.corpus)
    views = [view for view in opened.corpus.pairs if view.summary is not None]
    assert views
    for view in views:
        assert view.summary is not None
        body = summary_body(view.summary.parts)
        page = pages[f"pairs/{view.pair[0]}-{view.pair[1]}.md"].decode("utf-8")
        assert f"\n{body}\n" in page
        assert checked_markdown(view.summary.parts) == body


class Targets(HTMLParser):
    """Every href and src of a page, except the footnote links Markdown makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        for name in ("href", "src"):
            target = values.get(name)
            if target is None:
                continue
            ours = values.get("class") in ("footnote-ref", "footnote-backref")
            if not (ours and target.startswith("#fn")):
                self.found.append(target)


def render_independently(text: str) -> Targets:
    """Render a summary as the site would, without the generator's own checker."""
    names = [e if isinstance(e, str) else next(iter(e)) for e in site_extensions()]
    configs = {k: v for e in site_extensions() if isinstance(e, dict) for k, v in e.items()}
    extensions = list(dict.fromkeys([*MkDocsConfig.markdown_extensions.builtins, *names]))
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    page = neutralise(text.replace(CITE, "\0")).replace("\0", "[^kz-tr-anka-agreement]")
    targets = Targets()
    targets.feed(md.convert(f"{page}\n\n[^kz-tr-anka-agreement]: Cited.\n"))
    return targets


def check(text: str) -> list[tuple[str, int]]:
    def locate(offset: int) -> Location:
        return Location("s", 1, offset + 1)

    _, problems = parse_summary(text, locate, lambda claim_id: True, EXTENSIONS)
    return [(p.code, p.location.column - 1) for p in problems]


JS = "javascript:alert(1)"
# Each attempt, and the problem it must produce (None: it must render as inert text).
BYPASSES = [
    ("quote-definition", f"> [ref]: {JS}\n\n[click me][ref] and {CITE}", "summary-link"),
    ("quote-definition-unused", f"> [ref]: {JS}\n\nText.", "summary-link"),
    ("list-definition", f"* item\n\n      [r]: {JS}\n\n[x][r]", "summary-link"),
    ("ordered-list-definition", f"1. item\n\n    [r]: {JS}\n\n[x][r]", "summary-link"),
    ("nested-containers", f"> * > [r]: {JS}\n\n[x][r]", "summary-link"),
    ("deep-nesting", f"> > > > * * [r]: {JS}\n\n[x][r]", "summary-link"),
    ("lazy-continuation", f"> quote\n[r]: {JS}\n\n[x][r]", "summary-link"),
    ("lazy-in-list", f"* item\n[r]: {JS}\n\n[x][r]", "summary-link"),
    ("angle-destination", "> [r]: <javascript:alert(1)>\n\n[x][r]", "summary-link"),
    ("with-title", f'> [r]: {JS} "Title"\n\n[x][r]', "summary-link"),
    ("with-paren-title", f"* [r]: {JS} (Title)\n\n[x][r]", "summary-link"),
    ("uppercase", "[x](JAVASCRIPT:alert(1))", "summary-link"),
    ("uppercase-in-quote", "> [r]: JavaScript:alert(1)\n\n[x][r]", "summary-link"),
    ("entity-colon", "[x](javascript&#58;alert(1))", "summary-link"),
    ("entity-colon-in-quote", "> [r]: javascript&#58;alert(1)\n\n[x][r]", "summary-link"),
    ("entity-named", "> [r]: javascript&colon;alert(1)\n\n[x][r]", "summary-link"),
    ("data", "[x](data:text/html,<b>hi</b>)", "summary-link"),
    ("data-in-list", "- [r]: data:text/html,hi\n\n[x][r]", "summary-link"),
    ("vbscript", "> [r]: vbscript:msgbox(1)\n\n[r]", "summary-link"),
    ("protocol-relative", "[x](//evil.example/)", "summary-link"),
    ("protocol-relative-in-quote", "> [r]: //evil.example/\n\n[x][r]", "summary-link"),
    ("control-character", "[x](\x01javascript:alert(1))", "summary-link"),
    ("spaced-angle", "[x](< javascript:alert(1) >)", "summary-link"),
    ("tab-indent", f"\t[r]: {JS}\n\n[r]", "summary-link"),
    ("link-in-table", f"| a | b |\n|---|---|\n| [x]({JS}) | c |", "summary-link"),
    ("reference-in-table", f"> [r]: {JS}\n\n| a |\n|---|\n| [x][r] |", "summary-link"),
    ("image-in-quote", "> [r]: https://evil.example/x.png\n\n![a][r]", "summary-image"),
    ("image-inline", "![a](https://evil.example/x.png)", "summary-image"),
    ("autolink", "<javascript:alert(1)>", "summary-html"),
    ("autolink-uppercase", "<JAVASCRIPT:alert(1)>", "summary-html"),
    ("raw-anchor", '<a href="javascript:alert(1)">x</a>', "summary-html"),
    ("attribute-list", '[x](https://example.org){: onclick="alert(1)" }', None),
    ("indented-code", f"    [r]: {JS}\n\n[r]", None),
    ("in-code-span", f"`[x]({JS})` and `[r]: {JS}`", None),
    ("fenced-code", f"```\n[r]: {JS}\n```\n\n[r]", None),
    ("footnote-syntax", f"[^1]: x\n\n    [r]: {JS}\n\n[r][^1]", None),
    ("footnote-via-citation", f"{CITE}: x\n\n    [r]: {JS}\n    [click][r]", None),
    ("escaped-bracket", f"\\[x\\]({JS})", "summary-link"),
    ("bare-text", f"Type {JS} in the address bar.", None),
]


@pytest.mark.parametrize(("text", "code"), [b[1:] for b in BYPASSES], ids=[b[0] for b in BYPASSES])
def test_bypass_is_reported_or_inert(text: str, code: str | None) -> None:
    found = check(text)
    if code is not None:
        assert code in [c for c, _ in found], found
    else:
        # Nothing reported is fine only when the page gets no link of the curator's making.
        assert [t for t in render_independently(text).found if not t.startswith("https://")] == []


def test_each_target_is_reported_once_where_it_is_written() -> None:
    text = f"Intro.\n\n> [r]: {JS}\n\n[a][r] and [b][r] and [c]({JS})"
    assert check(text) == [
        ("summary-link", text.rindex(JS)),  # the precise check, at the inline link
    ]
    text = "Intro.\n\n> [r]: vbscript:x\n\n[a][r] and [b][r]"
    assert check(text) == [("summary-link", text.index("vbscript"))]


def test_target_written_differently_is_reported_once() -> None:
    # Markdown reads the escape: the page has java(script:x, the summary java\(script:x).
    text = "* [a](java\\(script:x)"
    assert check(text) == [("summary-link", text.index("java"))]
    # An entity stays text in the target, and is found where it is written.
    text = "Intro.\n\n> [r]: javascript&#58;alert(1)\n\n[a][r]"
    assert check(text) == [("summary-link", text.index("javascript"))]


def test_a_target_not_found_as_written_is_located_at_the_start() -> None:
    assert summary._offset_of("Intro [a][r]", "java(script:x") is None
    found = summary._Findings()
    assert not found.covers(None, "java(script:x")


def test_ordinary_summary_passes_and_renders() -> None:
    text = (
        f"Türkiye and Kazakhstan *agreed* to co-produce **Anka** drones {CITE}.\n\n"
        "* one point, see [the report](https://example.org/raport?a=1&b=2)\n"
        "* another, [in caps](HTTP://EXAMPLE.ORG/) and [by reference][r]\n\n"
        "> A quotation, with `code`.\n\n"
        "[r]: http://example.org/ref\n"
    )
    parts, problems = parse_summary(text, lambda o: Location("s"), lambda _: True, EXTENSIONS)
    assert problems == []
    page, _ = render_summary(parts, EXTENSIONS)
    for expected in (
        "<em>agreed</em>",
        "<strong>Anka</strong>",
        '<a href="https://example.org/raport?a=1&amp;b=2">the report</a>',
        '<a href="http://example.org/ref">by reference</a>',
        '<a class="footnote-ref" href="#fn:kz-tr-anka-agreement">',
        "<li>",
        "<blockquote>",
        "<code>code</code>",
    ):
        assert expected in page, expected
    assert render_independently(text).found == [
        "https://example.org/raport?a=1&b=2",
        "HTTP://EXAMPLE.ORG/",
        "http://example.org/ref",
    ]


def test_headings_tables_and_toc_stay_valid() -> None:
    text = "## A heading\n\n[TOC]\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```\n"
    assert check(text) == []


def test_hostile_html_in_the_rendering_is_reported() -> None:
    class Spy(summary._Elements):
        pass

    elements = Spy()
    elements.feed('<p onclick="x"><span>y</span><a href="#top" class="evil">z</a></p><!-- c -->')
    assert elements.raw == ["<p onclick>", "<span>", '<a class="evil">', "<!--…-->"]
    assert elements.targets == ["#top"]


def test_a_long_deeply_nested_summary_is_checked_without_error() -> None:
    line = f"> * [x](https://example.org) {CITE} *em*\n"
    text = line * (15000 // len(line)) + "> " * 2000 + "deep"
    assert len(text) <= summary.MAX_LENGTH
    assert check(text) == []


def test_too_long_a_summary_is_left_to_the_schema() -> None:
    schema = json.loads((REPO / "generator/schemas/pair.schema.json").read_text("utf-8"))
    assert schema["properties"]["summary"]["maxLength"] == summary.MAX_LENGTH
    # Many citations of one claim would take Markdown's footnotes hours to render.
    assert check(f"{CITE} " * 100_000) == []
