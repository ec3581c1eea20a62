"""The pair search: balls over runs of vertices, narrowed level by level."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from .ellipsoid import _RHO_MAX, _RHO_MIN, WGS84, _ecef
from .pieces import _chord_distance, _foot, _lower_bound

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
