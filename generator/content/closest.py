"""The passage of a document most like a quote that is not in it, and where they differ.

Curators fix a quote faster when they see the passage they meant and the first place it
differs ("the quote has "Xazachstan" where the document has "Kazachstan"").
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

# Documents up to this many characters are searched whole; longer ones only around the
# places that share the most character n-grams with the quote.
_SCAN_WHOLE = 100_000
_SAMPLED_GRAMS = 64
_SEED_BUDGET = 4096
_REGIONS = 4
_CONTEXT = 24


def closest_span(quote: str, doc: str) -> tuple[int, int, float, str]:
    """Return the span of doc nearest the quote (both normalised), how alike, and how not."""
    start, end = _best_passage(quote, doc)
    passage = doc[start:end]
    matcher = SequenceMatcher(None, quote, passage, autojunk=False)
    return start, end, matcher.ratio(), _first_difference(quote, passage, matcher)


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
