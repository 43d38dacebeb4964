"""Bundle stage: the built site as a reproducible zip a reader unzips and opens from disk.

The hosted site and the bundle come from one engine run. Its pages link with directory
URLs (`../pairs/KZ-TR/`), which a web server answers with the folder's index.html but a
browser on file:// shows as a folder listing; so in every HTML file of the bundle each
relative link to a folder names its index.html (`../pairs/KZ-TR/index.html`). That is the
only change: the same pages, assets and search data, no second build.
"""

from __future__ import annotations

import queue
import re
import shutil
import threading
import time
import zipfile
import zlib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..config import BuildOptions, SiteConfig
from .files import replace_with, temp_beside, write_stream_atomic
from .site import SiteResult

# Zip cannot store dates before 1980.
ZIP_EPOCH = 315532800

# Files of the hosted site a reader of the bundle never uses: the sitemap lists hosted
# addresses, and the 404 page links its assets from the server root, which on file:// is
# the disk's root.
HOSTED_ONLY = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})

# The generator's folders of data, feeds and search index, whose files (but their pages)
# the engine copies from docs/ as they are: most of the bundle's bytes. They come first in
# the bundle, and `EarlyBundle` zips them while the engine builds the site.
VERBATIM = ("data", "feeds", "search")
# Files are read, deflated and checked a piece of this size at a time.
_PIECE = 1 << 20
# Files read ahead of the one being deflated (each at most a page or _PIECE).
_AHEAD = 8

# A relative link to a folder in an href or src attribute (double quoted, as MkDocs,
# Material and the generator write them): not a URL with a scheme (https:, mailto:, data:),
# protocol-relative, absolute or in-page; its path ends in `/` (FOLDER) or is, or ends in,
# `.` or `..` (DOTS). The path is group 1; a fragment or query after it stays as it is.
# Each pattern starts with the literal `="`, which the regex engine finds fast, and looks
# behind it for the attribute's name (starting with the name scanned twice as long).
_ATTR = r'="(?:(?<=\shref=")|(?<=\ssrc="))(?![a-zA-Z][a-zA-Z0-9+.-]*:|[/#?])'
_FOLDER = re.compile(_ATTR + r'([^"#?]*/)(?=[#?"])')
_DOTS = re.compile(_ATTR + r'((?:[^"#?]*/)?\.\.?)(?=[#?"])')


def offline_page(html: str) -> str:
    """Make every relative link to a folder in one HTML page name its index.html, as a
    browser on file:// needs: `../pairs/KZ-TR/#c-1` -> `../pairs/KZ-TR/index.html#c-1`,
    `..` -> `../index.html`. Substitution templates, no call per link: pages hold many."""
    return _DOTS.sub(r'="\1/index.html', _FOLDER.sub(r'="\1index.html', html))


def _zip_time(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    return time.gmtime(max(epoch if epoch is not None else ZIP_EPOCH, ZIP_EPOCH))[:6]


def _first(rel: str) -> bool:
    """Say whether a file comes in the bundle's first part: a file the engine copies from
    docs/ as it is, in one of the generator's folders of data (not a page)."""
    top, _, rest = rel.partition("/")
    return bool(rest) and top in VERBATIM and not rel.endswith((".html", ".md"))


def _files(folder: Path, offline: bool) -> list[tuple[str, Path]]:
    """A folder's files in the bundle's order, as (relative name, path): the first part
    (`_first`), then the rest, each in the order of the names the zip lists
    (pairs/index.html before pairs/index/KZ.html), not of path parts."""
    found = sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())
    if offline:
        found = [(rel, p) for rel, p in found if rel not in HOSTED_ONLY]
    return [f for f in found if _first(f[0])] + [f for f in found if not _first(f[0])]


@dataclass(frozen=True, slots=True)
class _Zipper:
    """How each file goes into the bundle: under `top`, dated `stamp`, links rewritten for
    file:// in HTML pages with `offline`, deflated at zlib's default level (6: at level 9
    the zip was 0.4 % smaller and took a quarter longer to make)."""

    top: str
    stamp: tuple[int, int, int, int, int, int]
    offline: bool

    def content(self, path: Path) -> bytes | None:
        """A file's bytes as the bundle holds them; None for one too large to read whole."""
        if self.offline and path.suffix == ".html":
            return offline_page(path.read_text("utf-8")).encode("utf-8")
        if path.stat().st_size <= _PIECE:
            return path.read_bytes()
        return None

    def add(self, archive: zipfile.ZipFile, rel: str, path: Path, data: bytes | None) -> None:
        """Deflate one file into the archive: its `content`, or streamed when that is None."""
        info = zipfile.ZipInfo(f"{self.top}/{rel}", self.stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        if data is not None:
            info.file_size = len(data)
            with archive.open(info, "w") as entry:
                entry.write(data)
            return
        # Streamed: a data file is up to 100 MiB at 10,000 documents.
        info.file_size = path.stat().st_size
        with path.open("rb") as source, archive.open(info, "w") as entry:
            shutil.copyfileobj(source, entry, _PIECE)

    def add_all(self, archive: zipfile.ZipFile, files: list[tuple[str, Path]]) -> None:
        """Deflate files into the archive in order, each read (and its links rewritten) a few
        files ahead in a thread: that thread holds the interpreter while this one deflates
        without it, so the two overlap."""
        ahead: queue.Queue[tuple[str, Path, bytes | None] | BaseException | None]
        ahead = queue.Queue(maxsize=_AHEAD)
        stop = threading.Event()

        def read() -> None:
            try:
                for rel, path in files:
                    if stop.is_set():
                        return
                    ahead.put((rel, path, self.content(path)))
                ahead.put(None)
            except BaseException as error:  # raised below, in the caller's thread
                ahead.put(error)

        reader = threading.Thread(target=read, name="bundle-read", daemon=True)
        reader.start()
        try:
            while (item := ahead.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                self.add(archive, *item)
        finally:
            stop.set()
            while reader.is_alive():  # let a reader waiting to put see the stop
                with suppress(queue.Empty):
                    ahead.get_nowait()
                reader.join(0.01)


def zip_folder(
    folder: Path, target: Path, top: str, epoch: int | None, offline: bool = False
) -> bool:
    """Zip a folder under one top-level name, in a fixed order with fixed dates and modes.

    Every entry is dated `epoch` (the build's date). With `offline`, hosted-only files are
    left out and HTML links rewritten for file://. Return False, leaving target untouched,
    when it already holds exactly these bytes.
    """
    zipper = _Zipper(top, _zip_time(epoch), offline)
    files = _files(folder, offline)

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            zipper.add_all(archive, files)

    return write_stream_atomic(target, write)


def _target(project: Path, config: SiteConfig) -> tuple[Path, str]:
    name = f"{config.slug}-offline"
    return project / "dist" / f"{name}.zip", name


def build_bundle(
    project: Path, site: Path, config: SiteConfig, options: BuildOptions
) -> SiteResult:
    """Zip the built site into dist/<site-name>-offline.zip, its links made to work from disk."""
    target, name = _target(project, config)
    written = zip_folder(site, target, name, options.epoch, offline=True)
    return SiteResult(True, "", target, unchanged=not written)


class EarlyBundle:
    """The bundle, its first part zipped from docs/ while the engine builds the site.

    The engine copies the generator's data, feeds and search index from docs/ as they are:
    most of the bundle's bytes. A thread deflates them (zlib lets go of the interpreter
    while it works) on the processor the engine leaves idle; `finish` checks that the site
    holds exactly those files (name, size and CRC-32), then adds the rest. Should the site
    differ, it zips the site whole: the zip is the same bytes either way.
    """

    def __init__(self, project: Path, docs: Path, config: SiteConfig, options: BuildOptions):
        self.target, name = _target(project, config)
        self.docs = docs
        self.epoch = options.epoch
        self.zipper = _Zipper(name, _zip_time(options.epoch), offline=True)
        self.tmp: Path | None = None  # made by the thread, which no interrupt stops midway
        self.crcs: dict[str, tuple[int, int]] = {}
        self.error: BaseException | None = None
        self._new_folder = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._zip_first, name="bundle", daemon=True)

    def start(self) -> None:
        """Start zipping; `cancel` (in a `finally`) undoes it, wherever an interrupt came."""
        self._thread.start()

    def _zip_first(self) -> None:
        try:
            files = [f for f in _files(self.docs, offline=True) if _first(f[0])]
            self._new_folder = not self.target.parent.exists()
            self.tmp = temp_beside(self.target)
            with zipfile.ZipFile(self.tmp, "w", zipfile.ZIP_DEFLATED) as archive:
                for rel, path in files:
                    if self._stop.is_set():
                        return
                    self.zipper.add(archive, rel, path, None)
                self.crcs = {i.filename: (i.file_size, i.CRC) for i in archive.infolist()}
        except BaseException as error:  # raised by finish, in the build's own thread
            self.error = error

    def finish(self, site: Path) -> SiteResult:
        """Complete the bundle from the built site; return it as build_bundle does."""
        self._thread.join()
        if self.error is not None:
            self.cancel()
            raise self.error
        assert self.tmp is not None  # the thread made it or failed
        files = _files(site, offline=True)
        first = [(rel, path) for rel, path in files if _first(rel)]
        if [f"{self.zipper.top}/{rel}" for rel, _ in first] == list(self.crcs) and all(
            _crc(path) == self.crcs[f"{self.zipper.top}/{rel}"] for rel, path in first
        ):
            try:
                with zipfile.ZipFile(self.tmp, "a", zipfile.ZIP_DEFLATED) as archive:
                    self.zipper.add_all(archive, files[len(first) :])
            except BaseException:
                self.cancel()
                raise
            written = replace_with(self.target, self.tmp)
            return SiteResult(True, "", self.target, unchanged=not written)
        self.cancel()
        written = zip_folder(site, self.target, self.zipper.top, self.epoch, offline=True)
        return SiteResult(True, "", self.target, unchanged=not written)

    def cancel(self) -> None:
        """Stop zipping and drop the part made (after an error, or when not needed)."""
        self._stop.set()
        if self._thread.ident is not None:  # started
            self._thread.join()
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
        if self._new_folder and not self.target.exists():
            with suppress(OSError):  # a folder this made, and left empty
                self.target.parent.rmdir()


def _crc(path: Path) -> tuple[int, int]:
    """A file's size and CRC-32, read a piece at a time."""
    crc = size = 0
    with path.open("rb") as handle:
        while piece := handle.read(_PIECE):
            crc = zlib.crc32(piece, crc)
            size += len(piece)
    return size, crc
