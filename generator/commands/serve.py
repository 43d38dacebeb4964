"""Live preview: MkDocs serves docs/, and the pages are regenerated whenever seeds/ changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..config import CONFIG_FILE
from ..content.files import SEEDS
from ..publish.engine import Engine, start_server

Snapshot = dict[str, tuple[int, int]]


def snapshot(project: Path) -> Snapshot:
    """Name, modification time and size of every file under seeds/: enough to see an edit."""
    found: Snapshot = {}
    for folder, _, files in os.walk(project / SEEDS):
        for name in files:
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def serve(
    project: Path,
    address: str,
    generate: Callable[[Path], int],
    engine: Engine,
    interval: float = 0.5,
) -> int:
    """Serve the site at address; after each change under seeds/, run generate again.

    The engine watches docs/ and reloads the browser when generated pages change. When seeds/
    has a problem, generate prints it and writes nothing, so the preview keeps the last
    good pages until the problem is fixed.
    """
    generate(project)
    if not engine.available():
        print(
            f"error: the site engine {engine.name} is not installed here: pip install "
            f"{engine.package}",
            file=sys.stderr,
        )
        return 1
    server = start_server(engine, project, project / CONFIG_FILE, address, {})
    print(f"watching {SEEDS}/: pages are regenerated when it changes (Ctrl-C stops)")
    seen = snapshot(project)
    try:
        while server.poll() is None:
            time.sleep(interval)
            now = snapshot(project)
            if now != seen:
                seen = now
                print(f"{SEEDS}/ changed: regenerating the pages", file=sys.stderr)
                generate(project)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return 0 if server.returncode in (0, -signal.SIGINT, 130) else server.returncode
