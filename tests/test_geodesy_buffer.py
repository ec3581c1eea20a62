"""islandchain.geodesy.buffer: geodesic buffers."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

import islandchain as ic
from islandchain.geodesy import (
    NMI,
    distance_to,
    geodesic_buffer,
    geodesic_circle,
)


@pytest.fixture(scope="module")
def frame():
    return ic.features()


@pytest.mark.parametrize(
    ("place", "distance"),
    [
        ("yonaguni", 1_000),
        ("yonaguni", 12 * NMI),
        ("yonaguni", 24 * NMI),
        ("taiwan", 50 * NMI),
        ("senkaku", 200 * NMI),
        ("taiwan", 1_000_000),
    ],
)
def test_geodesic_buffer_vertices_at_the_distance(frame, place, distance):
    geom = frame.loc[place, "geometry"]
    buf = geodesic_buffer(geom, distance)
    assert buf.is_valid and buf.contains(geom.representative_point())
    xy = shapely.get_coordinates(shapely.boundary(buf))
    d = distance_to(xy[:, 0], xy[:, 1], geom, boundary=True)
    assert np.max(np.abs(d - distance)) <= max(0.001 * distance, 10.0)


def test_buffers_across_the_antimeridian_and_over_a_pole_stay_valid():
    box = shapely.box(179.0, -17.5, 179.9, -16.0)
    buf = geodesic_buffer(box, 500_000)
    assert buf.is_valid and buf.geom_type == "MultiPolygon"
    minx, _, maxx, _ = buf.bounds
    assert minx >= -180 and maxx <= 180 and buf.contains(shapely.Point(-178.0, -16.5))
    xy = shapely.get_coordinates(shapely.boundary(buf))
    on_seam = np.isclose(np.abs(xy[:, 0]), 180.0)
    d = distance_to(xy[~on_seam, 0], xy[~on_seam, 1], box, boundary=True)
    assert np.max(np.abs(d - 500_000)) <= 500.0
    polar = geodesic_circle(30.0, 88.0, 800_000)
    assert polar.is_valid and polar.contains(shapely.Point(-150.0, 89.5))
    cap = geodesic_buffer(shapely.box(10, 84, 40, 85), 1_000_000)
    assert cap.is_valid and cap.contains(shapely.Point(-170.0, 89.0))


@pytest.mark.parametrize("nmi", [12, 24, 200])
@pytest.mark.parametrize("state", ["JPN", "PHL", "IDN"])
def test_buffers_of_whole_archipelagos_are_exact_on_every_ring(state, nmi):
    # Every vertex of every ring, holes included, lies at the distance from the
    # nearest land (0.1 % or 10 m), and every hole is real sea farther than that.
    land = ic.prepare(ic.state_land(state))
    distance = nmi * NMI
    tol = max(0.001 * distance, 10.0)
    buf = geodesic_buffer(land, distance)
    assert buf.is_valid
    polys = shapely.get_parts(buf)
    xy = shapely.get_coordinates(shapely.get_rings(polys))
    d = distance_to(xy[:, 0], xy[:, 1], land, boundary=True)
    assert np.max(np.abs(d - distance)) <= tol, (state, nmi, np.max(np.abs(d - distance)))
    holes = [shapely.Polygon(r) for p in polys for r in p.interiors]
    if holes:
        inner = shapely.get_coordinates(shapely.point_on_surface(holes))
        assert np.all(distance_to(inner[:, 0], inner[:, 1], land) > distance)
    if state == "JPN" and nmi == 12:
        assert holes, "Japan's islands enclose pockets of sea beyond 12 nmi"
    # Points round the land are inside exactly when nearer than the distance
    # (edges too: where two islands' seas meet, an edge must not cut the corner).
    x0, y0, x1, y1 = land.geometry.bounds
    reach = 0.3 + 1.2 * distance / 111_000
    rng = np.random.default_rng(nmi)
    px = rng.uniform(x0 - reach, x1 + reach, 20_000)
    py = rng.uniform(y0 - reach, y1 + reach, 20_000)
    dp = distance_to(px, py, land)
    inside = shapely.contains_xy(buf, px, py)
    assert not np.any(inside & (dp > distance + tol)), (state, nmi)
    assert not np.any(~inside & (dp < distance - tol)), (state, nmi)
    # Edges follow the boundary: where it bends inward (cusps where islands'
    # seas meet, the spikes of holes) an edge between exact vertices cuts the
    # corner unless a vertex is put there, even where the cusp lies a little
    # behind the edge's end (the edge leaving it straight away from its land:
    # 2 edges for Japan at 12 nmi by up to 54 m, 2 for the Philippines at
    # 24 nmi by up to 90 m, before the cusps were snapped from the edge's peak).
    rings = shapely.get_rings(polys)
    ring_xy, ring_id = shapely.get_coordinates(rings, return_index=True)
    same = ring_id[1:] == ring_id[:-1]
    a, b = ring_xy[:-1][same], ring_xy[1:][same]
    at = a[:, None, :] + (b - a)[:, None, :] * np.linspace(1 / 6, 5 / 6, 5)[None, :, None]
    de = distance_to(at[..., 0].ravel(), at[..., 1].ravel(), land, boundary=True)
    cut = (de.reshape(len(a), -1) > distance + tol).any(axis=1)
    assert not cut.any(), (state, nmi, int(cut.sum()), len(a), np.max(de) - distance)
    # Nothing of the land is left outside, and every part holds land (no slivers).
    assert shapely.area(shapely.difference(land.geometry, buf)) < 1e-9
    assert shapely.intersects(polys, land.geometry).all()


def test_a_line_written_across_the_antimeridian_buffers_as_its_unwrapped_twin():
    jump = geodesic_buffer(shapely.LineString([(179.5, 0), (-179.5, 0)]), 12 * NMI)
    twin = geodesic_buffer(shapely.LineString([(179.5, 0), (180.5, 0)]), 12 * NMI)
    assert jump.is_valid and jump.equals(twin)
