"""`briefings diff REV`: the change report a reviewer reads, from git without touching files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GIT_ENV, briefings, copy_project

from generator.commands.diff.report import word_hunks
from generator.corpus import open_corpus

ANKA = "seeds/annotations/001_a593577fb9b8170b.yml"
TAGALOG = "seeds/annotations/000_64255a36b834ab02.yml"
ANKA_DOC = "seeds/documents/001_a593577fb9b8170b.txt"
NEW_CLAIM = """
  - id: kz-tj-drone-assembly-lines
    pair: [TJ, KZ]
    topic: market-competition
    statement: Kazakhstan is not the only country in the region with a foreign
      combat-drone assembly line.
    quote: 'Kazachstan nie jest jedynym krajem w regionie, który uruchomił linię montażową
      zagranicznych dronów bojowych.'
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    """Run git in repo with a fixed identity and no user or system configuration."""
    env = dict(
        os.environ,
        **GIT_ENV,
    )
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


@pytest.fixture
def repo(project: Path) -> Path:
    """The scratch project as a git repository with everything committed."""
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "seeds")
    return project


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def drop_claim(project: Path, rel: str, claim_id: str) -> None:
    path = project / rel
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {claim_id}\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:")), len(lines)
    )
    path.write_text("".join(lines[:start] + lines[end:]), "utf-8")


def report(project: Path, rev: str = "HEAD") -> str:
    run = briefings(project, "diff", rev)
    assert run.code == 0, run.err
    return run.out


def test_no_change_says_so(repo: Path) -> None:
    out = report(repo)
    assert out.startswith("# Change report: HEAD (")
    assert "No change to the briefing" in out


def test_new_claim_on_a_new_pair(repo: Path) -> None:
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    out = report(repo)
    assert "| pairs | 1 | 0 | 0 |" in out
    assert "| claims | 1 | 0 | 0 |" in out
    assert "| documents | 0 | 0 | 0 |" in out
    assert "### KZ-TJ: Kazakhstan and Tajikistan (new pair)" in out
    assert (
        "- `kz-tj-drone-assembly-lines` (topic `market-competition`, undated, "
        "from `001_a593577fb9b8170b`)"
    ) in out
    assert "> «Kazachstan nie jest jedynym krajem w regionie" in out


def test_changed_fields_old_and_new_side_by_side(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        "    date: '2024'\n    statement: \"Kazakhstan's Ministry of Defence",
        "    date: '2024~'\n    statement: \"Kazakhstan's Defence Ministry",
    )
    edit(
        repo,
        ANKA,
        "    topic: co-production\n    date: '2022-05'",
        "    topic: diplomacy\n    date: '2022-05'",
    )
    out = report(repo)
    assert "| claims | 0 | 0 | 2 |" in out
    assert "| pairs | 0 | 0 | 2 |" in out  # KZ-TR and IR-TJ
    anka = out[out.index("- `kz-tr-anka-production-2024`") :]
    assert "| field | before | after |" in anka
    assert (
        "| statement | Kazakhstan's Ministry of Defence confirmed earlier reports that "
        "production of Turkish Anka drones in Kazakhstan will begin in 2024. | "
        "Kazakhstan's Defence Ministry confirmed earlier reports"
    ) in anka
    assert "| date | 2024 | 2024&#126; |" in anka
    assert "| topic | co-production | diplomacy |" in out
    assert "| quote |" not in anka.split("\n\n- ")[0]


def test_changed_quote_shows_both_quotes(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        "    quote: 'W maju 2022 r. Tadżykistan rozpoczął produkcję irańskich dronów "
        "taktycznych Ababil-2.'",
        "    quote: 'Tadżykistan rozpoczął produkcję irańskich dronów taktycznych Ababil-2.'",
    )
    out = report(repo)
    assert (
        "| quote | «W maju 2022 r. Tadżykistan rozpoczął produkcję irańskich dronów "
        "taktycznych Ababil-2.» | «Tadżykistan rozpoczął produkcję"
    ) in out


def test_removed_claim_and_removed_pair(repo: Path) -> None:
    drop_claim(repo, ANKA, "ir-tj-ababil-2-production-2022-05")
    drop_claim(repo, ANKA, "kz-tr-anka-in-drone-fleet")
    out = report(repo)
    assert "| pairs | 0 | 1 | 1 |" in out
    assert "| claims | 0 | 2 | 0 |" in out
    assert "### IR-TJ: Iran and Tajikistan (pair removed)" in out
    kz_tr = out[out.index("### KZ-TR") :]
    assert "**Claims removed** (1)" in kz_tr
    assert "- `kz-tr-anka-in-drone-fleet` (topic `arms-transfer`" in kz_tr


def test_claim_moved_to_another_pair(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        "  - id: kz-tr-anka-in-drone-fleet\n    pair: [KZ, TR]",
        "  - id: kz-tr-anka-in-drone-fleet\n    pair: [KZ, TJ]",
    )
    out = report(repo)
    assert "| claims | 0 | 0 | 1 |" in out
    assert "| pair | KZ-TR | KZ-TJ |" in out
    assert "- `kz-tr-anka-in-drone-fleet` → `KZ-TJ`" in out


def test_summary_change_shows_the_words_that_changed(repo: Path) -> None:
    edit(
        repo,
        "seeds/pairs/KZ-TR.yml",
        "200 Kazakh officers had received",
        "about 200 Kazakh officers had received",
    )
    out = report(repo)
    assert "**Summary changed**" in out
    assert "-…were sent to Türkiye for training; 200 Kazakh officers had received military…" in out
    assert (
        "+…were sent to Türkiye for training; about 200 Kazakh officers had received military…"
    ) in out


def test_document_edited_after_claims_cite_it_is_flagged(repo: Path) -> None:
    edit(repo, ANKA_DOC, "Nieśmiałe początki", "Nieśmiałe, skromne początki")
    out = report(repo)
    assert "⚠️ **1 document(s) changed after claims cited them:** `001_a593577fb9b8170b`" in out
    docs = out[out.index("## Documents") :]
    assert "- changed: `001_a593577fb9b8170b`: Kazachstan i Turcja" in docs
    assert "**the text changed after claims cited it**: `cn-kz-petropavlovsk" in docs
    assert "    @@ line 9 @@" in docs
    assert (
        "    -…w ramach wielowektorowej polityki zagranicznej Kazachstanu. Nieśmiałe "
        "początki Turcja i Kazachstan od ponad…"
    ) in docs
    assert (
        "    +…w ramach wielowektorowej polityki zagranicznej Kazachstanu. Nieśmiałe, "
        "skromne początki Turcja i Kazachstan od ponad…"
    ) in docs
    assert "| pairs | 0 | 0 | 0 |" in out  # the quotes are all still found


def test_added_document_and_source_metadata_change(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text("Kazakhstan signed a contract with Türkiye.\n", "utf-8")
    added = briefings(repo, "new", str(source))
    assert added.code == 0, added.err
    doc_id = added.out.split("seeds/documents/")[1].split(".txt")[0]
    path = repo / f"seeds/annotations/{doc_id}.yml"
    text = path.read_text("utf-8").replace("  language:  #", "  language: en  #")
    path.write_text(text.replace("claims:\n", "claims: []\n"), "utf-8")
    edit(repo, ANKA, "  language: pl\n", "  language: pl\n  url: https://example.org/a\n")
    out = report(repo)
    assert "| documents | 1 | 0 | 1 |" in out
    assert f"- added: `{doc_id}`" in out
    assert "    | url | — | https://example.org/a |" in out


def test_invalid_working_tree_lists_its_problems_instead_of_a_comparison(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        "tureckich bezzałogowych statków powietrznych (UAV) Anka",
        "tureckich dronów Anka",
    )
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    out = report(repo)
    assert (
        "> ⚠️ **working tree does not pass `briefings check`** (1 problem), so it has no "
        "briefing to compare: fix these first."
    ) in out
    # The problem as check prints it, located, in a block the reviewer can read.
    listed = out[out.index("```text\n") + 8 : out.index("\n```", out.index("```text"))]
    assert listed.startswith(f"{ANKA}:")
    assert listed.splitlines()[0].endswith("[quote-not-found]")
    assert briefings(repo, "check").err.startswith(listed.splitlines()[0])
    # No comparison is made from annotations that do not pass check.
    assert "| claims |" not in out and "## Pairs" not in out


def test_invalid_old_side_is_said(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        "    topic: co-production\n    date: '2022-05'",
        "    topic: no-such-topic\n    date: '2022-05'",
    )
    commit_all(repo, "broken")
    edit(repo, ANKA, "    topic: no-such-topic\n", "    topic: co-production\n")
    out = report(repo)
    assert "**HEAD (" in out and "does not pass `briefings check`** (1 problem)" in out
    assert "[unknown-topic]" in out
    assert "working tree does not pass" not in out


def test_revision_without_seeds_reports_everything_added(project: Path) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "mkdocs.yml")
    git(project, "commit", "-q", "-m", "configuration only")  # seeds/ is not committed
    out = report(project)
    corpus = open_corpus(project).corpus
    assert corpus is not None
    claims = len(corpus.claims)
    assert f"| claims | {claims} | 0 | 0 |" in out
    assert "| documents | 2 | 0 | 0 |" in out


def test_compares_with_an_older_commit_by_name(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD").strip()
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    commit_all(repo, "new claim")
    assert "No change to the briefing" in report(repo, "HEAD")
    out = report(repo, first[:12])
    assert out.startswith(f"# Change report: {first[:12]} → working tree")
    assert "| claims | 1 | 0 | 0 |" in out
    assert "| claims | 1 | 0 | 0 |" in report(repo, "HEAD~1")


def test_unknown_revision_and_no_repository_are_explained(project: Path, repo: Path) -> None:
    bad = briefings(repo, "diff", "no-such-branch")
    assert bad.code == 1 and bad.out == ""
    assert bad.err == (
        "error: 'no-such-branch' is not a revision of this repository; give a "
        "commit, a branch or a tag (git log --oneline lists commits)\n"
    )
    option = briefings(repo, "diff", "--", "--output=x")
    assert option.code == 1 and "is not a revision" in option.err
    shutil.rmtree(repo / ".git")
    none = briefings(repo, "diff", "HEAD")
    assert none.code == 1 and "is not in a git repository" in none.err
    assert "Traceback" not in bad.err + option.err + none.err


def test_folder_without_seeds_is_the_no_seeds_problem_of_check(repo: Path, tmp_path: Path) -> None:
    inside = repo / "seeds"  # a curator who ran the command from inside seeds/
    check = briefings(inside, "check")
    no_seeds = (
        f"seeds:1:1: there is no seeds/ folder in {inside.resolve()}; "
        "run the command from the project's top folder [no-seeds]"
    )
    assert check.code == 1 and check.err.splitlines()[0] == no_seeds
    target = tmp_path / "change-report.md"
    for args in (["HEAD"], ["HEAD", "-o", str(target)], ["no-such-branch"]):
        run = briefings(inside, "diff", *args)
        assert run.code == 1, args
        assert run.out == ""
        assert run.err.splitlines() == [no_seeds, "1 problem in 1 file; nothing was written."]
    assert not target.exists()
    outside = briefings(tmp_path, "diff", "HEAD")  # no seeds/ and no git repository
    assert outside.code == 1 and "[no-seeds]" in outside.err
    assert "is not in a git repository" not in outside.err


def test_folder_without_seeds_is_annotated_on_github(repo: Path) -> None:
    env = dict(os.environ, GITHUB_ACTIONS="true")
    run = briefings(repo / "seeds", "diff", "HEAD", env=env)
    assert run.code == 1
    assert run.out.startswith("::error file=seeds,line=1,col=1,title=no-seeds::there is no")


def test_output_file_and_stdout_agree(repo: Path, tmp_path: Path) -> None:
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    target = tmp_path / "out" / "change-report.md"
    run = briefings(repo, "diff", "HEAD", "-o", str(target))
    assert run.code == 0 and run.out == ""
    assert target.read_text("utf-8") == report(repo)


def test_working_tree_is_untouched(repo: Path) -> None:
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    status = git(repo, "status", "--porcelain", "--ignored")
    files = {p: p.stat().st_mtime_ns for p in repo.rglob("*") if ".git" not in p.parts}
    report(repo)
    assert git(repo, "status", "--porcelain", "--ignored") == status
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*") if ".git" not in p.parts} == files


def test_report_is_deterministic(repo: Path) -> None:
    drop_claim(repo, ANKA, "ir-tj-ababil-2-production-2022-05")
    edit(repo, ANKA_DOC, "Nieśmiałe początki", "Nieśmiałe, skromne początki")
    (repo / ANKA).write_text((repo / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    outs = set()
    for seed in ("1", "2", "3"):
        run = briefings(repo, "diff", "HEAD", env=dict(os.environ, PYTHONHASHSEED=seed))
        outs.add(run.out)
    assert len(outs) == 1


def test_text_is_escaped_for_markdown(repo: Path) -> None:
    edit(
        repo,
        ANKA,
        'statement: "Kazakhstan\'s drone fleet currently includes Turkish Anka drones."',
        'statement: "Kazakhstan\'s fleet | includes *Turkish* <b>Anka</b>."',
    )
    out = report(repo)
    assert (
        "| Kazakhstan's fleet &#124; includes &#42;Turkish&#42; &lt;b&gt;Anka&lt;/b&gt;. |" in out
    )


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    project = copy_project(root / "briefing")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "seeds in a subfolder")
    (project / ANKA).write_text((project / ANKA).read_text("utf-8") + NEW_CLAIM, "utf-8")
    out = report(project)
    assert "| claims | 1 | 0 | 0 |" in out


def test_word_hunks_keep_context_and_join_nearby_changes() -> None:
    old = "one two three four five six seven eight nine ten eleven twelve thirteen"
    new = "one two THREE four five six seven eight nine ten eleven twelve thirteen"
    assert word_hunks(old, new) == [
        "@@ line 1 @@",
        "-one two three four five six seven eight nine…",
        "+one two THREE four five six seven eight nine…",
    ]
    assert word_hunks("a b\nc", "a  b c") == []


def test_a_claim_without_a_readable_pair_is_a_listed_problem(repo: Path) -> None:
    (repo / ANKA).write_text(
        (repo / ANKA).read_text("utf-8") + NEW_CLAIM.replace("pair: [TJ, KZ]", "pair: [KZ]"),
        "utf-8",
    )
    out = report(repo)
    assert "working tree does not pass `briefings check`" in out
    assert "'pair' must be exactly two actor ids" in out or "[invalid-value]" in out


def test_document_that_cannot_be_read_any_more_is_said(repo: Path) -> None:
    (repo / ANKA_DOC).write_bytes((repo / ANKA_DOC).read_bytes() + b"\xff")
    out = report(repo)
    assert "working tree does not pass `briefings check`" in out
    assert f"{ANKA_DOC}:" in out and "[not-utf8]" in out
