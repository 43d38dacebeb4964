"""`briefings serve`: the live preview follows edits under seeds/, and survives mistakes."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ANKA = "seeds/annotations/001_a593577fb9b8170b.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_preview_follows_seeds_and_keeps_last_good_pages(project: Path) -> None:
    port = free_port()
    page = f"http://127.0.0.1:{port}/pairs/KZ-TR/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: "Anka" in fetch(page), "the first preview")

        # An edit to a statement reaches the served page.
        annotation = project / ANKA
        text = annotation.read_text("utf-8")
        edited = text.replace("statement: ", "statement: Edited in preview. ", 1)
        annotation.write_text(edited, "utf-8")
        wait_for(lambda: "Edited in preview." in fetch(page), "the edited statement")

        # A mistake is reported; the last good pages stay.
        annotation.write_text(edited.replace("quote:", "qoute:", 1), "utf-8")
        time.sleep(3)
        assert "Edited in preview." in fetch(page)
        annotation.write_text(text, "utf-8")
        wait_for(lambda: "Edited in preview." not in fetch(page), "the fixed annotation")
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert f"{ANKA}:" in err and "unknown field 'qoute'" in err, err
    assert "Traceback" not in err
