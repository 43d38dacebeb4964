"""The data files: every scope's claims as CSV and JSON, and the JSON Schema they follow."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

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
Read = Callable[[str], Data]  # another task's file, by its docs/-relative path


class DataFileError(Exception):
    """A pair's data file read back is not the one this render makes (a bug, not bad input)."""


class DataFiles:
    """The data files of one render: each scope's claims as CSV and JSON.

    Each claim is encoded once, in its pair's files. An actor's claims are its pairs', and
    the briefing's are every pair's, in the same order (render/scopes.py): their files are
    the pairs' files joined (`joined`), read back once those are written. Encoding a claim
    for each of the three files it is in took twice as long as the joins and reads; and no
    cache of encoded claims outlives a task (one in every process held about 200 MiB at
    100,000 claims).
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

    def _start(self, scope: Scope) -> tuple[bytes, bytes]:
        """The CSV and the JSON file of a scope up to their first claim."""
        header = _header(scope, self.edition, self.addresses)
        return csv_start(csv_row(NAMES)), json_start(header, len(scope.claims))

    def scope(self, scope: Scope) -> dict[str, Data]:
        """One scope's claims as CSV and as JSON, made in one pass over its claims."""
        count = len(scope.claims)
        start_csv, start_json = self._start(scope)
        csv, js = bytearray(start_csv), bytearray(start_json)
        for number, claim in enumerate(scope.claims):
            line, obj = self._encode(claim)
            csv += line
            if number:
                js += CLAIM_SEPARATOR
            js += obj
        js += json_end(count)
        # The buffers themselves, not copies: the whole briefing's files are 150 MiB at
        # 100,000 claims, and a copy of each would double that at the render's peak.
        return {scope.csv: csv, scope.json: js}

    def scopes(self, scopes: Iterable[Scope]) -> dict[str, Data]:
        """Several scopes' files (a task's pairs)."""
        files: dict[str, Data] = {}
        for scope in scopes:
            files |= self.scope(scope)
        return files

    def joined(self, scope: Scope, parts: Sequence[Scope], read: Read) -> dict[str, Data]:
        """A scope's files from its parts' files (`read` gives them): its claims are theirs,
        one part after another, so its CSV rows and JSON objects are theirs, in that order.

        Each part's file is checked to start and end as this render makes it: what lies
        between is then exactly its claims, encoded.
        """
        if tuple(c for part in parts for c in part.claims) != scope.claims:
            raise DataFileError(f"the claims of {scope.json} are not those of its parts")
        start_csv, start_json = self._start(scope)
        csv, js = bytearray(start_csv), bytearray(start_json)
        joined = 0
        for part in parts:
            if not part.claims:
                continue
            part_csv, part_json = self._start(part)
            end = json_end(len(part.claims))
            found_csv, found_json = read(part.csv), read(part.json)
            if not (
                found_csv.startswith(part_csv)
                and found_json.startswith(part_json)
                and found_json.endswith(end)
            ):
                raise DataFileError(f"{part.json} or its CSV is not the file this build made")
            csv += memoryview(found_csv)[len(part_csv) :]
            if joined:
                js += CLAIM_SEPARATOR
            js += memoryview(found_json)[len(part_json) : len(found_json) - len(end)]
            joined += 1
        js += json_end(len(scope.claims))
        return {scope.csv: csv, scope.json: js}
