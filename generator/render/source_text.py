"""A source's full text as Markdown paragraphs, every cited passage highlighted and anchored."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..markup import escape as mdtext
from ..markup.escape import Md
from ..model import Claim, pair_slug


@dataclass(frozen=True, slots=True)
class Span:
    """A cited passage: where it is, which claim cites it, whether the claim's anchor is here."""

    start: int
    end: int
    claim_id: str
    pair: str
    anchor: bool


def cited_spans(claims: Iterable[Claim]) -> list[Span]:
    """List every quoted passage, sorted by position; the first part of a claim carries its id."""
    spans = [
        Span(q.start, q.end, c.id, pair_slug(c.pair), anchor=(i == 0))
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


def _segment(text: str, spans: list[Span], a: int, b: int, first: bool) -> Md:
    piece = mdtext.block(text[a:b]) if first else mdtext.inline(text[a:b])
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
    return Md(
        f"{anchors}[{piece}](../pairs/{target.pair}.md#{target.claim_id})"
        f'{{: .cited data-claims="{claims}" }}'
    )


def _paragraph(text: str, spans: list[Span], start: int, end: int, number: int) -> Md:
    points = _boundaries(spans, start, end)
    pieces = [
        _segment(text, spans, a, b, first=(i == 0))
        for i, (a, b) in enumerate(zip(points, points[1:], strict=False))
    ]
    # The attribute list on a line of its own is the paragraph's: its anchor.
    return Md(f"{mdtext.join(pieces)}\n{{: #{paragraph_anchor(number)} }}")


def render_source_text(text: str, claims: Iterable[Claim]) -> Md:
    """Render the whole text, one paragraph per line, with cited passages linked and anchored.

    Each paragraph carries its anchor (`_p1`, `_p2`...), where search results lead.
    """
    spans = cited_spans(claims)
    rendered = []
    active: list[Span] = []
    upcoming = 0
    # One sweep over paragraphs and sorted spans: each sees only the spans that overlap it.
    for number, (start, end) in enumerate(paragraphs(text), start=1):
        while upcoming < len(spans) and spans[upcoming].start < end:
            active.append(spans[upcoming])
            upcoming += 1
        active = [s for s in active if s.end > start]
        rendered.append(_paragraph(text, active, start, end, number))
    return Md("\n\n".join(rendered))
