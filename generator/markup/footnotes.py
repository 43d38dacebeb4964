"""Footnotes written as HTML: the marks, the backlinks and the list of notes.

A pair page cites every claim with a footnote. Python-Markdown's footnotes extension used to
make them, and it cost more than half of a large pair page's conversion (about 0.4 ms a
note), so the page writes them itself, as raw HTML that the engine passes on as it is, in
exactly the markup that extension makes. Material's footnote tooltips, its print styles and
the page's filters (docs/assets/filters.js) read that markup:

- a mark: `<sup id="fnref:ID"><a class="footnote-ref" href="#fn:ID">3</a></sup>`; the
  second mark of the same note has the id `fnref2:ID`, the third `fnref3:ID`...
- the notes: `<div class="footnote"><hr /><ol><li id="fn:ID">...</li></ol></div>`, each
  note's last paragraph ending with one backlink (↩) to each of its marks.

Notes are numbered in the order of their first mark on the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from .escape import Md


def _ref_id(claim_id: str, occurrence: int) -> str:
    """The id of a note's mark: `fnref:ID` for its first, `fnref2:ID` for its second..."""
    return f"fnref:{claim_id}" if occurrence == 1 else f"fnref{occurrence}:{claim_id}"


def mark(claim_id: str, number: int, occurrence: int = 1) -> Md:
    """The `occurrence`-th mark (from 1) of note `number`, which is the note of claim_id."""
    return Md(
        f'<sup id="{_ref_id(claim_id, occurrence)}"><a class="footnote-ref" '
        f'href="#fn:{claim_id}">{number}</a></sup>'
    )


def backlinks(claim_id: str, number: int, marks: int) -> Md:
    """The note's links back to each of its `marks` marks, after a no-break space."""
    title = f"Jump back to footnote {number} in the text"
    links = [
        f'<a class="footnote-backref" href="#{_ref_id(claim_id, n)}" title="{title}">&#8617;</a>'
        for n in range(1, marks + 1)
    ]
    return Md("&#160;" + "".join(links))


def note(claim_id: str, paragraphs: Sequence[str], number: int, marks: int) -> Md:
    """A note as a list item: its paragraphs (HTML, without <p>), the last one with the
    backlinks."""
    *body, last = paragraphs
    # The item is written in one piece, not joined from lines and then wrapped: a pair page
    # has a note a claim, a long quote each, and every copy of them counts.
    head = "".join([f"<p>{p}</p>\n" for p in body])
    return Md(
        f'<li id="fn:{claim_id}">\n{head}<p>{last}{backlinks(claim_id, number, marks)}</p>\n</li>'
    )


def notes(items: Sequence[str]) -> Md:
    """The list of notes, from their list items; nothing when there are none."""
    if not items:
        return Md("")
    return Md('<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>")
