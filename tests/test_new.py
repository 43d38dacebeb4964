"""`briefings new`: a document under a fresh id, copied verbatim, with a skeleton to fill in."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, briefings

from generator.commands.new import SCHEMA_LINE, add_document, document_id, next_sequence, skeleton
from generator.content.schema import check_schema
from generator.content.sources import DOC_ID
from generator.content.yamltree import parse_yaml, scalar_text, to_plain

TEXT = "Turkish firm Baykar will deliver TB2 drones to Kazakhstan in 2025.\n"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _added_id(out: str) -> str:
    m = re.search(r"added seeds/documents/(\S+)\.txt", out)
    assert m, out
    return m.group(1)


def _line_of(text: str, prefix: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def test_id_is_next_sequence_number_and_sha256_prefix() -> None:
    data = TEXT.encode()
    doc_id = document_id(data, {"000_64255a36b834ab02", "001_a593577fb9b8170b"})
    assert doc_id == "002_" + hashlib.sha256(data).hexdigest()[:16]
    assert DOC_ID.fullmatch(doc_id)


def test_sequence_starts_at_zero_skips_unnumbered_stems_and_grows_past_999() -> None:
    assert next_sequence(set()) == 0
    assert next_sequence({"notes", "kz-article"}) == 0
    assert next_sequence({"007_x", "012_y", "3_z"}) == 13
    assert document_id(b"x", {"999_a"}).startswith("1000_")


def test_new_copies_bytes_verbatim_and_writes_the_skeleton(project: Path, tmp_path: Path) -> None:
    data = "\ufeffLine one  \r\nLine two\u00a0with NBSP\r\n".encode()
    run = briefings(project, "new", str(_write(tmp_path / "article.txt", data)))
    assert run.code == 0, run.err
    doc_id = _added_id(run.out)
    assert doc_id.startswith("002_")
    assert (project / f"seeds/documents/{doc_id}.txt").read_bytes() == data
    annotation = (project / f"seeds/annotations/{doc_id}.yml").read_text("utf-8")
    assert annotation.splitlines()[0] == SCHEMA_LINE
    assert f"wrote seeds/annotations/{doc_id}.yml" in run.out


def test_schema_line_points_at_the_annotation_schema(project: Path, tmp_path: Path) -> None:
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    path = project / f"seeds/annotations/{_added_id(run.out)}.yml"
    target = SCHEMA_LINE.split("$schema=", 1)[1]
    resolved = (REPO / "seeds/annotations" / target).resolve()
    assert resolved == REPO / "generator/schemas/annotation.schema.json"
    assert path.read_text("utf-8").startswith(SCHEMA_LINE + "\n")


def test_skeleton_fails_check_pointing_at_what_to_fill_in(project: Path, tmp_path: Path) -> None:
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    doc_id = _added_id(run.out)
    rel = f"seeds/annotations/{doc_id}.yml"
    text = (project / rel).read_text("utf-8")
    check = briefings(project, "check")
    assert check.code == 1
    language = _line_of(text, "  language:")
    claims = _line_of(text, "claims:")
    lines = check.err.splitlines()
    assert lines[0] == (
        f"{rel}:{language}:12: 'language' is empty; write a BCP 47 "
        "language tag such as tl, pl, ru, kk, en or pt-BR [invalid-value]"
    )
    assert lines[1] == (f"{rel}:{claims}:8: 'claims' is empty; write a list here [invalid-value]")
    assert lines[2] == "2 problems in 1 file; nothing was written."


def _claim_count(project: Path) -> int:
    check = briefings(project, "check")
    assert check.code == 0, check.err
    return int(check.out.split()[1])


def test_filled_skeleton_passes(project: Path, tmp_path: Path) -> None:
    before = _claim_count(project)
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    path = project / f"seeds/annotations/{_added_id(run.out)}.yml"
    text = path.read_text("utf-8").replace("  language:  #", "  language: en  #")
    text = text.replace(
        "claims:\n",
        "claims:\n  - id: kz-tr-tb2-delivery-2025\n"
        "    pair: [KZ, TR]\n    topic: arms-transfer\n"
        "    statement: Baykar will deliver TB2 drones to Kazakhstan in 2025.\n"
        "    quote: Baykar will deliver TB2 drones\n",
    )
    path.write_text(text, "utf-8")
    assert _claim_count(project) == before + 1


def test_explicit_empty_claims_is_a_deliberate_choice_that_passes(
    project: Path, tmp_path: Path
) -> None:
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    path = project / f"seeds/annotations/{_added_id(run.out)}.yml"
    text = path.read_text("utf-8").replace("  language:  #", "  language: en  #")
    path.write_text(text.replace("claims:\n", "claims: []\n"), "utf-8")
    check = briefings(project, "check")
    assert check.code == 0, check.err
    assert "from 3 sources" in check.out


def test_commented_example_claim_is_valid_once_uncommented() -> None:
    text = skeleton("002_0123456789abcdef", "a.txt")
    lines = []
    for line in text.splitlines():
        if line.startswith("  # - id:") or line.startswith("  #   "):
            line = "  " + line[4:]
        lines.append(line.replace("  language:  #", "  language: en  #"))
    tree, problems = parse_yaml("\n".join(lines), "a.yml")
    assert problems == [] and tree is not None
    assert check_schema("annotation", tree) == []
    assert "- id: kz-tr-anka-production-2024" in "\n".join(lines)


# A commented-out field line of the skeleton: `  # title: …`, `  # - id: …`, `  #   pair: …`.
COMMENTED_FIELD = re.compile(r"^( *)# ( *(?:- )?[a-z_]+:(?: .*)?)$")
OPTIONAL_SOURCE_FIELDS = [
    "title",
    "title_en",
    "publisher",
    "author",
    "published",
    "url",
    "accessed",
    "note",
]
EXAMPLE_CLAIM_FIELDS = ["id", "pair", "topic", "date", "statement", "quote", "translation"]


def _uncomment_every_field(text: str) -> tuple[str, list[str]]:
    """Remove just the leading '# ' of every commented field line; name the fields."""
    lines, fields = [], []
    for line in text.splitlines():
        m = COMMENTED_FIELD.match(line)
        if m:
            line = m.group(1) + m.group(2)
            fields.append(line.strip().removeprefix("- ").split(":")[0])
        lines.append(line)
    return "\n".join(lines) + "\n", fields


def test_every_commented_field_line_is_valid_once_uncommented(
    project: Path, tmp_path: Path
) -> None:
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    rel = f"seeds/annotations/{_added_id(run.out)}.yml"
    text, fields = _uncomment_every_field((project / rel).read_text("utf-8"))
    assert fields == OPTIONAL_SOURCE_FIELDS + EXAMPLE_CLAIM_FIELDS
    # Fill in what the curator must: the language, and the example claim's id and quote.
    filled = text.replace("  language:  #", "  language: en  #")
    filled = filled.replace("- id: kz-tr-anka-production-2024", "- id: kz-tr-tb2-delivery-2025")
    quote = "    quote: 'the exact words of the document that support the statement'"
    assert quote in filled
    filled = filled.replace(quote, "    quote: 'Baykar will deliver TB2 drones to Kazakhstan'")
    (project / rel).write_text(filled, "utf-8")
    check = briefings(project, "check")
    assert check.code == 0, check.err
    assert check.err == ""
    # Every optional field reached the corpus with its example value, read as written.
    tree, problems = parse_yaml(filled, rel)
    assert problems == [] and tree is not None
    source = tree.get("source")
    assert source is not None
    values = {key: scalar_text(source.get(key)) for key in OPTIONAL_SOURCE_FIELDS}
    assert values["published"] == "2024-05-17" and values["accessed"] == "2026-11-22"
    assert values["url"] == "https://example.org/the-article"
    assert all(values.values()), values


def test_example_claim_left_unedited_fails_check_at_its_quote(
    project: Path, tmp_path: Path
) -> None:
    run = briefings(project, "new", str(_write(tmp_path / "a.txt", TEXT.encode())))
    rel = f"seeds/annotations/{_added_id(run.out)}.yml"
    text, _ = _uncomment_every_field((project / rel).read_text("utf-8"))
    text = text.replace("  language:  #", "  language: en  #")
    text = text.replace("kz-tr-anka-production-2024", "kz-tr-example")  # not a seed claim's id
    (project / rel).write_text(text, "utf-8")
    check = briefings(project, "check")
    assert check.code == 1
    quote = _line_of(text, "    quote:")
    assert check.err.splitlines()[0].startswith(
        f"{rel}:{quote}:12: quote not found verbatim in seeds/documents/"
    )
    assert check.err.splitlines()[0].endswith("[quote-not-found]")


def test_skeleton_holds_no_placeholder_outside_comments() -> None:
    tree, problems = parse_yaml(skeleton("002_0123456789abcdef", "a.txt"), "a.yml")
    assert problems == [] and tree is not None
    source = tree.get("source")
    assert source is not None
    # Only the required, empty fields are live: examples stay commented out until chosen.
    assert to_plain(tree) == {"source": {"language": ""}, "claims": ""}


def test_refuses_a_file_that_is_not_utf8(project: Path, tmp_path: Path) -> None:
    before = sorted((project / "seeds").rglob("*"))
    path = _write(tmp_path / "latin1.txt", "Line one\nCaf\u00e9\n".encode("latin-1"))
    run = briefings(project, "new", str(path))
    assert run.code == 1
    assert run.err.splitlines()[0] == (
        f"{path}:2:4: this file is not UTF-8: byte 12 (0xe9) "
        "cannot be decoded; save the file as UTF-8 [not-utf8]"
    )
    assert "Traceback" not in run.err
    assert sorted((project / "seeds").rglob("*")) == before


def test_refuses_a_document_already_present(project: Path, tmp_path: Path) -> None:
    existing = REPO / "seeds/documents/001_a593577fb9b8170b.txt"
    copy = _write(tmp_path / "same.txt", existing.read_bytes())
    before = sorted((project / "seeds").rglob("*"))
    run = briefings(project, "new", str(copy))
    assert run.code == 1
    assert (
        "this document is already in the corpus as seeds/documents/001_a593577fb9b8170b.txt"
    ) in run.err
    assert "[document-exists]" in run.err
    assert sorted((project / "seeds").rglob("*")) == before


SAME_TEXT = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "cr": lambda text: text.replace("\n", "\r"),
    "bom": lambda text: "\ufeff" + text,
    "extra newline": lambda text: text + "\n",
    "trailing white space": lambda text: text.rstrip("\n") + " \t\n\n",
    "blank lines at the end": lambda text: text + "\n\n\n",
    "nfd": lambda text: unicodedata.normalize("NFD", text),
    "all at once": lambda text: (
        "\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n") + "\r\n"
    ),
}


@pytest.mark.parametrize("change", SAME_TEXT)
def test_refuses_the_same_text_saved_differently(
    project: Path, tmp_path: Path, change: str
) -> None:
    existing = REPO / "seeds/documents/001_a593577fb9b8170b.txt"
    text = existing.read_text("utf-8")
    assert unicodedata.normalize("NFD", text) != text  # Polish: ł, ó, ś … decompose
    copy = _write(tmp_path / "same.txt", SAME_TEXT[change](text).encode())
    assert copy.read_bytes() != existing.read_bytes()
    before = sorted((project / "seeds").rglob("*"))
    run = briefings(project, "new", str(copy))
    assert run.code == 1
    assert run.err.splitlines() == [
        f"{copy}:1:1: this document is already in the corpus as "
        "seeds/documents/001_a593577fb9b8170b.txt (the same text: only line endings, "
        "a byte-order mark, white space at the end or Unicode normalisation differ); "
        "annotate that one instead of adding it again [document-exists]",
        "1 problem in 1 file; nothing was written.",
    ]
    assert sorted((project / "seeds").rglob("*")) == before


def test_a_different_text_is_not_a_duplicate(project: Path, tmp_path: Path) -> None:
    existing = (REPO / "seeds/documents/001_a593577fb9b8170b.txt").read_text("utf-8")
    for i, text in enumerate(
        [
            existing.replace("Kazachstan", "Kazakhstan", 1),  # one word changed
            "  " + existing,  # white space at the start is text, not a saving artefact
            existing.replace("\n", "\n\n", 1),  # a blank line in the middle
        ]
    ):
        run = briefings(project, "new", str(_write(tmp_path / f"{i}.txt", text.encode())))
        assert run.code == 0, run.err


def test_duplicate_search_reads_each_document_once(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(5):
        _write(project / f"seeds/documents/{i:03d}_extra.txt", f"{i} {TEXT}\r\n".encode())
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    source = _write(tmp_path / "new.txt", b"\xef\xbb\xbfA text no document has.\n")
    added, problems = add_document(project, source)
    assert problems == [] and added is not None
    documents = sorted(p.name for p in (project / "seeds/documents").glob("*.txt"))
    existing = [name for name in documents if name != f"{added.doc_id}.txt"]
    documents_read = [name for name in reads if name.endswith(".txt") and name != "new.txt"]
    assert sorted(documents_read) == existing
    assert reads.count("new.txt") == 1


def test_adding_the_same_file_twice_refuses_the_second(project: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", TEXT.encode())
    first = briefings(project, "new", str(path))
    second = briefings(project, "new", str(path))
    assert first.code == 0 and second.code == 1
    assert f"seeds/documents/{_added_id(first.out)}.txt" in second.err


def test_refuses_empty_missing_and_folder(project: Path, tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b" \n\t\n")
    cases = {
        str(empty): "[empty-document]",
        str(tmp_path / "nope.txt"): "[not-a-file]",
        str(tmp_path): "[not-a-file]",
    }
    for arg, code in cases.items():
        run = briefings(project, "new", arg)
        assert run.code == 1, arg
        assert run.err.startswith(f"{arg}:1:1: ") and code in run.err, run.err
    assert len(list((project / "seeds/documents").iterdir())) == 2


def test_new_outside_a_project_says_where_to_run_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", TEXT.encode())
    run = briefings(tmp_path, "new", str(path))
    assert run.code == 1
    assert "there is no seeds/ folder" in run.err and "[no-seeds]" in run.err


def test_new_ids_sort_after_the_existing_documents(project: Path, tmp_path: Path) -> None:
    ids = []
    for i in range(3):
        run = briefings(project, "new", str(_write(tmp_path / f"{i}.txt", f"{i} {TEXT}".encode())))
        ids.append(_added_id(run.out))
    assert [i[:4] for i in ids] == ["002_", "003_", "004_"]
    assert sorted(p.stem for p in (project / "seeds/documents").iterdir())[-3:] == ids
