"""The pair pages' footnotes are written as HTML: the markup Python-Markdown's extension makes.

Material's tooltips, its print styles and the page's filters read that markup, so it is
compared here with what the extension itself makes of the same notes.
"""

from __future__ import annotations

import markdown  # type: ignore[import-untyped]

from generator.markup import footnotes


def _extension(text: str) -> str:
    return str(markdown.Markdown(extensions=["footnotes"]).convert(text))


def test_marks_backlinks_and_notes_are_the_extensions_markup() -> None:
    # Note a is marked twice (as a summary and the list of claims mark it), b once.
    made = _extension(
        "First[^a] and second[^b].\n\nAgain[^a].\n\n"
        "[^a]:\n    Quote a.\n\n    Passage a.\n\n[^b]:\n    Quote b.\n"
    )
    ours = "\n".join(
        [
            f"<p>First{footnotes.mark('a', 1)} and second{footnotes.mark('b', 2)}.</p>",
            f"<p>Again{footnotes.mark('a', 1, occurrence=2)}.</p>",
            footnotes.notes(
                [
                    footnotes.note("a", ["Quote a.", "Passage a."], number=1, marks=2),
                    footnotes.note("b", ["Quote b."], number=2, marks=1),
                ]
            ),
        ]
    )
    assert ours == made


def test_a_page_without_notes_has_no_list() -> None:
    assert footnotes.notes([]) == ""
