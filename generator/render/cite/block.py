"""A citation on a page: four formats in tabs, each a code block with Material's copy button.

The tabs are the HTML that pymdownx.tabbed writes in its alternate style, which Material
styles with CSS alone: they switch without JavaScript, and each format is selectable text.
They are written here rather than by the extension so the site's Markdown stays what
summaries are checked against (no tab or fence syntax for curators), and every value is
escaped once, as HTML. The block is left out of the search index: BibTeX and JSON are noise
there, and at 10,000 sources they would double its size. (The outer element is a section,
not a div: Material's search parser matches excluded elements by tag name, so a div inside
an excluded div would end the exclusion.)
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache

from ...markup.escape import Md
from .formats import bibtex, csl_json, plain_text, ris
from .reference import Reference

FORMATS: tuple[tuple[str, str, Callable[[Reference], str]], ...] = (
    ("Text", "text", plain_text),
    ("BibTeX", "bibtex", bibtex),
    ("RIS", "ris", ris),
    ("CSL-JSON", "json", lambda ref: csl_json([ref])),
)


@cache
def _tab_controls(group: int) -> str:
    """The radio inputs and the labels of a block of tabs: the same for every block that is
    `group` on its page (every source page has two), so made once each."""
    count = len(FORMATS)
    inputs = "".join(
        f'<input{" checked" if i == 1 else ""} id="__tabbed_{group}_{i}" '
        f'name="__tabbed_{group}" type="radio">'
        for i in range(1, count + 1)
    )
    labels = "".join(
        f'<label for="__tabbed_{group}_{i}">{label}</label>'
        for i, (label, _, _) in enumerate(FORMATS, 1)
    )
    return f'{inputs}<div class="tabbed-labels">{labels}</div>'


def citation_tabs(ref: Reference, group: int) -> Md:
    """The citation in every format, as one block of tabs; `group` numbers it on its page."""
    blocks = "\n".join(
        f'<div class="tabbed-block"><pre><code class="language-{lang}">'
        f"{html.escape(write(ref), quote=False)}\n</code></pre></div>"
        for _, lang, write in FORMATS
    )
    return Md(
        f'<section class="citation">\n'
        f'<div class="tabbed-set tabbed-alternate" data-tabs="{group}:{len(FORMATS)}">'
        f"{_tab_controls(group)}\n"
        f'<div class="tabbed-content">\n{blocks}\n</div>\n</div>\n</section>'
    )
