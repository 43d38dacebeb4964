"""The pair page: summary, overview, and every claim with its footnote citation."""

from __future__ import annotations

from ..corpus import PairView
from ..markup import escape
from ..markup.escape import Md
from ..markup.summary import summary_body
from ..model import Claim
from .common import Names, date_text
from .environment import render_template
from .exports import NO_EXPORTS, PageExports


def _footnote_order(names: Names, view: PairView) -> list[Claim]:
    """The claims the page cites, in order of first citation: the summary's, then the list's.

    Python-Markdown numbers footnotes in the order their definitions appear, so the
    definitions follow the order of the marks; a claim of another pair that the summary
    cites gets its footnote here too.
    """
    cited = [p.claim_id for p in view.summary.parts if p.claim_id] if view.summary else []
    order = dict.fromkeys([*cited, *(c.id for c in view.claims)])
    return [names.corpus.claims[claim_id] for claim_id in order]


def _date_span(view: PairView, undated: int) -> Md:
    """Say when a pair's claims are dated: `dated 2011 to 2024 (2 undated)`, `none dated`."""
    if view.first is None or view.last is None:
        return Md("none dated" if len(view.claims) > 1 else "undated")
    first, last = date_text(view.first), date_text(view.last)
    span = Md(f"dated {first}" if first == last else f"dated {first} to {last}")
    return Md(f"{span} ({undated} undated)") if undated else span


def pair_page(names: Names, view: PairView, exports: PageExports = NO_EXPORTS) -> str:
    """Render one pair's page; `exports` is its downloads, feed and citation."""
    corpus = names.corpus
    undated = sum(1 for c in view.claims if corpus.claim_date(c) is None)
    a, b = view.pair
    return render_template(
        "pair.md.j2",
        page_title=escape.front_matter_title(f"{corpus.actor(a).name} – {corpus.actor(b).name}"),
        title=names.pair_title(view),
        actors=[(names.actor_name(a), Md(f"../actors/{a}.md")) for a in view.pair],
        summary=summary_body(view.summary.parts) if view.summary else None,
        claims=[names.claim_view(c) for c in view.claims],
        notes=[names.claim_view(c) for c in _footnote_order(names, view)],
        claim_count=len(view.claims),
        source_count=len(view.source_ids),
        dates=_date_span(view, undated),
        topics=names.topic_names(view.topic_ids),
        exports=exports,
    )
