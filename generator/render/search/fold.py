"""Folding and tokenising for search: what the index stores, and what a query looks up.

The browser does the same in engine.js (`fold`, `terms`): both are tested against one table
of cases (tests/fixtures/search/folding.json). A term is a run of letters, marks and digits
(Unicode categories L, M, N), folded: compatibility decomposition (NFKD), lower case, every
nonspacing mark (Mn) dropped, then the letters that do not decompose (ł, ø, đ, ı, ß, æ, œ,
ð, þ, ħ, ŧ and final sigma) spelled as readers type them. Han ideographs and kana are terms
of one character each, since those scripts do not separate words with spaces.

Whole texts are folded and split with C-level operations (unicodedata.normalize, str.lower,
compiled patterns), never a loop over characters: the index folds a whole corpus at once.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain

# Letters that are not a base letter plus an accent, so NFKD leaves them alone; spelled as
# a reader without them on the keyboard spells them (capitals are lowered before this).
LETTERS = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ð": "d",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ς": "σ",
}
# One-character terms: CJK ideographs (and their extensions) and Japanese kana.
CJK_BMP = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_ASTRAL = "\U00020000-\U0003134f"
# The same, as half-open bounds: [start, end) pairs in order.
_CJK_BOUNDS = (0x3040, 0x3100, 0x3400, 0x4DC0, 0x4E00, 0xA000, 0xF900, 0xFB00, 0x20000, 0x31350)
# A longer run of letters is split into terms of this many (the same in engine.js): such
# runs are junk (encoded data), and no list of terms should hold one of any length.
MAX_TERM = 64
# Letters, marks and digits all lie below U+40000, but for the variation selectors of
# plane 14.
_SCANNED = (range(0x40000), range(0xE0000, 0xE1000))
# Before an astral class: a class mixing BMP and astral code points compiles to a list of
# ranges tried one by one; split in two, the BMP part is a bitmap and this guard keeps BMP
# characters from ever reaching the list.
_GUARD = "(?=[\U00010000-\U0010ffff])"


def _ranges(codes: Sequence[int]) -> str:
    """A character class body for sorted code points, as ranges."""
    if not codes:
        return ""
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        last = "" if prev == start else "-" + re.escape(chr(prev))
        parts.append(re.escape(chr(start)) + last)
        start = prev = code
    return "".join(parts)


def _either(codes: Sequence[int]) -> str:
    """A pattern for one of these code points: a BMP class, then a guarded astral one."""
    bmp = _ranges([c for c in codes if c < 0x10000])
    astral = _ranges([c for c in codes if c >= 0x10000])
    return f"(?:[{bmp}]|{_GUARD}[{astral}])" if astral else f"[{bmp}]"


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Compiled once per process: marks to drop and terms, for BMP text and for any text."""

    marks_bmp: re.Pattern[str]
    marks_any: re.Pattern[str]
    terms_bmp: re.Pattern[str]
    terms_any: re.Pattern[str]
    letters: re.Pattern[str]
    # Characters beyond the BMP, and the few of it that fold to one (CJK compatibility
    # ideographs such as U+FA6C): where neither is, the BMP patterns serve.
    astral: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    codes = [c for span in _SCANNED for c in span]
    categories = map(unicodedata.category, "".join(map(chr, codes)))
    word: list[int] = []
    marks: list[int] = []
    for code, category in zip(codes, categories, strict=True):
        if category[0] in "LMN":
            word.append(code)
            if category == "Mn":
                marks.append(code)
    # CJK characters are terms by themselves, never part of a run.
    word = [c for c in word if not bisect_right(_CJK_BOUNDS, c) % 2]
    bmp_word = _ranges([c for c in word if c < 0x10000])
    bmp_marks = _ranges([c for c in marks if c < 0x10000])
    return _Patterns(
        marks_bmp=re.compile(f"[{bmp_marks}]+"),
        marks_any=re.compile(f"{_either(marks)}+"),
        terms_bmp=re.compile(f"[{CJK_BMP}]|[{bmp_word}]{{1,{MAX_TERM}}}"),
        terms_any=re.compile(f"[{CJK_BMP}]|[{CJK_ASTRAL}]|{_either(word)}{{1,{MAX_TERM}}}"),
        letters=re.compile("[" + "".join(LETTERS) + "]"),
        astral=re.compile(f"[\U00010000-\U0010ffff{''.join(_widening())}]"),
    )


def _widening() -> list[str]:
    """BMP characters whose decomposition leaves the BMP (only CJK compatibility ones do)."""
    block = map(chr, range(0xF900, 0xFB00))
    return [c for c in block if max(unicodedata.normalize("NFKD", c)) > "\uffff"]


def _letter(match: re.Match[str]) -> str:
    return LETTERS[match.group()]


def fold(text: str) -> str:
    """Fold text as search compares it: `Türkiye` -> `turkiye`, `Łódź` -> `lodz`."""
    return _fold(text, _patterns().astral.search(text) is not None)


def _fold(text: str, astral: bool) -> str:
    if text.isascii():
        return text.lower()
    patterns = _patterns()
    marks = patterns.marks_any if astral else patterns.marks_bmp
    folded = marks.sub("", unicodedata.normalize("NFKD", text).lower())
    # sub returns the very string when nothing matches: one scan, no copy.
    return patterns.letters.sub(_letter, folded)


def terms(text: str) -> list[str]:
    """The terms of a text, folded, in order, repeats included."""
    (found,) = terms_of_all([text])
    return found


def terms_of_all(texts: Iterable[str]) -> list[list[str]]:
    """The terms of many texts, each folded and split as `terms` does, in one pass.

    The index reads a whole corpus this way: one fold of all the texts joined, one check
    for characters beyond the BMP, then one C-level split of each text.
    """
    joined = "\x00".join(texts)
    astral = _patterns().astral.search(joined) is not None
    folded = _fold(joined, astral)
    patterns = _patterns()
    pattern = patterns.terms_any if astral else patterns.terms_bmp
    return list(map(pattern.findall, folded.split("\x00")))


class TermIds:
    """Each text's terms as numbers, each white-space-separated chunk folded only once.

    A text's terms are its chunks' terms in order: white space is a starter that no folding
    step changes, joins or reorders across (NFKD, lower case with its final-sigma context,
    dropping marks, spelling letters), and never part of a term. A corpus repeats its
    words, so most chunks are known already and only new ones are folded, in one pass each
    batch. A term's number is its place in `names`, given when it is first seen; a known
    chunk's terms are kept as their numbers' bytes (unsigned 32-bit, this machine's order),
    so a text's are a join of bytes. The known chunks are forgotten past `limit`, which
    bounds the memory this takes (the numbers stay).
    """

    def __init__(self, limit: int = 1 << 17) -> None:
        assert array("I").itemsize == 4  # the numbers' bytes are read as 32-bit integers
        self.limit = limit
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self._known: dict[str, bytes] = {}

    def of_all(self, texts: Sequence[str]) -> list[list[str]]:
        """Each text's chunks, every one of them known (folded and numbered) after this."""
        chunked = [text.split() for text in texts]
        known = self._known
        new = set(chain.from_iterable(chunked)).difference(known)
        if len(known) + len(new) > self.limit:
            known.clear()
            new = set(chain.from_iterable(chunked))
        if new:
            ordered = sorted(new)
            found = terms_of_all(ordered)
            # Numbered all at once (a term first seen gets the next number, in order), then
            # each chunk's numbers cut from one buffer: no Python call a chunk.
            flat = list(chain.from_iterable(found))
            for term in [t for t in dict.fromkeys(flat) if t not in self.numbers]:
                self.numbers[term] = len(self.names)
                self.names.append(term)
            buffer = array("I", map(self.numbers.__getitem__, flat)).tobytes()
            bounds = [0, *accumulate(map(len, found))]
            cut = map(slice, map((4).__mul__, bounds), map((4).__mul__, bounds[1:]))
            known.update(zip(ordered, map(buffer.__getitem__, cut), strict=True))
        return chunked

    def numbered(self, chunks: Iterable[str]) -> bytes:
        """The numbers of the terms of known chunks, in order, repeats included, as bytes
        of unsigned 32-bit integers (array("I") reads them)."""
        return b"".join(map(self._known.__getitem__, chunks))

    def number(self, term: str) -> int:
        """The term's number (a new term gets the next one)."""
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.names)
            self.names.append(term)
        return number
