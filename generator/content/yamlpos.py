"""Where each character of a YAML scalar's value stands in its source, for exact locations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..problems import Location

# Where each character of a scalar's value comes from in its source text. YAML folds line
# breaks, drops indentation and decodes escapes, so a value offset is not a source offset.
# The rules below follow the YAML 1.1 scanner (as libyaml and PyYAML implement it); the
# rebuilt value is compared with the parser's, and on any difference nothing is claimed.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAKS = "\r\n\x85\u2028\u2029"
_ESCAPES = {
    **dict(zip("0abtnvfre", "\0\x07\x08\t\n\x0b\x0c\r\x1b", strict=True)),
    **{c: c for c in '\t "/\\'},
    **dict(zip("N_LP", "\x85\xa0\u2028\u2029", strict=True)),
}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_BLOCK_HEADER = re.compile(r"[|>](?:([1-9])([+-]?)|([+-])([1-9]?))?")


class _Rebuilt:
    """A value rebuilt from source text: its characters and the source offset of each."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.chars: list[str] = []
        self.where: list[int] = []

    def add(self, text: str, at: int) -> None:
        """Add text that stands for the source at offset `at` (an escape, a folded break)."""
        self.chars.append(text)
        self.where.extend([at] * len(text))

    def copy(self, start: int, end: int) -> None:
        """Add source characters as they are."""
        self.chars.append(self.raw[start:end])
        self.where.extend(range(start, end))

    def breaks(self, at: int, end: int) -> tuple[list[tuple[str, int]], int]:
        """Read empty lines: their breaks (as the value has them) and where text resumes."""
        found: list[tuple[str, int]] = []
        while True:
            while at < end and self.raw[at] in " \t":
                at += 1
            line_break = _line_break(self.raw, at)
            if line_break is None:
                return found, at
            found.append((line_break[0], at))
            at = line_break[1]


def _line_break(raw: str, at: int) -> tuple[str, int] | None:
    """Read a line break at `at`: the character the value has for it, and what follows."""
    if raw.startswith("\r\n", at):
        return "\n", at + 2
    if at < len(raw) and raw[at] in _BREAKS:
        return ("\n" if raw[at] in "\r\n\x85" else raw[at]), at + 1
    return None


def _fold_flow(out: _Rebuilt, at: int, end: int) -> int:
    """Fold the line break at `at` of a flow scalar: one break is a space, n+1 breaks n."""
    first = _line_break(out.raw, at)
    assert first is not None
    found, resume = out.breaks(first[1], end)
    if first[0] != "\n":
        out.add(first[0], at)
    elif not found:
        out.add(" ", at)
    for text, where in found:
        out.add(text, where)
    return resume


def _escape(out: _Rebuilt, at: int, end: int) -> int | None:
    """Decode the escape at `at` of a double-quoted scalar; return where the source goes on."""
    code = out.raw[at + 1 : at + 2]
    if code in _ESCAPES:
        out.add(_ESCAPES[code], at)
        return at + 2
    if code in _HEX_DIGITS:
        digits = out.raw[at + 2 : at + 2 + _HEX_DIGITS[code]]
        try:
            out.add(chr(int(digits, 16)), at)
        except ValueError:
            return None
        return at + 2 + len(digits)
    line_break = _line_break(out.raw, at + 1)
    if line_break is None:
        return None
    # An escaped line break joins the lines; only further empty lines count.
    found, resume = out.breaks(line_break[1], end)
    for text, where in found:
        out.add(text, where)
    return resume


def _rebuild_flow(raw: str, style: str | None) -> _Rebuilt | None:
    out = _Rebuilt(raw)
    quoted = 0 if style is None else 1
    at, end = quoted, len(raw) - quoted
    while at < end:
        char = raw[at]
        if char in " \t" or char in _BREAKS:
            space_end = at
            while space_end < end and raw[space_end] in " \t":
                space_end += 1
            if space_end < end and raw[space_end] in _BREAKS:
                at = _fold_flow(out, space_end, end)
            else:
                out.copy(at, space_end)
                at = space_end
        elif style == "'" and raw.startswith("''", at):
            out.add("'", at)
            at += 2
        elif style == '"' and char == "\\":
            resumed = _escape(out, at, end)
            if resumed is None:
                return None
            at = resumed
        else:
            out.copy(at, at + 1)
            at += 1
    out.where.append(end)
    return out


def _block_indent(raw: str, at: int) -> int:
    """Detect a block scalar's indentation: that of its first line with text."""
    widest = 0
    for line in _BREAK.split(raw[at:]):
        spaces = len(line) - len(line.lstrip(" "))
        widest = max(widest, spaces)
        if spaces < len(line):
            break
    return max(widest, 1)


def _rebuild_block(raw: str, indent: int, folded: bool, chomp: str, at: int) -> _Rebuilt:
    out = _Rebuilt(raw)
    end = len(raw)

    def indentation(at: int) -> tuple[list[tuple[str, int]], int, int]:
        """Skip up to `indent` spaces on each line; return empty lines' breaks, offset, column."""
        found: list[tuple[str, int]] = []
        while True:
            column = 0
            while column < indent and at < end and raw[at] == " ":
                at += 1
                column += 1
            line_break = _line_break(raw, at)
            if line_break is None:
                return found, at, column
            found.append((line_break[0], at))
            at = line_break[1]

    found, at, column = indentation(at)
    last_break: tuple[str, int] | None = None
    while column == indent and at < end:
        for text, where in found:
            out.add(text, where)
        starts_with_text = raw[at] not in " \t"
        line_end = at
        while line_end < end and raw[line_end] not in _BREAKS:
            line_end += 1
        out.copy(at, line_end)
        line_break = _line_break(raw, line_end)
        last_break = None if line_break is None else (line_break[0], line_end)
        found, at, column = indentation(line_end if line_break is None else line_break[1])
        if last_break is None or column != indent or at >= end:
            break
        if folded and last_break[0] == "\n" and starts_with_text and raw[at] not in " \t":
            if not found:
                out.add(" ", last_break[1])
        else:
            out.add(*last_break)
    if chomp != "-" and last_break is not None:
        out.add(*last_break)
    if chomp == "+":
        for text, where in found:
            out.add(text, where)
    out.where.append(out.where[-1] + 1 if out.where else at)
    return out


def _rebuild_blocks(raw: str, column: int) -> Iterator[_Rebuilt]:
    """Rebuild a block scalar for each indentation its header and position allow."""
    header = _BLOCK_HEADER.match(raw)
    body = _BREAK.search(raw)
    if header is None or body is None:
        return
    digit = header.group(1) or header.group(4)
    chomp = header.group(2) or header.group(3) or ""
    folded = raw[0] == ">"
    if not digit:
        yield _rebuild_block(raw, _block_indent(raw, body.end()), folded, chomp, body.end())
        return
    # An explicit indentation counts from the parent's, which is left of the indicator.
    for parent in range(column):
        yield _rebuild_block(raw, parent + int(digit), folded, chomp, body.end())


@lru_cache(maxsize=64)
def align(raw: str, style: str | None, value: str, column: int) -> tuple[int, ...] | None:
    """Map each value offset (and the end) to a source offset, if the rebuild matches."""
    if style in ("|", ">"):
        candidates: Iterable[_Rebuilt | None] = _rebuild_blocks(raw, column)
    else:
        candidates = [_rebuild_flow(raw, style)]
    for out in candidates:
        if out is not None and "".join(out.chars) == value:
            return tuple(out.where)
    return None


def position(raw: str, at: int, start: Location) -> Location:
    """The file position of source offset `at`, counting lines as YAML does."""
    line, line_start = start.line, 0
    for m in _BREAK.finditer(raw, 0, at):
        line, line_start = line + 1, m.end()
    column = start.column + at if line == start.line else at - line_start + 1
    return Location(start.path, line, column)
