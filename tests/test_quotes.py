"""Verbatim quote matching: only NFC and white space are forgiven, offsets are original."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from generator.content import quotes
from generator.content.quotes import Closest, DocumentIndex, Passage, normalize

POLISH = (
    "Kazachstan i Turcja z postępami w rozszerzaniu współpracy wojskowej\n\n"
    "28 listopada Ministerstwo Obrony Kazachstanu oświadczyło, że rozpoczął się proces "
    "wyboru krajowej firmy do produkcji tureckich dronów bojowych. W oświadczeniu "
    "potwierdzono wcześniejsze doniesienia, że produkcja tureckich bezzałogowych statków "
    "powietrznych (UAV) Anka w Kazachstanie rozpocznie się w 2024 roku.\n"
)
TAGALOG = (
    "Si Sergei Zgurets, pinuno ng mga programa ng militar sa Center for Army Research, "
    "Conversion and Disarmament, ay nagsabi na kamakailan lamang naibigay ng Ukraine sa mga "
    "kagamitan sa aviation ng Kazakhstan.\n"
    '"Ito ay mga nakabaluti na sasakyan, radar - mayroong direktang kumpetisyon sa Russia."\n'
)
ENGLISH = "The ministry said it didn’t expect delays: „the line will open in 2024”, it said."
ANKA = "produkcja tureckich bezzałogowych statków powietrznych (UAV) Anka"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("  a\tb\n\nc  ", "a b c"),
        ("a\r\nb", "a b"),
        ("a\u00a0b\u2009c\u3000d\u2028e\u2029f\u202fg\u0085h\u1680i", "a b c d e f g h i"),
        ("\u2000x\u2001", "x"),
        ("e\u0301", "é"),
        ("z\u0307o\u0301\u0142", "żół"),
        ("a\u200bb", "a\u200bb"),  # zero-width space is not white space
        ("A’b", "A’b"),
        ("", ""),
        (" \n\t\u00a0", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_index_keeps_the_original_and_its_normal_form() -> None:
    doc = nfd(POLISH).replace("\n", "\r\n")
    index = DocumentIndex.build(doc)
    assert index.text == doc
    assert index.normalized == normalize(doc)


@pytest.mark.parametrize("doc", [POLISH, TAGALOG, ENGLISH])
@pytest.mark.parametrize("fraction", [(0, 0.3), (0.2, 0.7), (0.5, 1.0)])
def test_exact_quote_is_found_at_its_offsets(doc: str, fraction: tuple[float, float]) -> None:
    quote = doc[int(len(doc) * fraction[0]) : int(len(doc) * fraction[1])].strip()
    start = doc.index(quote)
    assert DocumentIndex.build(doc).find(quote) == Passage(start, start + len(quote))


@pytest.mark.parametrize(
    "quote",
    [
        ANKA,
        ANKA.replace(" ", "\t"),
        ANKA.replace(" ", "\n"),
        ANKA.replace(" ", "\r\n"),
        ANKA.replace(" ", "\u00a0"),
        ANKA.replace(" ", "  \n "),
        f"  {ANKA}\n",
        f"\u3000{ANKA}\u2009",
    ],
)
def test_white_space_in_the_quote_is_forgiven(quote: str) -> None:
    start = POLISH.index(ANKA)
    assert DocumentIndex.build(POLISH).find(quote) == Passage(start, start + len(ANKA))


def test_white_space_in_the_document_is_forgiven_and_covered() -> None:
    doc = "Na  początku\r\n\r\nMinisterstwo\tObrony\u00a0Kazachstanu  oświadczyło.\r\n"
    passage = DocumentIndex.build(doc).find("początku Ministerstwo Obrony Kazachstanu")
    assert passage == Passage(4, 47)
    assert doc[passage.start : passage.end] == (
        "początku\r\n\r\nMinisterstwo\tObrony\u00a0Kazachstanu"
    )


def test_passage_never_starts_or_ends_in_collapsed_white_space() -> None:
    doc = "one\r\n\r\n  two three \t\n four"
    passage = DocumentIndex.build(doc).find("  \ttwo three four\n")
    assert passage is not None
    assert doc[passage.start : passage.end] == "two three \t\n four"


def test_nfd_document_nfc_quote() -> None:
    doc = nfd(POLISH)
    quote = "Kazachstanie rozpocznie się"  # ends on ę, e + combining ogonek in the document
    passage = DocumentIndex.build(doc).find(quote)
    start = doc.index(nfd(quote))
    assert passage == Passage(start, start + len(nfd(quote)))
    assert doc[passage.end - 1] == "\u0328"
    assert nfc(doc[passage.start : passage.end]) == quote


def test_nfc_document_nfd_quote() -> None:
    quote = nfd("tureckich dronów bojowych")
    assert quote != nfc(quote)
    start = POLISH.index("tureckich dronów bojowych")
    assert DocumentIndex.build(POLISH).find(quote) == Passage(start, start + 25)


def test_match_starting_on_a_decomposed_letter_covers_its_marks() -> None:
    doc = nfd("Ośrodek: żółć i źdźbło")
    passage = DocumentIndex.build(doc).find("żółć")
    assert passage is not None
    assert doc[passage.start : passage.end] == nfd("żółć")
    assert passage.end - passage.start == 7  # ł has no decomposition


@pytest.mark.parametrize(
    ("doc", "quote", "passage"),
    [
        # Hangul jamo compose across combining-class-0 characters: the word maps as a whole.
        ("\u1100\u1161\u11a8 x", "각", Passage(0, 3)),
        ("a \u1100\u1161\u11a8\u1100\u1161 x", "각가 x", Passage(2, 9)),
        # Composition exclusions decompose: one original character, two normalised ones.
        ("x \u0958 y", "\u0915\u093c y", Passage(2, 5)),
        # Singletons: OHM SIGN is GREEK CAPITAL OMEGA in NFC.
        ("10 \u2126 dalej", "10 \u03a9", Passage(0, 4)),
        # Canonical reordering of marks: the cluster is covered whole.
        ("xe\u0301\u0327y", "x\u0229\u0301y", Passage(0, 5)),
        # A mark NFC cannot attach stays apart: "ǫ" maps to o + ogonek alone.
        ("o\u0328\u0301", "\u01eb", Passage(0, 2)),
    ],
)
def test_unusual_normal_forms_map_to_whole_characters(
    doc: str, quote: str, passage: Passage
) -> None:
    assert DocumentIndex.build(doc).find(quote) == passage


def test_mixed_forms_and_line_ends_map_exactly() -> None:
    doc = nfd(POLISH).replace("\n", "\r\n") + TAGALOG
    index = DocumentIndex.build(doc)
    for quote in ["wojskowej 28 listopada", "w 2024 roku. Si Sergei", "Zgurets, pinuno"]:
        passage = index.find(quote)
        assert passage is not None
        assert normalize(doc[passage.start : passage.end]) == quote


@pytest.mark.parametrize(
    ("doc", "quote"),
    [
        (POLISH, "Kazachstan\u200b i Turcja"),  # zero-width space is not white space
        ("Kazachstan\u200b i Turcja", "Kazachstan i Turcja"),
        (POLISH, "kazachstan i turcja"),  # nor is case forgiven
        (POLISH, "KAZACHSTAN"),
        (ENGLISH, "it didn't expect delays"),  # nor apostrophe shapes
        (ENGLISH, '"the line will open in 2024"'),  # nor quotation marks
        (POLISH, "statkow powietrznych"),  # nor missing diacritics
        (POLISH, "Turcja [...] współpracy"),  # [...] is not an elision
    ],
)
def test_nothing_else_is_forgiven(doc: str, quote: str) -> None:
    assert DocumentIndex.build(doc).find(quote) is None


@pytest.mark.parametrize("quote", ["", " ", "\n\t\u00a0 "])
def test_empty_quote_is_neither_found_nor_matched(quote: str) -> None:
    index = DocumentIndex.build(POLISH)
    assert index.find(quote) is None
    assert index.closest(quote) is None


def test_quote_at_the_very_start_and_end() -> None:
    doc = "\n\n  Kazachstan i Turcja\r\n"
    index = DocumentIndex.build(doc)
    assert index.find("Kazachstan") == Passage(4, 14)
    assert index.find("Turcja") == Passage(17, 23)
    assert index.find(doc) == Passage(4, 23)
    assert index.find("Kazachstan i Turcja\n\nmore") is None


def test_first_occurrence_wins() -> None:
    doc = "Anka.  Anka.\nAnka."
    assert DocumentIndex.build(doc).find("Anka.") == Passage(0, 5)


def _mixed_text(rng: random.Random) -> str:
    parts = [nfd(POLISH), POLISH, TAGALOG, ENGLISH, "  \t", "\r\n", "\u00a0", "żółć\u2009ĄĘ "]
    return "".join(rng.choice(parts) for _ in range(12))


def test_random_substrings_map_back_to_themselves() -> None:
    rng = random.Random(0)
    doc = _mixed_text(rng)
    index = DocumentIndex.build(doc)
    assert index.normalized == normalize(doc)
    # Cut only before base characters: a quote cannot start with a bare combining mark.
    cuts = [i for i in range(len(doc) + 1) if i == len(doc) or not unicodedata.combining(doc[i])]
    checked = 0
    while checked < 300:
        start, end = sorted(rng.sample(cuts, 2))
        if end - start > 400 or not normalize(doc[start:end]):
            continue
        quote = doc[start:end]
        passage = index.find(quote)
        assert passage is not None
        found = doc[passage.start : passage.end]
        assert normalize(found) == normalize(quote)
        assert passage.start <= start + len(quote) - len(quote.lstrip())
        assert not found[0].isspace() and not found[-1].isspace()
        assert passage.end == len(doc) or not unicodedata.combining(doc[passage.end])
        checked += 1


def test_closest_names_a_one_letter_typo() -> None:
    closest = DocumentIndex.build(POLISH).closest(ANKA.replace("Anka", "Anca"))
    assert closest is not None
    start = POLISH.index(ANKA)
    assert (closest.start, closest.end, closest.text) == (start, start + len(ANKA), ANKA)
    assert closest.similarity > 0.9
    assert closest.difference == (
        'the quote has "c" (U+0063) at character 64 (after "…powietrznych (UAV) An") '
        'where the document has "k" (U+006B)'
    )


def test_closest_names_a_missing_letter() -> None:
    closest = DocumentIndex.build(POLISH).closest("Anka w Kazahstanie rozpocznie")
    assert closest is not None
    assert closest.similarity > 0.9
    assert '"c" (U+0063)' in closest.difference
    assert closest.difference.startswith("the quote is missing")


@pytest.mark.parametrize(
    ("quote", "difference"),
    [
        (
            "it didn't expect delays",
            'the quote has "\'" (U+0027) at character 8 (after "it didn") where the document has '
            '"’" (U+2019)',
        ),
        (
            'expect delays: "the line will open',
            'the quote has """ (U+0022) at character 16 (after "expect delays: ") where the '
            'document has "„" (U+201E)',
        ),
    ],
)
def test_closest_names_both_quotation_characters(quote: str, difference: str) -> None:
    closest = DocumentIndex.build(ENGLISH).closest(quote)
    assert closest is not None
    assert closest.difference == difference
    assert closest.text == ENGLISH[closest.start : closest.end]
    assert closest.similarity > 0.9


def test_closest_names_invisible_characters_and_case() -> None:
    index = DocumentIndex.build(POLISH)
    hidden = index.closest("Kazachstan\u200b i Turcja")
    assert hidden is not None
    assert "(U+200B ZERO WIDTH SPACE)" in hidden.difference
    assert "that the document does not have" in hidden.difference
    case = index.closest("kazachstan i Turcja")
    assert case is not None
    assert case.difference == (
        'the quote has "k" (U+006B) at character 1 where the document has "K" (U+004B)'
    )


def test_closest_finds_a_passage_with_a_word_dropped() -> None:
    full = "rozpoczął się proces wyboru krajowej firmy do produkcji tureckich dronów bojowych"
    closest = DocumentIndex.build(POLISH).closest(full.replace(" krajowej", ""))
    assert closest is not None
    start = POLISH.index(full)
    assert (closest.start, closest.end) == (start, start + len(full))
    assert closest.similarity > 0.9
    assert closest.difference == (
        'the quote is missing " krajowej" at character 28 '
        '(after "…się proces wyboru"), which the document has'
    )


def test_closest_finds_a_passage_with_a_word_added_or_changed() -> None:
    index = DocumentIndex.build(POLISH)
    added = index.closest("produkcja tureckich bezzałogowych bojowych statków powietrznych")
    assert added is not None
    assert added.text == "produkcja tureckich bezzałogowych statków powietrznych"
    assert "bojowych" in added.difference
    changed = index.closest("produkcja tureckich dronów w Kazachstanie rozpocznie się w 2024")
    assert changed is not None
    assert changed.text.startswith("produkcja tureckich")
    assert changed.text.endswith("w 2024")
    assert 'the quote has "dronów"' in changed.difference


def test_closest_still_answers_for_a_quote_from_elsewhere() -> None:
    closest = DocumentIndex.build(POLISH).closest("The quick brown fox jumps over the lazy dog")
    assert closest is not None
    assert closest.similarity < 0.5
    assert closest.text and closest.start < closest.end
    assert normalize(POLISH[closest.start : closest.end]) == closest.text


def test_closest_for_a_quote_longer_than_the_document() -> None:
    doc = "Kazachstan i Turcja\n"
    closest = DocumentIndex.build(doc).closest(
        "Kazachstan i Turcja z postępami w rozszerzaniu współpracy wojskowej"
    )
    assert closest == Closest(
        0,
        19,
        "Kazachstan i Turcja",
        closest.similarity,
        'the quote has " z postępami w rozszerzaniu współpracy w…" at character 20 '
        '(after "Kazachstan i Turcja") that the document does not have',
    )
    assert 0.3 < closest.similarity < 0.6


def test_closest_in_an_empty_document() -> None:
    assert DocumentIndex.build(" \n ").closest("Anka") == Closest(
        0, 0, "", 0.0, "the document has no text"
    )


def test_closest_offsets_are_original_offsets() -> None:
    doc = nfd(POLISH).replace("\n", "\r\n")
    closest = DocumentIndex.build(doc).closest("Ministerstwo  Obrony Kazachstanu oswiadczyło")
    assert closest is not None
    assert normalize(doc[closest.start : closest.end]) == closest.text
    assert closest.text == "Ministerstwo Obrony Kazachstanu oświadczyło"
    assert closest.difference == (
        'the quote has "s" (U+0073) at character 34 (after "…Obrony Kazachstanu o") '
        'where the document has "ś" (U+015B)'
    )


def test_closest_in_a_large_document_is_found_and_deterministic() -> None:
    rng = random.Random(0)
    words = (POLISH + TAGALOG).split()
    filler = " ".join(rng.choice(words) for _ in range(60_000))
    planted = "Astana i Ankara osiągnęły porozumienie w sprawie koprodukcji tych dronów"
    doc = f"{filler[:200_000]} {planted} {filler[200_000:]}"
    index = DocumentIndex.build(doc)
    quote = planted.replace("porozumienie", "porozumeinie")
    first, second = index.closest(quote), index.closest(quote)
    assert first == second
    assert first is not None
    assert (first.start, first.text) == (doc.index(planted), planted)
    assert first.similarity > 0.9


def test_closest_of_a_quote_that_is_there_is_itself() -> None:
    closest = DocumentIndex.build(POLISH).closest(ANKA)
    start = POLISH.index(ANKA)
    assert closest == Closest(start, start + len(ANKA), ANKA, 1.0, "")


@pytest.mark.parametrize(
    "text",
    [
        *("", " ", "a", " a", "a ", "  a", "a  ", " a ", "a  b", "\u00a0a\tb\n\nc \u2003"),
        *("\n", "ab", "a\tb", "\ta\n", "\ta b\n", "a \n", "a\u3000 b", "\u2028"),
    ],
)
def test_irregular_white_space_is_what_one_alternation_would_find(text: str) -> None:
    """The quick scan finds exactly the runs and single end spaces of the plain pattern, and
    says whether a lone white-space character other than U+0020 is inside the text."""
    ws = quotes._WS
    pattern = re.compile(f"[{ws}]{{2,}}|\\A[{ws}]|[{ws}]\\Z")
    inside = re.compile(f"(?<![{ws}])[{ws.replace(' ', '')}](?![{ws}])")
    spans, lone = quotes._irregular_white_space(text)
    assert spans == [m.span() for m in pattern.finditer(text)]
    assert lone == any(0 < m.start() < len(text) - 1 for m in inside.finditer(text))
