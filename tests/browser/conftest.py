"""Browser fixtures: Debian's Chromium through Playwright, the two outputs, every request.

Both outputs of one session build (the `built` fixture) are served the way readers get
them: site/ by a static server on 127.0.0.1 with directory URLs, and the offline bundle
unzipped into a folder and opened from disk (file://). Every request a page makes is
recorded; a test fails if one would leave the machine, or if a local file is missing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]

# Debian's Chromium (.ci/run installs it); Playwright's own browser download is not used.
CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
# Without these Chromium itself calls Google (updates, sync, safe browsing...). Those calls
# are the browser's, not the page's: page requests are recorded through Playwright events.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# Schemes that never leave the machine; http(s) only to the test's own server.
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
LOCAL_HOSTS = {"127.0.0.1"}


@dataclass(frozen=True)
class Output:
    """One output of the build as a reader reaches it: where each page is."""

    name: str  # "http" (site/, hosted) or "file" (the offline bundle from disk)
    base: str  # URL of the site's root, ending in "/"
    root: Path  # the folder it is served from

    def url(self, page: str) -> str:
        """URL of a page given as its directory URL ("" for home, "pairs/KZ-TR/")."""
        if self.name == "http":
            return self.base + page
        # From disk there is no directory index: a page is its folder's index.html.
        return self.base + page + "index.html"

    def path_of(self, url: str) -> str:
        """The page a URL shows, as its directory URL (fragment and query dropped)."""
        rel = url.split("#", 1)[0].split("?", 1)[0]
        assert rel.startswith(self.base), f"{url} is not under {self.base}"
        rel = rel[len(self.base) :]
        if self.name == "file":
            rel = re.sub(r"(^|/)index\.html$", r"\1", rel)
        return rel


class QuietHandler(SimpleHTTPRequestHandler):
    """A static host: directory URLs through index.html, and the site's own 404 page."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a trace when the browser drops a connection."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(root: Path) -> Iterator[Output]:
    """A built site/ served over http by a static server on 127.0.0.1 (any free port)."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield Output("http", f"http://{host}:{port}/", root)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def http_output(built: Path) -> Iterator[Output]:
    """site/ served over http by a static server on 127.0.0.1 (any free port)."""
    with serve(built / "site") as output:
        yield output


@pytest.fixture(scope="session")
def file_output(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Output:
    """The offline bundle unzipped into a fresh folder, opened from disk."""
    bundle = built / "dist" / "briefings-offline.zip"
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(target)
    (root,) = [p for p in target.iterdir() if p.is_dir()]
    assert (root / "index.html").is_file()
    return Output("file", root.as_uri() + "/", root)


def unzipped(built: Path, target: Path) -> Output:
    """A project's offline bundle unzipped into target, opened from disk."""
    with zipfile.ZipFile(built / "dist" / "briefings-offline.zip") as archive:
        archive.extractall(target)
    (root,) = [p for p in target.iterdir() if p.is_dir()]
    assert (root / "index.html").is_file()
    return Output("file", root.as_uri() + "/", root)


@pytest.fixture(scope="session", params=["http", "file"])
def long_output(
    request: pytest.FixtureRequest, long_built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Output]:
    """The seeds with a long pair (conftest.add_long_pair): over http, then from disk."""
    if request.param == "file":
        yield unzipped(long_built, tmp_path_factory.mktemp("long-unzipped"))
        return
    with serve(long_built / "site") as output:
        yield output


@pytest.fixture(scope="session", params=["http", "file"])
def output(request: pytest.FixtureRequest) -> Output:
    """Each output in turn: the hosted site over http, the offline bundle from disk."""
    return request.getfixturevalue(f"{request.param}_output")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium, no sandbox; each test gets fresh contexts (profiles).

    Without Chromium the browser tests skip, unless BRIEFINGS_REQUIRE_BROWSER=1 (set by
    .ci/run): then they fail.
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("BRIEFINGS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and BRIEFINGS_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def is_local(url: str) -> bool:
    """Whether a request for url stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@dataclass
class Requests:
    """What the pages asked for: every URL, the ones leaving the machine, local failures."""

    seen: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def request(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        self.seen.append(url)
        if not is_local(url):
            self.external.append(url)

    def response(self, response: object) -> None:
        status = response.status  # type: ignore[attr-defined]
        url = response.url  # type: ignore[attr-defined]
        # 404 only where a test asks for a missing page on purpose.
        if status >= 400 and not url.endswith("/no-such-page/"):
            self.failed.append(f"{status} {url}")

    def request_failed(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        failure = request.failure  # type: ignore[attr-defined]
        # ERR_ABORTED: the browser dropped it, leaving the page (a favicon still loading);
        # a missing file over http is a 404 response above, from disk ERR_FILE_NOT_FOUND.
        if is_local(url) and failure != "net::ERR_ABORTED":
            self.failed.append(f"{failure} {url}")


@dataclass
class Browse:
    """Open pages in fresh browser contexts whose every request is recorded."""

    browser: object
    requests: Requests = field(default_factory=Requests)
    contexts: list[object] = field(default_factory=list)

    def new_page(self, color_scheme: str = "light", **options: object) -> object:
        context = self.browser.new_context(  # type: ignore[attr-defined]
            viewport=VIEWPORT, color_scheme=color_scheme, service_workers="block", **options
        )
        self.contexts.append(context)
        context.on("request", self.requests.request)
        context.on("response", self.requests.response)
        context.on("requestfailed", self.requests.request_failed)
        # Never let a request out, even if one were attempted: recorded above, aborted here.
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        page = context.new_page()
        page.on("websocket", lambda ws: self.requests.request(ws))
        page.on("pageerror", lambda error: self.requests.errors.append(str(error)))
        page.set_default_timeout(10_000)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()  # type: ignore[attr-defined]


@pytest.fixture
def browse(browser: object) -> Iterator[Browse]:
    """Fresh pages for one test; it fails on any request off the machine or page error."""
    session = Browse(browser)
    yield session
    session.close()
    assert session.requests.seen, "the test made no request at all"
    assert not session.requests.external, f"requests left the machine: {session.requests.external}"
    assert not session.requests.failed, f"local requests failed: {session.requests.failed}"
    assert not session.requests.errors, f"JavaScript errors: {session.requests.errors}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's axe.min.js, from the pinned npm package."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder a reviewer opens: tests/artifacts/screenshots/ (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
