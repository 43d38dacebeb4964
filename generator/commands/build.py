"""`briefings build` and `check`: the pipeline from seeds/ to pages, site and offline bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial
from pathlib import Path

from ..config import BuildOptions, Edition, SiteConfig, available_cpus, read_site_config
from ..content.history import read_claim_history
from ..corpus import Corpus, open_corpus
from ..problems import report_problems
from ..publish.bundle import EarlyBundle
from ..publish.files import write_outputs
from ..publish.site import build_site
from ..render import OWNED_DIRS, OWNED_FILES, render_outputs
from ..render.environment import counted
from ..render.search import Handwritten
from .batch import in_own_process, paused_gc


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not whole seconds."""


def load_corpus(project: Path, workers: int | None = None) -> tuple[Corpus, SiteConfig] | None:
    """Open the corpus (in `workers` processes, by default one per processor available);
    print every problem and return None if there are any."""
    with paused_gc():
        opened = open_corpus(project, workers=workers or available_cpus())
    if opened.corpus is None:
        report_problems(list(opened.problems))
        return None
    return opened.corpus, opened.config


def check(project: Path) -> int:
    """Validate seeds/ and say what it holds; return an exit code."""
    loaded = load_corpus(project)
    if loaded is None:
        return 1
    corpus = loaded[0]
    print(
        f"ok: {counted(len(corpus.claims), 'claim')} on {counted(len(corpus.pairs), 'pair')} "
        f"from {counted(len(corpus.sources), 'source')}"
    )
    return 0


def read_handwritten(docs: Path) -> tuple[Handwritten, ...]:
    """The pages of docs/ the generator does not write (methodology.md...), for search."""
    if not docs.is_dir():
        return ()
    found = []
    # The generator's folders are not walked: at 10,000 documents they hold 24,000 files.
    tops = [p for p in docs.iterdir() if not (p.is_dir() and p.name in OWNED_DIRS)]
    paths = [p for top in tops for p in ([top] if top.is_file() else top.rglob("*.md"))]
    for path in sorted(paths):
        rel = path.relative_to(docs).as_posix()
        if not rel.endswith(".md") or rel in OWNED_FILES or rel.split("/", 1)[0] in OWNED_DIRS:
            continue
        found.append(Handwritten(rel, path.read_text("utf-8")))
    return tuple(found)


def write_docs(
    project: Path, corpus: Corpus, config: SiteConfig, options: BuildOptions | None = None
) -> None:
    """Render every output and write it into docs/, saying what changed.

    The repository's history dates each claim in the feeds; without it (a folder that is not
    a git repository, a shallow clone) the build says so once and dates them by the build.
    """
    edition = Edition.of(config, options)
    history = read_claim_history(project)
    if history.missing is not None:
        day = (
            f"by the build ({edition.built.isoformat()})"
            if edition.built
            else "1970-01-01: set SOURCE_DATE_EPOCH to date them by the build"
        )
        print(
            f"note: no history of seeds/ ({history.missing}): the feeds date every claim {day}",
            file=sys.stderr,
        )
    docs = project / config.docs_dir
    with paused_gc():
        outputs = render_outputs(corpus, edition, history, read_handwritten(docs))
        workers = options.workers if options is not None else available_cpus()
        report = write_outputs(project, docs, outputs, OWNED_DIRS, OWNED_FILES, workers)
    print(
        f"pages: {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.deleted)} removed ({config.docs_dir}/)"
    )


def generate(project: Path, options: BuildOptions | None = None) -> int:
    """Validate and write the generated files into docs/; return an exit code."""
    loaded = load_corpus(project, options.workers if options else None)
    if loaded is None:
        return 1
    write_docs(project, *loaded, options)
    return 0


def source_date_epoch(project: Path) -> int | None:
    """Take build dates from SOURCE_DATE_EPOCH, else the last commit, so builds reproduce."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        value = done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None
    if value is None:
        return None
    if not value.isdigit():
        raise EpochError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{value}'")
    return int(value)


def build(project: Path, options: BuildOptions, pages_only: bool, updated: list[str]) -> int:
    """Run every stage; name in `updated` each output folder as it is replaced.

    The generator's stages run in a process of their own: the site engine then starts with
    the memory they held given back.
    """
    code = in_own_process(partial(generate, project, options))
    if code != 0 or pages_only:
        return code
    updated.append("docs/")
    config, problems = read_site_config(project)
    assert not problems  # the pages were just built with it
    # The bundle's data, feeds and search index are zipped from docs/ meanwhile.
    early = (
        EarlyBundle(project, project / config.docs_dir, config, options) if options.bundle else None
    )
    try:
        if early is not None:
            early.start()
        site = build_site(project, options)
        if not site.ok:
            print(site.output, file=sys.stderr)
            print(
                f"error: the {options.engine} build failed (output above); "
                "site/ was left as it was",
                file=sys.stderr,
            )
            return 1
        updated.append("site/")
        kept = " (unchanged)" if site.unchanged else ""
        print(f"site: {site.path}/index.html (hosted website){kept}")
        if early is None:
            return 0
        assert site.path is not None
        bundle = early.finish(site.path)
    finally:
        if early is not None:
            early.cancel()
    kept = " (unchanged)" if bundle.unchanged else ""
    print(f"bundle: {bundle.path} (offline: unzip and open index.html){kept}")
    return 0
