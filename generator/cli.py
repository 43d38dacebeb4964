"""The `briefings` command: check the content, build the briefing site."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .bundle import build_bundle
from .corpus import Corpus, build_corpus
from .load import read_seeds
from .new import add_document
from .problems import report_problems
from .render import HOME, OWNED_DIRS, counted, render_pages
from .report import write_report
from .serve import serve
from .site import build_site
from .validate import validate_seeds
from .write import write_pages


def load_corpus(project: Path) -> Corpus | None:
    """Run load, validate and corpus; print every problem and return None if there are any."""
    raw, problems = read_seeds(project)
    content, found = validate_seeds(raw)
    problems.extend(found)
    if problems or content is None:
        report_problems(problems)
        return None
    return build_corpus(content)


def cmd_check(project: Path, args: argparse.Namespace) -> int:
    corpus = load_corpus(project)
    if corpus is None:
        return 1
    print(
        f"ok: {counted(len(corpus.claims), 'claim')} on {counted(len(corpus.pairs), 'pair')} "
        f"from {counted(len(corpus.sources), 'source')}"
    )
    return 0


def generate(project: Path) -> int:
    """Validate and write the Markdown pages; return an exit code."""
    corpus = load_corpus(project)
    if corpus is None:
        return 1
    pages = render_pages(corpus)
    report = write_pages(project, pages, OWNED_DIRS, (HOME,))
    print(
        f"pages: {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.deleted)} removed (docs/)"
    )
    return 0


def source_date_epoch(project: Path) -> str | None:
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
    if value is not None and not value.isdigit():
        print(
            f"error: SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{value}'",
            file=sys.stderr,
        )
        return ""
    return value


def cmd_build(project: Path, args: argparse.Namespace) -> int:
    updated: list[str] = []
    try:
        return _build(project, args, updated)
    except KeyboardInterrupt:
        kept = [name for name in ("docs/", "site/", "dist/") if name not in updated]
        if args.pages_only:
            kept = [name for name in kept if name == "docs/"]
        new = f"{', '.join(updated)} built; " if updated else ""
        print(f"interrupted: {new}{', '.join(kept)} left as they were", file=sys.stderr)
        return 130


def _build(project: Path, args: argparse.Namespace, updated: list[str]) -> int:
    """Run every stage; name in `updated` each output folder as it is replaced."""
    epoch = source_date_epoch(project)
    if epoch == "":
        return 2
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    status = generate(project)
    if status or args.pages_only:
        return status
    updated.append("docs/")
    site = build_site(project)
    if not site.ok:
        print(site.output, file=sys.stderr)
        print(
            "error: the MkDocs build failed (output above); site/ was left as it was",
            file=sys.stderr,
        )
        return 1
    updated.append("site/")
    kept = " (unchanged)" if site.unchanged else ""
    print(f"site: {site.path}/index.html (hosted website){kept}")
    if args.no_bundle:
        return 0
    bundle = build_bundle(project)
    if not bundle.ok:
        print(bundle.output, file=sys.stderr)
        print(
            "error: the offline build failed (output above); dist/ was left as it was",
            file=sys.stderr,
        )
        return 1
    kept = " (unchanged)" if bundle.unchanged else ""
    print(f"bundle: {bundle.path} (offline: unzip and open index.html){kept}")
    return 0


def cmd_new(project: Path, args: argparse.Namespace) -> int:
    added, problems = add_document(project, Path(args.path).resolve(), args.path)
    if added is None:
        report_problems(problems)
        return 1
    print(f"added {added.document} (a verbatim copy of {args.path})")
    print(
        f"wrote {added.annotation}: fill in source.language and the claims, then run "
        "`briefings check`"
    )
    return 0


def cmd_serve(project: Path, args: argparse.Namespace) -> int:
    return serve(project, args.dev_addr, generate)


def cmd_diff(project: Path, args: argparse.Namespace) -> int:
    return write_report(project, args.rev, args.output)


def parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    top = argparse.ArgumentParser(prog="briefings", description=__doc__)
    top.add_argument(
        "-C",
        "--project",
        type=Path,
        default=Path("."),
        help="the project folder (default: the current folder)",
    )
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate seeds/ and report every problem")
    check.set_defaults(run=cmd_check)
    build = sub.add_parser("build", help="validate, write docs/ pages, build site/ and dist/")
    build.add_argument(
        "--pages-only", action="store_true", help="write the Markdown pages only, no MkDocs build"
    )
    build.add_argument("--no-bundle", action="store_true", help="skip the offline bundle")
    build.set_defaults(run=cmd_build)
    new = sub.add_parser(
        "new", help="add a source document to seeds/documents/ and write its annotation skeleton"
    )
    new.add_argument("path", help="the UTF-8 text file holding the source's text")
    new.set_defaults(run=cmd_new)
    live = sub.add_parser(
        "serve",
        help="live preview: serve the site, regenerate the pages when seeds/ changes",
    )
    live.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="where to serve (default: 127.0.0.1:8000)",
    )
    live.set_defaults(run=cmd_serve)
    diff = sub.add_parser(
        "diff",
        help="report, in Markdown, what the working tree changes in "
        "the briefing compared with a git revision",
    )
    diff.add_argument("rev", help="the git revision to compare with (HEAD, main, a commit)")
    diff.add_argument(
        "-o", "--output", type=Path, help="write the report to this file instead of standard output"
    )
    diff.set_defaults(run=cmd_diff)
    return top


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    # A polite kill (SIGTERM, as CI and process managers send) cleans up like Ctrl-C.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(args.run(args.project.resolve(), args))
    except KeyboardInterrupt:
        print("interrupted; outputs were left as they were", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
