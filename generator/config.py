"""Configuration, read once and passed as arguments: the site's mkdocs.yml and build options.

mkdocs.yml is hand-written and read as YAML (with MkDocs' `!ENV` tag); the generator takes
from it only what it needs to produce pages the site engine renders as it checked them.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem, codes

CONFIG_FILE = "mkdocs.yml"

# The Markdown extensions the generated pages are written for: footnote citations, attribute
# lists for anchors and classes, Markdown inside the source text's <div>, tables, heading ids.
REQUIRED_EXTENSIONS = ("footnotes", "attr_list", "md_in_html", "tables", "toc")
# What MkDocs always adds before the configured extensions.
ENGINE_BUILTINS = ("toc", "tables", "fenced_code")

Extension = tuple[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """What the generator reads from mkdocs.yml."""

    site_name: str = "Briefings"
    site_url: str | None = None
    docs_dir: str = "docs"
    markdown_extensions: tuple[Extension, ...] = tuple((name, {}) for name in REQUIRED_EXTENSIONS)
    path: str | None = None  # None: there is no mkdocs.yml (a bare corpus, as in tests)
    copyright: str | None = None  # the licence line: the site's footer, the data, citations

    @property
    def slug(self) -> str:
        """The site's name as a file-name slug: `briefings`."""
        return re.sub(r"[^a-z0-9]+", "-", self.site_name.lower()).strip("-") or "site"

    @property
    def extensions(self) -> tuple[Extension, ...]:
        """The Markdown extensions pages are rendered with, in MkDocs' order: its own first."""
        options = dict(self.markdown_extensions)
        names = dict.fromkeys([*ENGINE_BUILTINS, *options])
        return tuple((name, options.get(name, {})) for name in names)


def available_cpus() -> int:
    """How many processors this process may run on (at least one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: given on the command line, passed to every stage that needs it."""

    # Seconds since 1970 that dates in the output come from (SOURCE_DATE_EPOCH, or the last
    # commit): the same input gives the same bytes.
    epoch: int | None = None
    engine: str = "mkdocs"
    bundle: bool = True
    # Processes that render and write the outputs (the corpus is shared by forking).
    workers: int = field(default_factory=lambda: available_cpus())
    extra_env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Edition:
    """What the rendered files say about the site they belong to: name, address, build date.

    The render stage takes it as an argument: citations name the site and its address,
    feeds and downloads the date of the build they came from.
    """

    site_name: str = "Briefings"
    site_url: str | None = None
    built: datetime.date | None = None  # from the build's epoch; None when it has none
    copyright: str | None = None  # mkdocs.yml's licence line

    @classmethod
    def of(cls, config: SiteConfig, options: BuildOptions | None = None) -> Edition:
        """The edition a build with these options makes of this site."""
        epoch = options.epoch if options is not None else None
        built = None
        if epoch is not None:
            built = datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()
        return cls(config.site_name, config.site_url, built, config.copyright)


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader, plus MkDocs' `!ENV` tag and the Python tags Material documents."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    items = loader.construct_sequence(node)  # type: ignore[arg-type]
    for name in items[:-1]:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return items[-1] if items else None


def _any_python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # `!!python/name:material.extensions.emoji.twemoji` and the like name code the engine
    # imports; the generator only needs to know the key is there.
    return f"{node.tag}"


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_python_tag)


def _extensions(value: Any) -> tuple[Extension, ...] | None:
    """Read markdown_extensions: a list of names, or of one-key mappings name: options."""
    if value is None:
        return ()
    if not isinstance(value, list):
        return None
    found: list[Extension] = []
    for item in value:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            if not isinstance(name, str) or not isinstance(options, dict | None):
                return None
            found.append((name, options or {}))
        else:
            return None
    return tuple(found)


def _problem(path: str, message: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(Location(path, line, column), codes.INVALID_CONFIG, message)


def read_site_config(project: Path) -> tuple[SiteConfig, list[Problem]]:
    """Read project/mkdocs.yml; without one, the defaults the generator's pages need."""
    path = project / CONFIG_FILE
    if not path.is_file():
        return SiteConfig(), []
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return SiteConfig(), [
            _problem(
                CONFIG_FILE,
                f"this is not valid YAML: {err.problem}; fix the line given",
                line,
                column,
            )
        ]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return SiteConfig(), [_problem(CONFIG_FILE, f"this file cannot be read: {err}")]
    if not isinstance(data, dict):
        return SiteConfig(), [_problem(CONFIG_FILE, "this file must be a mapping of settings")]
    problems: list[Problem] = []
    extensions = _extensions(data.get("markdown_extensions"))
    if extensions is None:
        problems.append(
            _problem(
                CONFIG_FILE,
                "markdown_extensions must be a list of extension names, "
                "each optionally with a mapping of its options",
            )
        )
        extensions = ()
    missing = [name for name in REQUIRED_EXTENSIONS if name not in {n for n, _ in extensions}]
    if missing:
        problems.append(
            _problem(
                CONFIG_FILE,
                f"markdown_extensions must list {', '.join(missing)}: the "
                "generated pages use them (footnotes, attribute lists, tables, anchors)",
            )
        )
    name, url, docs = data.get("site_name"), data.get("site_url"), data.get("docs_dir", "docs")
    if not isinstance(name, str) or not name.strip():
        problems.append(_problem(CONFIG_FILE, "site_name must be the site's name, as text"))
        name = "Briefings"
    if url is not None and not isinstance(url, str):
        problems.append(_problem(CONFIG_FILE, "site_url must be an address, as text"))
        url = None
    if not isinstance(docs, str):
        problems.append(_problem(CONFIG_FILE, "docs_dir must be a folder name, as text"))
        docs = "docs"
    licence = data.get("copyright")
    if licence is not None and not isinstance(licence, str):
        problems.append(_problem(CONFIG_FILE, "copyright must be the licence line, as text"))
        licence = None
    config = SiteConfig(name, url or None, docs, extensions, CONFIG_FILE, licence or None)
    return config, problems
