"""Golden files: the rendered Markdown of a small fixture corpus, reviewed in the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from generator.config import read_site_config
from generator.corpus import open_corpus
from generator.render import render_outputs

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
GOLDEN = Path(__file__).parent / "golden"


def rendered() -> dict[str, str]:
    # The fixture corpus is only seeds/: it is read with the real site's configuration.
    config, problems = read_site_config(REPO)
    opened = open_corpus(FIXTURE, config)
    assert not problems and opened.corpus is not None, opened.problems
    return {path: data.decode("utf-8") for path, data in render_outputs(opened.corpus).items()}


def test_golden_pages(request: pytest.FixtureRequest) -> None:
    pages = rendered()
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, "utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run make golden"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/{rel}: run make golden"


def test_rendering_is_deterministic() -> None:
    assert rendered() == rendered()
