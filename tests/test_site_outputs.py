"""The two outputs as files: the hosted site/ (directory URLs, site_url, sitemap, 404 page,
canonical links) and the offline bundle; neither points a browser at another host.

What a browser really requests is measured in tests/browser/; these tests read the files.
"""

from __future__ import annotations

import gzip
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from conftest import briefings, copy_project

pytestmark = pytest.mark.e2e

SITE_URL = "https://briefings.example.org/"  # mkdocs.yml's default
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Attributes whose URL a browser fetches by itself, without the reader clicking.
FETCHED = {"src", "srcset", "poster", "data", "background", "imagesrcset"}
# <link rel=...> values that make a browser fetch the href.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "shortcut",
}
ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def tags(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text("utf-8"))
    return parser


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def directory_url(site: Path, page: Path) -> str:
    """The hosted address of a built page, relative to site_url."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


@pytest.fixture(scope="session")
def offline(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle, unzipped."""
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built / "dist" / "briefings-offline.zip") as archive:
        names = archive.namelist()
        assert names and all(n.startswith("briefings-offline/") for n in names)
        archive.extractall(target)
    return target / "briefings-offline"


@pytest.fixture(scope="session")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hosted site built for another address: SITE_URL with a path."""
    import os

    project = copy_project(tmp_path_factory.mktemp("elsewhere") / "project")
    env = dict(os.environ, SITE_URL="https://example.net/briefings/")
    run = briefings(project, "build", "--no-bundle", env=env)
    assert run.code == 0, run.err
    return project / "site"


# --- the hosted site -------------------------------------------------------------------


def test_every_page_has_a_directory_url(built: Path) -> None:
    site = built / "site"
    for page in pages(site):
        assert page.name == "index.html" or page == site / "404.html", page
    for page in pages(site):
        for tag, attrs in tags(page).tags:
            href = attrs.get("href", "") if tag == "a" else ""
            if href and not ABSOLUTE.match(href):
                assert ".html" not in href.split("#")[0], f"{page}: {href}"


def test_sitemap_lists_every_page_under_site_url(built: Path) -> None:
    site = built / "site"
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    expected = {SITE_URL + directory_url(site, p) for p in pages(site) if p.name != "404.html"}
    assert len(locs) == len(set(locs))
    assert set(locs) == expected
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_every_page_has_its_canonical_link(built: Path) -> None:
    site = built / "site"
    for page in pages(site):
        canonical = [
            a["href"] for t, a in tags(page).tags if t == "link" and a.get("rel") == "canonical"
        ]
        if page.name == "404.html":
            assert canonical == []
            continue
        assert canonical == [SITE_URL + directory_url(site, page)], page


def test_offline_pages_name_their_hosted_page_as_canonical(built: Path, offline: Path) -> None:
    """The bundle is the hosted site: each page names the address the hosted site serves."""
    hosted = {
        SITE_URL + directory_url(built / "site", page)
        for page in pages(built / "site")
        if page.name != "404.html"
    }
    offline_pages = pages(offline)
    assert len(offline_pages) == len(hosted)
    named = set()
    for page in offline_pages:
        links = [a for t, a in tags(page).tags if t == "link" and a.get("rel") == "canonical"]
        assert len(links) == 1, page
        named.add(links[0]["href"])
    assert named == hosted


def test_the_bundle_is_the_site_with_links_that_open_from_disk(built: Path, offline: Path) -> None:
    """One build for both uses: every file of the bundle is the site's, HTML links aside."""
    site = built / "site"
    for path in sorted(p for p in offline.rglob("*") if p.is_file()):
        hosted = site / path.relative_to(offline)
        if path.suffix == ".html":
            # Links differ only in naming the folder's index.html: `../..`, `../../index.html`.
            link = re.compile(r'((?:href|src)="[^"]*?)/?(?:index\.html)?(?=[#?"])')
            offline_html = link.sub(r"\1", path.read_text("utf-8"))
            assert offline_html == link.sub(r"\1", hosted.read_text("utf-8")), path
        else:
            assert path.read_bytes() == hosted.read_bytes(), path
    html = (offline / "pairs/KZ-TR/index.html").read_text("utf-8")
    assert 'href="../../actors/KZ/index.html"' in html and 'href="../../index.html"' in html
    assert 'href="../../sources/001_a593577fb9b8170b/index.html#kz-tr-anka-production-2024"' in html


def test_404_page_works_at_any_depth(built: Path) -> None:
    """Served for any missing address, it links its assets and pages from the site's root."""
    page = built / "site" / "404.html"
    found = tags(page)
    assert any(t == "h1" for t, _ in found.tags)
    assert "404" in page.read_text("utf-8")
    urls = [
        a.get("href") or a.get("src")
        for t, a in found.tags
        if t in ("link", "script") and (a.get("href") or a.get("src"))
    ]
    assert urls
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    for url in urls:
        assert (built / "site" / url.lstrip("/").split("?")[0]).is_file(), url


def test_site_url_comes_from_configuration(elsewhere: Path) -> None:
    base = "https://example.net/briefings/"
    pair = elsewhere / "pairs/KZ-TR/index.html"
    assert f'<link rel="canonical" href="{base}pairs/KZ-TR/">' in pair.read_text("utf-8")
    locs = [
        loc.text
        for loc in ElementTree.parse(elsewhere / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")
    ]
    assert locs and all(loc.startswith(base) for loc in locs)
    assert 'href="/briefings/assets/' in (elsewhere / "404.html").read_text("utf-8")


def test_local_links_resolve_in_the_hosted_site(built: Path) -> None:
    site = built / "site"
    for page in pages(site):
        if page.name == "404.html":
            continue
        for url in local_refs(page):
            target = (page.parent / url).resolve()
            assert target.is_relative_to(site.resolve()), f"{page}: {url}"
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {url}"


def ids(page: Path) -> set[str]:
    return {attrs["id"] for _, attrs in tags(page).tags if "id" in attrs}


def test_links_to_an_anchor_find_it(built: Path) -> None:
    """MkDocs checks the anchors of Markdown links; links written as HTML (a source's text,
    the pictures) are checked here: every link to an anchor of another page finds it."""
    site = built / "site"
    known: dict[Path, set[str]] = {}
    checked = 0
    for page in pages(site):
        if page.name == "404.html":
            continue
        for _, attrs in tags(page).tags:
            url = attrs.get("href", "")
            if "#" not in url or url.startswith("#") or ABSOLUTE.match(url):
                continue
            path, anchor = url.split("#", 1)
            target = (page.parent / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target.suffix != ".html" or not anchor:
                continue
            if target not in known:
                known[target] = ids(target)
            assert anchor in known[target], f"{page.relative_to(site)}: {url}"
            checked += 1
    # Every cited passage links to its claim: the seeds have dozens.
    assert checked > 50


# --- the offline bundle ----------------------------------------------------------------


def local_refs(page: Path) -> list[str]:
    """Relative URLs of links, scripts, styles and images in a page, without fragment."""
    refs = []
    for tag, attrs in tags(page).tags:
        for name in ("href", "src"):
            url = attrs.get(name, "")
            if tag == "link" and attrs.get("rel") == "canonical":
                continue
            if url and not ABSOLUTE.match(url) and not url.startswith(("#", "data:", "/")):
                path = url.split("#", 1)[0].split("?", 1)[0]
                if path:
                    refs.append(path)
    return refs


def test_offline_links_open_from_disk(offline: Path) -> None:
    """On file:// there is no directory index: every link names an existing file."""
    assert (offline / "index.html").is_file()
    count = 0
    for page in pages(offline):
        for url in local_refs(page):
            target = (page.parent / url).resolve()
            assert target.is_file(), f"{page.relative_to(offline)}: {url}"
            count += 1
    assert count > 500


def test_offline_bundle_has_no_hosted_only_files(offline: Path) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html"):
        assert not (offline / name).exists(), name


def test_build_needs_no_npm_packages(tmp_path: Path) -> None:
    """The site ships nothing from npm: a machine without Node.js builds it."""
    project = copy_project(tmp_path / "project")
    modules = project / "node_modules"
    if modules.is_symlink() or modules.exists():
        modules.unlink() if modules.is_symlink() else shutil.rmtree(modules)
    run = briefings(project, "build")
    assert run.code == 0, run.err
    assert (project / "site/index.html").is_file()
    assert (project / "dist/briefings-offline.zip").is_file()


# --- nothing from another host ---------------------------------------------------------


def external(url: str) -> bool:
    """Whether a URL in a built file points at another host (site_url's included)."""
    url = url.strip()
    if url.startswith("data:") or not ABSOLUTE.match(url):
        return False
    return urlsplit(url).scheme not in ("file", "blob", "about")


def fetched_urls(page: Path) -> list[str]:
    """URLs in a page that a browser would fetch or open without being asked."""
    found = tags(page)
    urls: list[str] = []
    for tag, attrs in found.tags:
        for name, value in attrs.items():
            if name in FETCHED:
                urls += (
                    [part.split()[0] for part in value.split(",") if part.strip()]
                    if "srcset" in name
                    else [value]
                )
        if tag == "link" and set(attrs.get("rel", "").lower().split()) & FETCHING_RELS:
            urls.append(attrs.get("href", ""))
        if tag in ("iframe", "frame", "embed", "object", "form") and attrs.get("action"):
            urls.append(attrs["action"])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            urls.append(attrs.get("content", "").partition("url=")[2])
        if "style" in attrs:
            urls += [a or b for a, b in CSS_URL.findall(attrs["style"])]
    for style in found.styles:
        urls += [a or b for a, b in CSS_URL.findall(style)]
    return urls


def outputs(built: Path, offline: Path) -> list[Path]:
    return [built / "site", offline]


def test_no_page_fetches_from_another_host(built: Path, offline: Path) -> None:
    for root in outputs(built, offline):
        for page in pages(root):
            bad = [u for u in fetched_urls(page) if external(u)]
            assert not bad, f"{page}: {bad}"


def test_no_page_links_to_another_host(built: Path, offline: Path) -> None:
    """Links a reader could follow stay inside the site (canonical links name site_url)."""
    for root in outputs(built, offline):
        for page in pages(root):
            for tag, attrs in tags(page).tags:
                href = attrs.get("href", "")
                if tag == "link" and attrs.get("rel") == "canonical":
                    assert href.startswith(SITE_URL), f"{page}: {href}"
                elif external(href):
                    pytest.fail(f"{page}: <{tag} href={href!r}>")


def test_no_stylesheet_fetches_from_another_host(built: Path, offline: Path) -> None:
    for root in outputs(built, offline):
        sheets = sorted(root.rglob("*.css"))
        assert sheets
        for sheet in sheets:
            text = sheet.read_text("utf-8")
            bad = [a or b for a, b in CSS_URL.findall(text) if external(a or b)]
            assert not bad, f"{sheet}: {bad}"


def test_no_web_fonts_and_no_cdn(built: Path, offline: Path) -> None:
    """The two measured traps: Google Fonts, and the offline plugin's unpkg shim."""
    for root in outputs(built, offline):
        for path in root.rglob("*"):
            if path.suffix not in (".html", ".css", ".xml", ".json"):
                continue
            text = path.read_text("utf-8")
            for host in (
                "fonts.googleapis.com",
                "fonts.gstatic.com",
                "unpkg.com",
                "cdn.jsdelivr.net",
                "googletagmanager.com",
                "google-analytics.com",
            ):
                assert host not in text, f"{path}: {host}"


def test_our_scripts_name_no_host(built: Path, offline: Path) -> None:
    """Scripts we ship besides the theme's own (tested in the browser) name no URL at all."""
    for root in outputs(built, offline):
        ours = [
            root / "assets" / "briefings.js",
            root / "assets" / "filters.js",
            *sorted((root / "search").glob("*.js")),
        ]
        assert len(ours) >= 4
        for path in ours:
            if path.is_file():
                text = path.read_text("utf-8")
                assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), path


# --- search ----------------------------------------------------------------------------


def test_every_search_result_leads_to_a_page_and_anchor_that_exist(built: Path) -> None:
    """Results link as engine.js builds them: a page's folder, and an id on that page."""
    from generator.render.search.codec import parse_script, unpack
    from generator.render.search.entries import CLAIM, PASSAGE_KIND

    site = built / "site"
    _, (manifest,) = parse_script((site / "search/manifest.js").read_text("utf-8"))
    records = []
    for path in sorted((site / "search/entries").glob("*.js"), key=lambda p: int(p.stem)):
        records += unpack(parse_script(path.read_text("utf-8"))[1][2])
    assert len(records) == manifest["entries"]
    links: list[tuple[str, str]] = []
    for record in records:
        if record[0] == CLAIM:
            pair = manifest["pairs"][record[1]][0]
            links += [(f"sources/{record[7]}/", record[8]), (f"pairs/{pair}/", record[8])]
        elif record[0] == PASSAGE_KIND:
            links.append((f"sources/{record[1]}/", f"_p{record[2]}"))
        else:
            page, _, anchor = record[2].partition("#")
            links.append((page, anchor))
    kinds = {r[0] for r in records}
    assert kinds == {0, CLAIM, PASSAGE_KIND}
    assert any("methodology/#" in r[2] for r in records if r[0] == 0)
    pages: dict[str, str] = {}
    for page, anchor in links:
        if page not in pages:
            pages[page] = (site / page / "index.html").read_text("utf-8")
        if anchor:
            assert f'id="{anchor}"' in pages[page], (page, anchor)
