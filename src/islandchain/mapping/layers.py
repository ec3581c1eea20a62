"""Folium layers drawn from story layers: escaped, jQuery-free, offline.

:class:`IslandchainLayer` turns a :class:`~islandchain.mapping.story.StoryLayer`
into one entry of the layer list: its shapes in their drawing panes, its
labels, and its land levels. The functions below build the common layers
directly (a basemap, named places, a ring, a line, a verdict).

We never use folium's ``Popup``/``Tooltip`` (they need jQuery and build
JavaScript template literals, where ``${...}`` in a name would run as code):
popups and tooltips are escaped HTML strings in the layer's JSON data.

Examples
--------
>>> import folium
>>> from shapely.geometry import LineString
>>> layer = line_layer(LineString([(122.9, 24.4), (121.9, 24.5)]), "Yonaguni - Taiwan")
>>> isinstance(layer, folium.map.Layer)
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Iterable
from typing import Any, cast

import geopandas as gpd
import numpy as np
import shapely
from folium.map import Layer
from folium.template import Template
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from .escape import SafeMacroElement, html_fragment, layer_name, plain_text, safe_json
from .runtime import PANE_NAMES
from .shapes import (
    claim_story_layer,
    land_story_layer,
    line_story_layer,
    places_story_layer,
    ring_story_layer,
)
from .story import Bounds, Pane, Shape, StoryLayer
from .styles import PathStyle, expand_hex

__all__ = [
    "IslandchainLayer",
    "basemap_layer",
    "claim_layer",
    "features_layer",
    "geometry_json",
    "line_layer",
    "ring_layer",
    "story_layer",
]


def geometry_json(geom: BaseGeometry, decimals: int = 5) -> dict[str, Any]:
    """Return ``geom`` as a GeoJSON geometry dict with rounded coordinates.

    Rounding to 1e-5 deg (~1 m) keeps files small and stable; it is far
    below what a screen can show.

    Examples
    --------
    >>> geometry_json(shapely.Point(123.123456789, 24.5))
    {'type': 'Point', 'coordinates': [123.12346, 24.5]}
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, decimals))
    return json.loads(shapely.to_geojson(rounded))


def _feature(shape: Shape, decimals: int = 5) -> dict[str, Any]:
    props: dict[str, Any] = {"style": shape.style.to_leaflet(), **dict(shape.properties)}
    tooltip = plain_text(shape.tooltip)
    if tooltip and shape.interactive:
        props["tooltip"] = html.escape(tooltip)
    popup = html_fragment(shape.popup) if shape.interactive else None
    if popup:
        props["popup"] = popup
    return {"type": "Feature", "properties": props, "geometry": geometry_json(shape.geometry)}


def _groups(shapes: Iterable[Shape]) -> list[dict[str, Any]]:
    """Features grouped by pane and interactivity, in drawing order."""
    groups: dict[tuple[Pane, bool], list[dict[str, Any]]] = {}
    for shape in shapes:
        groups.setdefault((shape.pane, shape.interactive), []).append(_feature(shape))
    return [
        {"pane": PANE_NAMES[pane][0], "interactive": interactive, "features": features}
        for (pane, interactive), features in sorted(groups.items(), key=lambda kv: kv[0][0])
    ]


def _land_feature(polygons: np.ndarray) -> list[dict[str, Any]]:
    if len(polygons) == 0:
        return []
    from .styles import LAND_FILL, LAND_STROKE

    style = PathStyle(LAND_STROKE, weight=0.6, fill_color=LAND_FILL, fill_opacity=1.0)
    # display_levels already snapped the coordinates: no further rounding.
    # cast: a 1-D array of polygons makes one MultiPolygon, which types-shapely
    # cannot tell from an N-D array (its hint is MultiPolygon | ndarray).
    multi = cast(shapely.MultiPolygon, shapely.multipolygons(polygons))
    geometry = json.loads(shapely.to_geojson(multi))
    return [{"type": "Feature", "properties": {"style": style.to_leaflet()}, "geometry": geometry}]


class IslandchainLayer(Layer, SafeMacroElement):
    """One entry of the layer list: a story layer's shapes, labels and land levels.

    Parameters
    ----------
    layer : StoryLayer
        What to draw.

    Attributes
    ----------
    data : dict
        What the page receives (escaped HTML strings inside JSON data).
    data_js : str
        ``data`` as :func:`~islandchain.mapping.escape.safe_json`.
    bounds : Bounds or None
        Extent of the shapes.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = islandchain.layer(
                {{ this._parent.get_name() }}, {{ this.data_js }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: StoryLayer) -> None:
        super().__init__(name=layer_name(layer.name), overlay=True, control=True, show=layer.show)
        self._name = "IslandchainLayer"
        self.story_layer = layer
        self.bounds: Bounds | None = layer.bounds()
        self.data: dict[str, Any] = {
            "attribution": html.escape(plain_text(layer.attribution)) or None,
            "groups": _groups(layer.shapes),
            "levels": [
                {"min": lv.min_zoom, "max": lv.max_zoom, "features": _land_feature(lv.polygons)}
                for lv in layer.land_levels
            ],
            "labels": [
                {
                    "lon": round(lb.lon, 5),
                    "lat": round(lb.lat, 5),
                    "text": plain_text(lb.text),
                    "kind": str(lb.kind),
                    "priority": lb.priority,
                }
                for lb in layer.labels
                if plain_text(lb.text)
            ],
        }
        self.data_js = safe_json(self.data)
        hatches = {s.style.color for s in layer.shapes if s.style.hatched}
        if hatches:
            self.add_child(_HatchPatterns(hatches))

    @property
    def features(self) -> list[dict[str, Any]]:
        """Every GeoJSON feature of the layer's shapes, in drawing order."""
        return [f for g in self.data["groups"] for f in g["features"]]

    @property
    def interactive_js(self) -> str:
        """``"true"`` if any shape catches clicks."""
        return "true" if any(g["interactive"] for g in self.data["groups"]) else "false"

    @property
    def attribution_js(self) -> str:
        """The escaped attribution as JSON."""
        return safe_json(self.data["attribution"])

    def _get_self_bounds(self) -> list[list[float | None]]:
        """Return [[south, west], [north, east]] for folium's fit_bounds."""
        bounds = self.bounds
        if bounds is None and self.story_layer.land_levels:
            polys = [p for lv in self.story_layer.land_levels for p in lv.polygons]
            if polys:
                west, south, east, north = shapely.total_bounds(np.asarray(polys, dtype=object))
                bounds = (float(west), float(south), float(east), float(north))
        if bounds is None:
            return [[None, None], [None, None]]
        west, south, east, north = bounds
        return [[south, west], [north, east]]


class _HatchPatterns(SafeMacroElement):
    """Hidden SVG ``<pattern>`` definitions for hatch fill references."""

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
        self.colours = sorted({expand_hex(c) for c in colours})


def story_layer(layer: StoryLayer) -> IslandchainLayer:
    """Return the folium layer of a story layer.

    Examples
    --------
    >>> story_layer(StoryLayer("Nothing")).layer_name
    'Nothing'
    """
    return IslandchainLayer(layer)


def basemap_layer(
    land: gpd.GeoDataFrame | gpd.GeoSeries,
    *,
    detail_box: Bounds | None = None,
    keep: object = None,
    name: str = "Land",
) -> IslandchainLayer:
    """Land as an offline vector basemap: never clickable, detailed when zoomed in.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> layer = basemap_layer(gpd.GeoSeries([box(121, 22, 122, 25)], crs=4326))
    >>> layer.layer_name, layer.interactive_js
    ('Land', 'false')
    """
    return IslandchainLayer(land_story_layer(land, detail_box=detail_box, keep=keep, name=name))


def features_layer(
    features: gpd.GeoDataFrame,
    *,
    name: str = "Places",
    lang: str = "en",
    tolerance_deg: float = 0.005,
    outline_kinds: Collection[str] | None = None,
    show: bool = True,
) -> IslandchainLayer:
    """Named features coloured by administering state, labelled in ``lang``.

    See :func:`~islandchain.mapping.shapes.places_story_layer`.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"id": ["yonaguni"], "name": ["Yonaguni"], "name_ja": ["与那国島"],
    ...     "name_zh": ["與那國島"], "kind": ["island"], "admin": ["JPN"], "claimants": [""],
    ...     "lon": [123.0], "lat": [24.46]}, geometry=[Point(123.0, 24.46)], crs=4326)
    >>> len(features_layer(frame).features)
    1
    """
    return IslandchainLayer(
        places_story_layer(
            features,
            lang=lang,
            name=name,
            tolerance_deg=tolerance_deg,
            outline_kinds=outline_kinds,
            show=show,
        )
    )


def ring_layer(
    geometry: BaseGeometry,
    label: str,
    *,
    color: str = "#444444",
    popup: str | Markup | None = None,
    style: PathStyle | None = None,
    show: bool = True,
) -> IslandchainLayer:
    """A ring or buffer polygon that is already geodesic.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> ring_layer(Point(123, 24.4).buffer(1), "1 deg ring").layer_name
    '1 deg ring'
    """
    style = style or PathStyle(color, weight=1.5, fill_opacity=0.05, dash_array="6 4")
    return IslandchainLayer(ring_story_layer(geometry, label, style=style, popup=popup, show=show))


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
    """A geodesic line given as a densified lon/lat polyline, with its ends.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> len(line_layer(LineString([(123, 24.4), (122, 24.5)]), "a-b").features)
    3
    """
    return IslandchainLayer(
        line_story_layer(
            line,
            label,
            color,
            popup_html,
            weight=weight,
            dash_array=dash_array,
            endpoints=endpoints,
            show=show,
        )
    )


def claim_layer(drawing: Any, *, show: bool = True) -> IslandchainLayer:
    """A verdict's drawing as a folium layer (see :func:`claim_story_layer`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from shapely.geometry import LineString
    >>> v = SimpleNamespace(status="holds", label="measured 108.9 km vs stated 111 km",
    ...     line=LineString([(123, 24.45), (121.9, 24.6)]), ring=None, popup="ok")
    >>> claim_layer(v).layer_name.startswith("\\u2713")
    True
    """
    return IslandchainLayer(claim_story_layer(drawing, show=show))
