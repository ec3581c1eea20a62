"""Write folium maps as single, self-contained HTML files that open offline.

This is the only islandchain module that writes HTML. The page it makes:

* inlines Leaflet's JS and CSS, read at run time from the installed
  ``django-js-lib-leaflet`` package, with the CSS images as ``data:`` URIs;
* drops every CDN link folium adds by default (jQuery, Bootstrap,
  Font Awesome, awesome-markers, Leaflet itself), and refuses maps whose
  elements need other remote scripts or jQuery;
* is byte-identical for identical input: folium's random element ids are
  renamed by order of first appearance;
* sets ``window.__islandchainReady`` to ``performance.now()`` on the first
  animation frame after every layer was added, so tests can time the load.

Examples
--------
>>> from islandchain.mapping import make_map
>>> page = render_html(make_map([]))
>>> "<script src=" in page
False
"""

from __future__ import annotations

import base64
import copy
import html
import importlib.resources
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin

from .atomic import write_atomic
from .errors import OfflineExportError, OutputError
from .mapping.escape import RawText
from .mapping.layers import IslandchainLayer

__all__ = [
    "OfflineExportError",
    "LeafletAssets",
    "leaflet_assets",
    "find_remote_resources",
    "InlineMap",
    "inline",
    "render_html",
    "write_atomic",
    "to_html",
    "FIGURE_FORMATS",
    "figure_bytes",
    "to_figure",
    "to_map",
]

#: Static figure formats, chosen by the output file's extension.
FIGURE_FORMATS = ("png", "svg", "pdf")

_LEAFLET_PACKAGE = "js_lib_leaflet"
_LEAFLET_DIR = ("static", "js_lib_leaflet")
_READY_JS = (
    "\nrequestAnimationFrame(function () { window.__islandchainReady = performance.now(); });\n"
)
# Folium/branca ids are uuid-like: 32 lower-case hex digits.
_ID_TOKEN = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
_REMOTE_PATTERNS = (
    ("script src", re.compile(r"<script\b[^>]*\bsrc\s*=", re.IGNORECASE)),
    ("link element", re.compile(r"<link\b[^>]*>", re.IGNORECASE)),
    ("CSS @import", re.compile(r"@import\b", re.IGNORECASE)),
    (
        "remote element source",
        re.compile(
            r"<(?:img|iframe|embed|object|source|video|audio|track)\b[^>]*"
            r"\b(?:src|data|srcset)\s*=\s*[\"']?\s*(?:https?:)?//",
            re.IGNORECASE,
        ),
    ),
)
# Inside CSS only data: URIs and in-document fragments (#id) are allowed.
_CSS_URL = re.compile(r"url\(\s*[\"']?\s*(?!data:|#)([^)\"']*)", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"\bstyle\s*=\s*\"([^\"]*)\"", re.IGNORECASE)


@dataclass(frozen=True)
class LeafletAssets:
    """Leaflet's files, ready to inline.

    Parameters
    ----------
    version : str
        Version of the ``django-js-lib-leaflet`` package they came from.
    js : str
        ``leaflet.js`` without its source-map comment.
    css : str
        ``leaflet.css`` with its images as ``data:`` URIs.
    icon_urls : dict of str to str
        ``data:`` URIs of the default marker images, by Leaflet option name.
    """

    version: str
    js: str
    css: str
    icon_urls: dict[str, str]

    def head_html(self) -> str:
        """Return the ``<style>`` and ``<script>`` elements for the page head.

        Returns
        -------
        str
            Leaflet CSS, Leaflet JS, and a few lines pointing the default
            marker icon at inlined images (so even plain markers stay offline).
        """
        icon_js = "".join(f"{key}:{_js_string(url)}," for key, url in self.icon_urls.items())
        return (
            f"<!-- Leaflet {html.escape(self.version)} (BSD-2-Clause), inlined -->\n"
            f"<style>{self.css}</style>\n"
            f"<script>{self.js}</script>\n"
            "<script>\n"
            "L.Icon.Default.mergeOptions({" + icon_js + "});\n"
            "// The URLs are complete data: URIs, so no image path may be prefixed.\n"
            "L.Icon.Default.prototype._getIconUrl = function (name) {\n"
            "  return L.Icon.prototype._getIconUrl.call(this, name);\n"
            "};\n"
            "</script>\n"
        )


def _js_string(text: str) -> str:
    """Quote ``text`` as a JavaScript string (inputs here are ASCII data URIs)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _leaflet_file(*parts: str) -> bytes:
    """Read one file of the installed Leaflet distribution."""
    root = importlib.resources.files(_LEAFLET_PACKAGE)
    return root.joinpath(*_LEAFLET_DIR, *parts).read_bytes()


def _data_uri(png: bytes) -> str:
    """Return a PNG as a base64 ``data:`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _guard_raw_text(text: str, closing: str) -> str:
    """Make sure ``text`` cannot end its raw-text element early.

    ``</script`` may only appear inside JS strings or regexes, where ``<\\/``
    means the same; CSS has no legitimate use for ``</style``.
    """
    pattern = re.compile(re.escape(f"</{closing}"), re.IGNORECASE)
    return pattern.sub(f"<\\\\/{closing}", text)


@cache
def leaflet_assets() -> LeafletAssets:
    """Load Leaflet from the installed ``django-js-lib-leaflet`` package.

    Returns
    -------
    LeafletAssets
        Cached after the first call.

    Raises
    ------
    OfflineExportError
        If the package or one of its files is missing.

    Examples
    --------
    >>> leaflet_assets().version
    '1.9.4.1'
    """
    try:
        import js_lib_leaflet

        js = _leaflet_file("leaflet.js").decode("utf-8")
        css = _leaflet_file("leaflet.css").decode("utf-8")
        images = {
            name: _data_uri(_leaflet_file("images", name))
            for name in (
                "layers.png",
                "layers-2x.png",
                "marker-icon.png",
                "marker-icon-2x.png",
                "marker-shadow.png",
            )
        }
    except (ImportError, FileNotFoundError, OSError) as exc:
        raise OfflineExportError(
            "Leaflet is missing: install the 'django-js-lib-leaflet' package "
            f"({exc.__class__.__name__}: {exc})"
        ) from exc
    # The map file is not shipped, so its comment would only make devtools fetch it.
    js = re.sub(r"//# sourceMappingURL=\S*\s*$", "", js)
    for name, uri in images.items():
        css = css.replace(f"url(images/{name})", f"url({uri})")
    icon_urls = {
        "iconUrl": images["marker-icon.png"],
        "iconRetinaUrl": images["marker-icon-2x.png"],
        "shadowUrl": images["marker-shadow.png"],
    }
    return LeafletAssets(
        version=js_lib_leaflet.__version__,
        js=_guard_raw_text(js, "script"),
        css=_guard_raw_text(css, "style"),
        icon_urls=icon_urls,
    )


def _iter_elements(root: Element) -> list[Element]:
    """Return every element reachable from ``root``, parents before children.

    Besides ``_children`` this follows element-valued attributes (a Popup's
    ``html``, the map's ``global_switches``), whose ids can reach the page.
    """
    seen: set[int] = set()
    order: list[Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        order.append(element)
        attrs = [v for k, v in vars(element).items() if k != "_parent" and isinstance(v, Element)]
        stack.extend(reversed(list(element._children.values()) + attrs))
    return order


def _check_offline(fmap: folium.Map, elements: list[Element]) -> None:
    """Raise OfflineExportError for elements that need the network or jQuery."""
    for element in elements:
        if isinstance(element, JSCSSMixin) and element is not fmap:
            urls = [url for _, url in list(element.default_js) + list(element.default_css)]
            if urls:
                raise OfflineExportError(
                    f"{type(element).__name__} loads {', '.join(urls)} from the network; "
                    "offline maps allow only islandchain.mapping elements"
                )
        if isinstance(element, folium.Popup):
            raise OfflineExportError(
                "folium.Popup needs jQuery, which offline maps do not load; "
                "pass popups to islandchain.mapping functions instead"
            )
    if fmap.objects_to_stay_in_front:
        raise OfflineExportError("keep_in_front() needs jQuery, which offline maps do not load")


def _stable_ids(page: str, elements: list[Element]) -> str:
    """Rename random element ids by order of first appearance in ``page``."""
    known = {element._id for element in elements}
    renamed: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        token = match.group(0)
        if token not in known:
            return token
        if token not in renamed:
            renamed[token] = f"ic{len(renamed):05d}"
        return renamed[token]

    return _ID_TOKEN.sub(rename, page)


def find_remote_resources(page: str) -> list[str]:
    """List everything in ``page`` that a browser would fetch from elsewhere.

    Links in text (``<a href>``, attribution) are not resources and are
    ignored; tile URLs inside scripts are not seen either (tiles are opt-in).

    Parameters
    ----------
    page : str
        HTML text.

    Returns
    -------
    list of str
        One description per offending snippet; empty when the page is
        self-contained.

    Examples
    --------
    >>> find_remote_resources('<link rel="stylesheet" href="https://x/a.css">')
    ['link element: <link rel="stylesheet" href="https://x/a.css">']
    """
    found = [
        f"{what}: {m.group(0)[:120]}" for what, rx in _REMOTE_PATTERNS for m in rx.finditer(page)
    ]
    css = _STYLE_BLOCK.findall(page) + _STYLE_ATTR.findall(page)
    found += [
        f"CSS url: url({m.group(1)[:120]})" for block in css for m in _CSS_URL.finditer(block)
    ]
    return found


def _strip_links(figure: Figure) -> None:
    """Remove JavascriptLink/CssLink children a previous render left in the head."""
    for name, child in list(figure.header._children.items()):
        if isinstance(child, JavascriptLink | CssLink):
            del figure.header._children[name]


def _private_copy(m: folium.Map) -> tuple[Figure, folium.Map]:
    """Deep-copy the map's figure, sharing only the (read-only) layer data.

    Rendering mutates a folium tree (it appends script snippets named by
    fresh random ids to the figure), so rendering the caller's map twice
    would duplicate code. A private copy keeps ``render_html`` pure.
    """
    figure = m.get_root()
    if not isinstance(figure, Figure):
        raise OfflineExportError("the map is not inside a branca Figure")
    memo: dict[int, object] = {}
    for element in _iter_elements(figure):
        if isinstance(element, IslandchainLayer):
            # Large and never changed after construction: no need to copy.
            memo[id(element.data)] = element.data
            memo[id(element.story_layer)] = element.story_layer
    figure_copy = copy.deepcopy(figure, memo)
    return figure_copy, memo[id(m)]  # type: ignore[return-value]


def render_html(m: folium.Map, *, title: str = "islandchain map") -> str:
    """Render ``m`` as one self-contained HTML page.

    Parameters
    ----------
    m : folium.Map
        Built with :func:`islandchain.mapping.make_map` or from its layers.
    title : str
        Page title (plain text, escaped).

    Returns
    -------
    str
        The page. Identical maps give identical strings.

    Raises
    ------
    OfflineExportError
        If an element needs remote files or jQuery, or a remote resource
        is left in the page.

    Examples
    --------
    >>> from islandchain.mapping import make_map
    >>> render_html(make_map([])) == render_html(make_map([]))
    True
    """
    figure, fmap = _private_copy(m)
    _check_offline(fmap, _iter_elements(figure))
    _strip_links(figure)
    figure.header.add_child(RawText(leaflet_assets().head_html()), name="islandchain_leaflet")
    figure.title = html.escape(title)
    # Instance attributes shadow folium's class-level CDN lists for this copy only.
    fmap.default_js, fmap.default_css = [], []
    page = figure.render()
    head, end_script, tail = page.rpartition("</script>")
    page = head + _READY_JS + end_script + tail
    page = _stable_ids(page, _iter_elements(figure))
    remote = find_remote_resources(page)
    if remote:
        raise OfflineExportError("page would load remote resources: " + "; ".join(remote))
    return page


def to_html(m: folium.Map, path: str | os.PathLike[str], *, title: str = "islandchain map") -> Path:
    """Write ``m`` to ``path`` as one self-contained, offline HTML file.

    Parameters
    ----------
    m : folium.Map
        The map.
    path : str or path-like
        Output file; parent folders are created.
    title : str
        Page title (plain text).

    Returns
    -------
    pathlib.Path
        The file written (UTF-8, no newline translation).

    Examples
    --------
    >>> from islandchain.mapping import make_map
    >>> import tempfile, pathlib
    >>> out = to_html(make_map([]), pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> out.stat().st_size > 100_000
    True
    """
    page = render_html(m, title=title)
    return write_atomic(path, page)


class InlineMap:
    """A map shown in a notebook from its self-contained page, so it needs no network.

    Jupyter renders ``_repr_html_``: an ``<iframe srcdoc>`` holding the page
    that :func:`render_html` makes (folium's own notebook view loads Leaflet
    from the web).
    """

    def __init__(self, m: folium.Map, *, title: str = "islandchain map", height: int = 520):
        self.page = render_html(m, title=title)
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:0" '
            'sandbox="allow-scripts"></iframe>'
        )


def inline(m: folium.Map, *, title: str = "islandchain map", height: int = 520) -> InlineMap:
    """Show ``m`` in a notebook with no network: the self-contained page in an iframe.

    Parameters
    ----------
    m : folium.Map
        The map.
    title : str
        Page title (plain text).
    height : int
        Height of the frame in pixels.

    Returns
    -------
    InlineMap
        Displayed by Jupyter as the map.

    Examples
    --------
    >>> from islandchain.mapping import make_map
    >>> "<iframe srcdoc=" in inline(make_map([]))._repr_html_()
    True
    """
    return InlineMap(m, title=title, height=height)


def figure_bytes(fig: object, fmt: str) -> bytes:
    """Render a matplotlib figure as PNG, SVG or PDF bytes, the same bytes for the same figure.

    SVG text stays text (searchable, editable); dates are left out of the
    metadata so that identical figures give identical files.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        E.g. from :func:`islandchain.mapping.figure.story_figure`.
    fmt : {"png", "svg", "pdf"}
        The format.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1))
    >>> _ = fig.text(0.5, 0.5, "Yonaguni")
    >>> b"Yonaguni" in figure_bytes(fig, "svg")
    True
    """
    import io

    import matplotlib

    fmt = fmt.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        raise OutputError(f"figure format {fmt!r}: use one of {', '.join(FIGURE_FORMATS)}")
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {"Software": None}}
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "islandchain"}):
        fig.savefig(buf, format=fmt, metadata=metadata[fmt], facecolor="white")  # type: ignore[attr-defined]
    return buf.getvalue()


def to_figure(fig: object, path: str | os.PathLike[str]) -> Path:
    """Write a static figure to ``path``; the format follows the extension (.png, .svg, .pdf).

    Parameters
    ----------
    fig : matplotlib.figure.Figure or islandchain.mapping.story.Story
        A Story is drawn with :func:`islandchain.mapping.figure.story_figure` first.
    path : str or path-like
        Output file, written atomically.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        For another extension, or when the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from islandchain.mapping.story import Story
    >>> out = to_figure(Story("Empty"), pathlib.Path(tempfile.mkdtemp()) / "empty.svg")
    >>> "Empty" in out.read_text()
    True
    """
    from .mapping.story import Story

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        raise OutputError(f"output {str(path)!r}: a figure needs the extension .png, .svg or .pdf")
    if isinstance(fig, Story):
        from .mapping.figure import story_figure

        fig = story_figure(fig)
    return write_atomic(path, figure_bytes(fig, fmt))


def to_map(story: object, path: str | os.PathLike[str], *, tiles: str | None = None) -> Path:
    """Write a story as an HTML map (``.html``) or a static figure (``.png``, ``.svg``, ``.pdf``).

    Parameters
    ----------
    story : islandchain.mapping.story.Story
        What to draw.
    path : str or path-like
        Output file; its extension chooses the format.
    tiles : str, optional
        Web tiles for an HTML map (ignored by figures).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        For an unknown extension.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from islandchain.mapping.story import Story
    >>> to_map(Story("Empty"), pathlib.Path(tempfile.mkdtemp()) / "x.html").suffix
    '.html'
    """
    from .mapping.render import story_map

    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        return to_html(story_map(story, tiles), path, title=story.title)  # type: ignore[arg-type,attr-defined]
    if suffix.lstrip(".") in FIGURE_FORMATS:
        return to_figure(story, path)
    raise OutputError(
        f"output {str(path)!r}: use .html for a map, or .png, .svg or .pdf for a figure"
    )
