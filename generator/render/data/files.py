"""The data files: every scope's claims as CSV and JSON, and the JSON Schema they follow."""

from __future__ import annotations

from collections.abc import Iterable

from ...config import Edition
from ...corpus import Corpus
from ..addresses import Addresses
from ..cite.formats import plain_text
from ..cite.reference import data_reference
from ..scopes import Scope
from .csvdata import csv_file, csv_row
from .jsondata import SCHEMA_PATH, Header, claim_json, claims_schema, json_file
from .records import NAMES, Records


def scope_title(scope: Scope) -> str:
    """What a scope's data set is called: `Briefings: claims on Kazakhstan – Türkiye`."""
    if scope.kind == "briefing":
        return f"{scope.name}: every claim"
    return f"{scope.name}: claims"


def _header(scope: Scope, edition: Edition, addresses: Addresses) -> Header:
    citation = plain_text(data_reference(edition, addresses, scope_title(scope), scope.json))
    return Header(
        title=scope_title(scope),
        scope={"kind": scope.kind, "id": scope.id, "name": scope.name},
        page=addresses.at(scope.page),
        site=edition.site_name,
        site_url=edition.site_url,
        built=edition.built.isoformat() if edition.built else None,
        licence=edition.copyright,
        citation=citation,
        schema=addresses.at(SCHEMA_PATH) if addresses.absolute else None,
    )


def data_files(
    corpus: Corpus, edition: Edition, addresses: Addresses, all_scopes: Iterable[Scope]
) -> dict[str, bytes]:
    """Write each claim once as a CSV line and a JSON object, then join them per scope."""
    records = Records(corpus, addresses)
    lines: dict[str, str] = {}
    objects: dict[str, str] = {}
    for claim in corpus.claims.values():
        record = records.record(claim)
        lines[claim.id] = csv_row([record[name] for name in NAMES])
        objects[claim.id] = claim_json(record, claim)
    header = csv_row(NAMES)
    files: dict[str, bytes] = {
        SCHEMA_PATH: claims_schema(addresses.at(SCHEMA_PATH) if addresses.absolute else SCHEMA_PATH)
    }
    for scope in all_scopes:
        files[scope.csv] = csv_file(header, (lines[c.id] for c in scope.claims))
        head = _header(scope, edition, addresses)
        files[scope.json] = json_file(
            head, (objects[c.id] for c in scope.claims), len(scope.claims)
        )
    return files
