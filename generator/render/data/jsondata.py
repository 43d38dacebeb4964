"""Claims as JSON, with a published JSON Schema: one object per file, one claim per line.

Each claim is serialised once and joined into every file it belongs to (the briefing's, its
pair's, each of its actors'), so the cost stays linear however many files repeat it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...model import Claim
from .records import COLUMNS, FORMAT_VERSION, NAMES, Record

SCHEMA_PATH = "data/claims.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def claim_json(record: Record, claim: Claim) -> str:
    """One claim as compact JSON: the record's fields, then its quote's parts."""
    fields: dict[str, object] = dict(record)
    fields["quote_parts"] = [{"text": q.text, "translation": q.translation} for q in claim.quotes]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Header:
    """What a JSON file says about itself: its scope, its site and build, licence, citation."""

    title: str
    scope: Mapping[str, str | None]  # kind (briefing, pair, actor), id, name
    page: str  # the address of the page the claims are shown on
    site: str
    site_url: str | None
    built: str | None
    licence: str | None
    citation: str
    schema: str | None  # the schema's address, when the site's address is known


def json_start(header: Header, count: int) -> bytes:
    """The JSON document up to its first claim: the header's fields, then `"claims": [`."""
    head: dict[str, object] = {}
    if header.schema:
        head["$schema"] = header.schema
    head |= {
        "version": FORMAT_VERSION,
        "title": header.title,
        "scope": dict(header.scope),
        "page": header.page,
        "site": header.site,
        "site_url": header.site_url,
        "built": header.built,
        "licence": header.licence,
        "citation": header.citation,
        "claim_count": count,
    }
    # The header pretty-printed, its closing brace replaced by the claims, one per line.
    text = json.dumps(head, ensure_ascii=False, indent=1).removesuffix("\n}")
    opening = f'{text},\n "claims": [' + ("\n" if count else "")
    return opening.encode()


def json_end(count: int) -> bytes:
    """The JSON document after its last claim."""
    return b"\n ]\n}\n" if count else b"]\n}\n"


CLAIM_SEPARATOR = b",\n"


def json_file(header: Header, claims: Iterable[bytes], count: int) -> bytes:
    """The whole JSON document: the header's fields, then `claims` (`count` of them, each
    encoded in UTF-8), one per line.

    A claim is encoded once, however many files repeat it, and added as bytes (joining
    100,000 strings of mixed widths was slow). The file grows in one buffer: no list of its
    claims is made (the briefing's file is over a hundred megabytes at 100,000 claims).
    """
    out = bytearray(json_start(header, count))
    for number, claim in enumerate(claims):
        if number:
            out += CLAIM_SEPARATOR
        out += claim
    out += json_end(count)
    return bytes(out)


def _column_schema(pattern: str | None, required: bool, description: str) -> dict[str, object]:
    schema: dict[str, object] = {"description": description}
    string: dict[str, object] = {"type": "string", "minLength": 1}
    if pattern:
        string["pattern"] = pattern
    if required:
        schema |= string
    else:
        schema["anyOf"] = [string, {"type": "null"}]
    return schema


def claims_schema(schema_id: str) -> bytes:
    """The JSON Schema every claims file validates against."""
    text = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    claim = {
        "type": "object",
        "required": [*NAMES, "quote_parts"],
        "additionalProperties": False,
        "properties": {
            **{c.name: _column_schema(c.pattern, c.required, c.description) for c in COLUMNS},
            "quote_parts": {
                "description": "The quote's verbatim parts, each with its translation if given.",
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["text", "translation"],
                    "additionalProperties": False,
                    "properties": {"text": {"type": "string", "minLength": 1}, "translation": text},
                },
            },
        },
    }
    schema = {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id,
        "title": "Claims of a research briefing",
        "description": "Every claim of a briefing, a pair or an actor, with its source.",
        "type": "object",
        "required": [
            "version",
            "title",
            "scope",
            "page",
            "site",
            "site_url",
            "built",
            "licence",
            "citation",
            "claim_count",
            "claims",
        ],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "version": {"const": FORMAT_VERSION},
            "title": {"type": "string"},
            "scope": {
                "type": "object",
                "required": ["kind", "id", "name"],
                "additionalProperties": False,
                "properties": {
                    "kind": {"enum": ["briefing", "pair", "actor"]},
                    "id": text,
                    "name": {"type": "string"},
                },
            },
            "page": {"type": "string"},
            "site": {"type": "string"},
            "site_url": text,
            "built": {
                "anyOf": [
                    {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                    {"type": "null"},
                ]
            },
            "licence": text,
            "citation": {"type": "string"},
            "claim_count": {"type": "integer", "minimum": 0},
            "claims": {"type": "array", "items": claim},
        },
    }
    return (json.dumps(schema, ensure_ascii=False, indent=1) + "\n").encode()
