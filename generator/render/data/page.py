"""The Data page: the files, a data dictionary of every column, the licence, how to cite."""

from __future__ import annotations

from ...config import Edition
from ...markup import escape
from ...markup.escape import Md
from ..addresses import Addresses
from ..cite.bibliography import BIBLIOGRAPHY
from ..cite.block import citation_tabs
from ..cite.reference import data_reference
from ..environment import render_template
from ..feeds.atom import FEED_LIMIT
from .jsondata import SCHEMA_PATH
from .records import COLUMNS, FORMAT_VERSION, QUOTE_JOIN

DATA_PAGE = "data/index.md"


def _local(path: str) -> Md:
    """A link from the Data page (data/index.md) to a file the generator writes."""
    return Md(path.removeprefix("data/") if path.startswith("data/") else f"../{path}")


def data_page(edition: Edition, addresses: Addresses) -> str:
    """Render the Data page."""
    ref = data_reference(edition, addresses, f"{edition.site_name}: every claim", "data/claims.csv")
    return render_template(
        "data.md.j2",
        site=escape.text(edition.site_name),
        columns=[
            (Md(c.name), Md("yes" if c.required else "no"), escape.text(c.description))
            for c in COLUMNS
        ],
        schema=_local(SCHEMA_PATH),
        version=Md(FORMAT_VERSION),
        joiner=escape.text(QUOTE_JOIN.strip()),
        bibliography=[(escape.text(k), _local(v)) for k, v in BIBLIOGRAPHY.items()],
        feed_limit=FEED_LIMIT,
        licence=escape.text(edition.copyright) if edition.copyright else None,
        cite=citation_tabs(ref, 1),
    )
