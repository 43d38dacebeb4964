"""The home page and the lists of pairs, actors and sources."""

from __future__ import annotations

from ..markup import escape
from ..markup.escape import Md
from ..model.iso import language_name
from .common import Names, date_text
from .environment import render_template
from .exports import NO_EXPORTS, PageExports

HOME = "index.md"


def index_pages(
    names: Names, home: PageExports = NO_EXPORTS, sources_index: PageExports = NO_EXPORTS
) -> dict[str, str]:
    """Render the home page and the three index pages (`home` and `sources_index`: their
    downloads)."""
    corpus = names.corpus
    # Readers look pairs up by name, not by id.
    by_name = sorted(corpus.pairs, key=lambda v: (names.pair_title(v).casefold(), v.pair))
    home_rows = [names.pair_row(v, "") for v in by_name]
    rows = [names.pair_row(v, "../") for v in by_name]
    actors = sorted(
        (
            (names.actor_name(a), Md(f"{a}.md"), len(v), sum(len(p.claims) for p in v))
            for a, v in corpus.pairs_by_actor.items()
        ),
        key=lambda row: row[0].casefold(),
    )
    sources = [
        (
            names.source_title(s),
            Md(f"{s.id}.md"),
            escape.text(language_name(s.language)),
            date_text(s.published),
            len(corpus.claims_by_source.get(s.id, ())),
        )
        for s in corpus.sources.values()
    ]
    counts = {
        "pairs": len(corpus.pairs),
        "claims": len(corpus.claims),
        "sources": len(corpus.sources),
        "actors": len(corpus.pairs_by_actor),
    }
    return {
        HOME: render_template("home.md.j2", rows=home_rows, exports=home, **counts),
        "pairs/index.md": render_template("pairs.md.j2", rows=rows, **counts),
        "actors/index.md": render_template("actors.md.j2", rows=actors, **counts),
        "sources/index.md": render_template(
            "sources.md.j2", rows=sources, exports=sources_index, **counts
        ),
    }
