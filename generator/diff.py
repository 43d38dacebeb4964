"""`briefings diff REV`: what a change does to the briefing, as Markdown for reviewers."""

from __future__ import annotations

import difflib
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import mdtext
from .actors import ActorRegistry, read_actors
from .corpus import Corpus, build_corpus
from .load import SEEDS, RawSeeds, read_seeds
from .model import Claim, Source, pair_key, pair_slug
from .validate import SOURCE_FIELDS, validate_seeds
from .write import write_atomic
from .yamltree import Mapping, Node, Scalar, Sequence, scalar_text

# The fields of a claim a reviewer compares, in the order the report shows them.
CLAIM_FIELDS = ("statement", "quote", "translation", "date", "topic", "pair", "source")
# The metadata of a source, in the order the report shows it.
SOURCE_KEYS = ("language", *SOURCE_FIELDS, "published", "accessed")
# How much of a text diff (a document, a summary) the report shows.
DIFF_LINES = 60
DIFF_LINE_CHARS = 400
CONTEXT_WORDS = 6
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")


class DiffError(Exception):
    """A reason the comparison cannot be made (no git, unknown revision), said for people."""


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim as a reviewer compares it: every field as text, as written."""

    id: str
    source: str
    pair: tuple[str, str] | None
    topic: str = ""
    date: str = ""
    statement: str = ""
    quote: tuple[str, ...] = ()
    translation: tuple[str, ...] = ()

    def value(self, name: str) -> str:
        """Return one field as display text (quotes and translations joined)."""
        match name:
            case "pair":
                return pair_slug(self.pair) if self.pair else ""
            case "quote" | "translation":
                return " … ".join(f"«{part}»" for part in getattr(self, name))
        return str(getattr(self, name))


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A source document: its text (None when the file is missing) and its metadata."""

    id: str
    text: str | None
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """Name the source as the site does: its title, else its English title."""
        fields = dict(self.metadata)
        return fields.get("title") or fields.get("title_en") or ""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the comparison: the corpus at a revision, or the working tree."""

    label: str
    problems: int
    claims: MappingABC[str, ClaimRecord]
    documents: MappingABC[str, DocumentRecord]
    summaries: MappingABC[tuple[str, str], str]
    actors: ActorRegistry

    @property
    def pairs(self) -> set[tuple[str, str]]:
        """Return the pairs that have at least one claim (those that get a page)."""
        return {c.pair for c in self.claims.values() if c.pair is not None}


# -- reading a side -----------------------------------------------------------------------


def _texts(node: Node | None) -> tuple[str, ...]:
    if isinstance(node, Scalar):
        return (node.value,)
    if isinstance(node, Sequence):
        return tuple(item.value for item in node.items if isinstance(item, Scalar))
    return ()


def _raw_claim(node: Node, source: str) -> ClaimRecord | None:
    if not isinstance(node, Mapping) or not isinstance(node.get("id"), Scalar):
        return None
    ids = _texts(node.get("pair"))
    return ClaimRecord(
        id=scalar_text(node.get("id")) or "",
        source=source,
        pair=pair_key(ids[0], ids[1]) if len(ids) == 2 else None,
        topic=scalar_text(node.get("topic")) or "",
        date=scalar_text(node.get("date")) or "",
        statement=scalar_text(node.get("statement")) or "",
        quote=_texts(node.get("quote")),
        translation=_texts(node.get("translation")),
    )


def _raw_metadata(root: Node | None) -> tuple[tuple[str, str], ...]:
    source = root.get("source") if isinstance(root, Mapping) else None
    if not isinstance(source, Mapping):
        return ()
    found = ((key, scalar_text(source.get(key))) for key in SOURCE_KEYS)
    return tuple((key, value) for key, value in found if value)


def _raw_claims(raw: RawSeeds) -> dict[str, ClaimRecord]:
    """Take the claims as written; the first of two with one id wins (check reports both)."""
    claims: dict[str, ClaimRecord] = {}
    for file in raw.annotations:
        node = file.root.get("claims") if isinstance(file.root, Mapping) else None
        for item in node.items if isinstance(node, Sequence) else ():
            record = _raw_claim(item, file.stem)
            if record is not None and record.id not in claims:
                claims[record.id] = record
    return claims


def _raw_documents(raw: RawSeeds) -> dict[str, DocumentRecord]:
    texts = {doc.stem: doc.text for doc in raw.documents}
    metadata = {file.stem: _raw_metadata(file.root) for file in raw.annotations}
    stems = set(raw.document_stems) | set(metadata)
    return {s: DocumentRecord(s, texts.get(s), metadata.get(s, ())) for s in sorted(stems)}


def _corpus_claim(claim: Claim) -> ClaimRecord:
    if claim.translation is not None:
        translation: tuple[str, ...] = (claim.translation,)
    else:
        translation = tuple(q.translation for q in claim.quotes if q.translation is not None)
    return ClaimRecord(
        claim.id,
        claim.source_id,
        claim.pair,
        claim.topic,
        claim.date.text if claim.date else "",
        claim.statement,
        tuple(q.text for q in claim.quotes),
        translation,
    )


def _corpus_metadata(source: Source) -> tuple[tuple[str, str], ...]:
    found = []
    for key in SOURCE_KEYS:
        value = getattr(source, key)
        text = getattr(value, "text", value)
        if text:
            found.append((key, str(text)))
    return tuple(found)


def _summaries(raw: RawSeeds) -> dict[tuple[str, str], str]:
    summaries = {}
    for file in raw.pairs:
        text = file.root.get("summary") if isinstance(file.root, Mapping) else None
        ids = file.stem.split("-")
        if isinstance(text, Scalar) and len(ids) == 2:
            summaries[pair_key(ids[0], ids[1])] = text.value
    return summaries


def raw_records(raw: RawSeeds) -> tuple[dict[str, ClaimRecord], dict[str, DocumentRecord]]:
    """Take claims and documents from the files as written (for a side that is invalid)."""
    return _raw_claims(raw), _raw_documents(raw)


def corpus_records(corpus: Corpus) -> tuple[dict[str, ClaimRecord], dict[str, DocumentRecord]]:
    """Take claims and documents from a valid corpus: exactly what the site shows."""
    claims = {c.id: _corpus_claim(c) for c in corpus.claims.values()}
    documents = {
        s.id: DocumentRecord(s.id, s.text, _corpus_metadata(s)) for s in corpus.sources.values()
    }
    return claims, documents


def read_side(project: Path, label: str) -> Side:
    """Load, validate and index project/seeds; fall back to the raw annotations if invalid."""
    raw, problems = read_seeds(project)
    content, found = validate_seeds(raw)
    problems.extend(found)
    if problems or content is None:
        claims, documents = raw_records(raw)
        return Side(
            label,
            len(set(problems)),
            claims,
            documents,
            _summaries(raw),
            read_actors(raw.actors, []),
        )
    corpus = build_corpus(content)
    claims, documents = corpus_records(corpus)
    return Side(label, 0, claims, documents, _summaries(raw), corpus.actors)


# -- reading a revision from git ----------------------------------------------------------


def _git(project: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[Any]:
    try:
        return subprocess.run(
            ["git", "-C", os.fspath(project), *args],
            capture_output=True,
            text=not binary,
            check=False,
        )
    except FileNotFoundError as err:
        raise DiffError("git is not installed; `briefings diff` reads revisions with git") from err


def resolve(project: Path, rev: str) -> tuple[Path, str, str]:
    """Return the repository's top folder, the commit, and the project's folder in it."""
    top = _git(project, "rev-parse", "--show-toplevel")
    prefix = _git(project, "rev-parse", "--show-prefix")
    if top.returncode != 0 or prefix.returncode != 0:
        raise DiffError(
            f"{os.fspath(project)} is not in a git repository; `briefings diff` "
            "compares with a git revision"
        )
    commit = _git(
        project, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if commit.returncode != 0 or rev.startswith("-"):
        raise DiffError(
            f"'{rev}' is not a revision of this repository; give a commit, a "
            "branch or a tag (git log --oneline lists commits)"
        )
    return Path(top.stdout.strip()), commit.stdout.strip(), prefix.stdout.strip()


def _extract(archive: bytes, target: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # Python < 3.11.4: refuse anything but plain files and folders
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            tar.extractall(target, members=members)  # noqa: S202


def checkout_seeds(top: Path, commit: str, prefix: str, target: Path) -> Path:
    """Write seeds/ as it was at commit into target; return the project folder there."""
    old = target / prefix
    old.mkdir(parents=True, exist_ok=True)
    listed = _git(top, "ls-tree", "--name-only", commit, "--", f"{prefix}{SEEDS}")
    if not listed.stdout.strip():
        (old / SEEDS).mkdir()  # no seeds/ at that revision: an empty corpus
        return old
    done = _git(top, "archive", "--format=tar", commit, "--", f"{prefix}{SEEDS}", binary=True)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise DiffError(f"git could not read {SEEDS}/ at {commit[:12]}: {message}")
    try:
        _extract(done.stdout, target)
    except (tarfile.TarError, OSError) as err:
        raise DiffError(f"{SEEDS}/ at {commit[:12]} could not be unpacked: {err}") from err
    return old


def read_revision(project: Path, rev: str) -> Side:
    """Read the corpus at a git revision without touching the working tree."""
    top, commit, prefix = resolve(project, rev)
    label = rev if commit.startswith(rev) else f"{rev} ({commit[:12]})"
    with tempfile.TemporaryDirectory(prefix="briefings-diff-") as tmp:
        return read_side(checkout_seeds(top, commit, prefix, Path(tmp)), label)


# -- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim on both sides whose fields differ: (field, before, after) per field."""

    before: ClaimRecord
    after: ClaimRecord
    fields: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class PairChange:
    """What the change does to one pair's page."""

    pair: tuple[str, str] | None  # None: claims whose pair could not be read
    status: str  # "added", "removed" or "changed"
    added: tuple[ClaimRecord, ...] = ()
    removed: tuple[ClaimRecord, ...] = ()
    changed: tuple[ClaimChange, ...] = ()
    moved_out: tuple[ClaimRecord, ...] = ()  # now in another pair (after-side records)
    summary: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """A document added, removed or changed, and the claims that cited its old text."""

    id: str
    status: str
    before: DocumentRecord | None
    after: DocumentRecord | None
    text_changed: bool = False
    metadata: tuple[tuple[str, str, str], ...] = ()
    cited_by: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Say whether text that claims already cited was edited."""
        return self.text_changed and bool(self.cited_by)


@dataclass(frozen=True, slots=True)
class Report:
    """Every difference between two sides, in a fixed order."""

    before: Side
    after: Side
    pairs: tuple[PairChange, ...]
    documents: tuple[DocumentChange, ...]
    claim_counts: tuple[int, int, int] = (0, 0, 0)  # added, removed, changed


def _claim_change(before: ClaimRecord, after: ClaimRecord) -> ClaimChange | None:
    fields = tuple(
        (name, before.value(name), after.value(name))
        for name in CLAIM_FIELDS
        if before.value(name) != after.value(name)
    )
    return ClaimChange(before, after, fields) if fields else None


def _pair_change(
    pair: tuple[str, str] | None, before: Side, after: Side, changes: dict[str, ClaimChange]
) -> PairChange | None:
    old = {i for i, c in before.claims.items() if c.pair == pair}
    new = {i for i, c in after.claims.items() if c.pair == pair}
    summary = (before.summaries.get(pair, ""), after.summaries.get(pair, "")) if pair else ("", "")
    status = "added" if not old else "removed" if not new else "changed"
    change = PairChange(
        pair=pair,
        status=status if pair else "changed",
        added=tuple(after.claims[i] for i in sorted(new - set(before.claims))),
        removed=tuple(before.claims[i] for i in sorted(old - set(after.claims))),
        changed=tuple(changes[i] for i in sorted(new) if i in changes),
        moved_out=tuple(after.claims[i] for i in sorted(old & set(after.claims) - new)),
        summary=summary if summary[0] != summary[1] else None,
    )
    if change.added or change.removed or change.changed or change.moved_out or change.summary:
        return change
    return None


def _document_change(doc_id: str, before: Side, after: Side) -> DocumentChange | None:
    old, new = before.documents.get(doc_id), after.documents.get(doc_id)
    cited = tuple(sorted(i for i, c in before.claims.items() if c.source == doc_id))
    if old is None or new is None:
        return DocumentChange(
            doc_id, "added" if old is None else "removed", old, new, cited_by=cited
        )
    old_meta, new_meta = dict(old.metadata), dict(new.metadata)
    metadata = tuple(
        (key, old_meta.get(key, ""), new_meta.get(key, ""))
        for key in SOURCE_KEYS
        if old_meta.get(key, "") != new_meta.get(key, "")
    )
    text_changed = old.text != new.text
    if not (text_changed or metadata):
        return None
    return DocumentChange(doc_id, "changed", old, new, text_changed, metadata, cited)


def compare(before: Side, after: Side) -> Report:
    """Find what changed: pairs, their claims and summaries, and documents."""
    changes = {}
    for claim_id in sorted(set(before.claims) & set(after.claims)):
        change = _claim_change(before.claims[claim_id], after.claims[claim_id])
        if change is not None:
            changes[claim_id] = change
    pairs_seen = before.pairs | after.pairs | set(before.summaries) | set(after.summaries)
    unreadable = (
        [None]
        if any(c.pair is None for side in (before, after) for c in side.claims.values())
        else []
    )
    pairs = [
        p
        for pair in [*sorted(pairs_seen), *unreadable]
        if (p := _pair_change(pair, before, after, changes))
    ]
    doc_ids = sorted(set(before.documents) | set(after.documents))
    documents = [d for doc_id in doc_ids if (d := _document_change(doc_id, before, after))]
    counts = (
        len(set(after.claims) - set(before.claims)),
        len(set(before.claims) - set(after.claims)),
        len(changes),
    )
    return Report(before, after, tuple(pairs), tuple(documents), counts)


# -- writing Markdown ---------------------------------------------------------------------


def _code(value: str) -> str:
    """Show an id as code when it is plain, else as escaped text."""
    return f"`{value}`" if _PLAIN_ID.fullmatch(value) else mdtext.text(value) or "(empty)"


def _cell(value: str) -> str:
    return mdtext.text(value) if value.strip() else "—"


def _pair_title(pair: tuple[str, str] | None, report: Report) -> str:
    if pair is None:
        return "Claims without a valid pair"
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
    old = change.before.text if change.before else None
    new = change.after.text if change.after else None
    if change.text_changed and (old is None or new is None):
        lines.append("  - the text cannot be read on one side (see `briefings check`)")
    elif change.text_changed and old is not None and new is not None:
        lines += ["", *(f"    {line}" for line in _fenced_diff(old, new)), ""]
    if change.metadata:
        lines += ["", "    | source field | before | after |", "    | --- | --- | --- |"]
        lines += [f"    | {k} | {_cell(old)} | {_cell(new)} |" for k, old, new in change.metadata]
        lines.append("")
    return lines


def _validity(side: Side) -> list[str]:
    if not side.problems:
        return []
    noun = "problem" if side.problems == 1 else "problems"
    return [
        f"> ⚠️ **{mdtext.text(side.label)} does not pass `briefings check`** "
        f"({side.problems} {noun}). The comparison below reads its annotations as "
        "written; claims with problems would not reach the site.",
        "",
    ]


def _count_row(name: str, added: int, removed: int, changed: int) -> str:
    return f"| {name} | {added} | {removed} | {changed} |"


def _summary(report: Report) -> list[str]:
    pairs = {
        s: sum(1 for p in report.pairs if p.status == s and p.pair is not None)
        for s in ("added", "removed", "changed")
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
    try:
        before = read_revision(project, rev)
    except DiffError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    text = render_report(compare(before, read_side(project, "working tree")))
    if output is None:
        sys.stdout.write(text)
        return 0
    write_atomic(output, text.encode("utf-8"))
    print(f"change report: {os.fspath(output)}", file=sys.stderr)
    return 0
