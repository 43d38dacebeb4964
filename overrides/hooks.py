"""MkDocs hooks (mkdocs.yml `hooks:`): the only code of ours that runs inside the engine.

MkDocs 1.x converts every page before it writes any, and keeps each page's Markdown and HTML
until the whole site is built. Nothing reads the Markdown after its conversion, so these
hooks let it go; and they keep each page's HTML as UTF-8 bytes until the page is written
(a Python string of Cyrillic or Polish text takes two bytes a character, most of this
text one or two), then let that go too. At 10,000 documents the Markdown was a third of
MkDocs's peak memory (see README). They use only the plugin API's documented events and
page attributes, which ProperDocs keeps too; the pages come out the same.
"""

from __future__ import annotations

from typing import Any

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
