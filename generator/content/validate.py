"""Validate stage: check raw seeds against FORMAT.md and build the content objects."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Set
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field

from ..config import Extension
from ..model import ActorRegistry, Claim, Content, PairSummary, Source, Topic, pair_slug
from ..problems import Location, Problem, codes
from .actors import read_actors, unknown_message
from .claims import ClaimReader
from .files import RawSeeds, TextFile, YamlFile
from .schema import check_schema
from .sources import doc_id_problem, read_annotation
from .summary import parse_summary
from .yamltree import Mapping, Scalar, Sequence, scalar_text

TOPIC_ID = re.compile(r"[a-z0-9-]{1,80}")


def read_topics(file: YamlFile | None, problems: list[Problem]) -> tuple[Topic, ...] | None:
    """Build the topic vocabulary from seeds/topics.yml; None if it cannot be read."""
    if file is None:
        problems.append(
            Problem(
                Location("seeds/topics.yml"),
                codes.MISSING_FILE,
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


def _read_pair(
    file: YamlFile,
    actors: ActorRegistry,
    claim_ids: set[str],
    complete: bool,
    problems: list[Problem],
    extensions: SequenceABC[Extension],
) -> PairSummary | None:
    ids = file.stem.split("-")
    loc = Location(file.path)
    if len(ids) != 2 or ids[0] >= ids[1] or file.stem != file.stem.upper():
        meant = sorted({part.upper() for part in re.split(r"[\s_.,+-]+", file.stem) if part})
        hint = f"; rename it {'-'.join(meant)}.yml" if len(meant) == 2 else ""
        problems.append(
            Problem(
                loc,
                codes.INVALID_PAIR_FILE,
                f"'{file.stem}.yml' must be named by two different actor ids (upper case) in "
                f"code-point order joined by '-', such as KZ-TR.yml{hint}",
            )
        )
        return None
    for actor in ids:
        if actors.is_unknown(actor):
            problems.append(Problem(loc, codes.UNKNOWN_ACTOR, unknown_message(actors, actor)))
    if file.root is None:
        return None
    problems.extend(check_schema("pair", file.root))
    text = file.root.get("summary") if isinstance(file.root, Mapping) else None
    if not isinstance(text, Scalar):
        return None
    exists = claim_ids.__contains__ if complete else (lambda _claim_id: True)
    parts, found = parse_summary(text.value, text.locate, exists, extensions)
    problems.extend(found)
    pair = (ids[0], ids[1])
    return PairSummary(pair, parts, loc) if pair_slug(pair) == file.stem else None


def document_problems(annotated: Set[str], stems: Set[str]) -> list[Problem]:
    """Documents without an annotation, and documents whose file name is no id."""
    problems = []
    for stem in sorted(stems - annotated):
        problems.append(
            Problem(
                Location(f"seeds/documents/{stem}.txt"),
                codes.DOCUMENT_WITHOUT_ANNOTATION,
                f"no seeds/annotations/{stem}.yml annotates this "
                "document; add one (briefings new writes a skeleton)",
            )
        )
    for stem in sorted(stems):
        found = doc_id_problem(stem, f"seeds/documents/{stem}.txt")
        if found is not None:
            problems.append(found)
    return problems


@dataclass(slots=True)
class Annotated:
    """What the annotations say once read: their sources and valid claims, the problems of
    their claims, every claim id with where it is first used, every pair named, and whether
    every file's claims could be read at all (`complete`)."""

    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, Location] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    complete: bool = True


def read_annotations(
    files: Iterable[YamlFile],
    docs: Callable[[str], TextFile | None],
    stems: frozenset[str],
    reader: ClaimReader,
    problems: list[Problem],
) -> Annotated:
    """Check annotation files against their documents (`docs` finds a stem's document)."""
    annotated = Annotated(seen=reader.seen, pairs=reader.pairs, problems=reader.problems)
    for file in files:
        source, found = read_annotation(file, docs(file.stem), stems, reader, problems)
        if source is not None:
            annotated.sources.append(source)
        annotated.claims.extend(found)
        annotated.complete &= isinstance(file.root, Mapping) and isinstance(
            file.root.get("claims"), Sequence
        )
    return annotated


def validate_seeds(
    raw: RawSeeds, extensions: SequenceABC[Extension]
) -> tuple[Content | None, list[Problem]]:
    """Check everything, collecting every problem; return content only when there are none.

    `extensions` are the site's Markdown extensions: summaries are checked as rendered.
    """
    problems: list[Problem] = []
    topics = read_topics(raw.topics, problems)
    actors = read_actors(raw.actors, problems)
    docs = {doc.stem: doc for doc in raw.documents}
    reader = ClaimReader(actors, topics, raw.document_stems)
    annotated = read_annotations(raw.annotations, docs.get, raw.document_stems, reader, problems)
    problems.extend(document_problems({f.stem for f in raw.annotations}, raw.document_stems))
    return finish_validation(raw.pairs, actors, topics, annotated, problems, extensions)


def finish_validation(
    pairs: Iterable[YamlFile],
    actors: ActorRegistry,
    topics: tuple[Topic, ...] | None,
    annotated: Annotated,
    problems: list[Problem],
    extensions: SequenceABC[Extension],
) -> tuple[Content | None, list[Problem]]:
    """Check the pair summaries against the claims read; the content, or every problem."""
    problems.extend(annotated.problems)
    # A citation can only be judged when every annotation's claims could be read.
    complete = annotated.complete
    claim_ids = set(annotated.seen)
    summaries = [
        s for f in pairs if (s := _read_pair(f, actors, claim_ids, complete, problems, extensions))
    ]
    # A pair whose claims were all rejected is not "without claims": fix those first.
    if complete and not annotated.problems:
        problems.extend(
            Problem(
                s.loc,
                codes.PAIR_WITHOUT_CLAIMS,
                f"this summary is for {pair_slug(s.pair)}, but no claim is about "
                "that pair, so it has no page; add claims or remove the file",
            )
            for s in summaries
            if s.pair not in annotated.pairs
        )
    if problems or topics is None:
        return None, problems
    content = Content(
        actors, topics, tuple(annotated.sources), tuple(annotated.claims), tuple(summaries)
    )
    return content, []
