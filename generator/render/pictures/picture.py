"""A picture as a page embeds it: inline SVG in a figure, and the same facts in Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...markup.escape import Md
from .svg import esc, num

_NOT_ID = re.compile(r"[^A-Za-z0-9-]+")


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture for a page, and a text alternative with the same facts for screen readers.

    `markup` is one raw HTML block, `<figure class="pic ...">` around an inline SVG, with no
    blank line inside, so Python-Markdown passes it through untouched: put it on a line of its
    own with a blank line before and after. `alternative` is a Markdown block (md_in_html's
    `<details markdown="1">`) with tables of the same facts and links, to place after it.
    `title` is plain text.

    The SVG is named by its `<title>` and described by its `<desc>` (aria-labelledby,
    aria-describedby). Its role is `group`, not `img`: an image's content is presentational,
    so links inside one are interactive content hidden from assistive technology (axe-core's
    serious `nested-interactive`); as a group, each mark, bar, node and line is a link a
    screen reader can reach, named by its tooltip. The links are out of the tab order
    (`tabindex="-1"`): a network has a hundred and fifty of them, and keyboard users reach
    the same places through the tables.
    """

    title: str
    markup: Md
    alternative: Md

    def block(self) -> Md:
        """The figure and its text alternative, as one piece of a Markdown page."""
        return Md(f"{self.markup}\n\n{self.alternative}")


def picture_id(kind: str, key: str) -> str:
    """An element id no claim or heading can take: those are lower case, this starts with P."""
    return "Pic-" + _NOT_ID.sub("-", f"{kind}-{key}").strip("-")


def figure(
    kind: str,
    key: str,
    size: tuple[float, float],
    title: str,
    desc: str,
    body: Sequence[str],
    caption: str,
) -> Md:
    """Wrap drawn elements in an accessible SVG inside a figure; caption is escaped HTML."""
    pid = picture_id(kind, key)
    width, height = size
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pic__svg" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="100%" role="group" '
        f'aria-labelledby="{pid}-title" aria-describedby="{pid}-desc" fill="currentColor">'
    )
    lines = [
        f'<figure class="pic pic--{kind}">',
        head,
        f'<title id="{pid}-title">{esc(title)}</title>',
        f'<desc id="{pid}-desc">{esc(desc)}</desc>',
        *(line for line in body if line),
        "</svg>",
        f"<figcaption>{caption}</figcaption>" if caption else "",
        "</figure>",
    ]
    return Md("\n".join(line for line in lines if line))


def table(headers: Sequence[str], rows: Sequence[Sequence[str | int]]) -> Md:
    """A Markdown table; cells are Markdown already (escape curator text) or counts."""
    rules = [" ---: " if i and _numeric(rows, i) else " --- " for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(rules) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return Md("\n".join(lines))


def _numeric(rows: Sequence[Sequence[str | int]], column: int) -> bool:
    """Say whether a column holds counts (right-aligned, so digits line up)."""
    return bool(rows) and all(isinstance(row[column], int) for row in rows)


def details(summary: str, parts: Sequence[str]) -> Md:
    """A collapsed block of Markdown parts (tables, paragraphs) under a plain-text summary."""
    body = "\n\n".join(parts)
    return Md(
        f'<details class="pic-alt" markdown="1">\n<summary>{esc(summary)}</summary>\n\n'
        f"{body}\n\n</details>"
    )
