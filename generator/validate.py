"""Validate stage: check raw seeds against FORMAT.md and build the content objects."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from math import floor

import pycountry

from .actors import ActorRegistry, iso_country, read_actors
from .dates import Date, DateError, parse_date
from .load import RawSeeds, TextFile, YamlFile
from .model import Claim, PairSummary, QuotePart, Source, Topic, pair_key, pair_slug
from .problems import Location, Problem
from .quotes import DocumentIndex
from .schema import check_schema
from .summary import parse_summary
from .yamltree import Mapping, Node, Scalar, Sequence, scalar_text

DOC_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
# A source page is sources/<doc-id>.md; sources/index.md is the list of all sources.
RESERVED_DOC_IDS = frozenset({"index"})
TOPIC_ID = re.compile(r"[a-z0-9-]{1,80}")
SOURCE_FIELDS = ("title", "title_en", "publisher", "author", "url", "note")


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the input says, validated; the corpus stage indexes it."""

    actors: ActorRegistry
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    summaries: tuple[PairSummary, ...]


def _date(node: Node | None, problems: list[Problem]) -> Date | None:
    if not isinstance(node, Scalar):
        return None
    try:
        return parse_date(node.value)
    except DateError as err:
        problems.append(Problem(node.loc, "invalid-date", str(err)))
        return None


def read_topics(file: YamlFile | None, problems: list[Problem]) -> tuple[Topic, ...] | None:
    """Build the topic vocabulary from seeds/topics.yml; None if it cannot be read."""
    if file is None:
        problems.append(
            Problem(
                Location("seeds/topics.yml"),
                "missing-file",
                "seeds/topics.yml is missing; declare the topics claims use",
            )
        )
        return None
    if file.root is None:
        return None
    problems.extend(check_schema("topics", file.root))
    if not isinstance(file.root, Mapping):
        return ()
    topics = []
    for key, value in file.root.items:
        if not TOPIC_ID.fullmatch(key.value):
            continue  # reported by the schema
        if isinstance(value, Mapping) and isinstance(value.get("name"), Scalar):
            topics.append(
                Topic(
                    key.value,
                    scalar_text(value.get("name")) or "",
                    scalar_text(value.get("description")) or "",
                    key.loc,
                )
            )
    return tuple(topics)


def _texts(node: Node | None) -> list[Scalar]:
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Sequence):
        return [item for item in node.items if isinstance(item, Scalar)]
    return []


def _quote_problem(part: Scalar, index: DocumentIndex, doc_path: str) -> Problem:
    closest = index.closest(part.value)
    if closest is None:
        return Problem(part.loc, "quote-not-found", f"quote not found in {doc_path}")
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
        "quote-not-found",
        f"quote not found verbatim in {doc_path}; copy it exactly from the document "
        "(only white space and Unicode normalisation are forgiven)",
        tuple(details),
    )


def _quote_parts(
    claim: Mapping, index: DocumentIndex | None, doc_path: str, problems: list[Problem]
) -> tuple[tuple[QuotePart, ...], str | None]:
    parts = _texts(claim.get("quote"))
    translation = claim.get("translation")
    translations = _texts(translation)
    single = None
    if isinstance(translation, Scalar):
        single, translations = translation.value, []
    elif isinstance(translation, Sequence) and len(translations) != len(parts):
        problems.append(
            Problem(
                translation.loc,
                "translation-count",
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
            problems.append(_quote_problem(part, index, doc_path))
            continue
        text = translations[i].value if translations else None
        found.append(QuotePart(part.value, passage.start, passage.end, text))
    return tuple(found), single


class _ClaimReader:
    """Turn claim mappings into Claims, checking ids, actors, topics, dates and quotes."""

    def __init__(self, actors: ActorRegistry, topics: tuple[Topic, ...] | None) -> None:
        self.actors = actors
        # Without a readable topics.yml, one problem says so; topics are not judged.
        self.topic_ids = None if topics is None else {t.id for t in topics}
        self.seen: dict[str, Location] = {}
        self.pairs: set[tuple[str, str]] = set()  # of every claim read, valid or not
        self.problems: list[Problem] = []

    def _unique(self, node: Scalar) -> bool:
        first = self.seen.get(node.value)
        if first is not None:
            self.problems.append(
                Problem(
                    node.loc,
                    "duplicate-claim-id",
                    f"claim id '{node.value}' is already used at {first}; "
                    "claim ids are unique across the corpus",
                )
            )
            return False
        self.seen[node.value] = node.loc
        return True

    def _pair(self, node: Node | None) -> tuple[str, str] | None:
        ids = _texts(node)
        if len(ids) != 2 or not isinstance(node, Sequence):
            return None
        ok = True
        for actor in ids:
            if self.actors.get(actor.value) is None:
                if self.actors.is_unknown(actor.value):
                    self.problems.append(
                        Problem(
                            actor.loc, "unknown-actor", self.actors.unknown_message(actor.value)
                        )
                    )
                ok = False
        if ids[0].value == ids[1].value:
            self.problems.append(
                Problem(
                    node.loc,
                    "same-actor-twice",
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
                    "unknown-topic",
                    f"topic '{node.value}' is not declared in seeds/topics.yml; {hint}"
                    f"known topics: {known}; declare a new one there if none fits",
                )
            )
            return None
        return node.value

    def read(
        self, node: Node, source_id: str, index: DocumentIndex | None, doc_path: str
    ) -> Claim | None:
        if not isinstance(node, Mapping):
            return None
        claim_id, statement = node.get("id"), node.get("statement")
        unique = isinstance(claim_id, Scalar) and self._unique(claim_id)
        pair, topic = self._pair(node.get("pair")), self._topic(node.get("topic"))
        if pair:
            self.pairs.add(pair)
        date = _date(node.get("date"), self.problems)
        quotes, translation = _quote_parts(node, index, doc_path, self.problems)
        if not (unique and pair and topic and isinstance(statement, Scalar) and quotes):
            return None
        if len(quotes) != len(_texts(node.get("quote"))) or (node.get("date") and not date):
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


LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")


def language_problem(tag: str) -> str | None:
    """Say what is wrong with a language tag whose primary part is no ISO 639 language."""
    if not LANGUAGE_TAG.fullmatch(tag):
        return None  # the schema reports the shape
    primary = tag.split("-")[0]
    field = "alpha_2" if len(primary) == 2 else "alpha_3"
    if pycountry.languages.get(**{field: primary.lower()}) is None:
        country = iso_country(primary.upper())
        hint = (
            f" ({primary.upper()} is the country code of {country.name}, not a language)"
            if country is not None
            else ""
        )
        return (
            f"'{tag}' is not a language: '{primary}' is no ISO 639 language code{hint}; "
            "write the language's code, such as kk (Kazakh), ru, uk, pl or tl"
        )
    if primary != primary.lower():
        return f"write the language code in lower case: '{primary.lower()}{tag[len(primary) :]}'"
    return None


def _source(file: YamlFile, doc: TextFile, problems: list[Problem]) -> Source | None:
    assert isinstance(file.root, Mapping)
    node = file.root.get("source")
    if not isinstance(node, Mapping) or not isinstance(node.get("language"), Scalar):
        return None
    language = node.get("language")
    assert isinstance(language, Scalar)
    wrong = language_problem(language.value)
    if wrong is not None:
        problems.append(Problem(language.loc, "unknown-language", wrong))
        return None
    fields = {name: scalar_text(node.get(name)) for name in SOURCE_FIELDS}
    return Source(
        id=file.stem,
        language=scalar_text(node.get("language")) or "",
        text=doc.text,
        text_path=doc.path,
        loc=node.loc,
        published=_date(node.get("published"), problems),
        accessed=_date(node.get("accessed"), problems),
        **fields,
    )


def _read_annotation(
    file: YamlFile,
    docs: dict[str, TextFile],
    stems: frozenset[str],
    claims: _ClaimReader,
    problems: list[Problem],
) -> tuple[Source | None, list[Claim]]:
    if not DOC_ID.fullmatch(file.stem):
        problems.append(
            Problem(
                Location(file.path),
                "invalid-doc-id",
                f"'{file.stem}' is not a valid document id: use 1-100 of a-z, "
                "0-9, _ and -, starting with a letter or digit",
            )
        )
    doc = docs.get(file.stem)
    if file.stem not in stems:
        problems.append(
            Problem(
                Location(file.path),
                "annotation-without-document",
                f"there is no seeds/documents/{file.stem}.txt for this "
                "annotation; add the document or rename the file",
            )
        )
    if file.root is None:
        return None, []
    problems.extend(check_schema("annotation", file.root))
    if not isinstance(file.root, Mapping):
        return None, []
    source = _source(file, doc, problems) if doc else None
    index = DocumentIndex.build(doc.text) if doc else None
    doc_path = doc.path if doc else f"seeds/documents/{file.stem}.txt"
    found = []
    node = file.root.get("claims")
    for item in node.items if isinstance(node, Sequence) else ():
        claim = claims.read(item, file.stem, index, doc_path)
        if claim is not None:
            found.append(claim)
    return source, found


def _read_pair(
    file: YamlFile,
    actors: ActorRegistry,
    claim_ids: set[str],
    complete: bool,
    problems: list[Problem],
) -> PairSummary | None:
    ids = file.stem.split("-")
    loc = Location(file.path)
    if len(ids) != 2 or ids[0] >= ids[1] or file.stem != file.stem.upper():
        meant = sorted({part.upper() for part in re.split(r"[\s_.,+-]+", file.stem) if part})
        hint = f"; rename it {'-'.join(meant)}.yml" if len(meant) == 2 else ""
        problems.append(
            Problem(
                loc,
                "invalid-pair-file",
                f"'{file.stem}.yml' must be named by two different actor ids (upper case) in "
                f"code-point order joined by '-', such as KZ-TR.yml{hint}",
            )
        )
        return None
    for actor in ids:
        if actors.is_unknown(actor):
            problems.append(Problem(loc, "unknown-actor", actors.unknown_message(actor)))
    if file.root is None:
        return None
    problems.extend(check_schema("pair", file.root))
    text = file.root.get("summary") if isinstance(file.root, Mapping) else None
    if not isinstance(text, Scalar):
        return None
    exists = claim_ids.__contains__ if complete else (lambda _claim_id: True)
    parts, found = parse_summary(text.value, text.locate, exists)
    problems.extend(found)
    pair = (ids[0], ids[1])
    return PairSummary(pair, parts, loc) if pair_slug(pair) == file.stem else None


def validate_seeds(raw: RawSeeds) -> tuple[Content | None, list[Problem]]:
    """Check everything, collecting every problem; return content only when there are none."""
    problems: list[Problem] = []
    topics = read_topics(raw.topics, problems)
    actors = read_actors(raw.actors, problems)
    docs = {doc.stem: doc for doc in raw.documents}
    reader = _ClaimReader(actors, topics)
    sources, claims = [], []
    for file in raw.annotations:
        source, found = _read_annotation(file, docs, raw.document_stems, reader, problems)
        if source is not None:
            sources.append(source)
        claims.extend(found)
    problems.extend(reader.problems)
    annotated = {file.stem for file in raw.annotations}
    for stem in sorted(raw.document_stems - annotated):
        problems.append(
            Problem(
                Location(f"seeds/documents/{stem}.txt"),
                "document-without-annotation",
                f"no seeds/annotations/{stem}.yml annotates this "
                "document; add one (briefings new writes a skeleton)",
            )
        )
    for stem in sorted(raw.document_stems):
        if stem in RESERVED_DOC_IDS:
            problems.append(
                Problem(
                    Location(f"seeds/documents/{stem}.txt"),
                    "invalid-doc-id",
                    f"'{stem}' is reserved: the page of this document would replace the "
                    "list of all sources on the site; rename the document and its "
                    "annotation (briefings new gives ids such as 003_5f1c2b9a0e7d4c61)",
                )
            )
        elif not DOC_ID.fullmatch(stem):
            problems.append(
                Problem(
                    Location(f"seeds/documents/{stem}.txt"),
                    "invalid-doc-id",
                    f"'{stem}' is not a valid document id: use 1-100 of a-z, "
                    "0-9, _ and -, starting with a letter or digit",
                )
            )
    # A citation can only be judged when every annotation's claims could be read.
    complete = all(
        isinstance(file.root, Mapping) and isinstance(file.root.get("claims"), Sequence)
        for file in raw.annotations
    )
    claim_ids = set(reader.seen)
    summaries = [
        s for f in raw.pairs if (s := _read_pair(f, actors, claim_ids, complete, problems))
    ]
    # A pair whose claims were all rejected is not "without claims": fix those first.
    if complete and not reader.problems:
        pairs = reader.pairs
        problems.extend(
            Problem(
                s.loc,
                "pair-without-claims",
                f"this summary is for {pair_slug(s.pair)}, but no claim is about "
                "that pair, so it has no page; add claims or remove the file",
            )
            for s in summaries
            if s.pair not in pairs
        )
    if problems or topics is None:
        return None, problems
    return Content(actors, topics, tuple(sources), tuple(claims), tuple(summaries)), []
