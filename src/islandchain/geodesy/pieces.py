"""Geometries as geodesic pieces and runs of coast, with the strict chord bounds of the searches."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

from .ellipsoid import _RHO_MAX, _RHO_MIN, WGS84, _check_lonlat, _ecef

if TYPE_CHECKING:
    from scipy.spatial import cKDTree
else:

    def cKDTree(*args, **kwargs):  # noqa: N802 - scipy's class, imported when first used
        from scipy.spatial import cKDTree as tree

        return tree(*args, **kwargs)


# Longest geodesic piece in the search index, metres.
_PIECE_M = 1_000.0
# The iteration stops when the foot moves less than this, metres.
_FOOT_TOL_M = 1e-4


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


#: Held while pieces are solved (threads of :func:`distance_to` share them). One
#: lock for all, not one per index, so that prepared geometries still pickle.
_SOLVE_LOCK = threading.Lock()


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
    chords: _Chords

    def solve(self, c: NDArray) -> None:
        """Fill in the azimuth and length of pieces ``c`` (safe from several threads)."""
        with _SOLVE_LOCK:
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
    return _Pieces(start, end, azimuth, length, span, p0, p1, bulge, _Chords.of(p0, p1))


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
    chords: _Chords


# Runs of 3 km measured fastest for many points (regional and coastal sets of
# benchmarks/bench_geodesy.py, against 1 to 32 km): longer runs bound more
# coast per chord but loosely, so more of their pieces survive.
_CHUNK_M = 3_000.0
# Runs reaching further than this many times their length from their chord's
# midpoint are halved.
_WIDE = 0.55
# Points of a k-d tree leaf: large leaves query faster far from the coast,
# where a search must visit every leaf about as near as the nearest.
_LEAF = 64


def _point_tree(xy: NDArray) -> cKDTree:
    """A k-d tree over isolated points ``xy`` (lon, lat) in geocentric coordinates."""
    return cKDTree(_ecef(xy[:, 0], xy[:, 1]), leafsize=_LEAF)


def _chunks(pieces: _Pieces | None, run_m: float = _CHUNK_M) -> _Chunks | None:
    """Group the pieces into runs of about ``run_m`` of coast, for many points."""
    if pieces is None:
        return None
    n = len(pieces.span)
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
    return _Chunks(first, count, a, b, slack, reach, tree, _Chords.of(a, b))
