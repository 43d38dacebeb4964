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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..markup.escape import Md, inline_space_lines, no_marker
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


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: every line that is not blank, its white space trimmed.

    The source page numbers them from 1 in this order (`paragraph_anchor`), and search
    indexes each as a passage leading to its anchor. (A line's break is white space at its
    end, so the line is stripped with it: one slice fewer a line.)
    """
    found = []
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            first = start + len(line) - len(line.lstrip())
            found.append((first, first + len(stripped)))
        start += len(line)
    return found


def paragraph_anchor(number: int) -> str:
    """The id of a source page's paragraph: `_p12` (claim ids never start with `_`)."""
    return f"_p{number}"


def _boundaries(spans: Sequence[Span], start: int, end: int) -> list[int]:
    points = {start, end}
    for span in spans:
        if start < span.start < end:
            points.add(span.start)
        if start < span.end < end:
            points.add(span.end)
    return sorted(points)


def _html_lines(value: str) -> str:
    """Text for HTML elements' content, each "\\n"-separated piece on its own (its runs of
    white space one space, as `inline_space` makes them), the "\\n"s kept."""
    return no_marker(html.escape(inline_space_lines(value), quote=False))


def _segment(piece: str, spans: Sequence[Span], a: int, b: int, links: Links) -> str:
    """The piece of text from `a` to `b` (`piece`, already HTML), linked if a passage covers it."""
    covering = [s for s in spans if s.start <= a and b <= s.end]
    if not covering or not piece.strip():
        return piece
    anchors = "".join(
        [
            f'<span class="claim-anchor" id="{s.claim_id}" data-pair="{s.pair}"></span>'
            for s in spans
            if s.anchor and s.start == a
        ]
    )
    if len(covering) == 1:  # most pieces: one passage, the target, its claim
        target = covering[0]
        claims = target.claim_id
    else:
        # Where passages overlap, the most specific one (the shortest) is the link target;
        # data-claims names every claim the piece is part of, so the page can mark all of a
        # claim's passage, shared pieces included, when a citation lands on it.
        target = min(covering, key=lambda s: (s.end - s.start, s.start, s.claim_id))
        claims = " ".join(sorted({s.claim_id for s in covering}))
    href = links.url(target.page, target.claim_id)
    return f'{anchors}<a class="cited" data-claims="{claims}" href="{href}">{piece}</a>'


# A paragraph that passages overlap, cut where they start and end: those spans, and the
# points (its start, the passages' ends inside it, its end) between its pieces.
_Cut = tuple[tuple[Span, ...], list[int]]


def _pieces(text: str, spans: list[Span]) -> tuple[list[_Cut | None], list[str]]:
    """Each paragraph's cut (None if no passage overlaps it: it is one piece, as most are)
    and the text of every piece of every paragraph, in order.

    One sweep over paragraphs and sorted spans: each paragraph sees only the spans that
    overlap it.
    """
    cuts: list[_Cut | None] = []
    pieces = []
    active: list[Span] = []
    upcoming = 0
    for start, end in paragraphs(text):
        while upcoming < len(spans) and spans[upcoming].start < end:
            active.append(spans[upcoming])
            upcoming += 1
        if active:
            active = [s for s in active if s.end > start]
        if not active:
            cuts.append(None)
            pieces.append(text[start:end])
            continue
        points = _boundaries(active, start, end)
        cuts.append((tuple(active), points))
        pieces += [text[a:b] for a, b in zip(points, points[1:], strict=False)]
    return cuts, pieces


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
    cuts, pieces = _pieces(text, cited_spans(claims, claim_page))
    # Every piece escaped at once, as one string: one by one, each cost a pattern's pass and
    # four replaces, calls that took half of a source page's rendering (40 pieces a page).
    # Paragraphs are lines, so no piece holds a "\n": joined by "\n", the pieces come back
    # apart, each escaped exactly as on its own (`_html_lines`).
    escaped = iter(_html_lines("\n".join(pieces)).split("\n"))
    rendered = []
    for number, cut in enumerate(cuts, start=1):
        if cut is None:
            body = next(escaped)
        else:
            spans, points = cut
            body = "".join(
                [
                    _segment(next(escaped), spans, a, b, links)
                    for a, b in zip(points, points[1:], strict=False)
                ]
            )
        rendered.append(f'<p id="{paragraph_anchor(number)}">{body}</p>')
    # Blank lines around the block and between its paragraphs: Python-Markdown and other
    # engines then treat it as one HTML block whatever the paragraphs hold.
    body = "\n\n".join(rendered)
    return Md(f'<div class="source-text" lang="{html.escape(language)}">\n\n{body}\n\n</div>')
