"""Timelines of a pair's or an actor's claims over time, by topic.

While the claims stay legible one by one, each is a mark as precise as its date (marks.py),
linking to the claim. Past MARKS_LIMIT claims to draw, or when some topic would need more
than LANES_LIMIT stacked lanes (marks overlapping in time), the timeline counts claims by year
and topic instead (bins.py), each year linking to its group of claims on the page. At the
limits a timeline is some 400 units tall, and every mark can still be told apart and pointed
at; beyond them marks crowd into a smear, and a count says more. The seed pairs (at most 30
claims, few overlapping) draw every claim; a pair or actor with hundreds gets bins.

Undated claims (no date, and a source without a publication date) are counted in the
caption, not drawn. A claim without a date of its own whose source is dated is drawn at the
publication date with a mark of its own (a ring), or counted in that year's bin, as pages
list it there.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from ...corpus import Corpus, PairView
from ...markup import escape
from ...markup.escape import Md
from ...model import Claim, pair_slug
from ..links import Links
from .axis import AXIS_H, HEAD, LABEL_X, PLOT_X1, WIDTH, Scale, axis, legend, row_label
from .bins import bins_picture, tally
from .captions import counted, description, undated_link
from .marks import LANE, Placed, draw_row, lanes_needed, legend_items, place, stack
from .palette import by_name, topic_classes
from .picture import Picture, details, figure, table
from .spans import Dated, Span, claim_spans, said
from .svg import el, esc

MARKS_LIMIT = 60
LANES_LIMIT = 6
TOP = 6.0
ROW_GAP = 6.0


@dataclass(frozen=True, slots=True)
class _Subject:
    """What a timeline is of: its claims, and how to name them."""

    key: str
    name: str
    claims: tuple[Claim, ...]
    partner: Callable[[Claim], str] | None  # an actor's timeline names each claim's partner


def pair_timeline(corpus: Corpus, view: PairView, links: Links) -> Picture | None:
    """Draw a pair's claims over time by topic; None when none of them can be placed in time.

    `links` is for the page the picture goes on, e.g. `Links("pairs/KZ-TR.md")`: marks link
    to `#<claim-id>`, bins to `#year-YYYY`, the caption to `#undated`.
    """
    a, b = view.pair
    name = f"{corpus.actor(a).name} – {corpus.actor(b).name}"
    return _timeline(corpus, _Subject(pair_slug(view.pair), name, view.claims, None), links)


def actor_timeline(corpus: Corpus, actor_id: str, links: Links) -> Picture | None:
    """Draw all claims of an actor over time by topic; None when none can be placed in time.

    `links` is for the actor's page, e.g. `Links("actors/KZ.md")`: marks link to the claims on
    their pair pages (`../../pairs/KZ-TR/#<claim-id>`) unless `Links.claim_page` says where
    this page lists them; bins link to this page's `#year-YYYY`.
    """
    claims = tuple(c for view in corpus.pairs_by_actor.get(actor_id, ()) for c in view.claims)

    def partner(claim: Claim) -> str:
        other = claim.pair[1] if claim.pair[0] == actor_id else claim.pair[0]
        return corpus.actor(other).name

    subject = _Subject(actor_id, corpus.actor(actor_id).name, claims, partner)
    return _timeline(corpus, subject, links)


def _timeline(corpus: Corpus, subject: _Subject, links: Links) -> Picture | None:
    # Count up to one past the limit: an actor's thousands of claims need no more.
    placed_in_time = (c for c in subject.claims if corpus.claim_date(c) is not None)
    placeable = sum(1 for _ in islice(placed_in_time, MARKS_LIMIT + 1))
    if not placeable:
        return None
    title = f"Timeline of claims: {subject.name}"
    if placeable <= MARKS_LIMIT:
        dated = claim_spans(corpus, subject.claims)
        scale = _scale(dated.spans)
        rows = _stacked(corpus, dated.spans, scale)
        if all(lanes_needed(r) <= LANES_LIMIT for r in rows.values()):
            return _marks_picture(corpus, subject, links, dated, scale, rows, title)
    return bins_picture(corpus, subject.key, title, tally(corpus, subject.claims), links)


def _scale(spans: Sequence[Span]) -> Scale:
    years = [year for span in spans for year in span.known_years()]
    return Scale(min(years), max(years))


def _stacked(corpus: Corpus, spans: Sequence[Span], scale: Scale) -> dict[str, list[Placed]]:
    """Place every mark on the scale and stack each topic's overlapping marks."""
    by_topic: dict[str, list[Placed]] = defaultdict(list)
    for span in spans:
        by_topic[span.claim.topic].append(place(span, scale))
    return {t: stack(by_topic[t]) for t in by_name(corpus.topics, by_topic)}


def _marks_picture(
    corpus: Corpus,
    subject: _Subject,
    links: Links,
    dated: Dated,
    scale: Scale,
    rows: dict[str, list[Placed]],
    title: str,
) -> Picture:
    """Draw each claim as a mark in its topic's row, with a legend and a table of claims."""
    classes = topic_classes(rows)
    body: list[str] = []
    y = TOP
    for topic, placed in rows.items():
        body.append(row_label(corpus.topics[topic].name, classes[topic], y))
        body += draw_row(
            placed,
            scale,
            y + HEAD,
            classes[topic],
            lambda s: links.claim(s.claim),
            lambda s: _tooltip(corpus, subject, s),
        )
        y += HEAD + lanes_needed(placed) * LANE + ROW_GAP
        line = {"class": "pic-row", "x1": LABEL_X, "x2": PLOT_X1}
        body.append(el("line", {**line, "y1": y - ROW_GAP / 2, "y2": y - ROW_GAP / 2}))
    keys, key_height = legend(legend_items(dated.spans), y + AXIS_H)
    words = _caption(dated, scale)
    undated = len(dated.undated)
    markup = figure(
        "timeline",
        subject.key,
        (WIDTH, y + AXIS_H + key_height + 6),
        title,
        description(words, undated, "Each mark links to its claim"),
        axis(scale, TOP, y) + body + keys,
        esc(words) + undated_link(undated, links),
    )
    return Picture(title, markup, _claims_table(corpus, subject, links))


def _caption(dated: Dated, scale: Scale) -> str:
    published = sum(1 for s in dated.spans if s.shape == "published")
    years = f"{scale.first}" if scale.first == scale.last else f"{scale.first} to {scale.last}"
    words = f"{counted(len(dated.spans), 'claim')} by topic over time, {years}"
    if published:
        words += f"; {published} without a date of their own, at their source's publication date"
    return words + "."


def _tooltip(corpus: Corpus, subject: _Subject, span: Span) -> str:
    claim = span.claim
    when = said(span.date.text)
    if span.shape == "published":
        when = f"no date of its own; source published {when}"
    partner = f" (with {subject.partner(claim)})" if subject.partner else ""
    return f"{when} · {corpus.topics[claim.topic].name}{partner}: {claim.statement}"


def _page_order(corpus: Corpus, claim: Claim) -> tuple[bool, datetime.date, str]:
    """As pages list claims: by the earliest day their date can mean, undated last."""
    date = corpus.claim_date(claim)
    return (date is None, datetime.date.min if date is None else date.earliest, claim.id)


def _claims_table(corpus: Corpus, subject: _Subject, links: Links) -> Md:
    headers = ["Date", "Topic"] + (["Partner"] if subject.partner else []) + ["Claim"]
    # Each topic's name escaped once: a table names a few topics many times.
    topic_names = {t: escape.text(corpus.topics[t].name) for t in {c.topic for c in subject.claims}}
    rows = []
    for claim in sorted(subject.claims, key=lambda c: _page_order(corpus, c)):
        row = [_date_cell(corpus, claim), topic_names[claim.topic]]
        if subject.partner:
            row.append(escape.text(subject.partner(claim)))
        row.append(Md(f"[{escape.text(claim.statement)}]({links.claim_md(claim)})"))
        rows.append(row)
    return details("The timeline as a table", [table(headers, rows)])


def _date_cell(corpus: Corpus, claim: Claim) -> Md:
    if claim.date is not None:
        return escape.text(said(claim.date.text))
    published = corpus.sources[claim.source_id].published
    if published is None:
        return Md("undated")
    return escape.text(f"undated (source published {said(published.text)})")
