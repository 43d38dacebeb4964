"""CONTRIBUTING.md's setup: `make hooks` installs the hook, and only the tests need npm."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_ENV, REPO, briefings, copy_project

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text("utf-8")
make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _scratch_make_project(target: Path) -> Path:
    """The Makefile and what its stamps depend on, with .venv/bin borrowed from the repo."""
    target.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt", ".pre-commit-config.yaml"):
        shutil.copy(REPO / name, target / name)
    (target / ".venv").mkdir()
    (target / ".venv/bin").symlink_to(REPO / ".venv/bin")
    return target


def _make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@make
def test_make_hooks_installs_the_test_extra_then_the_hook(tmp_path: Path) -> None:
    project = _scratch_make_project(tmp_path / "fresh")
    planned = _make(project, "-n", "hooks")
    assert planned.returncode == 0, planned.stderr
    lines = planned.stdout.splitlines()
    extra = next(
        i for i, line in enumerate(lines) if "install -c constraints.txt -e '.[test]'" in line
    )
    hook = lines.index(".venv/bin/pre-commit install")
    assert extra < hook == len(lines) - 1


@make
@needs_git
def test_make_hooks_writes_the_git_hook(tmp_path: Path) -> None:
    project = _scratch_make_project(tmp_path / "installed")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    for stamp in (".site", ".test"):  # the test extra is in place: only the hook is missing
        (project / ".venv" / stamp).touch()
    done = _make(project, "hooks")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == ".venv/bin/pre-commit install"
    hook = project / ".git/hooks/pre-commit"
    assert hook.is_file() and "pre-commit" in hook.read_text("utf-8")


def test_contributing_installs_the_hook_with_make_hooks() -> None:
    assert re.search(r"^make hooks +# optional: install pre-commit", CONTRIBUTING, re.M)
    assert "| `make hooks` |" in CONTRIBUTING
    # pre-commit itself is never called directly: it is not there before `make hooks`.
    assert "bin/pre-commit" not in CONTRIBUTING
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^hooks: \$\(VENV\)/\.test\n\t\$\(BIN\)/pre-commit install$", makefile, re.M)


def test_contributing_says_only_the_tests_need_node() -> None:
    setup = CONTRIBUTING[: CONTRIBUTING.index("## Add a source and annotate it")]
    said = " ".join(setup.split())
    assert "Every command needs only Python (and git for `diff`); only `make test` needs " in said
    assert "npm" not in setup.replace("only `make test` needs Node.js and npm", "")


def _path_with_git_only(tmp_path: Path) -> dict[str, str]:
    """An environment with git on PATH and no node or npm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    git = shutil.which("git")
    assert git is not None
    (bin_dir / "git").symlink_to(git)
    return dict(
        os.environ,
        PATH=str(bin_dir),
        **GIT_ENV,
    )


@needs_git
def test_check_new_diff_and_build_work_without_node(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink(missing_ok=True)  # as on a machine without npm
    env = _path_with_git_only(tmp_path)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "seeds"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)
    article = tmp_path / "article.txt"
    article.write_text("Kazakhstan and Türkiye signed a defence agreement.\n", "utf-8")
    assert briefings(project, "check", env=env).code == 0
    build = briefings(project, "build", "--no-bundle", env=env)
    assert build.code == 0, build.err
    new = briefings(project, "new", str(article), env=env)
    assert new.code == 0, new.err
    diff = briefings(project, "diff", "HEAD", env=env)
    assert diff.code == 0, diff.err
    # The new annotation is a skeleton still to fill in: the report lists what to fill.
    assert "working tree does not pass `briefings check`" in diff.out
    assert "'claims' is empty; write a list here [invalid-value]" in diff.out
