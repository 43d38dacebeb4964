"""Read YAML as the format wants it: text scalars, positions kept, no anchors, aliases or tags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from ..problems import Location, Problem, codes
from .yamlpos import align, position

# libyaml when it is there: several times faster than the pure-Python parser.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Deeper nesting than any annotation needs is a sign of a hostile or broken file.
MAX_DEPTH = 20


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar, always read as the text written."""

    value: str
    loc: Location
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    # The scalar's source text, from its first character (quote or block indicator) to its
    # end, kept only when it differs from the value on one line: most scalars need no copy.
    raw: str | None = None

    def locate(self, offset: int) -> Location:
        """Point at character `offset` of the value in the file."""
        offset = min(max(offset, 0), len(self.value))
        if self.raw is None:
            quoted = 1 if self.style in ("'", '"') else 0
            return Location(self.loc.path, self.loc.line, self.loc.column + quoted + offset)
        where = align(self.raw, self.style, self.value, self.loc.column)
        if where is None:
            return self.loc  # a scalar this reading does not reproduce: point at its start
        return position(self.raw, where[offset], self.loc)


@dataclass(frozen=True, slots=True)
class Mapping:
    """A mapping with text keys, in file order, keys unique."""

    items: tuple[tuple[Scalar, Node], ...]
    loc: Location

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def key(self, key: str) -> Scalar | None:
        for k, _ in self.items:
            if k.value == key:
                return k
        return None


@dataclass(frozen=True, slots=True)
class Sequence:
    """A sequence of nodes."""

    items: tuple[Node, ...]
    loc: Location


Node = Scalar | Mapping | Sequence


class _Refused(Exception):
    """Stop reading a file: it uses YAML the format does not allow."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _check_event(event: Any, path: str) -> None:
    """Refuse an alias, an anchor or a tag: the format has none (FORMAT.md)."""
    loc = _loc(path, event.start_mark)
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(
            Problem(
                loc,
                codes.YAML_ALIAS,
                "YAML aliases (*name) are not part of the format; write the value out in full",
            )
        )
    if getattr(event, "anchor", None) is not None:
        raise _Refused(
            Problem(
                loc,
                codes.YAML_ANCHOR,
                f"YAML anchor &{event.anchor} is not part of the format; "
                "remove it and write values out in full",
            )
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise _Refused(
            Problem(
                loc,
                codes.YAML_TAG,
                f"YAML tag {tag} is not part of the format; "
                "remove it (every value is read as text)",
            )
        )


_SCALAR, _ALIAS, _STREAM_END = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NO_KEY: Any = object()  # a mapping frame waiting for its next key
_DROP: Any = object()  # a mapping frame dropping the value of a refused key


class _Frame:
    """A collection being read: its nodes so far, and for a mapping the key awaiting a value."""

    __slots__ = ("items", "key", "loc", "mapping", "seen")

    def __init__(self, loc: Location, mapping: bool) -> None:
        self.loc = loc
        self.mapping = mapping
        self.items: list[Any] = []
        self.key: Any = _NO_KEY
        self.seen: dict[str, Location] = {}


class _Builder:
    """Build a node tree from parser events, keeping positions and refusing duplicates.

    One loop over the events with a stack of open collections: the parse floor is libyaml's
    events, and the loop adds as little as it can to each (a scalar is most of them).
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    def _scalar(self, event: Any) -> Scalar:
        start, end = event.start_mark, event.end_mark
        loc = Location(self.path, start.line + 1, start.column + 1)
        style = event.style or None
        value = event.value
        quotes = 2 if style == "'" or style == '"' else 0
        # On one line, a plain scalar is its source, and so is a quoted one of the same
        # length (every escape is longer than what it stands for): no copy is needed.
        if (
            start.line == end.line
            and style != "|"
            and style != ">"
            and end.index - start.index - quotes == len(value)
        ):
            return Scalar(value, loc, style)
        return Scalar(value, loc, style, self.text[start.index : end.index])

    def _too_deep(self, event: Any) -> _Refused:
        return _Refused(
            Problem(
                _loc(self.path, event.start_mark),
                codes.YAML_TOO_DEEP,
                f"values are nested more than {MAX_DEPTH} levels deep; no annotation needs that",
            )
        )

    def build(self, next_event: Callable[[], Any]) -> Node | None:
        """Read events from the parser until the stream ends; return the root node."""
        root: Node | None = None
        documents = 0
        stack: list[_Frame] = []
        while True:
            event = next_event()
            kind = type(event)
            if kind is _STREAM_END:
                return root
            node: Node
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    _check_event(event, self.path)
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep(event)
                node = self._scalar(event)
            elif kind in _STARTS:
                if event.anchor is not None or event.tag is not None:
                    _check_event(event, self.path)
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep(event)
                loc = _loc(self.path, event.start_mark)
                stack.append(_Frame(loc, kind is yaml.MappingStartEvent))
                continue
            elif kind in _ENDS:
                frame = stack.pop()
                if frame.mapping:
                    node = Mapping(tuple(frame.items), frame.loc)
                else:
                    node = Sequence(tuple(frame.items), frame.loc)
            elif kind is _ALIAS:
                _check_event(event, self.path)
                continue
            else:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _Refused(
                            Problem(
                                _loc(self.path, event.start_mark),
                                codes.YAML_MULTIPLE_DOCUMENTS,
                                "this file holds more than one YAML document (a second "
                                "'---'); keep one document per file",
                            )
                        )
                continue
            if not stack:
                root = node
            else:
                self._add(stack[-1], node)

    def _add(self, frame: _Frame, node: Node) -> None:
        """Put a finished node into its collection: an item, a key, or a key's value."""
        if not frame.mapping:
            frame.items.append(node)
            return
        key = frame.key
        if key is _NO_KEY:
            if isinstance(node, Scalar):
                frame.key = node
                return
            self.problems.append(
                Problem(
                    node.loc,
                    codes.YAML_COMPLEX_KEY,
                    "a key must be plain text, not a list or mapping",
                )
            )
            frame.key = _DROP
            return
        frame.key = _NO_KEY
        if key is _DROP:
            return
        first = frame.seen.get(key.value)
        if first is not None:
            self.problems.append(
                Problem(
                    key.loc,
                    codes.DUPLICATE_KEY,
                    f"key '{key.value}' is written twice in this mapping (first at line "
                    f"{first.line}); keep one",
                )
            )
            return
        frame.seen[key.value] = key.loc
        frame.items.append((key, node))


def _syntax_hint(text: str, mark: Any) -> str:
    """Guess the usual cause of a YAML syntax error from the line it points at."""
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())] or (
        mark is not None and line[mark.column : mark.column + 1] == "\t"
    ):
        return "this line has a tab character: YAML indents with spaces only; replace it"
    value = line.split(": ", 1)[1].strip() if ": " in line else ""
    if value.startswith("'") and value.count("'") > 2 and "''" not in value:
        return "inside '…' an apostrophe must be written twice (''), or use \"…\" instead"
    if value.startswith('"') and value.count('"') - value.count('\\"') > 2:
        return 'inside "…" a double quote must be written \\", or use \'…\' instead'
    return "check indentation, colons and quotes around values that contain ': ' or ' #'"


def parse_yaml(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into a node tree, or report why it cannot be read."""
    builder = _Builder(path, text)
    loader = _Loader(text)
    try:
        root = builder.build(loader.get_event)
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        loc = _loc(path, mark) if mark is not None else Location(path)
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        return None, [
            Problem(
                loc,
                codes.YAML_SYNTAX,
                f"this is not valid YAML: {what}; {_syntax_hint(text, mark)}",
            )
        ]
    except yaml.YAMLError as err:
        return None, [Problem(Location(path), codes.YAML_SYNTAX, f"this is not valid YAML: {err}")]
    finally:
        loader.dispose()
    return root, builder.problems


def to_plain(node: Node) -> Any:
    """Turn a node tree into plain dicts, lists and strings (for JSON Schema validation)."""
    if isinstance(node, Scalar):
        return node.value
    # Most values are scalars: taken here, without a call each.
    if isinstance(node, Sequence):
        return [item.value if type(item) is Scalar else to_plain(item) for item in node.items]
    return {
        key.value: value.value if type(value) is Scalar else to_plain(value)
        for key, value in node.items
    }


def node_at(node: Node, path: tuple[str | int, ...]) -> Node:
    """Follow a JSON path into the tree; stop at the deepest node that exists."""
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str) and node.get(step) is not None:
            node = node.get(step)  # type: ignore[assignment]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            node = node.items[step]
        else:
            break
    return node


def scalar_text(node: Node | None) -> str | None:
    """Return a scalar's text, or None for anything else."""
    return node.value if isinstance(node, Scalar) else None
