"""Open exported maps in headless Debian Chromium with every network request blocked.

Used by tests/test_export.py. Needs the Debian ``chromium`` package
(``apt-get install -y chromium``) and the Python ``playwright`` package; never
``playwright install``, which downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("ISLANDCHAIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "out" / "test-artifacts"


@dataclass
class PageRun:
    """What happened while one page loaded.

    Attributes
    ----------
    requests : list of str
        Every URL the page asked for, in order (blocked or not).
    blocked : list of str
        URLs that were aborted because they were not ``file:`` or ``data:``.
    console_errors : list of str
        ``console.error`` messages and failed loads the console reported.
    page_errors : list of str
        Uncaught exceptions.
    ready_ms : float or None
        ``window.__islandchainReady``: ms from navigation start to the first
        frame after every layer was added.
    """

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    ready_ms: float | None = None


def chromium_missing_reason() -> str | None:
    """Return why Chromium cannot be used here, or None if it can."""
    if not Path(CHROMIUM).exists():
        return f"Debian chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed"
    return None


class OfflineBrowser:
    """A headless Chromium with a fresh profile whose pages cannot reach any network."""

    def __init__(self, context: Any) -> None:
        self._context = context

    @contextmanager
    def open(
        self,
        path: Path,
        *,
        timeout_ms: float = 20_000,
        size: tuple[int, int] = (1200, 800),
        touch: bool = False,
    ) -> Iterator[tuple[Any, PageRun]]:
        """Load ``path`` at ``size`` (width, height) and yield the page with its :class:`PageRun`.

        Every request is recorded; anything that is not ``file:`` or
        ``data:`` is aborted. Waits for ``window.__islandchainReady`` and
        for the labels to be placed.
        """
        run = PageRun()
        page = self._context.new_page()
        page.set_viewport_size({"width": size[0], "height": size[1]})

        def route(route: Any) -> None:
            url = route.request.url
            run.requests.append(url)
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                run.blocked.append(url)
                route.abort()

        def console(message: Any) -> None:
            if message.type == "error":
                run.console_errors.append(message.text)

        page.route("**/*", route)
        page.on("console", console)
        page.on("pageerror", lambda exc: run.page_errors.append(str(exc)))
        page.on("requestfailed", lambda req: run.console_errors.append(f"failed: {req.url}"))
        try:
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            page.wait_for_function("window.__islandchainReady !== undefined", timeout=timeout_ms)
            run.ready_ms = page.evaluate("window.__islandchainReady")
            page.wait_for_timeout(150)  # labels are placed on the next animation frames
            yield page, run
        finally:
            page.close()


@contextmanager
def offline_browser() -> Iterator[OfflineBrowser]:
    """Launch Debian Chromium headless with a fresh, throw-away profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="islandchain-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                service_workers="block",
            )
            try:
                yield OfflineBrowser(context)
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def stable_path_count(page: Any, selector: str, *, timeout_s: float = 10.0) -> int:
    """Return the number of ``selector`` matches once it stops changing."""
    last, since = -1, time.monotonic()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        count = page.locator(selector).count()
        if count != last:
            last, since = count, time.monotonic()
        elif time.monotonic() - since > 0.3:
            break
        time.sleep(0.05)
    return last


def layer_labels(page: Any) -> list[str]:
    """The names in the map's layer control, as the reader sees them."""
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    return [t.strip() for t in labels]
