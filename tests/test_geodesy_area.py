"""islandchain.geodesy.area: areas and perimeters on the ellipsoid."""

from __future__ import annotations

import pytest
import shapely
from geodesy_refs import (
    GEOD,
)

import islandchain as ic
from islandchain.geodesy import (
    geodesic_area,
    geodesic_perimeter,
)


@pytest.fixture(scope="module")
def frame():
    return ic.features()


def test_area_and_perimeter_on_the_ellipsoid(frame):
    box = shapely.box(120, 24, 121, 25)
    ref = GEOD.Polygon()
    for lon, lat in [(120, 24), (121, 24), (121, 25), (120, 25)]:
        ref.AddPoint(lat, lon)
    _, perimeter, area = ref.Compute(False, True)
    assert geodesic_area(box) == pytest.approx(area, rel=1e-9)
    assert geodesic_perimeter(box) == pytest.approx(perimeter, rel=1e-9)
    # Yonaguni: 28.88 km2 in Japan's statistics (GSI, 2023); the OSM outline
    # agrees to a few per cent.
    assert geodesic_area(frame.loc["yonaguni", "geometry"]) / 1e6 == pytest.approx(28.88, rel=0.05)
