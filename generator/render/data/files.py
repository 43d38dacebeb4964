"""The data files: every scope's claims as CSV and JSON, and the JSON Schema they follow."""

from __future__ import annotations

from collections.abc import Iterable

from ...config import Edition
from ...corpus import Corpus
from ...model import Claim
from ..addresses import Addresses
from ..cite.formats import plain_text
from ..cite.reference import data_reference
from ..scopes import Scope
from .csvdata import csv_row, csv_start
from .jsondata import (
    CLAIM_SEPARATOR,
    SCHEMA_PATH,
    Header,
    claim_json,
    claims_schema,
    json_end,
    json_start,
)
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


Encoded = tuple[bytes, bytes]  # a claim as a CSV line and as a JSON object, in UTF-8
Data = bytes | bytearray  # a file's content: a large one is the buffer it was made in


class DataFiles:
    """The data files of one render: each scope's claims as CSV and JSON, encoded as its
    files are made.

    No cache lives longer than a task: one that every process filled with every claim held
    about 200 MiB in each at 100,000 claims. A task of several scopes whose claims overlap
    (an actor's and its pairs') encodes each claim once for all of them (`group`).
    """

    def __init__(self, corpus: Corpus, edition: Edition, addresses: Addresses) -> None:
        self.corpus = corpus
        self.edition = edition
        self.addresses = addresses
        self.records = Records(corpus, addresses)

    def _encode(self, claim: Claim) -> Encoded:
        record = self.records.record(claim)
        line = csv_row([record[name] for name in NAMES]).encode("utf-8")
        return line, claim_json(record, claim).encode("utf-8")

    def schema(self) -> dict[str, bytes]:
        """The JSON Schema every JSON data file follows."""
        at = self.addresses.at(SCHEMA_PATH) if self.addresses.absolute else SCHEMA_PATH
        return {SCHEMA_PATH: claims_schema(at)}

    def scope(
        self,
        scope: Scope,
        keep: dict[str, Encoded] | None = None,
        reuse: dict[str, Encoded] | None = None,
    ) -> dict[str, Data]:
        """One scope's claims as CSV and as JSON, made in one pass over its claims.

        Each claim's encoding is kept in `keep` for the other scopes of the same task, and
        taken (once: a claim is on one pair) from `reuse` where an earlier scope made it.
        """
        count = len(scope.claims)
        csv = bytearray(csv_start(csv_row(NAMES)))
        js = bytearray(json_start(_header(scope, self.edition, self.addresses), count))
        for number, claim in enumerate(scope.claims):
            encoded = reuse.pop(claim.id, None) if reuse is not None else None
            if encoded is None:
                encoded = self._encode(claim)
                if keep is not None:
                    keep[claim.id] = encoded
            csv += encoded[0]
            if number:
                js += CLAIM_SEPARATOR
            js += encoded[1]
        js += json_end(count)
        # The buffers themselves, not copies: the whole briefing's files are 150 MiB at
        # 100,000 claims, and a copy of each would double that at the render's peak.
        return {scope.csv: csv, scope.json: js}

    def group(self, scopes: Iterable[Scope]) -> dict[str, Data]:
        """Scopes whose claims are the first's (an actor's, then pairs it is on), each claim
        encoded once for all of them; a scope alone keeps nothing."""
        first, *rest = scopes
        encoded: dict[str, Encoded] | None = {} if rest else None
        files = self.scope(first, keep=encoded)
        for scope in rest:
            files |= self.scope(scope, reuse=encoded)
        return files
