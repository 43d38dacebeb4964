"""Quoted passages as a footnote shows them: in their language, cut words completed."""

from __future__ import annotations

import unicodedata

from ..markup import escape
from ..markup.escape import Md
from ..model import Claim, Source


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def cut_word(text: str, start: int, end: int, limit: int = 40) -> tuple[str, str]:
    """Return the rest of the words a passage [start, end) of text cuts in two, if any.

    A quote may start or end inside a word ("wielkich" of "niewielkich", small): the
    reader must see the word as the source has it, or the quote says the opposite.
    """
    head = start
    while head > 0 and start - head < limit and _in_word(text[head - 1]) and _in_word(text[head]):
        head -= 1
    tail = end
    while (
        tail < len(text)
        and tail - end < limit
        and _in_word(text[tail - 1])
        and _in_word(text[tail])
    ):
        tail += 1
    return text[head:start], text[end:tail]


def _cut(rest: str) -> Md | str:
    return Md(f'<span class="quote-cut">&#91;{escape.text(rest)}&#93;</span>') if rest else ""


def quote_markup(claim: Claim, source: Source) -> Md:
    """Print the quoted passages in their language, marked with the lang attribute."""
    parts = []
    for q in claim.quotes:
        # Where a quote cuts a word, the rest of it is shown in brackets, set apart.
        head, tail = cut_word(source.text, q.start, q.end)
        parts.append(
            Md(f'<q lang="{source.language}">{_cut(head)}{escape.text(q.text)}{_cut(tail)}</q>')
        )
    return escape.join(parts, " … ")


def translation_markup(claim: Claim) -> Md | None:
    """Print the curator's translation of the quote, if there is one."""
    if claim.translation:
        return Md(f"“{escape.text(claim.translation)}”")
    texts = [escape.text(q.translation) for q in claim.quotes if q.translation]
    return Md(f"“{escape.join(texts, '” … “')}”") if texts else None
