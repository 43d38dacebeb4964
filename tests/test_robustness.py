"""Careless and hostile input found in review: each is a located problem, never a silent drop,
a cascade of false problems or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import briefings
from test_check_cases import A1, B2, DOC_A1, LAST_GOOD, Case, check, make_case, tree

from generator.cli import main
from generator.new import next_sequence
from generator.problems import Location
from generator.quotes import DocumentIndex
from generator.validate import _quote_problem
from generator.yamltree import Scalar

INDEX_YML = "source:\n  language: tl\nclaims: []\n"

CASES = [
    Case(
        "quote-only-white-space",  # the claim a summary cites: once dropped unsaid, a crash
        [(f"{A1}:17:12", "invalid-value")],
        replace=[
            (
                A1,
                "quote: W maju 2022 r. Kazachstan i Turcja podpisały umowę o produkcji dronów "
                "Anka.",
                'quote: "   "',
            )
        ],
        message="'quote' is empty (only white space)",
    ),
    Case(
        "statement-only-white-space",
        [(f"{A1}:16:16", "invalid-value")],
        replace=[
            (
                A1,
                "statement: Kazakhstan and Türkiye signed an agreement on producing Anka drones.",
                "statement: ' '",
            )
        ],
        message="'statement' is empty (only white space)",
    ),
    Case(
        "actor-name-only-white-space",
        [("seeds/actors.yml:3:9", "invalid-value")],
        replace=[("seeds/actors.yml", "name: Russia", 'name: "  "')],
        message="'name' is empty (only white space)",
    ),
    Case(
        "document-id-index",  # its page would replace the list of all sources
        [("seeds/documents/index.txt:1:1", "invalid-doc-id")],
        write={
            "seeds/documents/index.txt": "Ang Kazakhstan ay miyembro ng CSTO.\n",
            "seeds/annotations/index.yml": INDEX_YML,
        },
        message="'index' is reserved",
    ),
    Case(
        "actor-id-index",
        [("seeds/actors.yml:7:1", "invalid-id")],
        replace=[
            ("seeds/actors.yml", "CSTO:\n", "INDEX:\n  name: Index\n  kind: organization\nCSTO:\n")
        ],
        message="'INDEX' is reserved",
    ),
    Case(
        "broken-actors-file-alone",  # not also every claim naming CSTO
        [("seeds/actors.yml:2:1", "yaml-syntax")],
        write={"seeds/actors.yml": "RU: [\n"},
        message="this is not valid YAML",
    ),
    Case(
        "annotation-list-alone",  # not also the summary's citations of its claims
        [(f"{A1}:1:1", "invalid-value")],
        write={A1: "- a\n- b\n"},
        message="this file must be a mapping",
    ),
    Case(
        "not-utf8-after-bom",  # the byte as a hex editor counts it, the mark included
        [(f"{DOC_A1}:3:4", "not-utf8")],
        write={DOC_A1: b"\xef\xbb\xbf" + "Raport\n\nW m\xe1j".encode("latin-1")},
        message="byte 14 (0xe1)",
    ),
    Case(
        "information-separator-is-not-white-space",  # U+001F: str.isspace, not White_Space
        [(f"{B2}:10:12", "quote-not-found")],
        replace=[(B2, "quote: Ang Kazakhstan ay", 'quote: "Ang\\x1fKazakhstan ay')],
        message="U+001F",
    ),
    Case(
        "soft-hyphen-is-not-100-percent",
        [(f"{B2}:10:12", "quote-not-found")],
        replace=[(B2, "quote: Ang Kazakhstan ay", 'quote: "Ang Kazak\\u00adhstan ay')],
        message="U+00AD SOFT HYPHEN",
    ),
]
for case in CASES:
    if case.name.startswith(("information", "soft")):
        case.replace.append((B2, "ng CSTO.\n    translation", 'ng CSTO."\n    translation'))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_problem_case(tmp_path: Path, case: Case) -> None:
    problems = check(make_case(tmp_path, case))
    assert [(str(p.location), p.code) for p in problems] == case.expected
    first = problems[0]
    assert case.message in "\n".join([first.message, *first.details])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_through_check_and_build(
    tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_case(tmp_path, case)
    for rel, text in LAST_GOOD.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, "utf-8")
    before = tree(project)
    for command in ("check", "build"):
        code = main(["-C", str(project), command])
        out, err = capsys.readouterr()
        assert code == 1, (command, out, err)
        assert "Traceback" not in err
        assert tree(project) == before, command


def test_a_passage_that_is_not_the_quote_is_never_100_percent_similar() -> None:
    text = "Turcja i Kazachstan od ponad 30 lat współpracują w dziedzinie wojskowości. " * 4
    quote = text[:200].replace("wojskowości", "wojsko\u00adwości", 1)
    problem = _quote_problem(Scalar(quote, Location(A1, 1, 1)), DocumentIndex.build(text), DOC_A1)
    details = "\n".join(problem.details)
    assert "closest passage (99% similar)" in details
    assert "U+00AD SOFT HYPHEN" in details


def test_new_ignores_absurd_sequence_numbers(project: Path, tmp_path: Path) -> None:
    assert next_sequence({"9" * 98 + "_a", "004_0123456789abcdef"}) == 5
    (project / "seeds/documents" / ("9" * 98 + "_a.txt")).write_text("x\n", "utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Kazakhstan and Türkiye signed a defence agreement.\n", "utf-8")
    run = briefings(project, "new", str(article))
    assert run.code == 0, run.err
    assert "Traceback" not in run.err


def test_a_quote_that_cuts_a_word_shows_the_whole_word(tmp_path: Path) -> None:
    # "ng" of "Ang", "CS" of "CSTO": verbatim, but read alone they could say something else
    # ("wielkich", large, of "niewielkich", small); the page shows the rest of each word.
    case = Case(
        "cut",
        [],
        replace=[
            (
                B2,
                "quote: Ang Kazakhstan ay miyembro ng CSTO.",
                "quote: ng Kazakhstan ay miyembro ng CS",
            )
        ],
    )
    project = make_case(tmp_path, case)
    run = briefings(project, "build", "--pages-only")
    assert run.code == 0, run.err
    page = (project / "docs/pairs/CSTO-KZ.md").read_text("utf-8")
    assert (
        '<q lang="tl"><span class="quote-cut">&#91;A&#93;</span>ng Kazakhstan ay miyembro ng '
        'CS<span class="quote-cut">&#91;TO&#93;</span></q>'
    ) in page
    whole = (project / "docs/pairs/RU-UA.md").read_text("utf-8")
    assert "quote-cut" not in whole
