"""Bundle stage: the built site as a reproducible zip a reader unzips and opens from disk.

The hosted site and the bundle come from one engine run. Its pages link with directory
URLs (`../pairs/KZ-TR/`), which a web server answers with the folder's index.html but a
browser on file:// shows as a folder listing; so in every HTML file of the bundle each
relative link to a folder names its index.html (`../pairs/KZ-TR/index.html`). That is the
only change: the same pages, assets and search data, no second build.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

from ..config import BuildOptions, SiteConfig
from .files import write_stream_atomic
from .site import SiteResult

# Zip cannot store dates before 1980.
ZIP_EPOCH = 315532800

# Files of the hosted site a reader of the bundle never uses: the sitemap lists hosted
# addresses, and the 404 page links its assets from the server root, which on file:// is
# the disk's root.
HOSTED_ONLY = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})

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


def zip_folder(
    folder: Path, target: Path, top: str, epoch: int | None, offline: bool = False
) -> bool:
    """Zip a folder under one top-level name, in sorted order with fixed dates and modes.

    Every entry is dated `epoch` (the build's date). With `offline`, hosted-only files are
    left out and HTML links rewritten for file://. Return False, leaving target untouched,
    when it already holds exactly these bytes.
    """
    stamp = _zip_time(epoch)
    # In order of the names the zip lists (pairs/index.html before pairs/index/KZ.html),
    # not of path parts.
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.as_posix())
    if offline:
        files = [p for p in files if p.relative_to(folder).as_posix() not in HOSTED_ONLY]

    def write(handle: BinaryIO) -> None:
        # Level 6 (zlib's default): at level 9 the zip was 0.4 % smaller and took a quarter
        # longer to make.
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                data = path.read_bytes()
                if offline and path.suffix == ".html":
                    data = offline_page(data.decode("utf-8")).encode("utf-8")
                archive.writestr(info, data, compresslevel=6)

    return write_stream_atomic(target, write)


def build_bundle(
    project: Path, site: Path, config: SiteConfig, options: BuildOptions
) -> SiteResult:
    """Zip the built site into dist/<site-name>-offline.zip, its links made to work from disk."""
    name = f"{config.slug}-offline"
    target = project / "dist" / f"{name}.zip"
    written = zip_folder(site, target, name, options.epoch, offline=True)
    return SiteResult(True, "", target, unchanged=not written)
