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
def _state_land(state: str) -> shapely.Geometry:
    from ..zones import state_land

    return state_land(state)


def zone_land(zs: ZoneSet, k: int) -> shapely.Geometry:
    """The land a zone's closest approach is measured to: its own, or its state's."""
    zone = zs.zones[k]
    return zone.land if zone.land is not None else _state_land(zone.state)


def _fold(event: dict, d: float, x: float, y: float) -> None:
    if d < event["closest_m"]:
        event["closest_m"], event["closest_lon"], event["closest_lat"] = d, x, y


def fold_closest(zs: ZoneSet, portions: list, lon: NDArray, lat: NDArray) -> None:
    """Fold the chunk's fixes (and crossing points) into each event's closest approach."""
    by_land: dict[int, list] = {}
    for event, first, last in portions:
        by_land.setdefault(id(zone_land(zs, event["zone_index"])), []).append((event, first, last))
    for group in by_land.values():
        land = zone_land(zs, group[0][0]["zone_index"])
        marks = np.zeros(len(lon) + 1, np.int64)
        for _, first, last in group:
            if last >= first:
                marks[first] += 1
                marks[last + 1] -= 1
        need = np.flatnonzero(np.cumsum(marks[:-1]) > 0)
        dist = np.full(len(lon), np.inf)
        if len(need):
            dist[need] = distance_to(lon[need], lat[need], land)
        edge = [(e, x, y) for e, _, _ in group for x, y in e.pop("_edge", [])]
        for e, _, _ in group:
            e["_edge"] = []
        if edge:
            d_edge = distance_to([p[1] for p in edge], [p[2] for p in edge], land)
            for (e, x, y), d in zip(edge, d_edge.tolist(), strict=True):
                _fold(e, d, x, y)
        for event, first, last in group:
            if last >= first:
                i = first + int(np.argmin(dist[first : last + 1]))
                _fold(event, float(dist[i]), float(lon[i]), float(lat[i]))
