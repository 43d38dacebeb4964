"""Benchmark the pipeline on a synthetic corpus: time and memory per stage, printed as figures.

    .venv/bin/python benchmarks/bench_build.py --documents 10000 --claims-per-document 10
    .venv/bin/python benchmarks/bench_build.py --documents 300 --site   # include MkDocs

Timings are wall-clock on a shared machine: compare runs, don't assert on them.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.config import BuildOptions, read_site_config  # noqa: E402
from generator.content import read_seeds, validate_seeds  # noqa: E402
from generator.corpus import build_corpus  # noqa: E402
from generator.publish.bundle import build_bundle  # noqa: E402
from generator.publish.files import write_outputs  # noqa: E402
from generator.publish.site import build_site  # noqa: E402
from generator.render import OWNED_DIRS, OWNED_FILES, render_outputs  # noqa: E402

COUNTRIES = [
    "KZ",
    "TR",
    "UA",
    "RU",
    "CN",
    "US",
    "IL",
    "ZA",
    "KR",
    "TJ",
    "IR",
    "DE",
    "FR",
    "GB",
    "IN",
    "PK",
    "UZ",
    "KG",
    "AZ",
    "GE",
    "AM",
    "BY",
    "PL",
    "JP",
    "BR",
]
WORDS = [
    "wojsko",
    "dron",
    "umowa",
    "produkcja",
    "dostawa",
    "szkolenie",
    "współpraca",
    "Kazachstan",
    "Turcja",
    "rok",
    "ministerstwo",
    "obrona",
    "technologia",
    "zakład",
    "linia",
    "montażowa",
    "serwis",
    "państwo",
    "region",
]


def make_corpus(root: Path, documents: int, per_document: int, seed: int = 0) -> int:
    """Write a synthetic seeds/ tree; return the number of claims."""
    rng = random.Random(seed)
    seeds = root / "seeds"
    for sub in ("documents", "annotations"):
        (seeds / sub).mkdir(parents=True)
    (seeds / "topics.yml").write_text(
        "".join(f"topic-{i}:\n  name: Topic {i}\n" for i in range(10)), "utf-8"
    )
    (seeds / "actors.yml").write_text("RU:\n  name: Russia\n", "utf-8")
    claims = 0
    for d in range(documents):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(12)) + f" {d}-{i}."
            for i in range(per_document * 3)
        ]
        text = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        (seeds / f"documents/doc-{d:05d}.txt").write_text(text + "\n", "utf-8")
        lines = [
            f"source:\n  title: Document {d}\n  language: pl\n  published: 2023-0{1 + d % 9}\n",
            "claims:\n",
        ]
        for i in range(per_document):
            a, b = rng.sample(COUNTRIES, 2)
            lines.append(
                f"  - id: c-{d}-{i}\n    pair: [{a}, {b}]\n    topic: topic-{rng.randrange(10)}\n"
                f"    date: {rng.randrange(1991, 2025)}\n"
                f"    statement: Statement {i} of document {d}.\n"
                f'    quote: "{sentences[i * 3 + 1]}"\n    translation: Translation.\n'
            )
            claims += 1
        (seeds / f"annotations/doc-{d:05d}.yml").write_text("".join(lines), "utf-8")
    return claims


TRACE = False


def stage(name: str, func, *args):  # type: ignore[no-untyped-def]
    if TRACE:
        tracemalloc.start()
    start = time.perf_counter()
    result = func(*args)
    seconds = time.perf_counter() - start
    memory = ""
    if TRACE:
        memory = f"   peak traced memory {tracemalloc.get_traced_memory()[1] / 2**20:8.1f} MiB"
        tracemalloc.stop()
    print(f"  {name:<10} {seconds:8.2f} s{memory}", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--claims-per-document", type=int, default=10)
    parser.add_argument("--site", action="store_true", help="also run the MkDocs build")
    parser.add_argument(
        "--memory", action="store_true", help="trace peak memory per stage (slows every stage down)"
    )
    args = parser.parse_args()
    global TRACE
    TRACE = args.memory
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        claims = make_corpus(root, args.documents, args.claims_per_document)
        for rel in ("mkdocs.yml", "docs/methodology.md", "docs/assets"):
            src, dst = REPO / rel, root / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
        print(f"corpus: {args.documents} documents, {claims} claims")
        config, problems = read_site_config(root)
        raw, found = stage("load", read_seeds, root)
        problems += found
        content, found = stage("validate", validate_seeds, raw, config.extensions)
        assert content is not None and not problems and not found, (problems + found)[:5]
        corpus = stage("corpus", build_corpus, content)
        pages = stage("render", render_outputs, corpus)
        docs = root / "docs"
        report = stage("write", write_outputs, root, docs, pages, OWNED_DIRS, OWNED_FILES)
        again = stage("rewrite", write_outputs, root, docs, pages, OWNED_DIRS, OWNED_FILES)
        print(
            f"pages: {len(pages)} ({len(corpus.pairs)} pairs), {len(report.written)} "
            f"written, then {len(again.written)} rewritten"
        )
        if args.site:
            start = time.perf_counter()
            options = BuildOptions(epoch=315532800)
            result = build_site(root, options)
            if not result.ok:
                print(result.output, file=sys.stderr)
                return 1
            size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
            print(f"  {'site':<10} {time.perf_counter() - start:8.2f} s   {size / 2**20:.1f} MiB")
            start = time.perf_counter()
            result = build_bundle(root, root / "site", config, options)
            if not result.ok:
                print(result.output, file=sys.stderr)
                return 1
            zipped = sum(p.stat().st_size for p in (root / "dist").glob("*.zip"))
            print(
                f"  {'bundle':<10} {time.perf_counter() - start:8.2f} s   "
                f"{zipped / 2**20:.1f} MiB zip"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"max resident memory of this process: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
