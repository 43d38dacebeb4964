"""Build the inverted index: every folded term to the entries that hold it, with impacts.

A posting is an entry and the term's impact in it (the weight of the best field it is in,
entries.py). Postings are collected as one integer each, impact first, so that sorting a
term's list orders it by impact, highest first, then by entry: the order they are stored
in, and the order in which a very common term's list is cut (see MAX_POSTINGS_CHARS).
Terms are numbered (fold.TermIds, one numbering for the whole index). Entries' postings are
collected in bulk, a batch of entries at a time (`EntryPostings`); passages, all of the
lowest impact and most of the postings, apart (passages.py), and their runs of encoded gaps
joined to the end of each list.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .codec import ALPHABET, encode_gaps, encode_group, pack, vlq
from .entries import MAX_WEIGHT, PASSAGE, Entry, Record
from .fold import TermIds
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


class EntryPostings:
    """Entries' postings (pages, claims), by term number, collected a batch at a time.

    A term in several fields of an entry is posted once, with the weight of the best (the
    preset terms, a pair's names, weigh less than any field). Per batch, with numpy: one
    key a (term, entry, impact) with the impact's rank lowest, sorted, the first of each
    (term, entry) kept; then the codes. At the end every batch's are sorted together,
    grouped by term, each term's codes in the order they are stored.
    """

    def __init__(self, ids: TermIds) -> None:
        self.ids = ids
        self._batches: list[npt.NDArray[np.uint64]] = []
        self._codes: npt.NDArray[np.uint32] = np.zeros(0, dtype=np.uint32)
        self._where: dict[int, tuple[int, int]] = {}

    def add(self, batch: Sequence[Entry], entries: Sequence[int]) -> None:
        """Entries and their numbers (below _SPAN)."""
        ids = self.ids
        chunked = iter(ids.of_all([text for entry in batch for _, text in entry.fields]))
        numbered, number = ids.numbered, ids.number
        numbers = bytearray()
        ranks = bytearray()  # each number's impact as MAX_WEIGHT - weight (0 is the best)
        counts = array("I")
        for entry in batch:
            start = len(numbers)
            if entry.preset:
                numbers += array("I", map(number, entry.preset)).tobytes()
                ranks += bytes([MAX_WEIGHT - weight for weight in entry.preset.values()])
            for weight, _ in entry.fields:
                found = numbered(next(chunked))
                numbers += found
                ranks += bytes((MAX_WEIGHT - weight,)) * (len(found) >> 2)
            counts.append((len(numbers) - start) >> 2)
        if not numbers:
            return
        owners = np.repeat(np.asarray(entries, dtype=np.uint64), np.frombuffer(counts, np.uint32))
        # term (up to 32 bits) | entry (28) | rank (3): the best rank first for each pair.
        keys = np.frombuffer(numbers, dtype=np.uint32).astype(np.uint64) << np.uint64(31)
        keys |= owners << np.uint64(3)
        keys |= np.frombuffer(ranks, dtype=np.uint8).astype(np.uint64)
        keys.sort()
        pair = keys >> np.uint64(3)
        keys = keys[np.concatenate(([True], pair[1:] != pair[:-1]))]
        # term | code: (MAX_WEIGHT - impact) * _SPAN + entry, as `_encode` reads them.
        owner = (keys >> np.uint64(3)) & np.uint64(_SPAN - 1)
        code = (keys & np.uint64(7)) * np.uint64(_SPAN) + owner
        self._batches.append(((keys >> np.uint64(31)) << np.uint64(32)) | code)

    def finish(self) -> None:
        """Sort every batch's postings together; each term's are then `pop`ped."""
        if not self._batches:
            return
        keys = np.concatenate(self._batches)
        self._batches = []
        keys.sort()
        terms = (keys >> np.uint64(32)).astype(np.uint32)
        self._codes = keys.astype(np.uint32)  # the low half: the code
        del keys
        starts = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))
        ends = np.append(starts[1:], len(terms))
        self._where = dict(
            zip(
                terms[starts].tolist(),
                zip(starts.tolist(), ends.tolist(), strict=True),
                strict=True,
            )
        )

    def pop(self, number: int | None) -> list[int]:
        """A term's codes, sorted (none for a term in no entry), forgotten here."""
        where = None if number is None else self._where.pop(number, None)
        return [] if where is None else self._codes[where[0] : where[1]].tolist()


@dataclass
class IndexBuilder:
    """Number entries as they come, collect their postings, and pack their records, `chunk`
    records a file, as soon as a file's worth has come (records are not kept)."""

    chunk: int = 32
    count: int = 0
    stores: list[str] = field(default_factory=list)
    ids: TermIds = field(default_factory=TermIds)
    _pending: list[Record] = field(default_factory=list)
    # Pages' and claims' postings, and passages' (the most by far), by term number.
    _entries: EntryPostings = field(init=False)
    _passages: PassagePostings = field(init=False)

    def __post_init__(self) -> None:
        self._entries = EntryPostings(self.ids)
        self._passages = PassagePostings(terms=self.ids)

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
        self._entries.add(batch, [self._record(entry.record) for entry in batch])

    def add_passages(self, texts: list[str], records: list[Record]) -> None:
        """Index one source's paragraphs: each is found by its words, at the lowest weight."""
        self._passages.add(texts, [self._record(record) for record in records])

    def names(self) -> list[str]:
        """Every term indexed, in no particular order."""
        return list(self.ids.names)

    def terms(self, order: list[str]) -> Iterator[Term]:
        """Encode each term's postings, in the given order, releasing them as it goes."""
        self._passages.flush()
        self._entries.finish()
        numbers = self.ids.numbers
        for term in order:
            number = numbers.get(term)
            codes = self._entries.pop(number)
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
