"""`briefings diff REV`: compare the corpus on two sides (a revision, the working tree).

Each side is opened through the one entry point (corpus.open_corpus); a side that does not
pass `briefings check` is compared as nothing and reported with its problems. Reading a
revision is revision.py; writing the report for reviewers is report.py.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path

from ...config import SiteConfig
from ...content.files import SEEDS, no_seeds
from ...content.sources import SOURCE_FIELDS
from ...corpus import Corpus, open_corpus
from ...model import ActorRegistry, Claim, Source, SummaryPart, pair_slug
from ...problems import Problem
from ..batch import paused_gc

# The fields of a claim a reviewer compares, in the order the report shows them.
CLAIM_FIELDS = ("statement", "quote", "translation", "date", "topic", "pair", "source")
# The metadata of a source, in the order the report shows it.
SOURCE_KEYS = ("language", *SOURCE_FIELDS, "published", "accessed")


class DiffError(Exception):
    """A reason the comparison cannot be made (no git, unknown revision), said for people."""


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim as a reviewer compares it: every field as text, as written."""

    id: str
    source: str
    pair: tuple[str, str]
    topic: str = ""
    date: str = ""
    statement: str = ""
    quote: tuple[str, ...] = ()
    translation: tuple[str, ...] = ()

    def value(self, name: str) -> str:
        """Return one field as display text (quotes and translations joined)."""
        match name:
            case "pair":
                return pair_slug(self.pair)
            case "quote" | "translation":
                return " … ".join(f"«{part}»" for part in getattr(self, name))
        return str(getattr(self, name))


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A source document: its text and its metadata."""

    id: str
    text: str
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """Name the source as the site does: its title, else its English title."""
        fields = dict(self.metadata)
        return fields.get("title") or fields.get("title_en") or ""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the comparison: the corpus at a revision, or the working tree."""

    label: str
    problems: tuple[Problem, ...]  # why the side is not valid; then it holds nothing else
    claims: MappingABC[str, ClaimRecord]
    documents: MappingABC[str, DocumentRecord]
    summaries: MappingABC[tuple[str, str], str]
    actors: ActorRegistry

    @property
    def pairs(self) -> set[tuple[str, str]]:
        """Return the pairs that have at least one claim (those that get a page)."""
        return {c.pair for c in self.claims.values()}


# -- reading a side -----------------------------------------------------------------------


def _claim_record(claim: Claim) -> ClaimRecord:
    if claim.translation is not None:
        translation: tuple[str, ...] = (claim.translation,)
    else:
        translation = tuple(q.translation for q in claim.quotes if q.translation is not None)
    return ClaimRecord(
        claim.id,
        claim.source_id,
        claim.pair,
        claim.topic,
        claim.date.text if claim.date else "",
        claim.statement,
        tuple(q.text for q in claim.quotes),
        translation,
    )


def _metadata(source: Source) -> tuple[tuple[str, str], ...]:
    found = []
    for key in SOURCE_KEYS:
        value = getattr(source, key)
        text = getattr(value, "text", value)
        if text:
            found.append((key, str(text)))
    return tuple(found)


def _summary_text(parts: tuple[SummaryPart, ...]) -> str:
    """The summary as written: its Markdown, each citation as [@claim-id]."""
    return "".join(f"[@{p.claim_id}]" if p.claim_id else p.markdown for p in parts)


def corpus_side(corpus: Corpus, label: str) -> Side:
    """Take claims, documents and summaries from a valid corpus: exactly what the site shows."""
    return Side(
        label,
        (),
        {c.id: _claim_record(c) for c in corpus.claims.values()},
        {s.id: DocumentRecord(s.id, s.text, _metadata(s)) for s in corpus.sources.values()},
        {v.pair: _summary_text(v.summary.parts) for v in corpus.pairs if v.summary},
        corpus.actors,
    )


def missing_seeds(project: Path) -> list[Problem]:
    """Return the `no-seeds` problem of `briefings check` when project has no seeds/ folder.

    Without it there is no working tree to compare: run from inside seeds/, the revision
    would be read from the wrong folder too, and the report would say nothing true.
    """
    return [] if (project / SEEDS).is_dir() else [no_seeds(project)]


def read_side(project: Path, label: str, config: SiteConfig | None = None) -> Side:
    """Open project/seeds through the one entry point; an invalid side keeps its problems."""
    with paused_gc():
        opened = open_corpus(project, config)
    if opened.corpus is None:
        return Side(label, opened.problems, {}, {}, {}, ActorRegistry({}))
    return corpus_side(opened.corpus, label)


# -- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim on both sides whose fields differ: (field, before, after) per field."""

    before: ClaimRecord
    after: ClaimRecord
    fields: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class PairChange:
    """What the change does to one pair's page."""

    pair: tuple[str, str]
    status: str  # "added", "removed" or "changed"
    added: tuple[ClaimRecord, ...] = ()
    removed: tuple[ClaimRecord, ...] = ()
    changed: tuple[ClaimChange, ...] = ()
    moved_out: tuple[ClaimRecord, ...] = ()  # now in another pair (after-side records)
    summary: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """A document added, removed or changed, and the claims that cited its old text."""

    id: str
    status: str
    before: DocumentRecord | None
    after: DocumentRecord | None
    text_changed: bool = False
    metadata: tuple[tuple[str, str, str], ...] = ()
    cited_by: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Say whether text that claims already cited was edited."""
        return self.text_changed and bool(self.cited_by)


@dataclass(frozen=True, slots=True)
class Report:
    """Every difference between two sides, in a fixed order."""

    before: Side
    after: Side
    pairs: tuple[PairChange, ...]
    documents: tuple[DocumentChange, ...]
    claim_counts: tuple[int, int, int] = (0, 0, 0)  # added, removed, changed


def _claim_change(before: ClaimRecord, after: ClaimRecord) -> ClaimChange | None:
    fields = tuple(
        (name, before.value(name), after.value(name))
        for name in CLAIM_FIELDS
        if before.value(name) != after.value(name)
    )
    return ClaimChange(before, after, fields) if fields else None


def _pair_change(
    pair: tuple[str, str], before: Side, after: Side, changes: dict[str, ClaimChange]
) -> PairChange | None:
    old = {i for i, c in before.claims.items() if c.pair == pair}
    new = {i for i, c in after.claims.items() if c.pair == pair}
    summary = (before.summaries.get(pair, ""), after.summaries.get(pair, ""))
    status = "added" if not old else "removed" if not new else "changed"
    change = PairChange(
        pair=pair,
        status=status,
        added=tuple(after.claims[i] for i in sorted(new - set(before.claims))),
        removed=tuple(before.claims[i] for i in sorted(old - set(after.claims))),
        changed=tuple(changes[i] for i in sorted(new) if i in changes),
        moved_out=tuple(after.claims[i] for i in sorted(old & set(after.claims) - new)),
        summary=summary if summary[0] != summary[1] else None,
    )
    if change.added or change.removed or change.changed or change.moved_out or change.summary:
        return change
    return None


def _document_change(doc_id: str, before: Side, after: Side) -> DocumentChange | None:
    old, new = before.documents.get(doc_id), after.documents.get(doc_id)
    cited = tuple(sorted(i for i, c in before.claims.items() if c.source == doc_id))
    if old is None or new is None:
        return DocumentChange(
            doc_id, "added" if old is None else "removed", old, new, cited_by=cited
        )
    old_meta, new_meta = dict(old.metadata), dict(new.metadata)
    metadata = tuple(
        (key, old_meta.get(key, ""), new_meta.get(key, ""))
        for key in SOURCE_KEYS
        if old_meta.get(key, "") != new_meta.get(key, "")
    )
    text_changed = old.text != new.text
    if not (text_changed or metadata):
        return None
    return DocumentChange(doc_id, "changed", old, new, text_changed, metadata, cited)


def compare(before: Side, after: Side) -> Report:
    """Find what changed: pairs, their claims and summaries, and documents.

    A side that does not pass `briefings check` holds nothing to compare: the report lists
    its problems instead.
    """
    if before.problems or after.problems:
        return Report(before, after, (), ())
    changes = {}
    for claim_id in sorted(set(before.claims) & set(after.claims)):
        change = _claim_change(before.claims[claim_id], after.claims[claim_id])
        if change is not None:
            changes[claim_id] = change
    pairs_seen = before.pairs | after.pairs | set(before.summaries) | set(after.summaries)
    pairs = [p for pair in sorted(pairs_seen) if (p := _pair_change(pair, before, after, changes))]
    doc_ids = sorted(set(before.documents) | set(after.documents))
    documents = [d for doc_id in doc_ids if (d := _document_change(doc_id, before, after))]
    counts = (
        len(set(after.claims) - set(before.claims)),
        len(set(before.claims) - set(after.claims)),
        len(changes),
    )
    return Report(before, after, tuple(pairs), tuple(documents), counts)
