"""Check claims: unique ids, known actors and topics, real dates, quotes found verbatim."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Set
from math import floor

from ..model import ActorRegistry, Claim, Date, DateError, QuotePart, Topic, pair_key, parse_date
from ..problems import Location, Problem, codes
from .actors import unknown_message
from .quotes import DocumentIndex
from .yamltree import Mapping, Node, Scalar, Sequence


def read_date(node: Node | None, problems: list[Problem]) -> Date | None:
    """Parse a date field; report a date that is not one."""
    if not isinstance(node, Scalar):
        return None
    try:
        return _parsed_date(node.value)
    except DateError as err:
        problems.append(Problem(node.loc, codes.INVALID_DATE, str(err)))
        return None


# The same few dates recur across a corpus (years, mostly): parse each once. A Date is
# immutable, so claims may share one; a text that is no date raises again each time.
_parsed_date = functools.lru_cache(maxsize=4096)(parse_date)


def texts(node: Node | None) -> list[Scalar]:
    """The text items of a field written as one text or a list of texts."""
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Sequence):
        return [item for item in node.items if isinstance(item, Scalar)]
    return []


def quote_problem(part: Scalar, index: DocumentIndex, doc_path: str) -> Problem:
    """Say that a quote is not in its document, showing the closest passage."""
    closest = index.closest(part.value)
    if closest is None:
        return Problem(part.loc, codes.QUOTE_NOT_FOUND, f"quote not found in {doc_path}")
    line = index.text.count("\n", 0, closest.start) + 1
    passage = " ".join(closest.text.split())
    if len(passage) > 300:
        passage = passage[:300] + "…"
    details = [
        # Rounded down: a passage that is not the quote is never "100% similar".
        f"closest passage ({floor(closest.similarity * 100)}% similar), {doc_path} line {line}:",
        f"  «{passage}»",
    ]
    if closest.difference:
        details.append(f"first difference: {closest.difference}")
    return Problem(
        part.loc,
        codes.QUOTE_NOT_FOUND,
        f"quote not found verbatim in {doc_path}; copy it exactly from the document "
        "(only white space and Unicode normalisation are forgiven)",
        tuple(details),
    )


def _quote_parts(
    quote: Node | None,
    translation: Node | None,
    index: DocumentIndex | None,
    doc_path: str,
    problems: list[Problem],
) -> tuple[tuple[QuotePart, ...], str | None]:
    parts = texts(quote)
    translations = texts(translation)
    single = None
    if isinstance(translation, Scalar):
        single, translations = translation.value, []
    elif isinstance(translation, Sequence) and len(translations) != len(parts):
        problems.append(
            Problem(
                translation.loc,
                codes.TRANSLATION_COUNT,
                f"{len(translations)} translations for {len(parts)} quoted "
                "passages; give one per passage, or a single string",
            )
        )
        translations = []
    found = []
    for i, part in enumerate(parts):
        if index is None or not part.value.strip():
            continue  # an empty quote is reported by the schema
        passage = index.find(part.value)
        if passage is None:
            problems.append(quote_problem(part, index, doc_path))
            continue
        text = translations[i].value if translations else None
        found.append(QuotePart(part.value, passage.start, passage.end, text))
    return tuple(found), single


# Anchors of a pair page besides its claims': the year groups of its claims (`year-2023`,
# `undated`) and the entries of its list of sources (`source-<doc-id>`).
_YEAR_ANCHOR = re.compile(r"year-[0-9]{4}|undated")
SOURCE_ANCHOR = "source-"


def duplicate_id(claim_id: str, loc: Location, first: Location) -> Problem:
    """The problem of a claim id used a second time (at `loc`; first at `first`)."""
    return Problem(
        loc,
        codes.DUPLICATE_CLAIM_ID,
        f"claim id '{claim_id}' is already used at {first}; claim ids are unique across the corpus",
    )


class ClaimReader:
    """Turn claim mappings into Claims, checking ids, actors, topics, dates and quotes."""

    def __init__(
        self,
        actors: ActorRegistry,
        topics: tuple[Topic, ...] | None,
        doc_ids: Set[str] = frozenset(),
    ) -> None:
        self.actors = actors
        self.doc_ids = doc_ids
        # Without a readable topics.yml, one problem says so; topics are not judged.
        self.topic_ids = None if topics is None else {t.id for t in topics}
        self.seen: dict[str, Location] = {}
        self.pairs: set[tuple[str, str]] = set()  # of every claim read, valid or not
        self.problems: list[Problem] = []

    def _reserved(self, node: Scalar) -> bool:
        claim_id = node.value
        source_anchor = (
            claim_id.startswith(SOURCE_ANCHOR) and claim_id[len(SOURCE_ANCHOR) :] in self.doc_ids
        )
        if not (source_anchor or _YEAR_ANCHOR.fullmatch(claim_id)):
            return False
        self.problems.append(
            Problem(
                node.loc,
                codes.RESERVED_CLAIM_ID,
                f"claim id '{claim_id}' is reserved: pair pages use it as the anchor of "
                "a year or of a source; name the pair first and then the fact, as in "
                "kz-tr-anka-production-2024",
            )
        )
        return True

    def _unique(self, node: Scalar) -> bool:
        if self._reserved(node):
            return False
        first = self.seen.get(node.value)
        if first is not None:
            self.problems.append(duplicate_id(node.value, node.loc, first))
            return False
        self.seen[node.value] = node.loc
        return True

    def _pair(self, node: Node | None) -> tuple[str, str] | None:
        ids = texts(node)
        if len(ids) != 2 or not isinstance(node, Sequence):
            return None
        ok = True
        for actor in ids:
            if self.actors.get(actor.value) is None:
                if self.actors.is_unknown(actor.value):
                    self.problems.append(
                        Problem(
                            actor.loc,
                            codes.UNKNOWN_ACTOR,
                            unknown_message(self.actors, actor.value),
                        )
                    )
                ok = False
        if ids[0].value == ids[1].value:
            self.problems.append(
                Problem(
                    node.loc,
                    codes.SAME_ACTOR_TWICE,
                    f"pair names {ids[0].value} twice; a claim is about two different actors",
                )
            )
            ok = False
        return pair_key(ids[0].value, ids[1].value) if ok else None

    def _topic(self, node: Node | None) -> str | None:
        if not isinstance(node, Scalar):
            return None
        if self.topic_ids is None:
            return node.value
        if node.value not in self.topic_ids:
            known = ", ".join(sorted(self.topic_ids)) or "none declared"
            close = difflib.get_close_matches(node.value, self.topic_ids, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problems.append(
                Problem(
                    node.loc,
                    codes.UNKNOWN_TOPIC,
                    f"topic '{node.value}' is not declared in seeds/topics.yml; {hint}"
                    f"known topics: {known}; declare a new one there if none fits",
                )
            )
            return None
        return node.value

    def read(
        self, node: Node, source_id: str, index: DocumentIndex | None, doc_path: str
    ) -> Claim | None:
        """Check one claim mapping; return the Claim when it is valid."""
        if not isinstance(node, Mapping):
            return None
        # Its fields by name, once: looked up one by one, each a scan of the mapping, they
        # cost more than the dict (its keys are unique: the YAML reader drops a second one).
        get = {key.value: value for key, value in node.items}.get
        claim_id, statement = get("id"), get("statement")
        unique = isinstance(claim_id, Scalar) and self._unique(claim_id)
        pair, topic = self._pair(get("pair")), self._topic(get("topic"))
        if pair:
            self.pairs.add(pair)
        date_node, quote = get("date"), get("quote")
        date = read_date(date_node, self.problems)
        quotes, translation = _quote_parts(
            quote, get("translation"), index, doc_path, self.problems
        )
        if not (unique and pair and topic and isinstance(statement, Scalar) and quotes):
            return None
        if len(quotes) != len(texts(quote)) or (date_node and not date):
            return None
        assert isinstance(claim_id, Scalar)
        return Claim(
            claim_id.value,
            source_id,
            pair,
            topic,
            statement.value,
            quotes,
            claim_id.loc,
            date,
            translation,
        )
