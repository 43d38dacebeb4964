"""Nothing lost: outputs are replaced only by a complete, successful build."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import briefings

from generator.commands.build import read_handwritten
from generator.publish.files import MANIFEST as MANIFEST_PATH
from generator.publish.files import OutputError, owned, write_outputs
from generator.publish.scratch import temp_dir
from generator.render import OWNED_DIRS as RENDER_OWNED_DIRS

OWNED = ("pairs", "sources", "actors")


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("pairs/KZ-TR.md", True),
        ("index.md", True),
        ("sources/a/b.md", True),
        ("methodology.md", False),
        ("pairs", False),
        ("../x.md", False),
        ("pairs/../x.md", False),
        ("/etc/passwd", False),
        ("assets/briefings.css", False),
        ("pairs\\..\\x.md", False),
    ],
)
def test_owned_paths(rel: str, expected: bool) -> None:
    assert owned(rel, OWNED, ("index.md",)) is expected


def test_write_refuses_paths_outside_owned_folders(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="outside the generator's folders"):
        write_outputs(tmp_path, tmp_path / "docs", {"../escape.md": b"x"}, OWNED, ("index.md",))
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "docs").exists()


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


@pytest.mark.e2e
def test_invalid_input_leaves_outputs_untouched(project: Path) -> None:
    before = {name: digest(project / name) for name in ("site", "dist", "docs")}
    ann = project / "seeds/annotations/001_a593577fb9b8170b.yml"
    lines = ann.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "quote:" in line and "Anka" in line)
    lines[at] = lines[at].replace("Anka", "Anca")
    ann.write_text("\n".join(lines), "utf-8")
    run = briefings(project, "build")
    assert run.code == 1 and "Traceback" not in run.err
    assert {name: digest(project / name) for name in ("site", "dist", "docs")} == before


@pytest.mark.e2e
def test_failed_mkdocs_build_leaves_site_and_bundle(project: Path) -> None:
    before = {name: digest(project / name) for name in ("site", "dist")}
    page = project / "docs/methodology.md"
    page.write_text(page.read_text("utf-8") + "\n[broken](no-such-page.md)\n", "utf-8")
    run = briefings(project, "build")
    assert run.code == 1
    assert "no-such-page.md" in run.err and "site/ was left as it was" in run.err
    assert "Traceback" not in run.err
    assert {name: digest(project / name) for name in ("site", "dist")} == before
    assert not list((project / ".briefings").glob("site-*"))


def _scratch(project: Path) -> list[str]:
    work = project / ".briefings"
    return sorted(p.name for p in work.iterdir() if p.is_dir()) if work.is_dir() else []


@pytest.mark.e2e
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_keeps_the_last_good_output_and_cleans_up(
    built: Path, tmp_path: Path, signum: int
) -> None:
    project = tmp_path / "p"
    shutil.copytree(built, project, symlinks=True)
    before = {name: digest(project / name) for name in ("site", "dist")}
    # A change, so that site/ and dist/ would be replaced if the build got that far.
    pair = project / "seeds/pairs/KZ-TR.yml"
    pair.write_text(pair.read_text("utf-8").replace("30 years", "thirty years"), "utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not _scratch(project) and time.monotonic() < deadline:  # MkDocs is building
        time.sleep(0.02)
    assert _scratch(project), "the build never started its site stage"
    build.send_signal(signum)
    out, err = build.communicate(timeout=60)
    assert build.returncode == 130, (out, err)
    assert "Traceback" not in err
    assert "interrupted: docs/ built; site/, dist/ left as they were" in err
    assert {name: digest(project / name) for name in ("site", "dist")} == before
    assert _scratch(project) == []


def test_a_killed_builds_scratch_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    work = tmp_path / ".briefings"
    dead = work / "site-999999999-abc123"  # no process has this id
    (dead / "site").mkdir(parents=True)
    mine = temp_dir(tmp_path, "offline-")
    assert not dead.exists()
    assert mine.is_dir() and mine.name.startswith(f"offline-{os.getpid()}-")
    other = work / f"site-{os.getpid()}-live"  # a running build's folder stays
    other.mkdir()
    temp_dir(tmp_path, "site-")
    assert other.is_dir()


def test_write_stage_writes_any_output_and_removes_its_own_stale_files(tmp_path: Path) -> None:
    """Pages, data and pictures alike: written when changed, deleted when gone, nothing else."""
    docs = tmp_path / "docs"
    (docs / "pairs").mkdir(parents=True)
    (docs / "methodology.md").write_text("hand-written", "utf-8")
    outputs = {
        "index.md": b"# Home\n",
        "pairs/KZ-TR.md": b"# Pair\n",
        "pairs/KZ-TR.csv": b"\xef\xbb\xbfid\r\n",
        "pairs/KZ-TR.svg": b"<svg/>",
    }
    first = write_outputs(tmp_path, docs, outputs, OWNED, ("index.md",))
    assert first.written == tuple(sorted(outputs)) and first.unchanged == 0
    stamps = {rel: (docs / rel).stat().st_mtime_ns for rel in outputs}
    again = write_outputs(tmp_path, docs, outputs, OWNED, ("index.md",))
    assert again.written == () and again.unchanged == 4
    assert {rel: (docs / rel).stat().st_mtime_ns for rel in outputs} == stamps
    fewer = {k: v for k, v in outputs.items() if not k.endswith(".svg")}
    last = write_outputs(tmp_path, docs, {**fewer, "index.md": b"# New\n"}, OWNED, ("index.md",))
    assert last.written == ("index.md",) and last.deleted == ("pairs/KZ-TR.svg",)
    assert not (docs / "pairs/KZ-TR.svg").exists()
    assert (docs / "methodology.md").read_text("utf-8") == "hand-written"
    assert not list(docs.rglob("*.tmp"))


def test_outputs_made_in_several_processes_are_the_same(tmp_path: Path) -> None:
    """The write stage makes the render stage's pieces in forked processes: same files."""
    from conftest import REPO

    from generator.config import Edition
    from generator.corpus import open_corpus
    from generator.render import OWNED_DIRS, OWNED_FILES, render_outputs

    opened = open_corpus(REPO)
    assert opened.corpus is not None
    trees = []
    for workers in (1, 2):
        project = tmp_path / f"p{workers}"
        outputs = render_outputs(opened.corpus, Edition("B", "https://b.example.org/"))
        report = write_outputs(project, project / "docs", outputs, OWNED_DIRS, OWNED_FILES, workers)
        assert report.written == tuple(sorted(outputs)) and report.unchanged == 0
        trees.append(digest(project / "docs"))
    assert trees[0] == trees[1] and len(trees[0]) > 100


class _Failing(dict[str, bytes]):
    """Outputs made in pieces, one of which fails (a bug in a renderer)."""

    tasks = ("a", "b", "c")
    first_joined = 3

    def made(self, index: int, read: object = None) -> dict[str, bytes]:
        if index == 1:
            raise RuntimeError("a renderer failed")
        return {f"pairs/{self.tasks[index]}.md": b"x"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_piece_fails_the_write_in_any_process(tmp_path: Path, workers: int) -> None:
    outputs = _Failing({f"pairs/{t}.md": b"" for t in _Failing.tasks})
    with pytest.raises(RuntimeError, match="a renderer failed"):
        write_outputs(tmp_path, tmp_path / "docs", outputs, OWNED, ("index.md",), workers)
    assert not (tmp_path / MANIFEST_PATH).exists()


class _Joining(dict[str, bytes]):
    """Outputs in pieces whose last two are joined from the files of the others."""

    tasks = ("a", "b", "c", "ab", "abc")
    first_joined = 3

    def made(self, index: int, read: Callable[[str], bytes] | None = None) -> dict[str, bytes]:
        name = self.tasks[index]
        if index < self.first_joined:
            return {f"pairs/{name}.md": name.encode() * 3}
        assert read is not None, "a joined piece is given a way to read the others' files"
        return {f"pairs/{name}.md": b"+".join(read(f"pairs/{part}.md") for part in name)}


@pytest.mark.parametrize("workers", [1, 2])
def test_joined_pieces_read_the_files_written_before_them(tmp_path: Path, workers: int) -> None:
    outputs = _Joining({f"pairs/{t}.md": b"" for t in _Joining.tasks})
    docs = tmp_path / "docs"
    report = write_outputs(tmp_path, docs, outputs, OWNED, ("index.md",), workers)
    assert (docs / "pairs/abc.md").read_bytes() == b"aaa+bbb+ccc"
    assert (docs / "pairs/ab.md").read_bytes() == b"aaa+bbb"
    assert report.written == tuple(sorted(f"pairs/{t}.md" for t in _Joining.tasks))
    again = write_outputs(tmp_path, docs, outputs, OWNED, ("index.md",), workers)
    assert again.written == () and again.unchanged == 5


def test_hand_written_pages_are_read_without_walking_the_generators_folders(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    for rel in ("methodology.md", "guide/how.md", "guide/deep/more.md", "index.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n", "utf-8")
    for folder in RENDER_OWNED_DIRS:
        (docs / folder / "x").mkdir(parents=True)
        (docs / folder / "x" / "page.md").write_text("# generated\n", "utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "style.css").write_text("", "utf-8")
    found = read_handwritten(docs)
    assert [page.path for page in found] == ["guide/deep/more.md", "guide/how.md", "methodology.md"]
    assert found[-1].markdown == "# methodology.md\n"
    assert read_handwritten(tmp_path / "missing") == ()


def test_folders_emptied_by_stale_files_are_removed_and_no_other(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    outputs = {
        "pairs/KZ-TR/2019.md": b"a",
        "pairs/KZ-TR/deep/x.md": b"b",
        "pairs/KZ-UA/2020.md": b"c",
        "pairs/KZ-UA/2021.md": b"d",
        "sources/a.md": b"e",
    }
    write_outputs(tmp_path, docs, outputs, OWNED, ("index.md",))
    (docs / "pairs/kept-empty").mkdir()  # not the generator's doing: left alone
    left = {"pairs/KZ-UA/2020.md": b"c", "sources/b.md": b"f"}
    report = write_outputs(tmp_path, docs, left, OWNED, ("index.md",))
    assert report.deleted == (
        "pairs/KZ-TR/2019.md",
        "pairs/KZ-TR/deep/x.md",
        "pairs/KZ-UA/2021.md",
        "sources/a.md",
    )
    assert not (docs / "pairs/KZ-TR").exists()  # emptied, with its emptied subfolder
    assert (docs / "pairs/KZ-UA/2020.md").exists()
    assert (docs / "pairs/kept-empty").is_dir() and (docs / "sources").is_dir()
