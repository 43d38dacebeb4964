"""MkDocs hooks (mkdocs.yml `hooks:`): the only code of ours that runs inside the engine.

MkDocs 1.x converts every page before it writes any, and keeps each page's Markdown and HTML
until the whole site is built. Nothing reads the Markdown after its conversion, so these
hooks let it go; and they keep each page's HTML as UTF-8 bytes until the page is written
(a Python string of Cyrillic or Polish text takes two bytes a character, most of this
text one or two), then let that go too. At 10,000 documents the Markdown was a third of
MkDocs's peak memory (see README).

MkDocs builds on one core. The site stage (generator/publish/parts.py) runs two engine
processes at once, each told by BRIEFINGS_SITE_PART to build a part of the pages: `on_nav`
leaves out the other part's (marked excluded, as a draft is); the pages of the navigation
are built in both. Without that setting (`mkdocs build`, `mkdocs serve`) every page is
built, as always.

They use only the plugin API's documented events and page and file attributes, which
ProperDocs keeps too; the pages come out the same.
"""

from __future__ import annotations

import os
from typing import Any

# Set by the site stage (generator/publish/parts.py) to build one part of the site: the
# source pages (`sources`) or every other page (`rest`). Pages of the navigation are in both.
PART = "BRIEFINGS_SITE_PART"
# Where the part named `rest` lists every page's address, in the engine's order.
PAGES = "BRIEFINGS_SITE_PAGES"

# Each converted page's HTML, by its source path, from its conversion to its writing.
_HTML: dict[str, bytes] = {}


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Release the page's Markdown once it is HTML (an empty text, not None: MkDocs takes
    None for a page never read), and keep the HTML as bytes until the page is written."""
    page.markdown = ""
    _HTML[page.file.src_uri] = html.encode("utf-8")
    return ""


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    """Give the page its HTML back just before its template renders it."""
    html = _HTML.pop(page.file.src_uri, None)
    if html is not None:
        page.content = html.decode("utf-8")
    return context


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """The page is rendered: its HTML is in `output`, to be written; let the page's go."""
    page.content = ""
    return output


def part_of(src_uri: str) -> str:
    """The part of the site a page is built in: `sources` for a source page, else `rest`."""
    return "sources" if src_uri.startswith("sources/") else "rest"


def on_nav(nav: Any, config: Any, files: Any, **_: Any) -> Any:
    """When the site is built in two parts at once (one engine process a core; see
    generator/publish/parts.py), leave out of this part the pages of the other, but for the
    navigation's, which every page shows. The part `rest` first lists every page's address,
    as the sitemap gives it, in the order the sitemap lists them."""
    part = os.environ.get(PART)
    if not part:
        return nav
    pages = files.documentation_pages()
    listing = os.environ.get(PAGES)
    if listing:
        with open(listing, "w", encoding="utf-8") as out:
            out.writelines(f"{_address(file.page)}\n" for file in pages if file.page)
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in pages:
        if file.src_uri not in in_nav and part_of(file.src_uri) != part:
            file.inclusion = type(file.inclusion).EXCLUDED
    return nav


def _address(page: Any) -> str:
    """A page's address in the sitemap (MkDocs' sitemap.xml template)."""
    return str(page.canonical_url or page.abs_url or "")
