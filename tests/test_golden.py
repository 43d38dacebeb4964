"""Golden files: every rendered output of a small fixture corpus (pages, data, feeds, search
index), reviewed in the diff."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import REPO

from generator.config import Edition, read_site_config
from generator.corpus import open_corpus
from generator.model.history import ClaimHistory
from generator.render import render_outputs
from generator.render.search import FOLDER, SCRIPTS

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
# The golden files are of one fixed edition: the site's name and address, a fixed build date,
# a licence line.
EDITION = Edition(
    "Briefings",
    "https://briefings.example.org/",
    datetime.date(2026, 11, 30),
    "Text and data of this briefing: CC BY 4.0.",
)
# Two claims committed before the build; the others enter the briefing with it.
HISTORY = ClaimHistory(
    {
        "kz-tr-anka-agreement": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        "kz-ru-helicopters": datetime.datetime(2026, 5, 2, 17, 0, tzinfo=datetime.UTC),
    }
)
GOLDEN = Path(__file__).parent / "golden"
# Search's scripts are copied as they are from the package, not rendered: they are not
# golden files (tests/test_search_index.py checks they ship unchanged).
SHIPPED = {f"{FOLDER}/{name}" for name in SCRIPTS}


def rendered() -> dict[str, str]:
    # The fixture corpus is only seeds/: it is read with the real site's configuration.
    config, problems = read_site_config(REPO)
    opened = open_corpus(FIXTURE, config)
    assert not problems and opened.corpus is not None, opened.problems
    outputs = render_outputs(opened.corpus, EDITION, HISTORY)
    return {path: data.decode("utf-8") for path, data in outputs.items() if path not in SHIPPED}


def test_golden_pages(request: pytest.FixtureRequest) -> None:
    pages = rendered()
    if request.config.getoption("--update-golden"):
        for old in (p for p in GOLDEN.rglob("*") if p.is_file()):
            old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
        for p in GOLDEN.rglob("*")
        if p.is_file()
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run make golden"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/{rel}: run make golden"


def test_rendering_is_deterministic() -> None:
    assert rendered() == rendered()
