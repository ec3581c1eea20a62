"""islandchain.geodesy.ellipsoid: points to points, against GeodSolve's table."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    GEOD,
    TABLE,
)

from islandchain.geodesy import (
    GeodesyError,
    compass,
    forward,
    geodesic_buffer,
    inverse,
    shortest_line,
)


@pytest.fixture(scope="module")
def reference_table() -> np.ndarray:
    return np.loadtxt(TABLE, comments="#")


def test_inverse_matches_geodsolve_to_a_millimetre(reference_table):
    lat1, lon1, lat2, lon2, azi1, azi2, s12 = reference_table.T
    dist, az1, az2 = inverse(lon1, lat1, lon2, lat2)
    assert len(dist) >= 600
    assert np.max(np.abs(dist - s12)) < 1e-3
    # Azimuths agree to better than 1e-9 degrees except where the problem is
    # nearly antipodal; compare them as directions.
    short = s12 < 19_000_000
    d1 = (az1 - azi1 + 180) % 360 - 180
    d2 = (az2 - azi2 + 180) % 360 - 180
    assert np.max(np.abs(d1[short])) < 1e-6
    assert np.max(np.abs(d2[short])) < 1e-6


def test_forward_returns_the_geodsolve_end_point(reference_table):
    lat1, lon1, lat2, lon2, azi1, azi2, s12 = reference_table.T
    lon, lat, az = forward(lon1, lat1, azi1, s12)
    back, _, _ = inverse(lon, lat, lon2, lat2)
    assert np.max(back) < 1e-3


def test_scalars_in_scalars_out():
    d, az1, az2 = inverse(123.0, 24.45, 121.8, 24.6)
    assert isinstance(d, float) and isinstance(az1, float)
    ref = GEOD.Inverse(24.45, 123.0, 24.6, 121.8)
    assert d == pytest.approx(ref["s12"], abs=1e-3)
    assert az1 == pytest.approx(ref["azi1"] % 360, abs=1e-9)


@pytest.mark.parametrize(
    ("azimuth", "eight", "sixteen"),
    [
        (0, "N", "N"),
        (22.4, "N", "NNE"),
        (22.6, "NE", "NNE"),
        (90, "E", "E"),
        (247.4, "SW", "WSW"),
        (262, "W", "W"),
        (337.4, "NW", "NNW"),
        (337.6, "N", "NNW"),
        (359.9, "N", "N"),
        (-90, "W", "W"),
        (720 + 45, "NE", "NE"),
    ],
)
def test_compass_words(azimuth, eight, sixteen):
    assert compass(azimuth, 8) == eight
    assert compass(azimuth, 16) == sixteen


def test_bad_coordinates_are_named():
    with pytest.raises(GeodesyError, match="latitude 124.*longitude first"):
        inverse(24.45, 124.0, 121.8, 24.6)
    with pytest.raises(GeodesyError, match="finite"):
        inverse(float("nan"), 0, 0, 0)
    with pytest.raises(GeodesyError, match="4, 8 or 16"):
        compass(10.0, 12)
    with pytest.raises(GeodesyError, match="empty"):
        shortest_line(shapely.Polygon(), shapely.Point(0, 0))
    with pytest.raises(GeodesyError, match="expected a shapely geometry"):
        shortest_line("Taiwan", shapely.Point(0, 0))
    with pytest.raises(GeodesyError, match="positive"):
        geodesic_buffer(shapely.Point(0, 0), -5)
