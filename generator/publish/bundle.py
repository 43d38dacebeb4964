"""Bundle stage: the offline site as a reproducible zip a reader opens from disk."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

from ..config import BuildOptions, SiteConfig
from .files import write_stream_atomic
from .scratch import temp_dir
from .site import SiteResult, run_engine

# Zip cannot store dates before 1980.
ZIP_EPOCH = 315532800

# Files of the hosted flavour a reader of the bundle never uses: the sitemap would list
# addresses that exist nowhere (the offline flavour's file names under site_url), and the
# 404 page links its assets from the server root, which on file:// is the disk's root.
HOSTED_ONLY = ("sitemap.xml", "sitemap.xml.gz", "404.html")


def drop_hosted_only(folder: Path) -> None:
    """Remove the hosted-only files from an offline build."""
    for name in HOSTED_ONLY:
        (folder / name).unlink(missing_ok=True)


# Material writes one canonical link per page: site_url and the page's URL, which in the
# offline flavour is a file name (pairs/KZ-TR.html) that the hosted site does not serve.
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)\.html">')


def _hosted_address(match: re.Match[str]) -> str:
    """Point a canonical link at the hosted page; keep the file-name form for the page script."""
    stem = match.group(1)
    hosted = stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"
    return f'<link rel="canonical" href="{hosted}" data-offline-href="{stem}.html">'


def point_canonical_links_at_hosted_pages(folder: Path) -> None:
    """Rewrite each page's canonical link to the address the hosted site serves it at."""
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text("utf-8")
        fixed = CANONICAL.sub(_hosted_address, text, count=1)
        if fixed != text:
            page.write_text(fixed, "utf-8")


def _zip_time(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    return time.gmtime(max(epoch if epoch is not None else ZIP_EPOCH, ZIP_EPOCH))[:6]


def zip_folder(folder: Path, target: Path, top: str, epoch: int | None) -> bool:
    """Zip a folder under one top-level name, in sorted order with fixed dates and modes.

    Every entry is dated `epoch` (the build's date). Return False, leaving target
    untouched, when it already holds exactly these bytes.
    """
    stamp = _zip_time(epoch)
    # In order of the names the zip lists (pairs/index.html before pairs/index/KZ.html),
    # not of path parts.
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.as_posix())

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)

    return write_stream_atomic(target, write)


def build_bundle(project: Path, config: SiteConfig, options: BuildOptions) -> SiteResult:
    """Build the offline flavour of the site and zip it into dist/<site-name>-offline.zip."""
    name = f"{config.slug}-offline"
    scratch = temp_dir(project, "offline-")
    try:
        result = run_engine(project, scratch / name, options, offline=True)
        if not result.ok:
            return result
        drop_hosted_only(scratch / name)
        point_canonical_links_at_hosted_pages(scratch / name)
        target = project / "dist" / f"{name}.zip"
        written = zip_folder(scratch / name, target, name, options.epoch)
        return SiteResult(True, result.output, target, unchanged=not written)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
