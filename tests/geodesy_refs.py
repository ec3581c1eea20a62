"""Independent references for the geodesy tests: GeographicLib and brute forces.

Shared by the ``test_geodesy_*`` files, one per module of :mod:`islandchain.geodesy`.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic

from islandchain.geodesy import (
    forward,
    inverse,
    point_segment_distance,
)

"""Exact geodesy: point problems against GeodSolve, coastlines against a brute force."""


GEOD = Geodesic.WGS84


TABLE = Path(__file__).parent / "data" / "geodsolve_inverse.txt"


RHO_MIN = GEOD.a * (1 - GEOD.f) ** 2  # b**2 / a


def _ecef(lon, lat):
    lon, lat = np.radians(lon), np.radians(lat)
    e2 = GEOD.f * (2 - GEOD.f)
    n = GEOD.a / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    return np.column_stack(
        [n * np.cos(lat) * np.cos(lon), n * np.cos(lat) * np.sin(lon), n * (1 - e2) * np.sin(lat)]
    )


def _segments(geom):
    rings = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            rings.extend(shapely.get_rings(part))
        else:
            rings.append(part)
    segs = [np.column_stack([c[:-1], c[1:]]) for c in (shapely.get_coordinates(r) for r in rings)]
    return np.vstack(segs)


def brute_force(a, b) -> float:
    """Minimum over every vertex of each and every segment of the other.

    Every pair is bounded below by the distance in space from the vertex to
    the segment's chord minus the chord's sagitta; pairs are then solved
    exactly in order of their bound until the bound passes the best distance.
    """
    best = math.inf
    for src, dst in ((a, b), (b, a)):
        verts = np.unique(shapely.get_coordinates(src), axis=0)
        seg = _segments(dst)
        p, s0, s1 = (
            _ecef(verts[:, 0], verts[:, 1]),
            _ecef(seg[:, 0], seg[:, 1]),
            _ecef(seg[:, 2], seg[:, 3]),
        )
        ab = s1 - s0
        den = np.maximum((ab * ab).sum(1), 1e-12)
        sag = (den / (8 * RHO_MIN)) + 1e-6  # |chord|**2 / (8 rho) bounds the bulge
        lows, pairs = [], []
        for i0 in range(0, len(p), 256):
            pp = p[i0 : i0 + 256, None, :]
            t = np.clip(((pp - s0) * ab).sum(-1) / den, 0, 1)
            d = np.linalg.norm(pp - (s0 + t[..., None] * ab), axis=-1) - sag
            # A chord is shorter than the geodesic by < 2 km below 2,000 km, so a
            # pair 5 km above the chunk's lowest bound can never win.
            keep = d <= d.min() + 5_000
            ii, jj = np.nonzero(keep)
            lows.append(d[ii, jj])
            pairs.append(np.column_stack([ii + i0, jj]))
        low, pair = np.concatenate(lows), np.vstack(pairs)
        order = np.argsort(low)
        low, pair = low[order], pair[order]
        for k in range(0, len(low), 2000):
            if low[k] > best:
                break
            v, s = pair[k : k + 2000, 0], pair[k : k + 2000, 1]
            d, _, _ = point_segment_distance(
                verts[v, 0], verts[v, 1], seg[s, 0], seg[s, 1], seg[s, 2], seg[s, 3]
            )
            best = min(best, float(d.min()))
    return best


def _golden_point_segment(lon, lat, lon1, lat1, lon2, lat2) -> float:
    """Distance to a geodesic segment by golden-section search in pure GeographicLib."""
    line = GEOD.InverseLine(lat1, lon1, lat2, lon2)

    def f(s):
        pos = line.Position(s)
        return GEOD.Inverse(lat, lon, pos["lat2"], pos["lon2"])["s12"]

    lo, hi = 0.0, line.s13
    g = (math.sqrt(5) - 1) / 2
    for _ in range(80):
        m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    return min(f((lo + hi) / 2), f(0.0), f(line.s13))


BOX = shapely.box(122, 24, 123, 25)


def _blob(rng, lon, lat, radius_m, n):
    az = np.sort(rng.uniform(0, 360, n))
    r = radius_m * rng.uniform(0.4, 1.0, n)
    x, y, _ = forward(np.full(n, lon), np.full(n, lat), az, r)
    return shapely.Polygon(np.column_stack([x, y])[::-1])


def _islands(rng, n: int, side_km: float) -> list[shapely.Polygon]:
    """Square islands of ``side_km`` at random near (121.5, 24.5)."""
    x, y = rng.uniform(121, 122, n), rng.uniform(24, 25, n)
    h = side_km / 111.0 / 2
    return [shapely.box(a - h, b - h, a + h, b + h) for a, b in zip(x, y, strict=True)]


def _brute_any(a, b) -> float:
    """Every vertex of each against every segment of the other, and every pair of vertices."""
    va, vb = shapely.get_coordinates(a), shapely.get_coordinates(b)
    best = float(
        inverse(
            np.repeat(va[:, 0], len(vb)),
            np.repeat(va[:, 1], len(vb)),
            np.tile(vb[:, 0], len(va)),
            np.tile(vb[:, 1], len(va)),
        )[0].min()
    )
    for src, dst in ((va, b), (vb, a)):
        lines = [g for g in shapely.get_parts(dst) if g.geom_type != "Point"]
        if not lines:
            continue
        seg = _segments(shapely.GeometryCollection(lines))
        i, j = np.repeat(np.arange(len(src)), len(seg)), np.tile(np.arange(len(seg)), len(src))
        s = seg[j]
        d, _, _ = point_segment_distance(src[i, 0], src[i, 1], s[:, 0], s[:, 1], s[:, 2], s[:, 3])
        best = min(best, float(d.min()))
    return best


def _archipelago(rng, lon, lat, n, spread_m):
    """``n`` small islands (a few to 40 vertices) scattered within ``spread_m``."""
    x, y, _ = forward(
        np.full(n, lon), np.full(n, lat), rng.uniform(0, 360, n), rng.uniform(0, spread_m, n)
    )
    isles = [
        _blob(rng, x[i], y[i], rng.uniform(100, 900), int(rng.integers(4, 40))) for i in range(n)
    ]
    return shapely.union_all(isles)
