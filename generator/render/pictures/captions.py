"""What pictures say in words: counts, and the undated claims a timeline leaves out."""

from __future__ import annotations

from ..links import Links
from .svg import esc


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`1 claim`, `1,128 pairs`."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def undated_words(count: int) -> str:
    return f"{counted(count, 'undated claim')} {'is' if count == 1 else 'are'} not drawn"


def undated_link(count: int, links: Links) -> str:
    """The caption's end, as escaped HTML: how many claims are undated, and where they are."""
    if not count:
        return ""
    return f' {esc(undated_words(count))}: see <a href="{esc(links.year(None))}">Undated</a>.'


def description(words: str, undated: int, links_say: str) -> str:
    """The SVG's description: the caption, what is left out, what the links do."""
    left_out = f" {undated_words(undated)}." if undated else ""
    return f"{words}{left_out} {links_say}; the table after the picture gives the same facts."
