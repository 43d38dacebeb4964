"""The code's shape, as the layout promises it: small modules, one way in, one way out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _calls(path: Path) -> list[tuple[str, int]]:
    """Every call in a module, as the dotted name called and its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            found.append((ast.unparse(node.func), node.lineno))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= 400


def test_one_entry_point_to_a_corpus() -> None:
    """Only corpus/open.py runs load and validate (through content's load_content, which
    reads in one process or several); every command goes through open_corpus."""

    def callers(*names: str) -> set[str]:
        return {
            str(path.relative_to(PACKAGE))
            for path in MODULES
            for name, _ in _calls(path)
            if name.split(".")[-1] in names
        }

    assert callers("load_content", "build_corpus") == {"corpus/open.py"}
    assert callers("read_seeds", "validate_seeds") == {"content/parallel.py"}
    commands = {
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "commands").rglob("*.py")
        if any(name.split(".")[-1] == "open_corpus" for name, _ in _calls(path))
    }
    assert {"commands/build.py", "commands/new.py", "commands/diff/compare.py"} <= commands


def test_one_atomic_write_routine() -> None:
    """Files are replaced in one place: publish/files.py's temporary file and rename."""
    replacing = {
        str(path.relative_to(PACKAGE))
        for path in MODULES
        for name, _ in _calls(path)
        if name in ("os.replace", "os.rename", "shutil.move")
    }
    assert replacing == {"publish/files.py"}


def test_nothing_is_passed_through_the_environment() -> None:
    """No stage writes os.environ for another to read: options travel as arguments."""
    for path in MODULES:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                assert "os.environ" not in ast.unparse(target), path
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                assert name not in ("os.putenv", "os.environ.update", "os.environ.setdefault"), (
                    f"{path}:{node.lineno}"
                )


def test_configuration_files_are_read_as_yaml_not_by_pattern() -> None:
    for path in MODULES:
        text = path.read_text("utf-8")
        for name in ("site_name", "topics.yml", "mkdocs.yml"):
            assert f're.search(r"^{name}' not in text, path
        assert 're.search(r"^site_name' not in text and "^([a-z0-9-]{1,80}):" not in text, path


@pytest.mark.parametrize("path", sorted((REPO / "docs/assets").glob("*.css")), ids=lambda p: p.name)
def test_stylesheets_close_every_block(path: Path) -> None:
    """A block left open (a merge can drop a brace) swallows every rule after it."""
    depth = 0
    text = re.sub(r"/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S)
    for number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number}: a '}}' closes nothing"
    assert depth == 0, f"{path.name}: {depth} block(s) never closed"
