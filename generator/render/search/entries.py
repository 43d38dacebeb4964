"""What search finds: every claim, every passage of a source text, and the site's pages.

An entry is what one result shows (its record, stored for the browser) and the texts it is
found by, each with a weight: a word in a claim's statement counts more than the same word
in its translation, and far more than in a long source text. Entries are numbered in the
order results tie: pages, then claims from the newest, then passages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

from ...corpus import Corpus
from ...model import Claim, Date, Source, pair_slug
from ...model.iso import language_name
from ..links import ClaimPages
from ..source_text import paragraphs
from .fold import terms

# How much a word counts where it is found (the impact the index stores, 1 to 8).
TITLE = 8
STATEMENT = 7
QUOTE = 6
TRANSLATION = 5
NAME = 3  # the pair's actors and their aliases, the topic, a source's publisher
DATE = 2
PASSAGE = 1
MAX_WEIGHT = TITLE

# Record kinds, the first field of every stored record (engine.js reads them).
PAGE, CLAIM, PASSAGE_KIND = 0, 1, 2
# A passage result shows the start of its paragraph, cut at a word, up to this length.
EXCERPT = 160

Record = tuple[object, ...]
Fields = tuple[tuple[int, str], ...]


class Entry(NamedTuple):
    """One search result: the texts it is found by, with weights, and what it shows.

    A named tuple, not a frozen dataclass: a corpus makes hundreds of thousands of them, and
    a frozen dataclass's __init__ costs several times more.
    """

    fields: Fields
    record: Record
    # Terms already folded, each with its weight, all below every field's: what many
    # entries share (a pair's names, a topic, a date) is folded once, not with each entry.
    preset: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class Handwritten:
    """A hand-written page of docs/ (Markdown), indexed by its title and sections."""

    path: str  # docs/-relative, e.g. methodology.md
    markdown: str


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of a text up to `limit` characters, cut after a whole word."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + " …"


def _claim_order(corpus: Corpus) -> list[Claim]:
    """Claims from the newest (by their date, else their source's), undated last."""

    def key(claim: Claim) -> tuple[bool, int, str]:
        date = corpus.claim_date(claim)
        latest = date.latest.toordinal() if date else datetime.date.min.toordinal()
        return (date is None, -latest, claim.id)

    return sorted(corpus.claims.values(), key=key)


def _source_order(corpus: Corpus) -> list[Source]:
    def key(source: Source) -> tuple[bool, int, str]:
        date = source.published
        return (date is None, -date.latest.toordinal() if date else 0, source.id)

    return sorted(corpus.sources.values(), key=key)


def _names(corpus: Corpus, actor_id: str) -> list[str]:
    actor = corpus.actor(actor_id)
    return [actor.name, *actor.aliases]


def _pair_names(corpus: Corpus, pair: tuple[str, str]) -> str:
    return " ".join([*_names(corpus, pair[0]), *_names(corpus, pair[1])])


def pair_title(corpus: Corpus, pair: tuple[str, str]) -> str:
    """`Kazakhstan – Türkiye`, as the pair's page is titled."""
    return f"{corpus.actor(pair[0]).name} – {corpus.actor(pair[1]).name}"


def _quote(claim: Claim) -> str:
    return " … ".join(q.text for q in claim.quotes)


def _translation(claim: Claim) -> str:
    if claim.translation:
        return claim.translation
    return " … ".join(q.translation for q in claim.quotes if q.translation)


class _Said:
    """Dates said in English and their terms, each distinct date once."""

    def __init__(self) -> None:
        self._said: dict[str, tuple[str, dict[str, int]]] = {}

    def __call__(self, date: Date) -> tuple[str, dict[str, int]]:
        said = self._said.get(date.text)
        if said is None:
            text = date.display()
            said = self._said[date.text] = (text, dict.fromkeys(terms(text), DATE))
        return said


def claim_entries(corpus: Corpus, pair_index: Mapping[tuple[str, str], int]) -> Iterator[Entry]:
    """Every claim: found by statement, quote, translation, actors, topic and date."""
    said = _Said()
    pages = ClaimPages(corpus)
    # The pair's actors by name and alias, the topic's name: folded once per pair, topic.
    pairs = {pair: dict.fromkeys(terms(_pair_names(corpus, pair)), NAME) for pair in pair_index}
    topics = {t: dict.fromkeys(terms(topic.name), NAME) for t, topic in corpus.topics.items()}
    for claim in _claim_order(corpus):
        source = corpus.sources[claim.source_id]
        dated: dict[str, int] = {}
        if claim.date is not None:
            when, dated = said(claim.date)
        elif source.published is not None:
            when = f"undated (source published {said(source.published)[0]})"
        else:
            when = "undated"
        quote = _quote(claim)
        translation = _translation(claim)
        fields: Fields = (
            (STATEMENT, claim.statement),
            (QUOTE, quote),
            (TRANSLATION, translation),
        )
        record: Record = (
            CLAIM,
            pair_index[claim.pair],
            when,
            claim.statement,
            quote,
            source.language,
            translation,
            source.id,
            claim.id,
            # A long pair lists its claims on pages of some years each: the claim's, as
            # `1991-1996/`.
            *([pages.year_part(claim)] if pages.split(claim.pair) else []),
        )
        yield Entry(fields, record, {**dated, **pairs[claim.pair], **topics[claim.topic]})


def passage_sources(corpus: Corpus) -> list[Source]:
    """The sources whose paragraphs are passages, in the order their entries are numbered."""
    return _source_order(corpus)


def passage_records(source: Source) -> Iterator[tuple[str, Record]]:
    """Each paragraph of a source: its text, and the record of its result."""
    for number, (start, end) in enumerate(paragraphs(source.text), start=1):
        text = source.text[start:end]
        yield text, (PASSAGE_KIND, source.id, number, source.label, excerpt(text), source.language)


def page_entries(
    corpus: Corpus, site_name: str, handwritten: tuple[Handwritten, ...]
) -> Iterator[Entry]:
    """The site's pages, found by their titles: pairs, actors, sources, indexes, hand-written."""
    for path, title in (
        ("", site_name),
        ("pairs/", "Pairs"),
        ("actors/", "Actors"),
        ("sources/", "Sources"),
    ):
        yield Entry(((TITLE, title),), (PAGE, title, path, "Index"))
    for page in handwritten:
        yield from _handwritten_entries(page)
    for view in corpus.pairs:
        a, b = view.pair
        aliases = " ".join([*corpus.actor(a).aliases, *corpus.actor(b).aliases])
        title = pair_title(corpus, view.pair)
        count = len(view.claims)
        detail = f"Pair · {count} claim{'s' if count != 1 else ''}"
        fields: Fields = ((TITLE, title), (NAME, aliases))
        yield Entry(fields, (PAGE, title, f"pairs/{pair_slug(view.pair)}/", detail))
    for actor_id in corpus.pairs_by_actor:
        actor = corpus.actor(actor_id)
        fields = ((TITLE, actor.name), (NAME, " ".join([actor_id, *actor.aliases])))
        yield Entry(fields, (PAGE, actor.name, f"actors/{actor_id}/", "Actor"))
    for source in corpus.sources.values():
        fields = (
            (TITLE, source.label),
            (TRANSLATION, source.title_en or ""),
            (NAME, " ".join(filter(None, (source.publisher, source.author)))),
        )
        detail = f"Source · {language_name(source.language)}"
        yield Entry(fields, (PAGE, source.label, f"sources/{source.id}/", detail))


# A Markdown heading: its level, its text, and an attribute list naming its id.
_HEADING = re.compile(r"^(#{1,3})[ \t]+(.+?)[ \t#]*$")
_ATTR_ID = re.compile(r"[ \t]*\{:?[^}]*#([\w-]+)[^}]*\}$")
_INLINE = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")
_FENCE = re.compile(r"^(```|~~~)")


def _sections(markdown: str) -> Iterator[tuple[int, str, str, str]]:
    """(level, title, id, body) of each heading of a page, as MkDocs' toc names them."""
    heading: tuple[int, str, str] | None = None
    body: list[str] = []
    fenced = False
    taken: set[str] = set()
    for line in [*markdown.splitlines(), "# end"]:
        if _FENCE.match(line):
            fenced = not fenced
        found = None if fenced else _HEADING.match(line)
        if found is None:
            body.append(line)
            continue
        if heading is not None:
            yield (*heading, " ".join(" ".join(body).split()))
        text = found.group(2)
        given = _ATTR_ID.search(text)
        text = _INLINE.sub(lambda m: m.group(1) or "", text[: given.start()] if given else text)
        anchor = given.group(1) if given else str(slugify(text, "-"))
        # toc numbers a repeated id: `limits`, `limits_1`.
        unique, n = anchor, 0
        while unique in taken:
            n += 1
            unique = f"{anchor}_{n}"
        taken.add(unique)
        heading, body = (len(found.group(1)), text.strip(), unique), []


def _handwritten_entries(page: Handwritten) -> Iterator[Entry]:
    folder = page.path.removesuffix(".md")
    url = "" if folder == "index" else f"{folder.removesuffix('/index')}/"
    title = ""
    for level, heading, anchor, body in _sections(page.markdown):
        if level == 1:
            title = heading
            yield Entry(((TITLE, heading), (PASSAGE, body)), (PAGE, heading, url, "Page"))
            continue
        name = f"{title}: {heading}" if title else heading
        record: Record = (PAGE, name, f"{url}#{anchor}", excerpt(body))
        yield Entry(((TITLE, heading), (NAME, title), (PASSAGE, body)), record)
