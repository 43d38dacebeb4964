"""FORMAT.md is the contract: its own examples, put together as a corpus, pass `briefings check`.

The generator may accept more than FORMAT.md, never less; this is the first line of that
promise. Each YAML example is taken from FORMAT.md as written, comments included.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, briefings, copy_project

FORMAT = (REPO / "FORMAT.md").read_text("utf-8")
POLISH = "001_a593577fb9b8170b"


def _example(after: str) -> str:
    """The first ```yaml block after the heading or text `after`."""
    start = FORMAT.index(after)
    m = re.compile(r"```yaml\n(.*?)```", re.S).search(FORMAT, start)
    assert m is not None, after
    return m.group(1)


def test_the_examples_of_format_md_are_a_valid_corpus(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    for folder in ("annotations", "pairs"):
        shutil.rmtree(seeds / folder)
        (seeds / folder).mkdir()
    (seeds / "documents/000_64255a36b834ab02.txt").unlink()
    annotation = _example("## seeds/annotations/<doc-id>.yml")
    # Its placeholders ("...") are not values a curator would keep: give them real ones.
    annotation = annotation.replace("url: https://...", "url: https://example.org/a")
    assert "claims:" in annotation and "# optional" in annotation
    (seeds / f"annotations/{POLISH}.yml").write_text(annotation, "utf-8")
    (seeds / "actors.yml").write_text(_example("## seeds/actors.yml"), "utf-8")
    (seeds / "topics.yml").write_text(_example("## seeds/topics.yml"), "utf-8")
    (seeds / "pairs/KZ-TR.yml").write_text(_example("## seeds/pairs/<A>-<B>.yml"), "utf-8")
    run = briefings(project, "check")
    assert run.err == ""
    assert (run.code, run.out) == (0, "ok: 1 claim on 1 pair from 1 source\n")
