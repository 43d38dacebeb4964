"""The site built in two parts at once (generator/publish/parts.py, overrides/hooks.py) is
the site built at once, byte for byte; and each part checks every link MkDocs checks."""

from __future__ import annotations

import dataclasses
import importlib.util
import posixpath
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO

from generator.publish import parts
from generator.publish.engine import ENGINES

pytestmark = pytest.mark.e2e

EPOCH = {"SOURCE_DATE_EPOCH": "1764547200"}
# A Markdown link with an anchor, to another page: MkDocs checks that the anchor is there.
_ANCHORED = re.compile(r"\]\(([^)\s#]+\.md)#[^)\s]+\)")


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hooks", REPO / "overrides/hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_hook_and_the_site_stage_name_the_same_settings() -> None:
    hooks = _hooks()
    assert (hooks.PART, hooks.PAGES) == (parts.PART, parts.PAGES)
    assert {hooks.part_of("sources/x.md"), hooks.part_of("pairs/KZ-TR.md")} == set(parts.PARTS)


def test_a_site_built_in_two_parts_is_the_site_built_at_once(
    long_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, set[str]] = {}
    join = parts.join_parts

    def spy(site_dir: Path, pages: Path) -> Any:
        for part, folder in parts.part_dirs(site_dir).items():
            seen[part] = set(_tree(folder))
        return join(site_dir, pages)

    monkeypatch.setattr(parts, "join_parts", spy)
    config = long_built / "mkdocs.yml"
    split = ENGINES["mkdocs"].build(long_built, config, tmp_path / "parts" / "site", EPOCH)
    assert split.ok, split.output
    once = dataclasses.replace(ENGINES["mkdocs"], parts=False)
    whole = once.build(long_built, config, tmp_path / "once" / "site", EPOCH)
    assert whole.ok, whole.output
    built, expected = _tree(tmp_path / "parts" / "site"), _tree(tmp_path / "once" / "site")
    assert sorted(built) == sorted(expected)
    assert [name for name in built if built[name] != expected[name]] == []
    # Each part built its own pages and not the other's (but the navigation's), and the
    # sitemap lists every page, as one build's does.
    sources = {n for n in expected if n.startswith("sources/") and n.endswith("/index.html")}
    sources.discard("sources/index.html")  # the navigation's: in both
    pairs = {n for n in expected if n.startswith("pairs/KZ-TR/")}
    assert sources and pairs
    assert sources <= seen["sources"] and not sources & seen["rest"]
    assert pairs <= seen["rest"] and not pairs & seen["sources"]
    assert "sources/index.html" in seen["rest"] and "index.html" in seen["sources"]
    assert not (tmp_path / "parts" / "site-sources").exists()
    assert "which is excluded from the built site" not in split.output


def test_no_link_that_mkdocs_checks_crosses_the_parts(long_built: Path) -> None:
    """A Markdown link with an anchor is checked only where both of its pages are built: in
    the part of the page it is on (or any, for a page of the navigation)."""
    hooks = _hooks()
    docs = long_built / "docs"
    nav = {"index.md", "pairs/index.md", "actors/index.md", "sources/index.md"}
    nav |= {"data/index.md", "methodology.md"}
    checked = 0
    for page in docs.rglob("*.md"):
        rel = page.relative_to(docs).as_posix()
        for target in _ANCHORED.findall(page.read_text("utf-8")):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            checked += 1
            if rel in nav or resolved in nav:
                continue
            assert hooks.part_of(resolved) == hooks.part_of(rel), (rel, target)
    assert checked > 10


def test_sitemaps_are_joined_in_the_engines_order() -> None:
    def entry(loc: str) -> str:
        return f"\n    <url>\n         <loc>{loc}</loc>\n    </url>"

    def sitemap(*locs: str) -> str:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>'
        return head + "".join(map(entry, locs)) + "\n</urlset>"

    order = ["https://x.org/", "https://x.org/a/", "https://x.org/s/?q=1&r=2", "https://x.org/z/"]
    rest = sitemap("https://x.org/", "https://x.org/a/", "https://x.org/z/")
    sources = sitemap("https://x.org/", "https://x.org/s/?q=1&amp;r=2")
    joined = parts.join_sitemaps(rest, sources, order)
    assert joined == sitemap(*order[:2], "https://x.org/s/?q=1&amp;r=2", order[3])
    # A page the engine did not list is an error, not a guess.
    assert parts.join_sitemaps(rest, sitemap("https://x.org/other/"), order) is None
    # No site_url: no entries at all, and nothing to join.
    assert parts.join_sitemaps(sitemap(), sitemap(), order) == sitemap()


def test_one_processor_builds_the_site_at_once(
    long_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one process (`-j 1`), two parts would only take turns: the site is built in one."""
    from generator.config import BuildOptions
    from generator.publish import engine
    from generator.publish.site import run_engine

    def refuse(*_: object) -> tuple[bool, str]:
        raise AssertionError("built in parts with one process")

    monkeypatch.setattr(engine, "run_parts", refuse)
    result = run_engine(long_built, tmp_path / "site", BuildOptions(epoch=1764547200, workers=1))
    assert result.ok, result.output
    assert (tmp_path / "site" / "sources" / "index.html").is_file()
