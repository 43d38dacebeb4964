"""The whole curator loop on a scratch copy: new, a mistake, the fix, the change report, builds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_ENV, REPO, briefings, copy_project

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

ARTICLE = """\
Kazakhstan and Azerbaijan deepen defence ties

Kazakhstan and Azerbaijan signed a plan of military cooperation for 2025 in Astana on 14 March.
The plan provides for joint exercises of the two navies in the Caspian Sea.
"""

# The mistake: the quote says "military co-operation", the document "military cooperation".
ANNOTATION = """\
{schema}
source:
  title: Kazakhstan and Azerbaijan deepen defence ties
  language: en
  published: 2025-03-15
claims:
  - id: az-kz-military-cooperation-plan-2025
    pair: [KZ, AZ]
    topic: agreement
    date: 2025-03-14
    statement: Kazakhstan and Azerbaijan signed a plan of military cooperation for 2025.
    quote: Kazakhstan and Azerbaijan signed a plan of military co-operation for 2025
  - id: az-kz-joint-naval-exercises-caspian
    pair: [AZ, KZ]
    topic: training
    statement: The 2025 plan provides for joint exercises of the Kazakh and Azerbaijani
      navies in the Caspian Sea.
    quote: The plan provides for joint exercises of the two navies in the Caspian Sea.
"""


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    full = dict(
        os.environ,
        **GIT_ENV,
        **(env or {}),
    )
    return subprocess.run(
        ["git", *args], cwd=repo, env=full, capture_output=True, text=True, check=True
    ).stdout


def outputs(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("docs", "site", "dist")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def test_new_mistake_fix_diff_and_reproducible_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(REPO / ".gitignore", project / ".gitignore")  # outputs and node_modules/
    git(project, "init", "-q", "-b", "main")
    # copy_project links node_modules, which `/node_modules/` (a folder pattern) misses.
    (project / ".git" / "info" / "exclude").write_text("/node_modules\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the briefing as it is")

    # 1. briefings new: the document under a fresh id, and a skeleton that does not pass.
    source = tmp_path / "downloads" / "kz-az-defence.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, "utf-8")
    added = briefings(project, "new", str(source))
    assert added.code == 0, added.err
    doc_id = added.out.split("seeds/documents/")[1].split(".txt")[0]
    assert doc_id.startswith("002_")
    annotation = project / "seeds" / "annotations" / f"{doc_id}.yml"
    skeleton = annotation.read_text("utf-8")
    schema = skeleton.splitlines()[0]
    assert schema.startswith("# yaml-language-server: $schema=")
    assert briefings(project, "check").code == 1

    # 2. An annotation with a mistake: check names the exact line and column of the quote.
    annotation.write_text(ANNOTATION.format(schema=schema), "utf-8")
    check = briefings(project, "check")
    assert check.code == 1
    rel = f"seeds/annotations/{doc_id}.yml"
    assert check.err.splitlines()[0] == (
        f"{rel}:12:12: quote not found verbatim in seeds/documents/{doc_id}.txt; copy it "
        "exactly from the document (only white space and Unicode normalisation are forgiven) "
        "[quote-not-found]"
    )
    assert check.err.splitlines()[-1] == "1 problem in 1 file; nothing was written."
    assert ANNOTATION.splitlines()[11].startswith("    quote: Kazakhstan and Azerbaijan")

    # 3. The fix passes.
    annotation.write_text(
        ANNOTATION.format(schema=schema).replace("co-operation", "cooperation"), "utf-8"
    )
    fixed = briefings(project, "check")
    assert fixed.code == 0, fixed.err
    assert fixed.out.startswith("ok: ") and "from 3 sources" in fixed.out

    # 4. The change report shows the new pair, its two claims and the new document.
    diff = briefings(project, "diff", "HEAD")
    assert diff.code == 0, diff.err
    report = diff.out
    assert "| pairs | 1 | 0 | 0 |" in report
    assert "| claims | 2 | 0 | 0 |" in report
    assert "| documents | 1 | 0 | 0 |" in report
    assert "### AZ-KZ: Azerbaijan and Kazakhstan (new pair)" in report
    assert "- `az-kz-military-cooperation-plan-2025` (topic `agreement`, date 2025-03-14" in report
    assert "- `az-kz-joint-naval-exercises-caspian` (topic `training`, undated" in report
    assert f"- added: `{doc_id}`: Kazakhstan and Azerbaijan deepen defence ties" in report

    # 5. Committed, two builds of that commit are byte-identical.
    git(project, "add", "-A")
    git(
        project,
        "commit",
        "-q",
        "-m",
        "Kazakhstan and Azerbaijan",
        env={"GIT_COMMITTER_DATE": "@1742000000 +0000"},
    )
    epoch = git(project, "log", "-1", "--format=%ct").strip()
    assert epoch == "1742000000"
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(project), str(clone))
    if (project / "node_modules").exists():
        (clone / "node_modules").symlink_to((project / "node_modules").resolve())
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    for folder in (project, clone):
        build = briefings(folder, "build", env=env)
        assert build.code == 0, build.err
    first, second = outputs(project), outputs(clone)
    assert "docs/pairs/AZ-KZ.md" in first and f"docs/sources/{doc_id}.md" in first
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
