"""Benchmark the site a reader gets, in headless Chromium: pages, search, and the build behind.

    .venv/bin/python benchmarks/bench_browser.py --documents 2000

Builds a synthetic corpus (bench_build.project) through every stage (the generator's
stages in this process, timed; MkDocs and the bundle as `briefings build` runs them), then
serves site/ on a local port and unzips the bundle, and measures with Playwright and
/usr/bin/chromium, over http and from file://:

- bytes on disk: the search index (manifest, term shards, result files), its scripts, and
  the text it indexes (documents and annotations);
- each kind of page: load time (navigation to the load event), JavaScript heap after a
  garbage collection (CDP Runtime.getHeapUsage), bytes it loads, and of those, search's;
- a few queries: time from the query entering the box to its results shown (cold: a fresh
  browser profile, the box not used before; warm: the same query again in that page), and
  the search data the cold query loaded.

Timings are wall-clock on a shared machine: compare runs, don't assert on them.
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import project  # noqa: E402

from generator.commands.batch import paused_gc  # noqa: E402
from generator.commands.build import read_handwritten  # noqa: E402
from generator.config import BuildOptions, Edition, read_site_config  # noqa: E402
from generator.content import load_content  # noqa: E402
from generator.corpus import build_corpus  # noqa: E402
from generator.publish.bundle import build_bundle  # noqa: E402
from generator.publish.files import write_outputs  # noqa: E402
from generator.publish.site import build_site  # noqa: E402
from generator.render import OWNED_DIRS, OWNED_FILES, render_outputs  # noqa: E402
from generator.render.search import SCRIPTS  # noqa: E402
from generator.render.search.fold import fold  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PAGES = {
    "home": "",
    "pair": "pairs/KZ-TR/",  # the most-documented pair; a synthetic corpus of a few
    # documents may lack these three:
    "source": "sources/doc-00001/",  # main() takes the first of each kind the site has
    "actor": "actors/KZ/",
}
QUERIES = [
    "Statement 7 document 42",  # every word required: one claim
    "Russia",  # an actor's name: claims by their pair
]


def corpus_queries(documents: Path) -> list[str]:
    """Queries made of the synthetic corpus's own words (the same corpus, the same words):
    its most common word (in nearly every passage: its list is cut to the best postings),
    a word with diacritics typed without them, the first letters of a common word (a prefix
    while typing), and three common words."""
    counts: Counter[str] = Counter()
    for path in sorted(documents.glob("*.txt"))[:50]:
        counts.update(re.findall(r"[^\W\d_]{4,}", path.read_text("utf-8").lower()))
    common = [word for word, _ in counts.most_common()]
    accented = next(w for w in common if not w.isascii() and fold(w).isascii())
    return [common[0], fold(accented), common[1][:4], " ".join(common[2:5])]


RUNS = 5  # page loads per page (median): a shared machine varies by a tenth of a second


def timed(name: str, func: Callable[..., Any], *args: Any) -> Any:
    """Run one stage as `briefings build` does (the cyclic collector paused), timed."""
    start = time.perf_counter()
    with paused_gc():
        result = func(*args)
    STAGES.append((name, time.perf_counter() - start))
    return result


STAGES: list[tuple[str, float]] = []


def build(root: Path) -> float:
    """Every stage of `briefings build`, timed; return MkDocs' peak memory (MiB)."""
    config, problems = read_site_config(root)
    options = BuildOptions(epoch=315532800)  # as `briefings build`: a process per processor
    content, found = timed("load+check", load_content, root, config.extensions, options.workers)
    assert content is not None and not (problems + found), (problems + found)[:5]
    corpus = timed("corpus", build_corpus, content)
    docs = root / config.docs_dir
    pages = timed(
        "render",
        partial(render_outputs, handwritten=read_handwritten(docs)),
        corpus,
        Edition.of(config, options),
    )
    write = (root, docs, pages, OWNED_DIRS, OWNED_FILES, options.workers)
    timed("write", write_outputs, *write)
    del pages, corpus, content
    # The engine in a small process of its own: a child's peak memory counts the memory of
    # the process that started it, so this one's count is MkDocs' own.
    done = subprocess.run(
        [sys.executable, __file__, "--site-stage", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the site stage failed:\n{done.stdout}{done.stderr}")
    site, bundle, peak = map(float, done.stdout.split())
    STAGES.extend([("site", site), ("bundle", bundle)])
    return peak


def site_stage(root: Path) -> None:
    """Run the engine and the bundle; print their times and the engine's peak memory."""
    config, _ = read_site_config(root)
    options = BuildOptions(epoch=315532800)
    start = time.perf_counter()
    site = build_site(root, options)
    assert site.ok, site.output
    middle = time.perf_counter()
    bundle = build_bundle(root, root / "site", config, options)
    assert bundle.ok, bundle.output
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(middle - start, time.perf_counter() - middle, peak)


def folder_bytes(folder: Path, skip: tuple[str, ...] = ()) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name not in skip)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Output:
    """One output as a reader opens it, and the size of each file it serves."""

    def __init__(self, name: str, base: str, root: Path) -> None:
        self.name, self.base, self.root = name, base, root

    def url(self, page: str) -> str:
        return self.base + page + ("index.html" if self.name == "file" else "")

    def size(self, url: str) -> int:
        """Bytes of the file a URL of this output names (what the browser received)."""
        rel = url.split("#", 1)[0].split("?", 1)[0]
        if not rel.startswith(self.base):
            return 0
        path = self.root / rel[len(self.base) :]
        if path.is_dir():
            path = path / "index.html"
        return path.stat().st_size if path.is_file() else 0


def new_page(browser: Any, requests: list[str]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("requestfinished", lambda r: requests.append(r.url))
    return page


def heap_mib(page: Any) -> float:
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    used = cdp.send("Runtime.getHeapUsage")["usedSize"]
    cdp.detach()
    return float(used) / 2**20


def measure_page(browser: Any, output: Output, path: str) -> dict[str, float]:
    runs = []
    for _ in range(RUNS):
        requests: list[str] = []
        page = new_page(browser, requests)
        page.goto(output.url(path), wait_until="load")
        load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        runs.append(
            {
                "load": load / 1000,
                "heap": heap_mib(page),
                "bytes": sum(output.size(u) for u in requests),
                "search": sum(output.size(u) for u in requests if "/search/" in u),
            }
        )
        page.context.close()
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


# Put the query in the box as one input event, and resolve when its results are shown
# (engine.js marks the list with the query it shows). Focus loads the engine, cold.
QUERY_JS = """async query => {
  const input = document.querySelector('#bs-search-input');
  const list = document.querySelector('#bs-search-results');
  const start = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((resolve, reject) => {
    const done = () => list.getAttribute('data-query') === query;
    if (done()) return resolve();
    const watch = new MutationObserver(() => { if (done()) { watch.disconnect(); resolve(); } });
    watch.observe(list, {attributes: true, childList: true});
    setTimeout(() => reject(new Error('no results after 20 s')), 20000);
  });
  const took = performance.now() - start;
  return [took, list.querySelectorAll('[role=option]').length,
          document.querySelector('.bs-search__status').textContent];
}"""
CLEAR_JS = """() => { const input = document.querySelector('#bs-search-input');
  input.value = ''; input.dispatchEvent(new Event('input', {bubbles: true})); }"""


def measure_query(browser: Any, output: Output, query: str) -> dict[str, Any]:
    requests: list[str] = []
    page = new_page(browser, requests)
    page.goto(output.url(""), wait_until="load")
    before = len(requests)
    cold, shown, status = page.evaluate(QUERY_JS, query)
    loaded = requests[before:]
    page.evaluate(CLEAR_JS)
    warm, _, _ = page.evaluate(QUERY_JS, query)
    page.context.close()
    return {
        "cold": cold,
        "warm": warm,
        "files": len(loaded),
        "bytes": sum(output.size(u) for u in loaded),
        "shown": shown,
        "status": status,
    }


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB" if n < 2**20 * 10 else f"{n / 2**20:,.1f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--claims-per-document", type=int, default=10)
    parser.add_argument("--site-stage", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.site_stage:
        site_stage(args.site_stage)
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        claims = project(root, args.documents, args.claims_per_document)
        print(f"corpus: {args.documents} documents, {claims} claims", flush=True)
        engine_rss = build(root)
        generator_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        site = root / "site"
        index = folder_bytes(site / "search", skip=SCRIPTS)
        text = folder_bytes(root / "seeds" / "documents") + folder_bytes(root / "seeds/annotations")
        scripts = {name: (site / "search" / name).stat().st_size for name in SCRIPTS}
        shards = sorted(p.stat().st_size for p in (site / "search/terms").glob("*.js"))
        unzipped = Path(tmp) / "unzipped"
        with zipfile.ZipFile(next((root / "dist").glob("*.zip"))) as archive:
            archive.extractall(unzipped)
        bundle_root = next(unzipped.iterdir())
        for kind, folder in (("pair", "pairs"), ("source", "sources"), ("actor", "actors")):
            if not (site / PAGES[kind] / "index.html").is_file():
                first = min(p for p in (site / folder).iterdir() if p.is_dir())
                PAGES[kind] = f"{folder}/{first.name}/"
        # The largest page that lists a pair's claims: a pair's own page (at most
        # PAGE_CLAIMS claims) and a long pair's page of one year. Any page must be quick.
        for kind, pattern in (
            ("pair, largest", "pairs/*/index.html"),
            ("pair's years, largest", "pairs/*/*/index.html"),
        ):
            found = [p for p in site.glob(pattern) if "pairs/index/" not in p.as_posix()]
            if found:
                largest = max(found, key=lambda p: (p.stat().st_size, p.as_posix()))
                PAGES[kind] = largest.parent.relative_to(site).as_posix() + "/"

        print()
        print(
            table(
                ["stage", "seconds"],
                [[name, f"{seconds:.1f}"] for name, seconds in STAGES]
                + [
                    [
                        "generator stages (load to write)",
                        f"{sum(s for n, s in STAGES if n not in ('site', 'bundle')):.1f}",
                    ]
                ],
            )
        )
        print(
            f"\npeak memory: generator stages {generator_rss:,.0f} MiB, "
            f"MkDocs {engine_rss:,.0f} MiB"
            f"\nsearch data on disk: {kib(index)} ({len(shards)} term shards, largest "
            f"{kib(shards[-1])}; result files {len(list((site / 'search/entries').glob('*')))}),"
            f" text it indexes: {kib(text)} ({index / text:.0%})"
            f"\nscripts: "
            + ", ".join(f"{name} {kib(size)}" for name, size in scripts.items())
            + "\n",
            flush=True,
        )
        with served(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            outputs = [
                Output("http", base, site),
                Output("file", bundle_root.as_uri() + "/", bundle_root),
            ]
            rows = []
            for output in outputs:
                for name, path in PAGES.items():
                    m = measure_page(browser, output, path)
                    rows.append(
                        [
                            output.name,
                            name,
                            f"{m['load']:.2f} s",
                            f"{m['heap']:.1f} MiB",
                            kib(m["bytes"]),
                            kib(m["search"]),
                        ]
                    )
            print(table(["output", "page", "load", "JS heap", "loaded", "of it search"], rows))
            rows = []
            common, folded, prefix, three = corpus_queries(root / "seeds" / "documents")
            for query in [common, folded, *QUERIES, prefix, three]:
                for output in outputs:
                    q = measure_query(browser, output, query)
                    rows.append(
                        [
                            f"`{query}`",
                            output.name,
                            f"{q['cold']:.0f} ms",
                            f"{q['warm']:.0f} ms",
                            f"{q['files']}",
                            kib(q["bytes"]),
                            q["status"].split(",")[0].rstrip("."),
                        ]
                    )
            print()
            print(
                table(
                    ["query", "output", "cold", "warm", "files", "data loaded", "results"],
                    rows,
                )
            )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
