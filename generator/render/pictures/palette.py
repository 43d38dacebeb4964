"""Topic colours: eight colour-blind-safe classes, given to the topics one picture shows.

The colours themselves are CSS (docs/assets/pictures.css: Okabe-Ito hues, darker on the
light scheme and lighter on the dark one, each at least 3:1 against the page). Colour only
tells apart the rows of one picture, in reading order, so neighbours always differ (the
vocabulary can have more topics than there are safe colours); a topic is always named by
its row's label, and in the text alternative, never told by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...model import Topic

COLOURS = 8


def topic_classes(ordered: Iterable[str]) -> dict[str, str]:
    """Give topics in reading order the classes `pic-t0` to `pic-t7`, in turn."""
    return {topic_id: f"pic-t{i % COLOURS}" for i, topic_id in enumerate(ordered)}


def by_name(topics: Mapping[str, Topic], ids: Iterable[str]) -> list[str]:
    """Order topic ids as readers look for them: by name, then id."""
    return sorted(set(ids), key=lambda t: (topics[t].name.casefold(), t))
