"""Exact geodesy on the WGS84 ellipsoid.

Every distance here is a geodesic on the WGS84 ellipsoid, solved by
GeographicLib's algorithms through :class:`pyproj.Geod`; nothing is measured
in a projection. Coordinates are longitude and latitude in degrees (EPSG:4326).

Segments
--------
A segment between two consecutive vertices of a line or polygon ring is taken
to be the *geodesic* joining them (as GeographicLib and PostGIS ``geography``
do), not a straight line in longitude and latitude. For coastline segments of
tens to hundreds of metres the two readings differ by millimetres.

Shortest distances
------------------
The shortest distance between two geometries that do not touch is realised
between a vertex of one and a point of a segment of the other, and that point
may lie inside the segment. :func:`shortest_line` finds it exactly:

1. the vertices of each geometry go in runs of 32 (islands of an archipelago
   in the order of a Hilbert curve), runs of eight runs, and so on; each block
   gets a ball in geocentric coordinates from its longitude-latitude box
   alone (no radius of curvature exceeds ``a**2 / b``, so the box's extent
   bounds every chord from its centre), holding every point of its segments
   (a geodesic bulges away from its chord by at most ``L**2 / (8 b**2 / a)``);
2. no geodesic is shorter than the great-circle arc with the same chord on a
   sphere of WGS84's largest radius of curvature (``a**2 / b``), so the
   distance between two balls gives a strict lower bound of the geodesic
   distance between their blocks; pairs of blocks are refined level by level,
   and a pair goes when its bound exceeds the exact distance between two
   vertices found so far;
3. the surviving runs, and only they, get the geocentric position of their
   vertices: tighter balls for sub-runs of 8, then each vertex against each
   sub-run's ball, then against each of its segments' chords;
4. for the survivors the point of the geodesic segment nearest a vertex is
   found by iterating on the angle at which the geodesic from the vertex
   meets the segment (the first-variation condition of a shortest path),
   each step solved with GeographicLib, to better than 0.1 mm.

The bounds are strict, so the answer is the true minimum over every
vertex-segment pair; ``tests/test_geodesy.py`` checks it against a brute force.
Most of a coast is pruned from its box alone, so measuring between two
coasts for the first time costs about as much as measuring again. (Many
points, :func:`distance_to`, use another index, built when first needed:
every segment cut into geodesic pieces of at most 1 km, their chords in a
k-d tree, with the same bounds.)

Indexes
-------
The index of a geometry is built once and kept with it in a
:class:`PreparedGeometry`; :func:`prepare` returns the same object for the
same shapely geometry (by identity, never by hashing its coordinates), and
every function accepts a prepared geometry wherever it takes a geometry.
Many points (:func:`distance_to`) go in batches of 16,384, in the order of a
space-filling curve and on parallel threads: for each, an upper bound from
the nearest run of about 3 km of coast, then only the runs and pieces whose
chord bound can beat it, so memory stays bounded whatever the number of points.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry

from .errors import GeodesyError

if TYPE_CHECKING:
    from scipy.spatial import cKDTree
else:

    def cKDTree(*args, **kwargs):  # noqa: N802 - scipy's class, imported when first used
        from scipy.spatial import cKDTree as tree

        return tree(*args, **kwargs)


__all__ = [
    "NMI",
    "WGS84",
    "GeodesyError",
    "PreparedGeometry",
    "Separation",
    "compass",
    "distance_to",
    "forward",
    "geodesic_area",
    "geodesic_buffer",
    "geodesic_circle",
    "geodesic_line",
    "geodesic_perimeter",
    "inverse",
    "point_segment_distance",
    "prepare",
    "shortest_line",
]

#: The WGS84 ellipsoid, through GeographicLib's geodesic algorithms.
WGS84 = Geod(ellps="WGS84")
#: One international nautical mile, in metres.
NMI = 1852.0

# Smallest radius of curvature of WGS84 (meridional, at the equator, b**2/a):
# bounds how far a geodesic piece bulges from its chord.
_RHO_MIN = WGS84.b**2 / WGS84.a
# Largest radius of curvature (at the poles, a**2/b): gives a lower bound of a
# geodesic's length from its chord.
_RHO_MAX = WGS84.a**2 / WGS84.b
# Longest geodesic piece in the search index, metres.
_PIECE_M = 1_000.0
# The iteration stops when the foot moves less than this, metres.
_FOOT_TOL_M = 1e-4

_ROSE = {
    4: ("N", "E", "S", "W"),
    8: ("N", "NE", "E", "SE", "S", "SW", "W", "NW"),
    16: (
        "N",
        "NNE",
        "NE",
        "ENE",
        "E",
        "ESE",
        "SE",
        "SSE",
        "S",
        "SSW",
        "SW",
        "WSW",
        "W",
        "WNW",
        "NW",
        "NNW",
    ),
}


@dataclass(frozen=True)
class Separation:
    """The shortest geodesic between two geometries.

    Attributes
    ----------
    distance_m : float
        Geodesic distance on WGS84, metres.
    point_a, point_b : tuple of float
        ``(lon, lat)`` of the points on the first and second geometry that
        realise the distance.
    azimuth_deg : float
        Azimuth at ``point_a`` of the geodesic towards ``point_b``, degrees
        clockwise from north in ``[0, 360)``; ``nan`` when the geometries touch.
    back_azimuth_deg : float
        Azimuth at ``point_b`` of the geodesic towards ``point_a``.
    """

    distance_m: float
    point_a: tuple[float, float]
    point_b: tuple[float, float]
    azimuth_deg: float
    back_azimuth_deg: float

    @property
    def distance_km(self) -> float:
        """The distance in kilometres."""
        return self.distance_m / 1000.0

    @property
    def line(self) -> shapely.LineString:
        """The geodesic from ``point_a`` to ``point_b``, densified for drawing."""
        return geodesic_line(*self.point_a, *self.point_b)


# --- point to point ---------------------------------------------------------------------------


def _check_lonlat(lon: NDArray, lat: NDArray, what: str = "coordinates") -> None:
    if not (np.all(np.isfinite(lon)) and np.all(np.isfinite(lat))):
        raise GeodesyError(f"{what}: longitude and latitude must be finite numbers")
    if np.any(np.abs(lat) > 90):
        bad = float(np.asarray(lat)[np.abs(lat) > 90].flat[0])
        raise GeodesyError(
            f"{what}: latitude {bad:g} is outside [-90, 90]; "
            "coordinates are (longitude, latitude) in degrees, longitude first"
        )


def _scalar_or_array(x: NDArray, scalar: bool):
    return float(x) if scalar else x


def inverse(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike):
    """Solve the inverse geodesic problem on WGS84.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like
        Longitudes and latitudes in degrees; arrays broadcast.

    Returns
    -------
    distance_m, azimuth1_deg, azimuth2_deg : float or ndarray
        The geodesic distance in metres, the azimuth at the first point towards
        the second, and the azimuth at the second point *away from* the first
        (the forward azimuth there), both clockwise from north in ``[0, 360)``.

    Examples
    --------
    >>> d, az1, az2 = inverse(123.0, 24.45, 121.8, 24.6)
    >>> round(d / 1000, 1), round(az1)
    (122.7, 278)
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    scalar = arrays[0].ndim == 0
    a = [np.atleast_1d(v).ravel() for v in arrays]
    _check_lonlat(a[0], a[1], "first point")
    _check_lonlat(a[2], a[3], "second point")
    az12, az21, dist = WGS84.inv(a[0], a[1], a[2], a[3])
    shape = arrays[0].shape
    out = (dist.reshape(shape), (az12 % 360).reshape(shape), ((az21 + 180) % 360).reshape(shape))
    return tuple(_scalar_or_array(v, scalar) for v in out)


def forward(lon: ArrayLike, lat: ArrayLike, azimuth_deg: ArrayLike, distance_m: ArrayLike):
    """Solve the direct geodesic problem on WGS84.

    Parameters
    ----------
    lon, lat : float or array_like
        Start point, degrees.
    azimuth_deg : float or array_like
        Azimuth at the start, degrees clockwise from north.
    distance_m : float or array_like
        Distance along the geodesic, metres (negative goes backwards).

    Returns
    -------
    lon2, lat2, azimuth2_deg : float or ndarray
        The end point and the forward azimuth there.

    Examples
    --------
    >>> lon, lat, _ = forward(123.0, 24.45, 270.0, 111_000)
    >>> round(lon, 2), round(lat, 2)
    (121.91, 24.45)
    """
    arrays = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (lon, lat, azimuth_deg, distance_m))
    )
    scalar = arrays[0].ndim == 0
    a = [np.atleast_1d(v).ravel() for v in arrays]
    _check_lonlat(a[0], a[1], "start point")
    if not (np.all(np.isfinite(a[2])) and np.all(np.isfinite(a[3]))):
        raise GeodesyError("azimuth and distance must be finite numbers")
    lon2, lat2, back = WGS84.fwd(a[0], a[1], a[2], a[3])
    shape = arrays[0].shape
    out = (lon2.reshape(shape), lat2.reshape(shape), ((back + 180) % 360).reshape(shape))
    return tuple(_scalar_or_array(v, scalar) for v in out)


def compass(azimuth_deg: float, points: int = 8) -> str:
    """Name an azimuth on a compass rose.

    Parameters
    ----------
    azimuth_deg : float
        Degrees clockwise from north (any real number; it is wrapped).
    points : {4, 8, 16}
        Points of the rose; each word covers ``360 / points`` degrees centred
        on its direction.

    Returns
    -------
    str
        ``"N"``, ``"NE"``, ``"WSW"``, ...

    Examples
    --------
    >>> compass(262.0), compass(262.0, 16)
    ('W', 'W')
    >>> compass(235.0, 16)
    'SW'
    """
    if points not in _ROSE:
        raise GeodesyError(f"a compass rose has 4, 8 or 16 points, not {points!r}")
    if not math.isfinite(azimuth_deg):
        raise GeodesyError(f"azimuth must be a finite number, not {azimuth_deg!r}")
    width = 360.0 / points
    return _ROSE[points][int(((azimuth_deg % 360) + width / 2) // width) % points]


# --- geometries as vertices and geodesic pieces --------------------------------------------------


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


_E2 = WGS84.es  # first eccentricity squared


def _ecef(lon: NDArray, lat: NDArray) -> NDArray:
    """Geocentric coordinates (EPSG:4978) of points on the ellipsoid, shape (n, 3)."""
    lam, phi = np.radians(lon), np.radians(lat)
    sin_phi, cos_phi = np.sin(phi), np.cos(phi)
    n = WGS84.a / np.sqrt(1.0 - _E2 * sin_phi * sin_phi)
    out = np.empty((len(lam), 3))
    out[:, 0] = n * cos_phi * np.cos(lam)
    out[:, 1] = n * cos_phi * np.sin(lam)
    out[:, 2] = n * (1.0 - _E2) * sin_phi
    return out


def _segments(geom: BaseGeometry) -> NDArray:
    """Consecutive vertex pairs of every line and ring, shape (n, 4)."""
    parts = shapely.get_parts(geom)
    lines = []
    for kind in np.unique(shapely.get_type_id(parts)):
        sel = parts[shapely.get_type_id(parts) == kind]
        if kind in (3, 6):  # Polygon (MultiPolygons were split by get_parts)
            lines.append(shapely.get_rings(sel))
        elif kind in (1, 2, 5):  # LineString, LinearRing, MultiLineString
            lines.append(shapely.get_parts(sel))
        elif kind == 7:  # a nested collection
            lines.extend(_lines_of(g) for g in sel)
    if not lines:
        return np.empty((0, 4))
    flat = np.concatenate([np.atleast_1d(x) for x in lines])
    xy, idx = shapely.get_coordinates(flat, return_index=True)
    same = idx[1:] == idx[:-1]
    seg = np.column_stack([xy[:-1][same], xy[1:][same]])
    return seg


def _lines_of(geom: BaseGeometry) -> NDArray:
    parts = shapely.get_parts(geom)
    out: list[BaseGeometry] = []
    for g in parts:
        if g.geom_type == "Polygon":
            out.extend(shapely.get_rings(g))
        elif g.geom_type in ("LineString", "LinearRing"):
            out.append(g)
        elif g.geom_type in ("MultiLineString", "MultiPolygon", "GeometryCollection"):
            out.extend(_lines_of(g))
    return np.array(out, dtype=object)


@dataclass(frozen=True)
class _Chords:
    """Chords stored by coordinate, so that gathering many of them is cheap."""

    a: NDArray  # (3, n) geocentric start
    u: NDArray  # (3, n) end minus start
    inv: NDArray  # (n,) 1 / |u|**2, or 0 for a chord of length 0

    @classmethod
    def of(cls, a: NDArray, b: NDArray) -> _Chords:
        """The chords from ``a`` to ``b`` (both (n, 3))."""
        u = b - a
        den = np.einsum("ij,ij->i", u, u)
        inv = np.divide(1.0, den, out=np.zeros_like(den), where=den > 0)
        return cls(np.ascontiguousarray(a.T), np.ascontiguousarray(u.T), inv)

    def distance(self, p: NDArray, r: NDArray, c: NDArray) -> tuple[NDArray, NDArray]:
        """Distance in space from points ``p[:, r]`` ((3, n) columns) to chords ``c``, and where.

        Returns the distances and the fractions ``t`` along each chord of the
        nearest points (as :func:`_chord_distance`, with fewer temporaries).
        """
        dx = p[0, r] - self.a[0, c]
        dy = p[1, r] - self.a[1, c]
        dz = p[2, r] - self.a[2, c]
        ux, uy, uz = self.u[0, c], self.u[1, c], self.u[2, c]
        t = dx * ux
        t += dy * uy
        t += dz * uz
        t *= self.inv[c]
        np.clip(t, 0.0, 1.0, out=t)
        ux *= t
        uy *= t
        uz *= t
        dx -= ux
        dy -= uy
        dz -= uz
        dx *= dx
        dy *= dy
        dz *= dz
        dx += dy
        dx += dz
        return np.sqrt(dx, out=dx), t


@dataclass(frozen=True)
class _Pieces:
    """Geodesic pieces of a geometry's segments, indexed by their chords.

    The azimuth and geodesic length of a piece are solved when a search first
    needs them (most pieces are pruned by their chord alone).
    """

    start: NDArray  # (n, 2) lon, lat
    end: NDArray  # (n, 2) lon, lat
    azimuth: NDArray  # (n,) azimuth at start, NaN until solved
    length: NDArray  # (n,) geodesic length, m, NaN until solved
    span: NDArray  # (n,) bound on the geodesic length from the chord, m
    p0: NDArray  # (n, 3) geocentric start
    p1: NDArray  # (n, 3) geocentric end
    bulge: NDArray  # (n,) bound on the distance of the piece from its chord, m
    reach: float  # bound on the distance of any piece point from its chord's midpoint, m
    tree: cKDTree  # over chord midpoints
    chords: _Chords
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def solve(self, c: NDArray) -> None:
        """Fill in the azimuth and length of pieces ``c`` (safe from several threads)."""
        with self.lock:
            need = c[np.isnan(self.length[c])]
            if len(need):
                u = np.unique(need)
                az, _, length = WGS84.inv(
                    self.start[u, 0], self.start[u, 1], self.end[u, 0], self.end[u, 1]
                )
                self.azimuth[u], self.length[u] = az, length


def _pieces(geom: BaseGeometry, seg: NDArray | None = None) -> _Pieces | None:
    seg = _segments(geom) if seg is None else seg
    if not len(seg):
        return None
    start, end = seg[:, :2], seg[:, 2:]
    p0, p1 = _ecef(start[:, 0], start[:, 1]), _ecef(end[:, 0], end[:, 1])
    chord = np.linalg.norm(p1 - p0, axis=1)
    azimuth, length = np.full(len(seg), np.nan), np.full(len(seg), np.nan)
    # Cut long segments (a clipped edge, a straight causeway) into equal
    # geodesic pieces, so the chord bounds stay tight; short ones stay whole.
    # (A chord is shorter than its geodesic, by less than 1e-8 below 1 km.)
    long = np.flatnonzero(chord > _PIECE_M)
    if len(long):
        az, _, length_l = WGS84.inv(seg[long, 0], seg[long, 1], seg[long, 2], seg[long, 3])
        n = np.ceil(length_l / _PIECE_M).astype(int)
        rep = np.repeat(np.arange(len(long)), n)
        k = np.arange(len(rep)) - np.repeat(np.cumsum(n) - n, n)
        step = np.repeat(length_l / n, n)
        lon0, lat0, _ = WGS84.fwd(seg[long[rep], 0], seg[long[rep], 1], az[rep], k * step)
        lon1, lat1 = np.empty_like(lon0), np.empty_like(lat0)
        lon1[:-1], lat1[:-1] = lon0[1:], lat0[1:]
        last = np.r_[rep[1:] != rep[:-1], True]  # end exactly on the next vertex
        lon1[last], lat1[last] = seg[long[rep[last]], 2], seg[long[rep[last]], 3]
        az_s, _, len_s = WGS84.inv(lon0, lat0, lon1, lat1)
        keep = np.ones(len(seg), bool)
        keep[long] = False
        start = np.vstack([start[keep], np.column_stack([lon0, lat0])])
        end = np.vstack([end[keep], np.column_stack([lon1, lat1])])
        azimuth = np.concatenate([azimuth[keep], az_s])
        length = np.concatenate([length[keep], len_s])
        q0, q1 = _ecef(lon0, lat0), _ecef(lon1, lat1)
        p0, p1 = np.vstack([p0[keep], q0]), np.vstack([p1[keep], q1])
        chord = np.concatenate([chord[keep], np.linalg.norm(q1 - q0, axis=1)])
    # A geodesic is longer than its chord by less than chord**3 / (6 rho**2).
    span = chord * (1.0 + chord**2 / (6 * _RHO_MIN**2)) + 1e-9
    bulge = 1.01 * span**2 / (8 * _RHO_MIN) + 1e-6
    reach = float(np.max(span / 2 + bulge))
    return _Pieces(
        start,
        end,
        azimuth,
        length,
        span,
        p0,
        p1,
        bulge,
        reach,
        cKDTree((p0 + p1) / 2, leafsize=_LEAF),
        _Chords.of(p0, p1),
    )


def _chord_distance(p: NDArray, a: NDArray, b: NDArray) -> tuple[NDArray, NDArray]:
    """Distance in space from points ``p`` to segments ``a``-``b`` (all (n, 3)), and where.

    Returns the distances and the fractions ``t`` along each segment of the nearest points.
    """
    ab = b - a
    den = np.einsum("ij,ij->i", ab, ab)
    t = np.where(den > 0, np.einsum("ij,ij->i", p - a, ab) / np.where(den > 0, den, 1), 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.linalg.norm(p - (a + t[:, None] * ab), axis=1), t


def point_segment_distance(
    lon: ArrayLike,
    lat: ArrayLike,
    lon1: ArrayLike,
    lat1: ArrayLike,
    lon2: ArrayLike,
    lat2: ArrayLike,
):
    """Geodesic distance from points to geodesic segments, and the nearest points.

    Parameters
    ----------
    lon, lat : float or array_like
        The points, degrees.
    lon1, lat1, lon2, lat2 : float or array_like
        The segments' ends; the segment is the geodesic between them.

    Returns
    -------
    distance_m, foot_lon, foot_lat : ndarray
        The shortest geodesic distance from each point to its segment and the
        point of the segment that realises it (an end or an interior point).

    Examples
    --------
    >>> d, flon, flat = point_segment_distance(121.0, 24.5, 122.0, 24.0, 122.0, 25.0)
    >>> round(float(d[0])), round(float(flat[0]), 2)
    (101354, 24.5)
    """
    arrs = [np.atleast_1d(np.asarray(v, dtype=float)) for v in (lon, lat, lon1, lat1, lon2, lat2)]
    arrs = [v.ravel() for v in np.broadcast_arrays(*arrs)]
    _check_lonlat(arrs[0], arrs[1], "points")
    _check_lonlat(arrs[2], arrs[3], "segment starts")
    _check_lonlat(arrs[4], arrs[5], "segment ends")
    az, _, length = WGS84.inv(arrs[2], arrs[3], arrs[4], arrs[5])
    # Start from the foot on the chord: usually within centimetres.
    p = _ecef(arrs[0], arrs[1])
    _, t = _chord_distance(p, _ecef(arrs[2], arrs[3]), _ecef(arrs[4], arrs[5]))
    return _foot(arrs[0], arrs[1], arrs[2], arrs[3], np.asarray(az), np.asarray(length), t * length)


def _foot(plon, plat, lon0, lat0, az, length, s):
    """Iterate to the point of each geodesic piece nearest each point.

    At the nearest interior point X the geodesic from X to P meets the piece
    at a right angle. With theta the angle at X between the piece and the
    geodesic to P, and d = |XP|, the foot lies ``atan(tan(d/R) cos theta)``
    further along (exact on a sphere), so the step converges quadratically
    on the ellipsoid for the short pieces used here.
    """
    n = len(plon)
    dist = np.empty(n)
    flon, flat = np.empty(n), np.empty(n)
    todo = np.arange(n)
    s = np.clip(s, 0.0, length)
    radius = 6_371_008.8
    for _ in range(30):
        xlon, xlat, back = WGS84.fwd(lon0[todo], lat0[todo], az[todo], s[todo])
        az_xp, _, d = WGS84.inv(xlon, xlat, plon[todo], plat[todo])
        theta = np.radians(az_xp - (back + 180.0))
        sigma = np.minimum(d / radius, 1.5)
        step = radius * np.arctan(np.tan(sigma) * np.cos(theta))
        s_new = np.clip(s[todo] + step, 0.0, length[todo])
        dist[todo], flon[todo], flat[todo] = d, xlon, xlat
        done = np.abs(s_new - s[todo]) < _FOOT_TOL_M
        s[todo] = s_new
        todo = todo[~done]
        if not len(todo):
            break
    return dist, flon, flat


def _lower_bound(chord: NDArray) -> NDArray:
    """A strict lower bound of the geodesic distance between points ``chord`` apart.

    On WGS84 no geodesic is shorter than the great-circle arc with the same
    chord on a sphere of the largest radius of curvature, ``a**2 / b``
    (equality along a meridian at the pole); ``tests/test_geodesy.py`` checks
    it on two million random pairs.
    """
    x = np.clip(np.maximum(chord, 0.0) / (2 * _RHO_MAX), 0.0, 1.0)
    return 2 * _RHO_MAX * np.arcsin(x) - 1e-6


def _update(pieces, lon, lat, best, foot, r: NDArray, c: NDArray, tt: NDArray) -> None:
    """Solve point ``r`` against piece ``c`` exactly; keep the smallest per point."""
    if not len(r):
        return
    pieces.solve(c)
    d, flon, flat = _foot(
        lon[r],
        lat[r],
        pieces.start[c, 0],
        pieces.start[c, 1],
        pieces.azimuth[c],
        pieces.length[c],
        tt * pieces.length[c],
    )
    # Order so that the minimum of each point is written last.
    order = np.argsort(-d, kind="stable")
    r, d, flon, flat = r[order], d[order], flon[order], flat[order]
    better = d < best[r]
    rb = r[better]
    best[rb] = d[better]
    foot[rb, 0], foot[rb, 1] = flon[better], flat[better]


@dataclass(frozen=True)
class _Chunks:
    """Runs of consecutive pieces (about 3 km of coast) bounded by one chord each.

    Every point of a chunk's pieces lies within ``slack`` of the chunk's
    chord, so the chord gives a lower bound for a whole run at once; far from
    the coast that prunes thousands of pieces with a handful of chords.
    """

    first: NDArray  # (m,) index of the chunk's first piece
    count: NDArray  # (m,) pieces in the chunk
    a: NDArray  # (m, 3) chord start
    b: NDArray  # (m, 3) chord end
    slack: NDArray  # (m,) bound on the distance of the chunk's pieces from its chord
    reach: float  # bound on the distance of any chunk point from its chord's midpoint
    tree: cKDTree
    single: bool  # every chunk is one piece
    chords: _Chords


# Runs of 3 km measured fastest for many points (regional and coastal sets of
# benchmarks/bench_geodesy.py, against 1 to 32 km): longer runs bound more
# coast per chord but loosely, so more of their pieces survive.
_CHUNK_M = 3_000.0
# Runs reaching further than this many times their length from their chord's
# midpoint are halved.
_WIDE = 0.55
# Runs asked of the k-d tree for each point, then for the points not yet settled.
_KS = (16, 64, 256)
# Points of a k-d tree leaf: large leaves query faster far from the coast,
# where a search must visit every leaf about as near as the nearest.
_LEAF = 64


def _chunks(pieces: _Pieces | None, run_m: float = _CHUNK_M) -> _Chunks | None:
    """Group the pieces into runs of about ``run_m`` of coast; 0 keeps single pieces.

    Long runs suit points far from the coast (few chords bound much coast),
    single pieces suit points near it (the vertices :func:`shortest_line`
    searches from).
    """
    if pieces is None:
        return None
    n = len(pieces.span)
    if run_m == 0:
        return _Chunks(
            np.arange(n),
            np.ones(n, int),
            pieces.p0,
            pieces.p1,
            pieces.bulge,
            pieces.reach,
            pieces.tree,
            True,
            pieces.chords,
        )
    along = np.cumsum(pieces.span) - pieces.span
    jump = np.r_[True, np.any(pieces.p0[1:] != pieces.p1[:-1], axis=1)]
    # Restart the running length at every jump so chunks stay about 3 km long.
    base = np.maximum.accumulate(np.where(jump, along, 0.0))
    cell = np.floor((along - base) / run_m).astype(np.int64)
    new = jump | np.r_[True, cell[1:] != cell[:-1]]
    first = np.flatnonzero(new)
    while True:
        count = np.diff(np.r_[first, n])
        last = first + count - 1
        a, b = pieces.p0[first], pieces.p1[last]
        cid = np.repeat(np.arange(len(first)), count)
        d0, _ = _chord_distance(pieces.p0, a[cid], b[cid])
        d1, _ = _chord_distance(pieces.p1, a[cid], b[cid])
        # The distance to a segment is convex along a piece's chord, so its ends
        # bound it; the piece's bulge covers the rest.
        slack = np.maximum.reduceat(np.maximum(d0, d1) + pieces.bulge, first) + 1e-6
        wide = np.linalg.norm(b - a, axis=1) / 2 + slack
        # Halve the few runs that bend far from their chord (a cape, a
        # hairpin): the search must look as far as the widest run reaches.
        cut = (wide > _WIDE * run_m) & (count > 1)
        if not cut.any():
            break
        first = np.sort(np.r_[first, first[cut] + count[cut] // 2])
    reach = float(np.max(wide))
    tree = cKDTree((a + b) / 2, leafsize=_LEAF)
    return _Chunks(first, count, a, b, slack, reach, tree, False, _Chords.of(a, b))


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
    def vertex_ecef(self) -> NDArray:
        """Every vertex in geocentric coordinates, shape (n, 3)."""
        return _ecef(self.vertices[:, 0], self.vertices[:, 1])

    @cached_property
    def segments(self) -> NDArray:
        """Consecutive vertex pairs of every line and ring, shape (n, 4)."""
        return _segments(self.geometry)

    @cached_property
    def segment_ecef(self) -> tuple[NDArray, NDArray]:
        """Geocentric ends of every segment, two arrays of shape (n, 3)."""
        seg = self.segments
        return _ecef(seg[:, 0], seg[:, 1]), _ecef(seg[:, 2], seg[:, 3])

    @cached_property
    def blocks(self) -> _Blocks:
        """Runs of vertices in balls, for the shortest distance to another geometry."""
        return _blocks(self.geometry)

    @cached_property
    def pieces(self) -> _Pieces | None:
        """Geodesic pieces of every segment, or None for points only."""
        return _pieces(self.geometry, self.segments)

    @cached_property
    def chunks(self) -> _Chunks | None:
        """Runs of about 3 km of coast, for many points."""
        return _chunks(self.pieces)

    @cached_property
    def single(self) -> _Chunks | None:
        """Single pieces, for points near the coast."""
        return _chunks(self.pieces, 0)


#: Indexes of recently measured geometries, by identity. Each entry holds a
#: reference to its geometry, so an id cannot be reused while it is cached.
_PREPARED: OrderedDict[int, PreparedGeometry] = OrderedDict()
_PREPARED_MAX = 32


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
    _PREPARED.clear()


def _best_first(r: NDArray, lower: NDArray, best: NDArray, solve) -> None:
    """Solve candidates ``r`` whose lower bound can still beat ``best``.

    Each point's most promising candidate goes first, so that ``best`` holds
    an upper bound before the other candidates are pruned against it.
    """
    order = np.lexsort((lower, r))
    head = order[np.r_[True, r[order][1:] != r[order][:-1]]] if len(order) else order
    head = head[lower[head] <= best[r[head]]]
    solve(head)
    rest = np.ones(len(r), bool)
    rest[head] = False
    solve(np.flatnonzero(rest & (lower <= best[r])))


#: Threads for many points (batches in parallel: numpy, the k-d tree and
#: GeographicLib release the GIL).
_THREADS = max(1, min(4, os.cpu_count() or 1))
#: Points per batch.
_BATCH = 16_384
#: Called with (points done, points in all) as batches finish.
Progress = Callable[[int, int], None]


def _nearest(
    pieces: _Pieces,
    chunks: _Chunks,
    lon: NDArray,
    lat: NDArray,
    batch: int | None = None,
    progress: Progress | None = None,
):
    """Exact distance from each point to the nearest of ``pieces``, with the foot.

    1. An upper bound: the exact distance to the piece whose chord midpoint is
       nearest in space.
    2. The runs of coast (chunks) whose chord bound can beat it: the nearest
       few by midpoint, and, for the rare point where those do not prove that
       no farther run can, every run in the ball the bound allows.
    3. The pieces of those runs whose chord bound can still beat it, solved
       exactly, most promising first.

    Every bound is strict, so the result is the true minimum; the work per
    point depends on how much coast lies about as near as the nearest, not on
    how far that is. Points go in batches (several at once, one per
    thread), so memory does not grow with their number; ``progress`` is
    called with the points done and the points in all after each batch.
    """
    n = len(lon)
    best = np.full(n, np.inf)
    foot = np.full((n, 2), np.nan)
    batch = batch or _BATCH
    spans = [slice(i, min(i + batch, n)) for i in range(0, n, batch)]
    # Many points go in the order of a space-filling curve, so that each
    # batch covers a compact area (its points share their candidates).
    order = _z_order(lon, lat) if len(spans) > 1 else None

    def run(sl: slice, workers: int = 1) -> int:
        i = sl if order is None else order[sl]
        best[i], foot[i] = _nearest_batch(pieces, chunks, lon[i], lat[i], workers)
        return sl.stop - sl.start

    pool = ThreadPoolExecutor(_THREADS) if len(spans) > 1 and _THREADS > 1 else None
    try:
        done = pool.map(run, spans) if pool else (run(sl, 2 if n > 4096 else 1) for sl in spans)
        total = 0
        for k in done:
            total += k
            if progress is not None:
                progress(total, n)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return best, foot


def _z_order(
    lon: NDArray, lat: NDArray, box: tuple[float, float, float, float] = (-180, -90, 180, 90)
) -> NDArray:
    """The order of points along a Z-order (Morton) curve over ``box``, 16 bits each."""
    code = np.zeros(len(lon), np.uint64)
    x0, y0, x1, y1 = box
    x = np.clip((lon - x0) * (65535 / max(x1 - x0, 1e-9)), 0, 65535).astype(np.uint64)
    y = np.clip((lat - y0) * (65535 / max(y1 - y0, 1e-9)), 0, 65535).astype(np.uint64)
    for bit in range(16):
        code |= ((x >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit)
        code |= ((y >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + 1)
    return np.argsort(code, kind="stable")


def _nearest_batch(pieces: _Pieces, chunks: _Chunks, lon: NDArray, lat: NDArray, workers: int = 1):
    n = len(lon)
    p = _ecef(lon, lat)
    pt = np.ascontiguousarray(p.T)
    best = np.full(n, np.inf)
    foot = np.full((n, 2), np.nan)
    every = np.arange(n)
    # 1. runs of coast (chunks) near each point: the nearest few by midpoint,
    # more for the points where those do not prove that no farther run can
    # beat the bound found (a run not among the k nearest has its midpoint at
    # least as far as the k-th).
    rs, chs = [], []
    todo, seen, last = every, 0, np.empty(0)
    for k in _KS if not chunks.single else (12, 96, 768):
        k = min(k, chunks.tree.n)
        if k <= seen:
            break
        dmid, idx = chunks.tree.query(p[todo], k=k, workers=workers)
        dmid, idx = dmid.reshape(len(todo), k), idx.reshape(len(todo), k)
        if seen == 0:
            # 2. an upper bound: the exact distance to the piece of the
            # nearest run whose chord is nearest
            solved = _upper_bound(pieces, chunks, pt, lon, lat, idx[:, 0], best, foot)
        # The runs after the first ``seen``, and, among those, the runs as far
        # as the last one taken before: runs at the same distance (a small
        # island cut in two runs has both chords' midpoints in one place)
        # may come in another order when more are asked for.
        take = np.broadcast_to(np.arange(k) >= seen, dmid.shape)
        if seen:
            take = take | (dmid >= last[:, None])
        rs.append(np.broadcast_to(todo[:, None], take.shape)[take])
        chs.append(idx[take])
        seen = k
        if k == chunks.tree.n:
            todo = todo[:0]
            break
        keep = _lower_bound(dmid[:, -1] - chunks.reach) <= best[todo]
        todo, last = todo[keep], dmid[keep, -1]
        if not len(todo):
            break
    if len(todo):
        hits = chunks.tree.query_ball_point(
            p[todo], _inverse_bound(best[todo]) + chunks.reach, workers=workers
        )
        extra_r = np.repeat(todo, [len(h) for h in hits])
        extra = np.concatenate([np.asarray(h, dtype=np.intp) for h in hits])
        # (Runs already taken among the nearest come again: harmless, and rare.)
        rs.append(extra_r)
        chs.append(extra)
    r, ch = np.concatenate(rs), np.concatenate(chs)
    dist, t = chunks.chords.distance(pt, r, ch)
    low = _lower_bound(dist - chunks.slack[ch])
    sel = low <= best[r]
    r, ch, low, t = r[sel], ch[sel], low[sel], t[sel]
    if not chunks.single:
        # 3. the pieces of the surviving runs
        cnt = chunks.count[ch]
        r = np.repeat(r, cnt)
        ch = np.repeat(chunks.first[ch], cnt) + (
            np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        )
        dist, t = pieces.chords.distance(pt, r, ch)
        low = _lower_bound(dist - pieces.bulge[ch])
        sel = low <= best[r]
        r, ch, low, t = r[sel], ch[sel], low[sel], t[sel]
    sel = ch != solved[r]  # solved for the upper bound already
    r, ch, low, t = r[sel], ch[sel], low[sel], t[sel]
    _best_first(r, low, best, lambda s: _update(pieces, lon, lat, best, foot, r[s], ch[s], t[s]))
    return best, foot


def _upper_bound(pieces, chunks, pt, lon, lat, first: NDArray, best, foot) -> NDArray:
    """Solve each point against the piece of its run ``first`` whose chord is nearest.

    ``pt`` holds the points' geocentric coordinates in columns, shape (3, n).
    Returns the piece solved for each point.
    """
    cnt = chunks.count[first]
    r = np.repeat(np.arange(len(first)), cnt)
    start = np.cumsum(cnt) - cnt
    c = np.repeat(chunks.first[first], cnt) + (np.arange(cnt.sum()) - np.repeat(start, cnt))
    dist, t = pieces.chords.distance(pt, r, c)
    # The nearest chord of each point's run (runs are contiguous in r).
    low = np.minimum.reduceat(dist, start)
    pick = np.flatnonzero(dist == low[r])
    pick = pick[np.r_[True, r[pick][1:] != r[pick][:-1]]]
    _update(pieces, lon, lat, best, foot, r[pick], c[pick], t[pick])
    return c[pick]


def _inverse_bound(distance: NDArray) -> NDArray:
    """The largest chord whose lower bound is at most ``distance``."""
    return 2 * _RHO_MAX * np.sin(np.minimum((distance + 1e-6) / (2 * _RHO_MAX), np.pi / 2))


def distance_to(
    lon: ArrayLike,
    lat: ArrayLike,
    geometry,
    *,
    boundary: bool = False,
    return_points: bool = False,
    progress: Progress | None = None,
):
    """Geodesic distance from many points to a geometry, vectorised.

    Parameters
    ----------
    lon, lat : array_like
        The points (ship positions, say), degrees.
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        What to measure to, in lon/lat; all rows of a frame count as one.
    boundary : bool, default False
        Measure to the outline (the coast) even from points inside a polygon.
        By default a point inside is at distance 0.
    return_points : bool, default False
        Also return the nearest point of the geometry for each point.
    progress : callable, optional
        Called as ``progress(done, total)`` with the number of points measured
        so far and in all, from the calling thread, after each batch of 16,384
        points (once at the end for fewer): for a progress bar on long runs.

    Returns
    -------
    distance_m : ndarray
        One distance per point, metres.
    nearest : ndarray of shape (n, 2)
        Only when ``return_points``: lon, lat of the nearest point.

    Examples
    --------
    >>> import shapely
    >>> d = distance_to([121.0, 122.0], [24.5, 24.5], shapely.box(122, 24, 123, 25))
    >>> [round(x) for x in d]
    [101354, 0]
    >>> seen = []
    >>> _ = distance_to([121.0] * 20_000, [24.5] * 20_000, shapely.box(122, 24, 123, 25),
    ...                 progress=lambda done, total: seen.append((done, total)))
    >>> seen
    [(16384, 20000), (20000, 20000)]
    """
    prep = prepare(geometry)
    lon = np.atleast_1d(np.asarray(lon, dtype=float)).ravel()
    lat = np.atleast_1d(np.asarray(lat, dtype=float)).ravel()
    if lon.shape != lat.shape:
        raise GeodesyError(f"lon and lat differ in length ({len(lon)} and {len(lat)})")
    _check_lonlat(lon, lat, "points")
    dist, near = _distance_to(prep, lon, lat, boundary, progress)
    return (dist, near) if return_points else dist


def _distance_to(
    prep: PreparedGeometry,
    lon: NDArray,
    lat: NDArray,
    boundary: bool,
    progress: Progress | None = None,
):
    """:func:`distance_to` on checked arrays: distances and nearest points."""
    # Isolated points (of a point geometry or a collection) are measured
    # vertex by vertex; lines and rings through the index.
    pts = prep.points
    chunks = prep.chunks  # None exactly when there are no pieces
    if prep.pieces is None or chunks is None:
        dist, near = _nearest_vertex(lon, lat, pts)
        if progress is not None:
            progress(len(lon), len(lon))
    else:
        dist, near = _nearest(prep.pieces, chunks, lon, lat, progress=progress)
        if len(pts):
            dp, npnt = _nearest_vertex(lon, lat, pts)
            closer = dp < dist
            dist[closer], near[closer] = dp[closer], npnt[closer]
    if not boundary and prep.polygonal:
        inside = shapely.contains_xy(prep.geometry, lon, lat)
        dist = np.where(inside, 0.0, dist)
        near = np.where(inside[:, None], np.column_stack([lon, lat]), near)
    return dist, near


def _nearest_vertex(lon: NDArray, lat: NDArray, xy: NDArray) -> tuple[NDArray, NDArray]:
    """Exact distance from each point to the nearest of the vertices ``xy``, and that vertex."""
    d = WGS84.inv(
        np.repeat(lon, len(xy)),
        np.repeat(lat, len(xy)),
        np.tile(xy[:, 0], len(lon)),
        np.tile(xy[:, 1], len(lon)),
    )[2].reshape(len(lon), len(xy))
    j = np.argmin(d, axis=1)
    return d[np.arange(len(lon)), j], xy[j]


def shortest_line(a, b) -> Separation:
    """The shortest geodesic between two geometries, and the points that realise it.

    Parameters
    ----------
    a, b : shapely geometry, GeoSeries, GeoDataFrame or (lon, lat)
        Any kind: points, lines, polygons, multi-part geometries, or every
        row of a frame taken together. Coordinates are lon/lat degrees.

    Returns
    -------
    Separation
        ``distance_m``, ``point_a`` (on ``a``), ``point_b`` (on ``b``) and the
        azimuths. Touching or overlapping geometries are 0 m apart at a point
        they share.

    Notes
    -----
    A segment between two vertices is the geodesic joining them (see the
    module's documentation); the result is the exact minimum over every
    vertex of one geometry and every point of every segment of the other.

    Examples
    --------
    >>> import islandchain as ic
    >>> sep = shortest_line(ic.feature("Taiwan").geometry, ic.feature("Yonaguni").geometry)
    >>> round(sep.distance_km, 1)
    107.5
    """
    pa, pb = _prepare_named(a, "first geometry"), _prepare_named(b, "second geometry")
    ga, gb = pa.geometry, pb.geometry
    ax0, ay0, ax1, ay1 = ga.bounds
    bx0, by0, bx1, by1 = gb.bounds
    boxes_meet = ax0 <= bx1 and bx0 <= ax1 and ay0 <= by1 and by0 <= ay1
    if boxes_meet and shapely.intersects(ga, gb):
        inter = shapely.intersection(ga, gb)
        pt = shapely.get_coordinates(
            inter.representative_point() if not inter.is_empty else shapely.shortest_line(ga, gb)
        )[0]
        xy = (float(pt[0]), float(pt[1]))
        return Separation(0.0, xy, xy, math.nan, math.nan)
    return _separation(*_pair(pa.blocks, pb.blocks))


# --- the pair search: balls over runs of vertices ---

# Vertices in a run (a leaf of the pair search), and runs of a level in one of the next.
_RUN = 32
_FAN = 8


@dataclass(frozen=True)
class _Blocks:
    """A geometry's vertices in runs of 32, runs of runs, and so on, each in a ball.

    Built from longitude and latitude alone: the ball of a block (a centre in
    geocentric coordinates and a radius) holds every vertex of the block and
    every point of the geodesic segments that leave them, so the distance
    between two balls bounds the distance between their blocks from below,
    and only a few blocks ever need the geocentric position of their vertices.
    """

    xy: NDArray  # (runs * 32 + 1, 2) lon, lat: every vertex, padded with copies of the last
    end: NDArray  # (runs * 32 + 1,) the vertex each segment goes to (itself at a line's end)
    n: int  # vertices before the padding
    lines: bool  # whether any segment is longer than 0 (else points only)
    center: tuple[NDArray, ...]  # per level, from the runs up to one block: (n, 3) geocentric
    radius: tuple[NDArray, ...]  # per level, (n,) m


def _hilbert_order(x: NDArray, y: NDArray, bits: int = 16) -> NDArray:
    """The order of points along a Hilbert curve over their bounding box.

    Neighbours along the curve are neighbours in the plane (unlike a Z-order
    curve, which jumps at every power of two).

    Examples
    --------
    >>> _hilbert_order(np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 1.0, 0.0, 1.0])).tolist()
    [0, 3, 1, 2]
    """
    n = (1 << bits) - 1
    span = lambda v: max(float(v.max() - v.min()), 1e-12)  # noqa: E731
    xi = np.rint((x - x.min()) * (n / span(x))).astype(np.int64)
    yi = np.rint((y - y.min()) * (n / span(y))).astype(np.int64)
    d = np.zeros(len(x), np.int64)
    s = 1 << (bits - 1)
    while s > 0:
        rx, ry = (xi & s) > 0, (yi & s) > 0
        d += s * s * ((3 * rx) ^ ry)
        # Rotate the quadrant so that the curve inside it starts and ends right.
        flip = ~ry & rx
        xi = np.where(flip, n - xi, xi)
        yi = np.where(flip, n - yi, yi)
        xi, yi = np.where(ry, xi, yi), np.where(ry, yi, xi)
        s >>= 1
    return np.argsort(d, kind="stable")


def _paths(geom: BaseGeometry) -> tuple[NDArray, NDArray, bool]:
    """Every vertex, where its segment ends, and whether any segment is longer than 0.

    Vertices of lines, rings and isolated points alike; a vertex whose
    segment ends at itself (a line's last vertex, an isolated point) counts
    as a segment of length 0. Many lines, rings and points go in the order
    of their boxes' centres along a Hilbert curve, so that a run of vertices spans
    few islands of an archipelago, and those near each other.
    """
    if shapely.get_type_id(geom) == 3 and shapely.get_num_interior_rings(geom) == 0:
        xy = shapely.get_coordinates(geom)  # one ring: the common case, made short
        end = np.arange(1, len(xy) + 1)
        end[-1] -= 1
        return xy, end, len(xy) > 1
    parts = shapely.get_parts(geom)
    kinds = shapely.get_type_id(parts)
    while np.any(kinds > 3):  # multi-part geometries inside a collection
        multi = kinds > 3
        parts = np.concatenate([parts[~multi], shapely.get_parts(parts[multi])])
        kinds = shapely.get_type_id(parts)
    paths = np.concatenate([shapely.get_rings(parts[kinds == 3]), parts[kinds != 3]])
    if len(paths) > _RUN:
        b = shapely.bounds(paths)
        x, y = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
        paths = paths[_hilbert_order(x, y)]
    xy = shapely.get_coordinates(paths)
    count = shapely.get_num_coordinates(paths)
    end = np.arange(1, len(xy) + 1)
    end[np.cumsum(count)[count > 0] - 1] -= 1  # each path's last vertex
    return xy, end, bool(np.any(count > 1))


def _ball_radius(lo: NDArray, hi: NDArray) -> NDArray:
    """A bound on the distance in space from the centre of each lon/lat box to its segments.

    ``lo`` and ``hi``: the boxes' corners, shape (2, n), lon and lat. From
    the centre, along the meridian to a vertex's latitude and then along its
    parallel: no radius of curvature exceeds ``a**2 / b``, so that path, and
    with it the chord, is at most ``a**2/b * (dlat + cos(lat) * dlon)``
    (radians; ``cos(lat)`` at the latitude of the box nearest the equator).
    A segment's ends are then within ``r`` of the centre, its chord within
    ``r`` too, and its geodesic within the chord's bulge of it.
    """
    half = np.radians(hi - lo) / 2
    near = np.where((lo[1] <= 0) & (hi[1] >= 0), 0.0, np.minimum(abs(lo[1]), abs(hi[1])))
    r = _RHO_MAX * (half[1] + np.cos(np.radians(near)) * half[0])
    span = 2 * r * (1.0 + (2 * r) ** 2 / (6 * _RHO_MIN**2)) + 1e-9
    return r + 1.01 * span**2 / (8 * _RHO_MIN) + 1e-6


def _blocks(geom: BaseGeometry) -> _Blocks:
    xy, end, lines = _paths(geom)
    n = len(xy)
    runs = -(-n // _RUN)
    pad = runs * _RUN + 1 - n
    xy = np.concatenate([xy, np.broadcast_to(xy[-1], (pad, 2))])
    end = np.concatenate([end, np.arange(n, n + pad)])
    # A run's box holds its vertices and the first of the next run (where
    # its last segment may end). (reduceat on contiguous rows: numpy's
    # reductions over a short axis are slow.)
    lonlat = np.ascontiguousarray(xy.T)
    first = np.arange(0, runs * _RUN, _RUN)
    lo = np.minimum(np.minimum.reduceat(lonlat[:, :-1], first, axis=1), lonlat[:, _RUN::_RUN])
    hi = np.maximum(np.maximum.reduceat(lonlat[:, :-1], first, axis=1), lonlat[:, _RUN::_RUN])
    los, his = [lo], [hi]
    while lo.shape[1] > 1:
        first = np.arange(0, lo.shape[1], _FAN)
        lo, hi = np.minimum.reduceat(lo, first, axis=1), np.maximum.reduceat(hi, first, axis=1)
        los.append(lo)
        his.append(hi)
    lo, hi = np.concatenate(los, axis=1), np.concatenate(his, axis=1)
    mid = (lo + hi) / 2
    cut = np.cumsum([x.shape[1] for x in los])[:-1]
    center = tuple(np.split(_ecef(mid[0], mid[1]), cut))
    radius = tuple(np.split(_ball_radius(lo, hi), cut))
    return _Blocks(xy, end, n, lines, center, radius)


# The pair search starts from every pair of blocks of the first level with at most this many.
_START = 16


def _block_pairs(ba: _Blocks, bb: _Blocks) -> tuple[NDArray, NDArray, float]:
    """The pairs of runs of ``ba`` and ``bb`` that can hold the shortest distance.

    From the first level of each with at most 16 blocks down, level by
    level: a pair of blocks whose balls are farther apart than the bound
    goes; the bound is the exact distance between the first vertices of the
    pairs whose balls are nearest. Returns the runs' indices and the bound.
    """
    la = next(k for k, r in enumerate(ba.radius) if len(r) <= _START)
    lb = next(k for k, r in enumerate(bb.radius) if len(r) <= _START)
    ia = np.repeat(np.arange(len(ba.radius[la])), len(bb.radius[lb]))
    ib = np.tile(np.arange(len(bb.radius[lb])), len(ba.radius[la]))
    bound = math.inf
    while True:
        gap = np.linalg.norm(ba.center[la][ia] - bb.center[lb][ib], axis=1)
        low = _lower_bound(gap - ba.radius[la][ia] - bb.radius[lb][ib])
        k = _smallest(low, 4)
        xa, xb = ba.xy[ia[k] * _RUN * _FAN**la], bb.xy[ib[k] * _RUN * _FAN**lb]
        bound = min(bound, float(WGS84.inv(xa[:, 0], xa[:, 1], xb[:, 0], xb[:, 1])[2].min()))
        keep = low <= bound
        ia, ib = ia[keep], ib[keep]
        if la == 0 and lb == 0:
            return ia, ib, bound
        grow_a, grow_b = la > 0 and la >= lb, lb > 0 and lb >= la
        if grow_a:
            la -= 1
            ia, ib = _children(ia, ib, len(ba.radius[la]))
        if grow_b:
            lb -= 1
            ib, ia = _children(ib, ia, len(bb.radius[lb]))


def _sub_pairs(flat: NDArray) -> tuple[NDArray, NDArray, NDArray]:
    """Pair of runs, sub-run of the first and of the second, from a flat index."""
    q, rest = np.divmod(flat, (_RUN // _SUB) ** 2)
    sa, sb = np.divmod(rest, _RUN // _SUB)
    return q, sa, sb


def _smallest(x: NDArray, k: int) -> NDArray:
    """Indices of the ``k`` smallest of ``x`` (all of them if fewer), in no order."""
    return np.argpartition(x, k)[:k] if len(x) > k else np.arange(len(x))


def _children(ids: NDArray, other: NDArray, below: int) -> tuple[NDArray, NDArray]:
    """The blocks of the level below in each of ``ids``, each with its partner."""
    ch = (ids[:, None] * _FAN + np.arange(_FAN)).ravel()
    ok = ch < below
    return ch[ok], np.repeat(other, _FAN)[ok]


@dataclass(frozen=True)
class _Runs:
    """Some runs of a geometry, with their vertices in space and tight balls.

    Each run of 32 vertices comes with the balls of its four sub-runs of 8,
    from the geocentric positions of their vertices.
    """

    blocks: _Blocks
    at: NDArray  # (m,) for each pair, the row of its run here
    index: NDArray  # (u, 33) the vertices of each run (the 33rd: the next run's first)
    p: NDArray  # (u, 33, 3) their geocentric positions
    sub_center: NDArray  # (u, 4, 3) the balls of the sub-runs
    sub_radius: NDArray  # (u, 4)


# Vertices in a sub-run.
_SUB = 8


def _runs(blocks: _Blocks, ids: NDArray) -> _Runs:
    u, at = np.unique(ids, return_inverse=True)
    index = u[:, None] * _RUN + np.arange(_RUN + 1)
    xy = blocks.xy[index.ravel()]
    p = _ecef(xy[:, 0], xy[:, 1]).reshape(len(u), _RUN + 1, 3)
    # A sub-run's ball: centred on its box in space, through its farthest
    # vertex (the next sub-run's first included); a segment's chord lies
    # within the larger of its ends' distances from the centre, and its
    # geodesic within the chord's bulge, at most that of a chord of 2 r.
    k = _RUN // _SUB
    sub = np.concatenate([p[:, :_RUN].reshape(len(u), k, _SUB, 3), p[:, _SUB::_SUB, None]], axis=2)
    sub_center = (sub.min(axis=2) + sub.max(axis=2)) / 2
    r = np.sqrt(np.max(np.sum((sub - sub_center[:, :, None]) ** 2, axis=3), axis=2))
    span = 2 * r * (1.0 + (2 * r) ** 2 / (6 * _RHO_MIN**2)) + 1e-9
    sub_radius = r + 1.01 * span**2 / (8 * _RHO_MIN) + 1e-6
    return _Runs(blocks, at, index, p, sub_center, sub_radius)


def _candidates(src: _Runs, dst: _Runs, q: NDArray, ss: NDArray, sd: NDArray, bound: float):
    """Vertices of sub-runs ``ss`` of ``src`` against segments of sub-runs ``sd`` of ``dst``.

    ``q`` indexes the pairs of runs. First each vertex against the other
    sub-run's ball, then against each of its segments' chords. Returns, for
    the pairs of a vertex and a segment whose bound can beat ``bound``: the
    vertex, the segment's start (indices into their blocks), the fraction
    along the chord of the point nearest the vertex, and the bound.
    """
    rs, rd = src.at[q], dst.at[q]
    j = ss[:, None] * _SUB + np.arange(_SUB)  # (n, 8) the vertices in their run
    p = src.p[rs[:, None], j]  # (n, 8, 3)
    gap = np.linalg.norm(p - dst.sub_center[rd, sd][:, None], axis=2)
    low = _lower_bound(gap - dst.sub_radius[rd, sd][:, None])
    n, v = np.nonzero((low <= bound) & (src.index[rs[:, None], j] < src.blocks.n))
    rd, sd = rd[n], sd[n]
    k = sd[:, None] * _SUB + np.arange(_SUB)  # (c, 8) the segments in their run
    start = dst.index[rd[:, None], k]
    a = dst.p[rd[:, None], k].reshape(-1, 3)
    b = dst.p[rd[:, None], dst.blocks.end[start] - dst.index[rd, :1]].reshape(-1, 3)
    dist, t = _chord_distance(np.repeat(p[n, v], _SUB, axis=0), a, b)
    chord = np.linalg.norm(b - a, axis=1)
    span = chord * (1.0 + chord**2 / (6 * _RHO_MIN**2)) + 1e-9
    low = _lower_bound(dist - 1.01 * span**2 / (8 * _RHO_MIN) - 1e-6)
    keep = np.flatnonzero((low <= bound) & (start.ravel() < dst.blocks.n))  # padding: no segment
    vertex = np.repeat(src.index[rs[n], j[n, v]], _SUB)
    return vertex[keep], start.ravel()[keep], t[keep], low[keep]


# Above this many candidates, the most promising is solved alone first.
_HEAD = 16


def _pair(ba: _Blocks, bb: _Blocks) -> tuple[float, NDArray, NDArray]:
    """Exact shortest distance between two geometries' blocks, with its points on each.

    1. the pairs of runs whose balls can hold the shortest distance
       (:func:`_block_pairs`), with a bound from pairs of vertices;
    2. the pairs of their sub-runs whose balls can beat it; the bound
       tightens to the exact distance between the vertices nearest each
       other of the most promising;
    3. both ways, each vertex of those sub-runs against the other sub-run's
       ball, then against each of its segments' chords
       (:func:`_candidates`), solved exactly, most promising first.
    """
    ia, ib, bound = _block_pairs(ba, bb)
    ra, rb = _runs(ba, ia), _runs(bb, ib)
    # Every pair of sub-runs of each pair of runs, by their balls.
    ca, cb = ra.sub_center[ra.at], rb.sub_center[rb.at]  # (m, 4, 3)
    gap = np.linalg.norm(ca[:, :, None] - cb[:, None], axis=3).ravel()  # (m * 16,)
    rr = (ra.sub_radius[ra.at][:, :, None] + rb.sub_radius[rb.at][:, None]).ravel()
    low = _lower_bound(gap - rr)
    # A tighter bound: the exact distance between the vertices nearest each
    # other in space of the most promising pairs of sub-runs (by their balls'
    # distance, and by their centres', which a long segment does not blur).
    q, sa, sb = _sub_pairs(np.union1d(_smallest(low, 4), _smallest(gap, 4)))
    sub = np.arange(_SUB + 1)
    ja, jb = sa[:, None] * _SUB + sub, sb[:, None] * _SUB + sub  # (k, 9)
    pa, pb = ra.p[ra.at[q][:, None], ja], rb.p[rb.at[q][:, None], jb]
    near = np.argmin(
        np.linalg.norm(pa[:, :, None] - pb[:, None], axis=3).reshape(len(q), -1), axis=1
    )
    i, j = np.divmod(near, _SUB + 1)
    va = ba.xy[ra.index[ra.at[q], ja[np.arange(len(q)), i]]]
    vb = bb.xy[rb.index[rb.at[q], jb[np.arange(len(q)), j]]]
    d = WGS84.inv(va[:, 0], va[:, 1], vb[:, 0], vb[:, 1])[2]
    i = int(np.argmin(d))
    # Distance, point on a, point on b.
    best: tuple[float, NDArray, NDArray] = (float(d[i]), va[i], vb[i])
    bound = min(bound, best[0])
    q, sa, sb = _sub_pairs(np.flatnonzero(low <= bound))
    # Candidates of both ways: vertex, segment start and end (lon, lat), t, bound.
    # (Against a geometry of points only, its points against the other's
    # segments cover every pair: skip the other way.)
    parts = []
    ways = ((ra, rb, sa, sb), (rb, ra, sb, sa))
    for w, (src, dst, ss, sd) in enumerate(ways):
        if (w == 0 and not bb.lines and ba.lines) or (w == 1 and not ba.lines):
            continue
        vertex, start, t, low = _candidates(src, dst, q, ss, sd, bound)
        sbk, dbk = src.blocks, dst.blocks
        parts.append(
            (sbk.xy[vertex], dbk.xy[start], dbk.xy[dbk.end[start]], t, low, np.full(len(t), w))
        )
    v, s0, s1, t, low, way = (np.concatenate(x) for x in zip(*parts, strict=True))
    # The most promising first (when there are many), then the rest that can beat it.
    for first in (True, False) if len(low) > _HEAD else (False,):
        sel = np.atleast_1d(np.argmin(low)) if first else np.flatnonzero(low <= best[0])
        if not len(sel):
            continue
        az, _, length = WGS84.inv(s0[sel, 0], s0[sel, 1], s1[sel, 0], s1[sel, 1])
        d, flon, flat = _foot(
            v[sel, 0], v[sel, 1], s0[sel, 0], s0[sel, 1], az, length, t[sel] * length
        )
        i = int(np.argmin(d))
        if d[i] < best[0]:
            f, x = np.array([flon[i], flat[i]]), v[sel[i]]
            best = (float(d[i]), x, f) if way[sel[i]] == 0 else (float(d[i]), f, x)
    return best


def _prepare_named(obj, what: str) -> PreparedGeometry:
    """:func:`prepare`, with errors naming the argument."""
    if isinstance(obj, PreparedGeometry):
        return obj
    if isinstance(obj, BaseGeometry):
        return prepare(obj, what)
    return PreparedGeometry(obj, what)


def _separation(dist: float, pa: NDArray, pb: NDArray) -> Separation:
    a, b = (float(pa[0]), float(pa[1])), (float(pb[0]), float(pb[1]))
    az12, az21, _ = WGS84.inv(*a, *b)  # az21: at b, towards a
    return Separation(dist, a, b, az12 % 360, az21 % 360)


# --- lines, circles and buffers ---


def geodesic_line(
    lon1: float, lat1: float, lon2: float, lat2: float, *, max_segment_m: float = 5_000.0
) -> shapely.LineString:
    """The geodesic between two points as a densified polyline.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float
        The ends, degrees.
    max_segment_m : float, default 5 km
        Longest step between vertices, so the line draws as the geodesic on a
        Web Mercator map.

    Returns
    -------
    shapely.LineString
        Vertices on the geodesic, including both ends. Longitudes are
        unrolled: a line across the antimeridian runs past 180 rather than
        jumping back to -180, so it draws without a stripe across the map.

    Examples
    --------
    >>> line = geodesic_line(179.0, 0.0, -179.0, 0.0, max_segment_m=50_000)
    >>> [round(x) for x in line.xy[0][:1] + line.xy[0][-1:]]
    [179, 181]
    """
    if not max_segment_m > 0:
        raise GeodesyError(f"max_segment_m must be positive, not {max_segment_m!r}")
    _check_lonlat(np.array([lon1, lon2], float), np.array([lat1, lat2], float), "line ends")
    _, _, length = WGS84.inv(lon1, lat1, lon2, lat2)
    # npts counts both ends.
    npts = max(int(math.ceil(length / max_segment_m)) + 1, 2)
    r = WGS84.inv_intermediate(
        lon1, lat1, lon2, lat2, npts=npts, initial_idx=0, terminus_idx=0, return_back_azimuth=True
    )
    lons = np.unwrap(np.asarray(r.lons), period=360.0)
    lats = np.asarray(r.lats)
    lons, lats = lons - (lons[0] - lon1), lats.copy()
    lats[0], lats[-1] = lat1, lat2
    return shapely.LineString(np.column_stack([lons, lats]))


def geodesic_circle(
    lon: float,
    lat: float,
    radius_m: float,
    *,
    n: int | None = None,
    split_antimeridian: bool = True,
):
    """A range ring: every vertex at the given geodesic distance from a centre.

    Parameters
    ----------
    lon, lat : float
        The centre, degrees.
    radius_m : float
        Geodesic radius, metres (``12 * NMI`` for a 12 nmi ring).
    n : int, optional
        Number of vertices, one every ``360 / n`` degrees of azimuth; 180 by
        default.
    split_antimeridian : bool, default True
        Split a ring that crosses 180° into parts on either side (GeoJSON's
        rule); otherwise keep the longitudes unrolled past 180.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        A valid polygon. A ring around a pole includes the pole.

    Examples
    --------
    >>> ring = geodesic_circle(123.0, 24.45, 111_000)
    >>> ring.is_valid, len(ring.exterior.coords) > 72
    (True, True)
    """
    if not (math.isfinite(radius_m) and radius_m > 0):
        raise GeodesyError(f"radius must be a positive number of metres, not {radius_m!r}")
    if radius_m >= math.pi * WGS84.b:
        raise GeodesyError(
            f"radius {radius_m:g} m reaches round the Earth; use less than 19,970 km"
        )
    _check_lonlat(np.array([lon], float), np.array([lat], float), "centre")
    n = 180 if n is None else int(n)
    if n < 8:
        raise GeodesyError(f"a circle needs at least 8 vertices, not {n}")
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = WGS84.fwd(
        np.full(n, float(lon)), np.full(n, float(lat)), az, np.full(n, float(radius_m))
    )
    # Clockwise azimuths make a clockwise ring; orient it counter-clockwise.
    ring = np.column_stack([lons, lats])[::-1]
    geom = _to_lonlat_polygon(ring)
    return _split_antimeridian(geom) if split_antimeridian else geom


def aeqd_transformers(lon0: float, lat0: float) -> tuple[Transformer, Transformer]:
    """Transformers to and from an azimuthal equidistant projection centred on a point.

    Used only for first guesses and partitions that are then checked or
    corrected with exact geodesics; never to measure.
    """
    return _aeqd(float(lon0), float(lat0))


@lru_cache(maxsize=256)
def _aeqd(lon0: float, lat0: float) -> tuple[Transformer, Transformer]:
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m")
    return (
        Transformer.from_crs("EPSG:4326", crs, always_xy=True),
        Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
    )


def transform(geom: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    """Apply a pyproj transformer to every coordinate of a geometry."""
    return shapely.transform(
        geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def _to_lonlat_polygon(ring: NDArray):
    """Polygon from a ring in lon/lat whose longitudes may wrap, round a pole too."""
    lons = np.unwrap(ring[:, 0], period=360.0)
    lats = ring[:, 1]
    end = lons[-1] + (((lons[0] - lons[-1]) + 180) % 360 - 180)
    if abs(end - lons[0]) > 180:  # encloses a pole: close the ring along it
        # A ring that winds round a pole is near it: the side of the ring
        # tells which, whichever way the ring runs.
        pole = 90.0 if np.mean(lats) > 0 else -90.0
        lons = np.concatenate([lons, [end, end, lons[0]]])
        lats = np.concatenate([lats, [lats[0], pole, pole]])
    return shapely.make_valid(shapely.Polygon(np.column_stack([lons, lats])))


def geodesic_buffer(
    geometry,
    distance_m: float,
    *,
    split_antimeridian: bool = True,
    resolution_m: float | None = None,
):
    """Everything within a geodesic distance of a feature.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries, GeoDataFrame or PreparedGeometry
        In lon/lat; every row of a frame is buffered together.
    distance_m : float
        Geodesic distance, metres (``12 * NMI`` for a territorial sea).
    split_antimeridian : bool, default True
        As for :func:`geodesic_circle`.
    resolution_m : float, optional
        Longest step along the boundary; by default ``distance_m / 20``,
        between 250 m and 50 km.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        A valid polygon whose boundary vertices (holes included) lie at
        ``distance_m`` from the geometry to within 0.1 % or 10 m, whichever
        is larger.

    Notes
    -----
    A first guess is drawn in azimuthal equidistant projections, one per
    2° cell of the feature (the buffer of a union is the union of the
    buffers, so the cells' buffers are merged). A projected distance is never
    shorter than the geodesic, so the guess lies inside the true buffer and
    the guess's holes include every true hole. Then every boundary vertex is
    moved along the geodesic from its nearest point of the feature to exactly
    ``distance_m`` (by bisection along that ray where two parts of the feature
    compete, at the cusps where their buffers meet). A vertex that cannot be
    brought to the distance near where it started is dropped, and so is a
    hole left with too few vertices: such holes are pockets of sea that the
    projection showed farther from land than they are. Where the boundary
    bends inward (the cusps, the narrow spikes of holes, bays), an edge
    between two exact vertices runs outside the buffer; such edges are found
    from the vertices' nearest points (their normals converge) and get snapped
    vertices until they follow the boundary to the tolerance (straight across
    the edge, or, where that misses, from the edge's farthest point along the
    bisector of the directions to the two parts that compete there, which
    leads to the cusp). Parts that hold
    no land (loops where a ring crossed itself) are dropped.

    Examples
    --------
    >>> import islandchain as ic
    >>> yonaguni = ic.feature("Yonaguni").geometry
    >>> sea = geodesic_buffer(yonaguni, 12 * NMI)
    >>> sea.is_valid
    True
    >>> xy = shapely.get_coordinates(sea.exterior)
    >>> d = distance_to(xy[:, 0], xy[:, 1], yonaguni)
    >>> bool(abs(d - 12 * NMI).max() < 22)
    True
    """
    prep = _prepare_named(geometry, "geometry")
    geom = prep.geometry
    if not (math.isfinite(distance_m) and distance_m > 0):
        raise GeodesyError(
            f"buffer distance must be a positive number of metres, not {distance_m!r}"
        )
    if distance_m > 5_000_000:
        raise GeodesyError(f"buffer distance {distance_m:g} m is too large; use at most 5,000 km")
    if isinstance(geom, shapely.Point):
        return geodesic_circle(geom.x, geom.y, distance_m, split_antimeridian=split_antimeridian)
    res = resolution_m or min(max(distance_m / 20, 250.0), 50_000.0)
    tol = max(0.001 * distance_m, 10.0)
    polys, stretch = _first_guess(geom, distance_m, res)
    # How far a guessed vertex can be from the true boundary: the projection's
    # stretch, the simplification margin and the arcs drawn as chords.
    # (Narrow spikes of holes move most: up to the shrink over the sine of half
    # their angle.)
    max_move = 2.0 * (stretch + _GUESS_SHRINK + 0.01) * distance_m + 2 * tol
    xy, ring = shapely.get_coordinates(shapely.get_rings(polys), return_index=True)
    closing = np.r_[ring[1:] != ring[:-1], True]
    xy, ring = xy[~closing], ring[~closing]
    snapped, ok, feet = _snap_to_distance(prep, xy[:, 0], xy[:, 1], distance_m, tol, max_move)
    ok &= ~_crossed(xy, snapped, ok, ring)
    check = _concave(snapped, feet, ok, ring, tol)
    snapped, ok, ring = _fill_corners(prep, snapped, ok, ring, distance_m, tol, max_move, check)
    geom_out = _rebuild(polys, snapped, ok, ring, tol)
    geom_out = _drop_stray_vertices(geom_out, snapped[ok], prep, distance_m, tol)
    geom_out = _refill(geom_out, prep, snapped[ok], ring[ok], distance_m, tol, max_move)
    geom_out = _drop_false_holes(_drop_landless(geom_out, geom), prep, distance_m)
    return _split_antimeridian(geom_out) if split_antimeridian else geom_out


def _crossed(guess: NDArray, snapped: NDArray, ok: NDArray, ring: NDArray) -> NDArray:
    """Vertices snapped past their neighbour (round a cusp): the edge runs backwards.

    Of two kept neighbours whose edge points the other way from the guess's,
    the one that moved farther is flagged; :func:`_fill_corners` then puts the
    cusp between the others.
    """
    out = np.zeros(len(snapped), bool)
    k = np.flatnonzero(ok)
    if len(k) < 3:
        return out
    nxt = _next_kept(k, ring)
    scale = np.cos(np.radians(guess[k, 1]))
    e_guess = (guess[nxt] - guess[k]) * np.c_[scale, np.ones(len(k))]
    e_snap = (snapped[nxt] - snapped[k]) * np.c_[scale, np.ones(len(k))]
    back = np.einsum("ij,ij->i", e_guess, e_snap) < 0
    moved = np.hypot(
        *((snapped - guess) * np.c_[np.cos(np.radians(guess[:, 1])), np.ones(len(guess))]).T
    )
    a, b = k[back], nxt[back]
    out[np.where(moved[a] >= moved[b], a, b)] = True
    return out


def _concave(xy: NDArray, feet: NDArray, ok: NDArray, ring: NDArray, tol: float) -> NDArray:
    """Flags, by first vertex, the edges that may cut a corner of the buffer by ``tol / 10``.

    The boundary runs outside its chord only where it bends inward: where the
    directions away from the vertices' nearest points of the feature (the
    normals) converge along the edge. A chord of length ``L`` whose normals
    turn by ``θ`` departs from the boundary by about ``L θ / 4`` at most (a
    corner in its middle). Edges from a vertex without a known nearest point
    (cusps) are always flagged.
    """
    check = np.ones(len(xy), bool)
    k = np.flatnonzero(ok)
    if len(k) < 2:
        return check
    nxt = _next_kept(k, ring)
    a, b = k, nxt
    known = np.isfinite(feet[a, 0]) & np.isfinite(feet[b, 0]) & (a != b)
    a, b = a[known], b[known]
    x0, y0, x1, y1 = _wrap(xy[a, 0]), xy[a, 1], _wrap(xy[b, 0]), xy[b, 1]
    na = np.radians(WGS84.inv(feet[a, 0], feet[a, 1], x0, y0)[1])
    nb = np.radians(WGS84.inv(feet[b, 0], feet[b, 1], x1, y1)[1])
    az, _, length = WGS84.inv(x0, y0, x1, y1)
    t = np.radians(az)
    # Normals as back azimuths (pointing to the feet): diverging outward
    # normals converge here, and the other way round.
    converge = (np.sin(nb) - np.sin(na)) * np.sin(t) + (np.cos(nb) - np.cos(na)) * np.cos(t) > 0
    turn = np.abs((nb - na + np.pi) % (2 * np.pi) - np.pi)
    check[a] = converge & (length * turn / 4 > 0.1 * tol)
    return check


# Where along an edge _fill_corners looks for a cut corner.
_FILL_AT = np.array([0.25, 0.5, 0.75])


def _fill_corners(
    prep, xy: NDArray, ok: NDArray, ring: NDArray, distance_m, tol, max_move, check=None
):
    """Add snapped vertices where an edge cuts a corner of the buffer.

    Between two vertices at the distance, an edge runs outside the buffer
    where the boundary turns inward: at the cusps where two islands' buffers
    meet, and along bays. On each edge whose quarter, middle or three-quarter
    point is farther than the distance by more than half the tolerance, the
    farthest of them is snapped onto the boundary and becomes a vertex, until
    no edge cuts a corner (the cut shrinks by half or more each round, more
    slowly in the narrow spikes of holes).
    ``check`` flags the edges to look at by their first vertex (all by default).
    Returns the vertices, their flags and rings, new vertices in place.
    """
    pos = np.arange(len(xy), dtype=float)
    check = np.ones(len(xy), bool) if check is None else check
    # Rounds end when no edge is cut; a narrow spike of a hole (islands facing
    # each other across twice the distance) may take more than eight.
    for _ in range(16):
        k = np.flatnonzero(ok)
        if len(k) < 2:
            break
        nxt = _next_kept(k, ring)
        after_of = np.zeros(len(xy), int)
        after_of[k] = nxt
        before_of = np.zeros(len(xy), int)
        before_of[nxt] = k
        edge = check[k] & (nxt != k)
        a, b = k[edge], nxt[edge]
        if not len(a):
            break
        # The edge's points at a quarter, half and three quarters; the farthest
        # out is snapped.
        at = xy[a][:, None, :] + (xy[b] - xy[a])[:, None, :] * _FILL_AT[None, :, None]
        d, near = _distance_to(prep, _wrap(at[..., 0].ravel()), at[..., 1].ravel(), True)
        d = d.reshape(len(a), len(_FILL_AT))
        worst = np.argmax(d, axis=1)
        cut = d[np.arange(len(a)), worst] > distance_m + 0.5 * tol
        if not cut.any():
            break
        pick = np.flatnonzero(cut) * len(_FILL_AT) + worst[cut]
        a, b, mid = a[cut], b[cut], at[np.flatnonzero(cut), worst[cut]]
        new, good = _across_snap(prep, xy[a], xy[b], mid, near[pick], distance_m, tol)
        cusp = np.zeros(0, int)
        if not good.all():
            # Across the edge misses the boundary where the edge leaves one
            # end straight away from its land (the cusp is ahead, not aside):
            # the cusp is snapped from the edge's farthest point instead.
            rest = np.flatnonzero(~good)
            new[rest], good[rest] = _cusp_snap(
                prep, xy[a[rest]], xy[b[rest]], _FILL_AT[worst[cut][rest]], distance_m, tol
            )
            cusp = rest[good[rest]]
            rest = rest[~good[rest]]
            snap = _snap_to_distance(prep, mid[rest, 0], mid[rest, 1], distance_m, tol, max_move)
            new[rest], good[rest] = snap[0], snap[1]
        # A vertex snapped past either end would make the ring cross itself.
        ab, an = xy[b] - xy[a], new - xy[a]
        ab[:, 0] *= np.cos(np.radians(mid[:, 1]))
        an[:, 0] *= np.cos(np.radians(mid[:, 1]))
        t = np.einsum("ij,ij->i", an, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-300)
        between = (t > 0) & (t < 1)
        if len(cusp):
            # A cusp may lie a little behind an end of the edge that cuts it
            # (the edge leaves that end straight away from its land): kept if
            # the ring round it stays simple.
            ca, cb = a[cusp], b[cusp]
            around = np.stack(
                [xy[before_of[ca]], xy[ca], new[cusp], xy[cb], xy[after_of[cb]]], axis=1
            )
            between[cusp] = shapely.is_simple(shapely.linestrings(around))
        good &= between
        # The new vertex sits between its edge's ends (after the last, for the
        # closing edge); only the edges next to it are checked again.
        after = np.where(b > a, (pos[a] + pos[b]) / 2, pos[a] + 0.5)
        check = np.r_[np.zeros(len(xy), bool), good]
        check[a[good]] = True
        xy = np.vstack([xy, new])
        ok = np.r_[ok, good]
        ring = np.r_[ring, ring[a]]
        pos = np.r_[pos, after]
        order = np.lexsort((pos, ring))
        xy, ok, ring, pos, check = xy[order], ok[order], ring[order], pos[order], check[order]
    return xy, ok, ring


def _across_snap(prep, a, b, mid, foot, distance_m, tol) -> tuple[NDArray, NDArray]:
    """Points of the boundary straight across the edges ``a``-``b`` from ``mid`` (outside).

    Bisection along the geodesic from each point ``mid`` at right angles to its
    edge, on the side of its nearest point ``foot``: the point found lies
    between the edge's ends, however narrow the corner. Returns the points and
    whether each was found (the boundary within four times the excess).
    """
    x, y = _wrap(mid[:, 0]), mid[:, 1]
    d0, _ = _distance_to(prep, x, y, True)
    along = WGS84.inv(_wrap(a[:, 0]), a[:, 1], _wrap(b[:, 0]), b[:, 1])[0]
    towards = WGS84.inv(x, y, foot[:, 0], foot[:, 1])[0]
    side = np.where(np.cos(np.radians(towards - along - 90.0)) > 0, 90.0, -90.0)
    return _inward_snap(prep, mid, along + side, 4.0 * (d0 - distance_m) + tol, distance_m, tol)


def _inward_snap(prep, start, az, reach, distance_m, tol) -> tuple[NDArray, NDArray]:
    """Points of the boundary along the geodesics from ``start`` (outside) at azimuths ``az``.

    Bisection between each start and the point ``reach`` metres on, if that
    one is inside. Returns the points (``start`` where none was found) and
    whether each was found.
    """
    x, y = _wrap(start[:, 0]), start[:, 1]
    lo = np.zeros(len(start))
    hi = np.asarray(reach, float)
    px, py, _ = WGS84.fwd(x, y, az, hi)
    good = _distance_to(prep, _wrap(px), py, True)[0] <= distance_m
    sel = np.flatnonzero(good)
    lo, hi = lo[sel], hi[sel]
    for _ in range(60):
        if not len(sel) or np.max(hi - lo) < tol * 0.01:
            break
        half = (lo + hi) / 2
        px, py, _ = WGS84.fwd(x[sel], y[sel], az[sel], half)
        inside = _distance_to(prep, _wrap(px), py, True)[0] <= distance_m
        lo, hi = np.where(inside, lo, half), np.where(inside, half, hi)
    out = start.copy()
    if len(sel):
        px, py, _ = WGS84.fwd(x[sel], y[sel], az[sel], hi)
        out[sel, 0] = start[sel, 0] + (px - start[sel, 0] + 180.0) % 360.0 - 180.0
        out[sel, 1] = py
    return out, good


# Golden section: the bracket kept of each step.
_GOLD = (math.sqrt(5.0) - 1.0) / 2.0


def _cusp_snap(prep, a, b, t0, distance_m, tol) -> tuple[NDArray, NDArray]:
    """The cusps of the boundary cut off by the edges ``a``-``b``, near ``t0`` along them.

    Where the boundary bends inward, two parts of the feature compete: the
    distance along the edge peaks where its nearest point jumps from one to
    the other, on the line of points equidistant from both, which runs
    through the cusp. The peak is found by golden section within a quarter
    of the edge of ``t0``; from it the bisection goes along the bisector of
    the directions to the two nearest points (either side of the peak), where
    both distances fall alike. Returns the points and whether each was found.
    """
    lo, hi = np.clip(t0 - 0.25, 0.0, 1.0), np.clip(t0 + 0.25, 0.0, 1.0)
    length = WGS84.inv(_wrap(a[:, 0]), a[:, 1], _wrap(b[:, 0]), b[:, 1])[2]

    def dist(t: NDArray) -> NDArray:
        p = a + (b - a) * t[:, None]
        return _distance_to(prep, _wrap(p[:, 0]), p[:, 1], True)[0]

    t1, t2 = hi - _GOLD * (hi - lo), lo + _GOLD * (hi - lo)
    d1, d2 = dist(t1), dist(t2)
    for _ in range(60):
        if np.max((hi - lo) * length) < tol * 0.01:
            break
        left = d1 >= d2  # the peak is in [lo, t2]
        lo, hi = np.where(left, lo, t1), np.where(left, t2, hi)
        t_new = np.where(left, hi - _GOLD * (hi - lo), lo + _GOLD * (hi - lo))
        d_new = dist(t_new)
        t1, t2, d1, d2 = (
            np.where(left, t_new, t2),
            np.where(left, t1, t_new),
            np.where(left, d_new, d2),
            np.where(left, d1, d_new),
        )
    t = (lo + hi) / 2
    eps = np.maximum(hi - lo, tol * 0.001 / np.maximum(length, 1e-9))
    ends = np.r_[np.maximum(t - eps, 0.0), np.minimum(t + eps, 1.0)]
    p = np.r_[a, a, a] + (np.r_[b, b, b] - np.r_[a, a, a]) * np.r_[t, ends][:, None]
    d, near = _distance_to(prep, _wrap(p[:, 0]), p[:, 1], True)
    n = len(a)
    peak, f1, f2 = p[:n], near[n : 2 * n], near[2 * n :]
    x, y = _wrap(peak[:, 0]), peak[:, 1]
    r1 = np.radians(WGS84.inv(x, y, f1[:, 0], f1[:, 1])[0])
    r2 = np.radians(WGS84.inv(x, y, f2[:, 0], f2[:, 1])[0])
    az = np.degrees(np.arctan2(np.sin(r1) + np.sin(r2), np.cos(r1) + np.cos(r2)))
    # Both distances fall by cos(half the angle between the directions) per metre.
    fall = np.abs(np.cos((r1 - r2) / 2))
    two = np.any(np.abs(f1 - f2) > 1e-9, axis=1) & (fall > 0.05)
    reach = 4.0 * (d[:n] - distance_m) / np.maximum(fall, 0.05) + tol
    out, good = _inward_snap(prep, peak, az, reach, distance_m, tol)
    return out, good & two


def _next_kept(k: NDArray, ring: NDArray) -> NDArray:
    """For the kept vertices ``k`` (in ring order), the next kept vertex of the same ring."""
    nxt = np.r_[k[1:], k[:1]]
    starts = np.flatnonzero(np.r_[True, ring[k[1:]] != ring[k[:-1]]])
    nxt[np.r_[starts[1:], len(k)] - 1] = k[starts]  # close each ring
    return nxt


def _refill(geom, prep, known: NDArray, known_ring: NDArray, distance_m, tol, max_move):
    """Fill the corners cut by edges that merging the rings made.

    ``known`` are the vertices (in ring order) whose edges :func:`_fill_corners`
    checked; an edge of ``geom`` between two of them that were not neighbours,
    or from a new vertex, is checked now.
    """
    polys = np.array([g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"])
    if not len(polys) or not len(known):
        return geom
    xy, ring = shapely.get_coordinates(shapely.get_rings(polys), return_index=True)
    closing = np.r_[ring[1:] != ring[:-1], True]
    xy, ring = xy[~closing], ring[~closing]
    order = np.argsort(_as_complex(known))
    keys = _as_complex(known)[order]
    at = np.minimum(np.searchsorted(keys, _as_complex(xy)), len(keys) - 1)
    ids = np.where(keys[at] == _as_complex(xy), order[at], -1)
    nxt_known = _next_kept(np.arange(len(known)), known_ring)
    everyone = np.arange(len(xy))
    nxt = _next_kept(everyone, ring)
    i, j = ids, ids[nxt]
    seen = (i >= 0) & (j >= 0) & ((nxt_known[i] == j) | (nxt_known[j] == i))
    if seen.all():
        return geom
    ok = np.ones(len(xy), bool)
    filled, ok, ring = _fill_corners(prep, xy, ok, ring, distance_m, tol, max_move, ~seen)
    if len(filled) == len(xy):
        return geom
    out = _rebuild(polys, filled, ok, ring, tol)
    return _drop_stray_vertices(out, filled[ok], prep, distance_m, tol)


def _drop_landless(geom, feature: BaseGeometry):
    """The parts of ``geom`` that hold some of the feature.

    Every part of a buffer holds some of what was buffered; a part that holds
    none is a loop where a snapped ring crossed itself.
    """
    polys = np.array([g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"])
    land = shapely.get_parts(feature)
    x0, _, x1, _ = shapely.total_bounds(polys)
    if x0 < -180 or x1 > 180:  # unrolled longitudes: the feature a turn either way
        turns = [shapely.transform(land, _shift(k)) for k in (-360.0, 360.0)]
        land = np.concatenate([land, *turns])
    hit = np.unique(shapely.STRtree(land).query(polys, predicate="intersects")[0])
    if len(hit) == len(polys):
        return geom
    return polys[hit[0]] if len(hit) == 1 else shapely.MultiPolygon(list(polys[hit]))


def _shift(dx: float):
    """A coordinate function moving longitudes by ``dx`` degrees."""

    def move(xy: NDArray) -> NDArray:
        return xy + [dx, 0.0]

    return move


def _drop_false_holes(geom, prep: PreparedGeometry, distance_m: float):
    """Fill the holes whose inside is not farther than ``distance_m`` from the feature.

    A true hole is sea farther than the distance from every part of the
    feature; a ring the projection drew round a pocket that is nearer is not one.
    """
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    rings = [(i, r) for i, p in enumerate(polys) for r in p.interiors]
    if not rings:
        return geom
    inner = shapely.get_coordinates(
        shapely.point_on_surface([shapely.Polygon(r) for _, r in rings])
    )
    d, _ = _distance_to(prep, _wrap(inner[:, 0]), inner[:, 1], True)
    if np.all(d > distance_m):
        return geom
    keep: dict[int, list] = {i: [] for i in range(len(polys))}
    for (i, r), far in zip(rings, d > distance_m, strict=True):
        if far:
            keep[i].append(r)
    out = [shapely.Polygon(p.exterior, keep[i]) for i, p in enumerate(polys)]
    return shapely.make_valid(out[0] if len(out) == 1 else shapely.MultiPolygon(out))


def _drop_stray_vertices(geom, snapped: NDArray, prep: PreparedGeometry, distance_m, tol):
    """Remove vertices out of tolerance that merging the rings created (where edges cross).

    ``snapped`` are the vertices known to lie at the distance; only the others
    (new vertices where rings crossed) are measured.
    """
    known = _as_complex(snapped)
    for _ in range(3):
        polys = np.array([g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"])
        if not len(polys):
            return geom
        xy, ring = shapely.get_coordinates(shapely.get_rings(polys), return_index=True)
        new = np.flatnonzero(~np.isin(_as_complex(xy), known))
        if not len(new):
            return geom
        d, _ = _distance_to(prep, _wrap(xy[new, 0]), xy[new, 1], True)
        good = np.abs(d - distance_m) <= 0.5 * tol
        if good.all():
            return geom
        known = np.union1d(known, _as_complex(xy[new[good]]))
        ok = np.ones(len(xy), bool)
        ok[new[~good]] = False
        closing = np.r_[ring[1:] != ring[:-1], True]
        geom = _rebuild(polys, xy[~closing], ok[~closing], ring[~closing], tol)
    return geom


def _as_complex(xy: NDArray) -> NDArray:
    """Points as complex numbers, to look up exact coordinates."""
    return xy[:, 0] + 1j * xy[:, 1]


# Cells of the first guess, degrees: a projection centred on a 2° cell
# stretches distances within 12 nmi of it by about 1e-4.
_CELL_DEG = 2.0
# The first guess simplifies the outline by this fraction of the distance
# before each of its three buffering steps, and falls short of the distance by
# this much more than the three simplifications (a margin for rounding).
_GUESS_EPS = 0.005
_GUESS_SHRINK = 3 * _GUESS_EPS + 0.0005


def _first_guess(geom: BaseGeometry, distance_m: float, res: float):
    """Polygons (lon/lat) inside the geodesic buffer and close to it, and the worst stretch.

    Projected (aeqd) distances are never shorter than geodesics, so a planar
    buffer lies inside the true one. The outline is simplified by ``eps``
    before each of the three steps of :func:`_cell_guess` (each moves it by at
    most ``eps``, the Hausdorff bound of Douglas-Peucker), so the buffer is
    drawn ``_GUESS_SHRINK * distance_m`` short, which keeps it inside.
    """
    eps = _GUESS_EPS * distance_m
    planar_d = distance_m * (1.0 - _GUESS_SHRINK)
    x0, y0, x1, y1 = geom.bounds
    reach = distance_m / 111_000.0
    coslat = math.cos(math.radians(min(max(abs(y0), abs(y1)) + reach, 89.0)))
    local = (
        x0 - reach / coslat > -179.0
        and x1 + reach / coslat < 179.0
        and max(abs(y0), abs(y1)) + reach < 75.0
    )
    if not local:  # across the antimeridian or near a pole: one projection, unrolled
        c = shapely.centroid(shapely.envelope(geom))
        out, stretch = _cell_guess(geom, c.x, c.y, planar_d, eps, res)
        return shapely.get_parts(out), stretch
    parts = shapely.get_parts(geom)
    tree = shapely.STRtree(parts)
    cells, worst = [], 0.0
    s = _CELL_DEG
    for i in range(math.floor(x0 / s), math.floor(x1 / s) + 1):
        for j in range(math.floor(y0 / s), math.floor(y1 / s) + 1):
            box = shapely.box(i * s, j * s, (i + 1) * s, (j + 1) * s)
            hit = tree.query(box)
            if not len(hit):
                continue
            clip = shapely.intersection(parts[hit], box)
            clip = clip[~shapely.is_empty(clip)]
            if not len(clip):
                continue
            out, stretch = _cell_guess(
                shapely.geometrycollections(clip), (i + 0.5) * s, (j + 0.5) * s, planar_d, eps, res
            )
            cells.append(out)
            worst = max(worst, stretch)
    merged = shapely.union_all(cells)
    polys = [g for g in shapely.get_parts(merged) if g.geom_type == "Polygon"]
    return np.array(polys, dtype=object), worst


def _cell_guess(geom, lon0: float, lat0: float, planar_d: float, eps: float, res: float):
    """The planar buffer of ``geom`` in an aeqd centred on (lon0, lat0), back in lon/lat."""
    plane = shapely.transform(geom, lambda xy: _aeqd_forward(lon0, lat0, xy))
    # GEOS buffers a wiggly coast by a large distance slowly: grow the buffer
    # in three steps (3 %, 15 %, the rest), simplifying by ``eps`` before each;
    # the first step buffers each island alone and merges them.
    parts = shapely.simplify(shapely.get_parts(plane), eps)  # each alone: no checks between islands
    out = shapely.union_all(shapely.buffer(parts, 0.03 * planar_d, quad_segs=2))
    out = shapely.buffer(shapely.simplify(out, eps), 0.15 * planar_d, quad_segs=4)
    out = shapely.buffer(shapely.simplify(out, eps), 0.82 * planar_d, quad_segs=8)
    out = shapely.segmentize(out, res)
    # The stretch of the projection across the buffer, from its farthest vertex
    # (on a sphere an aeqd stretches distances by at most r / (R sin(r / R))).
    xy = shapely.get_coordinates(out)
    r = float(np.max(np.hypot(xy[:, 0], xy[:, 1]))) / 6_371_008.8 if len(xy) else 0.0
    stretch = 1.02 * (r / math.sin(r) - 1.0) if 0 < r < 3.0 else (0.0 if r == 0 else 1.0)
    lon, lat = _aeqd_inverse(lon0, lat0, xy)
    # Unroll longitudes round the centre so that a buffer across 180° stays whole.
    lon = lon0 + (np.asarray(lon) - lon0 + 180.0) % 360.0 - 180.0
    out = shapely.set_coordinates(out, np.column_stack([lon, lat]))
    return out, stretch


def _aeqd_forward(lon0: float, lat0: float, xy: NDArray) -> NDArray:
    """Azimuthal equidistant coordinates (m) round (lon0, lat0), from the geodesics to it.

    The ellipsoidal aeqd of PROJ, without building a transformer per centre.
    """
    n = len(xy)
    az, _, s = WGS84.inv(np.full(n, lon0), np.full(n, lat0), xy[:, 0], xy[:, 1])
    az = np.radians(az)
    return np.column_stack([s * np.sin(az), s * np.cos(az)])


def _aeqd_inverse(lon0: float, lat0: float, xy: NDArray) -> tuple[NDArray, NDArray]:
    n = len(xy)
    az = np.degrees(np.arctan2(xy[:, 0], xy[:, 1]))
    lon, lat, _ = WGS84.fwd(np.full(n, lon0), np.full(n, lat0), az, np.hypot(xy[:, 0], xy[:, 1]))
    return np.asarray(lon), np.asarray(lat)


def _rebuild(polys, snapped: NDArray, ok: NDArray, ring: NDArray, tol: float):
    """Polygons from snapped rings, without the vertices that could not be snapped.

    Slivers narrower than the tolerance (loops where a snapped ring crosses
    itself at a cusp) are left out.
    """
    # A square of the tolerance's side, in square degrees (a degree is at most 111.32 km).
    least = (tol / 111_320.0) ** 2
    starts = np.r_[0, np.flatnonzero(np.diff(ring)) + 1]
    ends = np.r_[starts[1:], len(ring)]
    out, k = [], 0
    for n in shapely.get_num_interior_rings(polys) + 1:
        shell, holes = None, []
        for m in range(n):
            a, b = starts[k + m], ends[k + m]
            keep = snapped[a:b][ok[a:b]]
            if len(keep) < 3:
                continue  # a hole the projection invented, or a ring gone
            poly = _drop_slivers(_to_lonlat_polygon(keep), least)
            if poly.is_empty:
                continue
            if m == 0:
                shell = poly
            else:
                holes.append(poly)
        k += n
        if shell is None:
            continue
        out.append(shapely.difference(shell, shapely.union_all(holes)) if holes else shell)
    return _drop_slivers(shapely.make_valid(shapely.union_all(out)), least)


def _drop_slivers(geom, least: float):
    """The polygons of ``geom`` of at least ``least`` area (square degrees)."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and g.area >= least]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _split_antimeridian(geom):
    """Cut a polygon with unrolled longitudes at ±180° into parts within [-180, 180]."""
    minx, _, maxx, _ = geom.bounds
    if minx >= -180 and maxx <= 180:
        return geom
    parts = []
    for k in range(int(math.floor((minx + 180) / 360)), int(math.floor((maxx + 180) / 360)) + 1):
        piece = shapely.intersection(geom, shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if not piece.is_empty:

            def shift(xy: NDArray, dx: float = 360.0 * k) -> NDArray:
                return xy - [dx, 0.0]

            parts.append(shapely.transform(piece, shift))
    out = shapely.make_valid(shapely.union_all(parts))
    polys = [g for g in shapely.get_parts(out) if g.geom_type == "Polygon"]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _snap_to_distance(prep, lon, lat, distance_m, tol, max_move, rounds: int = 4):
    """Move points onto the set at ``distance_m`` from the prepared geometry.

    First along the geodesic from each point's nearest feature point (exact
    where one point of the feature is nearest); where two parts of the feature
    compete (the cusp where two islands' buffers meet) that alternates, so the
    rest are found by bisection along a fixed ray from the feature, once a
    point at the distance or beyond is found on it. Returns the points and
    whether each was brought within ``tol`` no farther than ``max_move`` from
    where it started, and each point's nearest point of the feature (NaN
    where two compete or the point was bisected).
    """
    lon0, lat0 = np.asarray(lon, float), np.asarray(lat, float)
    lon, lat = lon0.copy(), lat0.copy()
    # Points straddling the antimeridian are unrolled; measure them in range.
    todo = np.arange(len(lon))
    origin = np.full((len(lon), 2), np.nan)
    latest = np.full((len(lon), 2), np.nan)
    feet = np.full((len(lon), 2), np.nan)
    for _ in range(rounds):
        d, near = _distance_to(prep, _wrap(lon[todo]), lat[todo], True)
        off = np.abs(d - distance_m) > tol * 0.1
        feet[todo[~off]] = near[~off]
        todo, d, near = todo[off], d[off], near[off]
        if not len(todo):
            break
        fresh = np.isnan(origin[todo, 0])
        origin[todo[fresh]] = near[fresh]
        latest[todo] = near
        az, _, _ = WGS84.inv(near[:, 0], near[:, 1], lon[todo], lat[todo])
        x, lat[todo], _ = WGS84.fwd(near[:, 0], near[:, 1], az, np.full(len(todo), distance_m))
        lon[todo] = lon[todo] + (x - lon[todo] + 180.0) % 360.0 - 180.0
    ok = np.ones(len(lon), bool)
    if len(todo):
        # Along the ray from the first nearest point through the vertex, the
        # feature is at most ``s`` away at ``s``; look outward for a point at
        # least ``distance_m`` from it, then bisect.
        o = origin[todo]
        az, _, _ = WGS84.inv(o[:, 0], o[:, 1], lon[todo], lat[todo])
        steps = np.geomspace(tol * 0.05, max(max_move, tol), 14)
        lo = np.full(len(todo), distance_m)
        hi = np.full(len(todo), np.nan)
        for step in steps:
            miss = np.flatnonzero(np.isnan(hi))
            if not len(miss):
                break
            s = np.full(len(miss), distance_m + step)
            x, y, _ = WGS84.fwd(o[miss, 0], o[miss, 1], az[miss], s)
            d, _ = _distance_to(prep, _wrap(x), y, True)
            out = d >= distance_m
            hi[miss[out]] = s[out]
            lo[miss[~out]] = s[~out]
        found = np.isfinite(hi)
        sel, lo, hi = np.flatnonzero(found), lo[found], hi[found]
        for _ in range(60):
            if not len(sel) or np.max(hi - lo) < tol * 0.01:
                break
            mid = (lo + hi) / 2
            x, y, _ = WGS84.fwd(o[sel, 0], o[sel, 1], az[sel], mid)
            d, _ = _distance_to(prep, _wrap(x), y, True)
            inside = d < distance_m
            lo, hi = np.where(inside, mid, lo), np.where(inside, hi, mid)
        idx = todo[sel]
        if len(sel):
            x, lat[idx], _ = WGS84.fwd(o[sel, 0], o[sel, 1], az[sel], hi)
            lon[idx] = lon[idx] + (x - lon[idx] + 180.0) % 360.0 - 180.0
        lost = todo[~found]
        if len(lost):
            # At a spike of a hole the ray from one island misses the hole:
            # go from the vertex along the bisector of the directions away
            # from the two islands that compete for it.
            done = _bisector_snap(
                prep, lon, lat, lost, origin[lost], latest[lost], distance_m, tol, max_move
            )
            ok[lost[~done]] = False
    moved = WGS84.inv(_wrap(lon0), lat0, _wrap(lon), lat)[2]
    ok &= moved <= max_move
    return np.column_stack([lon, lat]), ok, feet


def _bisector_snap(prep, lon, lat, idx, a, b, distance_m, tol, max_move) -> NDArray:
    """Move points ``idx`` (in place) along the bisector away from ``a`` and ``b``.

    Returns whether each reached ``distance_m``: a point at least that far was
    found within ``max_move`` and the boundary bisected between the two.
    """
    x0, y0 = _wrap(lon[idx]), lat[idx]
    az_a = WGS84.inv(x0, y0, a[:, 0], a[:, 1])[0] + 180.0
    az_b = WGS84.inv(x0, y0, b[:, 0], b[:, 1])[0] + 180.0
    ra, rb = np.radians(az_a), np.radians(az_b)
    az = np.degrees(np.arctan2(np.sin(ra) + np.sin(rb), np.cos(ra) + np.cos(rb)))
    lo = np.zeros(len(idx))
    hi = np.full(len(idx), np.nan)
    for step in np.geomspace(tol * 0.05, max(max_move, tol), 16):
        miss = np.flatnonzero(np.isnan(hi))
        if not len(miss):
            break
        x, y, _ = WGS84.fwd(x0[miss], y0[miss], az[miss], np.full(len(miss), step))
        d, _ = _distance_to(prep, _wrap(x), y, True)
        out = d >= distance_m
        hi[miss[out]] = step
        lo[miss[~out]] = step
    found = np.isfinite(hi)
    sel, lo, hi = np.flatnonzero(found), lo[found], hi[found]
    for _ in range(60):
        if not len(sel) or np.max(hi - lo) < tol * 0.01:
            break
        mid = (lo + hi) / 2
        x, y, _ = WGS84.fwd(x0[sel], y0[sel], az[sel], mid)
        d, _ = _distance_to(prep, _wrap(x), y, True)
        inside = d < distance_m
        lo, hi = np.where(inside, mid, lo), np.where(inside, hi, mid)
    if len(sel):
        x, y, _ = WGS84.fwd(x0[sel], y0[sel], az[sel], hi)
        j = idx[sel]
        lon[j], lat[j] = lon[j] + (x - lon[j] + 180.0) % 360.0 - 180.0, y
    return found


def _wrap(lon: NDArray) -> NDArray:
    return (np.asarray(lon) + 180.0) % 360.0 - 180.0


def geodesic_area(geometry) -> float:
    """Area on the WGS84 ellipsoid, square metres.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        Polygons in lon/lat; lines and points have no area.

    Returns
    -------
    float
        The unsigned area, holes excluded.

    Examples
    --------
    >>> import islandchain as ic
    >>> round(geodesic_area(ic.feature("Yonaguni").geometry) / 1e6)
    29
    """
    polygons = _polygons(_as_geometry(geometry))
    return float(sum(abs(WGS84.geometry_area_perimeter(p)[0]) for p in polygons))


def _polygons(geom: BaseGeometry) -> list[shapely.Polygon]:
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            out.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(_polygons(part))
    return out


def geodesic_perimeter(geometry) -> float:
    """Length of every ring and line on the WGS84 ellipsoid, metres.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        In lon/lat.

    Returns
    -------
    float
        The sum of the geodesic lengths of all segments (a polygon's
        perimeter includes its holes).

    Examples
    --------
    >>> import shapely
    >>> round(geodesic_perimeter(shapely.box(0, 0, 1, 1)) / 1000)
    444
    """
    seg = _segments(_as_geometry(geometry))
    if not len(seg):
        return 0.0
    return float(WGS84.inv(seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3])[2].sum())
