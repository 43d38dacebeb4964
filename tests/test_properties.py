"""Property tests: mutated YAML and text are either accepted or reported, never a crash."""

from __future__ import annotations

import html
import re
import shutil
import sys
import tempfile
import unicodedata
from array import array
from pathlib import Path

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import quotes
from generator.content.files import decode_text
from generator.content.quotes import DocumentIndex, normalize
from generator.content.schema import SCHEMAS, _validator, is_valid
from generator.content.yamltree import parse_yaml, to_plain
from generator.corpus import open_corpus
from generator.markup import escape
from generator.model import Claim, QuotePart
from generator.problems import Location, Problem, format_plain
from generator.render import render_outputs
from generator.render.cite import formats
from generator.render.links import Links, claim_on_pair_page
from generator.render.search.fold import TermIds, terms
from generator.render.source_text import cited_spans, paragraphs, render_source_text

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


# White space of every kind, the information separator U+001C (not white space), letters
# that compose (e + acute, o + ogonek + acute, Hangul jamo) and ones that do not.
QUOTE_ALPHABET = st.sampled_from(
    list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2003\u2028\u2029\u202f\u205f\u3000")
    + list("ab.e\u0301o\u0328\u1100\u1161\u11a8ąé\u200b")
)


def _index_piece_by_piece(text: str) -> DocumentIndex:
    """DocumentIndex.build the straightforward way: runs found by one plain alternation,
    and the white space of each piece between edits made U+0020 on its own."""
    ws = quotes._WS
    runs = [m.span() for m in re.finditer(f"[{ws}]{{2,}}|\\A[{ws}]|[{ws}]\\Z", text)]
    edits = [(a, b, [(" ", a, b, True)] if a > 0 and b < len(text) else []) for a, b in runs]
    pieces = []
    done = 0
    for start, end, replaced in sorted(edits + quotes._nfc_edits(text)):
        pieces.append((re.sub(f"[{ws}]", " ", text[done:start]), done, start, False))
        pieces.extend(replaced)
        done = end
    pieces.append((re.sub(f"[{ws}]", " ", text[done:]), done, len(text), False))
    pieces = [piece for piece in pieces if piece[0]]
    lengths = [0]
    for piece in pieces:
        lengths.append(lengths[-1] + len(piece[0]))
    return DocumentIndex(
        text,
        "".join(piece[0] for piece in pieces),
        array("q", lengths),
        array("q", [piece[1] for piece in pieces]),
        array("q", [piece[2] for piece in pieces]),
        bytes(piece[3] for piece in pieces),
    )


@SETTINGS
@given(st.text(QUOTE_ALPHABET, max_size=40))
def test_the_index_in_one_scan_is_the_index_piece_by_piece(text: str) -> None:
    """One scan for runs and lone white space, spaces made U+0020 once for the whole text
    and only when a lone one is inside: the same normalised text and offset map."""
    assert DocumentIndex.build(text) == _index_piece_by_piece(text)


@SETTINGS
@given(st.text(QUOTE_ALPHABET, max_size=40))
def test_normalize_skips_only_substitutions_that_change_nothing(text: str) -> None:
    plain = re.sub(f"[{quotes._WS}]+", " ", unicodedata.normalize("NFC", text)).strip(" ")
    assert normalize(text) == plain


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


# --- The source text, escaped in one pass ---------------------------------------------------

HERE = Location("seeds/annotations/a.yml")

# Every kind of white space (line breaks that splitlines knows among them), the characters
# HTML escapes, slashes for the footnotes marker, letters.
TEXT_PARTS = list("ab /&<>\t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003\u2028\u3000") + ["\r\n", "///"]
TEXTS = st.lists(st.sampled_from(TEXT_PARTS), max_size=60).map("".join)
LINES = st.lists(st.sampled_from([p for p in TEXT_PARTS if "\n" not in p]), max_size=12).map(
    "".join
)


def test_no_white_space_or_control_character_but_the_space_is_printable() -> None:
    """The fast paths of `escape.inline_space_lines` and of the citations' `one_line` stand
    on this: a printable text holds no white space but spaces, and no control character."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for pattern in (r"\s", formats._CONTROL.pattern):
        found = set(re.findall(pattern, everything)) - {" "}
        assert found and not any(c.isprintable() for c in found), pattern
    assert {c for c in everything if c.isspace()} == set(re.findall(r"\s", everything))


@SETTINGS
@given(st.lists(LINES, min_size=1))
def test_pieces_joined_by_line_breaks_fold_as_each_piece_alone(pieces: list[str]) -> None:
    """A run of white space split between two pieces stays two runs, as on its own."""
    joined = escape.inline_space_lines("\n".join(pieces))
    assert joined.split("\n") == [escape.inline_space(piece) for piece in pieces]


@SETTINGS
@given(LINES)
def test_one_line_and_bibtex_text_fast_paths_agree_with_the_passes(value: str) -> None:
    plain = formats._CONTROL.sub("", re.sub(r"\s+", " ", value)).strip()
    assert formats.one_line(value) == plain
    tex = re.sub(r"([-`',])(?=[-`',])|([?!])(?=`)", r"\1\2{}", plain.translate(formats._BIBTEX))
    assert formats.bibtex_text(value) == tex


def _paragraphs_as_first_written(text: str) -> list[tuple[int, int]]:
    found, start = [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        stripped = text[start:end].strip()
        if stripped:
            first = start + len(text[start:end]) - len(text[start:end].lstrip())
            found.append((first, first + len(stripped)))
        start += len(line)
    return found


def _source_text_a_piece_at_a_time(text: str, claims: list[Claim], page: str) -> str:
    """render_source_text as first written: every piece escaped on its own, by the same
    functions as any inline text (the reference for the one pass over all pieces)."""
    links = Links(page)
    spans = cited_spans(claims, claim_on_pair_page)
    rendered = []
    for number, (start, end) in enumerate(_paragraphs_as_first_written(text), start=1):
        here = [s for s in spans if s.start < end and s.end > start]
        points = sorted(
            {start, end} | {p for s in here for p in (s.start, s.end) if start < p < end}
        )
        pieces = []
        for a, b in zip(points, points[1:], strict=False):
            piece = escape.no_marker(html.escape(escape.inline_space(text[a:b]), quote=False))
            covering = [s for s in here if s.start <= a and b <= s.end]
            if covering and piece.strip():
                anchors = "".join(
                    f'<span class="claim-anchor" id="{s.claim_id}" data-pair="{s.pair}"></span>'
                    for s in here
                    if s.anchor and s.start == a
                )
                target = min(covering, key=lambda s: (s.end - s.start, s.start, s.claim_id))
                claims_of = " ".join(sorted({s.claim_id for s in covering}))
                href = links.url(target.page, target.claim_id)
                piece = (
                    f'{anchors}<a class="cited" data-claims="{claims_of}" href="{href}">{piece}</a>'
                )
            pieces.append(piece)
        rendered.append(f'<p id="_p{number}">{"".join(pieces)}</p>')
    body = "\n\n".join(rendered)
    return f'<div class="source-text" lang="pl">\n\n{body}\n\n</div>'


@SETTINGS
@given(TEXTS)
def test_paragraphs_are_the_lines_not_blank_trimmed(text: str) -> None:
    assert paragraphs(text) == _paragraphs_as_first_written(text)


@st.composite
def cited_texts(draw: st.DrawFn) -> tuple[str, list[Claim]]:
    """A text and claims quoting any parts of it: overlapping, nested, across lines, empty."""
    text = draw(TEXTS)
    claims = []
    for number in range(draw(st.integers(0, 5))):
        quotes = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            quotes.append(QuotePart(text[start:end], start, end))
        pair = draw(st.sampled_from([("KZ", "TR"), ("CN", "KZ")]))
        claims.append(Claim(f"c-{number}", "s", pair, "t", "x", tuple(quotes), HERE))
    return text, claims


@SETTINGS
@given(cited_texts())
def test_the_source_text_is_the_text_escaped_a_piece_at_a_time(
    cited: tuple[str, list[Claim]],
) -> None:
    text, claims = cited
    expected = _source_text_a_piece_at_a_time(text, claims, "sources/s.md")
    assert render_source_text(text, claims, "sources/s.md", "pl", claim_on_pair_page) == expected


def test_the_source_text_escapes_each_piece_on_its_own() -> None:
    """White space runs and slashes across a passage's ends stay as they are; a paragraph
    without passages is escaped as any; overlapping passages link the shorter."""
    text = "a \u00a0b\t\tc//\n\n x ///y& <z>\u3000 \n\tno passage:\u2003tab\t& <b> ////\n"
    b, x, y = text.index("b"), text.index("x"), text.index("y")

    def claim(claim_id: str, pair: tuple[str, str], start: int, end: int) -> Claim:
        return Claim(claim_id, "s", pair, "t", "x", (QuotePart("", start, end),), HERE)

    claims = [
        claim("c-1", ("KZ", "TR"), b, b + 2),  # ends inside the run of two tabs
        claim("c-2", ("CN", "KZ"), 0, 1),
        claim("c-3", ("KZ", "TR"), x, text.index(">") + 1),  # the whole paragraph
        claim("c-4", ("CN", "KZ"), y - 2, y + 1),  # inside it, from the third slash of ///
    ]
    rendered = render_source_text(text, claims, "sources/s.md", "pl", claim_on_pair_page)
    assert rendered == _source_text_a_piece_at_a_time(text, claims, "sources/s.md")
    assert rendered.split("\n\n")[1:4] == [
        '<p id="_p1"><span class="claim-anchor" id="c-2" data-pair="CN-KZ"></span>'
        '<a class="cited" data-claims="c-2" href="../../pairs/CN-KZ/#c-2">a</a> '
        '<span class="claim-anchor" id="c-1" data-pair="KZ-TR"></span>'
        '<a class="cited" data-claims="c-1" href="../../pairs/KZ-TR/#c-1">b </a> c//</p>',
        '<p id="_p2"><span class="claim-anchor" id="c-3" data-pair="KZ-TR"></span>'
        '<a class="cited" data-claims="c-3" href="../../pairs/KZ-TR/#c-3">x /</a>'
        '<span class="claim-anchor" id="c-4" data-pair="CN-KZ"></span>'
        '<a class="cited" data-claims="c-3 c-4" href="../../pairs/CN-KZ/#c-4">//y</a>'
        '<a class="cited" data-claims="c-3" href="../../pairs/KZ-TR/#c-3">&amp; &lt;z&gt;</a>'
        "</p>",
        '<p id="_p3">no passage: tab &amp; &lt;b&gt; //&#47;/</p>',
    ]
