"""Find verbatim quotes in a document, forgiving only NFC and white space (FORMAT.md)."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Python's \s for str patterns is exactly str.isspace, so regex and str.split() agree.
_WS = re.compile(r"\s")
# White space the normalised text does not keep one-for-one: runs, and either end.
_IRREGULAR_WS = re.compile(r"\s{2,}|\A\s|\s\Z")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")

# closest(): documents up to this many characters are searched whole; longer ones only
# around the places that share the most character n-grams with the quote.
_SCAN_WHOLE = 40_000
_SAMPLED_GRAMS = 64
_SEED_BUDGET = 4096
_REGIONS = 4
_CONTEXT = 24


def normalize(text: str) -> str:
    """Return text in NFC with every white-space run made one space and the ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


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
    # The normalised text is cut into segments; segment k starts at normalised offset
    # _norm[k] and covers original [_orig[k], _orig_end[k]).  A plain segment maps its
    # characters one-for-one; a lumped one (a collapsed white-space run, or an NFC
    # composition) maps each of its characters to the whole original span.
    _norm: array = field(repr=False)
    _orig: array = field(repr=False)
    _orig_end: array = field(repr=False)
    _lumped: bytearray = field(repr=False)

    @classmethod
    def build(cls, text: str) -> DocumentIndex:
        """Normalise text once, in time linear in its length, keeping the offset map."""
        edits = sorted(_white_space_edits(text) + _nfc_edits(text))
        parts: list[str] = []
        norm, orig, orig_end = array("q"), array("q"), array("q")
        lumped = bytearray()
        size = 0

        def add(piece: str, start: int, end: int, lump: bool) -> None:
            nonlocal size
            if piece:
                parts.append(piece)
                norm.append(size)
                orig.append(start)
                orig_end.append(end)
                lumped.append(lump)
                size += len(piece)

        done = 0
        for start, end, pieces in edits:
            # Between edits the text is already NFC and its white space single:
            # only the kind of space changes, never the length.
            add(_WS.sub(" ", text[done:start]), done, start, False)
            for piece, piece_start, piece_end, lump in pieces:
                add(piece, piece_start, piece_end, lump)
            done = end
        add(_WS.sub(" ", text[done:]), done, len(text), False)
        return cls(text, "".join(parts), norm, orig, orig_end, lumped)

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
        start, end = _best_passage(wanted, self.normalized)
        passage = self.normalized[start:end]
        matcher = SequenceMatcher(None, wanted, passage, autojunk=False)
        return Closest(*self._original(start, end), passage, matcher.ratio(),
                       _first_difference(wanted, passage, matcher))

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


_Edit = tuple[int, int, list[tuple[str, int, int, bool]]]


def _white_space_edits(text: str) -> list[_Edit]:
    """List the white-space runs normalising shortens: one space inside, nothing at the ends."""
    edits: list[_Edit] = []
    for match in _IRREGULAR_WS.finditer(text):
        start, end = match.span()
        inside = start > 0 and end < len(text)
        edits.append((start, end, [(" ", start, end, True)] if inside else []))
    return edits


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


def _word_pieces(word: str, offset: int) -> list[tuple[str, int, int, bool]]:
    """Normalise one word in clusters, each output piece keeping its cluster's span.

    A cluster starts at a character of canonical combining class 0, so it holds a base and
    its marks.  Where neighbouring clusters still interact (Hangul jamo, some Indic vowel
    signs) they are merged; if the pieces still disagree with NFC of the whole word, the
    word becomes one piece.  Correctness first: a piece is never split across.
    """
    starts = [i for i, c in enumerate(word) if i == 0 or unicodedata.combining(c) == 0]
    clusters = [word[a:b] for a, b in zip(starts, starts[1:] + [len(word)], strict=True)]
    groups: list[str] = []
    for cluster in clusters:
        joined = groups[-1] + cluster if groups else cluster
        if groups and _nfc(joined) != _nfc(groups[-1]) + _nfc(cluster):
            groups[-1] = joined
        else:
            groups.append(cluster)
    whole = _nfc(word)
    if "".join(_nfc(g) for g in groups) != whole:
        groups = [word]
    pieces, at = [], offset
    for group in groups:
        out = _nfc(group)
        pieces.append((out, at, at + len(group), out != group))
        at += len(group)
    return pieces


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _best_passage(quote: str, doc: str) -> tuple[int, int]:
    """Return the normalised span of doc nearest the quote by edit distance.

    Cost: a document of n characters up to _SCAN_WHOLE is searched whole, O(n * m / 64)
    machine-word operations for a quote of m characters (Myers' bit-parallel search).
    Longer documents are searched only in at most _REGIONS windows of about 2m characters
    around the diagonals where the quote's n-grams occur: O(_SAMPLED_GRAMS * n) in C for
    counting the n-grams, plus O(_SEED_BUDGET log _SEED_BUDGET) to vote.
    """
    best: tuple[int, int, int, int] | None = None
    for low, high in _regions(quote, doc):
        found = _align(quote, doc, low, high)
        key = (found[0], abs(found[2] - found[1] - len(quote)), found[1], found[2])
        if best is None or key < best:
            best = key
    assert best is not None
    start, end = best[2], best[3]
    # A passage never starts or ends with a collapsed space.
    while start < end and doc[start] == " ":
        start += 1
    while end > start and doc[end - 1] == " ":
        end -= 1
    return start, end


def _regions(quote: str, doc: str) -> list[tuple[int, int]]:
    """Return windows of doc worth aligning the quote against, most promising first."""
    n, m = len(doc), len(quote)
    pad = m // 2 + 32
    if n <= max(_SCAN_WHOLE, m + 2 * pad):
        return [(0, n)]
    g = min(8, max(3, m // 4)) if m >= 3 else m
    last = m - g
    spots = sorted({round(k * last / (_SAMPLED_GRAMS - 1)) for k in range(_SAMPLED_GRAMS)})
    at: dict[str, list[int]] = {}
    for spot in spots:
        at.setdefault(quote[spot:spot + g], []).append(spot)
    # Rare n-grams first: they say the most about where the quote belongs.
    counted = sorted((doc.count(gram), at[gram][0], gram) for gram in at)
    votes: list[tuple[int, int]] = []
    budget = _SEED_BUDGET
    for count, _, gram in counted:
        if count == 0:
            continue
        if budget <= 0:
            break
        weight = 1_000_000 // count
        hit = doc.find(gram)
        while hit >= 0 and budget > 0:
            votes.extend((hit - spot, weight) for spot in at[gram])
            budget -= 1
            hit = doc.find(gram, hit + 1)
    if not votes:
        return [(0, min(n, m + 2 * pad))]
    return [(max(0, d - pad), min(n, d + m + pad)) for d in _top_diagonals(votes, pad)]


def _top_diagonals(votes: list[tuple[int, int]], width: int) -> list[int]:
    """Return up to _REGIONS diagonals whose band of the given width has the most weight."""
    votes.sort()
    bands: list[tuple[int, int]] = []
    total, head = 0, 0
    for diagonal, weight in votes:
        total += weight
        while votes[head][0] < diagonal - width:
            total -= votes[head][1]
            head += 1
        bands.append((-total, diagonal))
    chosen: list[int] = []
    for _, diagonal in sorted(bands):
        if all(abs(diagonal - c) > width for c in chosen):
            chosen.append(diagonal)
            if len(chosen) == _REGIONS:
                break
    return chosen


def _align(quote: str, doc: str, low: int, high: int) -> tuple[int, int, int]:
    """Return (distance, start, end): the span of doc[low:high] nearest the quote."""
    distance, ends = _search(quote, doc, low, high)
    # Of equally near ends, take the last of the first run: "Turcja" for "Turcjx",
    # not "Turcj".
    end = ends[0]
    for later in ends[1:]:
        if later != end + 1:
            break
        end = later
    reach = max(low, end - len(quote) - distance - 1)
    _, starts = _search(quote[::-1], doc[reach:end][::-1], 0, end - reach)
    lengths = sorted((abs(s + 1 - len(quote)), s + 1) for s in starts)
    return distance, end - lengths[0][1], end


def _search(pattern: str, text: str, low: int, high: int) -> tuple[int, list[int]]:
    """Return the least edit distance of pattern to a substring of text[low:high] ending at
    some index, and the exclusive ends achieving it (Myers 1999, bit-parallel)."""
    m = len(pattern)
    masks: dict[str, int] = {}
    for i, char in enumerate(pattern):
        masks[char] = masks.get(char, 0) | 1 << i
    full, top = (1 << m) - 1, 1 << (m - 1)
    plus, minus, score = full, 0, m
    best, ends = m, [low]
    for j in range(low, high):
        eq = masks.get(text[j], 0)
        xv = eq | minus
        xh = ((((eq & plus) + plus) & full) ^ plus) | eq
        ph = minus | (full ^ (xh | plus))
        mh = plus & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        # Shifting in 0, not 1, lets a match start anywhere in the text.
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        plus = mh | (full ^ (xv | ph))
        minus = ph & xv
        if score < best:
            best, ends = score, [j + 1]
        elif score == best:
            ends.append(j + 1)
    return best, ends
