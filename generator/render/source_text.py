"""A source's full text as HTML paragraphs, every cited passage highlighted and anchored.

The text is the largest part of most pages: written as Markdown, its paragraphs cost
Python-Markdown's inline patterns about half of each source page's conversion (12.5 ms a
page against 5.7 ms as HTML, on a 10,000-document corpus). So it is a raw HTML block, which
the engine passes on as it is: the text escaped for HTML (it is text, never markup), each
passage a link whose address is already the built site's (`../../pairs/KZ-TR/#c-1`, as the
pictures' links are; render/links.py). MkDocs still collects the block's ids, so links
into a passage are checked; the links out of it are checked by the site's tests
(tests/test_site_outputs.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..markup.escape import Md, inline_space, no_marker
from ..model import Claim, pair_slug
from .links import Links


@dataclass(frozen=True, slots=True)
class Span:
    """A cited passage: where it is, which claim cites it, whether the claim's anchor is here."""

    start: int
    end: int
    claim_id: str
    pair: str
    page: str  # the docs/-relative page listing the claim (render/links.py's ClaimPages)
    anchor: bool


def cited_spans(claims: Iterable[Claim], claim_page: Callable[[Claim], str]) -> list[Span]:
    """List every quoted passage, sorted by position; the first part of a claim carries its id.

    `claim_page` names the page that lists a claim (the site's pages ask ClaimPages)."""
    spans = [
        Span(q.start, q.end, c.id, pair_slug(c.pair), claim_page(c), anchor=(i == 0))
        for c in claims
        for i, q in enumerate(c.quotes)
    ]
    return sorted(spans, key=lambda s: (s.start, s.end, s.claim_id))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each line, without its line break (\\n, \\r\\n or \\r)."""
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        yield start, end
        start += len(line)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: every line that is not blank, its white space trimmed.

    The source page numbers them from 1 in this order (`paragraph_anchor`), and search
    indexes each as a passage leading to its anchor.
    """
    found = []
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if stripped:
            first = start + len(line) - len(line.lstrip())
            found.append((first, first + len(stripped)))
    return found


def paragraph_anchor(number: int) -> str:
    """The id of a source page's paragraph: `_p12` (claim ids never start with `_`)."""
    return f"_p{number}"


def _boundaries(spans: list[Span], start: int, end: int) -> list[int]:
    points = {start, end}
    for span in spans:
        points.update(p for p in (span.start, span.end) if start < p < end)
    return sorted(points)


def _html(value: str) -> str:
    """Text for an HTML element's content, on one line (runs of white space as one space)."""
    return no_marker(html.escape(inline_space(value), quote=False))


def _segment(text: str, spans: list[Span], a: int, b: int, links: Links) -> str:
    piece = _html(text[a:b])
    covering = [s for s in spans if s.start <= a and b <= s.end]
    if not covering or not piece.strip():
        return piece
    anchors = "".join(
        f'<span class="claim-anchor" id="{s.claim_id}" data-pair="{s.pair}"></span>'
        for s in spans
        if s.anchor and s.start == a
    )
    # Where passages overlap, the most specific one (the shortest) is the link target;
    # data-claims names every claim the piece is part of, so the page can mark all of a
    # claim's passage, shared pieces included, when a citation lands on it.
    target = min(covering, key=lambda s: (s.end - s.start, s.start, s.claim_id))
    claims = " ".join(sorted({s.claim_id for s in covering}))
    href = links.url(target.page, target.claim_id)
    return f'{anchors}<a class="cited" data-claims="{claims}" href="{href}">{piece}</a>'


def _paragraph(
    text: str, spans: list[Span], start: int, end: int, number: int, links: Links
) -> str:
    points = _boundaries(spans, start, end)
    pieces = [_segment(text, spans, a, b, links) for a, b in zip(points, points[1:], strict=False)]
    return f'<p id="{paragraph_anchor(number)}">{"".join(pieces)}</p>'


def render_source_text(
    text: str,
    claims: Iterable[Claim],
    page: str,
    language: str,
    claim_page: Callable[[Claim], str],
) -> Md:
    """Render the whole text as a raw HTML block in `language`, one paragraph a line, with
    cited passages linked (from `page`, the source page's docs/-relative path, to the page
    `claim_page` says lists each claim) and anchored.

    Each paragraph carries its anchor (`_p1`, `_p2`...), where search results lead.
    """
    links = Links(page)
    spans = cited_spans(claims, claim_page)
    rendered = []
    active: list[Span] = []
    upcoming = 0
    # One sweep over paragraphs and sorted spans: each sees only the spans that overlap it.
    for number, (start, end) in enumerate(paragraphs(text), start=1):
        while upcoming < len(spans) and spans[upcoming].start < end:
            active.append(spans[upcoming])
            upcoming += 1
        active = [s for s in active if s.end > start]
        rendered.append(_paragraph(text, active, start, end, number, links))
    # Blank lines around the block and between its paragraphs: Python-Markdown and other
    # engines then treat it as one HTML block whatever the paragraphs hold.
    body = "\n\n".join(rendered)
    return Md(f'<div class="source-text" lang="{html.escape(language)}">\n\n{body}\n\n</div>')
