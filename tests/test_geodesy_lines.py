"""islandchain.geodesy.lines: geodesic lines and circles."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    GEOD,
)

from islandchain.geodesy import (
    NMI,
    geodesic_circle,
    geodesic_line,
    inverse,
)


def test_geodesic_line_is_dense_and_on_the_geodesic():
    line = geodesic_line(121.5, 25.0, 139.7, 35.7, max_segment_m=10_000)
    xy = np.asarray(line.coords)
    total = GEOD.Inverse(25.0, 121.5, 35.7, 139.7)["s12"]
    d1 = inverse(121.5, 25.0, xy[:, 0], xy[:, 1])[0]
    d2 = inverse(xy[:, 0], xy[:, 1], 139.7, 35.7)[0]
    assert np.max(np.abs(d1 + d2 - total)) < 1e-3
    steps = inverse(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])[0]
    assert steps.max() <= 10_000 + 1e-6
    assert tuple(xy[-1]) == pytest.approx((139.7, 35.7))


def test_geodesic_line_unrolls_across_the_antimeridian():
    xy = np.asarray(geodesic_line(170.0, 10.0, -170.0, 12.0).coords)
    assert np.all(np.diff(xy[:, 0]) > 0) and xy[-1, 0] == pytest.approx(190.0)


@pytest.mark.parametrize("radius", [1_000, 12 * NMI, 111_000, 200 * NMI, 1_000_000])
def test_geodesic_circle_vertices_at_the_radius(radius):
    ring = geodesic_circle(122.99, 24.45, radius)
    assert ring.is_valid
    xy = shapely.get_coordinates(ring)
    d = inverse(122.99, 24.45, xy[:, 0], xy[:, 1])[0]
    assert np.max(np.abs(d - radius)) < 1e-3
