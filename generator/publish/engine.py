"""The site engine adapter: the one module that knows how to build and serve with an engine.

MkDocs with Material for MkDocs is the default. ProperDocs (a maintained drop-in fork of
MkDocs) and Zensical (Material's successor, which reads mkdocs.yml) can stand in for it:
each is a command line run on the same docs/ and mkdocs.yml.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomic
from .parts import run_parts


@dataclass(frozen=True, slots=True)
class EngineResult:
    """The outcome of one engine run."""

    ok: bool
    output: str


@dataclass(frozen=True, slots=True)
class Engine:
    """A site engine driven by its command line: `python -m <module> build|serve ...`.

    MkDocs and ProperDocs share one command line; Zensical is a subclass that differs.
    """

    name: str
    module: str  # the Python module that runs the command line
    package: str  # what `pip install` calls it
    needs: tuple[str, ...] = ()  # further modules that must be importable
    python: str | None = None  # the Python it is installed in, when not this one
    # It runs the project's hooks (overrides/hooks.py), which can build a part of the site.
    parts: bool = False

    @property
    def interpreter(self) -> str:
        """The Python that runs the engine."""
        return self.python or sys.executable

    def available(self) -> bool:
        """Say whether the engine is installed in the Python that runs it."""
        modules = (self.module, *self.needs)
        if self.python is None:
            return all(importlib.util.find_spec(m) is not None for m in modules)
        probe = (
            "import importlib.util as u, sys; "
            "sys.exit(any(u.find_spec(m) is None for m in sys.argv[1:]))"
        )
        return subprocess.run([self.python, "-c", probe, *modules], check=False).returncode == 0

    def build(
        self, project: Path, config: Path, site_dir: Path, env: Mapping[str, str]
    ) -> EngineResult:
        """Build the site from config into site_dir; `env` adds to the process's environment.

        An engine that runs the project's hooks (`parts`) builds in two parts at once, one
        process a core (parts.py): the same files, in about half the time on two cores.
        """
        if not self.parts:
            return _run(self._command(config, site_dir), project, env)

        def start(part: str, out_dir: Path, settings: Mapping[str, str]) -> _Process:
            return _Process(self._command(config, out_dir), project, {**env, **settings}, out_dir)

        ok, output = run_parts(start, site_dir, site_dir.with_name(f"{site_dir.name}.pages"))
        return EngineResult(ok, output)

    def _command(self, config: Path, site_dir: Path) -> list[str]:
        command = [self.interpreter, "-m", self.module, "build", "--clean", "--strict"]
        return [*command, "--config-file", str(config), "--site-dir", str(site_dir)]

    def serve_command(self, config: Path, address: str) -> list[str]:
        """The command line that serves a live preview at address (HOST:PORT)."""
        command = [self.interpreter, "-m", self.module, "serve"]
        return [*command, "--config-file", str(config), "--dev-addr", address]


# Zensical colours its messages even when they are not read by a terminal.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True, slots=True)
class Zensical(Engine):
    """Zensical reads mkdocs.yml, but takes its output folder only from a configuration file.

    The adapter writes one next to mkdocs.yml (Zensical wants the output inside the folder
    that holds its configuration), inheriting everything and naming the output folder.
    """

    def _config(self, config: Path, site_dir: Path) -> Path:
        generated = config.with_name(f".{config.stem}.{self.name}.yml")
        relative = os.path.relpath(site_dir, config.parent)
        text = f"# Written by briefings for one {self.name} run.\nINHERIT: {config.name}\n"
        write_atomic(generated, f"{text}site_dir: {json.dumps(relative)}\n".encode())
        return generated

    def build(
        self, project: Path, config: Path, site_dir: Path, env: Mapping[str, str]
    ) -> EngineResult:
        generated = self._config(config, site_dir)
        try:
            command = [self.interpreter, "-m", self.module, "build", "-f", str(generated)]
            result = _run(command, project, env)
        finally:
            generated.unlink(missing_ok=True)
        return EngineResult(result.ok, _ANSI.sub("", result.output))

    def serve_command(self, config: Path, address: str) -> list[str]:
        # `zensical serve` builds into the configured output folder: keep site/ out of it.
        generated = self._config(config, config.parent / ".briefings" / "serve-site")
        return [self.interpreter, "-m", self.module, "serve", "-f", str(generated), "-a", address]


class _Process:
    """An engine process started now, its messages written to a file beside its output."""

    def __init__(self, command: list[str], project: Path, env: Mapping[str, str], out: Path):
        self.log = out.with_name(f"{out.name}.log")
        with self.log.open("w", encoding="utf-8") as output:
            self.process = subprocess.Popen(
                command,
                cwd=project,
                env={**os.environ, **env},
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait(self) -> tuple[bool, str]:
        """Wait for the process: whether it succeeded, and what it printed."""
        code = self.process.wait()
        text = self.log.read_text("utf-8", errors="replace")
        self.log.unlink(missing_ok=True)
        return code == 0, text.strip()

    def kill(self) -> None:
        """Stop the process (an interrupted build)."""
        self.process.kill()
        self.process.wait()
        self.log.unlink(missing_ok=True)


def _run(command: list[str], project: Path, env: Mapping[str, str]) -> EngineResult:
    done = subprocess.run(
        command,
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return EngineResult(done.returncode == 0, (done.stdout + done.stderr).strip())


ENGINES: Mapping[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", "mkdocs", parts=True),
        Engine("properdocs", "properdocs", "properdocs", parts=True),
        # From 0.0.74 its theme lives in the zensical-ui package.
        Zensical("zensical", "zensical", "zensical"),
    )
}
DEFAULT_ENGINE = "mkdocs"


def run_build(
    engine: Engine, project: Path, config: Path, out_dir: Path, env: Mapping[str, str]
) -> EngineResult:
    """Build the site into out_dir; `env` adds to the engine process's environment."""
    if not engine.available():
        return EngineResult(
            False,
            f"error: the site engine {engine.name} is not installed here: "
            f"pip install {engine.package}",
        )
    return engine.build(project, config, out_dir, env)


def start_server(
    engine: Engine, project: Path, config: Path, address: str, env: Mapping[str, str]
) -> subprocess.Popen[bytes]:
    """Start the engine's live preview server; the caller stops it."""
    return subprocess.Popen(
        engine.serve_command(config, address), cwd=project, env={**os.environ, **env}
    )
