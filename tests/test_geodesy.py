"""islandchain.geodesy as a whole: errors and longitudes across every function."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    BOX,
)

from islandchain.geodesy import (
    GeodesyError,
    distance_to,
    geodesic_buffer,
    shortest_line,
)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: distance_to(np.array(["a"], object), [24], BOX), "numbers of degrees"),
        (lambda: distance_to([121 + 1j], [24], BOX), "numbers of degrees"),
        (lambda: distance_to([121], [24], BOX, progress=5), "progress must be a function"),
        (lambda: geodesic_buffer(BOX, "12"), "positive number of metres, not '12'"),
        (lambda: geodesic_buffer(BOX, None), "positive number of metres"),
        (lambda: geodesic_buffer(BOX, True), "positive number of metres"),
        (lambda: geodesic_buffer(BOX, np.array([1e3, 2e3])), "positive number of metres"),
        (lambda: geodesic_buffer(BOX, 22_224, resolution_m=float("nan")), "resolution_m"),
        (lambda: geodesic_buffer(BOX, 22_224, resolution_m=0), "resolution_m"),
        (lambda: geodesic_buffer(BOX, 22_224, resolution_m=0.1), "too fine"),
    ],
)
def test_bad_arguments_get_one_geodesy_error(call, message):
    with pytest.raises(GeodesyError, match=message):
        call()


def test_a_longitude_a_turn_of_the_globe_away_is_the_same_place():
    # 482.5 and -237.5 are 122.5: inside the box, not 50 km from it.
    lon, lat = [482.5, -237.5, 122.5, 121.0], [24.5] * 4
    d = distance_to(lon, lat, BOX)
    assert np.array_equal(d[:3], [0.0, 0.0, 0.0]) and d[3] == pytest.approx(101_353.9, abs=0.1)
    assert shortest_line((482.5, 24.5), BOX).distance_m == 0.0
    assert shortest_line((-237.5, 24.5), BOX).distance_m == 0.0
    # A box written past 180° holds a point written west of it.
    assert distance_to([-179.9], [0.0], shapely.box(179, -1, 181, 1))[0] == 0.0
