"""Site stage: run the site engine on docs/ into a scratch folder, swapped in only on success."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..config import CONFIG_FILE, BuildOptions
from .engine import ENGINES, run_build
from .scratch import remove_own_scratch, same_tree, swap_in, temp_dir


@dataclass(frozen=True, slots=True)
class SiteResult:
    """The outcome of one build of an output."""

    ok: bool
    output: str
    path: Path | None = None
    unchanged: bool = False  # the output already held exactly these bytes and was kept


def engine_env(options: BuildOptions) -> dict[str, str]:
    """The engine process's settings: the build date."""
    env = {}
    if options.epoch is not None:
        # MkDocs and Material take every date they print from it: builds reproduce.
        env["SOURCE_DATE_EPOCH"] = str(options.epoch)
    return env


def run_engine(project: Path, out_dir: Path, options: BuildOptions) -> SiteResult:
    """Build the site with the chosen engine into out_dir."""
    engine = ENGINES[options.engine]
    if options.workers < 2:
        # Two parts at once only gain on two processors: on one, build at once.
        engine = replace(engine, parts=False)
    env = engine_env(options)
    result = run_build(engine, project, project / CONFIG_FILE, out_dir, env)
    return SiteResult(result.ok, result.output, out_dir if result.ok else None)


def build_site(project: Path, options: BuildOptions) -> SiteResult:
    """Build site/ for hosting; leave the previous site/ in place unless the build succeeds.

    A build whose every file is the same as in the current site/ leaves site/ untouched,
    so a rebuild with unchanged input rewrites nothing there either.
    """
    try:
        scratch = temp_dir(project, "site-")
        result = run_engine(project, scratch / "site", options)
        if not result.ok:
            return result
        target = project / "site"
        unchanged = same_tree(scratch / "site", target)
        if not unchanged:
            swap_in(scratch / "site", target)
        return SiteResult(True, result.output, target, unchanged)
    finally:
        remove_own_scratch(project, "site-")
