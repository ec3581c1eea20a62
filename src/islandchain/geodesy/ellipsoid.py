"""The WGS84 ellipsoid: points to points, compass words, geocentric coordinates."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod

from ..errors import GeodesyError

#: The WGS84 ellipsoid, through GeographicLib's geodesic algorithms.
WGS84 = Geod(ellps="WGS84")
#: One international nautical mile, in metres.
NMI = 1852.0

# Smallest radius of curvature of WGS84 (meridional, at the equator, b**2/a):
# bounds how far a geodesic piece bulges from its chord.
_RHO_MIN = WGS84.b**2 / WGS84.a
# Largest radius of curvature (at the poles, a**2/b): gives a lower bound of a
# geodesic's length from its chord.
_RHO_MAX = WGS84.a**2 / WGS84.b

_ROSE = {
    4: ("N", "E", "S", "W"),
    8: ("N", "NE", "E", "SE", "S", "SW", "W", "NW"),
    16: (
        "N",
        "NNE",
        "NE",
        "ENE",
        "E",
        "ESE",
        "SE",
        "SSE",
        "S",
        "SSW",
        "SW",
        "WSW",
        "W",
        "WNW",
        "NW",
        "NNW",
    ),
}


def _check_lonlat(lon: NDArray, lat: NDArray, what: str = "coordinates") -> None:
    if not (np.all(np.isfinite(lon)) and np.all(np.isfinite(lat))):
        raise GeodesyError(f"{what}: longitude and latitude must be finite numbers")
    if np.any(np.abs(lat) > 90):
        bad = float(np.asarray(lat)[np.abs(lat) > 90].flat[0])
        raise GeodesyError(
            f"{what}: latitude {bad:g} is outside [-90, 90]; "
            "coordinates are (longitude, latitude) in degrees, longitude first"
        )


def _scalar_or_array(x: NDArray, scalar: bool):
    return float(x) if scalar else x


def inverse(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike):
    """Solve the inverse geodesic problem on WGS84.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like
        Longitudes and latitudes in degrees; arrays broadcast.

    Returns
    -------
    distance_m, azimuth1_deg, azimuth2_deg : float or ndarray
        The geodesic distance in metres, the azimuth at the first point towards
        the second, and the azimuth at the second point *away from* the first
        (the forward azimuth there), both clockwise from north in ``[0, 360)``.

    Examples
    --------
    >>> d, az1, az2 = inverse(123.0, 24.45, 121.8, 24.6)
    >>> round(d / 1000, 1), round(az1)
    (122.7, 278)
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    scalar = arrays[0].ndim == 0
    a = [np.atleast_1d(v).ravel() for v in arrays]
    _check_lonlat(a[0], a[1], "first point")
    _check_lonlat(a[2], a[3], "second point")
    az12, az21, dist = WGS84.inv(a[0], a[1], a[2], a[3])
    shape = arrays[0].shape
    out = (dist.reshape(shape), (az12 % 360).reshape(shape), ((az21 + 180) % 360).reshape(shape))
    return tuple(_scalar_or_array(v, scalar) for v in out)


def forward(lon: ArrayLike, lat: ArrayLike, azimuth_deg: ArrayLike, distance_m: ArrayLike):
    """Solve the direct geodesic problem on WGS84.

    Parameters
    ----------
    lon, lat : float or array_like
        Start point, degrees.
    azimuth_deg : float or array_like
        Azimuth at the start, degrees clockwise from north.
    distance_m : float or array_like
        Distance along the geodesic, metres (negative goes backwards).

    Returns
    -------
    lon2, lat2, azimuth2_deg : float or ndarray
        The end point and the forward azimuth there.

    Examples
    --------
    >>> lon, lat, _ = forward(123.0, 24.45, 270.0, 111_000)
    >>> round(lon, 2), round(lat, 2)
    (121.91, 24.45)
    """
    arrays = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (lon, lat, azimuth_deg, distance_m))
    )
    scalar = arrays[0].ndim == 0
    a = [np.atleast_1d(v).ravel() for v in arrays]
    _check_lonlat(a[0], a[1], "start point")
    if not (np.all(np.isfinite(a[2])) and np.all(np.isfinite(a[3]))):
        raise GeodesyError("azimuth and distance must be finite numbers")
    lon2, lat2, back = WGS84.fwd(a[0], a[1], a[2], a[3])
    shape = arrays[0].shape
    out = (lon2.reshape(shape), lat2.reshape(shape), ((back + 180) % 360).reshape(shape))
    return tuple(_scalar_or_array(v, scalar) for v in out)


def compass(azimuth_deg: float, points: int = 8) -> str:
    """Name an azimuth on a compass rose.

    Parameters
    ----------
    azimuth_deg : float
        Degrees clockwise from north (any real number; it is wrapped).
    points : {4, 8, 16}
        Points of the rose; each word covers ``360 / points`` degrees centred
        on its direction.

    Returns
    -------
    str
        ``"N"``, ``"NE"``, ``"WSW"``, ...

    Examples
    --------
    >>> compass(262.0), compass(262.0, 16)
    ('W', 'W')
    >>> compass(235.0, 16)
    'SW'
    """
    if points not in _ROSE:
        raise GeodesyError(f"a compass rose has 4, 8 or 16 points, not {points!r}")
    if not math.isfinite(azimuth_deg):
        raise GeodesyError(f"azimuth must be a finite number, not {azimuth_deg!r}")
    width = 360.0 / points
    return _ROSE[points][int(((azimuth_deg % 360) + width / 2) // width) % points]


_E2 = WGS84.es  # first eccentricity squared


def _ecef(lon: NDArray, lat: NDArray) -> NDArray:
    """Geocentric coordinates (EPSG:4978) of points on the ellipsoid, shape (n, 3)."""
    lam, phi = np.radians(lon), np.radians(lat)
    sin_phi, cos_phi = np.sin(phi), np.cos(phi)
    n = WGS84.a / np.sqrt(1.0 - _E2 * sin_phi * sin_phi)
    out = np.empty((len(lam), 3))
    out[:, 0] = n * cos_phi * np.cos(lam)
    out[:, 1] = n * cos_phi * np.sin(lam)
    out[:, 2] = n * (1.0 - _E2) * sin_phi
    return out


def _wrap(lon: NDArray) -> NDArray:
    return (np.asarray(lon) + 180.0) % 360.0 - 180.0
