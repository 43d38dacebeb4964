"""Passage postings in bulk: which paragraphs of the source texts hold each term.

At 10,000 documents there are about 200,000 paragraphs and 15 million distinct (term,
paragraph) pairs: appended one at a time, in Python, they took most of the index's time.
Here each paragraph's term numbers go into one array, and every few million of them are
sorted, made distinct and delta-coded at once with numpy (integer operations only, so the
result is the same on every machine). What is kept of each term is one run: its first and
last entry, how many, and the gaps between them, encoded (base64 VLQ, as codec.py writes
them: about a byte a posting), each batch's joined to the ones before.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .codec import ALPHABET, unvlq, vlq
from .fold import TermIds

# Term numbers held before a batch is sorted: about 20 MiB of numpy arrays at the peak.
BATCH = 1 << 20
_ALPHABET = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
# The largest number of base64 VLQ digits a gap takes (entries are below 2**32).
_DIGITS = 7


class Run(NamedTuple):
    """A term's passages: entries first..last, how many (size), and the gap from each to
    the next, less one, encoded (size - 1 numbers)."""

    first: int
    last: int
    size: int
    gaps: str

    def entries(self) -> list[int]:
        """The entries, decoded (codec.py's decoder: for a rare merge, and for tests)."""
        found = [self.first]
        for gap in unvlq(self.gaps):
            found.append(found[-1] + gap + 1)
        return found


class PassagePostings:
    """Collect paragraphs' terms by number; give each term's runs, in entry order."""

    def __init__(self, batch: int = BATCH, terms: TermIds | None = None) -> None:
        self.batch = batch
        self.terms = terms if terms is not None else TermIds()
        # Each term's passages so far, by its number: [first, last, size, gaps], as a Run.
        self._held: dict[int, list[Any]] = {}
        # Each paragraph's term numbers, one after another (as bytes of unsigned 32-bit
        # integers), and its entry and their count.
        self._numbers = bytearray()
        self._entries = array("I")
        self._counts = array("I")

    def add(self, texts: Sequence[str], entries: Sequence[int]) -> None:
        """Paragraphs and their entries (increasing, above every entry added before)."""
        numbers = self._numbers
        numbered = self.terms.numbered
        counts = self._counts
        for chunks in self.terms.of_all(texts):
            found = numbered(chunks)
            numbers += found
            counts.append(len(found) >> 2)
        self._entries.extend(entries)
        if len(numbers) >= 4 * self.batch:
            self.flush()

    def flush(self) -> None:
        """Sort, make distinct and encode the paragraphs collected since the last flush."""
        if not self._entries:
            return
        # One key a pair, the term's number above the entry's: sorted, grouped by term,
        # each term's entries increasing. Made in place: about 21 bytes a term number.
        keys = np.frombuffer(self._numbers, dtype=np.uint32).astype(np.uint64)
        keys <<= np.uint64(32)
        keys |= np.repeat(
            np.frombuffer(self._entries, dtype=np.uint32), np.frombuffer(self._counts, np.uint32)
        )
        keys.sort()
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        self._numbers, self._entries, self._counts = bytearray(), array("I"), array("I")
        if not len(keys):
            return
        terms = (keys >> np.uint64(32)).astype(np.uint32)
        found = keys.astype(np.uint32)  # the low half: the entry
        del keys
        same = terms[1:] == terms[:-1]
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        ends = np.append(starts[1:], len(terms))
        # Gaps between a term's neighbouring entries (increasing: no wrap-around), less one.
        gaps = np.diff(found)[same]
        gaps -= 1
        text, offsets = _vlq_all(gaps)
        del gaps, same
        # Run r's gaps are numbers starts[r] - r up to ends[r] - r - 1 of the encoded ones.
        index = np.arange(len(starts))
        begin = offsets[starts - index].tolist()
        end = offsets[ends - index - 1].tolist()
        held = self._held
        for term, first, last, size, a, b in zip(
            terms[starts].tolist(),
            found[starts].tolist(),
            found[ends - 1].tolist(),
            (ends - starts).tolist(),
            begin,
            end,
            strict=True,
        ):
            run = held.get(term)
            if run is None:
                held[term] = [first, last, size, text[a:b]]
            else:
                # Joined to the term's earlier passages (all of lower entries) by one gap.
                run[3] = f"{run[3]}{vlq((first - run[1] - 1,))}{text[a:b]}"
                run[1] = last
                run[2] += size

    def pop(self, term: str) -> list[Run]:
        """A term's passages as one run (none for a term of no passage), forgotten here."""
        number = self.terms.numbers.get(term)
        run = None if number is None else self._held.pop(number, None)
        return [] if run is None else [Run(*run)]

    def names(self) -> list[str]:
        """Every term found in a paragraph."""
        return self.terms.names


def _vlq_all(values: npt.NDArray[Any]) -> tuple[str, npt.NDArray[np.int64]]:
    """Encode non-negative numbers as codec.vlq does, all at once; with the offset where
    each number's characters start (and one past the end)."""
    values = values.astype(np.uint32, copy=False)
    digits = np.ones(len(values), dtype=np.uint8)
    for place in range(1, _DIGITS):
        digits += values >= np.uint32(1 << (5 * place))
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(digits, out=offsets[1:])
    out = np.empty(int(offsets[-1]), dtype=np.uint8)
    for place in range(_DIGITS):
        has = digits > place
        if not has.any():
            break
        digit = (values[has] >> (5 * place)) & 31
        follows = (digits[has] > place + 1).astype(np.uint32) << 5
        out[offsets[:-1][has] + place] = _ALPHABET[digit | follows]
    return out.tobytes().decode("ascii"), offsets
