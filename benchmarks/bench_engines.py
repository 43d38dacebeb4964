"""Compare site engines on the same docs/ and mkdocs.yml: what each builds, and how fast.

    .venv/bin/python benchmarks/bench_engines.py                     # the seed site
    .venv/bin/python benchmarks/bench_engines.py --documents 2000    # a synthetic corpus
    .venv/bin/python benchmarks/bench_engines.py --python zensical=/opt/zensical/bin/python

Every engine the adapter knows (MkDocs, ProperDocs, Zensical) that is installed, in this
Python or the one given with --python, builds the site twice: cold (an empty output folder
and no cache of its own) and warm (again, its cache kept). Each site is then read as a
reader's browser would and compared with MkDocs': the pages it has and lacks, links that
lead nowhere (over http, and from disk as the offline bundle opens them), citation anchors
(`#claim-id` targets present), search (the briefing's own search script on every page; an
engine's own index), and requests to other hosts. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_build import project as synthetic_project  # noqa: E402

from generator.commands.build import generate  # noqa: E402
from generator.config import CONFIG_FILE, BuildOptions, read_site_config  # noqa: E402
from generator.publish.bundle import build_bundle  # noqa: E402
from generator.publish.engine import DEFAULT_ENGINE, ENGINES, Engine  # noqa: E402
from generator.publish.site import engine_env  # noqa: E402

EPOCH = 1764547200  # a fixed build date, so runs compare
PROJECT_FILES = ("seeds", "docs", "overrides", CONFIG_FILE)


class _Page(HTMLParser):
    """The ids a page defines and the addresses it links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.loads: list[str] = []  # <script src>, <link href>, <img src>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        # What the browser fetches: not a canonical address or a feed's (rel=alternate).
        rel = set(str(values.get("rel") or "").split())
        if tag == "link" and not rel & {"stylesheet", "icon", "preload", "modulepreload"}:
            return
        for name in ("src", "href"):
            if tag in ("script", "link", "img") and values.get(name):
                self.loads.append(str(values[name]))


@dataclasses.dataclass
class Site:
    """What a built site holds, as far as the comparison goes."""

    pages: dict[str, _Page]
    files: set[str]


def read_site(folder: Path) -> Site:
    pages = {}
    for path in sorted(folder.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text("utf-8", errors="replace"))
        pages[path.relative_to(folder).as_posix()] = page
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return Site(pages, files)


def _target(page: str, href: str, offline: bool) -> tuple[str, str] | None:
    """The file (and fragment) a relative link of `page` opens; None for other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined: list[str] = []
    for piece in (base + path).split("/"):
        if piece == "..":
            if joined:
                joined.pop()
        elif piece not in (".", ""):
            joined.append(piece)
    target = "/".join(joined)
    if path.endswith("/") or not target:
        # A folder: a web server answers with its index.html; a disk does not.
        target = (target + "/index.html").lstrip("/") if not offline else target + "/"
    return target, parts.fragment


def broken_links(site: Site, offline: bool) -> list[str]:
    """Links to a file the site does not have (from disk, a folder is not its index.html)."""
    broken = []
    for name, page in site.pages.items():
        for href in page.links:
            found = _target(name, href, offline)
            if found is not None and found[0] not in site.files:
                broken.append(f"{name}: {href}")
    return broken


def offline_bundle(engine: Engine, project: Path, out: Path, unzipped: Path) -> Site:
    """The offline bundle made from an engine's site, unzipped."""
    config, problems = read_site_config(project)
    assert not problems, problems
    result = build_bundle(project, out, config, BuildOptions(epoch=EPOCH, engine=engine.name))
    assert result.ok and result.path is not None, result.output
    shutil.rmtree(unzipped, ignore_errors=True)
    with zipfile.ZipFile(result.path) as bundle:
        bundle.extractall(unzipped)
    (top,) = unzipped.iterdir()
    return read_site(top)


def compare(site: Site, bundle: Site, reference: Site | None) -> dict[str, str]:
    """Figures for one site and its bundle, against the reference site's pages when given."""
    links = anchors = missing_anchors = external = 0
    for name, page in site.pages.items():
        for href in page.links:
            found = _target(name, href, offline=False)
            if found is not None and found[1] and found[0] in site.pages:
                anchors += 1
                missing_anchors += found[1] not in site.pages[found[0]].ids
            links += 1
        external += sum(1 for url in page.loads if urlsplit(url).netloc)
    search_pages = sum(
        1 for p in site.pages.values() if any(u.endswith("search/search.js") for u in p.loads)
    )
    own_index = sorted(
        f for f in site.files if f.startswith("search/") and f.endswith("search_index.json")
    )
    hosted, offline = broken_links(site, False), broken_links(bundle, True)
    figures = {
        "HTML pages": f"{len(site.pages):,}",
        "links (a href)": f"{links:,}",
        "links broken: hosted site (http) · offline bundle (disk)": (
            f"{len(hosted):,} · {len(offline):,}"
            + "".join(f"<br>e.g. `{example}`" for example in (hosted or offline)[:2])
        ),
        "offline bundle: HTML pages": f"{len(bundle.pages):,}",
        "anchors: checked · missing": f"{anchors:,} · {missing_anchors:,}",
        "pages with the briefing's search": f"{search_pages:,}",
        "engine's own search index": ", ".join(own_index) or "none",
        "loads from other hosts": f"{external:,}",
    }
    if reference is not None:
        mine, theirs = set(site.pages), set(reference.pages)
        figures["pages only here · only in MkDocs'"] = (
            f"{len(mine - theirs):,} · {len(theirs - mine):,}"
        )
    return figures


def build(engine: Engine, project: Path, out: Path) -> tuple[float, bool, str]:
    start = time.perf_counter()
    env = engine_env(BuildOptions(epoch=EPOCH, engine=engine.name))
    result = engine.build(project, project / CONFIG_FILE, out, env)
    return time.perf_counter() - start, result.ok, result.output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=0, help="0: the seed site")
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="ENGINE=PYTHON",
        help="run an engine installed in another Python (its venv's bin/python)",
    )
    args = parser.parse_args()
    pythons = dict(item.split("=", 1) for item in args.python)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        if args.documents:
            synthetic_project(root, args.documents, 10)
        else:
            root.mkdir()
            for name in PROJECT_FILES:
                src = REPO / name
                (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
        assert generate(root, BuildOptions(epoch=EPOCH)) == 0
        reference: Site | None = None
        rows: dict[str, dict[str, str]] = {}
        for name in sorted(ENGINES, key=lambda n: (n != DEFAULT_ENGINE, n)):
            engine = ENGINES[name]
            if name in pythons:
                engine = dataclasses.replace(engine, python=pythons[name])
            if not engine.available():
                print(f"{name}: not installed (pip install {engine.package}); skipped")
                continue
            out = root / ".briefings" / f"site-{name}"  # Zensical wants it inside
            for cache in (root / ".cache", out):  # cold: Zensical keeps a cache in .cache/
                shutil.rmtree(cache, ignore_errors=True)
            cold, ok, output = build(engine, root, out)
            if not ok:
                print(f"{name}: the build failed ({cold:.1f} s):\n{output[-2000:]}")
                continue
            warm, ok, _ = build(engine, root, out)
            site = read_site(out)
            figures = {"build, cold · warm (s)": f"{cold:.1f} · {warm:.1f}"}
            bundle = offline_bundle(engine, root, out, Path(tmp) / f"bundle-{name}")
            figures |= compare(site, bundle, reference)
            if reference is None:
                reference = site
            rows[name] = figures
            warnings = [line for line in output.splitlines() if "WARNING" in line.upper()]
            figures["warnings"] = f"{len(warnings):,}"
        names = list(rows)
        kinds = list(dict.fromkeys(k for figures in rows.values() for k in figures))
        corpus = f"{args.documents:,} documents" if args.documents else "the seed site"
        print(f"\nEngines on {corpus}:\n")
        print("| | " + " | ".join(names) + " |")
        print("| --- |" + " --- |" * len(names))
        for kind in kinds:
            print(f"| {kind} | " + " | ".join(rows[n].get(kind, "–") for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
