"""Closest approach of each event to its state's land, from the fixes inside it.

Per event, not per position: each chunk measures, with
:func:`islandchain.geodesy.distance_to` (exact geodesics to the full-resolution
coast), only the fixes that lie inside some event, once per land, and each
event keeps the minimum over its fixes and its crossing points. A branch and bound
along each event measures few of them; links longer than 1 km that may pass closer than
any fix are measured along their geodesic (:func:`islandchain.geodesy.shortest_line`).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from numpy.typing import NDArray

from ..geodesy import distance_to, shortest_line
from .zoneset import ZoneSet

__all__ = ["fold_closest", "zone_land"]


@cache
def _state_land(state: str) -> shapely.Geometry | None:
    from ..errors import IslandchainError
    from ..zones import state_land

    try:
        return state_land(state)
    except IslandchainError:  # a zone of no known state: no closest approach
        return None


def zone_land(zs: ZoneSet, k: int) -> shapely.Geometry | None:
    """The land a zone's closest approach is measured to: its own, or its state's (None
    for a zone whose state has no land in the data)."""
    zone = zs.zones[k]
    return zone.land if zone.land is not None else _state_land(zone.state)


def _fold(event: dict, d: float, x: float, y: float) -> None:
    if d < event["closest_m"]:
        event["closest_m"], event["closest_lon"], event["closest_lat"] = d, x, y


#: Sampling steps of the refinement, fixes: every 256th fix, then windows that may hold
#: a closer fix at every 32nd, 4th, and each fix.
_STEPS = (256, 32, 4, 1)
#: Radius bounding every radius of curvature of WGS84 from above, with a margin, metres.
_R_UP = 6_400_000.0 * 1.01
#: Links longer than this (metres, bounded above) are measured along their geodesic when
#: they may pass closer than the fixes; on shorter ones (AIS every few seconds) the fixes
#: stand for the link.
_LONG_LINK_M = 1_000.0


def along_bound(lon: NDArray, lat: NDArray) -> NDArray:
    """Cumulative upper bound of the geodesic length along the fixes, metres."""
    dlon = np.abs((np.diff(lon) + 180.0) % 360.0 - 180.0)
    cos = np.cos(np.radians(np.minimum(np.abs(lat[1:]), np.abs(lat[:-1]))))
    step = _R_UP * np.radians(np.hypot(dlon * cos, np.diff(lat))) + 0.01
    return np.concatenate([[0.0], np.cumsum(step)])


def _measure(dist: NDArray, idx: NDArray, lon: NDArray, lat: NDArray, land) -> None:
    todo = idx[~np.isfinite(dist[idx])]
    if len(todo):
        dist[todo] = distance_to(lon[todo], lat[todo], land)


def _grid(a: NDArray, b: NDArray, step: int) -> tuple[NDArray, NDArray]:
    """Fixes ``a, a+step, ..., b`` of each window ``a..b``, and the window of each."""
    count = (b - a) // step + 1 + ((b - a) % step != 0)
    owner = np.repeat(np.arange(len(a)), count)
    start = np.cumsum(count) - count
    idx = a[owner] + step * (np.arange(len(owner)) - start[owner])
    return np.minimum(idx, b[owner]), owner


def _closest_in(
    parts: list, lon: NDArray, lat: NDArray, land, cum: NDArray
) -> tuple[NDArray, NDArray]:
    """The exact distance of each fix that can be an event's closest (+inf for the others),
    and the links ``i -> i+1`` longer than :data:`_LONG_LINK_M` that may pass closer still.

    Branch and bound along each part: the distance to land changes by at most
    the geodesic length between two fixes, so a window between measured fixes
    ``a`` and ``b`` holds nothing closer than ``(d_a + d_b - L_ab) / 2``; only
    windows whose bound beats the event's best so far are measured finer.
    """
    dist = np.full(len(lon), np.inf)
    parts = [p for p in parts if p[2] >= p[1]]
    if not parts:
        return dist, np.zeros(0, np.int64)
    events = {k: i for i, k in enumerate(dict.fromkeys(id(e) for e, _, _ in parts))}
    best = np.full(len(events), np.inf)
    for e, _, _ in parts:
        best[events[id(e)]] = e["closest_m"]
    a = np.array([p[1] for p in parts], np.int64)
    b = np.array([p[2] for p in parts], np.int64)
    ev = np.array([events[id(p[0])] for p in parts], np.int64)
    links = np.zeros(0, np.int64)
    for step in _STEPS:
        if len(a) == 0:
            break
        idx, owner = _grid(a, b, step)
        _measure(dist, np.unique(idx), lon, lat, land)
        d = dist[idx]
        np.minimum.at(best, ev[owner], d)
        pair = np.flatnonzero(owner[1:] == owner[:-1])  # consecutive grid fixes of one window
        lo, hi = idx[pair], idx[pair + 1]
        bound = (d[pair] + d[pair + 1] - (cum[hi] - cum[lo])) / 2
        beats = bound < best[ev[owner[pair]]]
        if step == 1:
            # Long links that may pass closer than any fix: measured along their geodesic.
            links = np.unique(lo[beats & (cum[hi] - cum[lo] > _LONG_LINK_M)])
            break
        keep = beats & (hi > lo + 1)
        a, b, ev = lo[keep], hi[keep], ev[owner[pair]][keep]
    return dist, links


def fold_closest(zs: ZoneSet, portions: list, lon: NDArray, lat: NDArray) -> None:
    """Fold the chunk's fixes (and crossing points) into each event's closest approach."""
    by_land: dict[int, list] = {}
    for event, first, last in portions:
        by_land.setdefault(id(zone_land(zs, event["zone_index"])), []).append((event, first, last))
    cum = along_bound(lon, lat) if by_land else np.zeros(0)
    for group in by_land.values():
        land = zone_land(zs, group[0][0]["zone_index"])
        if land is None:
            continue
        _fold_edges(group, land, lon, lat)
        dist, links = _closest_in(group, lon, lat, land, cum)
        for event, first, last in group:
            if last >= first:
                i = first + int(np.argmin(dist[first : last + 1]))
                _fold(event, float(dist[i]), float(lon[i]), float(lat[i]))
                for j in links[(links >= first) & (links < last)].tolist():
                    _fold_link(event, land, lon, lat, j)


def _fold_edges(group: list, land, lon: NDArray, lat: NDArray) -> None:
    """Fold in the crossing points, and the part of each crossed link inside the zone (from
    the crossing to the fix inside, or between two crossings of one link) when it is longer
    than :data:`_LONG_LINK_M` and may pass closer: along its geodesic."""
    edges = {id(e): (e, e.pop("_edge", [])) for e, _, _ in group}
    pieces = []  # (event, (x1, y1), (x2, y2))
    for event, points in edges.values():
        event["_edge"] = []
        by_link: dict[int, list] = {}
        for x, y, j, side in points:
            by_link.setdefault(j, []).append((x, y, j, side))
        for j, ends in by_link.items():
            if len(ends) == 2:  # in and out on one link: a corner cut
                pieces.append((event, ends[0][:2], ends[1][:2]))
            elif ends[0][3] == "in":
                pieces.append((event, ends[0][:2], (lon[j + 1], lat[j + 1])))
            else:
                pieces.append((event, (lon[j], lat[j]), ends[0][:2]))
    if not pieces:
        return
    xy = np.array([[*p[1], *p[2]] for p in pieces], float)
    d = distance_to(np.r_[xy[:, 0], xy[:, 2]], np.r_[xy[:, 1], xy[:, 3]], land).reshape(2, -1)
    for k, (event, a, b) in enumerate(pieces):
        _fold(event, float(d[0, k]), float(a[0]), float(a[1]))
        _fold(event, float(d[1, k]), float(b[0]), float(b[1]))
    length = np.diff(along_bound(xy[:, [0, 2]].ravel(), xy[:, [1, 3]].ravel()))[::2]
    for k, (event, a, b) in enumerate(pieces):
        bound = (d[0, k] + d[1, k] - length[k]) / 2
        if length[k] > _LONG_LINK_M and bound < event["closest_m"]:
            _fold_segment(event, land, a, b)


def _fold_segment(event: dict, land, a, b) -> None:
    """The exact closest point of the geodesic from ``a`` to ``b`` (geodesy's shortest line)."""
    x2 = a[0] + (b[0] - a[0] + 180.0) % 360.0 - 180.0
    sep = shortest_line(shapely.LineString([(a[0], a[1]), (x2, b[1])]), land)
    x, y = sep.point_a
    _fold(event, sep.distance_km * 1000.0, (x + 180.0) % 360.0 - 180.0, y)


def _fold_link(event: dict, land, lon: NDArray, lat: NDArray, j: int) -> None:
    """The exact closest point of the geodesic link ``j -> j+1`` (geodesy's shortest line)."""
    _fold_segment(event, land, (lon[j], lat[j]), (lon[j + 1], lat[j + 1]))
