"""One registry of problem codes: messages, CONTRIBUTING.md and `briefings explain` read it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO, briefings

from generator.problems import Location, Problem
from generator.problems.codes import GROUPS, REGISTRY, Code, markdown_table

CONTRIBUTING = REPO / "CONTRIBUTING.md"
START = (
    "<!-- problem codes: written from generator/problems/codes.py; `make golden` rewrites it -->"
)
END = "<!-- end of problem codes -->"


def contributing_tables() -> str:
    """The CONTRIBUTING.md section the registry writes."""
    return "\n".join(f"### {group}\n\n{markdown_table(group)}\n" for group in GROUPS)


def test_contributing_tables_are_the_registry(request: pytest.FixtureRequest) -> None:
    text = CONTRIBUTING.read_text("utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    expected = f"\n\n{contributing_tables()}\n"
    if request.config.getoption("--update-golden"):
        CONTRIBUTING.write_text(text[:start] + expected + text[end:], "utf-8")
        text = CONTRIBUTING.read_text("utf-8")
        end = text.index(END)
    assert text[start:end] == expected, "CONTRIBUTING.md's problem codes differ: make golden"


def test_a_code_missing_from_the_registry_is_refused() -> None:
    with pytest.raises(ValueError, match="not in generator/problems/codes.py"):
        Problem(Location("seeds/x.yml"), Code("made-up-code"), "message")
    assert Problem(Location("seeds/x.yml"), REGISTRY["yaml-syntax"].code, "message")


def _problem_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Problem"
            ):
                calls.append((path, node))
    return calls


def _code_argument(call: ast.Call) -> ast.expr | None:
    keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
    return keyword if keyword is not None else (call.args[1] if len(call.args) > 1 else None)


def test_every_problem_names_a_registered_code() -> None:
    """No code is a string of its own: each is codes.NAME, or a parameter a helper passes on."""
    calls = _problem_calls()
    assert len(calls) > 40
    named = set()
    for path, call in calls:
        arg = _code_argument(call)
        where = f"{path.relative_to(REPO)}:{call.lineno}"
        assert arg is not None, where
        if isinstance(arg, ast.Name):
            assert arg.id == "code", f"{where}: pass a registered code, codes.NAME"
            continue
        assert isinstance(arg, ast.Attribute | ast.IfExp), f"{where}: {ast.unparse(arg)}"
        for part in ast.walk(arg):
            assert not isinstance(part, ast.Constant) or not isinstance(part.value, str), where
            if isinstance(part, ast.Attribute):
                named.add(part.attr)
    from generator.problems import codes

    constants = {name for name in dir(codes) if isinstance(getattr(codes, name), Code)}
    assert named <= constants, named - constants


def test_every_registered_code_is_emitted_somewhere() -> None:
    """The registry lists no code nothing can produce (the tables would explain a ghost)."""
    used = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        if path.name == "codes.py":
            continue
        used |= set(re.findall(r"\bcodes\.([A-Z0-9_]+)\b", path.read_text("utf-8")))
    from generator.problems import codes

    emitted = {str(getattr(codes, name)) for name in used}
    assert set(REGISTRY) - emitted == set()


def test_codes_are_kebab_case_and_documented() -> None:
    for code, entry in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        assert entry.group in GROUPS
        assert entry.meaning.endswith(".") and entry.fix.endswith(".")


def test_explain_prints_the_registry_entry(tmp_path: Path) -> None:
    run = briefings(tmp_path, "explain", "quote-not-found")
    assert run.code == 0, run.err
    entry = REGISTRY["quote-not-found"]
    assert run.out == f"quote-not-found  (Claims)\n  {entry.meaning}\n  Fix: {entry.fix}\n"
    every = briefings(tmp_path, "explain")
    assert every.out.count("\n  Fix: ") == len(REGISTRY)
    unknown = briefings(tmp_path, "explain", "no-such-code")
    assert unknown.code == 2 and "no problem code no-such-code" in unknown.err
