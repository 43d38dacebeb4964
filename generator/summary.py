"""Pair summaries: Markdown without raw HTML, whose `[@claim-id]` citations become footnotes."""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import SummaryPart
from .problems import Location, Problem

# Anything in [@…] is meant as a citation: a malformed one is reported, not shown as text.
CITATION = re.compile(r"\[@([^\]\n]*)\]")
CLAIM_ID = re.compile(r"[a-z0-9-]{1,80}")
RAW_HTML = re.compile(r"<[A-Za-z!?/]")
IMAGE = re.compile(r"!\[")
# Inline links `](dest` and reference definitions `[label]: dest`.
LINK_DEST = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M
)
SAFE_URL = re.compile(r"https?://\S+", re.I)

Locate = Callable[[int], Location]


def _problem(locate: Locate, offset: int, code: str, message: str) -> Problem:
    return Problem(locate(offset), code, message)


def _check_markup(text: str, locate: Locate) -> list[Problem]:
    problems = []
    for m in RAW_HTML.finditer(text):
        problems.append(
            _problem(
                locate,
                m.start(),
                "summary-html",
                "raw HTML is not allowed in a summary; write Markdown "
                "instead (a < followed by a space is fine)",
            )
        )
    for m in IMAGE.finditer(text):
        problems.append(
            _problem(
                locate,
                m.start(),
                "summary-image",
                "images are not allowed in a summary: they would load from "
                "another host; link to the image instead",
            )
        )
    for m in LINK_DEST.finditer(text):
        dest = m.group(1) if m.group(1) is not None else m.group(2)
        if dest.startswith("@"):
            continue
        if not SAFE_URL.fullmatch(dest or ""):
            start = m.start(1) if m.group(1) is not None else m.start(2)
            problems.append(
                _problem(
                    locate,
                    start,
                    "summary-link",
                    f"link target '{dest}' is not allowed: links in a summary "
                    "must be http:// or https:// addresses",
                )
            )
    return problems


def parse_summary(
    text: str, locate: Locate, claim_exists: Callable[[str], bool]
) -> tuple[tuple[SummaryPart, ...], list[Problem]]:
    """Split a summary at its citations and check its markup and cited claim ids."""
    problems = _check_markup(text, locate)
    parts: list[SummaryPart] = []
    last = 0
    for m in CITATION.finditer(text):
        claim_id = m.group(1)
        if not CLAIM_ID.fullmatch(claim_id):
            problems.append(
                _problem(
                    locate,
                    m.start(),
                    "invalid-citation",
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
                    "unknown-claim",
                    f"[@{claim_id}] cites no claim: no annotation has a claim "
                    "with this id; check the spelling",
                )
            )
            continue
        parts.append(SummaryPart(markdown=text[last : m.start()]))
        parts.append(SummaryPart(claim_id=claim_id))
        last = m.end()
    parts.append(SummaryPart(markdown=text[last:]))
    return tuple(p for p in parts if p.claim_id or p.markdown), problems
