"""Find verbatim quotes in a document, forgiving only NFC and white space (FORMAT.md)."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from .closest import closest_span

# White space as FORMAT.md means it: Unicode's White_Space property. (Python's \s and
# str.isspace also take U+001C-U+001F, the information separators, which are not.)
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WS_RUN = re.compile(f"[{_WS}]+")
# Single white-space characters other than U+0020 become a space of the same length.
_OTHER_WS = re.compile(f"[{_WS.replace(' ', '')}]")
# White space the normalised text does not keep as it is, found in one scan of a document:
# runs, and lone white-space characters other than U+0020 (the look-behind refuses a lone
# space, the commonest character of a text). Scanning is most of the cost of an index: one
# scan, not one for runs and another for each piece's other white space. The pattern starts
# with a character class, which lets the engine skip to candidates quickly (`{2,}` would be
# tried as a repeat at every single space: half the time on a document's ordinary text).
_IRREGULAR = re.compile(f"[{_WS}](?:[{_WS}]+|(?<! ))")
_WS_CHAR = re.compile(f"[{_WS}]")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(f"[^{_WS}]+")

# A normalised piece, the original span it comes from, and whether it is lumped.
_Piece = tuple[str, int, int, bool]
# An original span and the pieces that replace it.
_Edit = tuple[int, int, list[_Piece]]


def normalize(text: str) -> str:
    """Return text in NFC with every white-space run made one space and the ends stripped."""
    text = unicodedata.normalize("NFC", text)
    # Most quotes have only single spaces inside: nothing to replace, and a search that
    # finds nothing is quicker than a substitution at every space.
    if _IRREGULAR.search(text):
        text = _WS_RUN.sub(" ", text)
    return text.strip(" ")


@dataclass(frozen=True, slots=True)
class Passage:
    """A half-open span [start, end) of the original document text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage most like a quote that was not found, and where they first differ."""

    start: int
    end: int
    text: str
    similarity: float
    difference: str


@dataclass(frozen=True, slots=True)
class DocumentIndex:
    """A document normalised once, with a map from normalised offsets to original ones."""

    text: str = field(repr=False)
    normalized: str = field(repr=False)
    # The normalised text is cut into segments; segment k covers normalised
    # [_norm[k], _norm[k + 1]) and original [_orig[k], _orig_end[k]).  A plain segment
    # maps its characters one-for-one; a lumped one (a collapsed white-space run, or an
    # NFC composition) maps each of its characters to the whole original span.  Mapping
    # an offset is one bisection; most documents are a handful of plain segments.
    _norm: array[int] = field(repr=False)
    _orig: array[int] = field(repr=False)
    _orig_end: array[int] = field(repr=False)
    _lumped: bytes = field(repr=False)

    @classmethod
    def build(cls, text: str) -> DocumentIndex:
        """Normalise text once, in time linear in its length, keeping the offset map."""
        runs, lone = _irregular_white_space(text)
        # Between edits the text is already NFC and its white space single: only the kind
        # of space changes, never the length, so the whole text's spaces are made U+0020
        # once (when it has any other kind) and the pieces between edits cut from it.
        spaced = _OTHER_WS.sub(" ", text) if lone else text
        edits = _white_space_edits(text, runs)  # in text order, as the scan found them
        nfc = _nfc_edits(text)
        if nfc:
            edits = sorted(edits + nfc)
        pieces: list[_Piece] = []
        done = 0
        for start, end, replaced in edits:
            pieces.append((spaced[done:start], done, start, False))
            pieces.extend(replaced)
            done = end
        pieces.append((spaced[done:], done, len(text), False))
        kept = [piece for piece in pieces if piece[0]]
        # The pieces' columns, each taken whole (none at all for a text of white space).
        texts, starts, ends, lumped = zip(*kept, strict=True) if kept else ((), (), (), ())
        # One more offset than pieces: the total length closes the last segment.
        norm = array("q", accumulate(map(len, texts), initial=0))
        return cls(text, "".join(texts), norm, array("q", starts), array("q", ends), bytes(lumped))

    def find(self, quote: str) -> Passage | None:
        """Return where the quote first occurs, in original offsets; None if nowhere or empty."""
        wanted = normalize(quote)
        at = self.normalized.find(wanted) if wanted else -1
        if at < 0:
            return None
        return Passage(*self._original(at, at + len(wanted)))

    def closest(self, quote: str) -> Closest | None:
        """Return the passage most like a quote that find() missed; None for an empty quote."""
        wanted = normalize(quote)
        if not wanted:
            return None
        if not self.normalized:
            return Closest(0, 0, "", 0.0, "the document has no text")
        start, end, similarity, difference = closest_span(wanted, self.normalized)
        return Closest(
            *self._original(start, end), self.normalized[start:end], similarity, difference
        )

    def _original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised span [start, end) to original offsets."""
        first = bisect_right(self._norm, start) - 1
        last = bisect_right(self._norm, end - 1) - 1
        if self._lumped[first]:
            begin = self._orig[first]
        else:
            begin = self._orig[first] + start - self._norm[first]
        if self._lumped[last]:
            return begin, self._orig_end[last]
        return begin, self._orig[last] + end - self._norm[last]


def _irregular_white_space(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Spans of white space normalising shortens: runs of two or more, and a single one at
    either end of the text (a run there is a run). And whether a lone white-space character
    other than U+0020 is inside the text, for normalising to make it one; one at an end is
    dropped with its span (most documents end with a line break)."""
    spans = []
    lone = False
    n = len(text)
    for match in _IRREGULAR.finditer(text):
        start, end = match.span()
        if end - start > 1:
            spans.append((start, end))
        elif start > 0 and end < n:
            lone = True
    if n and _WS_CHAR.match(text, 0) and not (n > 1 and _WS_CHAR.match(text, 1)):
        spans.insert(0, (0, 1))
    if n > 1 and _WS_CHAR.match(text, n - 1) and not _WS_CHAR.match(text, n - 2):
        spans.append((n - 1, n))
    return spans, lone


def _white_space_edits(text: str, spans: list[tuple[int, int]]) -> list[_Edit]:
    """Edit the white-space runs normalising shortens: one space inside, nothing at the ends."""
    return [(a, b, [(" ", a, b, True)] if a > 0 and b < len(text) else []) for a, b in spans]


def _nfc_edits(text: str) -> list[_Edit]:
    """List the words NFC changes, each with its output mapped to original spans."""
    if unicodedata.is_normalized("NFC", text):
        return []
    # White space never composes or decomposes (canonically) with its neighbours, so text
    # normalises word by word; lines are checked first to skip the NFC majority quickly.
    edits: list[_Edit] = []
    for line in _LINE.finditer(text):
        if unicodedata.is_normalized("NFC", line.group()):
            continue
        for word in _WORD.finditer(text, *line.span()):
            if not unicodedata.is_normalized("NFC", word.group()):
                edits.append((*word.span(), _word_pieces(word.group(), word.start())))
    return edits


def _word_pieces(word: str, offset: int) -> list[_Piece]:
    """Normalise one word cluster by cluster, each output piece keeping its cluster's span.

    A cluster starts at a character of canonical combining class 0: a base and its marks.
    Should the clusters' NFC joined differ from the word's (Hangul jamo, some Indic vowel
    signs compose across clusters), the word is one piece: offsets are never guessed.
    """
    starts = [i for i, c in enumerate(word) if i == 0 or unicodedata.combining(c) == 0]
    groups = [word[a:b] for a, b in zip(starts, starts[1:] + [len(word)], strict=True)]
    if "".join(map(_nfc, groups)) != _nfc(word):
        groups = [word]
    pieces: list[_Piece] = []
    at = offset
    for group in (part for g in groups for part in _split(g)):
        out = _nfc(group)
        if out == group and pieces and not pieces[-1][3]:
            # Unchanged neighbours share one plain piece: fewer segments to search.
            pieces[-1] = (pieces[-1][0] + out, pieces[-1][1], at + len(group), False)
        else:
            pieces.append((out, at, at + len(group), out != group))
        at += len(group)
    return pieces


def _split(group: str) -> list[str]:
    """Cut a group whose NFC is several characters where each part normalises on its own.

    "o" + ogonek + acute becomes "ǫ" + acute: the "ǫ" then maps to "o" + ogonek alone.
    """
    out = _nfc(group)
    if len(out) < 2 or out == group:
        return [group]
    for cut in range(1, len(group)):
        head = _nfc(group[:cut])
        if out.startswith(head) and _nfc(group[cut:]) == out[len(head) :]:
            return [group[:cut], *_split(group[cut:])]
    return [group]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
