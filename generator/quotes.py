"""Find verbatim quotes in a document, forgiving only NFC and white space (FORMAT.md)."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate

# White space as FORMAT.md means it: Unicode's White_Space property. (Python's \s and
# str.isspace also take U+001C-U+001F, the information separators, which are not.)
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WS_RUN = re.compile(f"[{_WS}]+")
# Single white-space characters other than U+0020 become a space of the same length.
_OTHER_WS = re.compile(f"[{_WS.replace(' ', '')}]")
# White space the normalised text does not keep one-for-one: runs, and either end.
_IRREGULAR_WS = re.compile(f"[{_WS}]{{2,}}|\\A[{_WS}]|[{_WS}]\\Z")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(f"[^{_WS}]+")

# closest(): documents up to this many characters are searched whole; longer ones only
# around the places that share the most character n-grams with the quote.
_SCAN_WHOLE = 100_000
_SAMPLED_GRAMS = 64
_SEED_BUDGET = 4096
_REGIONS = 4
_CONTEXT = 24

# A normalised piece, the original span it comes from, and whether it is lumped.
_Piece = tuple[str, int, int, bool]
# An original span and the pieces that replace it.
_Edit = tuple[int, int, list[_Piece]]


def normalize(text: str) -> str:
    """Return text in NFC with every white-space run made one space and the ends stripped."""
    return _WS_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip(" ")


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
        pieces: list[_Piece] = []
        done = 0
        for start, end, replaced in sorted(_white_space_edits(text) + _nfc_edits(text)):
            # Between edits the text is already NFC and its white space single:
            # only the kind of space changes, never the length.
            pieces.append((_OTHER_WS.sub(" ", text[done:start]), done, start, False))
            pieces.extend(replaced)
            done = end
        pieces.append((_OTHER_WS.sub(" ", text[done:]), done, len(text), False))
        pieces = [piece for piece in pieces if piece[0]]
        # One more offset than pieces: the total length closes the last segment.
        norm = array("q", accumulate((len(piece[0]) for piece in pieces), initial=0))
        return cls(
            text,
            "".join(piece[0] for piece in pieces),
            norm,
            array("q", (piece[1] for piece in pieces)),
            array("q", (piece[2] for piece in pieces)),
            bytes(piece[3] for piece in pieces),
        )

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
        return Closest(
            *self._original(start, end),
            passage,
            matcher.ratio(),
            _first_difference(wanted, passage, matcher),
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


def _white_space_edits(text: str) -> list[_Edit]:
    """List the white-space runs normalising shortens: one space inside, nothing at the ends."""
    spans = (match.span() for match in _IRREGULAR_WS.finditer(text))
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


def _best_passage(quote: str, doc: str) -> tuple[int, int]:
    """Return the normalised span of doc nearest the quote.

    Cost: a document of n characters up to _SCAN_WHOLE is searched whole, O(n * m / 64)
    machine-word operations for a quote of m characters (Myers' bit-parallel edit
    distance).  Longer documents are searched only in at most _REGIONS windows of about 2m
    characters around the diagonals where the quote's n-grams occur: O(_SAMPLED_GRAMS * n)
    in C to count the n-grams, O(_SEED_BUDGET log _SEED_BUDGET) to vote.  Refining the
    edges costs at most four SequenceMatcher ratios, O(m^2) in the worst case.
    """
    best: tuple[int, int, int, int] | None = None
    for low, high in _regions(quote, doc):
        distance, start, end = _align(quote, doc, low, high)
        key = (distance, abs(end - start - len(quote)), start, end)
        if best is None or key < best:
            best = key
    assert best is not None
    start, end = _whole_words(quote, doc, best[2], best[3])
    return _reach_quote_ends(quote, doc, start, end)


def _whole_words(quote: str, doc: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces at the span's ends, and widen it to whole words unless the quote is cut."""
    while start < end and doc[start] == " ":
        start += 1
    while end > start and doc[end - 1] == " ":
        end -= 1
    if start == end:
        return start, end
    # Edit distance happily starts mid-word ("trznych" for "dronów"); show whole words,
    # unless the quote itself starts (or ends) there, mid-word.
    if doc[start] != quote[0]:
        while start > 0 and _in_word(doc[start - 1]) and _in_word(doc[start]):
            start -= 1
    if doc[end - 1] != quote[-1]:
        while end < len(doc) and _in_word(doc[end - 1]) and _in_word(doc[end]):
            end += 1
    return start, end


def _reach_quote_ends(quote: str, doc: str, start: int, end: int) -> tuple[int, int]:
    """Stretch the span back to the quote's first word and on to its last, if that helps.

    Edit distance prefers substituting a reworded opening to skipping the document's extra
    words, so "produkcja tureckich dronów ..." would start at "powietrznych"; the
    SequenceMatcher ratio, which the curator sees, decides.
    """
    first, last = quote.split(" ")[0], quote.split(" ")[-1]
    starts, ends = [start], [end]
    before = doc.rfind(first + " ", max(0, start - len(quote)), start)
    if before >= 0 and (before == 0 or not _in_word(doc[before - 1])):
        starts.append(before)
    after = doc.find(" " + last, end, end + len(quote)) + 1 + len(last)
    if after > len(last) and (after == len(doc) or not _in_word(doc[after])):
        ends.append(after)
    if len(starts) == len(ends) == 1:
        return start, end
    # max() keeps the first of equals: the edit-distance span unless another is better.
    return max(
        ((s, e) for s in starts for e in ends),
        key=lambda span: SequenceMatcher(None, quote, doc[slice(*span)], autojunk=False).ratio(),
    )


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
        at.setdefault(quote[spot : spot + g], []).append(spot)
    # Rare n-grams first: they say the most about where the quote belongs.
    counted = sorted((count, at[gram][0], gram) for gram in at if (count := doc.count(gram)))
    votes: list[tuple[int, int]] = []
    budget = _SEED_BUDGET
    for count, _, gram in counted:
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
    # Of equally near ends take the last of the first run: "Turcja", not "Turcj", for "Turcjx".
    end = next(e for i, e in enumerate(ends) if i + 1 == len(ends) or ends[i + 1] != e + 1)
    # Search backwards from that end, anchored there, for the start; of equally near
    # starts take the length nearest the quote's: "Kazachstan" for "Xazachstan".
    reach = max(low, end - len(quote) - distance)
    _, lengths = _search(quote[::-1], doc[reach:end][::-1], 0, end - reach, anchored=True)
    length = min(lengths, key=lambda k: (abs(k - len(quote)), k))
    return distance, end - length, end


def _search(
    pattern: str, text: str, low: int, high: int, anchored: bool = False
) -> tuple[int, list[int]]:
    """Return the least edit distance from pattern to a substring of text[low:high], and the
    exclusive ends achieving it (Myers 1999, bit-parallel); anchored substrings start at low."""
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
        # Shifting in 0 lets a match start anywhere in the text; 1 anchors it at low.
        ph = (ph << 1 | anchored) & full
        mh = (mh << 1) & full
        plus = mh | (full ^ (xv | ph))
        minus = ph & xv
        if score < best:
            best, ends = score, [j + 1]
        elif score == best:
            ends.append(j + 1)
    return best, ends


def _first_difference(quote: str, passage: str, matcher: SequenceMatcher[str]) -> str:
    """Describe, in one sentence, the first place the quote and the passage differ."""
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes:
        return ""
    _, i1, i2, j1, j2 = changes[0]
    word_end = _word_bounds(quote, i1, i2)[1]
    later = changes[1][1] if len(changes) > 1 else len(quote) + 1
    # A slip of a character or two inside an otherwise equal word is named as characters
    # (a typo, an apostrophe); anything larger is named as the whole words that differ.
    if max(i2 - i1, j2 - j1) > 2 or later < word_end:
        i1, i2 = _word_bounds(quote, i1, i2)
        j1, j2 = _word_bounds(passage, j1, j2)
    ours, theirs = quote[i1:i2], passage[j1:j2]
    where = "at its end" if i1 == len(quote) else f"at character {i1 + 1}"
    before = quote[max(0, i1 - _CONTEXT) : i1]
    if i1 > _CONTEXT:
        # Start the context at a word, not in the middle of one.
        before = "…" + before[before.find(" ") + 1 :]
    if before:
        where += f' (after "{before}")'
    if not theirs:
        return f"the quote has {_describe(ours)} {where} that the document does not have"
    if not ours:
        return f"the quote is missing {_describe(theirs)} {where}, which the document has"
    return f"the quote has {_describe(ours)} {where} where the document has {_describe(theirs)}"


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) until neither edge cuts a word of text in two."""

    def cuts(at: int) -> bool:
        return 0 < at < len(text) and _in_word(text[at - 1]) and _in_word(text[at])

    while cuts(start):
        start -= 1
    while cuts(end):
        end += 1
    return start, end


def cut_word(text: str, start: int, end: int, limit: int = 40) -> tuple[str, str]:
    """Return the rest of the words a passage [start, end) of text cuts in two, if any.

    A quote may start or end inside a word ("wielkich" of "niewielkich", small): the
    reader must see the word as the source has it, or the quote says the opposite.
    """
    head = start
    while head > 0 and start - head < limit and _in_word(text[head - 1]) and _in_word(text[head]):
        head -= 1
    tail = end
    while (
        tail < len(text)
        and tail - end < limit
        and _in_word(text[tail - 1])
        and _in_word(text[tail])
    ):
        tail += 1
    return text[head:start], text[end:tail]


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _describe(text: str) -> str:
    """Quote a stretch of text for a message, naming short or invisible characters."""
    shown = f'"{text}"' if len(text) <= 40 else f'"{text[:40]}…"'
    named = text if len(text) <= 2 else [c for c in dict.fromkeys(text) if _invisible(c)]
    if not named:
        return shown
    return f"{shown} ({', '.join(_code(c) for c in named)})"


def _invisible(char: str) -> bool:
    return char != " " and unicodedata.category(char)[0] in "CZM"


def _code(char: str) -> str:
    # Invisible or look-alike characters need their name as well as their number.
    if _invisible(char):
        return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    return f"U+{ord(char):04X}"
