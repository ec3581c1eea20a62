"""Geodesic lines and circles, and azimuthal equidistant projections."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from ..errors import GeodesyError
from .ellipsoid import WGS84, _check_lonlat


def geodesic_line(
    lon1: float, lat1: float, lon2: float, lat2: float, *, max_segment_m: float = 5_000.0
) -> shapely.LineString:
    """The geodesic between two points as a densified polyline.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float
        The ends, degrees.
    max_segment_m : float, default 5 km
        Longest step between vertices, so the line draws as the geodesic on a
        Web Mercator map.

    Returns
    -------
    shapely.LineString
        Vertices on the geodesic, including both ends. Longitudes are
        unrolled: a line across the antimeridian runs past 180 rather than
        jumping back to -180, so it draws without a stripe across the map.

    Examples
    --------
    >>> line = geodesic_line(179.0, 0.0, -179.0, 0.0, max_segment_m=50_000)
    >>> [round(x) for x in line.xy[0][:1] + line.xy[0][-1:]]
    [179, 181]
    """
    if not max_segment_m > 0:
        raise GeodesyError(f"max_segment_m must be positive, not {max_segment_m!r}")
    _check_lonlat(np.array([lon1, lon2], float), np.array([lat1, lat2], float), "line ends")
    _, _, length = WGS84.inv(lon1, lat1, lon2, lat2)
    # npts counts both ends.
    npts = max(int(math.ceil(length / max_segment_m)) + 1, 2)
    r = WGS84.inv_intermediate(
        lon1, lat1, lon2, lat2, npts=npts, initial_idx=0, terminus_idx=0, return_back_azimuth=True
    )
    lons = np.unwrap(np.asarray(r.lons), period=360.0)
    lats = np.asarray(r.lats)
    lons, lats = lons - (lons[0] - lon1), lats.copy()
    lats[0], lats[-1] = lat1, lat2
    return shapely.LineString(np.column_stack([lons, lats]))


def geodesic_circle(
    lon: float,
    lat: float,
    radius_m: float,
    *,
    n: int | None = None,
    split_antimeridian: bool = True,
):
    """A range ring: every vertex at the given geodesic distance from a centre.

    Parameters
    ----------
    lon, lat : float
        The centre, degrees.
    radius_m : float
        Geodesic radius, metres (``12 * NMI`` for a 12 nmi ring).
    n : int, optional
        Number of vertices, one every ``360 / n`` degrees of azimuth; 180 by
        default.
    split_antimeridian : bool, default True
        Split a ring that crosses 180° into parts on either side (GeoJSON's
        rule); otherwise keep the longitudes unrolled past 180.

    Returns
    -------
    shapely.Polygon or shapely.MultiPolygon
        A valid polygon. A ring around a pole includes the pole.

    Examples
    --------
    >>> ring = geodesic_circle(123.0, 24.45, 111_000)
    >>> ring.is_valid, len(ring.exterior.coords) > 72
    (True, True)
    """
    if not (math.isfinite(radius_m) and radius_m > 0):
        raise GeodesyError(f"radius must be a positive number of metres, not {radius_m!r}")
    if radius_m >= math.pi * WGS84.b:
        raise GeodesyError(
            f"radius {radius_m:g} m reaches round the Earth; use less than 19,970 km"
        )
    _check_lonlat(np.array([lon], float), np.array([lat], float), "centre")
    n = 180 if n is None else int(n)
    if n < 8:
        raise GeodesyError(f"a circle needs at least 8 vertices, not {n}")
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = WGS84.fwd(
        np.full(n, float(lon)), np.full(n, float(lat)), az, np.full(n, float(radius_m))
    )
    # Clockwise azimuths make a clockwise ring; orient it counter-clockwise.
    ring = np.column_stack([lons, lats])[::-1]
    geom = _to_lonlat_polygon(ring)
    return _split_antimeridian(geom) if split_antimeridian else geom


def aeqd_transformers(lon0: float, lat0: float) -> tuple[Transformer, Transformer]:
    """Transformers to and from an azimuthal equidistant projection centred on a point.

    Used only for first guesses and partitions that are then checked or
    corrected with exact geodesics; never to measure.
    """
    return _aeqd(float(lon0), float(lat0))


@lru_cache(maxsize=256)
def _aeqd(lon0: float, lat0: float) -> tuple[Transformer, Transformer]:
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m")
    return (
        Transformer.from_crs("EPSG:4326", crs, always_xy=True),
        Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
    )


def transform(geom: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    """Apply a pyproj transformer to every coordinate of a geometry."""
    return shapely.transform(
        geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def _to_lonlat_polygon(ring: NDArray):
    """Polygon from a ring in lon/lat whose longitudes may wrap, round a pole too."""
    lons = np.unwrap(ring[:, 0], period=360.0)
    lats = ring[:, 1]
    end = lons[-1] + (((lons[0] - lons[-1]) + 180) % 360 - 180)
    if abs(end - lons[0]) > 180:  # encloses a pole: close the ring along it
        # A ring that winds round a pole is near it: the side of the ring
        # tells which, whichever way the ring runs.
        pole = 90.0 if np.mean(lats) > 0 else -90.0
        lons = np.concatenate([lons, [end, end, lons[0]]])
        lats = np.concatenate([lats, [lats[0], pole, pole]])
    return shapely.make_valid(shapely.Polygon(np.column_stack([lons, lats])))


def _aeqd_forward(lon0: float, lat0: float, xy: NDArray) -> NDArray:
    """Azimuthal equidistant coordinates (m) round (lon0, lat0), from the geodesics to it.

    The ellipsoidal aeqd of PROJ, without building a transformer per centre.
    """
    n = len(xy)
    az, _, s = WGS84.inv(np.full(n, lon0), np.full(n, lat0), xy[:, 0], xy[:, 1])
    az = np.radians(az)
    return np.column_stack([s * np.sin(az), s * np.cos(az)])


def _aeqd_inverse(lon0: float, lat0: float, xy: NDArray) -> tuple[NDArray, NDArray]:
    n = len(xy)
    az = np.degrees(np.arctan2(xy[:, 0], xy[:, 1]))
    lon, lat, _ = WGS84.fwd(np.full(n, lon0), np.full(n, lat0), az, np.hypot(xy[:, 0], xy[:, 1]))
    return np.asarray(lon), np.asarray(lat)


def _split_antimeridian(geom):
    """Cut a polygon with unrolled longitudes at ±180° into parts within [-180, 180]."""
    minx, _, maxx, _ = geom.bounds
    if minx >= -180 and maxx <= 180:
        return geom
    parts = []
    for k in range(int(math.floor((minx + 180) / 360)), int(math.floor((maxx + 180) / 360)) + 1):
        piece = shapely.intersection(geom, shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if not piece.is_empty:

            def shift(xy: NDArray, dx: float = 360.0 * k) -> NDArray:
                return xy - [dx, 0.0]

            parts.append(shapely.transform(piece, shift))
    out = shapely.make_valid(shapely.union_all(parts))
    polys = [g for g in shapely.get_parts(out) if g.geom_type == "Polygon"]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
