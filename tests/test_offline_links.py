"""The bundle's one change to the built pages: a relative link to a folder names its
index.html, which a browser on file:// needs (it shows a folder as a listing)."""

from __future__ import annotations

import itertools
import re

from generator.publish.bundle import offline_page

_NOT_RELATIVE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?")


def file_url(url: str) -> str:
    """The rule for one link, written out plainly: what offline_page does to each."""
    if not url or _NOT_RELATIVE.match(url):
        return url
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    last = path.rsplit("/", 1)[-1]
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    if last in (".", ".."):
        return f"{path}/index.html{rest}"
    return url


PATHS = [
    "",
    ".",
    "..",
    "./",
    "../",
    "../..",
    "../../",
    "pairs/",
    "pairs",
    "../pairs/KZ-TR/",
    "a/.",
    "a/..",
    "a/b..",
    "foo..",
    "x.html",
    "assets/x.css",
    "a/./",
    "search/index.js",
    "https://example.org/",
    "mailto:a@b.c",
    "data:x/y,..",
    "/abs/",
    "//host/",
    "a:b/",
    "sources/doc-1/",
    "é/",
    "%C3%A9/",
]
RESTS = ["", "#c-1", "?q=1", "?q=a/#x", "#../"]


def test_each_link_is_rewritten_by_the_rule() -> None:
    for path, rest, attr in itertools.product(PATHS, RESTS, ("href", "src")):
        url = path + rest
        html = f'<a {attr}="{url}">x</a>'
        assert offline_page(html) == f'<a {attr}="{file_url(url)}">x</a>', url


def test_only_href_and_src_attributes_change() -> None:
    html = (
        '<p data-href="../">../</p><a title="pairs/" href="../pairs/">'
        '<img src=".." alt="x"><a xhref="../">'
    )
    assert offline_page(html) == (
        '<p data-href="../">../</p><a title="pairs/" href="../pairs/index.html">'
        '<img src="../index.html" alt="x"><a xhref="../">'
    )


def test_many_links_in_one_page() -> None:
    urls = [p + r for p, r in itertools.product(PATHS, RESTS)]
    html = "\n".join(f'<li><a class="x" href="{u}">{u}</a></li>' for u in urls)
    expected = "\n".join(f'<li><a class="x" href="{file_url(u)}">{u}</a></li>' for u in urls)
    assert offline_page(html) == expected
