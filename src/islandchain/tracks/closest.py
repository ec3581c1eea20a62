"""Closest approach of each event to its state's land, from the fixes inside it.

Per event, not per position: each chunk measures, with
:func:`islandchain.geodesy.distance_to` (exact geodesics to the full-resolution
coast), only the fixes that lie inside some event, once per land, and each
event keeps the minimum over its fixes and its crossing points.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from numpy.typing import NDArray

from ..geodesy import distance_to
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


def _closest_in(parts: list, lon: NDArray, lat: NDArray, land, cum: NDArray) -> NDArray:
    """The exact distance of each fix that can be an event's closest, +inf for the others.

    Branch and bound along each part: the distance to land changes by at most
    the geodesic length between two fixes, so a window between measured fixes
    ``a`` and ``b`` holds nothing closer than ``(d_a + d_b - L_ab) / 2``; only
    windows whose bound beats the event's best so far are measured finer.
    """
    dist = np.full(len(lon), np.inf)
    parts = [p for p in parts if p[2] >= p[1]]
    if not parts:
        return dist
    events = {k: i for i, k in enumerate(dict.fromkeys(id(e) for e, _, _ in parts))}
    best = np.full(len(events), np.inf)
    for e, _, _ in parts:
        best[events[id(e)]] = e["closest_m"]
    a = np.array([p[1] for p in parts], np.int64)
    b = np.array([p[2] for p in parts], np.int64)
    ev = np.array([events[id(p[0])] for p in parts], np.int64)
    for step in _STEPS:
        if len(a) == 0:
            break
        idx, owner = _grid(a, b, step)
        _measure(dist, np.unique(idx), lon, lat, land)
        d = dist[idx]
        np.minimum.at(best, ev[owner], d)
        if step == 1:
            break
        pair = np.flatnonzero(owner[1:] == owner[:-1])  # consecutive grid fixes of one window
        lo, hi = idx[pair], idx[pair + 1]
        bound = (d[pair] + d[pair + 1] - (cum[hi] - cum[lo])) / 2
        keep = (bound < best[ev[owner[pair]]]) & (hi > lo + 1)
        a, b, ev = lo[keep], hi[keep], ev[owner[pair]][keep]
    return dist


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
        edge = [(e, x, y) for e, _, _ in group for x, y in e.pop("_edge", [])]
        for e, _, _ in group:
            e["_edge"] = []
        if edge:
            d_edge = distance_to([p[1] for p in edge], [p[2] for p in edge], land)
            for (e, x, y), d in zip(edge, d_edge.tolist(), strict=True):
                _fold(e, d, x, y)
        dist = _closest_in(group, lon, lat, land, cum)
        for event, first, last in group:
            if last >= first:
                i = first + int(np.argmin(dist[first : last + 1]))
                _fold(event, float(dist[i]), float(lon[i]), float(lat[i]))
