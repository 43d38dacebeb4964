"""What every page says the same way: names of actors, pairs, topics and sources, dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import Corpus, PairView
from ..markup import escape
from ..markup.escape import Md
from ..model import Date, Source, pair_slug, parse_date
from ..model.iso import language_name
from .links import ClaimPages

# A source's short label (as in a shortened footnote) keeps this many characters of its title.
LABEL_LENGTH = 60


# A corpus of 10,000 documents writes some 9,000 distinct dates: the cache holds them all
# (pages ask in their order, and a smaller cache would keep losing the ones asked again).
@lru_cache(maxsize=1 << 15)
def _date_text(written: str) -> Md:
    return escape.text(parse_date(written).display())


def date_text(date: Date | None) -> Md:
    """Show a date for readers, or say it is undated."""
    # Cached by the date as written, which alone says how it reads: a str keeps its hash,
    # a Date (a dataclass) would hash its three fields again on every call, once a claim.
    return _date_text(date.text) if date is not None else Md("undated")


def year_span(first: Date | None, last: Date | None, to: str = " to ") -> Md | None:
    """Say the years a set of dates covers: `1991 to 2024`, `2023`; None when none is dated.

    Tables join the years with an en dash (`to="–"`), which word joiners keep on one line in
    a narrow column: `1991–2024`.
    """
    if first is None or last is None:
        return None
    start, end = first.earliest.year, last.latest.year
    if start == end:
        return Md(f"{start}")
    return Md(f"{start}\u2060–\u2060{end}" if to == "–" else f"{start}{to}{end}")


def language_label(tag: str) -> Md:
    """`Polish (pl)`: a language by name, with its tag."""
    return escape.text(f"{language_name(tag)} ({tag})")


def shorten(text: str, limit: int = LABEL_LENGTH) -> str:
    """Cut text at a word boundary before `limit` characters, marking the cut with `…`."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0] if " " in words[: limit - 1] else words[: limit - 1]
    return cut.rstrip(" ,;:.–-") + "…"


def _uncertain(date: Date) -> bool:
    return "?" in date.text or "%" in date.text


@dataclass(frozen=True, slots=True)
class TopicCount:
    """A topic and how many claims of a page's set have it."""

    id: Md
    name: Md
    count: int


class Names:
    """Name the corpus's actors, pairs, topics and sources for readers, as Markdown."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.pages = ClaimPages(corpus)
        # Names said on many pages are escaped once (a source is cited on many pair pages).
        self._actors: dict[str, Md] = {}
        self._topics: dict[str, Md] = {}
        self._labels: dict[str, Md] = {}
        self._descriptions: dict[str, Md] = {}

    def actor_name(self, actor_id: str) -> Md:
        name = self._actors.get(actor_id)
        if name is None:
            name = self._actors[actor_id] = escape.text(self.corpus.actor(actor_id).name)
        return name

    def topic_name(self, topic_id: str) -> Md:
        name = self._topics.get(topic_id)
        if name is None:
            name = self._topics[topic_id] = escape.text(self.corpus.topics[topic_id].name)
        return name

    def pair_title(self, view: PairView) -> Md:
        a, b = view.pair
        return Md(f"{self.actor_name(a)} – {self.actor_name(b)}")

    def topic_names(self, topic_ids: Iterable[str]) -> Md:
        """Name topics as readers look for them: in alphabetical order of their names."""
        names = sorted((self.corpus.topics[t].name for t in topic_ids), key=str.casefold)
        return escape.join([escape.text(name) for name in names], ", ")

    def topic_counts(self, topic_ids: Iterable[str]) -> list[TopicCount]:
        """Count topics, the most frequent first (then by name)."""
        counts = Counter(topic_ids)
        topics = self.corpus.topics
        order = sorted(counts, key=lambda t: (-counts[t], topics[t].name.casefold(), t))
        return [TopicCount(Md(t), self.topic_name(t), counts[t]) for t in order]

    def topics_with_counts(self, topic_ids: Iterable[str]) -> Md:
        """`Co-production (9), Agreements (6)`: topics, the most frequent first."""
        return escape.join(
            [Md(f"{t.name} ({t.count})") for t in self.topic_counts(topic_ids)], ", "
        )

    def source_title(self, source: Source) -> Md:
        """The source's own title, marked with its language (it is in the source's language)."""
        if not source.title:
            return escape.text(source.label)
        return Md(f'<span lang="{source.language}">{escape.text(source.title)}</span>')

    def published(self, source: Source) -> Md:
        """Say when a source was published, and whether the date is inferred, not stated."""
        if source.published is None:
            return Md("no date")
        if source.published_inferred:
            return Md(f"publication date inferred: {date_text(source.published)}")
        return Md(f"published {date_text(source.published)}")

    def source_description(self, source: Source) -> Md:
        """Describe a source in full, as a list of sources does: title, publisher, date, language.

        A pair page describes each source it cites once, in its list of sources at the end.
        It is inline HTML (the title in <em>), which Markdown passes on as it is.
        """
        description = self._descriptions.get(source.id)
        if description is None:
            description = self._descriptions[source.id] = self._description(source)
        return description

    def _description(self, source: Source) -> Md:
        if source.title:
            head = Md(f"<em>{self.source_title(source)}</em>")
            if source.title_en:
                head = Md(f"{head} ({escape.text(source.title_en)})")
        else:
            head = Md(f"Untitled ({escape.text(source.id)})")
            if source.title_en:
                head = Md(f"{head}: {escape.text(source.title_en)}")
        # What the source does not say is said too: a reader weighs an unknown publisher.
        publisher = escape.text(source.publisher) if source.publisher else Md("no publisher")
        bits = [head, publisher, self.published(source), language_label(source.language)]
        return escape.join(bits, ", ")

    def source_label(self, source: Source) -> Md:
        """Name a source in short, as a shortened footnote does: its title, cut, and its year."""
        label = self._labels.get(source.id)
        if label is None:
            label = self._labels[source.id] = self._label(source)
        return label

    def _label(self, source: Source) -> Md:
        # The English title reads best on an English page; the original title, in its
        # language, when there is no English one.
        if source.title_en:
            title = escape.text(shorten(source.title_en))
        elif source.title:
            title = Md(
                f'<span lang="{source.language}">{escape.text(shorten(source.title))}</span>'
            )
        else:
            title = escape.text(f"Untitled ({source.id})")
        date = source.published
        if date is None:
            return Md(f"{title}, undated")
        start, end = date.earliest.year, date.latest.year
        years = f"{start}" if start == end else f"{start}–{end}"
        mark = "?" if source.published_inferred or _uncertain(date) else ""
        return Md(f"{title}, {years}{mark}")

    def pair_row(self, view: PairView, prefix: str) -> PairRow:
        return PairRow(
            title=self.pair_title(view),
            link=Md(f"{prefix}pairs/{pair_slug(view.pair)}.md"),
            claims=len(view.claims),
            sources=len(view.source_ids),
            dates=year_span(view.first, view.last, "–") or Md("undated"),
            topics=self.topic_names(view.topic_ids),
        )


@dataclass(frozen=True, slots=True)
class PairRow:
    """A pair in a table of pairs: its title and link, counts, years and topics."""

    title: Md
    link: Md
    claims: int
    sources: int
    dates: Md  # the years its dated claims cover, or `undated`
    topics: Md
