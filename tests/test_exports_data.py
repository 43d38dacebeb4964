"""The claims as data: CSV (BOM, RFC 4180, no formula a spreadsheet runs) and JSON (its schema)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from exports import EDITION, fixture_outputs, hostile_corpus, open_fixture
from hostile import PAYLOADS

from generator.config import Edition
from generator.model.history import ClaimHistory
from generator.render import render_outputs
from generator.render.data.csvdata import neutralise
from generator.render.data.files import DataFileError, DataFiles
from generator.render.data.records import NAMES
from generator.render.exports import Exports

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return fixture_outputs()


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM), "the CSV starts with a UTF-8 byte-order mark"
    text = data[len(BOM) :].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def unneutralised(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def csv_files(outputs: dict[str, bytes]) -> list[str]:
    return sorted(p for p in outputs if p.endswith(".csv"))


def test_every_scope_has_its_files(outputs: dict[str, bytes]) -> None:
    corpus = open_fixture()
    expected = {"data/claims.csv", "data/claims.json"}
    expected |= {
        f"data/pairs/{v.pair[0]}-{v.pair[1]}.{x}" for v in corpus.pairs for x in ("csv", "json")
    }
    expected |= {f"data/actors/{a}.{x}" for a in corpus.pairs_by_actor for x in ("csv", "json")}
    found = {p for p in outputs if p.startswith("data/") and p.endswith((".csv", ".json"))}
    assert found - {"data/claims.schema.json", "data/sources.json"} == expected


def test_csv_is_rfc_4180_with_a_bom(outputs: dict[str, bytes]) -> None:
    for path in csv_files(outputs):
        data = outputs[path]
        assert data.startswith(BOM)
        text = data[len(BOM) :].decode("utf-8")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), path
        header = text.split("\r\n", 1)[0]
        assert header == ",".join(f'"{n}"' for n in NAMES), path
        rows = read_csv(data)
        for row in rows:  # every field quoted: as many quoted fields as columns
            assert list(row) == list(NAMES) and None not in row, path


def test_csv_rows_hold_the_claims_in_page_order(outputs: dict[str, bytes]) -> None:
    corpus = open_fixture()
    rows = read_csv(outputs["data/claims.csv"])
    assert [r["id"] for r in rows] == [c.id for v in corpus.pairs for c in v.claims]
    kz_ru = read_csv(outputs["data/pairs/KZ-RU.csv"])
    helicopters = next(r for r in kz_ru if r["id"] == "kz-ru-helicopters")
    assert helicopters["actor_a"] == "KZ" and helicopters["actor_b_name"] == "Russia"
    assert helicopters["quote"] == "Rosja dostarczyła śmigłowce Mi-8 … do Kazachstanu"
    assert helicopters["translation"] == "Russia delivered Mi-8 helicopters … to Kazakhstan"
    assert (helicopters["date"], helicopters["date_earliest"], helicopters["date_latest"]) == (
        "2021~/2022",
        "2021-01-01",
        "2022-12-31",
    )
    assert (
        helicopters["claim_url"] == "https://briefings.example.org/pairs/KZ-RU/#kz-ru-helicopters"
    )
    assert (
        helicopters["passage_url"] == "https://briefings.example.org/sources/a1/#kz-ru-helicopters"
    )
    assert helicopters["source_title"] == "Raport o współpracy"  # every letter right
    actor = read_csv(outputs["data/actors/KZ.csv"])
    assert {r["id"] for r in actor} == {c.id for c in corpus.claims.values() if "KZ" in c.pair}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\tplain", "'\tplain"),
        ("  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"),
        ("\n=1", "'\n=1"),
        ("＝1+1", "'＝1+1"),
        ("plain = text", "plain = text"),
        ("a-b", "a-b"),
        ("", ""),
        ("Kazachstan 2024", "Kazachstan 2024"),
    ],
)
def test_formula_starts_are_neutralised(value: str, expected: str) -> None:
    assert neutralise(value) == expected


def test_no_csv_cell_can_run_as_a_formula(tmp_path: Path) -> None:
    """Curator text that starts a formula reaches the CSV as text, and comes back whole."""
    corpus = hostile_corpus(tmp_path)
    claim = next(iter(corpus.claims.values()))
    formulas = ['=HYPERLINK("http://127.0.0.9","x")', "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
    outputs = {}
    for formula in formulas:
        changed = type(claim)(**{**_fields(claim), "statement": formula, "translation": formula})
        claims = dict(corpus.claims) | {claim.id: changed}
        pairs = tuple(
            type(v)(**{**_fields(v), "claims": tuple(claims[c.id] for c in v.claims)})
            for v in corpus.pairs
        )
        by_pair = {v.pair: v for v in pairs}
        by_actor = {
            a: tuple(by_pair[v.pair] for v in vs) for a, vs in corpus.pairs_by_actor.items()
        }
        patched = type(corpus)(
            **{**_fields(corpus), "claims": claims, "pairs": pairs, "pairs_by_actor": by_actor}
        )
        outputs = render_outputs(patched, EDITION)
        for path in csv_files(outputs):
            for row in read_csv(outputs[path]):
                for name, cell in row.items():
                    stripped = cell.lstrip(" \t\r\n")
                    assert not cell.startswith(("\t", "\r")), (path, name, cell)
                    assert not stripped.startswith(("=", "+", "-", "@")), (path, name, cell)
                if row["id"] == claim.id:
                    assert row["statement"] == "'" + formula
        record = json.loads(outputs["data/claims.json"])["claims"]
        assert next(r for r in record if r["id"] == claim.id)["statement"] == formula


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


def test_hostile_strings_survive_csv_and_json(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    outputs = render_outputs(corpus, EDITION)
    rows = {r["id"]: r for r in read_csv(outputs["data/claims.csv"])}
    records = {r["id"]: r for r in json.loads(outputs["data/claims.json"])["claims"]}
    for i, payload in enumerate(PAYLOADS):
        claim = corpus.claims[f"evil-{i}"]
        for source in (rows[claim.id], records[claim.id]):
            assert unneutralised(source["statement"]) == claim.statement
            assert unneutralised(source["quote"]) == payload
            assert unneutralised(source["source_title"]) == corpus.sources["evil"].title
            assert (
                unneutralised(source["actor_b_name"]) == corpus.actor("KZ").name
                or unneutralised(source["actor_a_name"]) == corpus.actor("EVIL").name
            )


# --- JSON ---------------------------------------------------------------------------------


def schema(outputs: dict[str, bytes]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(outputs["data/claims.schema.json"])
    return loaded


def test_the_schema_is_a_valid_json_schema(outputs: dict[str, bytes]) -> None:
    found = schema(outputs)
    jsonschema.Draft202012Validator.check_schema(found)
    assert found["$id"] == "https://briefings.example.org/data/claims.schema.json"


def test_every_json_file_validates_against_the_schema(outputs: dict[str, bytes]) -> None:
    validator = jsonschema.Draft202012Validator(schema(outputs))
    files = [p for p in outputs if p.startswith("data/") and p.endswith(".json")]
    files = [p for p in files if p not in ("data/claims.schema.json", "data/sources.json")]
    assert len(files) > 5
    for path in files:
        document = json.loads(outputs[path])
        errors = list(validator.iter_errors(document))
        assert not errors, (path, errors[:3])
        assert document["version"] == "1.0.0"
        assert document["claim_count"] == len(document["claims"])
        assert document["licence"] == "CC BY 4.0." and document["built"] == "2026-11-30"
        assert document["$schema"] == "https://briefings.example.org/data/claims.schema.json"


def test_the_schema_refuses_what_it_should(outputs: dict[str, bytes]) -> None:
    validator = jsonschema.Draft202012Validator(schema(outputs))
    document = json.loads(outputs["data/pairs/KZ-RU.json"])
    assert validator.is_valid(document)
    for broken in (
        {**document, "version": "0.9"},
        {**document, "claims": [{**document["claims"][0], "id": None}]},
        {**document, "claims": [{**document["claims"][0], "date_earliest": "2021"}]},
        {**document, "claims": [{**document["claims"][0], "extra": "x"}]},
    ):
        assert not validator.is_valid(broken)


def test_json_and_csv_say_the_same(outputs: dict[str, bytes]) -> None:
    for path in csv_files(outputs):
        rows = read_csv(outputs[path])
        records = json.loads(outputs[path.removesuffix(".csv") + ".json"])["claims"]
        assert [r["id"] for r in rows] == [r["id"] for r in records]
        for row, record in zip(rows, records, strict=True):
            assert {k: unneutralised(v) for k, v in row.items()} == {
                k: (record[k] or "") for k in NAMES
            }


def test_multi_part_quotes_keep_their_parts(outputs: dict[str, bytes]) -> None:
    records = json.loads(outputs["data/pairs/KZ-RU.json"])["claims"]
    helicopters = next(r for r in records if r["id"] == "kz-ru-helicopters")
    assert helicopters["quote_parts"] == [
        {
            "text": "Rosja dostarczyła śmigłowce Mi-8",
            "translation": "Russia delivered Mi-8 helicopters",
        },
        {"text": "do Kazachstanu", "translation": "to Kazakhstan"},
    ]


def test_files_are_deterministic_and_addressed_by_ids() -> None:
    first, second = fixture_outputs(), fixture_outputs()
    data = {p: v for p, v in first.items() if p.startswith(("data/", "feeds/"))}
    assert data == {p: second[p] for p in data}
    # Another build date changes what the files say about their build, not where they are.
    later = fixture_outputs(Edition(EDITION.site_name, EDITION.site_url, None, None))
    assert sorted(p for p in later if p.startswith(("data/", "feeds/"))) == sorted(data)


def test_without_a_site_address_the_addresses_are_relative() -> None:
    outputs = fixture_outputs(Edition("Briefings", None, None, None))
    document = json.loads(outputs["data/pairs/KZ-RU.json"])
    assert "$schema" not in document and document["site_url"] is None
    assert document["claims"][0]["claim_url"].startswith("pairs/KZ-RU/#")
    validator = jsonschema.Draft202012Validator(json.loads(outputs["data/claims.schema.json"]))
    assert validator.is_valid(document)


def test_joined_files_are_the_claims_encoded_directly() -> None:
    """The briefing's and each actor's files, joined from the pairs' files, are the files
    that encoding their claims directly makes; a pair file not made by this render is
    refused rather than joined."""
    corpus = open_fixture()
    edition = Edition(site_name="Briefings", site_url="https://example.org/b/")
    exports = Exports(corpus, edition, ClaimHistory())
    data = DataFiles(corpus, edition, exports.addresses)
    outputs = render_outputs(corpus, edition)
    joined = exports.joined_tasks()
    assert [paths[0] for paths, _ in joined][0] == "data/claims.csv"
    assert len(joined) == 1 + len(corpus.pairs_by_actor)
    scopes = {s.csv: s for s in exports.scopes}
    for paths, join in joined:
        made = join(outputs.__getitem__)
        assert made == data.scope(scopes[paths[0]]), paths
        assert {p: bytes(made[p]) for p in paths} == {p: outputs[p] for p in paths}
    broken = dict(outputs)
    pair = next(p for p in broken if p.startswith("data/pairs/") and p.endswith(".json"))
    broken[pair] = broken[pair].replace(b'"claims": [', b'"claims":[', 1)
    with pytest.raises(DataFileError, match="not the file this build made"):
        joined[0][1](broken.__getitem__)
