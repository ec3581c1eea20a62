"""Many points to a geometry: exact distances in batches, on parallel threads."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from ..errors import GeodesyError
from .ellipsoid import _RHO_MAX, WGS84, _check_lonlat, _ecef
from .pieces import _Chunks, _lower_bound, _Pieces, _update
from .prepared import PreparedGeometry, prepare

# Runs asked of the k-d tree for each point, then for the points not yet settled.
_KS = (16, 64, 256)


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
    for k in _KS:
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
    if progress is not None and not callable(progress):
        raise GeodesyError(f"progress must be a function of (done, total), not {progress!r}")
    prep = prepare(geometry)
    try:
        lon = np.atleast_1d(np.asarray(lon, dtype=float)).ravel()
        lat = np.atleast_1d(np.asarray(lat, dtype=float)).ravel()
    except (TypeError, ValueError) as exc:
        raise GeodesyError(f"points must be numbers of degrees ({exc})") from None
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
        dist, near = _nearest_vertex(lon, lat, pts, prep.point_tree)
        if progress is not None:
            progress(len(lon), len(lon))
    else:
        dist, near = _nearest(prep.pieces, chunks, lon, lat, progress=progress)
        if len(pts):
            dp, npnt = _nearest_vertex(lon, lat, pts, prep.point_tree)
            closer = dp < dist
            dist[closer], near[closer] = dp[closer], npnt[closer]
    if not boundary and prep.polygonal:
        # The same longitude in the geometry's own turn of the globe (a point
        # given as 482.5 or -237.5 is at 122.5; a geometry may run past 180).
        x0, _, x1, _ = prep.geometry.bounds
        centre = (x0 + x1) / 2
        inside = shapely.contains_xy(prep.geometry, centre + (lon - centre + 180) % 360 - 180, lat)
        dist = np.where(inside, 0.0, dist)
        near = np.where(inside[:, None], np.column_stack([lon, lat]), near)
    return dist, near


def _nearest_vertex(lon: NDArray, lat: NDArray, xy: NDArray, tree) -> tuple[NDArray, NDArray]:
    """Exact distance from each point to the nearest of the vertices ``xy``, and that vertex.

    ``tree`` holds them (:attr:`PreparedGeometry.point_tree`). The vertex
    nearest in space gives an upper bound; only vertices whose
    chord could beat it are solved, in batches, so memory stays bounded.
    """
    best, near = np.empty(len(lon)), np.empty((len(lon), 2))
    for i in range(0, len(lon), _BATCH):
        x, y = lon[i : i + _BATCH], lat[i : i + _BATCH]
        p = _ecef(x, y)
        j = tree.query(p, k=1)[1]
        bound = WGS84.inv(x, y, xy[j, 0], xy[j, 1])[2]
        hits = tree.query_ball_point(p, _inverse_bound(bound))
        r = np.repeat(np.arange(len(x)), [len(h) for h in hits])
        c = np.concatenate([np.asarray(h, dtype=np.intp) for h in hits] + [j])
        r = np.concatenate([r, np.arange(len(x))])
        d = WGS84.inv(x[r], y[r], xy[c, 0], xy[c, 1])[2]
        order = np.lexsort((d, r))
        first = order[np.r_[True, r[order][1:] != r[order][:-1]]]
        best[i : i + _BATCH], near[i : i + _BATCH] = d[first], xy[c[first]]
    return best, near
