"""Build the inverted index: every folded term to the entries that hold it, with impacts.

A posting is an entry and the term's impact in it (the weight of the best field it is in,
entries.py). Postings are collected as one integer each, impact first, so that sorting a
term's list orders it by impact, highest first, then by entry: the order they are stored
in, and the order in which a very common term's list is cut (see MAX_POSTINGS_CHARS).
Passages, all of the lowest impact and most of the postings, are collected apart, in bulk
(passages.py), and their runs of encoded gaps joined to the end of each list.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .codec import ALPHABET, encode_gaps, encode_group, pack, vlq
from .entries import MAX_WEIGHT, PASSAGE, Entry, Record
from .fold import terms_of_all
from .passages import PassagePostings, Run

# No term's posting list is longer than this (characters, one byte each): a term in more
# entries than fit keeps only its best postings (highest impact, then the first entries:
# pages, the newest claims). It still counts as in all of them (its df), and the browser
# knows its list is cut. A list of neighbouring entries costs about a character an entry,
# so a term is cut only when it is in more than ~100,000 entries.
MAX_POSTINGS_CHARS = 128 * 1024
# Postings are integers (MAX_WEIGHT - impact) * _SPAN + entry: entry ids stay below _SPAN.
_SPAN = 1 << 28
assert MAX_WEIGHT * _SPAN <= 1 << 32  # every code fits the postings' 32-bit integers
# Where passages' codes start: the lowest impact, so the last group of every list.
_PASSAGES = (MAX_WEIGHT - PASSAGE) * _SPAN
# The characters that end a base64 VLQ number (no continuation bit).
_LAST_DIGIT = np.zeros(256, dtype=bool)
_LAST_DIGIT[np.frombuffer(ALPHABET[:32].encode("ascii"), dtype=np.uint8)] = True
# Entries folded in one pass.
_BATCH = 512


@dataclass(frozen=True, slots=True)
class Term:
    """A term's postings as stored: how many entries hold it, and the encoded list kept."""

    term: str
    df: int
    kept: int
    postings: str

    @property
    def truncated(self) -> bool:
        return self.kept < self.df


@dataclass
class IndexBuilder:
    """Number entries as they come, collect their postings, and pack their records, `chunk`
    records a file, as soon as a file's worth has come (records are not kept)."""

    chunk: int = 32
    count: int = 0
    stores: list[str] = field(default_factory=list)
    # Unsigned 32-bit integers (codes stay below 8 * _SPAN = 2**31): half a list's memory.
    postings: defaultdict[str, array[int]] = field(default_factory=lambda: defaultdict(_codes))
    _pending: list[Record] = field(default_factory=list)
    # Pages' and claims' postings are in `postings`, passages' here (the most by far).
    _passages: PassagePostings = field(default_factory=PassagePostings)

    def _record(self, record: Record) -> int:
        """Keep a record for its file; return its entry's number."""
        self._pending.append(record)
        if len(self._pending) == self.chunk:
            self.stores.append(pack(self._pending))
            self._pending = []
        self.count += 1
        return self.count - 1

    def finish(self) -> list[str]:
        """The records' files' contents, the last one written now."""
        if self._pending:
            self.stores.append(pack(self._pending))
            self._pending = []
        return self.stores

    def add_entries(self, entries: Iterable[Entry]) -> None:
        """Index entries found by weighted fields (pages, claims), folded in batches."""
        batch: list[Entry] = []
        for entry in entries:
            batch.append(entry)
            if len(batch) == _BATCH:
                self._add_batch(batch)
                batch = []
        if batch:
            self._add_batch(batch)

    def _add_batch(self, batch: list[Entry]) -> None:
        found = iter(terms_of_all(text for entry in batch for _, text in entry.fields))
        for entry in batch:
            fields = [(weight, next(found)) for weight, _ in entry.fields]
            # Lowest weight first: a term in several fields keeps the weight of the best.
            fields.sort(key=_weight)
            impacts: dict[str, int] = dict(entry.preset) if entry.preset else {}
            for weight, words in fields:
                impacts.update(dict.fromkeys(words, weight))
            self._post(impacts, entry.record)

    def _post(self, impacts: dict[str, int], record: Record) -> None:
        entry = self._record(record)
        codes = {w: (MAX_WEIGHT - w) * _SPAN + entry for w in set(impacts.values())}
        postings = self.postings
        for term, weight in impacts.items():
            postings[term].append(codes[weight])

    def add_passages(self, texts: list[str], records: list[Record]) -> None:
        """Index one source's paragraphs: each is found by its words, at the lowest weight."""
        self._passages.add(texts, [self._record(record) for record in records])

    def names(self) -> list[str]:
        """Every term indexed, in no particular order."""
        found = self.postings
        return [*found, *(t for t in self._passages.names() if t not in found)]

    def terms(self, order: list[str]) -> Iterator[Term]:
        """Encode each term's postings, in the given order, releasing them as it goes."""
        self._passages.flush()
        for term in order:
            codes = sorted(self.postings.pop(term, ()))
            runs = self._passages.pop(term)
            if runs and codes and codes[-1] - _PASSAGES >= runs[0].first:
                # Passages before other entries (not in a corpus's index): merge them in.
                codes = sorted([*codes, *(_PASSAGES + e for r in runs for e in r.entries())])
                runs = []
            if runs:
                kept, postings = _encode_with_runs(codes, runs)
            else:
                kept, postings = _encode_capped(codes)
            yield Term(term, len(codes) + sum(r.size for r in runs), kept, postings)


def _codes() -> array[int]:
    return array("I")


def _weight(field: tuple[int, list[str]]) -> int:
    return field[0]


def _encode(codes: list[int]) -> str:
    """Encode sorted postings: a group per impact, highest first."""
    parts = []
    start = 0
    while start < len(codes):
        level = codes[start] // _SPAN
        end = bisect_left(codes, (level + 1) * _SPAN, start)
        parts.append(encode_group(MAX_WEIGHT - level, codes[start:end], level * _SPAN))
        start = end
    return "".join(parts)


def _encode_capped(codes: list[int]) -> tuple[int, str]:
    """Encode sorted postings, cut to about as many as fit in MAX_POSTINGS_CHARS."""
    kept = len(codes)
    text = _encode(codes)
    while len(text) > MAX_POSTINGS_CHARS:
        # Characters per posting vary little along a list: scale, a little under, and check.
        kept = min(kept - 1, int(kept * MAX_POSTINGS_CHARS / len(text) * 0.99))
        text = _encode(codes[:kept])
    return kept, text


def _encode_with_runs(codes: list[int], runs: list[Run]) -> tuple[int, str]:
    """Encode sorted postings followed by passages' runs (entries above all of theirs), cut
    to as many as fit in MAX_POSTINGS_CHARS: the last passages are the first to go."""
    split = bisect_left(codes, _PASSAGES)
    higher = _encode(codes[:split])
    lowest = [code - _PASSAGES for code in codes[split:]]
    first = lowest[0] if lowest else runs[0].first
    count = len(lowest) + sum(run.size for run in runs)
    gaps = [encode_gaps(lowest)] if lowest else []
    last = lowest[-1] if lowest else None
    for run in runs:
        if last is not None:
            gaps.append(vlq((run.first - last - 1,)))
        gaps.append(run.gaps)
        last = run.last
    body = "".join(gaps)
    head = vlq((PASSAGE, count, first))
    if len(higher) + len(head) + len(body) <= MAX_POSTINGS_CHARS:
        return split + count, higher + head + body
    if len(higher) + len(head) > MAX_POSTINGS_CHARS:
        return _encode_capped(codes[:split])
    # Keep the passages whose gaps fit with a head as long as the whole group's (a shorter
    # count's head is no longer): the number of gaps kept is the number of ends that fit.
    ends = np.flatnonzero(_LAST_DIGIT[np.frombuffer(body.encode("ascii"), dtype=np.uint8)])
    room = MAX_POSTINGS_CHARS - len(higher) - len(head)
    gaps_kept = int(np.searchsorted(ends + 1, room, side="right"))
    cut = int(ends[gaps_kept - 1]) + 1 if gaps_kept else 0
    return split + gaps_kept + 1, higher + vlq((PASSAGE, gaps_kept + 1, first)) + body[:cut]
