"""Found in review: similarity never 100% for a mismatch, absurd sequence numbers, quotes
that cut a word. (The located-problem cases are in test_check_cases.py.)"""

from __future__ import annotations

from pathlib import Path

from conftest import briefings
from test_check_cases import A1, B2, DOC_A1, Case, check, make_case

from generator.commands.new import next_sequence
from generator.content.claims import quote_problem as _quote_problem
from generator.content.quotes import DocumentIndex
from generator.content.yamltree import Scalar
from generator.problems import Location, Problem, format_plain


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


def test_the_same_mistake_again_in_a_file_is_said_in_short() -> None:
    message = "actor 'kz' is unknown: did you mean KZ? an actor id is an ISO code"
    problems = [Problem(Location(A1, line, 12), "unknown-actor", message) for line in (9, 4)]
    problems.append(Problem(Location(B2, 3, 12), "unknown-actor", message))
    assert format_plain(problems) == [
        f"{A1}:4:12: {message} [unknown-actor]",
        f"{A1}:9:12: actor 'kz' is unknown (as on line 4) [unknown-actor]",
        f"{B2}:3:12: {message} [unknown-actor]",  # another file: in full again
    ]


def test_a_pair_whose_claims_were_all_rejected_is_not_said_to_have_none(tmp_path: Path) -> None:
    case = Case(
        "rejected",
        [],
        replace=[
            (A1, "pair: [TR, KZ]", "pair: [tr, KZ]"),
            (A1, "pair: [KZ, TR]", "pair: [KZ, tr]"),
        ],
    )
    codes = [p.code for p in check(make_case(tmp_path, case))]
    assert codes == ["unknown-actor", "unknown-actor"]
