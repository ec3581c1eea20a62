"""Exact crossings of a zone's edge by the geodesic between two fixes.

Between two fixes a track is taken to follow the geodesic joining them (as
:mod:`islandchain.geodesy` takes every segment). Each link is densified along
its geodesic with :class:`pyproj.Geod` (a vertex every kilometre), the
polylines are intersected with the zone's edge by shapely 2 vectorised
operations (an STRtree of the edge's segments, then the intersections of the
pairs it finds), and each crossing is refined on the geodesic itself by
bisection, with ``contains_xy`` on both sides, to better than a centimetre.
The crossing's place is given as the share of the link's geodesic length,
from which the time follows at constant speed between the fixes.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from numpy.typing import NDArray

from ..geodesy import WGS84
from .zoneset import ZoneSet

__all__ = ["bisect_link", "crossing_points", "crossings", "geodesic_points"]

#: Densify the geodesic of each link to vertices this far apart, metres.
STEP_M = 1_000.0
#: Half-width of the bracket round each polyline crossing, metres (far above the
#: chord-geodesic departure at STEP_M, about 2 cm).
BRACKET_M = 5.0
#: The bisection stops when the bracket is narrower than this, metres.
TOLERANCE_M = 0.01


def geodesic_points(
    lon1: NDArray, lat1: NDArray, az: NDArray, length: NDArray, share: NDArray
) -> tuple[NDArray, NDArray]:
    """Points at ``share`` of each geodesic's length, longitudes unrolled from ``lon1``."""
    lon, lat, _ = WGS84.fwd(lon1, lat1, az, length * share)
    lon = np.asarray(lon, float)
    return lon1 + (lon - lon1 + 180.0) % 360.0 - 180.0, np.asarray(lat, float)


@cache
def _edge_tree(zs: ZoneSet, k: int) -> tuple[shapely.STRtree, NDArray]:
    """The segments of zone ``k``'s edge and an STRtree over them (built once per zone)."""
    rings = shapely.get_parts(shapely.boundary(zs.zones[k].geometry))
    segments: list[NDArray] = []
    for ring in rings:
        c = shapely.get_coordinates(ring)
        if len(c) > 1:
            lines = shapely.linestrings(np.stack([c[:-1], c[1:]], axis=1))
            segments.append(np.asarray(lines, dtype=object))
    segs = np.concatenate(segments) if segments else np.array([], object)
    return shapely.STRtree(segs), segs


def _bisect(
    zs: ZoneSet, k: NDArray, lon1, lat1, az, length, lo: NDArray, hi: NDArray, in_lo: NDArray
) -> NDArray:
    """Shares where each geodesic crosses zone ``k``'s edge, between ``lo`` and ``hi``."""
    lo, hi = lo.copy(), hi.copy()
    steps = int(
        np.ceil(np.log2(max(float(np.max((hi - lo) * length, initial=0)), 1e-9) / TOLERANCE_M))
    )
    for _ in range(max(steps, 0)):
        mid = (lo + hi) / 2
        x, y = geodesic_points(lon1, lat1, az, length, mid)
        inside = _contains(zs, k, x, y)
        same = inside == in_lo
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return (lo + hi) / 2


def _contains(zs: ZoneSet, k: NDArray, x: NDArray, y: NDArray) -> NDArray:
    """Whether zone ``k[i]`` holds point ``i``."""
    out = np.zeros(len(x), bool)
    for kk in np.unique(k):
        sel = k == kk
        out[sel] = zs.contains(int(kk), x[sel], y[sel])
    return out


def crossings(
    zs: ZoneSet,
    zone: NDArray[np.int64],
    lon1: NDArray,
    lat1: NDArray,
    lon2: NDArray,
    lat2: NDArray,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Where the geodesic of each link crosses the edge of its zone.

    Parameters
    ----------
    zs : ZoneSet
        The zones.
    zone : ndarray of int
        For each link, the index of the zone in ``zs`` to cross.
    lon1, lat1, lon2, lat2 : ndarray
        The fixes at each end of each link, degrees.

    Returns
    -------
    link : ndarray of int
        The link of each crossing (several per link are possible), sorted
        by link then by place along it.
    share : ndarray of float
        Where along the link's geodesic length, from 0 to 1.

    Examples
    --------
    >>> from islandchain.tracks.zoneset import Zone
    >>> zs = ZoneSet.from_zones([Zone("X", "box", shapely.box(0, 0, 1, 1))])
    >>> link, share = crossings(zs, np.array([0]), np.array([-1.0]), np.array([0.5]),
    ...                         np.array([2.0]), np.array([0.5]))
    >>> link.tolist(), [round(float(s), 4) for s in share]
    ([0, 0], [0.3333, 0.6667])
    """
    n = len(zone)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0)
    lon1, lat1 = zs.wrap(np.asarray(lon1, float)), np.asarray(lat1, float)
    lon2 = lon1 + (np.asarray(lon2, float) - lon1 + 180.0) % 360.0 - 180.0
    lat2 = np.asarray(lat2, float)
    lines, x, y, first, npts = _polylines(lon1, lat1, lon2, lat2)
    found_link, found_share = [], []
    for kk in np.unique(zone):
        sel = np.flatnonzero(zone == kk)
        tree, segs = _edge_tree(zs, int(kk))
        if len(segs) == 0:
            continue
        li, si = tree.query(lines[sel], predicate="intersects")
        if len(li) == 0:
            continue
        links = sel[li]
        pts = shapely.intersection(lines[links], segs[si])
        coords, index = shapely.get_coordinates(pts, return_index=True)
        if len(coords) == 0:
            continue
        links = links[index]
        along = shapely.line_locate_point(lines[links], shapely.points(coords))
        found_link.append(links)
        found_share.append(_geodesic_share(along, links, x, y, first, npts))
    if not found_link:
        return np.zeros(0, np.int64), np.zeros(0)
    link, approx = np.concatenate(found_link), np.concatenate(found_share)
    az, _, length = WGS84.inv(lon1[link], lat1[link], lon2[link], lat2[link])
    az, length = np.asarray(az, float), np.asarray(length, float)
    half = BRACKET_M / np.maximum(length, 1e-9)
    lo, hi = np.clip(approx - half, 0, 1), np.clip(approx + half, 0, 1)
    k = zone[link]
    xa, ya = geodesic_points(lon1[link], lat1[link], az, length, lo)
    xb, yb = geodesic_points(lon1[link], lat1[link], az, length, hi)
    in_lo, in_hi = _contains(zs, k, xa, ya), _contains(zs, k, xb, yb)
    keep = in_lo != in_hi  # a polyline that grazes the edge without the geodesic crossing it
    link, lo, hi, in_lo, k = link[keep], lo[keep], hi[keep], in_lo[keep], k[keep]
    az, length = az[keep], length[keep]
    share = _bisect(zs, k, lon1[link], lat1[link], az, length, lo, hi, in_lo)
    # One crossing found twice (at a vertex shared by two edge segments) is one crossing.
    order = np.lexsort((share, link))
    link, share, length = link[order], share[order], length[order]
    metres = share * length
    dup = np.zeros(len(link), bool)
    dup[1:] = (link[1:] == link[:-1]) & (np.abs(np.diff(metres)) < 10 * TOLERANCE_M)
    return link[~dup], share[~dup]


def crossing_points(
    lon1: NDArray, lat1: NDArray, lon2: NDArray, lat2: NDArray, share: NDArray
) -> tuple[NDArray, NDArray]:
    """The points at ``share`` of each link's geodesic, longitudes in -180..180."""
    lon1, lat1 = np.asarray(lon1, float), np.asarray(lat1, float)
    lon2 = lon1 + (np.asarray(lon2, float) - lon1 + 180.0) % 360.0 - 180.0
    az, _, length = WGS84.inv(lon1, lat1, lon2, np.asarray(lat2, float))
    x, y = geodesic_points(lon1, lat1, np.asarray(az, float), np.asarray(length, float), share)
    return (x + 180.0) % 360.0 - 180.0, y


def _polylines(lon1, lat1, lon2, lat2):
    """Each link as a polyline on its geodesic: the chord for links under :data:`STEP_M`
    (the geodesic departs from it by under 2 cm), else a vertex every STEP_M."""
    n = len(lon1)
    cos = np.cos(np.radians(np.minimum(np.abs(lat1), np.abs(lat2))))
    rough = 6.4e6 * np.radians(np.hypot((lon2 - lon1) * cos, lat2 - lat1))
    long = np.flatnonzero(rough > STEP_M)
    npts = np.full(n, 2, np.int64)
    lines = np.empty(n, dtype=object)
    short = np.flatnonzero(rough <= STEP_M)
    lines[short] = shapely.linestrings(
        np.stack(
            [
                np.column_stack([lon1[short], lat1[short]]),
                np.column_stack([lon2[short], lat2[short]]),
            ],
            axis=1,
        )
    )
    if len(long):
        az, _, length = WGS84.inv(lon1[long], lat1[long], lon2[long], lat2[long])
        npts[long] = np.ceil(np.asarray(length) / STEP_M).astype(np.int64) + 1
    first = np.concatenate([[0], np.cumsum(npts)[:-1]])
    owner = np.repeat(np.arange(n), npts)
    vertex = np.arange(len(owner)) - first[owner]
    x = np.where(vertex == 0, lon1[owner], lon2[owner])
    y = np.where(vertex == 0, lat1[owner], lat2[owner])
    if len(long):
        pos = np.zeros(n, np.int64)
        pos[long] = np.arange(len(long))
        inner = np.flatnonzero((vertex > 0) & (vertex < npts[owner] - 1))
        o = owner[inner]
        x[inner], y[inner] = geodesic_points(
            lon1[o],
            lat1[o],
            np.asarray(az)[pos[o]],
            np.asarray(length)[pos[o]],
            vertex[inner] / (npts[o] - 1),
        )
        lines[long] = _lines_of(x, y, owner, long)
    return lines, x, y, first, npts


def _lines_of(x, y, owner, which):
    """The polylines of links ``which`` (sorted) from the vertex arrays."""
    sel = np.isin(owner, which)
    rank = np.searchsorted(which, owner[sel])  # 0..len(which)-1, as linestrings wants
    return shapely.linestrings(np.column_stack([x[sel], y[sel]]), indices=rank)


def _geodesic_share(along: NDArray, links: NDArray, x, y, first, npts) -> NDArray:
    """The share of the geodesic length at a planar distance ``along`` each polyline."""
    seg = np.hypot(np.diff(x), np.diff(y))
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    # Planar distance of each vertex from its line's start.
    start = first[links]
    target = cum[start] + along
    m = np.searchsorted(cum, target, side="right") - 1
    m = np.clip(m, start, start + npts[links] - 2)
    width = cum[m + 1] - cum[m]
    u = np.where(width > 0, (target - cum[m]) / np.where(width > 0, width, 1), 0.0)
    return np.clip((m - start + np.clip(u, 0, 1)) / (npts[links] - 1), 0, 1)


def bisect_link(
    zs: ZoneSet, zone: NDArray, lon1: NDArray, lat1: NDArray, lon2: NDArray, lat2: NDArray
) -> NDArray:
    """One crossing per link by bisection over the whole link (ends on either side)."""
    lon1 = zs.wrap(np.asarray(lon1, float))
    lon2 = lon1 + (np.asarray(lon2, float) - lon1 + 180.0) % 360.0 - 180.0
    az, _, length = WGS84.inv(lon1, lat1, lon2, lat2)
    az, length = np.asarray(az, float), np.asarray(length, float)
    in_lo = _contains(zs, zone, lon1, np.asarray(lat1, float))
    lo, hi = np.zeros(len(zone)), np.ones(len(zone))
    return _bisect(zs, zone, lon1, lat1, az, length, lo, hi, in_lo)
