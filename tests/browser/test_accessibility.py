"""axe-core on every kind of page (their filters included), light and dark palette, both
outputs; screenshots of each (hosted site) for a reviewer in tests/artifacts/screenshots/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Browse, Output

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "pair": "pairs/KZ-TR/",
    "source": "sources/001_a593577fb9b8170b/",
    "country": "actors/KZ/",
    "pairs": "pairs/",
    "pairs-of-country": "pairs/index/KZ/",
    "actors": "actors/",
    "sources": "sources/",
    "sources-part": "sources/index/pl_2023/",
}
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:3]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def check(
    browse: Browse,
    output: Output,
    path: str,
    name: str,
    palette: str,
    axe_source: str,
    screenshots: Path,
) -> None:
    """Open a page in a palette, screenshot it (hosted site), and run axe-core on it: no
    serious or critical violation; the full report is kept beside the screenshots."""
    page = browse.new_page(color_scheme=palette)
    page.goto(output.url(path))
    page.wait_for_load_state("load")
    # Material follows the reader's system preference on a first visit.
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[palette]
    # What is laid out only near the screen (content-visibility: an actor's years, the
    # pictures) is drawn as a reader scrolling through sees it: a full-page screenshot does
    # not scroll, and axe-core checks contrast on what is drawn.
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    if output.name == "http":
        page.screenshot(path=screenshots / f"{name}-{palette}.png", full_page=True)
    # preload: false, or axe itself fetches the stylesheets again, which file:// refuses.
    page.evaluate(axe_source)
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], preload: false})"
        ".then(r => JSON.parse(JSON.stringify(r.violations)))"
    )
    blocking = [v for v in result if v["impact"] in BLOCKING]
    report = screenshots.parent / "axe"
    report.mkdir(exist_ok=True)
    (report / f"{name}-{palette}-{output.name}.json").write_text(
        json.dumps(result, indent=1), "utf-8"
    )
    assert not blocking, "\n" + describe(blocking)


@pytest.mark.parametrize("palette", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violation(
    browse: Browse, output: Output, name: str, palette: str, axe_source: str, screenshots: Path
) -> None:
    check(browse, output, PAGES[name], name, palette, axe_source, screenshots)


def first_part(output: Output) -> str:
    """The first of KZ-TR's pages of years (its name depends on the packing)."""
    parts = [p.parent.name for p in (output.root / "pairs/KZ-TR").glob("*/index.html")]
    return f"pairs/KZ-TR/{min(parts)}/"


# A long pair (conftest.add_long_pair): its own page, which links to pages of some years
# each, and the first of those pages.
LONG_PAGES = {"long-pair": lambda _: "pairs/KZ-TR/", "long-pair-part": first_part}


@pytest.mark.parametrize("palette", list(SCHEMES))
@pytest.mark.parametrize("name", list(LONG_PAGES))
def test_a_long_pair_s_pages_have_no_serious_accessibility_violation(
    browse: Browse, long_output: Output, name: str, palette: str, axe_source: str, screenshots: Path
) -> None:
    path = LONG_PAGES[name](long_output)
    check(browse, long_output, path, name, palette, axe_source, screenshots)
