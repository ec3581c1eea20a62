"""Folium layers for islandchain maps that work with no network.

Every function here builds folium / branca objects and nothing else: no file
is read or written (only :mod:`islandchain.export` writes HTML), and no
analysis module imports this one.

Two rules hold for everything built here:

* **No CDN plugin.** The scale bar, the mouse-coordinate display and the
  legend are a few lines of our own JavaScript on top of Leaflet's built-in
  controls, so :mod:`islandchain.export` can inline Leaflet and be done.
* **All text is escaped.** Names, labels and popups come from user-editable
  files. They are passed through :func:`html.escape` before they reach any
  HTML, and all data reaches the page as JSON with ``<``, ``>`` and ``&``
  written as ``\\u003c`` etc., so nothing can close a ``<script>``. We never
  use folium's ``Popup``/``Tooltip`` (they need jQuery and build JavaScript
  template literals, where ``${...}`` in a name would run as code).

Examples
--------
>>> import folium
>>> from shapely.geometry import LineString
>>> layer = line_layer(LineString([(122.9, 24.4), (121.9, 24.5)]), "Yonaguni - Taiwan")
>>> isinstance(layer, folium.map.Layer)
True
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import folium
import geopandas as gpd
import numpy as np
import shapely
import xyzservices
from branca.element import Element, MacroElement
from folium.map import Layer, LayerControl
from folium.template import Template
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from islandchain.errors import DataError

__all__ = [
    "REGION_BOUNDS",
    "STATE_COLOURS",
    "STATE_NAMES",
    "OTHER_STATE_COLOUR",
    "SHARED_ADMIN_COLOUR",
    "GROUP_KINDS",
    "VERDICT_STYLES",
    "DEFAULT_LAND_ATTRIBUTION",
    "PathStyle",
    "VerdictStyle",
    "LegendEntry",
    "IslandchainLayer",
    "Legend",
    "ScaleBar",
    "MouseCoordinates",
    "state_color",
    "verdict_style",
    "hatch_fill",
    "popup_table",
    "text_to_html",
    "simplify_for_display",
    "keep_geometries",
    "basemap_layer",
    "features_layer",
    "ring_layer",
    "line_layer",
    "claim_layer",
    "state_legend_entries",
    "verdict_legend_entries",
    "legend",
    "map_controls",
    "tile_provider",
    "make_map",
]

#: (west, south, east, north) in degrees: the region the toolkit covers.
REGION_BOUNDS: tuple[float, float, float, float] = (105.0, -5.0, 150.0, 46.0)

#: Fixed outline/fill colour per administering state (ISO 3166-1 alpha-3).
#: Chosen to stay apart from the verdict green/red/grey and from each other.
STATE_COLOURS: dict[str, str] = {
    "JPN": "#7b3294",
    "CHN": "#e69f00",
    "TWN": "#0072b2",
    "PHL": "#56b4e9",
    "KOR": "#008080",
    "PRK": "#8c510a",
    "RUS": "#555599",
    "VNM": "#b8860b",
    "MYS": "#cc79a7",
    "BRN": "#994f88",
    "IDN": "#882255",
    "USA": "#332288",
    "GUM": "#332288",
    "MNP": "#332288",
    "PLW": "#44aa99",
    "FSM": "#6699cc",
}

#: English short names for the legend.
STATE_NAMES: dict[str, str] = {
    "JPN": "Japan",
    "CHN": "China",
    "TWN": "Taiwan",
    "PHL": "Philippines",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "RUS": "Russia",
    "VNM": "Vietnam",
    "MYS": "Malaysia",
    "BRN": "Brunei",
    "IDN": "Indonesia",
    "USA": "United States",
    "GUM": "Guam (US)",
    "MNP": "Northern Mariana Islands (US)",
    "PLW": "Palau",
    "FSM": "Micronesia",
}

#: Colour of any state not in :data:`STATE_COLOURS`.
OTHER_STATE_COLOUR = "#666666"

#: Attribution of the land polygons (ODbL requires it on every map).
DEFAULT_LAND_ATTRIBUTION = "Land polygons \u00a9 OpenStreetMap contributors (ODbL)"

_LAND_FILL = "#ece6d6"
_LAND_STROKE = "#a39b85"
_SEA_COLOUR = "#cfe2ee"
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_HATCH_FILL = re.compile(r"url\(#ic-hatch-[0-9a-f]{6}\)")
# Mean Earth radius in km, enough for a display-only area threshold.
_KM_PER_DEG = 111.195


# --------------------------------------------------------------------------- styles


def _check_colour(colour: str) -> str:
    """Return ``colour`` if it is a hex colour, else raise ValueError.

    Colours end up inside ``style="..."`` attributes of the legend, so only a
    strict hex form is accepted rather than escaping arbitrary CSS.
    """
    if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"colour must be a hex colour like '#1a9641', got {colour!r}")
    return colour.lower()


def hatch_fill(colour: str) -> str:
    """Return the SVG fill reference for a hatch pattern in ``colour``.

    Parameters
    ----------
    colour : str
        Hex colour of the hatch lines.

    Returns
    -------
    str
        ``url(#ic-hatch-rrggbb)``, usable as a Leaflet ``fillColor``; the
        pattern itself is emitted by the layer that uses it.

    Examples
    --------
    >>> hatch_fill("#0072B2")
    'url(#ic-hatch-0072b2)'
    """
    hex6 = _expand_hex(_check_colour(colour))
    return f"url(#ic-hatch-{hex6[1:]})"


def _expand_hex(colour: str) -> str:
    """Expand ``#abc`` to ``#aabbcc`` (lower case)."""
    colour = colour.lower()
    if len(colour) == 4:
        return "#" + "".join(c * 2 for c in colour[1:])
    return colour


@dataclass(frozen=True)
class PathStyle:
    """Leaflet path options for one kind of shape.

    Parameters
    ----------
    color : str
        Hex stroke colour.
    weight : float
        Stroke width in pixels.
    opacity : float
        Stroke opacity.
    fill : bool
        Whether polygons and circle markers are filled.
    fill_color : str or None
        Hex fill colour or a :func:`hatch_fill` reference; None = ``color``.
    fill_opacity : float
        Fill opacity.
    dash_array : str or None
        SVG dash pattern, e.g. ``"6 4"``; None = solid.
    radius : float or None
        Radius in pixels when the style is used for a point (circle marker).

    Examples
    --------
    >>> PathStyle("#0072b2", dash_array="6 4").to_leaflet()["dashArray"]
    '6 4'
    """

    color: str
    weight: float = 2.0
    opacity: float = 1.0
    fill: bool = True
    fill_color: str | None = None
    fill_opacity: float = 0.2
    dash_array: str | None = None
    radius: float | None = None

    def __post_init__(self) -> None:
        _check_colour(self.color)
        if self.fill_color is not None and not _HATCH_FILL.fullmatch(self.fill_color):
            _check_colour(self.fill_color)
        if self.dash_array is not None and not re.fullmatch(r"[0-9 ,.]+", self.dash_array):
            raise ValueError(f"dash_array must be numbers, got {self.dash_array!r}")

    def to_leaflet(self) -> dict[str, Any]:
        """Return the options as Leaflet expects them (camelCase keys).

        Returns
        -------
        dict
            Path options; ``radius`` only when set.
        """
        options: dict[str, Any] = {
            "color": self.color,
            "weight": self.weight,
            "opacity": self.opacity,
            "fill": self.fill,
            "fillColor": self.fill_color or self.color,
            "fillOpacity": self.fill_opacity,
        }
        if self.dash_array:
            options["dashArray"] = self.dash_array
        if self.radius is not None:
            options["radius"] = self.radius
        return options


@dataclass(frozen=True)
class VerdictStyle:
    """How one verdict status is drawn.

    Parameters
    ----------
    status : str
        ``"holds"``, ``"does not hold"`` or ``"cannot be checked"``.
    color : str
        Hex colour (green / red / grey).
    dash_array : str or None
        Dash pattern, so the status is readable without colour vision.
    symbol : str
        Short text mark for labels and the legend.
    """

    status: str
    color: str
    dash_array: str | None
    symbol: str

    def line_style(self, weight: float = 3.0) -> PathStyle:
        """Return the style of the measured line.

        Parameters
        ----------
        weight : float
            Stroke width in pixels.

        Returns
        -------
        PathStyle
            Unfilled stroke in the verdict colour.
        """
        return PathStyle(self.color, weight=weight, fill=False, dash_array=self.dash_array)

    def ring_style(self) -> PathStyle:
        """Return the style of the ring at the stated distance.

        Returns
        -------
        PathStyle
            Thin dashed outline with a faint fill in the verdict colour.
        """
        return PathStyle(self.color, weight=1.5, fill_opacity=0.04, dash_array="6 5")

    def point_style(self) -> PathStyle:
        """Return the style of the line's end points.

        Returns
        -------
        PathStyle
            Small filled circle marker.
        """
        return PathStyle(self.color, weight=1.5, fill_opacity=0.9, radius=4)


#: Styles of the three verdict statuses.
VERDICT_STYLES: dict[str, VerdictStyle] = {
    "holds": VerdictStyle("holds", "#1a9641", None, "\u2713"),
    "does not hold": VerdictStyle("does not hold", "#d7191c", "10 6", "\u2717"),
    "cannot be checked": VerdictStyle("cannot be checked", "#808080", "2 6", "?"),
}


def verdict_style(status: str) -> VerdictStyle:
    """Return the style of a verdict status.

    Parameters
    ----------
    status : str
        Verdict status; case and surrounding space are ignored, and ``_`` or
        ``-`` may stand for spaces (``"does_not_hold"``).

    Returns
    -------
    VerdictStyle
        Colour, dash pattern and symbol.

    Raises
    ------
    ValueError
        If the status is not one of :data:`VERDICT_STYLES`.

    Examples
    --------
    >>> verdict_style("Holds").color
    '#1a9641'
    """
    key = re.sub(r"[\s_-]+", " ", str(getattr(status, "value", status))).strip().lower()
    try:
        return VERDICT_STYLES[key]
    except KeyError:
        known = ", ".join(repr(k) for k in VERDICT_STYLES)
        raise ValueError(f"unknown verdict status {status!r}; expected one of {known}") from None


def state_color(code: str) -> str:
    """Return the fixed colour of an administering state.

    Parameters
    ----------
    code : str
        ISO 3166-1 alpha-3 code, e.g. ``"JPN"``.

    Returns
    -------
    str
        Hex colour; :data:`OTHER_STATE_COLOUR` for unknown codes.

    Examples
    --------
    >>> state_color("twn")
    '#0072b2'
    """
    return STATE_COLOURS.get(str(code).strip().upper(), OTHER_STATE_COLOUR)


# --------------------------------------------------------------------------- text


def _text(value: object) -> str:
    """Return ``value`` as display text; missing values (None, NaN) become ''."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - pandas comes with geopandas
        pass
    return str(value).strip()


def _to_html(content: str | Markup | None) -> str | None:
    """Escape plain text; pass :class:`markupsafe.Markup` through unchanged.

    ``Markup`` is the explicit marker for HTML that islandchain itself built
    (see :func:`popup_table`); everything else is treated as untrusted text.
    """
    if content is None:
        return None
    if isinstance(content, Markup):
        return str(content)
    return str(text_to_html(content))


def text_to_html(text: str) -> Markup:
    """Escape plain text for HTML, keeping its line breaks.

    Parameters
    ----------
    text : str
        Untrusted text.

    Returns
    -------
    markupsafe.Markup
        Escaped text with newlines as ``<br>``.

    Examples
    --------
    >>> str(text_to_html("a <b>\\nc"))
    'a &lt;b&gt;<br>c'
    """
    lines = str(text).splitlines() or [""]
    return Markup("<br>".join(html.escape(line) for line in lines))


def popup_table(title: str, rows: Sequence[tuple[str, str]]) -> Markup:
    """Build a popup: a bold title over a two-column table, all escaped.

    Parameters
    ----------
    title : str
        Heading text.
    rows : sequence of (str, str)
        Label and value of each row; rows with an empty value are left out.

    Returns
    -------
    markupsafe.Markup
        HTML safe to hand to any ``popup`` / ``popup_html`` argument.

    Examples
    --------
    >>> str(popup_table("<x>", [("a", "1"), ("b", "")]))
    '<div class="ic-popup"><b>&lt;x&gt;</b><table><tr><th>a</th><td>1</td></tr></table></div>'
    """
    cells = "".join(
        f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
        for label, value in rows
        if value
    )
    return Markup(f'<div class="ic-popup"><b>{html.escape(title)}</b><table>{cells}</table></div>')


def _layer_name(label: str) -> str:
    """Return the LayerControl name for ``label``.

    Leaflet's layer control inserts names with ``innerHTML``, so the name
    must already be escaped.
    """
    text = _text(label)
    if not text:
        raise ValueError("every layer needs a non-empty label (it is shown in the layer list)")
    return inert_text(html.escape(text))


class RawText(Element):
    """Text that is rendered exactly as given, never parsed as a template.

    branca turns the output of every ``MacroElement`` macro into a new
    ``Element(text)``, whose text is then parsed as Jinja2 template source:
    text that reached a macro as data (a quote, a title, a file name) would
    be evaluated. :class:`SafeMacroElement` adds ``RawText`` instead.

    Examples
    --------
    >>> RawText("{{ 7*7 }}").render()
    '{{ 7*7 }}'
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = str(text)

    def render(self, **kwargs: Any) -> str:
        return self.text


class SafeMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros are kept as data, not template source.

    Mixed in after folium's classes (``class L(Layer, SafeMacroElement)``) it
    replaces only branca's ``MacroElement.render``.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        module = self._template.module.__dict__
        targets = (("header", figure.header), ("html", figure.html), ("script", figure.script))
        for part, target in targets:
            macro = module.get(part)
            if macro is not None:
                target.add_child(RawText(macro(self, kwargs)), name=self.get_name())
        for element in list(self._children.values()):
            element.render(**kwargs)


_TEMPLATE_OPENERS = re.compile(r"\{(?=[{%#])")


def inert_text(text: str) -> str:
    """Return HTML text with every ``{`` before ``{``, ``%`` or ``#`` as ``&#123;``.

    For text that folium's own templates re-render (layer names in the layer
    control): it can never open a Jinja2 tag and reads the same in a browser.

    Examples
    --------
    >>> inert_text("Q {{ 7*7 }} {% raw %}")
    'Q &#123;&#123; 7*7 }} &#123;% raw %}'
    """
    return _TEMPLATE_OPENERS.sub("&#123;", text)


def _safe_json(value: object) -> str:
    """Serialise ``value`` for a ``<script>`` block.

    ``<``, ``>`` and ``&`` are written as unicode escapes so that no string can
    close the script element or open a comment; keys are kept in insertion
    order, which keeps the output deterministic.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _TEMPLATE_OPENERS.sub(r"\\u007b", text)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --------------------------------------------------------------------------- geometry


def _geometry_json(geom: BaseGeometry, decimals: int = 5) -> dict[str, Any]:
    """Return ``geom`` as a GeoJSON geometry dict with rounded coordinates.

    Rounding to 1e-5 deg (~1 m) keeps files small and stable; it is far below
    what a screen can show. (``np.round`` gives the double nearest to the
    decimal, whose shortest repr is that decimal.)
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, decimals))
    return json.loads(shapely.to_geojson(rounded))


def _as_geometry_array(geoms: object) -> np.ndarray:
    """Return geometries (one, a sequence, a GeoSeries or GeoDataFrame) in lon/lat."""
    if isinstance(geoms, gpd.GeoDataFrame):
        geoms = geoms.geometry
    if isinstance(geoms, gpd.GeoSeries):
        if geoms.crs is not None and not geoms.crs.equals("EPSG:4326"):
            geoms = geoms.to_crs("EPSG:4326")
        return np.asarray(geoms.values, dtype=object)
    if isinstance(geoms, BaseGeometry):
        return np.array([geoms], dtype=object)
    return np.asarray(list(geoms), dtype=object)  # type: ignore[call-overload]


def _approx_area_km2(polys: np.ndarray) -> np.ndarray:
    """Approximate area in km² of lon/lat polygons (cos-latitude scaling).

    Only used to decide what is too small to see, so a spherical
    approximation is ample.
    """
    lat = shapely.get_y(shapely.centroid(polys))
    return shapely.area(polys) * _KM_PER_DEG**2 * np.cos(np.radians(lat))


def _kept_mask(polys: np.ndarray, keep: object, distance_deg: float) -> np.ndarray:
    """Mark polygons that ``keep`` polygons intersect or ``keep`` points are near.

    The small distance around points lets an anchor that sits a few metres
    offshore (a reef, a lagoon) still keep its island.
    """
    mask = np.zeros(len(polys), dtype=bool)
    if keep is None or len(polys) == 0:
        return mask
    keep_geoms = _as_geometry_array(keep)
    keep_geoms = keep_geoms[~shapely.is_empty(keep_geoms) & ~shapely.is_missing(keep_geoms)]
    if len(keep_geoms) == 0:
        return mask
    tree = shapely.STRtree(polys)
    # Polygons keep only what they touch: a distance would also keep every
    # coastal rock next to a large island. Points get a small search radius.
    areal = shapely.get_dimensions(keep_geoms) == 2
    _, hit = tree.query(keep_geoms[areal], predicate="intersects")
    mask[np.unique(hit)] = True
    _, hit = tree.query(keep_geoms[~areal], predicate="dwithin", distance=distance_deg)
    mask[np.unique(hit)] = True
    return mask


def _simplify_snap(
    polys: np.ndarray, tolerance: float | np.ndarray, grid: float | np.ndarray
) -> np.ndarray:
    """Simplify (topology preserved) then snap coordinates to ``grid``."""
    simple = shapely.simplify(polys, tolerance, preserve_topology=True)
    return shapely.set_precision(simple, grid)


def _simplify_kept(polys: np.ndarray, tolerance: float, grid: float) -> np.ndarray:
    """Simplify kept polygons with settings scaled to each one's size.

    A 200 m islet simplified at 550 m becomes a triangle, and snapped to a
    110 m grid it can vanish; kept features must keep their shape, so each
    gets a tolerance of 5% and a grid of at most 2% of its width (a power of
    ten, so coordinates stay short decimals).
    """
    width = np.sqrt(shapely.area(polys))
    tolerances = np.minimum(tolerance, width * 0.05)
    grids = np.minimum(grid, 10.0 ** np.floor(np.log10(np.maximum(width * 0.02, 1e-7))))
    result = _simplify_snap(polys, tolerances, grids)
    empty = shapely.is_empty(result)
    result[empty] = polys[empty]
    return result


def simplify_for_display(
    land: gpd.GeoDataFrame | gpd.GeoSeries | Sequence[BaseGeometry],
    tolerance_deg: float = 0.005,
    *,
    grid_deg: float = 0.001,
    min_area_km2: float = 0.25,
    keep: object = None,
    keep_distance_deg: float = 0.001,
) -> np.ndarray:
    """Thin land polygons for drawing. Never use the result for measuring.

    Parameters
    ----------
    land : GeoDataFrame, GeoSeries or sequence of geometries
        Land (multi)polygons; reprojected to EPSG:4326 if they carry a CRS.
    tolerance_deg : float
        Douglas-Peucker tolerance in degrees (0.005 deg ~ 550 m, below one
        pixel up to zoom 7).
    grid_deg : float
        Coordinates are snapped to this grid (fewer digits in the file).
    min_area_km2 : float
        Polygons smaller than this (approximately) are dropped as invisible
        at the default zoom, unless kept.
    keep : geometry, sequence or GeoSeries, optional
        Land polygons that these polygons intersect, or that lie within
        ``keep_distance_deg`` of these points/lines, are always kept and
        never collapse: pass the named features' islands and anchors (not
        whole groups or regions, which would keep every islet in them).
    keep_distance_deg : float
        Search distance around point and line ``keep`` geometries.

    Returns
    -------
    numpy.ndarray of shapely.Polygon
        Valid polygons in input order.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> parts = simplify_for_display([box(123, 24, 123.1, 24.1), box(124, 24, 124.001, 24.001)])
    >>> len(parts)
    1
    """
    polys = shapely.get_parts(_as_geometry_array(land))
    polys = polys[shapely.get_type_id(polys) == shapely.GeometryType.POLYGON]
    kept = _kept_mask(polys, keep, keep_distance_deg)
    visible = kept | (_approx_area_km2(polys) >= min_area_km2)
    polys, kept = polys[visible], kept[visible]
    result = _simplify_snap(polys, tolerance_deg, grid_deg)
    result[kept] = _simplify_kept(polys[kept], tolerance_deg, grid_deg)
    parts = shapely.get_parts(result[~shapely.is_empty(result)])
    return parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]


# --------------------------------------------------------------------------- layer


def _feature(
    geometry: dict[str, Any],
    style: PathStyle,
    tooltip: str | None = None,
    popup: str | None = None,
    **properties: Any,
) -> dict[str, Any]:
    """Return one GeoJSON feature as the islandchain layer template reads it.

    ``tooltip`` and ``popup`` must already be escaped HTML.
    """
    props: dict[str, Any] = {"style": style.to_leaflet(), **properties}
    if tooltip:
        props["tooltip"] = tooltip
    if popup:
        props["popup"] = popup
    return {"type": "Feature", "properties": props, "geometry": geometry}


class IslandchainLayer(Layer, SafeMacroElement):
    """A named, escaped, jQuery-free GeoJSON layer.

    Each feature carries its Leaflet style and, optionally, a tooltip and a
    popup (already escaped HTML) in its properties; points are drawn as
    circle markers, so no marker image is needed.

    Parameters
    ----------
    name : str
        Escaped layer name shown in the layer control.
    features : list of dict
        GeoJSON features built by :func:`_feature`.
    bounds : tuple of float or None
        (west, south, east, north) used to fit the map.
    interactive : bool
        False for the basemap, so it never swallows clicks.
    attribution : str or None
        Escaped attribution text shown while the layer is on the map.
    show : bool
        Whether the layer is on when the page opens.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
                interactive: {{ this.interactive_js }},
                attribution: {{ this.attribution_js }},
                style: function (f) { return f.properties.style; },
                pointToLayer: function (f, latlng) {
                    return L.circleMarker(latlng, f.properties.style);
                },
                onEachFeature: function (f, layer) {
                    var p = f.properties;
                    if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
                    if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 360}); }
                }
            });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        name: str,
        features: list[dict[str, Any]],
        bounds: tuple[float, float, float, float] | None = None,
        *,
        interactive: bool = True,
        attribution: str | None = None,
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IslandchainLayer"
        self.features = features
        self.bounds = bounds
        self.data_js = _safe_json({"type": "FeatureCollection", "features": features})
        self.interactive_js = "true" if interactive else "false"
        self.attribution_js = _safe_json(attribution)

    def _get_self_bounds(self) -> list[list[float | None]]:
        """Return [[south, west], [north, east]] for folium's fit_bounds."""
        if self.bounds is None:
            return [[None, None], [None, None]]
        west, south, east, north = self.bounds
        return [[south, west], [north, east]]


def _bounds_of(geoms: Iterable[BaseGeometry]) -> tuple[float, float, float, float] | None:
    """Return (west, south, east, north) of non-empty geometries, or None."""
    arr = np.asarray([g for g in geoms if g is not None and not g.is_empty], dtype=object)
    if len(arr) == 0:
        return None
    west, south, east, north = shapely.total_bounds(arr)
    return float(west), float(south), float(east), float(north)


class _HatchPatterns(SafeMacroElement):
    """Hidden SVG ``<pattern>`` definitions for :func:`hatch_fill` references.

    Leaflet writes ``fillColor`` into the path's ``fill`` attribute, so
    ``url(#id)`` works as long as the pattern is somewhere in the document.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">
          <defs>
          {%- for hex in this.colours %}
            <pattern id="ic-hatch-{{ hex[1:] }}" patternUnits="userSpaceOnUse"
                     width="6" height="6" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="{{ hex }}" fill-opacity="0.12"></rect>
              <line x1="0" y1="0" x2="0" y2="6" stroke="{{ hex }}" stroke-width="2"></line>
            </pattern>
          {%- endfor %}
          </defs>
        </svg>
        {% endmacro %}
        """
    )

    def __init__(self, colours: Iterable[str]) -> None:
        super().__init__()
        self._name = "HatchPatterns"
        self.colours = sorted({_expand_hex(_check_colour(c)) for c in colours})


# --------------------------------------------------------------------------- basemap


def basemap_layer(
    land: gpd.GeoDataFrame | gpd.GeoSeries,
    tolerance_deg: float = 0.005,
    *,
    grid_deg: float = 0.001,
    min_area_km2: float = 0.25,
    keep: object = None,
    name: str = "Land (offline basemap)",
    attribution: str = DEFAULT_LAND_ATTRIBUTION,
) -> IslandchainLayer:
    """Draw land polygons as an offline vector basemap (no tiles).

    The polygons are simplified for display only (see
    :func:`simplify_for_display`); the whole region stays well under 3 MB
    of HTML. The layer is not interactive, so it never catches clicks.

    Parameters
    ----------
    land : GeoDataFrame or GeoSeries
        Land polygons.
    tolerance_deg, grid_deg, min_area_km2, keep
        Passed to :func:`simplify_for_display`.
    name : str
        Layer name (plain text, escaped here).
    attribution : str
        Data attribution (plain text, escaped here).

    Returns
    -------
    IslandchainLayer
        One non-interactive MultiPolygon feature.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> layer = basemap_layer(gpd.GeoSeries([box(121, 22, 122, 25)], crs=4326))
    >>> layer.layer_name
    'Land (offline basemap)'
    """
    parts = simplify_for_display(
        land, tolerance_deg, grid_deg=grid_deg, min_area_km2=min_area_km2, keep=keep
    )
    style = PathStyle(_LAND_STROKE, weight=0.6, fill_color=_LAND_FILL, fill_opacity=1.0)
    features = []
    if len(parts):
        # set_precision already snapped the coordinates: no further rounding.
        geometry = json.loads(shapely.to_geojson(shapely.multipolygons(parts)))
        features.append(_feature(geometry, style))
    return IslandchainLayer(
        _layer_name(name),
        features,
        _bounds_of(parts),
        interactive=False,
        attribution=html.escape(attribution),
    )


# --------------------------------------------------------------------------- features

_FEATURE_COLUMNS = ("id", "name", "name_ja", "name_zh", "kind", "admin", "claimants", "lon", "lat")


#: Colour of features administered by several states (e.g. Borneo).
SHARED_ADMIN_COLOUR = "#4d4d4d"

#: Kinds drawn as an anchor marker only: their polygons cover other features.
GROUP_KINDS: frozenset[str] = frozenset({"region", "island_group"})


@dataclass(frozen=True)
class _FeatureText:
    """Display text of one named feature (unescaped)."""

    name: str
    name_ja: str
    name_zh: str
    kind: str
    admins: tuple[str, ...]
    other_claimants: tuple[str, ...] = field(default_factory=tuple)

    @property
    def admin(self) -> str:
        """Administering state(s), comma separated."""
        return ", ".join(self.admins)

    @property
    def colour(self) -> str:
        """Colour of the single administering state, or the shared colour."""
        if len(self.admins) == 1:
            return state_color(self.admins[0])
        return SHARED_ADMIN_COLOUR if self.admins else OTHER_STATE_COLOUR

    @property
    def disputed(self) -> bool:
        """True if a state other than the administering one(s) claims it."""
        return bool(self.other_claimants)

    @property
    def dispute_text(self) -> str:
        """E.g. ``disputed: claimed by CHN, TWN`` ('' if undisputed)."""
        return f"disputed: claimed by {', '.join(self.other_claimants)}" if self.disputed else ""


def _codes(value: object) -> tuple[str, ...]:
    """Read state codes from ``"CHN|TWN"`` or a sequence like ``("CHN", "TWN")``.

    The gazetteer files use ``|``-separated text; islandchain.data hands out
    tuples. Both are accepted; order is kept, blanks and repeats dropped.
    """
    if isinstance(value, str):
        items: Iterable[object] = value.split("|")
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [_text(value)]
    return tuple(dict.fromkeys(c for c in (_text(i).upper() for i in items) if c))


def _feature_text(row: Any) -> _FeatureText:
    """Read the display text of one features row."""
    admins = _codes(row["admin"])
    others = tuple(c for c in _codes(row["claimants"]) if c not in admins)
    return _FeatureText(
        name=_text(row["name"]),
        name_ja=_text(row["name_ja"]),
        name_zh=_text(row["name_zh"]),
        kind=_text(row["kind"]),
        admins=admins,
        other_claimants=others,
    )


def _feature_tooltip(text: _FeatureText) -> str:
    """Escaped tooltip: name, administering state and any dispute."""
    first = html.escape(f"{text.name} ({text.admin})" if text.admin else text.name)
    return first + (f"<br>{html.escape(text.dispute_text)}" if text.disputed else "")


def _format_lat_lon(lon: float, lat: float) -> str:
    """Format an anchor as ``24.4667° N, 123.0000° E``."""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.4f}\u00b0 {ns}, {abs(lon):.4f}\u00b0 {ew}"


def _feature_popup(text: _FeatureText, lon: float, lat: float) -> str:
    """Escaped popup with the names in English, Japanese and Chinese."""
    admin_label = ", ".join(
        f"{STATE_NAMES[code]} ({code})" if code in STATE_NAMES else code for code in text.admins
    )
    rows = [
        ("English", text.name),
        ("\u65e5\u672c\u8a9e", text.name_ja),
        ("\u4e2d\u6587", text.name_zh),
        ("Kind", text.kind),
        ("Administered by", admin_label),
        ("Disputed", text.dispute_text.removeprefix("disputed: ")),
        ("Anchor", _format_lat_lon(lon, lat)),
    ]
    return str(popup_table(text.name, rows))


def _feature_style(text: _FeatureText, *, point: bool) -> PathStyle:
    """Style a feature by its administering state; hatched and dashed if disputed."""
    colour = text.colour
    if point:
        return PathStyle(
            colour,
            weight=2.5 if text.disputed else 1.5,
            fill_opacity=0.85,
            dash_array="3 2" if text.disputed else None,
            radius=5,
        )
    if text.disputed:
        return PathStyle(
            colour, weight=2, fill_color=hatch_fill(colour), fill_opacity=0.9, dash_array="6 4"
        )
    return PathStyle(colour, weight=1.5, fill_opacity=0.25)


def _check_columns(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> None:
    """Raise DataError naming any missing column."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"features table lacks column(s) {', '.join(missing)}")


def _outline_tolerance(geom: BaseGeometry, max_tolerance_deg: float) -> float:
    """Simplification tolerance scaled to the feature's size.

    1% of the square root of its area: Honshu gets ``max_tolerance_deg``
    (the basemap already shows its coast), a 200 m islet keeps ~2 m detail.
    """
    return float(np.clip(math.sqrt(geom.area) * 0.01, 1e-5, max_tolerance_deg))


def keep_geometries(features: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Return what :func:`basemap_layer` must keep for these features.

    Parameters
    ----------
    features : GeoDataFrame
        Named features with ``kind``, ``lon``, ``lat`` and geometry.

    Returns
    -------
    GeoSeries
        The polygons of single features (not :data:`GROUP_KINDS`, which
        would keep every islet inside them) and every feature's anchor.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> f = gpd.GeoDataFrame({"kind": ["islet"], "lon": [124.56], "lat": [25.92]},
    ...                      geometry=[Point(124.56, 25.92).buffer(0.001)], crs=4326)
    >>> len(keep_geometries(f))
    2
    """
    single = features[~features["kind"].isin(GROUP_KINDS)].geometry
    anchors = gpd.GeoSeries(shapely.points(features["lon"], features["lat"]), crs=4326)
    return gpd.GeoSeries(
        list(single.to_crs(4326) if single.crs else single) + list(anchors), crs=4326
    )


def _draws_outline(geom: BaseGeometry | None, kind: str, outline_kinds: object) -> bool:
    """True if the feature's polygon is drawn (not only its anchor)."""
    if geom is None or geom.is_empty or not geom.geom_type.endswith("Polygon"):
        return False
    if outline_kinds is None:
        return kind not in GROUP_KINDS
    return kind in outline_kinds  # type: ignore[operator]


def features_layer(
    features: gpd.GeoDataFrame,
    *,
    name: str = "Named features",
    tolerance_deg: float = 0.005,
    outline_kinds: Collection[str] | None = None,
    show: bool = True,
) -> IslandchainLayer:
    """Draw named features coloured by administering state.

    Each feature gets its outline (polygonal geometries only, simplified for
    display) and a circle marker at its anchor, so even a 0.04 km² islet is
    visible at any zoom. Disputed features (claimed by a state other than the
    administering one) get a hatched fill, a dashed outline and the tooltip
    line ``disputed: claimed by CHN, TWN``.

    Parameters
    ----------
    features : GeoDataFrame
        Columns id, name, name_ja, name_zh, kind, admin, claimants, lon, lat
        and geometry. ``admin`` and ``claimants`` are ISO3 codes, either
        ``|``-separated text or tuples; several admins share one grey.
    name : str
        Layer name (plain text).
    tolerance_deg : float
        Largest display simplification of an outline; smaller features are
        simplified less (1% of the square root of their area).
    outline_kinds : collection of str, optional
        Kinds whose polygons are drawn; default every kind except
        :data:`GROUP_KINDS` (groups and regions overlap their members, so
        they get only an anchor marker).
    show : bool
        Whether the layer is on when the page opens.

    Returns
    -------
    IslandchainLayer
        The features layer, with hatch patterns for disputed ones.

    Raises
    ------
    DataError
        If a column is missing.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"id": ["yonaguni"], "name": ["Yonaguni"], "name_ja": ["与那国島"],
    ...     "name_zh": ["與那國島"], "kind": ["island"], "admin": ["JPN"], "claimants": [""],
    ...     "lon": [123.0], "lat": [24.46]}, geometry=[Point(123.0, 24.46)], crs=4326)
    >>> len(features_layer(frame).features)
    1
    """
    _check_columns(features, _FEATURE_COLUMNS)
    geoms = _as_geometry_array(features)
    out: list[dict[str, Any]] = []
    hatch_colours: set[str] = set()
    for (_, row), geom in zip(features.iterrows(), geoms, strict=True):
        text = _feature_text(row)
        lon, lat = float(row["lon"]), float(row["lat"])
        tooltip, popup = _feature_tooltip(text), _feature_popup(text, lon, lat)
        props = {"id": _text(row["id"]), "disputed": text.disputed}
        if _draws_outline(geom, text.kind, outline_kinds):
            outline = shapely.simplify(
                geom, _outline_tolerance(geom, tolerance_deg), preserve_topology=True
            )
            out.append(
                _feature(
                    _geometry_json(outline, 4),
                    _feature_style(text, point=False),
                    tooltip,
                    popup,
                    **props,
                )
            )
            if text.disputed:
                hatch_colours.add(text.colour)
        anchor = _geometry_json(shapely.Point(lon, lat))
        out.append(_feature(anchor, _feature_style(text, point=True), tooltip, popup, **props))
    bounds = _bounds_of(list(geoms) + list(shapely.points(features["lon"], features["lat"])))
    layer = IslandchainLayer(_layer_name(name), out, bounds, show=show)
    if hatch_colours:
        layer.add_child(_HatchPatterns(hatch_colours))
    return layer


# --------------------------------------------------------------------------- rings and lines


def ring_layer(
    geometry: BaseGeometry,
    label: str,
    *,
    color: str = "#444444",
    popup: str | Markup | None = None,
    style: PathStyle | None = None,
    show: bool = True,
) -> IslandchainLayer:
    """Draw a ring or buffer polygon that is already geodesic.

    Build the geometry with ``islandchain.geodesy.geodesic_circle`` or
    ``geodesic_buffer``: this function only draws it. (``folium.Circle`` is
    never used: its radius is not geodesic on a Mercator map.)

    Parameters
    ----------
    geometry : shapely geometry
        Polygon, MultiPolygon or ring line in lon/lat.
    label : str
        Layer name and tooltip (plain text).
    color : str
        Hex colour, used when ``style`` is None.
    popup : str or markupsafe.Markup, optional
        Plain text (escaped) or HTML from :func:`popup_table`.
    style : PathStyle, optional
        Overrides the default dashed outline with a faint fill.
    show : bool
        Whether the layer is on when the page opens.

    Returns
    -------
    IslandchainLayer
        One feature.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> ring_layer(Point(123, 24.4).buffer(1), "1 deg ring").layer_name
    '1 deg ring'
    """
    if geometry is None or geometry.is_empty:
        raise ValueError(f"ring {label!r} has an empty geometry")
    style = style or PathStyle(color, weight=1.5, fill_opacity=0.05, dash_array="6 4")
    feature = _feature(_geometry_json(geometry), style, html.escape(_text(label)), _to_html(popup))
    return IslandchainLayer(_layer_name(label), [feature], _bounds_of([geometry]), show=show)


def line_layer(
    line: BaseGeometry,
    label: str,
    color: str = "#333333",
    popup_html: str | Markup | None = None,
    *,
    weight: float = 3.0,
    dash_array: str | None = None,
    endpoints: bool = True,
    show: bool = True,
) -> IslandchainLayer:
    """Draw a geodesic line given as a densified lon/lat polyline.

    Parameters
    ----------
    line : LineString or MultiLineString
        Already densified along the geodesic (Leaflet draws straight
        Mercator segments between vertices).
    label : str
        Layer name and tooltip (plain text).
    color : str
        Hex colour.
    popup_html : str or markupsafe.Markup, optional
        Plain ``str`` is escaped; only ``Markup`` (e.g. from
        :func:`popup_table`) is inserted as HTML.
    weight : float
        Stroke width in pixels.
    dash_array : str, optional
        Dash pattern.
    endpoints : bool
        Also mark the two ends with small circle markers.
    show : bool
        Whether the layer is on when the page opens.

    Returns
    -------
    IslandchainLayer
        The line (and end points).

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> len(line_layer(LineString([(123, 24.4), (122, 24.5)]), "a-b").features)
    3
    """
    style = PathStyle(color, weight=weight, fill=False, dash_array=dash_array)
    point_style = PathStyle(color, weight=1.5, fill_opacity=0.9, radius=4)
    features = _line_features(line, style, point_style, label, _to_html(popup_html), endpoints)
    return IslandchainLayer(_layer_name(label), features, _bounds_of([line]), show=show)


def _line_features(
    line: BaseGeometry,
    style: PathStyle,
    point_style: PathStyle,
    label: str,
    popup: str | None,
    endpoints: bool,
) -> list[dict[str, Any]]:
    """Return the features of a line and, optionally, its two end points."""
    if line is None or line.is_empty:
        raise ValueError(f"line {label!r} has an empty geometry")
    tooltip = html.escape(_text(label))
    features = [_feature(_geometry_json(line), style, tooltip, popup)]
    if endpoints:
        coords = shapely.get_coordinates(line)
        for lon, lat in (coords[0], coords[-1]):
            point = _geometry_json(shapely.Point(lon, lat))
            features.append(_feature(point, point_style, tooltip, popup))
    return features


def claim_layer(verdict: Any, *, show: bool = True) -> IslandchainLayer:
    """Draw a claim verdict: measured line, stated-distance ring, label and popup.

    Parameters
    ----------
    verdict : object
        Anything with ``status`` (``"holds"``, ``"does not hold"`` or
        ``"cannot be checked"``), ``label`` (str), ``line`` (lon/lat
        LineString or None), ``ring`` (lon/lat Polygon or None) and ``popup``
        (plain text, escaped here).
    show : bool
        Whether the layer is on when the page opens.

    Returns
    -------
    IslandchainLayer
        Named after the label, prefixed with the status symbol.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from shapely.geometry import LineString
    >>> v = SimpleNamespace(status="holds", label="measured 108.9 km vs stated 111 km - holds",
    ...     line=LineString([(123, 24.45), (121.9, 24.6)]), ring=None, popup="ok")
    >>> claim_layer(v).layer_name.startswith("\\u2713")
    True
    """
    vstyle = verdict_style(verdict.status)
    label = _text(verdict.label)
    popup = _to_html(_text(getattr(verdict, "popup", "")) or None)
    tooltip = html.escape(label)
    features: list[dict[str, Any]] = []
    ring = getattr(verdict, "ring", None)
    if ring is not None and not ring.is_empty:
        features.append(_feature(_geometry_json(ring), vstyle.ring_style(), tooltip, popup))
    line = getattr(verdict, "line", None)
    if line is not None and not line.is_empty:
        features += _line_features(
            line, vstyle.line_style(), vstyle.point_style(), label, popup, endpoints=True
        )
    bounds = _bounds_of([g for g in (ring, line) if g is not None])
    return IslandchainLayer(_layer_name(f"{vstyle.symbol} {label}"), features, bounds, show=show)


# --------------------------------------------------------------------------- legend


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend.

    Parameters
    ----------
    label : str
        Plain text (escaped when rendered).
    color : str
        Hex colour.
    kind : {"fill", "line", "hatch", "point"}
        Swatch shape.
    dash_array : str or None
        Dash pattern for ``"line"`` swatches.
    """

    label: str
    color: str
    kind: Literal["fill", "line", "hatch", "point"] = "fill"
    dash_array: str | None = None

    def __post_init__(self) -> None:
        _check_colour(self.color)
        if self.kind not in ("fill", "line", "hatch", "point"):
            raise ValueError(f"unknown legend swatch kind {self.kind!r}")

    def to_html(self) -> str:
        """Return the escaped ``<div>`` of this row.

        Returns
        -------
        str
            Swatch span followed by the escaped label.
        """
        colour = _expand_hex(self.color)
        swatch = {
            "fill": f"background:{colour}66;border:2px solid {colour}",
            "point": f"background:{colour};border-radius:50%;border:1px solid {colour}",
            "hatch": (
                f"border:2px dashed {colour};background:repeating-linear-gradient("
                f"45deg,{colour} 0 2px,transparent 2px 5px)"
            ),
            "line": f"height:0;border-top:3px {'dashed' if self.dash_array else 'solid'} {colour}",
        }[self.kind]
        return (
            f'<div class="ic-legend-row"><span class="ic-swatch" style="{swatch}"></span>'
            f"{html.escape(self.label)}</div>"
        )


def state_legend_entries(codes: Iterable[object]) -> list[LegendEntry]:
    """Return legend rows for administering states, plus one for disputes.

    Parameters
    ----------
    codes : iterable
        The ``admin`` value of each feature: an ISO3 code, ``"A|B"`` text
        or a tuple of codes (duplicates and blanks ignored). Features with
        several administering states add a "several states" row.

    Returns
    -------
    list of LegendEntry
        One row per state (sorted by code), then shared, then disputed.

    Examples
    --------
    >>> [e.label for e in state_legend_entries(["TWN", ("JPN",), "JPN"])][:2]
    ['Japan (JPN)', 'Taiwan (TWN)']
    """
    per_feature = [_codes(c) for c in codes]
    single = sorted({c[0] for c in per_feature if len(c) == 1})
    rows = [
        LegendEntry(f"{STATE_NAMES[c]} ({c})" if c in STATE_NAMES else c, state_color(c))
        for c in single
    ]
    if any(len(c) > 1 for c in per_feature):
        rows.append(LegendEntry("administered by several states", SHARED_ADMIN_COLOUR))
    rows.append(LegendEntry("disputed (claimed by another state)", "#444444", "hatch"))
    return rows


def verdict_legend_entries() -> list[LegendEntry]:
    """Return legend rows for the three verdict statuses.

    Returns
    -------
    list of LegendEntry
        Line swatches in the verdict colours.

    Examples
    --------
    >>> [e.label for e in verdict_legend_entries()][0]
    '\u2713 holds'
    """
    return [
        LegendEntry(f"{s.symbol} {s.status}", s.color, "line", s.dash_array)
        for s in VERDICT_STYLES.values()
    ]


_CONTROL_CSS = """
.ic-control{background:rgba(255,255,255,.9);padding:4px 8px;border-radius:4px;
  box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.4 system-ui,sans-serif;}
.ic-legend-title{font-weight:600;margin-bottom:2px;}
.ic-legend-row{display:flex;align-items:center;gap:6px;white-space:nowrap;}
.ic-swatch{display:inline-block;width:16px;height:11px;box-sizing:border-box;}
.ic-mouse-coords{font-family:ui-monospace,monospace;min-width:15em;}
.ic-scale-note{font-size:10px;color:#444;background:rgba(255,255,255,.7);padding:0 3px;}
.ic-popup table{border-collapse:collapse;margin-top:4px;}
.ic-popup th{text-align:left;padding:1px 8px 1px 0;font-weight:500;color:#555;}
.ic-popup td{padding:1px 0;}
"""


class Legend(SafeMacroElement):
    """Leaflet control showing :class:`LegendEntry` rows.

    Parameters
    ----------
    entries : sequence of LegendEntry
        Rows, top to bottom.
    title : str
        Heading (plain text).
    position : str
        Leaflet control position.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var legend = L.control({position: {{ this.position_js }}});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("div", "ic-control ic-legend");
                    div.innerHTML = {{ this.html_js }};  // escaped in Python
                    L.DomEvent.disableClickPropagation(div);
                    return div;
                };
                legend.addTo(map);
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        entries: Sequence[LegendEntry],
        title: str = "Legend",
        position: str = "bottomright",
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.css = _CONTROL_CSS
        body = "".join(entry.to_html() for entry in entries)
        self.html_js = _safe_json(f'<div class="ic-legend-title">{html.escape(title)}</div>{body}')
        self.position_js = _safe_json(_check_position(position))


def _check_position(position: str) -> str:
    """Return a valid Leaflet control position or raise ValueError."""
    if position not in ("topleft", "topright", "bottomleft", "bottomright"):
        raise ValueError(f"invalid control position {position!r}")
    return position


def legend(
    entries: Sequence[LegendEntry],
    title: str = "Legend",
    position: str = "bottomright",
) -> Legend:
    """Build a legend control.

    Parameters
    ----------
    entries : sequence of LegendEntry
        Rows, e.g. ``state_legend_entries(...) + verdict_legend_entries()``.
    title : str
        Heading (plain text, escaped).
    position : str
        ``"topleft"``, ``"topright"``, ``"bottomleft"`` or ``"bottomright"``.

    Returns
    -------
    Legend
        Add it to the map (``make_map(..., legend=...)`` does).

    Examples
    --------
    >>> legend(verdict_legend_entries(), "Verdicts").get_name().startswith("legend_")
    True
    """
    return Legend(entries, title, position)


# --------------------------------------------------------------------------- controls


class ScaleBar(SafeMacroElement):
    """Leaflet's metric scale bar with a note on where it is true.

    Leaflet measures the bar along the horizontal line through the map
    centre, so on a Mercator map it is right only near the centre latitude
    (an error of ~10% 700 km north or south of it at 25° N). The note says so.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var scale = L.control.scale(
                    {metric: true, imperial: false, maxWidth: 160, position: "bottomleft"}
                ).addTo(map);
                var box = scale.getContainer();
                box.title = "Web Mercator: the scale is true only at the map centre latitude";
                var note = L.DomUtil.create("div", "ic-scale-note", box);
                note.textContent = "scale true at map-centre latitude only";
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ScaleBar"


class MouseCoordinates(SafeMacroElement):
    """Small control showing the latitude and longitude under the mouse."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var Coords = L.Control.extend({
                    options: {position: "bottomleft"},
                    onAdd: function () {
                        var div = L.DomUtil.create("div", "ic-control ic-mouse-coords");
                        div.textContent = "lat, lon under the mouse";
                        return div;
                    }
                });
                var control = new Coords().addTo(map);
                function fmt(v, pos, neg) {
                    return Math.abs(v).toFixed(4) + "\\u00b0 " + (v >= 0 ? pos : neg);
                }
                map.on("mousemove", function (e) {
                    var ll = e.latlng.wrap();
                    control.getContainer().textContent =
                        fmt(ll.lat, "N", "S") + ", " + fmt(ll.lng, "E", "W");
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MouseCoordinates"
        self.css = _CONTROL_CSS


def map_controls(
    *, collapsed: bool = False, scale: bool = True, coordinates: bool = True
) -> list[MacroElement]:
    """Build the standard controls: layer list, scale bar, mouse coordinates.

    Add them to the map *after* the layers (the layer control's script
    refers to the layers' variables).

    Parameters
    ----------
    collapsed : bool
        Whether the layer list starts folded into an icon.
    scale : bool
        Include :class:`ScaleBar`.
    coordinates : bool
        Include :class:`MouseCoordinates`.

    Returns
    -------
    list of MacroElement
        ``folium.LayerControl`` first.

    Examples
    --------
    >>> [type(c).__name__ for c in map_controls()]
    ['LayerControl', 'ScaleBar', 'MouseCoordinates']
    """
    controls: list[MacroElement] = [LayerControl(collapsed=collapsed)]
    if scale:
        controls.append(ScaleBar())
    if coordinates:
        controls.append(MouseCoordinates())
    return controls


# --------------------------------------------------------------------------- map


def tile_provider(name: str) -> xyzservices.TileProvider:
    """Look up a web tile provider by xyzservices name.

    Parameters
    ----------
    name : str
        E.g. ``"OpenStreetMap.Mapnik"`` or ``"Esri WorldImagery"``; case,
        spaces and dots do not matter.

    Returns
    -------
    xyzservices.TileProvider
        The provider, with its attribution.

    Raises
    ------
    ValueError
        If the name is unknown (the message lists close matches) or the
        provider needs an API key.

    Examples
    --------
    >>> tile_provider("openstreetmap mapnik").name
    'OpenStreetMap.Mapnik'
    """
    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        names = list(xyzservices.providers.flatten())
        lower = {n.lower(): n for n in names}
        close = difflib.get_close_matches(name.lower(), list(lower), n=5, cutoff=0.5)
        hint = ", ".join(lower[c] for c in close) or "none"
        raise ValueError(f"unknown tiles {name!r}; close matches: {hint}") from None
    if provider.requires_token():
        raise ValueError(f"tiles {name!r} need an API key; pick another provider")
    return provider


class _OfflineBackground(SafeMacroElement):
    """Sea colour behind the vector basemap when there are no tiles."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>.leaflet-container { background: {{ this.colour }}; }</style>
        {% endmacro %}
        """
    )

    def __init__(self, colour: str = _SEA_COLOUR) -> None:
        super().__init__()
        self._name = "OfflineBackground"
        self.colour = _check_colour(colour)


def make_map(
    layers: Sequence[Element],
    tiles: str | None = None,
    *,
    legend: Legend | None = None,
    controls: bool = True,
    location: tuple[float, float] | None = None,
    zoom_start: int = 5,
    fit_bounds: bool = True,
) -> folium.Map:
    """Assemble a map from layers, offline by default.

    Parameters
    ----------
    layers : sequence of folium elements
        Added in order (first = bottom), e.g. basemap, features, claims.
    tiles : str, optional
        None (default) for no tiles: the vector basemap layer is the map.
        Otherwise an xyzservices provider name; such a map needs the network
        for its tiles (everything else still works offline).
    legend : Legend, optional
        Added after the layers.
    controls : bool
        Add :func:`map_controls` (layer list, scale bar, coordinates).
    location : (lat, lon), optional
        Initial centre; default the centre of :data:`REGION_BOUNDS`.
    zoom_start : int
        Initial zoom when the map is not fitted to its layers.
    fit_bounds : bool
        Fit the view to the layers' extent when they have one.

    Returns
    -------
    folium.Map
        Ready for :func:`islandchain.export.to_html`.

    Raises
    ------
    ValueError
        If ``tiles`` is not a known provider name.

    Examples
    --------
    >>> m = make_map([])
    >>> type(m).__name__
    'Map'
    """
    west, south, east, north = REGION_BOUNDS
    centre = location or ((south + north) / 2, (west + east) / 2)
    fmap = folium.Map(location=centre, zoom_start=zoom_start, tiles=None, control_scale=False)
    if tiles is None:
        fmap.add_child(_OfflineBackground())
    else:
        provider = tile_provider(tiles)
        folium.TileLayer(provider, name=html.escape(provider.name), overlay=False).add_to(fmap)
    for layer in layers:
        fmap.add_child(layer)
    if legend is not None:
        fmap.add_child(legend)
    if controls:
        for control in map_controls():
            fmap.add_child(control)
    bounds = fmap.get_bounds()
    if fit_bounds and None not in bounds[0] + bounds[1]:
        fmap.fit_bounds(bounds)
    return fmap
