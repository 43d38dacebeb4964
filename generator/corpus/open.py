"""The one way in: a project folder to its indexed corpus, or to every located problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig, read_site_config
from ..content import load_content
from ..problems import Problem
from .index import Corpus, build_corpus


@dataclass(frozen=True, slots=True)
class Opened:
    """A project's corpus when its content is valid, else the problems that stop it."""

    corpus: Corpus | None
    problems: tuple[Problem, ...]
    config: SiteConfig

    @property
    def ok(self) -> bool:
        """Say whether the content is valid (then `corpus` is set)."""
        return self.corpus is not None


def open_corpus(project: Path, config: SiteConfig | None = None, workers: int = 1) -> Opened:
    """Load, validate and index project/seeds; never raise for bad content.

    The site configuration is read from project/mkdocs.yml unless given (a revision checked
    out for `briefings diff` has only seeds/, and is read with the working tree's).
    """
    problems: list[Problem] = []
    if config is None:
        config, problems = read_site_config(project)
    content, found = load_content(project, config.extensions, workers)
    problems.extend(found)
    if problems or content is None:
        return Opened(None, tuple(problems), config)
    return Opened(build_corpus(content), (), config)
