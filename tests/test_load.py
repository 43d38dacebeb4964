"""Loading: YAML read as text with positions; files found, decoded and refused as they should."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.content.files import decode_text, read_seeds
from generator.content.yamltree import Mapping, Scalar, Sequence, parse_yaml, to_plain


def test_every_scalar_is_the_text_written() -> None:
    node, problems = parse_yaml("NO: on\nyear: 2024\ndate: 2023-11-28\nnull: ~\nf: 1.50\n", "f")
    assert problems == []
    assert to_plain(node) == {
        "NO": "on",
        "year": "2024",
        "date": "2023-11-28",
        "null": "~",
        "f": "1.50",
    }


def test_positions_are_one_based() -> None:
    node, _ = parse_yaml("a:\n  - x: 1\n    y: [KZ, TR]\n", "f.yml")
    assert isinstance(node, Mapping)
    seq = node.get("a")
    assert isinstance(seq, Sequence) and str(seq.loc) == "f.yml:2:3"
    item = seq.items[0]
    assert isinstance(item, Mapping)
    pair = item.get("y")
    assert isinstance(pair, Sequence)
    assert [str(s.loc) for s in pair.items] == ["f.yml:3:9", "f.yml:3:13"]
    assert str(item.key("y").loc) == "f.yml:3:5"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "offset", "where"),
    [
        ("s: |\n  one\n  two [x]\n", 8, "f:3:7"),  # literal block: exact line and column
        ("s: plain [x]\n", 6, "f:1:10"),
        ("s: 'quoted [x]'\n", 7, "f:1:12"),  # the opening quote counts
    ],
)
def test_scalar_locates_an_offset(text: str, offset: int, where: str) -> None:
    node, _ = parse_yaml(text, "f")
    assert isinstance(node, Mapping)
    scalar = node.get("s")
    assert isinstance(scalar, Scalar)
    assert scalar.value[offset:].startswith("[x]")
    assert str(scalar.locate(offset)) == where


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: &x 1\nb: *x\n", "yaml-anchor"),
        ("a: !!str 1\n", "yaml-tag"),
        ("a: !custom 1\n", "yaml-tag"),
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents"),
        ("a: " + "[" * 30 + "]" * 30 + "\n", "yaml-too-deep"),
        ("? [a, b]\n: c\n", "yaml-complex-key"),
        ("a: 1\na: 2\n", "duplicate-key"),
        ("a: 'unterminated\n", "yaml-syntax"),
    ],
)
def test_refused_yaml(text: str, code: str) -> None:
    _, problems = parse_yaml(text, "f")
    assert [p.code for p in problems] == [code]


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    node, problems = parse_yaml(bomb, "f")
    assert node is None and problems[0].code == "yaml-anchor"


def test_decode_accepts_bom_and_reports_bad_bytes() -> None:
    assert decode_text(b"\xef\xbb\xbfabc", "f") == ("abc", [])
    text, problems = decode_text(b"ok\nab\xffc", "f")
    assert text is None
    assert str(problems[0].location) == "f:2:3"
    assert "byte 5 (0xff)" in problems[0].message


def test_read_seeds_finds_every_file() -> None:
    raw, problems = read_seeds(FIXTURES / "corpus")
    assert problems == []
    assert [d.stem for d in raw.documents] == ["a1", "b2"]
    assert [a.path for a in raw.annotations] == [
        "seeds/annotations/a1.yml",
        "seeds/annotations/b2.yml",
    ]
    assert [p.stem for p in raw.pairs] == ["KZ-TR"]
    assert raw.actors is not None and raw.topics is not None


def test_missing_seeds_folder(tmp_path: Path) -> None:
    _, problems = read_seeds(tmp_path)
    assert [p.code for p in problems] == ["no-seeds"]


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "corpus", project)
    doc = project / "seeds/documents/a1.txt"
    doc.unlink()
    doc.symlink_to(project / "seeds/documents/missing.txt")  # dangling, inside seeds/
    _, problems = read_seeds(project)
    assert [(p.code, str(p.location)) for p in problems] == [
        ("unreadable-file", "seeds/documents/a1.txt:1:1")
    ]
