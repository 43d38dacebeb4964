"""Each claim as a flat record: the columns of the CSV, the fields of the JSON, one definition.

The data dictionary on the Data page, the JSON Schema and both files are made from COLUMNS,
so a column cannot be added to one and forgotten in another.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...corpus import Corpus
from ...model import Claim, Date
from ..addresses import Addresses
from ..links import PAGE_CLAIMS

# The version of the data files' format: the JSON's `version`, the schema's `const`. Adding a
# column is a minor change, renaming or removing one a major change.
FORMAT_VERSION = "1.0.0"
QUOTE_JOIN = " … "  # between the parts of a quote given in parts, as the pages show them


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, whether it is always filled, what it holds."""

    name: str
    required: bool
    description: str
    pattern: str | None = None  # the JSON Schema pattern of its values, where there is one


_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
COLUMNS: tuple[Column, ...] = (
    Column(
        "id", True, "The claim's id: permanent, never reused for another claim.", r"^[a-z0-9-]+$"
    ),
    Column(
        "actor_a",
        True,
        "Id of the first actor of the pair (ISO 3166-1 code of a country, or "
        "the id of an organisation); the pair's two ids are in code-point order.",
    ),
    Column("actor_a_name", True, "English name of the first actor."),
    Column("actor_b", True, "Id of the second actor of the pair."),
    Column("actor_b_name", True, "English name of the second actor."),
    Column("topic", True, "Id of the claim's topic."),
    Column("topic_name", True, "Name of the claim's topic."),
    Column(
        "date",
        False,
        "When the event happened, as the curator wrote it (EDTF level 1: "
        "2023, 2023-12, 2023-12-05, 2023~ about, 2023? uncertain, 2010/2012 an interval, "
        "../2019 open start). Empty: undated (see source_published).",
    ),
    Column("date_earliest", False, "The first day the date can mean (YYYY-MM-DD).", _DAY),
    Column("date_latest", False, "The last day the date can mean (YYYY-MM-DD).", _DAY),
    Column("statement", True, "The curator's English statement of what the source says."),
    Column(
        "quote",
        True,
        "The verbatim passage of the source, in its language; a quote "
        f"given in parts has them joined by '{QUOTE_JOIN.strip()}'.",
    ),
    Column("quote_language", True, "Language of the quote and its source (BCP 47 tag: pl, tl)."),
    Column("translation", False, "The curator's English translation of the quote, if any."),
    Column("source_id", True, "Id of the source document."),
    Column("source_title", False, "The source's title as published, in its language."),
    Column(
        "source_title_en",
        False,
        "An English title of the source, or where it has no title, a short description of it.",
    ),
    Column("source_publisher", False, "Who published the source."),
    Column("source_published", False, "When the source was published (EDTF, as date)."),
    Column("source_url", False, "Address of the source as published, if it is online."),
    Column(
        "claim_url",
        True,
        "Address of the claim on the page that lists it: its pair page, or, for a pair of"
        f" more than {PAGE_CLAIMS} claims, its pair's page of the years that include the claim's.",
    ),
    Column(
        "passage_url",
        True,
        "Address of the quoted passage, highlighted in the full text of the source on this site.",
    ),
)
NAMES = tuple(column.name for column in COLUMNS)

Record = dict[str, str | None]


def _day(date: Date | None, latest: bool) -> str | None:
    if date is None:
        return None
    return (date.latest if latest else date.earliest).isoformat()


def _translation(claim: Claim) -> str | None:
    if claim.translation:
        return claim.translation
    parts = [q.translation for q in claim.quotes if q.translation]
    return QUOTE_JOIN.join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class Records:
    """Make each claim's record; a source's or actor's fields are looked up once per claim."""

    corpus: Corpus
    addresses: Addresses

    def record(self, claim: Claim) -> Record:
        """The claim's record: every column, in COLUMNS' order; None where there is no value."""
        corpus, links = self.corpus, self.addresses
        source = corpus.sources[claim.source_id]
        a, b = claim.pair
        published = source.published
        return {
            "id": claim.id,
            "actor_a": a,
            "actor_a_name": corpus.actor(a).name,
            "actor_b": b,
            "actor_b_name": corpus.actor(b).name,
            "topic": claim.topic,
            "topic_name": corpus.topics[claim.topic].name,
            "date": claim.date.text if claim.date else None,
            "date_earliest": _day(claim.date, latest=False),
            "date_latest": _day(claim.date, latest=True),
            "statement": claim.statement,
            "quote": QUOTE_JOIN.join(q.text for q in claim.quotes),
            "quote_language": source.language,
            "translation": _translation(claim),
            "source_id": source.id,
            "source_title": source.title,
            "source_title_en": source.title_en,
            "source_publisher": source.publisher,
            "source_published": published.text if published else None,
            "source_url": source.url,
            "claim_url": links.claim(claim),
            "passage_url": links.passage(claim),
        }
