"""Reproducible builds: the same commit gives byte-identical pages, site/ and bundle."""

from __future__ import annotations

import datetime
import gzip
import os
import re
import shutil
import struct
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, briefings, copy_project

from generator.publish.bundle import VERBATIM

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC: 2023-11-15 in Almaty, 2023-11-14 in Los Angeles
BUNDLE = "dist/briefings-offline.zip"


def build(target: Path, epoch: int, **env: str) -> Path:
    """Build the real seeds in a fresh scratch copy with the given environment."""
    project = copy_project(target)
    full = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    full.update(SOURCE_DATE_EPOCH=str(epoch), **env)
    run = briefings(project, "build", env=full)
    assert run.code == 0, run.err
    return project


def outputs(project: Path) -> dict[str, bytes]:
    """Read every file a build writes: docs/ pages, site/ and the bundle."""
    files = {}
    for folder in ("docs", "site", "dist"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(project).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds that share only the commit and SOURCE_DATE_EPOCH: not the folder, time
    zone, locale, hash seed or umask."""
    root = tmp_path_factory.mktemp("reproducible")
    first = build(root / "first", EPOCH, TZ="UTC", LC_ALL="C", PYTHONHASHSEED="1")
    time.sleep(1.1)  # a clock that leaked into the output would now differ
    old = os.umask(0o077)
    try:
        second = build(
            root / "elsewhere" / "second",
            EPOCH,
            TZ="Asia/Almaty",
            LC_ALL="C.UTF-8",
            PYTHONHASHSEED="2",
        )
    finally:
        os.umask(old)
    return first, second


@pytest.mark.e2e
def test_two_builds_are_byte_identical(builds: tuple[Path, Path]) -> None:
    first, second = map(outputs, builds)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
    assert BUNDLE in first and "site/index.html" in first and "docs/pairs/KZ-TR.md" in first
    assert len([k for k in first if k.startswith("docs/pairs/")]) > 10


@pytest.mark.e2e
def test_bundle_entries_carry_the_epoch_and_fixed_modes(builds: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(builds[0] / BUNDLE) as archive:
        infos = archive.infolist()
    # The data, feeds and search files first (zipped while the site builds), then the rest,
    # each part in name order.
    names = [i.filename.split("/", 1)[1] for i in infos]
    first = [n for n in names if n.split("/")[0] in VERBATIM and not n.endswith(".html")]
    assert first and names == sorted(first) + sorted(set(names) - set(first))
    assert {i.date_time for i in infos} == {time.gmtime(EPOCH)[:6]}
    assert {i.external_attr >> 16 for i in infos} == {0o644}


@pytest.mark.e2e
def test_site_dates_come_from_the_epoch(builds: tuple[Path, Path]) -> None:
    site = builds[0] / "site"
    day = datetime.datetime.fromtimestamp(EPOCH, datetime.UTC).date().isoformat()
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text())) == {day}
    data = (site / "sitemap.xml.gz").read_bytes()
    # MkDocs stamps the gzip header with the build's day (midnight UTC) from the epoch.
    assert struct.unpack("<I", data[4:8])[0] == EPOCH - EPOCH % 86400
    assert gzip.decompress(data) == (site / "sitemap.xml").read_bytes()


@pytest.mark.e2e
def test_another_epoch_changes_only_what_carries_a_date(
    builds: tuple[Path, Path], tmp_path: Path
) -> None:
    later = outputs(build(tmp_path / "later", EPOCH + 86400 * 40))
    first = outputs(builds[0])
    changed = sorted(k for k in first if first[k] != later[k])
    assert {BUNDLE, "site/sitemap.xml", "docs/pairs/KZ-TR.md", "docs/feeds/all.xml"} <= set(changed)
    # Pages, data and feeds name the build they came from (citations, JSON's `built`, feed
    # dates); the CSV, the schema, the indexes and the search index do not.
    dated = re.compile(
        r"(docs|site)/((pairs|actors|sources)/(?!index)[^/]+|data/index|data/(pairs/|actors/)?"
        r"[^/]+\.json|data/sources\.|feeds/)|site/sitemap\.xml"
    )
    assert [k for k in changed[1:] if not dated.match(k)] == []
    assert not [k for k in changed if k.endswith((".csv", "schema.json", "search_index.json"))]
    # ... and they differ only in that date, written in each format's way.
    days = [datetime.date(2023, 11, 14), datetime.date(2023, 12, 24)]
    for key in changed:
        if key.endswith((".zip", ".gz")):
            continue
        texts = [
            undated(side[key].decode("utf-8"), day)
            for side, day in zip((first, later), days, strict=True)
        ]
        assert texts[0] == texts[1], key


def undated(text: str, day: datetime.date) -> str:
    """Text with the build's day, in every form the outputs write it, replaced by a mark."""
    forms = [
        f"{day.day} {day:%B %Y}",  # citations: 14 November 2023
        day.isoformat(),  # JSON, BibTeX, Atom, sitemap
        f"{day:%Y/%m/%d}/",  # RIS
        f"[{day.year}, {day.month}, {day.day}]",  # CSL-JSON
    ]
    for form in forms:
        text = text.replace(form, "<the build's day>")
    return text


def _make_epoch(folder: Path, env: dict[str, str]) -> str:
    (folder / "epoch.mk").write_text("print-epoch:\n\t@echo $$SOURCE_DATE_EPOCH\n")
    done = subprocess.run(
        ["make", "-s", "-f", "Makefile", "-f", "epoch.mk", "print-epoch"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("git") is None, reason="needs make and git"
)
def test_makefile_takes_the_epoch_from_the_last_commit(tmp_path: Path) -> None:
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="c",
        GIT_AUTHOR_EMAIL="c@example.org",
        GIT_COMMITTER_NAME="c",
        GIT_COMMITTER_EMAIL="c@example.org",
        GIT_CEILING_DIRECTORIES=str(tmp_path.parent),
    )
    assert _make_epoch(tmp_path, env) == "315532800"  # no repository: 1980-01-01
    for args in (["init", "-q"], ["add", "Makefile"], ["commit", "-q", "-m", "x"]):
        subprocess.run(
            ["git", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            env={**env, "GIT_COMMITTER_DATE": f"@{EPOCH} +0000"},
        )
    assert _make_epoch(tmp_path, env) == str(EPOCH)
    assert _make_epoch(tmp_path, {**env, "SOURCE_DATE_EPOCH": "1234567890"}) == "1234567890"
