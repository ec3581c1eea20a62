"""Building blocks of stories: land, named places, lines, rings and areas as layers.

Each function turns data into a :class:`~islandchain.mapping.story.StoryLayer`
with its shapes, its labels and the legend rows for what it draws. Nothing
here imports folium.

Examples
--------
>>> from shapely.geometry import LineString
>>> layer = line_story_layer(LineString([(123, 24.4), (122, 24.5)]), "Yonaguni - Taiwan")
>>> [s.pane.name for s in layer.shapes]
['LINES', 'POINTS', 'POINTS']
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from markupsafe import Markup
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from ..errors import DataError, MapError
from .escape import plain_text, popup_table
from .simplify import GROUP_KINDS, as_geometry_array, display_levels
from .story import Bounds, Label, LabelKind, LegendEntry, Pane, Shape, StoryLayer
from .styles import (
    OSM_CREDIT,
    OTHER_STATE_COLOUR,
    SHARED_ADMIN_COLOUR,
    Language,
    PathStyle,
    hatch_fill,
    state_color,
    state_name,
    verdict_style,
)

__all__ = [
    "FEATURE_COLUMNS",
    "claim_story_layer",
    "codes",
    "land_story_layer",
    "line_story_layer",
    "places_story_layer",
    "ring_story_layer",
    "state_legend_entries",
]

#: Columns a features table needs.
FEATURE_COLUMNS = ("id", "name", "name_ja", "name_zh", "kind", "admin", "claimants", "lon", "lat")
_LABEL_PRIORITY = {"island": 30, "island_group": 25, "islet": 10, "region": 5}


def land_story_layer(
    land: object,
    *,
    detail_box: Bounds | Sequence[Bounds] | None = None,
    region_box: Bounds | None = None,
    keep: object = None,
    name: str = "Land",
) -> StoryLayer:
    """The offline basemap: land from the full-resolution coast, thinned per zoom.

    Parameters
    ----------
    land : GeoDataFrame, GeoSeries or sequence of geometries
        Land polygons.
    detail_box : (west, south, east, north) or a sequence of them, optional
        Where the land is drawn at full resolution when zoomed in.
    region_box : (west, south, east, north), optional
        Where the land is drawn at all (default everywhere).
    keep : optional
        Islands the coarse level must keep (see
        :func:`~islandchain.mapping.simplify.simplify_for_display`).
    name : str
        Layer name.

    Returns
    -------
    StoryLayer
        With ``land_levels`` and the OpenStreetMap credit.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> land_story_layer([box(121, 22, 122, 25)]).attribution
    '© OpenStreetMap contributors (ODbL)'
    """
    levels = display_levels(land, detail_box=detail_box, region_box=region_box, keep=keep)
    return StoryLayer(name, land_levels=tuple(levels), attribution=OSM_CREDIT)


@dataclass(frozen=True)
class _Place:
    """Display text of one named feature (unescaped)."""

    name: str
    names: dict[str, str]
    kind: str
    admins: tuple[str, ...]
    other_claimants: tuple[str, ...]

    @property
    def colour(self) -> str:
        if len(self.admins) == 1:
            return state_color(self.admins[0])
        return SHARED_ADMIN_COLOUR if self.admins else OTHER_STATE_COLOUR

    @property
    def disputed(self) -> bool:
        return bool(self.other_claimants)

    @property
    def dispute_text(self) -> str:
        return f"claimed by {', '.join(self.other_claimants)}" if self.disputed else ""


def codes(value: object) -> tuple[str, ...]:
    """Read state codes from ``"CHN|TWN"`` or a sequence like ``("CHN", "TWN")``.

    Order is kept, blanks and repeats dropped.

    Examples
    --------
    >>> codes("chn|TWN|"), codes(("JPN",)), codes(None)
    (('CHN', 'TWN'), ('JPN',), ())
    """
    if isinstance(value, str):
        items: Iterable[object] = value.split("|")
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [plain_text(value)]
    return tuple(dict.fromkeys(c for c in (plain_text(i).upper() for i in items) if c))


def _place(row: object) -> _Place:
    admins = codes(row["admin"])  # type: ignore[index]
    others = tuple(c for c in codes(row["claimants"]) if c not in admins)  # type: ignore[index]
    names = {lang.value: plain_text(row[lang.name_column]) for lang in Language}  # type: ignore[index]
    return _Place(names["en"], names, plain_text(row["kind"]), admins, others)  # type: ignore[index]


def _place_popup(place: _Place, lon: float, lat: float) -> Markup:
    admin = ", ".join(f"{state_name(c)} ({c})" for c in place.admins)
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return popup_table(
        place.name,
        [
            ("English", place.names["en"]),
            ("日本語", place.names["ja"]),
            ("中文", place.names["zh"]),
            ("Kind", place.kind.replace("_", " ")),
            ("Administered by", admin),
            ("Disputed", place.dispute_text),
            ("Anchor", f"{abs(lat):.4f}° {ns}, {abs(lon):.4f}° {ew}"),
        ],
    )


def _place_style(place: _Place, *, point: bool) -> PathStyle:
    colour = place.colour
    if point:
        return PathStyle(
            colour,
            weight=2.0 if place.disputed else 1.5,
            fill_opacity=0.9,
            dash_array="3 2" if place.disputed else None,
            radius=4,
        )
    if place.disputed:
        return PathStyle(
            colour, weight=2, fill_color=hatch_fill(colour), fill_opacity=0.55, dash_array="6 4"
        )
    return PathStyle(colour, weight=1.5, fill_opacity=0.25)


def _outline_tolerance(geom: BaseGeometry, max_tolerance_deg: float) -> float:
    """1% of the square root of the area: a 200 m islet keeps ~2 m detail."""
    return float(np.clip(math.sqrt(geom.area) * 0.01, 1e-5, max_tolerance_deg))


def _draws_outline(geom: BaseGeometry | None, kind: str, outline_kinds: object) -> bool:
    if geom is None or geom.is_empty or not geom.geom_type.endswith("Polygon"):
        return False
    if outline_kinds is None:
        return kind not in GROUP_KINDS
    return kind in outline_kinds  # type: ignore[operator]


def _label_point(geom: BaseGeometry, lon: float, lat: float, view: Bounds | None):
    """Where a place's name goes: its anchor, or a point of it inside the view."""
    if view is None:
        return lon, lat
    west, south, east, north = view
    if west <= lon <= east and south <= lat <= north:
        return lon, lat
    if geom is not None and geom.geom_type.endswith("Polygon"):
        part = shapely.intersection(geom, shapely.box(*view))
        if not part.is_empty:
            p = shapely.point_on_surface(part)
            return p.x, p.y
    return lon, lat


def places_story_layer(
    features: gpd.GeoDataFrame,
    *,
    lang: Language | str = Language.EN,
    name: str = "Places",
    tolerance_deg: float = 0.005,
    outline_kinds: Collection[str] | None = None,
    label_view: Bounds | None = None,
    important: Collection[str] = (),
    labelled_kinds: Collection[str] = ("island", "island_group", "islet", "region"),
    show: bool = True,
    landmarks: Collection[str] = (),
) -> StoryLayer:
    """Named features coloured by administering state, with their names as labels.

    Each feature gets its outline (polygons only, simplified for display)
    and a circle marker at its anchor, so even a 0.04 km² islet is visible
    at any zoom. Disputed features are hatched with a dashed outline.

    Parameters
    ----------
    features : GeoDataFrame
        Columns :data:`FEATURE_COLUMNS` and geometry; ``admin`` and
        ``claimants`` are ISO3 codes as ``|``-text or tuples.
    lang : Language or str
        Language of the labels (``"en"``, ``"ja"`` or ``"zh"``); a place
        without a name in that language is labelled in English.
    name : str
        Layer name.
    tolerance_deg : float
        Largest display simplification of an outline.
    outline_kinds : collection of str, optional
        Kinds whose polygons are drawn; default all but groups and regions.
    label_view : Bounds, optional
        The view the map opens on: a place whose anchor lies outside is
        labelled at a point of its land inside.
    important : collection of str
        Feature ids named in the story: their labels win collisions.
    labelled_kinds : collection of str
        Kinds that get a name label (ports and capes are named in popups).
    show : bool
        On when the map opens.
    landmarks : collection of str
        Feature ids a reader finds the story by (Kyushu, Taiwan, Luzon on the
        chain map): their labels win over every other label, measures included.

    Returns
    -------
    StoryLayer
        With a legend row per administering state drawn, and one for
        disputed places if any is drawn.

    Raises
    ------
    DataError
        If a column is missing.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"id": ["yonaguni"], "name": ["Yonaguni"],
    ...     "name_ja": ["与那国島"], "name_zh": ["與那國島"], "kind": ["island"],
    ...     "admin": ["JPN"], "claimants": [""], "lon": [123.0], "lat": [24.46]},
    ...     geometry=[Point(123.0, 24.46)], crs=4326)
    >>> layer = places_story_layer(frame, lang="ja")
    >>> [lb.text for lb in layer.labels], [e.label for e in layer.legend]
    (['与那国島'], ['Japan'])
    """
    missing = [c for c in FEATURE_COLUMNS if c not in features.columns]
    if missing:
        raise DataError(f"features table lacks column(s) {', '.join(missing)}")
    lang = Language(lang)
    geoms = as_geometry_array(features)
    shapes: list[Shape] = []
    labels: list[Label] = []
    states: dict[str, None] = {}
    shared = disputed = False
    for (_, row), geom in zip(features.iterrows(), geoms, strict=True):
        place = _place(row)
        lon, lat = float(row["lon"]), float(row["lat"])
        tooltip = place.names[lang.value] or place.name
        popup = _place_popup(place, lon, lat)
        props = (("id", plain_text(row["id"])), ("disputed", place.disputed))
        if _draws_outline(geom, place.kind, outline_kinds):
            outline = shapely.simplify(
                geom, _outline_tolerance(geom, tolerance_deg), preserve_topology=True
            )
            style = _place_style(place, point=False)
            shapes.append(Shape(outline, style, Pane.AREAS, tooltip, popup, True, props))
        anchor = shapely.Point(lon, lat)
        style = _place_style(place, point=True)
        shapes.append(Shape(anchor, style, Pane.POINTS, tooltip, popup, True, props))
        if len(place.admins) == 1:
            states[place.admins[0]] = None
        shared |= len(place.admins) > 1
        disputed |= place.disputed
        if place.kind in labelled_kinds and tooltip:
            x, y = _label_point(geom, lon, lat, label_view)
            priority = _LABEL_PRIORITY.get(place.kind, 0) + (100 if row["id"] in important else 0)
            priority += 300 if row["id"] in landmarks else 0
            kind = LabelKind.REGION if place.kind in GROUP_KINDS else LabelKind.PLACE
            labels.append(Label(x, y, tooltip, kind, priority))
    legend = state_legend_entries(states, shared=shared, disputed=disputed)
    return StoryLayer(
        name,
        tuple(shapes),
        tuple(labels),
        show=show,
        attribution=OSM_CREDIT,
        legend=tuple(legend),
    )


def state_legend_entries(
    states: Iterable[object], *, shared: bool = False, disputed: bool = False
) -> list[LegendEntry]:
    """Legend rows for administering states, then shared and disputed if drawn.

    Parameters
    ----------
    states : iterable
        ISO3 codes, ``"A|B"`` text or tuples; duplicates and blanks ignored.
        A value with several states counts as shared.
    shared : bool
        Add the "administered by several states" row.
    disputed : bool
        Add the "disputed" row.

    Returns
    -------
    list of LegendEntry

    Examples
    --------
    >>> [e.label for e in state_legend_entries(["TWN", ("JPN",), "JPN"])]
    ['Japan', 'Taiwan']
    """
    per_value = [codes(c) for c in states]
    single = sorted({c[0] for c in per_value if len(c) == 1})
    rows = [LegendEntry(state_name(c), state_color(c)) for c in single]
    if shared or any(len(c) > 1 for c in per_value):
        rows.append(LegendEntry("administered by several states", SHARED_ADMIN_COLOUR))
    if disputed:
        rows.append(LegendEntry("disputed (claimed by another state)", "#444444", "hatch"))
    return rows


def ring_story_layer(
    geometry: BaseGeometry,
    name: str,
    *,
    style: PathStyle | None = None,
    popup: str | Markup | None = None,
    pane: Pane = Pane.AREAS,
    interactive: bool = True,
    show: bool = True,
    legend: Sequence[LegendEntry] = (),
    labels: Sequence[Label] = (),
    attribution: str = "",
) -> StoryLayer:
    """A ring, buffer or area that is already geodesic, as one layer.

    Build the geometry with :func:`islandchain.geodesy.geodesic_circle` or
    ``geodesic_buffer``: this only draws it.

    Raises
    ------
    MapError
        If the geometry is empty.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> ring_story_layer(Point(123, 24.4).buffer(1), "ring").shapes[0].pane.name
    'AREAS'
    """
    if geometry is None or geometry.is_empty:
        raise MapError(f"ring {name!r} has an empty geometry")
    style = style or PathStyle("#444444", weight=1.5, fill_opacity=0.05, dash_array="6 4")
    shape = Shape(geometry, style, pane, name, popup, interactive)
    return StoryLayer(
        name,
        (shape,),
        tuple(labels),
        show=show,
        legend=tuple(legend),
        attribution=attribution,
    )


def line_story_layer(
    line: BaseGeometry,
    name: str,
    color: str = "#333333",
    popup: str | Markup | None = None,
    *,
    weight: float = 3.0,
    dash_array: str | None = None,
    endpoints: bool = True,
    show: bool = True,
    labels: Sequence[Label] = (),
    legend: Sequence[LegendEntry] = (),
    attribution: str = "",
) -> StoryLayer:
    """A geodesic line (densified lon/lat polyline) and optionally its ends.

    Raises
    ------
    MapError
        If the line is empty.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> len(line_story_layer(LineString([(123, 24.4), (122, 24.5)]), "a-b").shapes)
    3
    """
    style = PathStyle(color, weight=weight, fill=False, dash_array=dash_array)
    ends = PathStyle("#ffffff", weight=1.5, fill_color=color, fill_opacity=1.0, radius=4)
    shapes = line_shapes(line, style, ends, name, popup, endpoints=endpoints)
    return StoryLayer(
        name,
        tuple(shapes),
        tuple(labels),
        show=show,
        legend=tuple(legend),
        attribution=attribution,
    )


def line_shapes(
    line: BaseGeometry,
    style: PathStyle,
    end_style: PathStyle,
    tooltip: str,
    popup: str | Markup | None,
    *,
    endpoints: bool = True,
    properties: tuple[tuple[str, object], ...] = (),
) -> list[Shape]:
    """The shapes of a line and, optionally, its two end points."""
    if line is None or line.is_empty:
        raise MapError(f"line {tooltip!r} has an empty geometry")
    shapes = [Shape(line, style, Pane.LINES, tooltip, popup, True, properties)]
    if endpoints:
        coords = shapely.get_coordinates(line)
        for (lon, lat), end in zip((coords[0], coords[-1]), ("start", "end"), strict=True):
            shapes.append(
                Shape(
                    shapely.Point(lon, lat),
                    end_style,
                    Pane.POINTS,
                    tooltip,
                    popup,
                    True,
                    (*properties, ("end", end)),
                )
            )
    return shapes


def midpoint(line: LineString | MultiLineString) -> tuple[float, float]:
    """The point halfway along a (lon/lat) line, for its label.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> midpoint(LineString([(0, 0), (2, 0)]))
    (1.0, 0.0)
    """
    p = shapely.line_interpolate_point(line, 0.5, normalized=True)
    return float(p.x), float(p.y)


def claim_story_layer(drawing: Any, *, show: bool = True) -> StoryLayer:
    """A verdict's drawing as a layer: line, ends, a non-clickable ring, the label.

    Parameters
    ----------
    drawing : object
        With ``status``, ``name`` or ``label`` (layer name), ``short_label``
        (optional text on the line), ``line``, ``ring`` and ``popup``.
    show : bool
        On when the map opens.

    Returns
    -------
    StoryLayer

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from shapely.geometry import LineString
    >>> d = SimpleNamespace(status="holds", label="a", short_label="107.5 km",
    ...     line=LineString([(123, 24.45), (121.9, 24.6)]), ring=None, popup="ok")
    >>> [lb.text for lb in claim_story_layer(d).labels]
    ['107.5 km']
    """
    vstyle = verdict_style(drawing.status)
    name = plain_text(getattr(drawing, "name", "") or drawing.label)
    popup = getattr(drawing, "popup", None) or None
    shapes: list[Shape] = []
    labels: list[Label] = []
    legend: list[LegendEntry] = [
        LegendEntry(
            f"{vstyle.symbol} measured shortest distance: {vstyle.status}",
            vstyle.color,
            "line",
            vstyle.dash_array,
        )
    ]
    ring = getattr(drawing, "ring", None)
    if ring is not None and not ring.is_empty:
        shapes.append(Shape(ring, vstyle.ring_style(), Pane.AREAS, interactive=False))
        legend.append(
            LegendEntry(
                "ring: every point at the stated distance", vstyle.color, "line", "6 5", weight=1.5
            )
        )
    line = getattr(drawing, "line", None)
    if line is not None and not line.is_empty:
        cid = plain_text(getattr(drawing, "id", ""))
        props = (("claim", cid),) if cid else ()
        shapes += line_shapes(
            line, vstyle.line_style(), vstyle.point_style(), name, popup, properties=props
        )
        legend.append(LegendEntry("end points of the measured line", vstyle.color, "point"))
        short = plain_text(getattr(drawing, "short_label", ""))
        if short:
            lon, lat = midpoint(line)
            labels.append(Label(lon, lat, short, LabelKind.MEASURE, 200))
    return StoryLayer(
        f"{vstyle.symbol} {name}",
        tuple(shapes),
        tuple(labels),
        show=show,
        attribution=OSM_CREDIT,
        legend=tuple(legend),
    )
