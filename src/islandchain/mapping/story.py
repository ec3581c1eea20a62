"""What a map tells, independent of how it is drawn.

A :class:`Story` is a title, a subtitle with the source, and layers of
shapes and labels, each with the legend rows for what it draws. The HTML
map (:mod:`islandchain.mapping.render`) and the static figure
(:mod:`islandchain.mapping.figure`) both draw a Story, so they agree on
every label, colour and legend row. Nothing here imports folium.

Examples
--------
>>> from shapely.geometry import LineString
>>> from islandchain.mapping.styles import PathStyle
>>> line = Shape(LineString([(123, 24.4), (122, 24.5)]), PathStyle("#000000", fill=False))
>>> layer = StoryLayer("A line", (line,), legend=(LegendEntry("a line", "#000000", "line"),))
>>> story = Story("Title", "Source: us", (layer,))
>>> [e.label for e in story.legend()]
['a line']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from ..errors import MapError
from .styles import OSM_CREDIT, PathStyle, check_colour

__all__ = [
    "Bounds",
    "Label",
    "LabelKind",
    "LegendEntry",
    "Pane",
    "Shape",
    "Story",
    "StoryLayer",
    "bounds_of",
]

#: (west, south, east, north) in degrees.
Bounds = tuple[float, float, float, float]


class Pane(enum.IntEnum):
    """Drawing order: a higher pane is always drawn over, and clicked before, a lower one.

    Land lies over the maritime zones, so a zone's inner edge is the coast
    itself at every zoom; the land never catches a click.
    """

    ZONES = 1
    LAND = 2
    AREAS = 3
    HIGHLIGHTS = 4
    LINES = 5
    POINTS = 6


class LabelKind(enum.StrEnum):
    """What a label names; each kind has its own type style."""

    PLACE = "place"
    REGION = "region"
    MEASURE = "measure"
    AREA = "area"
    LINE = "line"


@dataclass(frozen=True)
class Shape:
    """One drawn geometry.

    Parameters
    ----------
    geometry : shapely geometry
        In lon/lat.
    style : PathStyle
        Stroke and fill.
    pane : Pane
        Drawing order; lines and points stay above areas.
    tooltip : str
        Plain text shown on hover (escaped when rendered).
    popup : str or Markup, optional
        Plain text, or HTML built by :func:`~islandchain.mapping.escape.popup_table`.
    interactive : bool
        False for shapes that must never catch a click (rings, land).
    properties : tuple of (str, object)
        Extra data carried to the page (ids, flags).
    """

    geometry: BaseGeometry
    style: PathStyle
    pane: Pane = Pane.AREAS
    tooltip: str = ""
    popup: str | Markup | None = None
    interactive: bool = True
    properties: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Label:
    """A permanent text label, placed without collisions when drawn.

    Parameters
    ----------
    lon, lat : float
        The labelled point.
    text : str
        Plain text.
    kind : LabelKind
        Type style.
    priority : int
        Higher wins when two labels collide (the lower one moves or hides).
    """

    lon: float
    lat: float
    text: str
    kind: LabelKind = LabelKind.PLACE
    priority: int = 0


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend.

    Parameters
    ----------
    label : str
        Plain text (escaped when rendered).
    color : str
        Hex colour.
    kind : {"fill", "line", "hatch", "point"}
        Swatch shape.
    dash_array : str or None
        Dash pattern for ``"line"`` and ``"fill"`` swatches.
    fill_opacity : float
        Opacity of a ``"fill"`` swatch.
    weight : float
        Stroke width of a ``"line"`` swatch.

    Examples
    --------
    >>> LegendEntry("Japan", "#7b3294").kind
    'fill'
    """

    label: str
    color: str
    kind: Literal["fill", "line", "hatch", "point"] = "fill"
    dash_array: str | None = None
    fill_opacity: float = 0.4
    weight: float = 3.0

    def __post_init__(self) -> None:
        check_colour(self.color)
        if self.kind not in ("fill", "line", "hatch", "point"):
            raise MapError(f"unknown legend swatch kind {self.kind!r}")


@dataclass(frozen=True)
class StoryLayer:
    """A named group of shapes and labels, switched on and off together.

    Parameters
    ----------
    name : str
        Plain text shown in the layer list.
    shapes : tuple of Shape
    labels : tuple of Label
    show : bool
        On when the map opens (and drawn in the static figure).
    attribution : str
        Credit shown while the layer is on (e.g. :data:`OSM_CREDIT`).
    legend : tuple of LegendEntry
        What this layer draws, for the legend.
    land_levels : tuple
        For a land layer: :class:`~islandchain.mapping.simplify.DisplayLevel`
        records switched by zoom (``shapes`` is then empty).
    """

    name: str
    shapes: tuple[Shape, ...] = ()
    labels: tuple[Label, ...] = ()
    show: bool = True
    attribution: str = ""
    legend: tuple[LegendEntry, ...] = ()
    land_levels: tuple = ()

    def bounds(self) -> Bounds | None:
        """(west, south, east, north) of the shapes, or None."""
        return bounds_of(s.geometry for s in self.shapes)


@dataclass(frozen=True)
class Story:
    """A map's title, subtitle, layers and the extent it opens on.

    Parameters
    ----------
    title : str
        What the map shows, as a headline.
    subtitle : str
        The source and how it was measured.
    layers : tuple of StoryLayer
        Bottom first.
    focus : Bounds, optional
        What the map opens on at any screen size; None = every shape.
    """

    title: str
    subtitle: str = ""
    layers: tuple[StoryLayer, ...] = ()
    focus: Bounds | None = None
    extra_legend: tuple[LegendEntry, ...] = field(default_factory=tuple)

    def legend(self, *, shown_only: bool = False) -> list[LegendEntry]:
        """Legend rows of what is drawn (each once, in layer order)."""
        rows: dict[tuple, LegendEntry] = {}
        for layer in self.layers:
            if shown_only and not layer.show:
                continue
            for entry in layer.legend:
                rows.setdefault((entry.label, entry.kind, entry.color), entry)
        for entry in self.extra_legend:
            rows.setdefault((entry.label, entry.kind, entry.color), entry)
        return list(rows.values())

    def credits(self, *, shown_only: bool = False) -> list[str]:
        """Distinct attributions of the layers, in order."""
        found = [
            layer.attribution
            for layer in self.layers
            if layer.attribution and (layer.show or not shown_only)
        ]
        return list(dict.fromkeys(found))

    def extent(self) -> Bounds | None:
        """The focus, or the bounds of every shape."""
        if self.focus is not None:
            return self.focus
        return bounds_of(s.geometry for layer in self.layers for s in layer.shapes)

    @property
    def uses_osm(self) -> bool:
        """True if any layer carries the OpenStreetMap credit."""
        return any(layer.attribution == OSM_CREDIT for layer in self.layers)


def bounds_of(geoms: Iterable[BaseGeometry | None]) -> Bounds | None:
    """Return (west, south, east, north) of non-empty geometries, or None.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> bounds_of([Point(1, 2), None, Point(3, 0)])
    (1.0, 0.0, 3.0, 2.0)
    """
    arr = np.asarray([g for g in geoms if g is not None and not g.is_empty], dtype=object)
    if len(arr) == 0:
        return None
    west, south, east, north = shapely.total_bounds(arr)
    return float(west), float(south), float(east), float(north)


def pad_bounds(bounds: Bounds, share: float = 0.1, minimum_deg: float = 0.05) -> Bounds:
    """Widen ``bounds`` by ``share`` of its size on every side (at least ``minimum_deg``).

    Examples
    --------
    >>> pad_bounds((0.0, 0.0, 10.0, 10.0))
    (-1.0, -1.0, 11.0, 11.0)
    """
    west, south, east, north = bounds
    dx = max((east - west) * share, minimum_deg)
    dy = max((north - south) * share, minimum_deg)
    return (west - dx, south - dy, east + dx, north + dy)


def merge_layers(layers: Sequence[StoryLayer]) -> tuple[StoryLayer, ...]:
    """Return ``layers`` as a tuple, refusing two layers with the same name."""
    names = [layer.name for layer in layers]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise MapError(f"two layers are named {sorted(dup)[0]!r}; layer names must differ")
    return tuple(layers)
