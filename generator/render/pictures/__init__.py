"""Pictures drawn at build time: timelines and networks as static, accessible inline SVG.

Each function returns a `Picture` (see picture.py): a raw HTML `<figure>` with the SVG, and
a Markdown text alternative with the same facts. No script, no request to another host, the
same bytes for the same corpus; colours come from docs/assets/pictures.css, so the pictures
follow the light and dark schemes and print.
"""

from __future__ import annotations

from .ego import actor_graph
from .graph import briefing_graph
from .links import Links, year_anchor
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
