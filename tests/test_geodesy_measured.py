"""islandchain.geodesy.measured: the measured pair every distance result holds."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError

import pytest
import shapely
from geographiclib.geodesic import Geodesic

import islandchain as ic
from islandchain.geodesy import Measured, Separation


def test_between_is_geographiclibs_inverse():
    a, b = (123.0, 24.45), (121.85, 24.6)
    m = Measured.between(a, b, "yonaguni", "suao")
    ref = Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])
    assert m.distance_m == pytest.approx(ref["s12"], abs=1e-6)
    assert m.azimuth_deg == pytest.approx(ref["azi1"] % 360, abs=1e-9)
    assert m.bearing == m.azimuth_deg and (m.name_a, m.name_b) == ("yonaguni", "suao")
    assert m.distance_km == m.distance_m / 1000


def test_coinciding_points_have_no_bearing_and_the_record_is_frozen():
    m = Measured.between((123.0, 24.45), (123.0, 24.45))
    assert m.distance_m == 0 and math.isnan(m.azimuth_deg) and m.bearing is None
    with pytest.raises(FrozenInstanceError):
        m.distance_m = 1.0  # type: ignore[misc]


def test_its_line_runs_from_a_to_b_on_the_geodesic():
    m = Measured.between((123.0, 24.45), (121.0, 25.6))
    line = m.geodesic(max_segment_m=1_000)
    coords = list(line.coords)
    assert coords[0] == pytest.approx(m.point_a) and coords[-1] == pytest.approx(m.point_b)
    steps = [
        Geodesic.WGS84.Inverse(y0, x0, y1, x1)["s12"]
        for (x0, y0), (x1, y1) in zip(coords, coords[1:], strict=False)
    ]
    assert max(steps) <= 1_000 + 1e-6
    assert sum(steps) == pytest.approx(m.distance_m, rel=1e-9)


def test_every_distance_result_is_or_holds_one():
    yonaguni, taiwan = ic.feature("Yonaguni").geometry, ic.feature("Taiwan").geometry
    sep = ic.shortest_line(yonaguni, taiwan)
    assert isinstance(sep, Separation) and isinstance(sep, Measured)
    width = ic.strait_width("Miyako Strait")
    gap = {g.name: g for g in ic.chain_gaps()}["Miyako Strait"]
    (foreign,) = ic.nearest_foreign(["Su'ao"])
    for record in (width, gap, foreign):
        assert isinstance(record.measured, Measured)
        assert record.distance_km == record.measured.distance_km
        assert record.point_a == record.measured.point_a
        assert shapely.equals(record.line, record.measured.line)
    assert (width.shore_a, width.shore_b) == (width.measured.name_a, width.measured.name_b)
    assert (gap.a, gap.b, gap.width_km) == (
        gap.measured.name_a,
        gap.measured.name_b,
        gap.measured.distance_km,
    )
