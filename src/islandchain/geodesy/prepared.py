"""Prepared geometries: search indexes built once and kept by identity."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from functools import cached_property
from typing import TYPE_CHECKING, cast

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from ..errors import GeodesyError
from .blocks import _Blocks, _blocks
from .ellipsoid import _check_lonlat
from .lines import _aeqd_forward
from .pieces import _Chunks, _chunks, _Pieces, _pieces, _point_tree, _segments

if TYPE_CHECKING:
    from scipy.spatial import cKDTree


def _as_geometry(obj, what: str = "geometry") -> BaseGeometry:
    """One shapely geometry in lon/lat from a geometry, GeoSeries or GeoDataFrame."""
    if isinstance(obj, PreparedGeometry):
        return obj.geometry
    geopandas = sys.modules.get("geopandas")  # no frame exists before it is imported
    if geopandas is not None and isinstance(obj, geopandas.GeoDataFrame):
        obj = obj.geometry
    if geopandas is not None and isinstance(obj, geopandas.GeoSeries):
        if obj.crs is not None and not CRS.from_user_input(obj.crs).equals(CRS("EPSG:4326")):
            obj = obj.to_crs("EPSG:4326")
        obj = shapely.geometrycollections(obj.dropna().to_numpy())
    if isinstance(obj, tuple) and len(obj) == 2:
        obj = shapely.Point(obj)
    if not isinstance(obj, BaseGeometry):
        raise GeodesyError(
            f"{what}: expected a shapely geometry, a GeoSeries or GeoDataFrame, "
            f"or a (lon, lat) pair, not {type(obj).__name__}"
        )
    if obj.is_empty:
        raise GeodesyError(f"{what} is empty: there is nothing to measure")
    xy = shapely.get_coordinates(obj)
    _check_lonlat(xy[:, 0], xy[:, 1], what)
    return obj


#: The side of the cells a buffer's first guess is drawn in, degrees.
CELL_DEG = 2.0


class PreparedGeometry:
    """A geometry with its search indexes, built once for repeated queries.

    Every function of this module that measures to a geometry builds an index
    of its coast first (balls over runs of vertices for :func:`shortest_line`,
    geodesic pieces and chords in a k-d tree for many points). Passing the
    same shapely object again reuses the index: the last few indexes are kept,
    keyed by the object's *identity* (never by hashing its coordinates). A
    frame, or a geometry made afresh for each call, is a new object each
    time; prepare it once and pass the prepared object instead.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        In lon/lat; every row of a frame counts as one geometry.

    Examples
    --------
    >>> import shapely
    >>> from islandchain.geodesy import distance_to, shortest_line
    >>> coast = prepare(shapely.box(122, 24, 123, 25))
    >>> [round(x) for x in distance_to([121.0, 121.5], [24.5, 24.5], coast)]
    [101354, 50677]
    >>> round(shortest_line((121.0, 24.5), coast).distance_m)
    101354
    """

    def __init__(self, geometry, what: str = "geometry") -> None:
        self.geometry: BaseGeometry = _as_geometry(geometry, what)

    def __repr__(self) -> str:
        n = shapely.get_num_coordinates(self.geometry)
        return f"<PreparedGeometry {self.geometry.geom_type} with {n:,} vertices>"

    @cached_property
    def _parts(self) -> tuple[NDArray, NDArray]:
        parts = shapely.get_parts(self.geometry)
        return parts, shapely.get_type_id(parts)

    @cached_property
    def points(self) -> NDArray:
        """Isolated points (of a point geometry or a collection), shape (n, 2)."""
        parts, kinds = self._parts
        return shapely.get_coordinates(parts[np.isin(kinds, [0, 4])])

    @cached_property
    def point_tree(self) -> cKDTree:
        """A k-d tree over the isolated points, for many points measured to them."""
        return _point_tree(self.points)

    @cached_property
    def polygonal(self) -> bool:
        """Whether the geometry has polygons (points inside are at distance 0)."""
        parts, kinds = self._parts
        if np.any(kinds == 3):
            shapely.prepare(self.geometry)
            return True
        return False

    @cached_property
    def vertices(self) -> NDArray:
        """Every vertex, shape (n, 2)."""
        return shapely.get_coordinates(self.geometry)

    @cached_property
    def segments(self) -> NDArray:
        """Consecutive vertex pairs of every line and ring, shape (n, 4)."""
        return _segments(self.geometry)

    @cached_property
    def blocks(self) -> _Blocks:
        """Runs of vertices in balls, for the shortest distance to another geometry."""
        return _blocks(self.geometry)

    @cached_property
    def pieces(self) -> _Pieces | None:
        """Geodesic pieces of every segment, or None for points only."""
        return _pieces(self.geometry, self.segments)

    @property
    def cells(self) -> tuple[tuple[float, float, BaseGeometry], ...]:
        """The parts in each cell of ``CELL_DEG`` degrees, drawn in an azimuthal
        equidistant projection round the cell's centre: (lon0, lat0, parts).

        For the first guesses of buffers: the same for every distance. Kept with
        the instance without ``cached_property``, whose lock Python 3.11 shares
        between all instances (threads buffering different states would wait).
        """
        found = self.__dict__.get("_cells")
        if found is None:
            found = self.__dict__["_cells"] = self._cells_now()
        return found

    def _cells_now(self) -> tuple[tuple[float, float, BaseGeometry], ...]:
        geom = self.geometry
        x0, y0, x1, y1 = geom.bounds
        parts = shapely.get_parts(geom)
        tree = shapely.STRtree(parts)
        s = CELL_DEG
        out: list[tuple[float, float, BaseGeometry]] = []
        for i in range(int(np.floor(x0 / s)), int(np.floor(x1 / s)) + 1):
            for j in range(int(np.floor(y0 / s)), int(np.floor(y1 / s)) + 1):
                box = shapely.box(i * s, j * s, (i + 1) * s, (j + 1) * s)
                hit = tree.query(box)
                if not len(hit):
                    continue
                clip = shapely.intersection(parts[hit], box)
                clip = clip[~shapely.is_empty(clip)]
                if not len(clip):
                    continue
                lon0, lat0 = (i + 0.5) * s, (j + 0.5) * s
                plane = shapely.transform(
                    shapely.geometrycollections(clip),
                    lambda xy, lon0=lon0, lat0=lat0: _aeqd_forward(lon0, lat0, xy),
                )
                out.append((lon0, lat0, cast(BaseGeometry, plane)))
        return tuple(out)

    @cached_property
    def chunks(self) -> _Chunks | None:
        """Runs of about 3 km of coast, for many points."""
        return _chunks(self.pieces)


#: Indexes of recently measured geometries, by identity. Each entry holds a
#: reference to its geometry, so an id cannot be reused while it is cached.
_PREPARED: OrderedDict[int, PreparedGeometry] = OrderedDict()
_PREPARED_MAX = 32
_PREPARED_LOCK = threading.Lock()


def prepare(geometry, what: str = "geometry") -> PreparedGeometry:
    """Build (or reuse) the search indexes of a geometry for repeated measurements.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries, GeoDataFrame or PreparedGeometry
        In lon/lat.

    Returns
    -------
    PreparedGeometry
        Accepted wherever a geometry is, by :func:`distance_to`,
        :func:`shortest_line` and :func:`geodesic_buffer`. A shapely object
        prepared before (or measured recently) gets its cached indexes back;
        nothing is hashed, the object's identity is the key.

    Examples
    --------
    >>> import shapely
    >>> box = shapely.box(122, 24, 123, 25)
    >>> prepare(box) is prepare(box)
    True
    """
    if isinstance(geometry, PreparedGeometry):
        return geometry
    if not isinstance(geometry, BaseGeometry):
        return PreparedGeometry(geometry, what)  # a frame or a pair: new every call
    key = id(geometry)
    with _PREPARED_LOCK:  # callers may measure from several threads
        hit = _PREPARED.get(key)
        if hit is not None and hit.geometry is geometry:
            _PREPARED.move_to_end(key)
            return hit
        prepared = PreparedGeometry(geometry, what)
        _PREPARED[key] = prepared
        while len(_PREPARED) > _PREPARED_MAX:
            _PREPARED.popitem(last=False)
        return prepared


def clear_index_cache() -> None:
    """Forget every cached index (the next measurement rebuilds it; for benchmarks)."""
    with _PREPARED_LOCK:
        _PREPARED.clear()
