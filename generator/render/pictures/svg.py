"""Write SVG by hand: escaped text, fixed-precision numbers, elements with ordered attributes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Characters XML 1.0 does not allow at all (a parser refuses the document), and lone
# surrogates; validated curator text should have none, but a picture must never break a page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
# White space to tidy: any but a single space between words.
_UNTIDY = re.compile(r"[^\S ]|  |^ | $")

# Average advance of a character in the page's sans-serif, in ems: enough to keep labels
# apart and inside the picture without measuring text (which would need the font).
CHAR_EM = 0.58


def esc(value: str) -> str:
    """Escape text for an SVG (or HTML) text node or double-quoted attribute, on one line."""
    # Searching first is cheaper than rewriting: most strings need neither change.
    if _UNTIDY.search(value):
        value = _SPACE.sub(" ", value).strip()
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("\ufffd", value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(value: float) -> str:
    """Format a coordinate with one decimal, without a trailing `.0` or a negative zero."""
    text = f"{value:.1f}"
    if text[-2:] == ".0":
        text = text[:-2]
        return "0" if text == "-0" else text
    return text


def el(name: str, attrs: Mapping[str, object], body: str = "") -> str:
    """Write one element; numbers are formatted with num(), strings must be escaped already."""
    parts = [name]
    for key, value in attrs.items():
        kind = type(value)
        if kind is str:
            parts.append(f'{key}="{value}"')
        elif kind is float or kind is int:
            parts.append(f'{key}="{num(value)}"')  # type: ignore[arg-type]
        else:
            raise TypeError(f"attribute {key}={value!r} is neither text nor a number")
    head = " ".join(parts)
    return f"<{head}>{body}</{name}>" if body else f"<{head}/>"


def title(text: str) -> str:
    """A tooltip and accessible name for the element it is the first child of."""
    return f"<title>{esc(text)}</title>"


def link(href: str, tooltip: str, body: str) -> str:
    """A link around drawn shapes: SVG 2 `href`, out of the tab order (see Picture)."""
    return f'<a href="{esc(href)}" tabindex="-1">{title(tooltip)}{body}</a>'


def text_width(value: str, size: float) -> float:
    """Estimate the width of a line of text in user units."""
    return len(value) * size * CHAR_EM


def clip(value: str, width: float, size: float) -> str:
    """Shorten text with an ellipsis so that it fits a width (the full text goes in a title)."""
    value = _SPACE.sub(" ", value).strip()
    room = int(width / (size * CHAR_EM))
    if len(value) <= room:
        return value
    return value[: max(room - 1, 1)].rstrip() + "…"


def group(cls: str, items: Iterable[str]) -> str:
    """A group of elements sharing a class."""
    body = "".join(items)
    return f'<g class="{cls}">{body}</g>' if body else ""


def compact(count: int) -> str:
    """Say a count in at most four characters: 7, 312, 1034, 12k (the exact one is in the
    tooltip and the table)."""
    return str(count) if count < 10000 else f"{count // 1000}k"
