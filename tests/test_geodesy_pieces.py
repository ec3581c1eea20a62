"""islandchain.geodesy.pieces: geodesic pieces and their bounds."""

from __future__ import annotations

import numpy as np
import pytest
from geodesy_refs import (
    _ecef,
    _golden_point_segment,
)

from islandchain.geodesy import (
    forward,
    inverse,
    point_segment_distance,
)


def test_point_segment_distance_matches_an_independent_search():
    rng = np.random.default_rng(1)
    for _ in range(25):
        lon1, lat1 = rng.uniform(110, 140), rng.uniform(0, 40)
        length = 10 ** rng.uniform(1, 4.7)
        lon2, lat2, _ = forward(lon1, lat1, rng.uniform(0, 360), length)
        plon, plat, _ = forward(
            (lon1 + lon2) / 2, (lat1 + lat2) / 2, rng.uniform(0, 360), 10 ** rng.uniform(2, 6)
        )
        d, _, _ = point_segment_distance(plon, plat, lon1, lat1, lon2, lat2)
        assert d[0] == pytest.approx(
            _golden_point_segment(plon, plat, lon1, lat1, lon2, lat2), abs=1e-4
        )


def test_the_nearest_point_can_lie_inside_a_segment():
    # A point due west of the middle of a north-south segment: the foot is
    # near the middle, far from both vertices.
    d, flon, flat = point_segment_distance(121.0, 24.5, 122.0, 24.0, 122.0, 25.0)
    vertex = min(inverse(121.0, 24.5, 122.0, 24.0)[0], inverse(121.0, 24.5, 122.0, 25.0)[0])
    assert d[0] < vertex - 1000
    assert flon[0] == pytest.approx(122.0, abs=1e-9)
    assert flat[0] == pytest.approx(24.5, abs=0.01)


def test_chord_lower_bound_holds_on_random_geodesics():
    from islandchain.geodesy.pieces import _lower_bound

    rng = np.random.default_rng(11)
    n = 200_000
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    s = 10 ** rng.uniform(0, 6.8, n)
    lon2, lat2, _ = forward(lon, lat, rng.uniform(0, 360, n), s)
    chord = np.linalg.norm(_ecef(lon, lat) - _ecef(lon2, lat2), axis=1)
    assert np.all(_lower_bound(chord) <= s)
