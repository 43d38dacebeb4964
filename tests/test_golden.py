"""Golden files: the rendered Markdown of a small fixture corpus, reviewed in the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.corpus import build_corpus
from generator.load import read_seeds
from generator.render import render_pages
from generator.validate import validate_seeds

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
GOLDEN = Path(__file__).parent / "golden"


def rendered() -> dict[str, str]:
    raw, problems = read_seeds(FIXTURE)
    content, found = validate_seeds(raw)
    assert not problems and not found and content is not None
    return render_pages(build_corpus(content))


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
