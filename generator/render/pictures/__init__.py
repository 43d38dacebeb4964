"""Pictures drawn at build time: timelines and networks as static, accessible inline SVG.

Each function takes the corpus, what to draw, and `Links` for the page the picture goes on
(its docs/-relative Markdown path), and returns a `Picture`, or None when there is nothing
to draw (no claim placed in time, no pair):

    timeline = pair_timeline(corpus, view, Links("pairs/KZ-TR.md"))
    page = render_template("pair.md.j2", timeline=timeline.block() if timeline else None)

with the block on lines of its own in the template (a blank line before and after). The
figure is raw HTML whose links are already the built site's URLs; the text alternative is
Markdown whose links MkDocs checks. No script, no request to another host, the same bytes
for the same corpus; colours come from docs/assets/pictures.css (light, dark and print).
"""

from __future__ import annotations

from ..links import Links, year_anchor
from .ego import actor_graph
from .graph import briefing_graph
from .picture import Picture
from .timeline import actor_timeline, pair_timeline

__all__ = [
    "Links",
    "Picture",
    "actor_graph",
    "actor_timeline",
    "briefing_graph",
    "pair_timeline",
    "year_anchor",
]
