"""Benchmark the pipeline on a synthetic corpus: time and memory per stage, printed as figures.

    .venv/bin/python benchmarks/bench_build.py --documents 10000    # generator stages
    .venv/bin/python benchmarks/bench_build.py --documents 300 --site   # and the site, bundle
    .venv/bin/python benchmarks/bench_build.py --documents 10000 --build   # `briefings build`

With --site it also prints the largest pages of the built site, in HTML, and how many are
over PAGE_LIMIT (1 MB): no generated page may be. To open that site as a reader would, keep
it: `--site --keep /tmp/b`.

Timings are wall-clock (and CPU) on a shared machine: compare runs, don't assert on them.
The corpus is benchmarks/synthetic.py's: shaped like the one the briefing is built for.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic import make_corpus  # noqa: E402

from generator.commands.batch import paused_gc  # noqa: E402
from generator.config import BuildOptions, Edition, available_cpus, read_site_config  # noqa: E402
from generator.content import load_content, read_seeds, validate_seeds  # noqa: E402
from generator.corpus import build_corpus  # noqa: E402
from generator.publish.bundle import build_bundle  # noqa: E402
from generator.publish.files import read_manifest, write_outputs  # noqa: E402
from generator.publish.site import build_site  # noqa: E402
from generator.render import OWNED_DIRS, OWNED_FILES, render_outputs  # noqa: E402

__all__ = ["make_corpus"]  # the browser benchmark and tests build the same corpus
TRACE = False
SECONDS: dict[str, float] = {}  # wall-clock seconds of each stage run, by name
EPOCH = 1764547200  # 2025-12-01: a fixed build date, so runs compare


# No page of the built site may be larger than this (HTML, bytes).
PAGE_LIMIT = 1_000_000
# The pages a reader opens first, and the largest of each kind of list.
FRONT_PAGES = ("index.html", "pairs/index.html", "actors/index.html", "sources/index.html")
LISTS = ("pairs/index/*/index.html", "sources/index/*/index.html")


def largest_pages(site: Path, count: int = 10) -> list[tuple[int, str]]:
    """The `count` largest HTML pages of a built site: (bytes, path relative to site/)."""
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return sorted(sizes, key=lambda s: (-s[0], s[1]))[:count]


def report_page_sizes(site: Path, count: int = 10) -> int:
    """Print the largest pages and the number over PAGE_LIMIT; return that number."""
    pages = list(site.rglob("*.html"))
    over = sum(1 for p in pages if p.stat().st_size > PAGE_LIMIT)
    print(f"  largest of {len(pages)} HTML pages ({over} over {PAGE_LIMIT / 1e6:.0f} MB):")
    for size, rel in largest_pages(site, count):
        print(f"    {size / 1024:8.0f} KB  {rel}")
    print("  home, indexes and the largest of each kind of list:")
    for rel in FRONT_PAGES:
        if (site / rel).is_file():
            print(f"    {(site / rel).stat().st_size / 1024:8.0f} KB  {rel}")
    for pattern in LISTS:
        found = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.glob(pattern)]
        if found:
            size, rel = max(found)
            print(f"    {size / 1024:8.0f} KB  {rel} (largest of {len(found)})")
    return over


def stage(name: str, func: Callable[..., Any], *args: Any) -> Any:
    """Run one stage as `briefings build` does (collector paused) and print its figures."""
    if TRACE:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    with paused_gc():
        result = func(*args)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    memory = ""
    if TRACE:
        memory = f"   peak traced memory {tracemalloc.get_traced_memory()[1] / 2**20:8.1f} MiB"
        tracemalloc.stop()
    print(f"  {name:<14} {seconds:8.2f} s  (CPU {cpu:6.2f} s){memory}", flush=True)
    SECONDS[name] = seconds
    return result


def project(root: Path, documents: int, per_document: int) -> int:
    """Make a project in root: the synthetic corpus and the real configuration and pages."""
    claims = make_corpus(root, documents, per_document)
    for rel in ("mkdocs.yml", "docs/methodology.md", "docs/assets", "overrides"):
        src, dst = REPO / rel, root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    # The corpus on disk before any stage is timed, as a user's checkout is: otherwise the
    # system writes its 130 MiB back while the stages run, on the processors they use.
    os.sync()
    return claims


def stages(root: Path, site: bool, workers: int) -> int:
    """Time every stage in this process; with `site`, the site and bundle too."""
    config, problems = read_site_config(root)
    if workers > 1:
        # As `briefings build` does: annotations read and checked in `workers` processes
        # (CPU is this process's only).
        name = f"load+check ({workers}p)"
        content, found = stage(name, load_content, root, config.extensions, workers)
    else:
        raw, found = stage("load", read_seeds, root)
        problems += found
        content, found = stage("validate", validate_seeds, raw, config.extensions)
    assert content is not None and not problems and not found, (problems + found)[:5]
    corpus = stage("corpus", build_corpus, content)
    options = BuildOptions(epoch=EPOCH, workers=workers)
    outputs = stage("render", render_outputs, corpus, Edition.of(config, options))
    docs = root / "docs"
    # The outputs are made as they are written, in `workers` processes: this is render too.
    write = (root, docs, outputs, OWNED_DIRS, OWNED_FILES, workers)
    report = stage(f"write ({workers}p)", write_outputs, *write)
    generator = sum(seconds for name, seconds in SECONDS.items() if name != "rewrite")
    print(f"  {'generator':<14} {generator:8.2f} s  (load to write, wall clock)")
    again = stage("rewrite", write_outputs, *write)
    # The files as the write listed them: reading `outputs` here would make every output
    # again in this process (the search index among them), and count its memory as the
    # generator's.
    written = sorted(read_manifest(root))
    sizes: dict[str, int] = {}
    for path in written:
        top = path.split("/", 1)[0] + "/" if "/" in path else path
        sizes[top] = sizes.get(top, 0) + (docs / path).stat().st_size
    print(
        f"outputs: {len(written)} files, {sum(sizes.values()) / 2**20:.1f} MiB "
        f"({len(corpus.pairs)} pairs), {len(report.written)} written, "
        f"then {len(again.written)} rewritten"
    )
    listed = ", ".join(f"{top} {size / 2**20:.1f}" for top, size in sorted(sizes.items()))
    print(f"output MiB by folder: {listed}")
    # Resident sizes: a worker's counts the corpus it shares with this process once more.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"generator peak resident memory: {own:.0f} MiB here, {worker:.0f} MiB in a worker")
    if site:
        start = time.perf_counter()
        result = build_site(root, options)
        if not result.ok:
            print(result.output, file=sys.stderr)
            return 1
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        print(f"  {'site':<10} {time.perf_counter() - start:8.2f} s   {size / 2**20:.1f} MiB")
        over = report_page_sizes(root / "site")
        if over:
            print(f"{over} pages over {PAGE_LIMIT:,} bytes of HTML", file=sys.stderr)
            return 1
        start = time.perf_counter()
        bundle = build_bundle(root, root / "site", config, options)
        assert bundle.path is not None
        zipped = bundle.path.stat().st_size
        print(
            f"  {'bundle':<10} {time.perf_counter() - start:8.2f} s   {zipped / 2**20:.1f} MiB zip"
        )
    return 0


def tree_memory(pid: int) -> tuple[int, bool]:
    """Bytes of memory a process and all its descendants use now: the sum of their
    proportional set sizes (a page shared by forked processes counted once, in shares),
    from Linux's /proc; 0 elsewhere. Also say whether the site engine is one of them."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    total, engine, todo = 0, False, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            command = Path(f"/proc/{current}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        engine = engine or b"mkdocs" in command
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total, engine


def whole_build(root: Path) -> int:
    """Run `briefings build` as a reader of the README would, and measure it from outside."""
    env = {"SOURCE_DATE_EPOCH": str(EPOCH), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The memory of all its processes at once, its peak in each phase: before the site
    # engine starts (check and pages), while it runs (site), after it (bundle).
    phases = {"check and pages": 0, "site": 0, "bundle": 0}
    began = {"check and pages": start}
    phase = "check and pages"
    while build.poll() is None:
        now, engine = tree_memory(build.pid)
        if engine:
            phase = "site"
        elif phase == "site":
            phase = "bundle"
        began.setdefault(phase, time.perf_counter())
        phases[phase] = max(phases[phase], now)
        # Each sample reads every process's memory map (about 15 ms a GiB of memory):
        # twice a second catches the build's peaks, which last seconds, at little cost.
        time.sleep(0.5)
    together = max(phases.values())
    out, err = build.communicate()
    seconds = time.perf_counter() - start
    ends = [*list(began.values())[1:], start + seconds]
    lasted = {name: end - began[name] for name, end in zip(began, ends, strict=True)}
    print(out.strip())
    if build.returncode != 0:
        print(err, file=sys.stderr)
        return 1
    # ru_maxrss of children: the largest of the processes (briefings, then the site engine).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    site = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    (bundle,) = (root / "dist").glob("*.zip")
    print(
        f"briefings build: {seconds:.1f} s, peak resident memory {peak:.0f} MiB (largest "
        f"process), {together / 2**20:.0f} MiB (all its processes at once: proportional set "
        "sizes, sampled every 0.5 s)"
    )
    print(
        "  all processes at once, peak by phase: "
        + ", ".join(f"{name} {size / 2**20:.0f} MiB" for name, size in phases.items())
    )
    # The bundle's data is zipped during the site phase, so the bundle phase is the rest.
    print(
        "  time by phase (sampled every 0.5 s): "
        + ", ".join(f"{name} {lasted[name]:.1f} s" for name in lasted)
    )
    print(f"site: {site / 2**20:.1f} MiB, bundle: {bundle.stat().st_size / 2**20:.1f} MiB zip")
    return 1 if report_page_sizes(root / "site") else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--claims-per-document", type=int, default=10)
    parser.add_argument("--site", action="store_true", help="also run the site and bundle stages")
    parser.add_argument(
        "--build", action="store_true", help="time the whole `briefings build` instead"
    )
    parser.add_argument(
        "--memory", action="store_true", help="trace peak memory per stage (slows every stage down)"
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument(
        "--jobs", type=int, default=available_cpus(), help="processes for render and write"
    )
    args = parser.parse_args()
    global TRACE
    TRACE = args.memory
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        claims = project(root, args.documents, args.claims_per_document)
        text = sum(p.stat().st_size for p in (root / "seeds/documents").iterdir())
        print(
            f"corpus: {args.documents} documents ({text / 2**20:.0f} MiB of text), {claims} claims"
        )
        return whole_build(root) if args.build else stages(root, args.site, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
