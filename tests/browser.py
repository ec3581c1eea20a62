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
#: Screenshots and measurements of the browser tests (outside the repository).
ARTIFACTS = Path(tempfile.gettempdir()) / "islandchain-test-artifacts"
#: The two screens every map is checked on: a laptop and a phone.
SCREENS = {"laptop": (1400, 900), "phone": (390, 844)}


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
    def served(
        self,
        base: str,
        path: str = "",
        *,
        size: tuple[int, int] = (1200, 800),
        timeout_ms: float = 240_000,
    ) -> Iterator[tuple[Any, PageRun]]:
        """Open ``path`` of the page served at ``base`` (a loopback URL); other origins are blocked.

        ``data:``, ``blob:`` and ``about:`` (a frame's ``srcdoc``) stay allowed.
        """
        run = PageRun()
        page = self._context.new_page()
        page.set_default_timeout(timeout_ms)
        page.set_viewport_size({"width": size[0], "height": size[1]})

        def route(route: Any) -> None:
            url = route.request.url
            run.requests.append(url)
            if url.startswith((base, "data:", "blob:", "about:")):
                route.continue_()
            else:
                run.blocked.append(url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
        page.on("pageerror", lambda exc: run.page_errors.append(str(exc)))
        try:
            page.goto(base + path, wait_until="load", timeout=timeout_ms)
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


def visible_labels(page: Any) -> list[str]:
    """Texts of the permanent labels the placement left visible and inside the map."""
    return page.evaluate(
        """() => {
        const box = document.querySelector('.leaflet-container').getBoundingClientRect();
        return Array.from(document.querySelectorAll('.ic-label'))
          .filter(e => !e.classList.contains('ic-label-hidden'))
          .filter(e => { const r = e.getBoundingClientRect();
                         return r.width > 0 && r.left >= box.left && r.right <= box.right
                                && r.top >= box.top && r.bottom <= box.bottom; })
          .map(e => e.textContent);
    }"""
    )


def control_overlaps(page: Any) -> list[tuple[str, str]]:
    """Pairs of visible map controls whose boxes overlap (should be none)."""
    return page.evaluate(
        """() => {
        const els = Array.from(document.querySelectorAll('.leaflet-control'))
          .filter(e => { const r = e.getBoundingClientRect(); return r.width && r.height; });
        const name = e => e.className.split(' ').filter(c => c !== 'leaflet-control')[0];
        const out = [];
        for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
          const a = els[i].getBoundingClientRect(), b = els[j].getBoundingClientRect();
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
            out.push([name(els[i]), name(els[j])]);
        }
        return out;
    }"""
    )


def map_object(page: Any) -> str:
    """The name of the page's Leaflet map variable."""
    return page.evaluate("() => Object.keys(window).find(k => k.startsWith('map_'))")


def container_point(page: Any, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates of (lat, lon) on the map, in the view the map opened on.

    A popup pans the map to fit; the view is put back first.
    """
    name = map_object(page)
    return tuple(
        page.evaluate(
            f"""() => {{
            const m = window[{name!r}];
            m.closePopup();
            if (m.__icOpened) {{ m.setView(m.__icOpened[0], m.__icOpened[1], {{animate: false}}); }}
            else {{ m.__icOpened = [m.getCenter(), m.getZoom()]; }}
            const p = m.latLngToContainerPoint([{lat}, {lon}]);
            const r = m.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }}"""
        )
    )


def click_popup(page: Any, x: float, y: float) -> str:
    """Click at (x, y) and return the text of the popup that opens ('' if none)."""
    name = map_object(page)
    page.evaluate(f"() => window[{name!r}].closePopup()")
    page.mouse.click(x, y)
    page.wait_for_timeout(120)
    popup = page.locator(".leaflet-popup-content")
    return popup.first.inner_text() if popup.count() else ""


def label_distances(page: Any) -> list[tuple[str, float]]:
    """Each visible permanent label and its distance in px from its anchor (0 when on it).

    The anchor is the label's place on the map (``tooltip.getLatLng()``) in page
    pixels; the distance is from that point to the nearest edge of the label's box.
    """
    return [
        (t, d)
        for t, d in page.evaluate(
            """() => islandchain.labels
        .filter(r => r.on && r.tip.getElement() &&
                     !r.tip.getElement().classList.contains('ic-label-hidden'))
        .map(r => {
          const el = r.tip.getElement(), b = el.getBoundingClientRect();
          const c = r.map.getContainer().getBoundingClientRect();
          const p = r.map.latLngToContainerPoint(r.tip.getLatLng());
          const x = p.x + c.left, y = p.y + c.top;
          const dx = Math.max(b.left - x, 0, x - b.right);
          const dy = Math.max(b.top - y, 0, y - b.bottom);
          return [el.textContent, Math.hypot(dx, dy)];
        })"""
        )
    ]
