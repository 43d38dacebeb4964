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


class DataFiles:
    """The data files of one render: each claim encoded once (in this process), when first
    needed, as a CSV line and a JSON object; each scope's files join them."""

    def __init__(self, corpus: Corpus, edition: Edition, addresses: Addresses) -> None:
        self.corpus = corpus
        self.edition = edition
        self.addresses = addresses
        self.records = Records(corpus, addresses)
        self.lines: dict[str, bytes] = {}
        self.objects: dict[str, bytes] = {}

    def _encode(self, claim_id: str) -> None:
        claim = self.corpus.claims[claim_id]
        record = self.records.record(claim)
        self.lines[claim_id] = csv_row([record[name] for name in NAMES]).encode("utf-8")
        self.objects[claim_id] = claim_json(record, claim).encode("utf-8")

    def schema(self) -> dict[str, bytes]:
        """The JSON Schema every JSON data file follows."""
        at = self.addresses.at(SCHEMA_PATH) if self.addresses.absolute else SCHEMA_PATH
        return {SCHEMA_PATH: claims_schema(at)}

    def scope(self, scope: Scope) -> dict[str, bytes]:
        """One scope's claims as CSV and as JSON."""
        for claim in scope.claims:
            if claim.id not in self.lines:
                self._encode(claim.id)
        head = _header(scope, self.edition, self.addresses)
        return {
            scope.csv: csv_file(csv_row(NAMES), (self.lines[c.id] for c in scope.claims)),
            scope.json: json_file(
                head, (self.objects[c.id] for c in scope.claims), len(scope.claims)
            ),
        }


def data_files(
    corpus: Corpus, edition: Edition, addresses: Addresses, all_scopes: Iterable[Scope]
) -> dict[str, bytes]:
    """Every data file at once (each claim encoded once, then joined per scope)."""
    files = DataFiles(corpus, edition, addresses)
    out = files.schema()
    for scope in all_scopes:
        out |= files.scope(scope)
    return out
