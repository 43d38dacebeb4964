"""The index's encodings, both ways: base64 VLQ numbers, posting lists, registration scripts.

Every file of the index is a script calling one registration function of the page's
search (`briefingsSearch.terms(...)`), because a `<script>` element is what loads data on
file://, where fetch and workers are blocked. Numbers are base64 VLQ, as source maps write
them: each character carries five bits, least significant first, and a sixth bit that says
more follow; 0-31 take one character, up to 1023 two. Posting lists are delta-coded, so a
list of neighbouring entries costs about a character per entry. Records (what a result
shows) are JSON, deflated, in base64 (`pack`).

The decoders are what engine.js does, in Python: the tests decode what the encoders wrote.
"""

from __future__ import annotations

import base64
import json
import operator
import re
import zlib
from collections.abc import Iterable, Sequence

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# The global the scripts register with (defined by search.js).
GLOBAL = "briefingsSearch"


def _vlq(value: int) -> str:
    if value < 0:
        raise ValueError(f"VLQ numbers here are never negative: {value}")
    chars = []
    while True:
        digit = value & 31
        value >>= 5
        chars.append(ALPHABET[digit | 32] if value else ALPHABET[digit])
        if not value:
            return "".join(chars)


class _Memo(dict[int, str]):
    """VLQ strings by value, each computed once (a list of a million ids reuses most)."""

    def __missing__(self, value: int) -> str:
        text = self[value] = _vlq(value)
        return text


class _GapMemo(dict[int, str]):
    """VLQ strings of a difference less one, by difference (gaps between entries)."""

    def __missing__(self, difference: int) -> str:
        text = self[difference] = _vlq(difference - 1)
        return text


_MEMO = _Memo()
_GAPS = _GapMemo()


def vlq(values: Iterable[int]) -> str:
    """Encode non-negative integers."""
    return "".join(map(_MEMO.__getitem__, values))


def unvlq(text: str) -> list[int]:
    """Decode a string of base64 VLQ numbers."""
    values = []
    value = shift = 0
    for char in text:
        digit = _VALUE[char]
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            values.append(value)
            value = shift = 0
    if shift:
        raise ValueError("the last number is cut short")
    return values


def encode_postings(groups: Sequence[tuple[int, Sequence[int]]]) -> str:
    """Encode a term's postings: for each impact, highest first, its entries in order.

    Each group is the impact, the number of entries, the first entry, then the gap to each
    next entry less one (entries are distinct and increasing within a group).
    """
    return "".join(encode_group(impact, ids) for impact, ids in groups)


def encode_group(impact: int, ids: Sequence[int], base: int = 0) -> str:
    """Encode one group of a posting list: entries `ids` less `base`, increasing."""
    return vlq((impact, len(ids), ids[0] - base)) + encode_gaps(ids)


def encode_gaps(ids: Sequence[int]) -> str:
    """The gap from each entry to the next, less one (increasing entries; none for one)."""
    # Differences of neighbours, in C: a base subtracted from every entry cancels out.
    return "".join(map(_GAPS.__getitem__, map(operator.sub, ids[1:], ids)))


def decode_postings(text: str) -> list[tuple[int, list[int]]]:
    """Decode a posting list into (impact, entry ids) groups."""
    values = unvlq(text)
    groups = []
    at = 0
    while at < len(values):
        impact, count, first = values[at : at + 3]
        ids = [first]
        for gap in values[at + 3 : at + 2 + count]:
            ids.append(ids[-1] + gap + 1)
        groups.append((impact, ids))
        at += 2 + count
    return groups


# One encoder for every value: json.dumps with options builds a new one at each call.
to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# Deflate's level for records: at 10,000 documents, level 4 takes 60% of level 6's time
# (1.2 s against 2.0 s) for 3.5% more bytes (the index is a quarter of the text it indexes).
DEFLATE_LEVEL = 4


def pack(items: Iterable[object]) -> str:
    """Records as stored: a JSON array, deflated (zlib), in base64.

    Records are mostly text copied from the corpus (statements, quotes, the start of each
    paragraph): deflated, they take about a third of the room, so the whole index stays
    smaller than the text it indexes. The browser inflates them with DecompressionStream.
    """
    data = to_json(list(items)).encode("utf-8")
    return base64.b64encode(zlib.compress(data, DEFLATE_LEVEL)).decode("ascii")


def unpack(packed: str) -> list[object]:
    """Read records back (what engine.js does)."""
    value = json.loads(zlib.decompress(base64.b64decode(packed, validate=True)))
    assert isinstance(value, list)
    return value


def script(call: str, *args: object) -> str:
    """A registration script: `briefingsSearch.<call>(<args as JSON>);`."""
    return f"{GLOBAL}.{call}({','.join(map(to_json, args))});\n"


_CALL = re.compile(rf"^{GLOBAL}\.(\w+)\((.*)\);\n\Z", re.S)


def parse_script(text: str) -> tuple[str, list[object]]:
    """Read a registration script back: the call's name and its arguments."""
    found = _CALL.match(text)
    if found is None:
        raise ValueError("not a registration script")
    return found.group(1), json.loads(f"[{found.group(2)}]")


def utf16_key(term: str) -> bytes:
    """Sort terms as JavaScript compares strings: by UTF-16 code units."""
    return term.encode("utf-16-be", "surrogatepass")
