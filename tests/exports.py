"""Outputs of the exports for tests: the fixture corpus and the hostile corpus, rendered."""

from __future__ import annotations

import datetime
from pathlib import Path

from conftest import REPO
from hostile import make_hostile_project

from generator.config import Edition, read_site_config
from generator.corpus import Corpus, open_corpus
from generator.render import render_outputs

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
EDITION = Edition(
    "Briefings", "https://briefings.example.org/", datetime.date(2026, 11, 30), "CC BY 4.0."
)


def open_fixture(project: Path = FIXTURE) -> Corpus:
    config, problems = read_site_config(REPO)
    opened = open_corpus(project, config)
    assert not problems and opened.corpus is not None, opened.problems
    return opened.corpus


def fixture_outputs(edition: Edition = EDITION) -> dict[str, bytes]:
    return render_outputs(open_fixture(), edition)


def hostile_corpus(tmp: Path) -> Corpus:
    return open_fixture(make_hostile_project(tmp / "project"))
