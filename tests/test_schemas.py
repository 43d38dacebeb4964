"""JSON Schemas for editors and for `briefings check`, and CONTRIBUTING.md kept true."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, briefings, copy_project
from jsonschema import Draft202012Validator

from generator.commands.cli import parser
from generator.content.schema import SCHEMAS, check_schema, load_schema
from generator.content.yamltree import parse_yaml, to_plain

SCHEMA_DIR = REPO / "generator" / "schemas"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def kind_of(rel: str) -> str:
    """Name the schema a seeds/ YAML file follows."""
    if rel.startswith("seeds/annotations/"):
        return "annotation"
    if rel.startswith("seeds/pairs/"):
        return "pair"
    return {"seeds/actors.yml": "actors", "seeds/topics.yml": "topics"}[rel]


def seed_yaml_files() -> list[Path]:
    return sorted((REPO / "seeds").rglob("*.yml"))


# -- the schemas -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert load_schema(name) == schema


def test_every_schema_file_is_one_check_uses() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(
        f"{name}.schema.json" for name in SCHEMAS
    )


def test_every_seed_yaml_file_starts_with_its_schema_line() -> None:
    files = seed_yaml_files()
    assert len(files) >= 5
    for path in files:
        rel = path.relative_to(REPO).as_posix()
        first = path.read_text("utf-8").splitlines()[0]
        m = SCHEMA_LINE.fullmatch(first)
        assert m, f"{rel} does not start with a yaml-language-server $schema line"
        target = (path.parent / m.group(1)).resolve()
        assert target == SCHEMA_DIR / f"{kind_of(rel)}.schema.json", rel


def test_real_seeds_are_valid_against_the_schemas() -> None:
    for path in seed_yaml_files():
        rel = path.relative_to(REPO).as_posix()
        tree, problems = parse_yaml(path.read_text("utf-8"), rel)
        assert problems == [] and tree is not None
        errors = list(Draft202012Validator(load_schema(kind_of(rel))).iter_errors(to_plain(tree)))
        assert errors == [], rel
        assert check_schema(kind_of(rel), tree) == []


def test_check_reports_schema_errors_at_their_place(project: Path) -> None:
    path = project / "seeds/topics.yml"
    text = path.read_text("utf-8").replace("  description: Repair", "  descripton: Repair", 1)
    path.write_text(text, "utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "descripton" in x)
    run = briefings(project, "check")
    assert run.code == 1
    assert (
        f"seeds/topics.yml:{line}:3: unknown field 'descripton'; did you mean "
        "'description'? [unknown-field]"
    ) in run.err


# -- CONTRIBUTING.md ---------------------------------------------------------------------


def test_every_subcommand_is_in_contributing() -> None:
    text = CONTRIBUTING.read_text("utf-8")
    sub = next(a for a in parser()._actions if a.dest == "command")
    commands = set(sub.choices)
    assert {"check", "build", "new", "diff"} <= commands
    for command in commands:
        assert f"briefings {command}" in text, command
    mentioned = set(re.findall(r"briefings ([a-z]+)\b", text))
    assert mentioned <= commands, mentioned - commands


def _console(after: str) -> list[str]:
    """Return the lines of the first console block after a phrase, without the prompt."""
    text = CONTRIBUTING.read_text("utf-8")
    block = text[text.index(after) :].split("```console\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def test_contributing_skeleton_example_is_what_check_prints(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    for rel in (
        "documents/001_a593577fb9b8170b.txt",
        "annotations/001_a593577fb9b8170b.yml",
        "pairs/KZ-TR.yml",
    ):
        (seeds / rel).unlink()
    project = copy_project(tmp_path / "project", seeds)
    article = tmp_path / "kazachstan-turcja.txt"
    shutil.copy(REPO / "seeds/documents/001_a593577fb9b8170b.txt", article)
    new = briefings(project, "new", str(article))
    expected_new = _console("### 2. Add it with `briefings new`")
    assert expected_new[0] == "$ .venv/bin/briefings new ~/Downloads/kazachstan-turcja.txt"
    shown = [line.replace("/home/you/Downloads/", f"{tmp_path}/") for line in expected_new[1:]]
    assert new.out.splitlines() == shown
    check = briefings(project, "check")
    assert ["$ .venv/bin/briefings check", *check.err.splitlines()] == _console(
        "The skeleton does not pass"
    )


def test_contributing_quote_example_is_what_check_prints(project: Path) -> None:
    path = project / "seeds/annotations/001_a593577fb9b8170b.yml"
    text = path.read_text("utf-8")
    wrong = text.replace(
        "tureckich bezzałogowych statków powietrznych (UAV) Anka w Kazachstanie "
        "rozpocznie się w 2024 roku.'",
        "tureckich dronów Anka w Kazachstanie rozpocznie się w 2024 roku.'",
        1,
    )
    assert wrong != text
    path.write_text(wrong, "utf-8")
    check = briefings(project, "check")
    assert ["$ .venv/bin/briefings check", *check.err.splitlines()] == _console("Suppose the quote")
    example = CONTRIBUTING.read_text("utf-8").split("Suppose the quote on line ")[1]
    line = int(example.split()[0])
    assert "tureckich dronów Anka" in wrong.splitlines()[line - 1]
