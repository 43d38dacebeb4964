"""The repository's history dates each claim: the commit that added it, on the built branch.

Scratch repositories with fixed dates; a plain folder and a shallow clone fall back to the
build's date, saying so once, and the build never fails for it.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_ENV, briefings, copy_project

from generator.content import history as history_module
from generator.content.history import parse_claim_log, read_claim_history

ANNOTATION = "seeds/annotations/001_a593577fb9b8170b.yml"


def git(repo: Path, *args: str, when: int = 1700000000) -> str:
    stamp = f"@{when} +0000"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def utc(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


def claim_ids(path: Path) -> list[str]:
    return [
        line.split("id:", 1)[1].strip()
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("  - id:")
    ]


@pytest.fixture
def repo(project: Path) -> Path:
    """The project as a repository: every seed but the last claim of one file, then that."""
    git(project, "init", "-q", "-b", "main")
    annotation = project / ANNOTATION
    full = annotation.read_text("utf-8")
    head, _, last = full.rpartition("\n  - id: ")
    annotation.write_text(head + "\n", "utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "seeds", when=1700000000)
    annotation.write_text(full, "utf-8")
    git(project, "commit", "-q", "-am", "one more claim", when=1710000000)
    return project


def test_each_claim_is_dated_by_the_commit_that_added_it(repo: Path) -> None:
    ids = claim_ids(repo / ANNOTATION)
    found = read_claim_history(repo)
    assert found.missing is None
    assert found.added[ids[-1]] == utc(1710000000)
    assert all(found.added[i] == utc(1700000000) for i in ids[:-1])
    other = claim_ids(repo / "seeds/annotations/000_64255a36b834ab02.yml")
    assert all(found.added[i] == utc(1700000000) for i in other)


def test_a_moved_or_edited_claim_keeps_its_first_date(repo: Path) -> None:
    annotation = repo / ANNOTATION
    ids = claim_ids(annotation)
    text = annotation.read_text("utf-8")
    # The claim's lines move to the end of the file and its id line is rewritten (quoted).
    annotation.write_text(text.replace(f"  - id: {ids[0]}\n", f'  - id: "{ids[0]}"\n'), "utf-8")
    git(repo, "commit", "-q", "-am", "quote an id", when=1720000000)
    assert read_claim_history(repo).added[ids[0]] == utc(1700000000)


def test_a_claim_merged_from_a_branch_is_dated_by_the_merge(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    annotation = repo / ANNOTATION
    annotation.write_text(
        annotation.read_text("utf-8")
        + "\n  - id: side-claim\n    pair: [KZ, TR]\n    topic: diplomacy\n"
        + "    statement: A claim from a branch.\n    quote: Turcja\n",
        "utf-8",
    )
    git(repo, "commit", "-q", "-am", "side claim", when=1730000000)
    git(repo, "checkout", "-q", "main")
    (repo / "unrelated.txt").write_text("x", "utf-8")
    git(repo, "add", "unrelated.txt")
    git(repo, "commit", "-q", "-m", "main moves on", when=1735000000)
    git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side", when=1740000000)
    assert read_claim_history(repo).added["side-claim"] == utc(1740000000)


def test_parse_claim_log_reads_the_id_lines_only() -> None:
    log = [
        "\x1e1700000000",
        "",
        "+++ b/seeds/annotations/a.yml",
        "+  - id: first-claim",
        "+    statement: the id: not-a-claim",
        "+  - {id: flow-claim, pair: [KZ, TR]}",
        "+    id: 'later-key'  # a comment",
        "-  - id: removed-claim",
        "\x1e1710000000",
        "+  - id: first-claim",
        "+  - id: second-claim",
    ]
    assert parse_claim_log(log) == {
        "first-claim": utc(1700000000),
        "flow-claim": utc(1700000000),
        "later-key": utc(1700000000),
        "second-claim": utc(1710000000),
    }


def test_history_runs_git_log_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = history_module._git

    def counting(project: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
        calls.append(args)
        return real(project, *args)

    monkeypatch.setattr(history_module, "_git", counting)
    read_claim_history(repo)
    assert [a[0] for a in calls] == ["rev-parse", "log"]


def test_a_plain_folder_has_no_history(project: Path) -> None:
    assert read_claim_history(project).missing == "not a git repository"


def test_a_shallow_clone_has_no_history(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    found = read_claim_history(clone)
    assert found.missing is not None and "shallow" in found.missing and not found.added


def test_the_build_says_so_once_and_uses_the_build_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764460800"}  # 2025-11-30
    run = briefings(project, "build", "--pages-only", env=env)
    assert run.code == 0, run.err
    notes = [line for line in run.err.splitlines() if "history" in line]
    assert notes == [
        "note: no history of seeds/ (not a git repository): the feeds date every claim by "
        "the build (2025-11-30)"
    ]
    feed = (project / "docs/feeds/all.xml").read_text("utf-8")
    assert "<updated>2025-11-30T00:00:00Z</updated>" in feed


def test_the_build_dates_claims_by_their_commits(repo: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764460800"}
    run = briefings(repo, "build", "--pages-only", env=env)
    assert run.code == 0, run.err
    assert "history" not in run.err
    last = claim_ids(repo / ANNOTATION)[-1]
    feed = (repo / "docs/feeds/all.xml").read_text("utf-8")
    newest = feed.split("<entry>")[1]  # the claim committed last comes first
    assert f"#{last}</id>" in newest and "<published>2024-03-09T16:00:00Z</published>" in newest
    second = feed.split("<entry>")[2]
    assert "<published>2023-11-14T22:13:20Z</published>" in second


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_no_git_at_all(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert read_claim_history(project).missing == "git is not installed"
