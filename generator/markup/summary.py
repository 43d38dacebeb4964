"""A pair summary as the site renders it: one Markdown body for the check and for the page.

The validate stage renders it to HTML here, with the site's own Markdown extensions, to see
every element and link target the page will have; the render stage puts the same body on
the pair page. One function writes that body, so what is checked is what is published.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from functools import cache

import markdown  # type: ignore[import-untyped]

from ..config import Extension
from ..model import SummaryPart
from . import footnotes
from .escape import Md, no_marker


def neutralise(text: str) -> Md:
    """Neutralise what a summary may not do: raw HTML, attribute lists, footnote syntax.

    The footnotes marker is broken too: the pair page places its notes with it.
    """
    out = text.replace("&", "&amp;").replace("<", "&lt;")
    out = out.replace("{", "&#123;").replace("}", "&#125;").replace("[^", "&#91;^")
    return Md(no_marker(out))


def summary_marks(parts: Sequence[SummaryPart]) -> Counter[str]:
    """How many footnote marks the summary makes for each claim it cites, in citation order.

    The summary comes first on its pair page, so its notes are numbered first, in this order.
    """
    return Counter(p.claim_id for p in parts if p.claim_id)


def summary_body(parts: Sequence[SummaryPart]) -> Md:
    """The summary as the pair page has it: its Markdown, each citation a footnote mark."""
    numbers: dict[str, int] = {}
    seen: Counter[str] = Counter()
    out = []
    for p in parts:
        if p.claim_id:
            number = numbers.setdefault(p.claim_id, len(numbers) + 1)
            seen[p.claim_id] += 1
            out.append(footnotes.mark(p.claim_id, number, seen[p.claim_id]))
        else:
            out.append(neutralise(p.markdown))
    return Md("".join(out))


def checked_markdown(parts: Sequence[SummaryPart]) -> str:
    """The Markdown that the check renders alone: the page's summary body, as it is."""
    return str(summary_body(parts))


@cache
def _markdown(frozen: str) -> markdown.Markdown:
    extensions: list[list[object]] = json.loads(frozen)
    names = [str(name) for name, _ in extensions]
    configs = {str(name): options for name, options in extensions if options}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def render_summary(
    parts: Sequence[SummaryPart], extensions: Sequence[Extension]
) -> tuple[str, list[str]]:
    """Render a summary to HTML as the site does; also return its reference-link targets."""
    md = _markdown(json.dumps([[n, dict(o)] for n, o in extensions], sort_keys=True))
    md.reset()
    out = md.convert(checked_markdown(parts))
    targets = [html.unescape(href) for href, _title in md.references.values()]
    return str(out), targets
