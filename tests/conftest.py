"""Shared fixtures: scratch copies of the project and one real build per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a project needs besides seeds/: configuration and hand-written pages.
PROJECT_FILES = ("mkdocs.yml", "docs/methodology.md", "docs/assets/briefings.css")
PROJECT_FILES += ("docs/assets/pictures.css",)
# The site's script (cited-passage highlight, printed link addresses), which mkdocs.yml
# lists in extra_javascript: scratch builds must ship it like the real one.
PROJECT_FILES += ("docs/assets/briefings.js",)
# The filters of long lists (a pair page's claims, the index pages), also in extra_javascript.
PROJECT_FILES += ("docs/assets/filters.js",)
# The theme override that links each page's Atom feed (mkdocs.yml's theme.custom_dir).
PROJECT_FILES += ("overrides/main.html",)
# The MkDocs hook that lets each page's Markdown go once it is converted (mkdocs.yml's hooks).
PROJECT_FILES += ("overrides/hooks.py",)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing",
    )


def copy_project(target: Path, seeds: Path = REPO / "seeds") -> Path:
    """Make a minimal project in target: configuration, hand-written docs, and seeds."""
    for rel in PROJECT_FILES:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target / rel)
    shutil.copytree(seeds, target / "seeds")
    return target


# git with a fixed identity and no user or system configuration, for scratch repositories.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Curator",
    "GIT_AUTHOR_EMAIL": "curator@example.org",
    "GIT_COMMITTER_NAME": "Curator",
    "GIT_COMMITTER_EMAIL": "curator@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass(frozen=True)
class Run:
    """The outcome of one `briefings` command."""

    code: int
    out: str
    err: str


def briefings(project: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run the command line as a user would, in its own process."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the real project (seeds included) to change freely."""
    return copy_project(tmp_path / "project")


LONG_PAIR_CLAIMS = 64  # with the seeds' own KZ-TR claims, past PAGE_CLAIMS (50)


def add_long_pair(root: Path, claims: int = LONG_PAIR_CLAIMS) -> None:
    """Add to a project's seeds one English document with `claims` claims about KZ-TR, one
    per paragraph, dated across 2000-2024 (one of each seven undated, as is the document):
    Kazakhstan-Türkiye then lists its claims on pages of some years each."""
    sentences = [
        f"Report {n}: officials of Kazakhstan and Türkiye discussed the joint plant number {n}."
        for n in range(claims)
    ]
    (root / "seeds/documents/900_long_pair.txt").write_text(
        "Long pair test document.\n\n" + "\n\n".join(sentences) + "\n", "utf-8"
    )
    lines = [
        "source:\n  title: Long pair test document\n  language: en\n",
        "claims:\n",
    ]
    for n, sentence in enumerate(sentences):
        date = "" if n % 7 == 3 else f"    date: '{2000 + n * 3 % 25}'\n"
        lines.append(
            f"  - id: long-pair-{n}\n    pair: [KZ, TR]\n    topic: co-production\n{date}"
            f"    statement: Officials discussed joint plant number {n}.\n"
            f"    quote: '{sentence}'\n"
        )
    (root / "seeds/annotations/900_long_pair.yml").write_text("".join(lines), "utf-8")


@pytest.fixture(scope="session")
def long_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with a long KZ-TR pair (add_long_pair), built once: site/ and dist/."""
    root = copy_project(tmp_path_factory.mktemp("long") / "project")
    add_long_pair(root)
    run = briefings(root, "build")
    assert run.code == 0, run.err
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds built once per session: site/ and dist/ in a scratch project."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    run = briefings(root, "build")
    assert run.code == 0, run.err
    return root
