"""The bundle's first part is zipped from docs/ while the engine builds the site
(publish/bundle.py `EarlyBundle`): the zip must be the very bytes of one made from the site
afterwards, and a site that does not hold docs/'s files as they are must not get them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.config import BuildOptions, SiteConfig
from generator.publish import bundle
from generator.publish.bundle import VERBATIM, EarlyBundle, build_bundle
from generator.render import OWNED_DIRS

CONFIG = SiteConfig(site_name="Briefings")
OPTIONS = BuildOptions(epoch=1764547200)
# docs/ as the generator writes it, and the site the engine makes of it.
DOCS = {
    "data/claims.csv": b"id,statement\r\n" + b"c-1,\xc5\x82\r\n" * 300_000,  # over 1 MiB
    "data/claims.json": b'{"claims": []}\n',
    "data/index.md": b"# Data\n",
    "feeds/briefing.xml": b"<feed/>\n",
    "search/terms/0.js": b"x(0);\n",
    "pairs/KZ-TR.md": b"# Kazakhstan - Turkiye\n",
}
SITE = {
    "data/claims.csv": DOCS["data/claims.csv"],
    "data/claims.json": DOCS["data/claims.json"],
    "data/index.html": b'<a href="../pairs/KZ-TR/">pair</a>',
    "feeds/briefing.xml": DOCS["feeds/briefing.xml"],
    "search/terms/0.js": DOCS["search/terms/0.js"],
    "pairs/KZ-TR/index.html": b'<a href="../../data/">data</a> <a href="../../">home</a>',
    "index.html": b'<a href="pairs/KZ-TR/">KZ-TR</a>',
    "assets/javascripts/bundle.js": b"//",
    "sitemap.xml": b"<urlset/>",
}


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def _early(project: Path, site: dict[str, bytes]) -> bytes:
    """The bundle made the build's way: docs/ zipped first, then finished from the site."""
    docs = _tree(project / "docs", DOCS)
    early = EarlyBundle(project, docs, CONFIG, OPTIONS)
    try:
        early.start()
        result = early.finish(_tree(project / "site", site))
    finally:
        early.cancel()
    assert result.path is not None and not result.unchanged
    return result.path.read_bytes()


def _after(project: Path, site: dict[str, bytes]) -> bytes:
    """The bundle made from the built site alone."""
    result = build_bundle(project, _tree(project / "site", site), CONFIG, OPTIONS)
    assert result.path is not None
    return result.path.read_bytes()


def test_the_early_bundle_is_the_bundle_of_the_built_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The site holds docs/'s files as they are: the part zipped early is kept, never zipped
    # again from the site.
    def again(*_: object, **__: object) -> bool:
        raise AssertionError("the site was zipped whole")

    monkeypatch.setattr(bundle, "zip_folder", again)
    early = _early(tmp_path / "a", SITE)
    monkeypatch.undo()
    assert early == _after(tmp_path / "b", SITE)
    with zipfile.ZipFile(tmp_path / "a/dist/briefings-offline.zip") as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        # Links to folders name their index.html; what is copied as it is stays so.
        page = archive.read("briefings-offline/pairs/KZ-TR/index.html")
        assert (
            page == b'<a href="../../data/index.html">data</a> <a href="../../index.html">home</a>'
        )
        assert archive.read("briefings-offline/data/claims.csv") == DOCS["data/claims.csv"]
    # The first part (the data, feeds and search files) first, each part in name order.
    top = "briefings-offline/"
    assert names == [
        top + rel
        for rel in (
            "data/claims.csv",
            "data/claims.json",
            "feeds/briefing.xml",
            "search/terms/0.js",
            "assets/javascripts/bundle.js",
            "data/index.html",
            "index.html",
            "pairs/KZ-TR/index.html",
        )
    ]
    assert not [p for p in (tmp_path / "a/dist").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"data/claims.json": b'{"claims": [1]}\n'}, id="a file changed"),
        pytest.param({"data/claims.json": b'{"claims": []}\r'}, id="same size, other bytes"),
        pytest.param({"data/more.csv": b"id\r\n"}, id="a file more"),
        pytest.param({"feeds/briefing.xml": None}, id="a file less"),
    ],
)
def test_a_site_that_differs_from_docs_gets_its_own_files(
    tmp_path: Path, change: dict[str, bytes | None]
) -> None:
    site = {rel: data for rel, data in {**SITE, **change}.items() if data is not None}
    early = _early(tmp_path / "a", site)
    assert early == _after(tmp_path / "b", site)
    with zipfile.ZipFile(tmp_path / "a/dist/briefings-offline.zip") as archive:
        for rel, data in site.items():
            if rel.endswith(".html") or rel == "sitemap.xml":
                continue
            assert archive.read(f"briefings-offline/{rel}") == data


def test_an_unchanged_bundle_is_not_rewritten(tmp_path: Path) -> None:
    _early(tmp_path, SITE)
    target = tmp_path / "dist/briefings-offline.zip"
    stamp = target.stat().st_mtime_ns
    early = EarlyBundle(tmp_path, tmp_path / "docs", CONFIG, OPTIONS)
    try:
        early.start()
        assert early.finish(tmp_path / "site").unchanged
    finally:
        early.cancel()
    assert target.stat().st_mtime_ns == stamp
    assert [p.name for p in (tmp_path / "dist").iterdir()] == [target.name]


def test_a_cancelled_bundle_leaves_nothing(tmp_path: Path) -> None:
    """The engine failed or was interrupted: no part of a bundle, no dist/ made for it."""
    early = EarlyBundle(tmp_path, _tree(tmp_path / "docs", DOCS), CONFIG, OPTIONS)
    early.start()
    early.cancel()
    assert not (tmp_path / "dist").exists()
    EarlyBundle(tmp_path, tmp_path / "docs", CONFIG, OPTIONS).cancel()  # never started


def test_the_first_part_is_of_the_generators_folders() -> None:
    assert set(VERBATIM) <= set(OWNED_DIRS)


def test_a_file_that_fails_to_read_fails_the_bundle_and_leaves_nothing(tmp_path: Path) -> None:
    """Files are read ahead in a thread: what fails there fails the bundle, here."""
    site = {**SITE, "pairs/KZ-TR/index.html": b"\xff not UTF-8"}
    with pytest.raises(UnicodeDecodeError):
        _after(tmp_path, site)
    assert not list((tmp_path / "dist").glob("*"))
