"""Exact geodesic buffers: a planar first guess snapped to the distance, corners filled."""

from __future__ import annotations

import math

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from ..errors import GeodesyError
from ..geojson import unwrap_antimeridian
from .ellipsoid import WGS84, _wrap
from .lines import (
    _aeqd_forward,
    _aeqd_inverse,
    _split_antimeridian,
    _to_lonlat_polygon,
    geodesic_circle,
)
from .nearest import _distance_to
from .pairs import _prepare_named
from .prepared import PreparedGeometry, prepare


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
        between 250 m and 50 km; at least 10 m.

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
    >>> from islandchain.geodesy import NMI, distance_to
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
    if np.ptp(shapely.bounds(geom)[[0, 2]]) > 180:  # lines that jump across 180°
        geom = unwrap_antimeridian(geom)
        if geom is not prep.geometry:
            prep = prepare(geom)
    distance_m = _positive_metres(distance_m, "buffer distance")
    if resolution_m is not None:
        resolution_m = _positive_metres(resolution_m, "resolution_m")
        if resolution_m < 10.0:
            raise GeodesyError(f"resolution_m {resolution_m:g} m is too fine; use at least 10 m")
    if distance_m > 5_000_000:
        raise GeodesyError(f"buffer distance {distance_m:g} m is too large; use at most 5,000 km")
    if isinstance(geom, shapely.Point):
        return geodesic_circle(geom.x, geom.y, distance_m, split_antimeridian=split_antimeridian)
    res = resolution_m if resolution_m is not None else min(max(distance_m / 20, 250.0), 50_000.0)
    tol = max(0.001 * distance_m, 10.0)
    polys, stretch = _first_guess(prep, distance_m, res)
    # How far a guessed vertex can be from the true boundary: the projection's
    # stretch, the simplification margin and the arcs drawn as chords.
    # (Narrow spikes of holes move most: up to the shrink over the sine of half
    # their angle.)
    # (Islets left out of the guess beside larger land, see _cell_guess, add 5 eps.)
    max_move = 2.0 * (stretch + _GUESS_SHRINK + 0.01 + 5 * _GUESS_EPS) * distance_m + 2 * tol
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


def _positive_metres(value, what: str) -> float:
    """``value`` as a positive, finite number of metres, or one clear error."""
    try:
        metres = float(value)
    except (TypeError, ValueError):
        metres = math.nan
    if isinstance(value, bool | str | bytes) or not (math.isfinite(metres) and metres > 0):
        raise GeodesyError(f"{what} must be a positive number of metres, not {value!r}")
    return metres


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


def _bisect(prep, x, y, az, lo, hi, distance_m, tol, *, outward: bool = True) -> NDArray:
    """Narrow brackets ``[lo, hi]`` (metres along the geodesics from ``x``, ``y`` at ``az``).

    With ``outward``, the point ``lo`` metres on is nearer the land than
    ``distance_m`` and the one ``hi`` metres on is not; otherwise the other
    way round. Bisects until every bracket is narrower than ``tol / 100`` and
    returns ``hi``.
    """
    for _ in range(60):
        if not len(lo) or np.max(hi - lo) < tol * 0.01:
            break
        mid = (lo + hi) / 2
        px, py, _ = WGS84.fwd(x, y, az, mid)
        d = _distance_to(prep, _wrap(px), py, True)[0]
        at_lo = d < distance_m if outward else d > distance_m  # mid is on lo's side
        lo, hi = np.where(at_lo, mid, lo), np.where(at_lo, hi, mid)
    return hi


def _reach(prep, x, y, az, base, steps, distance_m, tol) -> tuple[NDArray, NDArray]:
    """Where the geodesics from ``x``, ``y`` at ``az`` reach ``distance_m`` from the land.

    Looks ``base + step`` metres on for each of ``steps`` (the point ``base``
    metres on being nearer) until a point at least ``distance_m`` away is
    found, then bisects. Returns whether each was found and, for those, the
    metres along.
    """
    lo = np.full(len(x), float(base))
    hi = np.full(len(x), np.nan)
    for step in steps:
        miss = np.flatnonzero(np.isnan(hi))
        if not len(miss):
            break
        s = np.full(len(miss), base + step)
        px, py, _ = WGS84.fwd(x[miss], y[miss], az[miss], s)
        out = _distance_to(prep, _wrap(px), py, True)[0] >= distance_m
        hi[miss[out]] = s[out]
        lo[miss[~out]] = s[~out]
    f = np.isfinite(hi)
    return f, _bisect(prep, x[f], y[f], az[f], lo[f], hi[f], distance_m, tol)


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
    hi = _bisect(prep, x[sel], y[sel], az[sel], lo[sel], hi[sel], distance_m, tol, outward=False)
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


# (The first guess is drawn cell by cell, prepared.CELL_DEG: a projection centred
# on a 2° cell stretches distances within 12 nmi of it by about 1e-4.)
# The first guess simplifies the outline by this fraction of the distance
# before each of its three buffering steps, and falls short of the distance by
# this much more than the three simplifications (a margin for rounding).
_GUESS_EPS = 0.005
_GUESS_SHRINK = 3 * _GUESS_EPS + 0.0005


def _first_guess(prep: PreparedGeometry, distance_m: float, res: float):
    """Polygons (lon/lat) inside the geodesic buffer and close to it, and the worst stretch.

    Projected (aeqd) distances are never shorter than geodesics, so a planar
    buffer lies inside the true one. The outline is simplified by ``eps``
    before each of the three steps of :func:`_cell_guess` (each moves it by at
    most ``eps``, the Hausdorff bound of Douglas-Peucker), so the buffer is
    drawn ``_GUESS_SHRINK * distance_m`` short, which keeps it inside.
    """
    geom = prep.geometry
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
        plane = shapely.transform(geom, lambda xy: _aeqd_forward(c.x, c.y, xy))
        out, stretch = _cell_guess(plane, c.x, c.y, planar_d, eps, res)
        return shapely.get_parts(out), stretch
    cells, worst = [], 0.0
    for lon0, lat0, plane in prep.cells:  # the parts in each cell, projected once
        out, stretch = _cell_guess(plane, lon0, lat0, planar_d, eps, res)
        cells.append(out)
        worst = max(worst, stretch)
    merged = shapely.union_all(cells)
    polys = [g for g in shapely.get_parts(merged) if g.geom_type == "Polygon"]
    return np.array(polys, dtype=object), worst


def _cell_guess(plane, lon0: float, lat0: float, planar_d: float, eps: float, res: float):
    """The planar buffer of ``plane`` (drawn in an aeqd centred on (lon0, lat0)), in lon/lat."""
    # GEOS buffers a wiggly coast by a large distance slowly: grow the buffer
    # in three steps (3 %, 15 %, the rest), simplifying by ``eps`` before each;
    # the first step buffers each island alone and merges them.
    parts = shapely.simplify(shapely.get_parts(plane), eps)  # each alone: no checks between islands
    parts = _without_islets_beside_land(parts, eps)
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


def _without_islets_beside_land(parts: NDArray, eps: float) -> NDArray:
    """``parts`` less the islets under 2 ``eps`` across centred within 3 ``eps`` of a larger
    part's vertex.

    Every point of such an islet (simplified by ``eps``: the islet as mapped reaches
    ``eps`` farther) is within 5 ``eps`` of land that stays, so it moves
    the buffer's boundary out by at most that: the guess without it is still
    inside the true buffer and close to it, and the exact vertices are then
    measured from every islet. Coasts mapped rock by rock hold tens of thousands
    (Japan: 68,422 parts, most of them rocks beside larger islands), and merging
    their buffers was most of the first guess's time.
    """
    if len(parts) < 2:
        return parts
    lo = shapely.bounds(parts)
    islet = np.hypot(lo[:, 2] - lo[:, 0], lo[:, 3] - lo[:, 1]) < 2 * eps
    if not islet.any() or islet.all():
        return parts
    # Islet centres against the larger parts' vertices: points to points is cheap.
    vertices = np.asarray(shapely.points(shapely.get_coordinates(parts[~islet])), dtype=object)
    tree = shapely.STRtree(vertices)
    centres = shapely.points((lo[islet, :2] + lo[islet, 2:]) / 2)
    beside = tree.query(centres, predicate="dwithin", distance=3 * eps)[0]
    keep = np.ones(len(parts), dtype=bool)
    keep[np.flatnonzero(islet)[beside]] = False
    return parts[keep]


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
        found, hi = _reach(prep, o[:, 0], o[:, 1], az, distance_m, steps, distance_m, tol)
        sel = np.flatnonzero(found)
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
    steps = np.geomspace(tol * 0.05, max(max_move, tol), 16)
    found, hi = _reach(prep, x0, y0, az, 0.0, steps, distance_m, tol)
    sel = np.flatnonzero(found)
    if len(sel):
        x, y, _ = WGS84.fwd(x0[sel], y0[sel], az[sel], hi)
        j = idx[sel]
        lon[j], lat[j] = lon[j] + (x - lon[j] + 180.0) % 360.0 - 180.0, y
    return found
