"""A problem inside a YAML value points at the file's line and column, in every scalar style."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from generator.content import yamltree
from generator.content.yamltree import Mapping, Node, Scalar, Sequence, parse_yaml
from generator.problems import Location

MARK = "MARK"
# Each snippet holds MARK once, in the value of one scalar.
SNIPPETS = {
    "plain": "summary: text MARK here\n",
    "plain-two-lines": "summary: first line of the summary text and\n  more MARK here\n",
    "plain-empty-lines": "summary: a\n\n\n  b MARK\n",
    "plain-trailing-space-and-tab": "summary: a  \n  \t b MARK\n",
    "plain-in-sequence": "claims:\n  - statement: one\n      two\n      three MARK\n",
    "plain-in-flow": "pair: [KZ,\n  x\n  y MARK]\n",
    "single": "summary: 'it''s Kazakhstan''s MARK'\n",
    "single-two-lines": "summary: 'it''s\n  on the second line, MARK'\n",
    "single-empty-line": "summary: 'a  \n\n   b''c MARK'\n",
    "double-escapes": 'summary: "escaped \\u00e9 é MARK"\n',
    "double-many-escapes": 'summary: "\\x41\\U0001F600\\t\\"\\\\\\ \\/\\N\\_\\0\\e MARK"\n',
    "double-escaped-break": 'summary: "abc \\\n   def MARK"\n',
    "double-escaped-break-empty-line": 'summary: "abc\\\n\n   def MARK"\n',
    "double-two-lines": 'summary: "first \\" line\n  second\n\n  third MARK"\n',
    "double-wide-characters": 'summary: "😀 \\u00e9😀 MARK"\n',
    "literal": "summary: |\n  line one\n  line two MARK\n",
    "literal-strip": "summary: |-\n  line one\n\n  MARK\n\n",
    "literal-keep": "summary: |+\n  line one\n\n  MARK\n\n\n",
    "literal-indentation-indicator": "summary: |2\n    indented\n   MARK\n",
    "literal-indicator-and-strip": "a:\n  b: |1-\n     x\n    MARK\n",
    "literal-leading-empty-lines": "summary: |\n\n\n  MARK\n",
    "literal-comment": "summary: | # a note\n  MARK\n",
    "literal-nested-keep": "a:\n  b:\n    c: |+\n      x\n\n      y MARK\n",
    "literal-tab": "summary: |\n  a\tb\n  \tc MARK\n",
    "folded": "summary: >\n  first line\n  second MARK\n",
    "folded-more-indented": "summary: >-\n  a\n\n  b\n    code\n  c\n  MARK\n",
    "folded-keep": "summary: >+\n  a\n  b\n\n\n  MARK\n\n",
    "folded-indicator-and-strip": "summary: >2-\n    x\n   y\n   MARK\n",
    "folded-comment": "summary: > # note\n  a\n  MARK\n",
    "folded-in-sequence": "claims:\n  - quote: >\n      one\n      two MARK\n",
    "crlf-folded": "summary: >\r\n  a\r\n  b MARK\r\n",
    "crlf-plain": "summary: a\r\n  b\r\n\r\n  c MARK\r\n",
    "crlf-double": 'summary: "a\\\r\n  b\r\n  c MARK"\r\n',
    "key": "MARK: x\n",
}
LOADERS = {"libyaml": yamltree._Loader, "pure-python": yaml.SafeLoader}
# Snippets PyYAML's own parser refuses (a tab where libyaml accepts one): libyaml only.
LIBYAML_ONLY = {"plain-trailing-space-and-tab"}
CASES = [
    pytest.param(text, loader, id=f"{name}-{loader}")
    for name, text in SNIPPETS.items()
    for loader in LOADERS
    if loader == "libyaml" or name not in LIBYAML_ONLY
]


def scalars(node: Node | None) -> Iterator[Scalar]:
    if isinstance(node, Scalar):
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items:
            yield key
            yield from scalars(value)
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from scalars(item)


def parse(text: str, loader: str, monkeypatch: pytest.MonkeyPatch) -> Node | None:
    monkeypatch.setattr(yamltree, "_Loader", LOADERS[loader])
    root, problems = parse_yaml(text, "f.yml")
    assert problems == []
    return root


def file_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(("text", "loader"), CASES)
def test_locate_finds_the_marker(text: str, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    [scalar] = [s for s in scalars(parse(text, loader, monkeypatch)) if MARK in s.value]
    found = scalar.locate(scalar.value.index(MARK))
    assert (found.path, found.line, found.column) == (
        "f.yml",
        *file_position(text, text.index(MARK)),
    )


@pytest.mark.parametrize("text", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_every_character_is_located_on_its_source(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = text.replace("\r\n", "\n").split("\n")
    for scalar in scalars(parse(text, "libyaml", monkeypatch)):
        for offset, char in enumerate(scalar.value):
            found = scalar.locate(offset)
            source = lines[found.line - 1][found.column - 1 : found.column]
            if char in " \n":
                continue  # a folded or kept line break, or a space
            # An escaped character points at its backslash, a doubled '' at its first '.
            assert source in (char, "\\"), (offset, char)
        end = scalar.locate(len(scalar.value))
        assert (end.line, end.column) >= (scalar.loc.line, scalar.loc.column)


def test_offsets_outside_the_value_are_clamped(monkeypatch: pytest.MonkeyPatch) -> None:
    [_, scalar] = scalars(parse("summary: >\n  a\n  b\n", "libyaml", monkeypatch))
    assert str(scalar.locate(-5)) == "f.yml:2:3"
    assert str(scalar.locate(99)) == str(scalar.locate(len(scalar.value)))


def test_simple_scalars_keep_no_copy_of_their_source(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: plain text\nb: 'quoted'\nc: \"double\"\nd: 'it''s'\ne: \"\\u00e9\"\nf: |\n  x\n"
    kept = {
        key.value: value.raw
        for key, value in parse(text, "libyaml", monkeypatch).items  # type: ignore[union-attr]
    }
    assert kept == {
        "a": None,
        "b": None,
        "c": None,
        "d": "'it''s'",
        "e": '"\\u00e9"',
        "f": "|\n  x\n",
    }


def test_a_value_the_reading_cannot_rebuild_points_at_its_start() -> None:
    scalar = Scalar("not what the source says", Location("f.yml", 3, 10), "'", "'x\n y'")
    assert str(scalar.locate(5)) == "f.yml:3:10"


@pytest.mark.parametrize("name", sorted(LIBYAML_ONLY))
def test_libyaml_only_snippets_are_refused_by_pure_python(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    _, problems = parse_yaml(SNIPPETS[name], "f.yml")
    assert [p.code for p in problems] == ["yaml-syntax"]
