"""Geodesic areas and perimeters of polygons."""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

from .ellipsoid import WGS84
from .pieces import _segments
from .prepared import _as_geometry


def geodesic_area(geometry) -> float:
    """Area on the WGS84 ellipsoid, square metres.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        Polygons in lon/lat; lines and points have no area.

    Returns
    -------
    float
        The unsigned area, holes excluded.

    Examples
    --------
    >>> import islandchain as ic
    >>> round(geodesic_area(ic.feature("Yonaguni").geometry) / 1e6)
    29
    """
    polygons = _polygons(_as_geometry(geometry))
    return float(sum(abs(WGS84.geometry_area_perimeter(p)[0]) for p in polygons))


def _polygons(geom: BaseGeometry) -> list[shapely.Polygon]:
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            out.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(_polygons(part))
    return out


def geodesic_perimeter(geometry) -> float:
    """Length of every ring and line on the WGS84 ellipsoid, metres.

    Parameters
    ----------
    geometry : shapely geometry, GeoSeries or GeoDataFrame
        In lon/lat.

    Returns
    -------
    float
        The sum of the geodesic lengths of all segments (a polygon's
        perimeter includes its holes).

    Examples
    --------
    >>> import shapely
    >>> round(geodesic_perimeter(shapely.box(0, 0, 1, 1)) / 1000)
    444
    """
    seg = _segments(_as_geometry(geometry))
    if not len(seg):
        return 0.0
    return float(WGS84.inv(seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3])[2].sum())
