"""What the judges of the claims beyond a distance share: a reading between any two
geometries, the towns on a place, whether a place is inhabited, candidates by kind.

>>> sorted(towns_on("ishigaki"))[:1]
['ishigaki_city']
>>> inhabited("yonaguni"), inhabited("okinotorishima")
(True, False)
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
import shapely

from ..data import features
from ..geodesy import shortest_line
from ..measuring import Reading, ReadingKind

__all__ = [
    "INHABITED_FIELD",
    "candidates",
    "geometry",
    "inhabited",
    "reading_between",
    "towns_on",
]

#: The kinds of feature that say a place is lived on (see :func:`inhabited`).
_LIVED_ON = ("city", "airport", "port")
#: How near (degrees, about 1 km) a point must lie to a place to be on it.
_ON_DEG = 0.01
#: The data field an "inhabited" extreme is judged by, in words.
INHABITED_FIELD = (
    "a populated place (cities.csv, GeoNames `population`), an airport (airports.csv) "
    "or a port of the gazetteer lies on it"
)
#: A feature kind a claim names -> the gazetteer kinds it covers.
_KINDS = {"island": ("island", "islet"), "point": ("island", "islet")}


def geometry(fid: str) -> shapely.Geometry:
    """A feature's geometry (OpenStreetMap land, or its point)."""
    return features().loc[fid, "geometry"]


def reading_between(
    reference: shapely.Geometry,
    subject: shapely.Geometry,
    name: str,
    subject_name: str,
    reference_name: str,
    kind: ReadingKind = ReadingKind.COAST,
) -> Reading:
    """The shortest geodesic from one geometry to another, as a :class:`Reading`.

    >>> r = reading_between(geometry("taiwan"), geometry("yonaguni"), "coast", "Y", "T")
    >>> round(r.distance_km, 1), round(r.azimuth_deg)
    (107.5, 99)
    """
    sep = shortest_line(reference, subject)
    return Reading(
        name=name,
        measured=replace(sep, name_a=reference_name, name_b=subject_name),
        kind=kind,
        description=name,
        subject_geometry=subject,
        reference_geometry=reference,
    )


@cache
def _on(fid: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    frame = features()
    pts = frame[frame.kind.isin(kinds) & (frame.index != fid)]
    near = shapely.dwithin(pts.geometry.to_numpy(), geometry(fid), _ON_DEG)
    return tuple(str(i) for i in pts.index[near])


def towns_on(fid: str) -> tuple[str, ...]:
    """The populated places and ports that lie on a place (itself, for a town or port)."""
    if str(features().loc[fid, "kind"]) in ("city", "port"):
        return (fid,)
    return _on(fid, ("city", "port"))


def town_geometry(fid: str) -> shapely.Geometry:
    """The towns on a place as one geometry, or its anchor point when it has none."""
    towns = towns_on(fid)
    if towns:
        return shapely.union_all([geometry(t) for t in towns])
    row = features().loc[fid]
    return shapely.Point(float(row["lon"]), float(row["lat"]))


def inhabited(fid: str) -> bool:
    """True when people live on a place, read from the data (:data:`INHABITED_FIELD`)."""
    row = features().loc[fid]
    population = row.get("population")
    if population is not None and not (isinstance(population, float) and np.isnan(population)):
        try:
            if float(population) > 0:
                return True
        except (TypeError, ValueError):
            pass
    return bool(_on(fid, _LIVED_ON))


def candidates(among: str, state: str = "", within: str = "") -> list[str]:
    """Feature ids of a kind, administered by ``state`` (ISO3) and/or lying within a place.

    >>> "yonaguni" in candidates("island", "JPN"), "taiwan" in candidates("island", "JPN")
    (True, False)
    """
    frame = features()
    rows = frame[frame.kind.isin(_KINDS.get(among, (among,)))]
    if state:
        rows = rows[[state in tuple(a) for a in rows["admin"]]]
    if within:
        area = geometry(within)
        inside = shapely.covered_by(rows.geometry.to_numpy(), shapely.buffer(area, 1e-6))
        rows = rows[inside | (rows.index == within)]
    return [str(i) for i in rows.index]


def claimed(among: str, state: str) -> list[str]:
    """Feature ids of a kind that a state claims but does not administer."""
    frame = features()
    rows = frame[frame.kind.isin(_KINDS.get(among, (among,)))]
    keep = [
        state in tuple(c) and state not in tuple(a)
        for a, c in zip(rows["admin"], rows["claimants"], strict=True)
    ]
    return [str(i) for i in rows.index[keep]]
