"""The change report of `briefings diff REV`: Markdown a reviewer reads."""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from ...config import SiteConfig, read_site_config
from ...markup import escape as mdtext
from ...model import pair_slug
from ...problems import format_plain, report_problems, sort_problems
from ...publish.files import write_atomic
from .compare import (
    ClaimChange,
    ClaimRecord,
    DiffError,
    DocumentChange,
    PairChange,
    Report,
    Side,
    compare,
    missing_seeds,
    read_side,
)
from .revision import read_revision


def open_config(project: Path) -> SiteConfig:
    """The working tree's site configuration (its problems are the working tree's side's)."""
    return read_site_config(project)[0]


# How much of a text diff (a document, a summary) the report shows.
DIFF_LINES = 60
DIFF_LINE_CHARS = 400
CONTEXT_WORDS = 6
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")


def _code(value: str) -> str:
    """Show an id as code when it is plain, else as escaped text."""
    return f"`{value}`" if _PLAIN_ID.fullmatch(value) else mdtext.text(value) or "(empty)"


def _cell(value: str) -> str:
    return mdtext.text(value) if value.strip() else "—"


def _pair_title(pair: tuple[str, str], report: Report) -> str:
    names = []
    for actor_id in pair:
        actor = report.after.actors.get(actor_id) or report.before.actors.get(actor_id)
        names.append(actor.name if actor else actor_id)
    return f"{pair_slug(pair)}: {mdtext.text(' and '.join(names))}"


def _words(text: str) -> tuple[list[str], list[int]]:
    """Split text into words, remembering the line each word is on."""
    words, lines = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        for word in line.split():
            words.append(word)
            lines.append(number)
    return words, lines


def _clip(text: str) -> str:
    return text if len(text) <= DIFF_LINE_CHARS else text[:DIFF_LINE_CHARS] + " …"


def word_hunks(before: str, after: str) -> list[str]:
    """Describe the changes between two texts word by word, with a few words of context."""
    old, old_lines = _words(before)
    new, _ = _words(after)
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(CONTEXT_WORDS):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        first = next(op[1] for op in group if op[0] != "equal")
        line = old_lines[min(first, len(old_lines) - 1)] if old_lines else 1
        lead = "…" if i1 > 0 else ""
        lines += [
            f"@@ line {line} @@",
            f"-{_clip(lead + ' '.join(old[i1:i2]) + ('…' if i2 < len(old) else ''))}",
            f"+{_clip(lead + ' '.join(new[j1:j2]) + ('…' if j2 < len(new) else ''))}",
        ]
    return lines


def _fenced_diff(before: str, after: str) -> list[str]:
    """Show a word diff of two texts in a fenced block, cut to a readable length."""
    lines = word_hunks(before, after)
    if not lines:
        return ["(only white space changed)"]
    shown = lines[:DIFF_LINES]
    if len(lines) > DIFF_LINES:
        shown.append(f"… {len(lines) - DIFF_LINES} more lines")
    longest = max((len(m.group()) for m in re.finditer(r"`+", "\n".join(shown))), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}diff", *shown, fence]


def _claim_item(claim: ClaimRecord) -> list[str]:
    facts = [
        f"topic {_code(claim.topic)}" if claim.topic else "no topic",
        f"date {mdtext.text(claim.date)}" if claim.date else "undated",
        f"from {_code(claim.source)}",
    ]
    lines = [f"- {_code(claim.id)} ({', '.join(facts)})  ", f"  {_cell(claim.statement)}"]
    if claim.quote:
        lines.append(f"  > {_cell(claim.value('quote'))}")
    return lines


def _claim_table(change: ClaimChange) -> list[str]:
    lines = [
        f"- {_code(change.after.id)}",
        "",
        "  | field | before | after |",
        "  | --- | --- | --- |",
    ]
    for name, old, new in change.fields:
        lines.append(f"  | {name} | {_cell(old)} | {_cell(new)} |")
    return [*lines, ""]


def _claims_section(title: str, claims: Iterable[ClaimRecord]) -> list[str]:
    items = list(claims)
    if not items:
        return []
    lines = [f"**{title}** ({len(items)})", ""]
    for claim in items:
        lines.extend(_claim_item(claim))
    return [*lines, ""]


def _pair_section(change: PairChange, report: Report) -> list[str]:
    status = {"added": " (new pair)", "removed": " (pair removed)", "changed": ""}
    lines = [f"### {_pair_title(change.pair, report)}{status[change.status]}", ""]
    lines += _claims_section("Claims added", change.added)
    if change.changed:
        lines += [f"**Claims changed** ({len(change.changed)})", ""]
        for claim_change in change.changed:
            lines += _claim_table(claim_change)
    lines += _claims_section("Claims removed", change.removed)
    if change.moved_out:
        lines += [f"**Claims moved to another pair** ({len(change.moved_out)})", ""]
        lines += [
            f"- {_code(c.id)} → {_code(pair_slug(c.pair))}" for c in change.moved_out if c.pair
        ]
        lines.append("")
    if change.summary is not None:
        lines += ["**Summary changed**", ""]
        lines += _fenced_diff(*change.summary)
        lines.append("")
    return lines


def _document_title(change: DocumentChange) -> str:
    record = change.after or change.before
    label = record.label if record else ""
    return f"{_code(change.id)}" + (f": {mdtext.text(label)}" if label else "")


def _document_section(change: DocumentChange) -> list[str]:
    if change.status != "changed":
        cited = ""
        if change.status == "removed" and change.cited_by:
            cited = f"; {len(change.cited_by)} claims cited it"
        return [f"- {change.status}: {_document_title(change)}{cited}"]
    lines = [f"- changed: {_document_title(change)}"]
    if change.flagged:
        ids = ", ".join(_code(i) for i in change.cited_by)
        lines.append(
            f"  - ⚠️ **the text changed after claims cited it**: {ids}. Documents "
            "are never edited once added (FORMAT.md); check every quote still "
            "says what its claim says."
        )
    elif change.text_changed:
        lines.append("  - the text changed (no claim cited the old text)")
    if change.text_changed and change.before and change.after:
        diff = _fenced_diff(change.before.text, change.after.text)
        lines += ["", *(f"    {line}" for line in diff), ""]
    if change.metadata:
        lines += ["", "    | source field | before | after |", "    | --- | --- | --- |"]
        lines += [f"    | {k} | {_cell(old)} | {_cell(new)} |" for k, old, new in change.metadata]
        lines.append("")
    return lines


def _validity(side: Side) -> list[str]:
    """Say that a side does not pass `briefings check`, and list its problems as check does."""
    if not side.problems:
        return []
    count = len(sort_problems(side.problems))
    noun = "problem" if count == 1 else "problems"
    lines = format_plain(side.problems)
    longest = max((len(m.group()) for m in re.finditer(r"`+", "\n".join(lines))), default=0)
    fence = "`" * max(3, longest + 1)
    return [
        f"> ⚠️ **{mdtext.text(side.label)} does not pass `briefings check`** "
        f"({count} {noun}), so it has no briefing to compare: fix these first.",
        "",
        f"{fence}text",
        *lines,
        fence,
        "",
    ]


def _count_row(name: str, added: int, removed: int, changed: int) -> str:
    return f"| {name} | {added} | {removed} | {changed} |"


def _summary(report: Report) -> list[str]:
    pairs = {
        s: sum(1 for p in report.pairs if p.status == s) for s in ("added", "removed", "changed")
    }
    docs = {
        s: sum(1 for d in report.documents if d.status == s)
        for s in ("added", "removed", "changed")
    }
    lines = [
        "| | added | removed | changed |",
        "| --- | ---: | ---: | ---: |",
        _count_row("pairs", pairs["added"], pairs["removed"], pairs["changed"]),
        _count_row("claims", *report.claim_counts),
        _count_row("documents", docs["added"], docs["removed"], docs["changed"]),
        "",
    ]
    flagged = [d for d in report.documents if d.flagged]
    if flagged:
        ids = ", ".join(_code(d.id) for d in flagged)
        lines += [
            f"⚠️ **{len(flagged)} document(s) changed after claims cited them:** {ids} "
            "(see Documents below).",
            "",
        ]
    after = report.after
    lines.append(
        f"After the change: {len(after.claims)} claims on {len(after.pairs)} pairs "
        f"from {len(after.documents)} documents."
    )
    return [*lines, ""]


def render_report(report: Report) -> str:
    """Write the report as Markdown: summary counts first, then pairs, then documents."""
    lines = [
        f"# Change report: {mdtext.text(report.before.label)} → {mdtext.text(report.after.label)}",
        "",
    ]
    lines += _validity(report.before) + _validity(report.after)
    if report.before.problems or report.after.problems:
        return "\n".join(lines).rstrip("\n") + "\n"
    if not report.pairs and not report.documents:
        lines += ["No change to the briefing: the same pairs, claims and documents.", ""]
        return "\n".join(lines)
    lines += _summary(report)
    if report.pairs:
        lines += ["## Pairs", ""]
        for change in report.pairs:
            lines += _pair_section(change, report)
    if report.documents:
        lines += ["## Documents", ""]
        for doc in report.documents:
            lines += _document_section(doc)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_report(project: Path, rev: str, output: Path | None) -> int:
    """Compare the corpus at rev with the working tree; print or write the report."""
    problems = missing_seeds(project)
    if problems:
        report_problems(problems)
        return 1
    after = read_side(project, "working tree")
    config = open_config(project)
    try:
        before = read_revision(project, rev, config)
    except DiffError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    text = render_report(compare(before, after))
    if output is None:
        sys.stdout.write(text)
        return 0
    write_atomic(output, text.encode("utf-8"))
    print(f"change report: {os.fspath(output)}", file=sys.stderr)
    return 0
