"""islandchain.geodesy.pairs: shortest_line, against brute forces."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    GEOD,
    _archipelago,
    _blob,
    _brute_any,
    _golden_point_segment,
    brute_force,
)

import islandchain as ic
from islandchain.geodesy import (
    compass,
    distance_to,
    forward,
    geodesic_circle,
    inverse,
    shortest_line,
)


@pytest.fixture(scope="module")
def frame():
    return ic.features()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("taiwan", "yonaguni"),
        ("taiwan", "uotsuri"),
        ("taiwan", "kuba"),
        ("taiwan", "taisho"),
        ("taiwan", "senkaku"),
        ("kyushu", "taiwan"),
        ("luzon", "taiwan"),
        ("roc_territory", "senkaku"),
    ],
)
def test_shortest_line_matches_brute_force_on_real_pairs(frame, a, b):
    ga, gb = frame.loc[a, "geometry"], frame.loc[b, "geometry"]
    sep = shortest_line(ga, gb)
    assert sep.distance_m == pytest.approx(brute_force(ga, gb), abs=0.01)
    # The two points lie on their geometries and realise the distance.
    assert distance_to(*sep.point_a, ga, boundary=True)[0] < 0.01
    assert distance_to(*sep.point_b, gb, boundary=True)[0] < 0.01
    assert inverse(*sep.point_a, *sep.point_b)[0] == pytest.approx(sep.distance_m, abs=1e-6)


def test_shortest_line_matches_brute_force_on_random_pairs():
    rng = np.random.default_rng(7)
    for _ in range(12):
        lon, lat = rng.uniform(110, 145), rng.uniform(-3, 44)
        a = _blob(rng, lon, lat, rng.uniform(2e3, 80e3), int(rng.integers(5, 400)))
        blon, blat, _ = forward(lon, lat, rng.uniform(0, 360), rng.uniform(100e3, 900e3))
        b = _blob(rng, blon, blat, rng.uniform(2e3, 80e3), int(rng.integers(5, 400)))
        if not (a.is_valid and b.is_valid) or a.intersects(b):
            continue
        assert shortest_line(a, b).distance_m == pytest.approx(brute_force(a, b), abs=0.01)


def test_shortest_line_of_points_lines_and_frames(frame):
    yon = frame.loc["yonaguni", "geometry"]
    p = shortest_line((121.0, 24.5), (122.0, 24.5))
    assert p.distance_m == pytest.approx(GEOD.Inverse(24.5, 121.0, 24.5, 122.0)["s12"], abs=1e-6)
    line = shapely.LineString([(122.0, 24.0), (122.0, 25.0)])
    assert shortest_line((121.0, 24.5), line).distance_m == pytest.approx(
        _golden_point_segment(121.0, 24.5, 122.0, 24.0, 122.0, 25.0), abs=1e-4
    )
    rows = frame.loc[["uotsuri", "kuba", "taisho"]]
    assert shortest_line(yon, rows).distance_m == pytest.approx(
        min(shortest_line(yon, g).distance_m for g in rows.geometry), abs=1e-6
    )
    assert shortest_line(yon, yon.buffer(0.1)).distance_m == 0.0


def test_bearing_runs_from_the_first_geometry_to_the_second(frame):
    sep = shortest_line(frame.loc["yonaguni", "geometry"], frame.loc["taiwan", "geometry"])
    assert compass(sep.azimuth_deg, 8) == "W"
    assert compass(sep.back_azimuth_deg, 8) == "E"


def test_shortest_line_is_exact_on_archipelagos_lines_points_and_collections():
    rng = np.random.default_rng(21)
    isles = _archipelago(rng, 123.8, 24.4, 120, 50e3)
    other = _archipelago(rng, 124.9, 24.9, 60, 30e3)
    line = shapely.LineString([(122.5, 23.0), (123.1, 25.8), (126.0, 26.1)])  # long segments
    pts = shapely.MultiPoint(rng.uniform([125.5, 23.0], [127.0, 24.0], (40, 2)))
    mixed = shapely.GeometryCollection([pts, shapely.LineString([(126.5, 25.0), (127.5, 25.2)])])
    far = shapely.MultiPoint(rng.uniform([127.5, 25.5], [128.5, 26.5], (70, 2)))
    pairs = [(isles, other), (isles, line), (line, pts), (isles, pts), (other, mixed), (pts, far)]
    for a, b in pairs:
        assert not a.intersects(b)
        sep = shortest_line(a, b)
        points = np.isin(shapely.get_type_id(shapely.get_parts([a, b])), [0, 4]).any()
        ref = _brute_any(a, b) if points else brute_force(a, b)
        assert sep.distance_m == pytest.approx(ref, abs=0.01)
        assert inverse(*sep.point_a, *sep.point_b)[0] == pytest.approx(sep.distance_m, abs=1e-6)


def test_shortest_line_across_the_antimeridian_near_a_pole_and_inside_a_hole():
    rng = np.random.default_rng(8)
    fiji = _blob(rng, 179.6, -17.0, 15e3, 200)
    lau = _blob(rng, -179.4, -17.5, 20e3, 150)  # the shortest line crosses the antimeridian
    across = shapely.LineString([(179.85, -16.2), (-179.9, -16.3), (-179.7, -16.1)])
    # Near the pole, as lines (their lon/lat outlines need not be valid polygons).
    a = _blob(rng, 20.0, 88.5, 30e3, 120).exterior
    b = _blob(rng, -160.0, 88.7, 30e3, 120).exterior
    ring = shapely.Polygon(
        geodesic_circle(124.0, 24.0, 60e3).exterior,
        [geodesic_circle(124.0, 24.0, 40e3).exterior.coords[::-1]],
    )
    inner = _blob(rng, 124.05, 24.1, 5e3, 60)  # in the hole
    for g, h in [(fiji, lau), (across, fiji), (across, lau), (a, b), (ring, inner)]:
        sep = shortest_line(g, h)
        assert sep.distance_m > 1000
        assert sep.distance_m == pytest.approx(_brute_any(g, h), abs=0.01)


def test_shortest_line_with_every_vertex_as_near():
    # A point at the centre of a geodesic circle: thousands of vertices tie
    # within centimetres, and no bound can prune them.
    circle = geodesic_circle(124.0, 24.0, 30e3, n=2048).exterior
    sep = shortest_line((124.0, 24.0), circle)
    assert sep.distance_m == pytest.approx(_brute_any(shapely.Point(124.0, 24.0), circle), abs=0.01)
    # Inside every vertex's 30 km by the sagitta of a 92 m chord: 3.5 cm.
    assert 30e3 - 0.05 < sep.distance_m < 30e3
