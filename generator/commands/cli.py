"""The `briefings` command: check the content, build the briefing site."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from ..config import BuildOptions, available_cpus
from ..problems import report_problems
from ..problems.codes import GROUPS, REGISTRY
from ..publish.engine import DEFAULT_ENGINE, ENGINES
from .build import EpochError, build, check, generate, source_date_epoch
from .diff.report import write_report
from .new import add_document, print_next_steps
from .serve import serve


def cmd_check(project: Path, args: argparse.Namespace) -> int:
    return check(project)


def cmd_build(project: Path, args: argparse.Namespace) -> int:
    updated: list[str] = []
    try:
        epoch = source_date_epoch(project)
    except EpochError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    options = BuildOptions(
        epoch=epoch, engine=args.engine, bundle=not args.no_bundle, workers=args.jobs
    )
    try:
        return build(project, options, args.pages_only, updated)
    except KeyboardInterrupt:
        kept = [name for name in ("docs/", "site/", "dist/") if name not in updated]
        if args.pages_only:
            kept = [name for name in kept if name == "docs/"]
        new = f"{', '.join(updated)} built; " if updated else ""
        print(f"interrupted: {new}{', '.join(kept)} left as they were", file=sys.stderr)
        return 130


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
    print_next_steps(project, added.annotation)
    return 0


def cmd_serve(project: Path, args: argparse.Namespace) -> int:
    return serve(project, args.dev_addr, generate, ENGINES[args.engine])


def cmd_diff(project: Path, args: argparse.Namespace) -> int:
    return write_report(project, args.rev, args.output)


def cmd_explain(project: Path, args: argparse.Namespace) -> int:
    codes = args.codes or list(REGISTRY)
    unknown = [code for code in codes if code not in REGISTRY]
    if unknown:
        print(
            f"error: no problem code {', '.join(unknown)}; `briefings explain` lists them all",
            file=sys.stderr,
        )
        return 2
    order = {group: i for i, group in enumerate(GROUPS)}
    for code in sorted(codes, key=lambda c: (order[REGISTRY[c].group], list(REGISTRY).index(c))):
        entry = REGISTRY[code]
        group = entry.group.split(" (")[0]
        print(f"{entry.code}  ({group})\n  {entry.meaning}\n  Fix: {entry.fix}")
    return 0


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help=f"the site engine that builds the pages (default: {DEFAULT_ENGINE})",
    )


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
    check_cmd = sub.add_parser("check", help="validate seeds/ and report every problem")
    check_cmd.set_defaults(run=cmd_check)
    build_cmd = sub.add_parser("build", help="validate, write docs/ pages, build site/ and dist/")
    build_cmd.add_argument(
        "--pages-only", action="store_true", help="write the Markdown pages only, no site build"
    )
    build_cmd.add_argument("--no-bundle", action="store_true", help="skip the offline bundle")
    build_cmd.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=available_cpus(),
        metavar="N",
        help=f"read, check, render and write with N processes (default: {available_cpus()}, "
        "the processors available)",
    )
    _engine_option(build_cmd)
    build_cmd.set_defaults(run=cmd_build)
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
    _engine_option(live)
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
    explain = sub.add_parser(
        "explain", help="say what a problem code means and how to fix it (all codes without one)"
    )
    explain.add_argument("codes", nargs="*", metavar="CODE", help="a code, such as quote-not-found")
    explain.set_defaults(run=cmd_explain)
    return top


def _positive(text: str) -> int:
    """A whole number of at least 1, for --jobs."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


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
