"""Property tests: mutated YAML and text are either accepted or reported, never a crash."""

from __future__ import annotations

import re
import shutil
import tempfile
from array import array
from pathlib import Path

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.files import decode_text
from generator.content.schema import SCHEMAS, _validator, is_valid
from generator.content.yamltree import parse_yaml, to_plain
from generator.corpus import open_corpus
from generator.markup import escape
from generator.problems import Problem, format_plain
from generator.render import render_outputs
from generator.render.search.fold import TermIds, terms

CORPUS = FIXTURES / "corpus"
ANNOTATION = (CORPUS / "seeds/annotations/a1.yml").read_text("utf-8")
DOCUMENT = (CORPUS / "seeds/documents/a1.txt").read_text("utf-8")
# Characters that matter to YAML and Markdown, and some that matter to Unicode.
ALPHABET = st.sampled_from(
    list(":-[]{}#&*!|>'\"%@`,? \n\t\r\\<ąé\u0301\u00a0\u200b\ufeff") + list("abcKZ0129")
)
SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """Apply a few random insertions, deletions and replacements to a text."""
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(["insert", "delete", "replace"])):
            case "insert":
                text = text[:at] + draw(st.text(ALPHABET, min_size=1, max_size=8)) + text[at:]
            case "delete":
                text = text[:at] + text[at + draw(st.integers(1, 20)) :]
            case _:
                text = text[:at] + draw(st.text(ALPHABET, max_size=4)) + text[at + 1 :]
    return text


def check_project(annotation: str | None = None, document: bytes | None = None) -> list[Problem]:
    """Run load and validate (and render, when valid) on a copy of the fixture corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(CORPUS, project)
        if annotation is not None:
            (project / "seeds/annotations/a1.yml").write_text(annotation, "utf-8")
        if document is not None:
            (project / "seeds/documents/a1.txt").write_bytes(document)
        opened = open_corpus(project)
        problems = list(opened.problems)
        if opened.corpus is None:
            assert problems
        else:
            assert render_outputs(opened.corpus)
        assert all(line for line in format_plain(problems))
        return problems


@SETTINGS
@given(mutated(ANNOTATION))
def test_mutated_annotation_is_accepted_or_reported(text: str) -> None:
    for problem in check_project(annotation=text):
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.code and problem.message


@SETTINGS
@given(mutated(DOCUMENT))
def test_mutated_document_is_accepted_or_reported(text: str) -> None:
    problems = check_project(document=text.encode("utf-8"))
    assert {p.code for p in problems} <= {"quote-not-found"}


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_as_document(data: bytes) -> None:
    check_project(document=data)


@SETTINGS
@given(st.text(ALPHABET, max_size=200))
def test_random_yaml_text(text: str) -> None:
    node, problems = parse_yaml(text, "x.yml")
    assert (
        node is not None
        or problems
        or not text.strip(" \n\t\r\ufeff")
        or text.lstrip(" \n\t\r\ufeff").startswith("#")
    )


@SETTINGS
@given(st.binary(max_size=200))
def test_decode_reports_the_bad_byte(data: bytes) -> None:
    text, problems = decode_text(data, "x.txt")
    if text is None:
        assert problems[0].code == "not-utf8" and "byte " in problems[0].message


# Values the schemas judge: text of every shape, lists, mappings, nothing.
PLAIN = st.recursive(
    st.none() | st.text(ALPHABET, max_size=12) | st.sampled_from(["", " ", "2024", "tl", "KZ"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "source",
                    "claims",
                    "id",
                    "pair",
                    "topic",
                    "date",
                    "statement",
                    "quote",
                    "translation",
                    "language",
                    "title",
                    "url",
                    "name",
                    "kind",
                    "aliases",
                    "summary",
                    "description",
                    "KZ",
                    "CSTO",
                    "arms-transfer",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.sampled_from(SCHEMAS), PLAIN)
def test_the_quick_schema_check_agrees_with_jsonschema(name: str, plain: object) -> None:
    """A file the compiled schema passes has no jsonschema error, and the other way round."""
    assert is_valid(name, plain) == (not list(_validator(name).iter_errors(plain)))


@SETTINGS
@given(mutated(ANNOTATION))
def test_the_quick_schema_check_agrees_on_mutated_annotations(text: str) -> None:
    node, _ = parse_yaml(text, "a1.yml")
    if node is not None:
        plain = to_plain(node)
        assert is_valid("annotation", plain) == (
            not list(_validator("annotation").iter_errors(plain))
        )


def test_the_quick_check_knows_dependent_fields() -> None:
    """published_inferred needs published: draft 2019's keyword, said in draft 7's words."""
    alone = {"source": {"language": "pl", "published_inferred": "from the text"}, "claims": []}
    both = {"source": {**alone["source"], "published": "2023?"}, "claims": []}
    assert not is_valid("annotation", alone) and list(_validator("annotation").iter_errors(alone))
    assert is_valid("annotation", both) and not list(_validator("annotation").iter_errors(both))


@given(
    st.text(alphabet=st.sampled_from(list("ab \t\n\r\u00a0\u2003\u3000\x0b\x0c\x1c")), max_size=40)
)
def test_escaping_collapses_white_space_as_one_run_to_one_space(text: str) -> None:
    """The fast pattern (only runs that are not one plain space) folds like `\\s+` -> ' '."""
    assert escape._SPACE_RUN.sub(" ", text) == re.sub(r"\s+", " ", text)
    assert escape.inline(text) == re.sub(r"\s+", " ", text)


# Letters that fold, marks, final sigma and its context, CJK and astral characters, a
# ligature, punctuation that is case-ignorable, and white space of several kinds.
SEARCH_ALPHABET = st.sampled_from(
    list("aZ9ł ŁßΣσςΟ.'’\u0301\u0308é\u00a0\u2003\u3000\t\n\x1c\u200bｶ日ﬁ½\U00020001\U0001d400")
)


@SETTINGS
@given(st.lists(st.text(SEARCH_ALPHABET, max_size=30), max_size=6), st.integers(1, 8))
def test_term_numbers_by_chunks_are_the_terms_of_each_text(texts: list[str], limit: int) -> None:
    """Folding each white-space chunk once (and forgetting chunks past a small limit) finds
    exactly the terms, in order, that folding each whole text finds; each term keeps its
    number."""
    ids = TermIds(limit)

    def named(batch: list[str]) -> list[list[str]]:
        return [[ids.names[n] for n in array("I", ids.numbered(c))] for c in ids.of_all(batch)]

    assert named(texts) == [terms(t) for t in texts]
    numbers = dict(ids.numbers)
    # Again, with the chunks known (or forgotten): the same, and the same numbers.
    assert named(texts[::-1]) == [terms(t) for t in texts[::-1]]
    assert ids.numbers == numbers and len(ids.names) == len(numbers)
