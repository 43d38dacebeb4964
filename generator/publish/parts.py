"""Build the site in two parts at once, one engine process a core, and join them.

MkDocs builds on one core. Its pages are independent but for the navigation and the
links it checks, so the project's hook (overrides/hooks.py) can build a part of them: the
source pages (`sources`), or every other page (`rest`); the pages of the navigation are
built in both. The links MkDocs checks with their anchors (Markdown links) never go from a
source page to another page or back (tests/test_site_parts.py checks the generated pages),
so each part checks all of its own. Both parts copy the same assets and data, and write
the same pages of the navigation; the source pages' outputs are moved into the other
part's folder, and the sitemap, which lists each part's pages, is joined in the order the
`rest` part wrote down (the order one build lists them in). The result is the same files,
byte for byte, as one build's (tests/test_site_parts.py).
"""

from __future__ import annotations

import gzip
import html
import io
import os
import re
import shutil
import struct
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from .files import move_new, write_atomic

# The hook's settings (the same names in overrides/hooks.py).
PART = "BRIEFINGS_SITE_PART"
PAGES = "BRIEFINGS_SITE_PAGES"
PARTS = ("rest", "sources")
SITEMAP = "sitemap.xml"

# One page's entry of a sitemap, with the white space before it.
_URL = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def part_dirs(site_dir: Path) -> dict[str, Path]:
    """Where each part is built: `rest` in the site's folder, `sources` beside it."""
    return {"rest": site_dir, "sources": site_dir.with_name(f"{site_dir.name}-sources")}


def part_env(part: str, pages: Path) -> dict[str, str]:
    """The engine's settings for one part; the `rest` part lists every page in `pages`."""
    return {PART: part, **({PAGES: str(pages)} if part == "rest" else {})}


def join_parts(site_dir: Path, pages: Path) -> str | None:
    """Move the `sources` part's own files into the `rest` part's folder (site_dir) and join
    the sitemaps; None when done, else what went wrong. Without the hook's list of pages
    (a project whose mkdocs.yml has not the hook) each part is the whole site: the `rest`
    part's is kept as it is."""
    dirs = part_dirs(site_dir)
    sources = dirs["sources"]
    if not pages.is_file():
        shutil.rmtree(sources, ignore_errors=True)
        return None
    order = pages.read_text("utf-8").splitlines()
    for folder, _, names in os.walk(sources):
        for name in names:
            path = Path(folder, name)
            move_new(path, site_dir / path.relative_to(sources))
    problem = _join_sitemap(site_dir, sources, order)
    shutil.rmtree(sources, ignore_errors=True)
    return problem


def _join_sitemap(site_dir: Path, sources: Path, order: list[str]) -> str | None:
    rest_map, sources_map = site_dir / SITEMAP, sources / SITEMAP
    if not rest_map.is_file() or not sources_map.is_file():
        return None
    text = join_sitemaps(rest_map.read_text("utf-8"), sources_map.read_text("utf-8"), order)
    if text is None:
        return f"the two parts' {SITEMAP} files list pages the engine did not"
    write_atomic(rest_map, text.encode("utf-8"))
    packed = rest_map.with_name(f"{SITEMAP}.gz")
    if packed.is_file():
        # Dated as the engine dated it: the latest page's date, the same in both parts.
        stamp = max(_gzip_time(packed), _gzip_time(sources / packed.name))
        write_atomic(packed, gzip_like_mkdocs(text, stamp))
    return None


def join_sitemaps(rest: str, sources: str, order: list[str]) -> str | None:
    """One sitemap of both parts' pages, each once, in `order` (their addresses); None if a
    page of either is not in it."""
    entries: dict[str, str] = {}
    for text in (sources, rest):
        for found in _URL.finditer(text):
            loc = _LOC.search(found.group())
            entries[html.unescape(loc.group(1)) if loc else ""] = found.group()
    if not entries.keys() <= set(order):
        return None
    listed = list(_URL.finditer(rest))
    if not listed:
        return rest if not entries else None
    head, tail = rest[: listed[0].start()], rest[listed[-1].end() :]
    return head + "".join(entries[loc] for loc in order if loc in entries) + tail


def _gzip_time(path: Path) -> int:
    """The modification time a gzip file's header holds."""
    with path.open("rb") as handle:
        header = handle.read(8)
    return int(struct.unpack("<I", header[4:8])[0])


def gzip_like_mkdocs(text: str, stamp: int) -> bytes:
    """sitemap.xml.gz as MkDocs writes it: gzip's default level, the file's name, the date."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=f"{SITEMAP}.gz", mode="wb", mtime=stamp) as packed:
        packed.write(text.encode("utf-8"))
    return buffer.getvalue()


class Part(Protocol):
    """A part's engine process, started."""

    def wait(self) -> tuple[bool, str]:
        """Wait for it: whether it succeeded, and what it printed."""
        ...

    def kill(self) -> None:
        """Stop it."""
        ...


# Links to the other part's pages: MkDocs says so of each (at the level of information).
_EXCLUDED = re.compile(r"^INFO\s.*which is excluded from the built site\.$")


def run_parts(
    start: Callable[[str, Path, Mapping[str, str]], Part], site_dir: Path, pages: Path
) -> tuple[bool, str]:
    """Start both parts (`start(part, out_dir, env)` starts one), wait for both, join them;
    the outcome and the engine's messages, each line once."""
    dirs = part_dirs(site_dir)
    for folder in dirs.values():
        shutil.rmtree(folder, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    pages.unlink(missing_ok=True)
    started: list[Part] = []
    try:
        for part in PARTS:
            started.append(start(part, dirs[part], part_env(part, pages)))
        results = [process.wait() for process in started]
    except BaseException:
        for process in started:
            process.kill()
        raise
    ok = all(done for done, _ in results)
    lines = dict.fromkeys(line for _, output in results for line in output.splitlines())
    output = "\n".join(line for line in lines if not _EXCLUDED.match(line))
    if ok:
        problem = join_parts(site_dir, pages)
        if problem is not None:
            ok, output = False, f"{output}\nerror: {problem}".strip()
    else:
        shutil.rmtree(dirs["sources"], ignore_errors=True)
    pages.unlink(missing_ok=True)
    return ok, output
