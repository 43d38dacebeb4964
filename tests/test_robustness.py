"""Found in review: similarity never 100% for a mismatch, absurd sequence numbers, quotes
that cut a word. (The located-problem cases are in test_check_cases.py.)"""

from __future__ import annotations

from pathlib import Path

from conftest import briefings
from test_check_cases import A1, B2, DOC_A1, Case, make_case

from generator.new import next_sequence
from generator.problems import Location
from generator.quotes import DocumentIndex
from generator.validate import _quote_problem
from generator.yamltree import Scalar


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
