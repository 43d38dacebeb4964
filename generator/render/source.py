"""The source page: the source's metadata and its full text, cited passages highlighted."""

from __future__ import annotations

from collections.abc import Iterable

from ..markup import escape
from ..markup.escape import Md
from ..model import Claim, Source, pair_slug
from .common import Names, date_text, language_label
from .environment import render_template
from .exports import NO_EXPORTS, PageExports
from .source_text import render_source_text


def _fields(names: Names, source: Source) -> list[tuple[Md, Md]]:
    rows: list[tuple[str, Md]] = []
    if source.title:
        rows.append(("Title", names.source_title(source)))
    for label, value in (
        ("English title", source.title_en),
        ("Publisher", source.publisher),
        ("Author", source.author),
    ):
        if value:
            rows.append((label, escape.text(value)))
    rows.append(("Language", language_label(source.language)))
    if source.published is None:
        rows.append(("Published", Md("not stated in the source")))
    elif source.published_inferred:
        published = date_text(source.published)
        rows.append(("Published", Md(f"{published}, inferred: not stated in the source")))
        rows.append(("How the date was inferred", escape.text(source.published_inferred)))
    else:
        rows.append(("Published", date_text(source.published)))
    if source.url:
        rows.append(("Address", Md(f"<{escape.url(source.url)}>")))
    if source.accessed:
        rows.append(("Accessed", date_text(source.accessed)))
    if source.note:
        rows.append(("Curator's note", escape.text(source.note)))
    rows.append(("Document", escape.text(f"{source.id} ({source.text_path})")))
    return [(Md(label), value) for label, value in rows]


def _pair_links(names: Names, claims: Iterable[Claim]) -> Md:
    """Links to the pages of the pairs the claims are on, by the pairs' names, in one line:
    `[Kazakhstan – Turkey](../pairs/KZ-TR.md), ...`. (Made here, not by a loop in the
    template: Jinja's loop with `loop.last` took two fifths of the template's time.)"""
    return Md(
        ", ".join(
            f"[{names.actor_name(a)} – {names.actor_name(b)}](../pairs/{pair_slug((a, b))}.md)"
            for a, b in sorted({c.pair for c in claims})
        )
    )


def source_page(names: Names, source: Source, exports: PageExports = NO_EXPORTS) -> str:
    """Render one source's page; `exports` is its citations."""
    claims = names.corpus.claims_by_source.get(source.id, ())
    return render_template(
        "source.md.j2",
        page_title=escape.front_matter_title(source.label),
        title=escape.text(source.label),
        title_lang=Md(source.language if source.title else ""),
        fields=_fields(names, source),
        pairs=_pair_links(names, claims),
        claim_count=len(claims),
        text=render_source_text(
            source.text, claims, f"sources/{source.id}.md", source.language, names.pages.page
        ),
        exports=exports,
    )
