"""Search, in Python: folding against the shared table of cases, the codec both ways, and the
index written for the fixture corpus, decoded back and checked posting by posting.

The browser does the same folding (tests/browser/test_search.py reads the same table) and
decodes the same files.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO

from generator.config import read_site_config
from generator.corpus import open_corpus
from generator.render.search import CHUNK, FOLDER, SCRIPTS, Handwritten, search_outputs
from generator.render.search import index as index_module
from generator.render.search.codec import (
    decode_postings,
    encode_postings,
    pack,
    parse_script,
    script,
    unpack,
    unvlq,
    utf16_key,
    vlq,
)
from generator.render.search.entries import (
    CLAIM,
    DATE,
    NAME,
    PAGE,
    PASSAGE,
    PASSAGE_KIND,
    QUOTE,
    STATEMENT,
    TITLE,
    TRANSLATION,
    Entry,
    excerpt,
)
from generator.render.search.fold import fold, terms, terms_of_all
from generator.render.search.index import MAX_POSTINGS_CHARS, IndexBuilder
from generator.render.search.passages import _vlq_all

FIXTURE = REPO / "tests" / "fixtures" / "corpus"
FOLDING = json.loads((REPO / "tests/fixtures/search/folding.json").read_text("utf-8"))


# --- folding ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", FOLDING, ids=[c["why"] for c in FOLDING])
def test_folding_matches_the_shared_table(case: dict[str, object]) -> None:
    assert fold(str(case["text"])) == case["fold"]
    assert terms(str(case["text"])) == case["terms"]


def test_the_table_covers_what_readers_type() -> None:
    """The issue's spellings: Turkiye, bezzalogowych, ł and its kin, ё."""
    folded = {c["text"]: c["terms"] for c in FOLDING}
    assert folded["Türkiye"] == ["turkiye"]
    assert folded["bezzałogowych"] == ["bezzalogowych"]
    kin = " ".join(str(c["fold"]) for c in FOLDING)
    for letter in "łøđıßæœðþħ":
        assert letter not in kin, letter
    assert terms("ё") == terms("е")


def test_splitting_many_texts_at_once_is_splitting_each() -> None:
    texts = [str(c["text"]) for c in FOLDING] + ["", "\u0301", "Ä"]
    assert terms_of_all(texts) == [terms(t) for t in texts]
    # One text beyond the BMP or with a long term changes nothing for the others.
    assert terms_of_all(["a\U00020001b", "x" * 70, "Türkiye"]) == [
        ["a", "\U00020001", "b"],
        ["x" * 64, "x" * 6],
        ["turkiye"],
    ]


# --- codec -----------------------------------------------------------------------------


def test_vlq_round_trip() -> None:
    rng = random.Random(7)
    values = [0, 1, 31, 32, 1023, 1024, 2**20, 2**28 - 1]
    values += [rng.randrange(2 ** rng.randrange(1, 28)) for _ in range(2000)]
    text = vlq(values)
    assert re.fullmatch(r"[A-Za-z0-9+/]*", text)
    assert unvlq(text) == values
    # Small numbers, one character each: a dense list costs a character an entry.
    assert len(vlq(range(32))) == 32 and len(vlq([32])) == 2
    with pytest.raises(ValueError):
        unvlq(vlq([40])[:1])


def test_postings_round_trip() -> None:
    groups = [(7, [3, 4, 5, 900]), (6, [0, 2**22]), (1, [17])]
    assert decode_postings(encode_postings(groups)) == groups
    # Gaps, not ids: neighbours cost a character each.
    assert len(encode_postings([(1, list(range(1000, 1100)))])) == 3 + 2 + 99


def test_registration_scripts_round_trip() -> None:
    hostile = '</script><script>alert(1)</script>\u2028"\\'
    records = [[1, hostile, None], [2, "Türkiye"]]
    text = script("entries", 3, "abc", pack(records))
    assert text.startswith('briefingsSearch.entries(3,"abc","') and text.endswith('");\n')
    call, (number, build, packed) = parse_script(text)
    assert (call, number, build) == ("entries", 3, "abc")
    assert re.fullmatch(r"[A-Za-z0-9+/]+=*", packed) and unpack(packed) == records
    assert parse_script(script("terms", 1, ["a", hostile])) == ("terms", [1, ["a", hostile]])


def test_terms_sort_as_javascript_compares_strings() -> None:
    # U+FF5E sorts after U+1F600 in code points, before it in UTF-16 code units.
    assert sorted(["\uff5e", "\U0001f600", "a"], key=utf16_key) == ["a", "\U0001f600", "\uff5e"]


def test_excerpt_cuts_after_a_word() -> None:
    text = "word " * 100
    cut = excerpt(text, 30)
    assert cut.endswith(" …") and len(cut) <= 32 and "wor …" not in cut
    assert excerpt("short") == "short"


# --- the index of the fixture corpus ---------------------------------------------------


class Decoded:
    """The search files of one build, read back as the browser reads them."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        call, (self.manifest,) = parse_script(files[f"{FOLDER}/manifest.js"].decode("utf-8"))
        assert call == "manifest"
        self.postings: dict[str, tuple[int, list[tuple[int, list[int]]]]] = {}
        self.shards: list[list[str]] = []
        for n, first in enumerate(self.manifest["shards"]):
            call, args = parse_script(files[f"{FOLDER}/terms/{n}.js"].decode("utf-8"))
            number, build, names, counts, lists = args
            assert (call, number, build) == ("terms", n, self.manifest["build"])
            assert names[0] == first
            self.shards.append(names)
            for name, count, postings in zip(names, counts, lists, strict=True):
                self.postings[name] = (count, decode_postings(postings))
        self.records: list[list[object]] = []
        for n in range((self.manifest["entries"] + CHUNK - 1) // CHUNK):
            call, args = parse_script(files[f"{FOLDER}/entries/{n}.js"].decode("utf-8"))
            assert (call, args[0], args[1]) == ("entries", n, self.manifest["build"])
            records = unpack(args[2])
            assert len(records) == CHUNK or n == self.manifest["entries"] // CHUNK
            self.records.extend(records)

    def impacts(self, term: str) -> dict[int, int]:
        """Entry id -> impact, for one term."""
        _, groups = self.postings[fold(term)]
        return {entry: impact for impact, ids in groups for entry in ids}

    def claim(self, claim_id: str) -> int:
        (found,) = [i for i, r in enumerate(self.records) if r[0] == CLAIM and r[8] == claim_id]
        return found


def fixture_files() -> dict[str, bytes]:
    """The search files of the fixture corpus, with the real methodology page."""
    config, problems = read_site_config(REPO)
    opened = open_corpus(FIXTURE, config)
    assert not problems and opened.corpus is not None
    methodology = Handwritten("methodology.md", (REPO / "docs/methodology.md").read_text("utf-8"))
    return search_outputs(opened.corpus, "Briefings", (methodology,))


@pytest.fixture(scope="module")
def fixture_index() -> Decoded:
    return Decoded(fixture_files())


def test_scripts_ship_as_they_are(fixture_index: Decoded) -> None:
    package = REPO / "generator" / "render" / "search"
    for name in SCRIPTS:
        assert fixture_index.files[f"{FOLDER}/{name}"] == (package / name).read_bytes()


def test_every_term_is_in_its_shard_in_order(fixture_index: Decoded) -> None:
    names = [n for shard in fixture_index.shards for n in shard]
    assert names == sorted(names, key=utf16_key) and len(names) == len(set(names))
    for name in names:
        assert name == fold(name) and terms(name) == [name], name
        count, groups = fixture_index.postings[name]
        ids = [i for _, group in groups for i in group]
        assert len(ids) == len(set(ids)) == count
        assert [impact for impact, _ in groups] == sorted({i for i, _ in groups}, reverse=True)
        assert all(0 <= i < fixture_index.manifest["entries"] for i in ids)


def test_each_entry_is_found_by_each_of_its_words(fixture_index: Decoded) -> None:
    """Decode every posting and rebuild each entry's terms: they are its record's words."""
    found: dict[int, set[str]] = {}
    for name, (_, groups) in fixture_index.postings.items():
        for _, ids in groups:
            for entry in ids:
                found.setdefault(entry, set()).add(name)
    pairs = dict(fixture_index.manifest["pairs"])
    for entry, record in enumerate(fixture_index.records):
        if record[0] == CLAIM:
            shown = f"{record[3]} {record[4]} {record[6]} {list(pairs.values())[record[1]]}"
        elif record[0] == PASSAGE_KIND:
            shown = str(record[4]).removesuffix(" …")
        else:
            shown = str(record[1])
        # The words shown are all indexed (a passage's excerpt may cut its last word).
        words = set(terms(shown))
        if record[0] == PASSAGE_KIND and str(record[4]).endswith(" …"):
            words -= {terms(shown)[-1]}
        assert words <= found.get(entry, set()), (record, words - found.get(entry, set()))


def test_statements_and_quotes_carry_their_weight(fixture_index: Decoded) -> None:
    anka = fixture_index.impacts("Anka")
    claim = fixture_index.claim("kz-tr-anka-agreement")
    assert anka[claim] == STATEMENT
    # A word of the Polish quote, typed without its ł.
    signed = fixture_index.impacts("podpisaly")
    assert signed[claim] == QUOTE
    # The paragraph of the source text holding it, at the lowest weight.
    passages = [i for i in signed if fixture_index.records[i][0] == PASSAGE_KIND]
    assert len(passages) == 1 and signed[passages[0]] == PASSAGE
    assert fixture_index.records[passages[0]][1:3] == ["a1", 2]
    # Türkiye is the title of the pair page and of the actor page.
    titled = {
        fixture_index.records[i][2]
        for i, weight in fixture_index.impacts("Turkiye").items()
        if weight == TITLE
    }
    assert {"pairs/KZ-TR/", "actors/TR/"} <= titled


def test_pages_come_first_then_claims_from_the_newest_then_passages(
    fixture_index: Decoded,
) -> None:
    kinds = [r[0] for r in fixture_index.records]
    assert kinds == sorted(kinds, key=[PAGE, CLAIM, PASSAGE_KIND].index)
    methodology = [r for r in fixture_index.records if r[0] == PAGE and "methodology" in r[2]]
    assert methodology[0][1:3] == ["Methodology", "methodology/"]
    second = ["Methodology: What a claim is", "methodology/#what-a-claim-is"]
    assert methodology[1][1:3] == second


def test_passages_lead_to_their_paragraph(fixture_index: Decoded) -> None:
    passages = [r for r in fixture_index.records if r[0] == PASSAGE_KIND]
    assert passages
    for _, _source, number, label, shown, language in passages:
        assert isinstance(number, int) and number >= 1
        assert label and language and len(str(shown)) <= 162


def test_a_very_common_term_keeps_only_its_best_postings() -> None:
    builder = IndexBuilder()
    # Every other entry: gaps of one, a character each (a list of neighbours costs less).
    count = MAX_POSTINGS_CHARS + 5000
    records = [(PASSAGE_KIND, "x", i, "x", "w", "en") for i in range(2 * count)]
    builder.add_passages(["common word", "word"] * count, records)
    # One entry holds it where it weighs most: it must survive the cut, first.
    builder.add_entries([Entry(((STATEMENT, "common"),), (CLAIM,))])
    builder.add_passages(["rare"], [records[0]])
    (term,) = list(builder.terms(["common"]))
    assert term.df == count + 1 and term.truncated
    assert 0.95 * MAX_POSTINGS_CHARS <= len(term.postings) <= MAX_POSTINGS_CHARS
    groups = decode_postings(term.postings)
    assert groups[0] == (STATEMENT, [2 * count])
    kept = [i for _, ids in groups for i in ids]
    assert len(kept) == term.kept and kept[1:] == list(range(0, 2 * (term.kept - 1), 2))
    # A term under the cap keeps every posting.
    (rare,) = list(builder.terms(["rare"]))
    assert rare.kept == rare.df == 1 and not rare.truncated


def test_a_cut_list_keeps_as_many_postings_as_fit() -> None:
    """The cut is exact: the list fits, and one more posting would not."""
    builder = IndexBuilder()
    count = MAX_POSTINGS_CHARS + 3000
    # Gaps of 0 to 40 entries: one character each, or two from 32 (long ones cut close).
    rng = random.Random(7)
    texts = ["x" if rng.random() < 0.1 else "word" for _ in range(count * 3)]
    records = [(PASSAGE_KIND, "s", i, "s", "w", "en") for i in range(len(texts))]
    builder.add_entries([Entry(((STATEMENT, "word"),), (CLAIM,))] * 3)
    builder.add_passages(texts, records)
    (term,) = list(builder.terms(["word"]))
    assert term.truncated and len(term.postings) <= MAX_POSTINGS_CHARS
    groups = decode_postings(term.postings)
    everything = [
        (STATEMENT, [0, 1, 2]),
        (PASSAGE, [3 + i for i, t in enumerate(texts) if t == "word"]),
    ]
    kept = groups[1][1]
    assert groups[0] == everything[0] and kept == everything[1][1][: len(kept)]
    one_more = encode_postings([everything[0], (PASSAGE, everything[1][1][: len(kept) + 1])])
    assert len(one_more) > MAX_POSTINGS_CHARS and term.kept == 3 + len(kept)


@pytest.mark.parametrize("batch", [1, 7, 1 << 20])
def test_passages_in_bulk_are_each_paragraphs_terms(batch: int) -> None:
    """Batches sorted and encoded with numpy give each term exactly the paragraphs that hold
    it, merged with pages' postings of the lowest weight (a page's text), whatever the size
    of the batches, and a paragraph indexed before a page (not done by a corpus) too."""
    rng = random.Random(batch)
    words = ["alpha", "Beta", "gamma", "Łódź", "delta", "x1", "日本"]
    builder = IndexBuilder()
    builder._passages.batch = batch
    expected: dict[str, dict[int, set[int]]] = {}

    def note(entry: int, impact: int, text: str) -> None:
        for term in terms(text):
            expected.setdefault(term, {}).setdefault(impact, set()).add(entry)

    entry = 0
    for _ in range(3):
        page = " ".join(rng.choices(words, k=4))
        builder.add_entries([Entry(((TITLE, "page"), (PASSAGE, page)), (PAGE,))])
        note(entry, TITLE, "page")
        note(entry, PASSAGE, page)
        entry += 1
        for _ in range(rng.randint(1, 30)):
            texts = [" ".join(rng.choices(words, k=rng.randint(0, 12))) for _ in range(5)]
            builder.add_passages(texts, [(PASSAGE_KIND,)] * len(texts))
            for text in texts:
                note(entry, PASSAGE, text)
                entry += 1
    order = sorted(builder.names(), key=utf16_key)
    assert sorted(order) == sorted(expected)
    for term in builder.terms(order):
        groups = [(impact, sorted(ids)) for impact, ids in sorted(expected[term.term].items())]
        assert decode_postings(term.postings) == groups[::-1], term.term
        assert term.df == term.kept == sum(len(ids) for _, ids in groups)


@pytest.mark.parametrize("values", [[0], [31, 32, 1023, 1024, 2**20 - 1, 2**20], [2**32 - 1, 5]])
def test_gaps_encoded_in_bulk_are_vlq(values: list[int]) -> None:
    text, offsets = _vlq_all(np.array(values, dtype=np.int64))
    assert text == vlq(values) and unvlq(text) == values
    assert [text[a:b] for a, b in itertools.pairwise(offsets.tolist())] == [
        vlq([v]) for v in values
    ]


def test_search_outputs_are_deterministic(fixture_index: Decoded) -> None:
    assert fixture_files() == fixture_index.files


def test_an_empty_corpus_has_an_index_too(tmp_path: Path) -> None:
    builder = IndexBuilder()
    assert list(builder.terms([])) == [] and builder.finish() == [] and builder.count == 0


@pytest.mark.parametrize("batch", [1, 5, 512])
def test_entries_in_bulk_post_each_term_once_at_its_best_weight(
    batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries collected a batch at a time with numpy post each term of an entry once, with
    the weight of the best field (or preset term) that holds it, whatever the batches."""
    monkeypatch.setattr(index_module, "_BATCH", batch)
    rng = random.Random(batch)
    words = ["alpha", "Beta", "gamma", "Łódź", "ŁÓDŹ", "delta", "x1", "日本", "Türkiye"]
    weights = [TITLE, STATEMENT, QUOTE, TRANSLATION, NAME, DATE, PASSAGE]
    builder = IndexBuilder()
    expected: dict[str, dict[int, set[int]]] = {}
    entries = []
    for number in range(40):
        fields = tuple(
            (rng.choice(weights), " ".join(rng.choices(words, k=rng.randint(0, 6))))
            for _ in range(rng.randint(0, 4))
        )
        preset = {fold(w): rng.choice([NAME, DATE]) for w in rng.sample(words, 2)}
        best: dict[str, int] = dict(preset)
        for weight, text in fields:
            for term in terms(text):
                best[term] = max(best.get(term, 0), weight)
        for term, weight in best.items():
            expected.setdefault(term, {}).setdefault(weight, set()).add(number)
        entries.append(Entry(fields, (CLAIM,), preset or None))
    builder.add_entries(entries)
    order = sorted(builder.names(), key=utf16_key)
    assert sorted(order) == sorted(expected)
    for term in builder.terms(order):
        groups = [(weight, sorted(ids)) for weight, ids in sorted(expected[term.term].items())]
        assert decode_postings(term.postings) == groups[::-1], term.term
        assert term.df == term.kept == sum(len(ids) for _, ids in groups)
