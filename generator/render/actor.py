"""The actor page: one country or organisation and its partners."""

from __future__ import annotations

from ..markup import escape
from ..markup.escape import Md
from .common import Names
from .environment import render_template
from .exports import NO_EXPORTS, PageExports


def actor_page(names: Names, actor_id: str, exports: PageExports = NO_EXPORTS) -> str:
    """Render one actor's page; `exports` is its downloads, feed and citation."""
    actor = names.corpus.actor(actor_id)
    partners = []
    for view in names.corpus.pairs_by_actor[actor_id]:
        other = view.pair[1] if view.pair[0] == actor_id else view.pair[0]
        row = names.pair_row(view, "../")
        row["partner"] = names.actor_name(other)
        partners.append(row)
    partners.sort(key=lambda row: str(row["partner"]).casefold())
    return render_template(
        "actor.md.j2",
        page_title=escape.front_matter_title(actor.name),
        title=escape.text(actor.name),
        kind=Md("Country" if actor.kind == "country" else "Organisation"),
        code=Md(actor.id),
        aliases=escape.text(", ".join(actor.aliases)) if actor.aliases else None,
        partners=partners,
        exports=exports,
    )
