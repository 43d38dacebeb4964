"""The layout is the pipeline: import-linter's layers contract (pyproject.toml) holds."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO

CONTRACT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]


# import-linter's own command, installed beside this Python.
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def lint_imports(config: Path, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(config), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", **env},
    )


def test_imports_flow_one_way() -> None:
    done = lint_imports(REPO / "pyproject.toml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_every_subpackage_is_in_a_layer() -> None:
    layered = {
        name.strip().removeprefix("generator.")
        for layer in CONTRACT["contracts"][0]["layers"]
        for name in layer.split("|")
    }
    top = {p.name for p in (REPO / "generator").iterdir() if (p / "__init__.py").is_file()}
    top |= {p.stem for p in (REPO / "generator").glob("*.py") if not p.stem.startswith("_")}
    assert top == layered, "put every module or folder of generator/ in a layer"


def test_the_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """A stage importing a command breaks the contract: the check is not a formality."""
    package = tmp_path / "generator"
    for path in (REPO / "generator").rglob("*.py"):
        target = package / path.relative_to(REPO / "generator")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text("utf-8"), "utf-8")
    with (package / "render" / "outputs.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom ..commands import cli  # noqa: E402,F401\n")
    config = tmp_path / "pyproject.toml"
    config.write_text((REPO / "pyproject.toml").read_text("utf-8"), "utf-8")
    done = lint_imports(config, tmp_path, PYTHONPATH=str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "generator.render.outputs -> generator.commands.cli" in done.stdout
