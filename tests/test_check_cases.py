"""Every kind of mistake a curator can make: the exact location, code and message of each."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import FIXTURES, briefings

from generator.commands.cli import main
from generator.content.files import MAX_DOCUMENT_BYTES
from generator.corpus import open_corpus
from generator.problems import Problem

INDEX_YML = "source:\n  language: tl\nclaims: []\n"
A1 = "seeds/annotations/a1.yml"
B2 = "seeds/annotations/b2.yml"
DOC_A1 = "seeds/documents/a1.txt"
PAIR = "seeds/pairs/KZ-TR.yml"


@dataclass(frozen=True)
class Case:
    """A change to the fixture corpus and the problems it must produce (location, code)."""

    name: str
    expected: list[tuple[str, str]]
    replace: list[tuple[str, str, str]] = field(default_factory=list)
    write: dict[str, str | bytes | None] = field(default_factory=dict)
    message: str = ""  # a phrase the first problem's message (or details) must contain


CASES = [
    Case(
        "yaml-syntax",
        [(f"{A1}:14:4", "yaml-syntax")],
        replace=[(A1, "    topic: agreement", "   topic: agreement")],
        message="this is not valid YAML",
    ),
    Case("empty-file", [(f"{B2}:1:1", "empty-file")], write={B2: ""}, message="this file is empty"),
    Case(
        "list-not-mapping",
        [(f"{B2}:1:1", "invalid-value")],
        write={B2: "- a\n- b\n"},
        message="this file must be a mapping (key: value lines), but this is a list of 2",
    ),
    Case(
        "wrong-type",
        [(f"{A1}:13:11", "invalid-value")],
        replace=[(A1, "pair: [TR, KZ]", "pair: TR-KZ")],
        message="'pair' must be a list, but this is the text 'TR-KZ'; write it as [TR, KZ]",
    ),
    Case(
        "missing-field",
        [(f"{A1}:19:5", "missing-field")],
        replace=[(A1, "    statement: Anka drones are to be produced under the agreement.\n", "")],
        message="missing required field 'statement'",
    ),
    Case(
        "reserved-claim-id-year",
        [(f"{A1}:19:9", "reserved-claim-id")],
        replace=[(A1, "id: kz-tr-anka-drones", "id: year-2023")],
        message="claim id 'year-2023' is reserved: pair pages use it as the anchor of a year",
    ),
    Case(
        "reserved-claim-id-undated",
        [(f"{A1}:19:9", "reserved-claim-id")],
        replace=[(A1, "id: kz-tr-anka-drones", "id: undated")],
    ),
    Case(
        "reserved-claim-id-source",
        [(f"{A1}:19:9", "reserved-claim-id")],
        replace=[(A1, "id: kz-tr-anka-drones", "id: source-b2")],
    ),
    Case(
        "inferred-date-without-date",
        [(f"{B2}:5:3", "missing-field")],
        replace=[
            (B2, "  language: tl\n", "  language: tl\n  published_inferred: From the text.\n")
        ],
        message="'published_inferred' is given, so 'published' is required; add it",
    ),
    Case(
        "unknown-field",
        [(f"{A1}:23:5", "unknown-field")],
        replace=[
            (
                A1,
                "    quote: umowę o produkcji dronów Anka",
                "    qoute: umowę o produkcji dronów Anka",
            )
        ],
        message="unknown field 'qoute'; did you mean 'quote'?",
    ),
    Case(
        "invalid-claim-id",
        [(f"{A1}:19:9", "invalid-value")],
        replace=[(A1, "id: kz-tr-anka-drones", "id: KZ_TR drones")],
        message="'KZ_TR drones' is not valid for 'id'",
    ),
    Case(
        "unknown-actor",
        [(f"{A1}:20:16", "unknown-actor")],
        replace=[(A1, "pair: [KZ, TR]", "pair: [KZ, XX]")],
        message="actor 'XX' is unknown",
    ),
    Case(
        "yaml-tab",
        [(f"{A1}:21:1", "yaml-syntax")],
        replace=[(A1, "    topic: co-production\n", "\ttopic: co-production\n")],
        message="this line has a tab character: YAML indents with spaces only",
    ),
    Case(
        "yaml-apostrophe",
        [(f"{A1}:22:22", "yaml-syntax")],
        replace=[
            (
                A1,
                "    statement: Anka drones are to be produced under the agreement.",
                "    statement: 'Anka's drones are to be produced.'",
            )
        ],
        message="inside '…' an apostrophe must be written twice ('')",
    ),
    Case(
        "unknown-actor-lower-case",
        [(f"{A1}:20:16", "unknown-actor")],
        replace=[(A1, "pair: [KZ, TR]", "pair: [KZ, tr]")],
        message="actor 'tr' is unknown: did you mean TR?",
    ),
    Case(
        "unknown-actor-by-name",
        [(f"{A1}:20:12", "unknown-actor")],
        replace=[(A1, "pair: [KZ, TR]", "pair: [Kazakhstan, TR]")],
        message="actor 'Kazakhstan' is unknown: did you mean KZ?",
    ),
    Case(
        "unknown-actor-uk",
        [(f"{A1}:20:16", "unknown-actor")],
        replace=[(A1, "pair: [KZ, TR]", "pair: [KZ, UK]")],
        message="actor 'UK' is unknown: did you mean GB?",
    ),
    Case(
        "unknown-language",
        [(f"{A1}:5:13", "unknown-language")],
        replace=[(A1, "language: pl", "language: kz")],
        message="'kz' is not a language: 'kz' is no ISO 639 language code (KZ is the country "
        "code of Kazakhstan, not a language)",
    ),
    Case(
        "language-upper-case",
        [(f"{A1}:5:13", "unknown-language")],
        replace=[(A1, "language: pl", "language: PL")],
        message="write the language code in lower case: 'pl'",
    ),
    Case(
        "pair-file-lower-case",
        [("seeds/pairs/kz-tr.yml:1:1", "invalid-pair-file")],
        write={PAIR: None, "seeds/pairs/kz-tr.yml": "summary: Text.\n"},
        message="rename it KZ-TR.yml",
    ),
    Case(
        "citation-with-spaces",
        [(f"{PAIR}:3:128", "invalid-citation")],
        replace=[(PAIR, "[@kz-ru-helicopters]", "[@kz-ru-helicopters, p. 3]")],
        message="is not a citation: write [@claim-id], one claim id (a-z, 0-9 and -) with no "
        "spaces; cite several claims as [@a] [@b]",
    ),
    Case(
        "unknown-topic",
        [(f"{A1}:21:12", "unknown-topic")],
        replace=[(A1, "topic: co-production", "topic: coproduction")],
        message="topic 'coproduction' is not declared in seeds/topics.yml; did you mean "
        "'co-production'?",
    ),
    Case(
        "same-actor-twice",
        [(f"{A1}:20:11", "same-actor-twice")],
        replace=[(A1, "pair: [KZ, TR]", "pair: [KZ, KZ]")],
        message="pair names KZ twice",
    ),
    Case(
        "duplicate-claim-id",
        [(f"{B2}:6:9", "duplicate-claim-id")],
        replace=[(B2, "id: csto-kz-member", "id: kz-tr-anka-drones")],
        message="claim id 'kz-tr-anka-drones' is already used at seeds/annotations/a1.yml:19:9",
    ),
    Case(
        "unknown-citation",
        [(f"{PAIR}:4:7", "unknown-claim")],
        replace=[(PAIR, "See [the report]", "See [@no-such-claim] [the report]")],
        message="[@no-such-claim] cites no claim",
    ),
    Case(
        "pair-file-order",
        [("seeds/pairs/TR-KZ.yml:1:1", "invalid-pair-file")],
        write={PAIR: None, "seeds/pairs/TR-KZ.yml": "summary: Text.\n"},
        message="rename it KZ-TR.yml",
    ),
    Case(
        "pair-without-claims",
        [("seeds/pairs/KZ-RU.yml:1:1", "pair-without-claims")],
        write={
            "seeds/pairs/KZ-RU.yml": "summary: Text.\n",
            "seeds/annotations/a1.yml": None,
            "seeds/documents/a1.txt": None,
            "seeds/pairs/KZ-TR.yml": None,
        },
        message="no claim is about that pair",
    ),
    Case(
        "invalid-topic-id",
        [(f"{A1}:14:12", "unknown-topic"), ("seeds/topics.yml:2:1", "invalid-id")],
        replace=[("seeds/topics.yml", "agreement:", "Agreement:")],
        message="topic 'agreement' is not declared in seeds/topics.yml; known topics: "
        "arms-transfer",
    ),
    Case(
        "invalid-actor-id",
        [("seeds/actors.yml:7:1", "invalid-id"), (f"{B2}:7:16", "unknown-actor")],
        replace=[("seeds/actors.yml", "CSTO:", "csto:")],
        message="'csto' is not a valid id: expected an actor id",
    ),
    Case(
        "annotation-without-document",
        [(f"{B2}:1:1", "annotation-without-document")],
        write={"seeds/documents/b2.txt": None},
        message="there is no seeds/documents/b2.txt",
    ),
    Case(
        "document-without-annotation",
        [("seeds/documents/c3.txt:1:1", "document-without-annotation")],
        write={"seeds/documents/c3.txt": "Tekst.\n"},
        message="no seeds/annotations/c3.yml annotates this document",
    ),
    Case(
        "month-13",
        [(f"{A1}:15:11", "invalid-date")],
        replace=[(A1, "date: 2022-05", "date: 2023-13-01")],
        message="month 13",
    ),
    Case(
        "february-30",
        [(f"{A1}:15:11", "invalid-date")],
        replace=[(A1, "date: 2022-05", "date: 2023-02-30")],
        message="28 days",
    ),
    Case(
        "interval-backwards",
        [(f"{A1}:27:11", "invalid-date")],
        replace=[(A1, "date: 2021~/2022", "date: 2024/2023")],
        message="ends before it starts",
    ),
    Case(
        "quote-not-found",
        [(f"{A1}:23:12", "quote-not-found")],
        replace=[
            (A1, "quote: umowę o produkcji dronów Anka", "quote: umowe o produkcji dronow Anka")
        ],
        message="closest passage (93% similar), seeds/documents/a1.txt line 3",
    ),
    Case(
        "empty-quote",
        [(f"{A1}:23:12", "invalid-value")],
        replace=[(A1, "quote: umowę o produkcji dronów Anka", "quote: ''")],
        message="'quote' is empty; write a verbatim passage",
    ),
    Case(
        "not-utf8",
        [(f"{DOC_A1}:3:4", "not-utf8")],
        write={DOC_A1: "Raport\n\nW m\xe1j".encode("latin-1")},
        message="byte 11 (0xe1)",
    ),
    Case(
        "yaml-alias",
        [(f"{B2}:9:16", "yaml-anchor")],
        replace=[(B2, "statement: Kazakhstan", "statement: &s Kazakhstan")],
        message="YAML anchor &s is not part of the format",
    ),
    Case(
        "yaml-tag",
        [(f"{B2}:9:16", "yaml-tag")],
        replace=[
            (
                B2,
                "statement: Kazakhstan is a member of the CSTO.",
                "statement: !!python/object/apply:os.system [echo hacked]",
            )
        ],
        message="YAML tag tag:yaml.org,2002:python/object/apply:os.system is not part",
    ),
    Case(
        "duplicate-key",
        [(f"{B2}:11:5", "duplicate-key")],
        replace=[
            (B2, "    translation: Kazakhstan is a member of the CSTO.", "    statement: Again.")
        ],
        message="key 'statement' is written twice in this mapping (first at line 9)",
    ),
    Case(
        "url-scheme",
        [(f"{A1}:8:8", "invalid-value")],
        replace=[(A1, "url: https://example.org/raport?a=1&b=(2)", "url: javascript:alert(1)")],
        message="expected the source's address: an http:// or https:// URL",
    ),
    Case(
        "summary-html",
        [(f"{PAIR}:4:7", "summary-html")],
        replace=[(PAIR, "See [the report]", "See <img src=x onerror=alert(1)> [the report]")],
        message="raw HTML is not allowed in a summary",
    ),
    Case(
        "summary-link",
        [(f"{PAIR}:4:20", "summary-link")],
        replace=[(PAIR, "(https://example.org/raport)", "(javascript:alert(1))")],
        message="link target 'javascript:alert(1)' is not allowed",
    ),
    Case(
        "summary-image",
        [(f"{PAIR}:4:7", "summary-image")],
        replace=[(PAIR, "See [the report]", "See ![the report]")],
        message="images are not allowed",
    ),
    Case(
        "summary-link-in-quote",
        [(f"{PAIR}:2:12", "summary-link")],
        write={
            PAIR: "summary: |\n  > [ref]: javascript:alert(document.domain)\n\n"
            "  [click me][ref] and [@kz-tr-anka-agreement]\n"
        },
        message="link target 'javascript:alert(document.domain)' is not allowed",
    ),
    Case(
        "summary-link-in-list",
        [(f"{PAIR}:4:14", "summary-link")],
        write={
            PAIR: "summary: |\n  * item\n\n        [r]: javascript:alert(1)\n\n"
            "  [x][r] [@kz-tr-anka-agreement]\n"
        },
        message="link target 'javascript:alert(1)' is not allowed",
    ),
    Case(
        "unknown-claim-folded",
        [(f"{PAIR}:3:17", "unknown-claim")],
        write={PAIR: "summary: >\n  Turkey and Kazakhstan agreed\n  to co-produce [@nope].\n"},
        message="[@nope] cites no claim",
    ),
    Case(
        "unknown-claim-folded-strip-empty-line",
        [(f"{PAIR}:5:5", "unknown-claim")],
        write={PAIR: "summary: >-\n    Turkey and Kazakhstan.\n\n    They\n    [@nope] agreed.\n"},
        message="[@nope] cites no claim",
    ),
    Case(
        "unknown-claim-plain-two-lines",
        [(f"{PAIR}:2:14", "unknown-claim")],
        write={PAIR: "summary: Turkey and Kazakhstan agreed to\n  co-produce [@nope] drones.\n"},
        message="[@nope] cites no claim",
    ),
    Case(
        "unknown-claim-double-quoted",
        [(f"{PAIR}:1:28", "unknown-claim")],
        write={PAIR: 'summary: "escaped \\u00e9 é [@nope]"\n'},
        message="[@nope] cites no claim",
    ),
    Case(
        "unknown-claim-single-quoted",
        [(f"{PAIR}:1:40", "unknown-claim")],
        write={PAIR: "summary: 'Türkiye''s and Kazakhstan''s [@nope]'\n"},
        message="[@nope] cites no claim",
    ),
    Case(
        "not-a-country",
        [("seeds/actors.yml:2:1", "unknown-country")],
        replace=[("seeds/actors.yml", "RU:", "XR:")],
        message="'XR' is not an ISO 3166-1 alpha-2 country code",
    ),
    Case(
        "organization-with-country-code",
        [("seeds/actors.yml:7:1", "organization-is-country")],
        replace=[("seeds/actors.yml", "CSTO:\n", "CH:\n"), (B2, "[KZ, CSTO]", "[KZ, CH]")],
        message="'CH' is the ISO 3166-1 code of Switzerland",
    ),
    Case(
        "translation-count",
        [(f"{A1}:33:7", "translation-count")],
        replace=[(A1, "      - to Kazakhstan\n", "")],
        message="1 translations for 2 quoted passages",
    ),
    Case(
        "topics-missing",
        [("seeds/topics.yml:1:1", "missing-file")],
        write={"seeds/topics.yml": None},
        message="seeds/topics.yml is missing",
    ),
    Case(
        "unexpected-file",
        [("seeds/annotations/c3.yaml:1:1", "unexpected-file")],
        write={"seeds/annotations/c3.yaml": "x: 1\n"},
        message="only *.yml files belong",
    ),
    Case(
        "invalid-doc-id",
        [
            ("seeds/documents/Bad.txt:1:1", "document-without-annotation"),
            ("seeds/documents/Bad.txt:1:1", "invalid-doc-id"),
        ],
        write={"seeds/documents/Bad.txt": "x\n"},
        message="no seeds/annotations/Bad.yml annotates this document",
    ),
    # Found in review: silent drops, cascades, reserved ids, offsets, white space.
    Case(
        "quote-only-white-space",  # the claim a summary cites: once dropped unsaid, a crash
        [(f"{A1}:17:12", "invalid-value")],
        replace=[
            (
                A1,
                "quote: W maju 2022 r. Kazachstan i Turcja podpisały umowę o produkcji dronów "
                "Anka.",
                'quote: "   "',
            )
        ],
        message="'quote' is empty (only white space)",
    ),
    Case(
        "statement-only-white-space",
        [(f"{A1}:16:16", "invalid-value")],
        replace=[
            (
                A1,
                "statement: Kazakhstan and Türkiye signed an agreement on producing Anka drones.",
                "statement: ' '",
            )
        ],
        message="'statement' is empty (only white space)",
    ),
    Case(
        "actor-name-only-white-space",
        [("seeds/actors.yml:3:9", "invalid-value")],
        replace=[("seeds/actors.yml", "name: Russia", 'name: "  "')],
        message="'name' is empty (only white space)",
    ),
    Case(
        "document-id-index",  # its page would replace the list of all sources
        [("seeds/documents/index.txt:1:1", "invalid-doc-id")],
        write={
            "seeds/documents/index.txt": "Ang Kazakhstan ay miyembro ng CSTO.\n",
            "seeds/annotations/index.yml": INDEX_YML,
        },
        message="'index' is reserved",
    ),
    Case(
        "actor-id-index",
        [("seeds/actors.yml:7:1", "invalid-id")],
        replace=[
            ("seeds/actors.yml", "CSTO:\n", "INDEX:\n  name: Index\n  kind: organization\nCSTO:\n")
        ],
        message="'INDEX' is reserved",
    ),
    Case(
        "broken-actors-file-alone",  # not also every claim naming CSTO
        [("seeds/actors.yml:2:1", "yaml-syntax")],
        write={"seeds/actors.yml": "RU: [\n"},
        message="this is not valid YAML",
    ),
    Case(
        "annotation-list-alone",  # not also the summary's citations of its claims
        [(f"{A1}:1:1", "invalid-value")],
        write={A1: "- a\n- b\n"},
        message="this file must be a mapping",
    ),
    Case(
        "not-utf8-after-bom",  # the byte as a hex editor counts it, the mark included
        [(f"{DOC_A1}:3:4", "not-utf8")],
        write={DOC_A1: b"\xef\xbb\xbf" + "Raport\n\nW m\xe1j".encode("latin-1")},
        message="byte 14 (0xe1)",
    ),
    Case(
        "information-separator-is-not-white-space",  # U+001F: str.isspace, not White_Space
        [(f"{B2}:10:12", "quote-not-found")],
        replace=[(B2, "quote: Ang Kazakhstan ay", 'quote: "Ang\\x1fKazakhstan ay')],
        message="U+001F",
    ),
    Case(
        "soft-hyphen-is-not-100-percent",
        [(f"{B2}:10:12", "quote-not-found")],
        replace=[(B2, "quote: Ang Kazakhstan ay", 'quote: "Ang Kazak\\u00adhstan ay')],
        message="U+00AD SOFT HYPHEN",
    ),
]
for case in CASES:
    if case.name.startswith(("information", "soft")):
        case.replace.append((B2, "ng CSTO.\n    translation", 'ng CSTO."\n    translation'))


def make_case(tmp_path: Path, case: Case) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "corpus", project)
    for rel, old, new in case.replace:
        path = project / rel
        text = path.read_text("utf-8")
        assert old in text, f"{case.name}: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    for rel, content in case.write.items():
        path = project / rel
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return project


def check(project: Path) -> list[Problem]:
    return sorted(open_corpus(project).problems, key=lambda p: p.sort_key)


def test_fixture_is_valid() -> None:
    assert check(FIXTURES / "corpus") == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_problem_case(tmp_path: Path, case: Case) -> None:
    problems = check(make_case(tmp_path, case))
    assert [(str(p.location), p.code) for p in problems] == case.expected
    first = problems[0]
    assert case.message in "\n".join([first.message, *first.details])


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.name in {"yaml-syntax", "quote-not-found", "not-utf8", "yaml-tag"}],
    ids=lambda c: c.name,
)
def test_cli_reports_and_exits_1(tmp_path: Path, case: Case) -> None:
    project = make_case(tmp_path, case)
    for command in (["check"], ["build", "--pages-only"]):
        run = briefings(project, *command)
        assert run.code == 1
        location, code = case.expected[0]
        assert f"{location}: " in run.err and f"[{code}]" in run.err
        assert "Traceback" not in run.err
        assert "nothing was written" in run.err
    assert not (project / "docs").exists()


# What the last good build left: a failed check or build must leave it exactly so.
LAST_GOOD = {
    "site/index.html": "last good site",
    "dist/briefings-offline.zip": "last good bundle",
    "docs/pairs/KZ-TR.md": "last good page",
    "docs/methodology.md": "hand-written page",
}


def tree(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("site", "dist", "docs")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_through_check_and_build(
    tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_case(tmp_path, case)
    for rel, text in LAST_GOOD.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, "utf-8")
    before = tree(project)
    for command in ("check", "build"):
        code = main(["-C", str(project), command])
        out, err = capsys.readouterr()
        assert code == 1, (command, out, err)
        for location, problem in case.expected:
            assert f"{location}: " in err and f"[{problem}]" in err, (command, err)
        assert case.message in err, (command, err)
        assert "Traceback" not in err
        assert tree(project) == before, command


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    case = Case(
        "many",
        [],
        replace=[
            (A1, "date: 2022-05", "date: 2023-13-01"),
            (A1, "topic: co-production", "topic: coproduction"),
            (B2, "pair: [KZ, CSTO]", "pair: [KZ, XX]"),
        ],
        write={"seeds/documents/c3.txt": "Tekst.\n"},
    )
    codes = [p.code for p in check(make_case(tmp_path, case))]
    assert codes == [
        "invalid-date",
        "unknown-topic",
        "unknown-actor",
        "document-without-annotation",
    ]


def test_bom_crlf_and_nfd_are_accepted(tmp_path: Path) -> None:
    project = make_case(tmp_path, Case("ok", []))
    doc = project / DOC_A1
    text = doc.read_text("utf-8").replace("\n", "\r\n")
    nfd = text.replace("ę", "e\u0328").replace("ó", "o\u0301")
    doc.write_bytes(b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    ann = project / B2
    ann.write_bytes(b"\xef\xbb\xbf" + ann.read_bytes().replace(b"\n", b"\r\n"))
    assert check(project) == []


def test_too_large_document(tmp_path: Path) -> None:
    project = make_case(tmp_path, Case("big", []))
    with open(project / DOC_A1, "ab") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    problems = check(project)
    assert [(str(p.location), p.code) for p in problems][0] == (f"{DOC_A1}:1:1", "file-too-large")
    assert f"over the limit of {MAX_DOCUMENT_BYTES:,} bytes" in problems[0].message


def test_symlink_outside_seeds_is_refused(tmp_path: Path) -> None:
    project = make_case(tmp_path, Case("link", []))
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", "utf-8")
    (project / DOC_A1).unlink()
    os.symlink(outside, project / DOC_A1)
    problems = check(project)
    assert (f"{DOC_A1}:1:1", "link-outside-seeds") in [(str(p.location), p.code) for p in problems]
    assert all("secret" not in p.message for p in problems)


def test_github_annotations(tmp_path: Path) -> None:
    project = make_case(tmp_path, CASES[0])
    env = dict(os.environ, GITHUB_ACTIONS="true")
    run = briefings(project, "check", env=env)
    assert run.code == 1
    assert f"::error file={A1},line=14,col=4,title=yaml-syntax::" in run.out


def test_github_notice_when_annotations_overflow(tmp_path: Path) -> None:
    many = "".join(
        f"  - id: c{i}\n    pair: [KZ, XX]\n    topic: agreement\n"
        f"    statement: S.\n    quote: Ang Kazakhstan\n"
        for i in range(12)
    )
    project = make_case(
        tmp_path, Case("many", [], write={B2: "source:\n  language: tl\nclaims:\n" + many})
    )
    run = briefings(project, "check", env=dict(os.environ, GITHUB_ACTIONS="true"))
    assert run.code == 1
    assert run.out.count("::error ") == 12
    assert "::notice title=more problems::12 problems in all" in run.out


def test_bad_source_date_epoch_is_refused(tmp_path: Path) -> None:
    project = make_case(tmp_path, Case("ok", []))
    run = briefings(
        project, "build", "--pages-only", env=dict(os.environ, SOURCE_DATE_EPOCH="yesterday")
    )
    assert run.code == 2
    assert "SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'yesterday'" in run.err
    assert "Traceback" not in run.err and not (project / "docs").exists()
