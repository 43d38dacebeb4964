"""Pair summaries: Markdown without raw HTML, whose `[@claim-id]` citations become footnotes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..config import Extension
from ..markup.summary import render_summary
from ..model import SummaryPart
from ..problems import Code, Location, Problem, codes

# Anything in [@…] is meant as a citation: a malformed one is reported, not shown as text.
CITATION = re.compile(r"\[@([^\]\n]*)\]")
CLAIM_ID = re.compile(r"[a-z0-9-]{1,80}")
RAW_HTML = re.compile(r"<[A-Za-z!?/]")
IMAGE = re.compile(r"!\[")
# Inline links `](dest` and reference definitions `[label]: dest` at the start of a line:
# these give precise positions; the rendered summary is checked as well (see _check_html).
LINK_DEST = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M
)
SAFE_URL = re.compile(r"https?://\S+", re.I)
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# What Markdown makes of a summary: elements and their attributes. Anything else could only
# come from raw HTML or an attribute list, which markup.summary.neutralise neutralises.
ELEMENTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("p", "em", "strong", "blockquote", "ul", "hr", "br", "pre"), frozenset()),
    **dict.fromkeys(("table", "thead", "tbody", "tr"), frozenset()),
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), frozenset({"id"})),
    **dict.fromkeys(("th", "td"), frozenset({"style", "align"})),
    "ol": frozenset({"start"}),
    "code": frozenset({"class"}),  # fenced code: language-*
    "a": frozenset({"href", "title", "class"}),
    "img": frozenset({"src", "alt", "title"}),
    "li": frozenset({"id"}),  # list items; footnotes have an id
    "sup": frozenset({"id"}),  # footnote references
    "div": frozenset({"class"}),  # footnotes, [TOC]
}
CLASSES = {
    "a": re.compile(r"headerlink|footnote-ref|footnote-backref"),
    "code": re.compile(r"language-\S+"),
    "div": re.compile(r"footnote|toc"),
}
TABLE_ALIGN = re.compile(r"text-align: (?:left|right|center);|left|right|center")
# Links Markdown makes within the page: heading permalinks, [TOC] entries and footnotes.
PAGE_ANCHOR = re.compile(r"#[\w:.-]*")

# The schema's maxLength for a summary. A longer one is reported there and never built, so
# it is not rendered here: Python-Markdown takes time that grows faster than its length.
MAX_LENGTH = 20000

Locate = Callable[[int], Location]


def _problem(locate: Locate, offset: int, code: Code, message: str) -> Problem:
    return Problem(locate(offset), code, message)


def _link_message(dest: str) -> str:
    return (
        f"link target '{dest}' is not allowed: links in a summary "
        "must be http:// or https:// addresses"
    )


HTML_MESSAGE = (
    "raw HTML is not allowed in a summary; write Markdown instead (a < followed by a space is fine)"
)
IMAGE_MESSAGE = (
    "images are not allowed in a summary: they would load from "
    "another host; link to the image instead"
)


@dataclass
class _Findings:
    """Problems found so far, and the link targets and images they already cover."""

    problems: list[Problem] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)  # of the targets reported
    images: int = 0

    def covers(self, offset: int | None, target: str) -> bool:
        """Whether a target the page has is one reported already, written differently."""
        if offset is not None:
            return any(start <= offset <= end for start, end in self.spans)
        # Not found as written: Markdown read escapes in it (java\(script: → java(script:).
        plain = _unescape(_target_key(target))
        return any(
            plain.startswith(other) or other.startswith(plain)
            for other in map(_unescape, self.targets)
            if other and plain
        )


def _check_markup(text: str, locate: Locate) -> _Findings:
    found = _Findings()
    for m in RAW_HTML.finditer(text):
        found.problems.append(_problem(locate, m.start(), codes.SUMMARY_HTML, HTML_MESSAGE))
    for m in IMAGE.finditer(text):
        found.problems.append(_problem(locate, m.start(), codes.SUMMARY_IMAGE, IMAGE_MESSAGE))
        found.images += 1
    for m in LINK_DEST.finditer(text):
        dest = m.group(1) if m.group(1) is not None else m.group(2)
        if dest.startswith("@"):
            continue
        if not SAFE_URL.fullmatch(dest or ""):
            start = m.start(1) if m.group(1) is not None else m.start(2)
            found.problems.append(_problem(locate, start, codes.SUMMARY_LINK, _link_message(dest)))
            found.targets.add(_target_key(dest))
            found.spans.append((m.start(), m.end()))
    return found


def _unescape(target: str) -> str:
    return BACKSLASH_ESCAPE.sub(r"\1", target)


def _target_key(dest: str) -> str:
    """Compare link targets as Markdown would read them: no <>, no surrounding spaces."""
    return dest.strip().removeprefix("<").removesuffix(">").strip()


class _Elements(HTMLParser):
    """Collect link targets, images and markup that Markdown alone does not make."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.images: list[str] = []
        self.raw: list[str] = []
        self.in_toc = False  # the links of a [TOC] have no class of their own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = ELEMENTS.get(tag)
        values = {name: value or "" for name, value in attrs}
        if allowed is None or not allowed.issuperset(values):
            self.raw.append(f"<{tag} {' '.join(values)}>".replace(" >", ">"))
        elif "class" in values and not CLASSES[tag].fullmatch(values["class"]):
            self.raw.append(f'<{tag} class="{values["class"]}">')
        elif "style" in values and not TABLE_ALIGN.fullmatch(values["style"]):
            self.raw.append(f'<{tag} style="{values["style"]}">')
        if tag == "div":
            self.in_toc = values.get("class") == "toc"
        if tag == "img":
            self.images.append(values.get("src", ""))
        for name in ("href", "src"):
            made_by = values.get("class", "toc" if self.in_toc else "")
            if name in values and not self._safe(values[name], made_by):
                self.targets.append(values[name])

    @staticmethod
    def _safe(target: str, made_by: str) -> bool:
        # Only an extension sets a class (neutralise() escapes attribute lists).
        if PAGE_ANCHOR.fullmatch(target) and (made_by == "toc" or CLASSES["a"].fullmatch(made_by)):
            return True
        return SAFE_URL.fullmatch(target) is not None

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self.in_toc = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.raw.append("<!--…-->")

    def handle_decl(self, decl: str) -> None:
        self.raw.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.raw.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.raw.append(f"<![{data}]>")


def _offset_of(text: str, target: str) -> int | None:
    """Where a target found in the rendered page is written in the summary, if it can tell."""
    for candidate in (target, _target_key(target)):
        at = text.find(candidate) if candidate else -1
        if at >= 0:
            return at
    return None


def _check_html(
    text: str,
    parts: Sequence[SummaryPart],
    locate: Locate,
    found: _Findings,
    extensions: Sequence[Extension],
) -> None:
    """Check the summary as the page will have it: every link target, image and element."""
    page, references = render_summary(parts, extensions)
    elements = _Elements()
    elements.feed(page)
    elements.close()
    for target in [*elements.targets, *(t for t in references if not SAFE_URL.fullmatch(t))]:
        at = _offset_of(text, target)
        if _target_key(target) in found.targets or found.covers(at, target):
            continue
        found.targets.add(_target_key(target))
        found.problems.append(_problem(locate, at or 0, codes.SUMMARY_LINK, _link_message(target)))
    for src in elements.images[found.images :]:
        found.problems.append(
            _problem(locate, _offset_of(text, src) or 0, codes.SUMMARY_IMAGE, IMAGE_MESSAGE)
        )
    for markup in dict.fromkeys(elements.raw):
        found.problems.append(
            _problem(
                locate,
                0,
                codes.SUMMARY_HTML,
                f"this summary would put {markup} on the page, which only raw HTML or an "
                "attribute list could make; write plain Markdown",
            )
        )


def parse_summary(
    text: str,
    locate: Locate,
    claim_exists: Callable[[str], bool],
    extensions: Sequence[Extension],
) -> tuple[tuple[SummaryPart, ...], list[Problem]]:
    """Split a summary at its citations and check its markup and cited claim ids."""
    found = _check_markup(text, locate)
    problems = found.problems
    parts: list[SummaryPart] = []
    last = 0
    for m in CITATION.finditer(text):
        claim_id = m.group(1)
        if not CLAIM_ID.fullmatch(claim_id):
            problems.append(
                _problem(
                    locate,
                    m.start(),
                    codes.INVALID_CITATION,
                    f"'[@{claim_id}]' is not a citation: write [@claim-id], one claim id "
                    "(a-z, 0-9 and -) with no spaces; cite several claims as [@a] [@b]",
                )
            )
            continue
        if not claim_exists(claim_id):
            problems.append(
                _problem(
                    locate,
                    m.start(),
                    codes.UNKNOWN_CLAIM,
                    f"[@{claim_id}] cites no claim: no annotation has a claim "
                    "with this id; check the spelling",
                )
            )
            continue
        parts.append(SummaryPart(markdown=text[last : m.start()]))
        parts.append(SummaryPart(claim_id=claim_id))
        last = m.end()
    parts.append(SummaryPart(markdown=text[last:]))
    kept = tuple(p for p in parts if p.claim_id or p.markdown)
    if len(text) <= MAX_LENGTH:
        _check_html(text, kept, locate, found, extensions)
    return kept, problems
