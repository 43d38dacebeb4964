"""Search: a term-partitioned index the browser loads piece by piece, from http or from disk.

`search_outputs` writes, under `search/` of docs/:

- `search.js`, the only search file a page loads: the search box in the header, and the
  loader that injects the other files as `<script>` elements when the box is first used;
- `engine.js`: folding, query, ranking and results (loaded with the manifest);
- `manifest.js`: the build's id, entry count, the first term of each term shard, pairs;
- `terms/<n>.js`: shards of the term dictionary, contiguous ranges of folded terms in
  UTF-16 order, each with every term's entry count and encoded posting list;
- `entries/<n>.js`: the records results show, CHUNK entries a file (deflated JSON in
  base64), loaded only for the results shown.

Format in codec.py; what is indexed and how it is weighted in entries.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib import resources

from ...corpus import Corpus
from ...model import pair_slug
from .codec import script, utf16_key
from .entries import (
    Handwritten,
    claim_entries,
    page_entries,
    pair_title,
    passage_records,
    passage_sources,
)
from .index import IndexBuilder, Term

__all__ = ["FOLDER", "SCRIPTS", "Handwritten", "search_outputs"]

FOLDER = "search"
# The scripts shipped as they are, from this package.
SCRIPTS = ("search.js", "engine.js")
# The index's format: engine.js refuses a manifest of another (a page's cached engine).
FORMAT = 1
# Entries per result file (deflated, a few KiB): a page of 10 results loads at most 10.
CHUNK = 64
# A term shard holds up to this many characters of terms and postings, or one term whose
# list is longer (at most MAX_POSTINGS_CHARS): no shard is much over 128 KiB.
SHARD_CHARS = 96 * 1024
_BUILD = "@@build@@"  # replaced by the build's id once every file's content is known
_BUILD_BYTES = _BUILD.encode("ascii")


def _shards(terms: Iterator[Term]) -> Iterator[list[Term]]:
    """Group terms in order into shards of about SHARD_CHARS; a long list goes alone."""
    shard: list[Term] = []
    size = 0
    for term in terms:
        cost = len(term.postings) + 2 * len(term.term) + 12
        if shard and size + cost > SHARD_CHARS:
            yield shard
            shard, size = [], 0
        shard.append(term)
        size += cost
    if shard:
        yield shard


def search_outputs(
    corpus: Corpus, site_name: str, handwritten: tuple[Handwritten, ...] = ()
) -> dict[str, bytes]:
    """Render the search index and scripts; keys are docs/-relative paths."""
    pairs = [view.pair for view in corpus.pairs]
    builder = IndexBuilder(CHUNK)
    builder.add_entries(page_entries(corpus, site_name, handwritten))
    builder.add_entries(claim_entries(corpus, {pair: i for i, pair in enumerate(pairs)}))
    for source in passage_sources(corpus):
        texts, records = [], []
        for text, record in passage_records(source):
            texts.append(text)
            records.append(record)
        builder.add_passages(texts, records)

    files: dict[str, bytes] = {}
    for number, stored in enumerate(builder.finish()):
        files[f"{FOLDER}/entries/{number}.js"] = _file(script("entries", number, _BUILD, stored))
    builder.stores.clear()
    firsts = []
    order = sorted(builder.names(), key=utf16_key)
    for number, shard in enumerate(_shards(builder.terms(order))):
        firsts.append(shard[0].term)
        terms = [t.term for t in shard]
        counts = [t.df for t in shard]
        lists = [t.postings for t in shard]
        files[f"{FOLDER}/terms/{number}.js"] = _file(
            script("terms", number, _BUILD, terms, counts, lists)
        )
    manifest = {
        "format": FORMAT,
        "build": _BUILD,
        "entries": builder.count,
        "chunk": CHUNK,
        "shards": firsts,
        "pairs": [[pair_slug(p), pair_title(corpus, p)] for p in pairs],
    }
    files[f"{FOLDER}/manifest.js"] = _file(script("manifest", manifest))
    build = _build_id(files).encode("ascii")
    out = {path: data.replace(_BUILD_BYTES, build, 1) for path, data in files.items()}
    for name in SCRIPTS:
        out[f"{FOLDER}/{name}"] = resources.files(__package__).joinpath(name).read_bytes()
    return out


def _file(text: str) -> bytes:
    return text.encode("utf-8")


def _build_id(files: dict[str, bytes]) -> str:
    """A short hash of the whole index: files of two builds are never mixed in a browser."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + files[path] + b"\0")
    return digest.hexdigest()[:12]
