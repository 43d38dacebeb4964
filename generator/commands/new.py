"""`briefings new`: add a source document under a fresh id and write its annotation skeleton."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content.files import (
    MAX_DOCUMENT_BYTES,
    SEEDS,
    decode_text,
    no_seeds,
    read_yaml,
    strip_bom,
    too_large,
)
from ..content.sources import DOC_ID
from ..content.yamltree import Mapping
from ..corpus import open_corpus
from ..problems import Location, Problem, codes, format_plain
from ..publish.files import write_atomic
from .batch import paused_gc

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/annotation.schema.json"
# A document id is `<sequence>_<hash>`: the sequence orders sources by when they were added,
# the hash (a prefix of the SHA-256 of the file's bytes) keeps ids from two branches apart.
HASH_CHARS = 16
# Sequence numbers of up to 9 digits count: a longer one (a file named by hand) would make
# the next id too long to be valid; the hash keeps ids unique without it.
_SEQUENCE = re.compile(r"([0-9]{1,9})_")
# Said when a new file has the text of a document already added, but not its exact bytes.
IGNORED_DIFFERENCES = (
    " (the same text: only line endings, a byte-order mark, white space at the end "
    "or Unicode normalisation differ)"
)

SKELETON = """\
{schema}
# Annotation of seeds/documents/{doc_id}.txt (added from {origin}).
# Fill in source.language and write at least one claim, then run: briefings check
# FORMAT.md describes every field; CONTRIBUTING.md walks through an example.
source:
  language:  # required: the document's language as a BCP 47 tag (en, pl, ru, kk, tl ...)
  # Optional fields. To use one, remove the '# ' at the start of its line and replace
  # the example value between the quotes with the source's own.
  # title: 'The title as published'  # in the document's language
  # title_en: 'The title in English'  # or, where the document has none, a short description
  # publisher: 'Who published it'
  # author: 'Who wrote it'
  # published: '2024-05-17'  # when it was published: YYYY, YYYY-MM or YYYY-MM-DD
  # url: 'https://example.org/the-article'  # its address: http:// or https://
  # accessed: '2026-11-22'  # when you read it: YYYY-MM-DD
  # note: 'Anything a reader should know about this source.'
claims:
  # Write the claims here, one '- id:' block each, as in this example: remove the '# '
  # at the start of its lines and replace every value. The quote is copied exactly from
  # the document; check tells you if it is not found.
  # To publish this source with no claims at all, write `claims: []` instead.
  # - id: kz-tr-anka-production-2024  # a-z, 0-9 and -, unique across all annotations
  #   pair: [KZ, TR]  # two actor ids: ISO 3166 country codes or ids from seeds/actors.yml
  #   topic: {topic}  # a topic id from seeds/topics.yml
  #   date: '2024'  # optional: when the event happened, not when it was reported
  #   statement: 'Production of Turkish Anka drones in Kazakhstan is to start in 2024.'
  #   quote: 'the exact words of the document that support the statement'
  #   translation: 'an English rendering of the quote'  # optional
"""


@dataclass(frozen=True, slots=True)
class Added:
    """What `new` wrote: the document's id and the two files, relative to the project."""

    doc_id: str
    document: str
    annotation: str


def document_hash(data: bytes) -> str:
    """Return the hash part of a document id: a prefix of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def next_sequence(stems: set[str]) -> int:
    """Return the sequence number after the highest one in use (0 for the first document)."""
    numbers = [int(m.group(1)) for stem in stems if (m := _SEQUENCE.match(stem))]
    return max(numbers, default=-1) + 1


def document_id(data: bytes, stems: set[str]) -> str:
    """Name a new document: next 3-digit sequence number, `_`, its hash prefix."""
    return f"{next_sequence(stems):03d}_{document_hash(data)}"


def _stems(folder: Path, suffix: str) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.iterdir() if p.suffix == suffix}


def _origin(source: Path) -> str:
    """Name the file as the curator knows it, on one line (it goes into a YAML comment)."""
    return " ".join(source.name.split()) or "?"


def _read_source(source: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """Read the file to add; refuse what could never be a valid document."""
    loc = Location(shown)
    if not source.is_file():
        what = "a folder" if source.is_dir() else "not found"
        return None, [
            Problem(
                loc,
                codes.NOT_A_FILE,
                f"this is {what}; give the path of a .txt file holding the source's text",
            )
        ]
    size = source.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        return None, [too_large(shown, size, MAX_DOCUMENT_BYTES)]
    data = source.read_bytes()
    text, problems = decode_text(data, shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            Problem(
                loc,
                codes.EMPTY_DOCUMENT,
                "this file holds no text; a document is the source's text, from which claims quote",
            )
        ]
    return data, []


def normalised_text(data: bytes) -> str | None:
    """Return the text two copies of one document share, or None if it is not UTF-8.

    A byte-order mark, CRLF or CR line endings, white space at the end of the file and the
    Unicode normalisation form (NFC) are what editors and downloads change without anyone
    meaning to, so they are not a different document.
    """
    try:
        text = strip_bom(data).decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    return unicodedata.normalize("NFC", text)


def _duplicate(data: bytes, documents: Path) -> tuple[str, bool] | None:
    """Find a document with the same text: its path, and whether the bytes are the same.

    Each existing document is read once; the text is compared as `normalised_text` gives it.
    """
    if not documents.is_dir():
        return None
    text = normalised_text(data)
    for path in sorted(documents.glob("*.txt")):
        try:
            existing = path.read_bytes() if path.is_file() else None
        except OSError:
            continue  # `briefings check` reports a document that cannot be read
        if existing is not None and (existing == data or normalised_text(existing) == text):
            return f"{SEEDS}/documents/{path.name}", existing == data
    return None


def skeleton(doc_id: str, origin: str, topic: str = "co-production") -> str:
    """Return the annotation a curator starts from: it fails `check` until filled in."""
    return SKELETON.format(schema=SCHEMA_LINE, doc_id=doc_id, origin=origin, topic=topic)


def _first_topic(project: Path) -> str:
    """Pick a declared topic id for the example claim, so the example is realistic."""
    topics = read_yaml(project, "topics.yml")
    root = topics.root if topics is not None else None
    if isinstance(root, Mapping) and root.items:
        return root.items[0][0].value
    return "co-production"


def add_document(
    project: Path, source: Path, shown: str | None = None
) -> tuple[Added | None, list[Problem]]:
    """Copy a UTF-8 text file into seeds/documents/ under a new id and write its skeleton."""
    shown = shown or os.fspath(source)
    seeds = project / SEEDS
    if not seeds.is_dir():
        return None, [no_seeds(project)]
    data, problems = _read_source(source, shown)
    if data is None:
        return None, problems
    documents, annotations = seeds / "documents", seeds / "annotations"
    same = _duplicate(data, documents)
    if same is not None:
        path, identical = same
        how = "" if identical else IGNORED_DIFFERENCES
        return None, [
            Problem(
                Location(shown),
                codes.DOCUMENT_EXISTS,
                f"this document is already in the corpus as {path}{how}; annotate "
                "that one instead of adding it again",
            )
        ]
    doc_id = document_id(data, _stems(documents, ".txt") | _stems(annotations, ".yml"))
    assert DOC_ID.fullmatch(doc_id), doc_id
    added = Added(doc_id, f"{SEEDS}/documents/{doc_id}.txt", f"{SEEDS}/annotations/{doc_id}.yml")
    write_atomic(project / added.document, data)
    text = skeleton(doc_id, _origin(source), _first_topic(project))
    write_atomic(project / added.annotation, text.encode("utf-8"))
    return added, []


def print_next_steps(project: Path, annotation: str) -> None:
    """Say what `briefings check` asks of the new annotation, line by line, as a to-do list."""
    with paused_gc():
        problems = open_corpus(project).problems
    mine = [p for p in problems if p.location.path == annotation]
    if mine:
        print(f"to do, as `briefings check` says ({len(mine)}):")
        for line in format_plain(mine):
            print(f"  {line}")
    others = len({p for p in problems if p.location.path != annotation})
    if others:
        print(f"and {others} problem(s) in other files: `briefings check` lists them")
