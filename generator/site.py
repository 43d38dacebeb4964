"""Site stage: run MkDocs on docs/ into a temporary folder, swapped in only on success."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WORK = ".briefings"

# Files the site ships from npm packages (package.json pins them; `npm ci` installs them):
# (installed file under node_modules/, where it goes under docs/). docs/assets/vendor/ is
# the generator's: gitignored and rewritten before every MkDocs run.
VENDOR_DIR = Path("docs/assets/vendor")
VENDOR_FILES = (
    # Material's search runs in a Web Worker, which browsers refuse on file://; this shim
    # runs it in an iframe instead. mkdocs.yml lists it in extra.polyfills, so the offline
    # plugin does not add its own copy from a CDN (it only adds one when no polyfill URL
    # contains "iframe-worker").
    ("iframe-worker/shim/index.js", "iframe-worker/shim.js"),
)


class VendorError(Exception):
    """A file the site ships from an npm package is not installed."""


@dataclass(frozen=True, slots=True)
class SiteResult:
    """The outcome of one MkDocs build."""

    ok: bool
    output: str
    path: Path | None = None
    unchanged: bool = False  # the output already held exactly these bytes and was kept


def site_name(project: Path) -> str:
    """Read site_name from mkdocs.yml and make it a file-name slug."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    m = re.search(r"^site_name:\s*['\"]?([^'\"\n#]+)", text, re.M)
    name = m.group(1).strip() if m else "site"
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "site"


def copy_vendor_files(project: Path) -> list[Path]:
    """Copy the npm-installed files the site ships into docs/assets/vendor/.

    Raise VendorError naming `npm ci` when one is missing; rewrite a file only when its
    content changed, so a rebuild with unchanged input touches nothing.
    """
    modules = project / "node_modules"
    missing = [rel for rel, _ in VENDOR_FILES if not (modules / rel).is_file()]
    if missing:
        raise VendorError(
            f"missing {', '.join(f'node_modules/{rel}' for rel in missing)}: the site ships "
            f"these files from npm packages; run `npm ci` in {project} (or `make site`) first"
        )
    copied = []
    for rel, dest in VENDOR_FILES:
        data = (modules / rel).read_bytes()
        target = project / VENDOR_DIR / dest
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.tmp")
            partial.write_bytes(data)
            os.replace(partial, target)
        copied.append(target)
    return copied


def run_mkdocs(project: Path, out_dir: Path, offline: bool) -> SiteResult:
    """Build the site with MkDocs --strict into out_dir; the offline flavour for file:// use."""
    try:
        copy_vendor_files(project)
    except VendorError as error:
        return SiteResult(False, f"error: {error}")
    env = dict(os.environ, BRIEFINGS_OFFLINE="true" if offline else "false")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(out_dir),
    ]
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    output = (done.stdout + done.stderr).strip()
    return SiteResult(done.returncode == 0, output, out_dir if done.returncode == 0 else None)


# A scratch folder is named by its kind and the builder's process id: site-1234-x8f2k1.
_SCRATCH = re.compile(r"(?:site|offline)-([0-9]+)-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_scratch(work: Path) -> None:
    """Remove scratch folders a killed build left behind (its process is gone)."""
    for folder in work.iterdir() if work.is_dir() else ():
        m = _SCRATCH.match(folder.name)
        if folder.is_dir() and m and not _alive(int(m.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def temp_dir(project: Path, prefix: str) -> Path:
    """Make a scratch folder next to the outputs, so the final rename stays on one disk."""
    work = project / WORK
    work.mkdir(exist_ok=True)
    remove_stale_scratch(work)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=work))


def swap_in(new: Path, target: Path) -> None:
    """Replace target with new by renames; the old output stays until the new one is in."""
    old = None
    parked = target.with_name(f".{target.name}.old")
    if not target.exists() and parked.is_dir():
        parked.rename(target)  # a build killed between the two renames below parked it
    if target.exists():
        old = parked
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def same_tree(new: Path, old: Path) -> bool:
    """Tell whether two folders hold the same files with the same bytes."""
    if not old.is_dir():
        return False
    files = sorted(p.relative_to(new) for p in new.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file()):
        return False
    return all(
        (new / rel).stat().st_size == (old / rel).stat().st_size
        and (new / rel).read_bytes() == (old / rel).read_bytes()
        for rel in files
    )


def build_site(project: Path) -> SiteResult:
    """Build site/ for hosting; leave the previous site/ in place unless the build succeeds.

    A build whose every file is the same as in the current site/ leaves site/ untouched,
    so a rebuild with unchanged input rewrites nothing there either.
    """
    scratch = temp_dir(project, "site-")
    try:
        result = run_mkdocs(project, scratch / "site", offline=False)
        if not result.ok:
            return result
        target = project / "site"
        unchanged = same_tree(scratch / "site", target)
        if not unchanged:
            swap_in(scratch / "site", target)
        return SiteResult(True, result.output, target, unchanged)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
