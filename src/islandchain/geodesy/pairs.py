"""The shortest geodesic between two geometries."""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
import shapely.affinity
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from .blocks import _pair
from .ellipsoid import WGS84
from .measured import Measured
from .prepared import PreparedGeometry, prepare


@dataclass(frozen=True, kw_only=True)
class Separation(Measured):
    """The shortest geodesic between two geometries: a :class:`Measured` pair.

    Attributes
    ----------
    distance_m : float
        Geodesic distance on WGS84, metres.
    point_a, point_b : tuple of float
        ``(lon, lat)`` of the points on the first and second geometry that
        realise the distance.
    azimuth_deg : float
        Azimuth at ``point_a`` of the geodesic towards ``point_b``, degrees
        clockwise from north in ``[0, 360)``; ``nan`` when the geometries touch.
    back_azimuth_deg : float
        Azimuth at ``point_b`` of the geodesic towards ``point_a``.
    """

    back_azimuth_deg: float = math.nan


def shortest_line(a, b) -> Separation:
    """The shortest geodesic between two geometries, and the points that realise it.

    Parameters
    ----------
    a, b : shapely geometry, GeoSeries, GeoDataFrame or (lon, lat)
        Any kind: points, lines, polygons, multi-part geometries, or every
        row of a frame taken together. Coordinates are lon/lat degrees.

    Returns
    -------
    Separation
        ``distance_m``, ``point_a`` (on ``a``), ``point_b`` (on ``b``) and the
        azimuths. Touching or overlapping geometries are 0 m apart at a point
        they share.

    Notes
    -----
    A segment between two vertices is the geodesic joining them (see the
    module's documentation); the result is the exact minimum over every
    vertex of one geometry and every point of every segment of the other.

    Examples
    --------
    >>> import islandchain as ic
    >>> sep = shortest_line(ic.feature("Taiwan").geometry, ic.feature("Yonaguni").geometry)
    >>> round(sep.distance_km, 1)
    107.5
    """
    pa, pb = _prepare_named(a, "first geometry"), _prepare_named(b, "second geometry")
    ga, gb = pa.geometry, pb.geometry
    ax0, ay0, ax1, ay1 = ga.bounds
    bx0, by0, bx1, by1 = gb.bounds
    turns = round(((ax0 + ax1) - (bx0 + bx1)) / 720)
    if turns:  # the same places written a turn of the globe apart (482.5 for 122.5)
        gb = shapely.affinity.translate(gb, 360.0 * turns)
        bx0, by0, bx1, by1 = gb.bounds
    boxes_meet = ax0 <= bx1 and bx0 <= ax1 and ay0 <= by1 and by0 <= ay1
    if boxes_meet and shapely.intersects(ga, gb):
        inter = shapely.intersection(ga, gb)
        pt = shapely.get_coordinates(
            inter.representative_point() if not inter.is_empty else shapely.shortest_line(ga, gb)
        )[0]
        xy = (float(pt[0]), float(pt[1]))
        return Separation(point_a=xy, point_b=xy, distance_m=0.0)
    return _separation(*_pair(pa.blocks, pb.blocks))


def _prepare_named(obj, what: str) -> PreparedGeometry:
    """:func:`prepare`, with errors naming the argument."""
    if isinstance(obj, PreparedGeometry):
        return obj
    if isinstance(obj, BaseGeometry):
        return prepare(obj, what)
    return PreparedGeometry(obj, what)


def _separation(dist: float, pa: NDArray, pb: NDArray) -> Separation:
    a, b = (float(pa[0]), float(pa[1])), (float(pb[0]), float(pb[1]))
    az12, az21, _ = WGS84.inv(*a, *b)  # az21: at b, towards a
    return Separation(
        point_a=a, point_b=b, distance_m=dist, azimuth_deg=az12 % 360, back_azimuth_deg=az21 % 360
    )
