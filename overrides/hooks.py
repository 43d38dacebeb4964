"""MkDocs hooks (mkdocs.yml `hooks:`): the only code of ours that runs inside the engine.

MkDocs 1.x converts every page before it writes any, and keeps each page's Markdown beside
its HTML until the whole site is built. Nothing reads the Markdown after its conversion, so
this lets it go: at 10,000 documents, a third of MkDocs's peak memory (see README). It uses
only the plugin API's documented event and page attribute, which ProperDocs keeps too.
"""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Release the page's Markdown once it is HTML (an empty text, not None: MkDocs takes
    None for a page never read)."""
    page.markdown = ""
    return html
