"""Exact geodesy: point problems against GeodSolve, coastlines against a brute force."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic

import islandchain as ic
from islandchain.geodesy import (
    NMI,
    WGS84,
    GeodesyError,
    compass,
    distance_to,
    forward,
    geodesic_area,
    geodesic_buffer,
    geodesic_circle,
    geodesic_line,
    geodesic_perimeter,
    inverse,
    point_segment_distance,
    shortest_line,
)

GEOD = Geodesic.WGS84
TABLE = Path(__file__).parent / "data" / "geodsolve_inverse.txt"
RHO_MIN = GEOD.a * (1 - GEOD.f) ** 2  # b**2 / a


@pytest.fixture(scope="module")
def reference_table() -> np.ndarray:
    return np.loadtxt(TABLE, comments="#")


@pytest.fixture(scope="module")
def frame():
    return ic.features()


# --- a brute force that shares nothing with the module but the point-segment solver ----------


def _ecef(lon, lat):
    lon, lat = np.radians(lon), np.radians(lat)
    e2 = GEOD.f * (2 - GEOD.f)
    n = GEOD.a / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    return np.column_stack(
        [n * np.cos(lat) * np.cos(lon), n * np.cos(lat) * np.sin(lon), n * (1 - e2) * np.sin(lat)]
    )


def _segments(geom):
    rings = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            rings.extend(shapely.get_rings(part))
        else:
            rings.append(part)
    segs = [np.column_stack([c[:-1], c[1:]]) for c in (shapely.get_coordinates(r) for r in rings)]
    return np.vstack(segs)


def brute_force(a, b) -> float:
    """Minimum over every vertex of each and every segment of the other.

    Every pair is bounded below by the distance in space from the vertex to
    the segment's chord minus the chord's sagitta; pairs are then solved
    exactly in order of their bound until the bound passes the best distance.
    """
    best = math.inf
    for src, dst in ((a, b), (b, a)):
        verts = np.unique(shapely.get_coordinates(src), axis=0)
        seg = _segments(dst)
        p, s0, s1 = (
            _ecef(verts[:, 0], verts[:, 1]),
            _ecef(seg[:, 0], seg[:, 1]),
            _ecef(seg[:, 2], seg[:, 3]),
        )
        ab = s1 - s0
        den = np.maximum((ab * ab).sum(1), 1e-12)
        sag = (den / (8 * RHO_MIN)) + 1e-6  # |chord|**2 / (8 rho) bounds the bulge
        lows, pairs = [], []
        for i0 in range(0, len(p), 256):
            pp = p[i0 : i0 + 256, None, :]
            t = np.clip(((pp - s0) * ab).sum(-1) / den, 0, 1)
            d = np.linalg.norm(pp - (s0 + t[..., None] * ab), axis=-1) - sag
            # A chord is shorter than the geodesic by < 2 km below 2,000 km, so a
            # pair 5 km above the chunk's lowest bound can never win.
            keep = d <= d.min() + 5_000
            ii, jj = np.nonzero(keep)
            lows.append(d[ii, jj])
            pairs.append(np.column_stack([ii + i0, jj]))
        low, pair = np.concatenate(lows), np.vstack(pairs)
        order = np.argsort(low)
        low, pair = low[order], pair[order]
        for k in range(0, len(low), 2000):
            if low[k] > best:
                break
            v, s = pair[k : k + 2000, 0], pair[k : k + 2000, 1]
            d, _, _ = point_segment_distance(
                verts[v, 0], verts[v, 1], seg[s, 0], seg[s, 1], seg[s, 2], seg[s, 3]
            )
            best = min(best, float(d.min()))
    return best


def _golden_point_segment(lon, lat, lon1, lat1, lon2, lat2) -> float:
    """Distance to a geodesic segment by golden-section search in pure GeographicLib."""
    line = GEOD.InverseLine(lat1, lon1, lat2, lon2)

    def f(s):
        pos = line.Position(s)
        return GEOD.Inverse(lat, lon, pos["lat2"], pos["lon2"])["s12"]

    lo, hi = 0.0, line.s13
    g = (math.sqrt(5) - 1) / 2
    for _ in range(80):
        m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    return min(f((lo + hi) / 2), f(0.0), f(line.s13))


# --- point to point ----------------------------------------------------------------------------


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


BOX = shapely.box(122, 24, 123, 25)


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


def test_a_line_written_across_the_antimeridian_buffers_as_its_unwrapped_twin():
    jump = geodesic_buffer(shapely.LineString([(179.5, 0), (-179.5, 0)]), 12 * NMI)
    twin = geodesic_buffer(shapely.LineString([(179.5, 0), (180.5, 0)]), 12 * NMI)
    assert jump.is_valid and jump.equals(twin)


def test_many_points_to_many_isolated_points_exact_and_batched(monkeypatch):
    from islandchain.geodesy import nearest

    monkeypatch.setattr(nearest, "_BATCH", 700)  # several batches
    rng = np.random.default_rng(4)
    xy = np.column_stack([rng.uniform(110, 140, 300), rng.uniform(0, 40, 300)])
    lon, lat = rng.uniform(100, 150, 2_000), rng.uniform(-10, 50, 2_000)
    d, near = distance_to(lon, lat, shapely.MultiPoint(xy), return_points=True)
    full = WGS84.inv(
        np.repeat(lon, len(xy)), np.repeat(lat, len(xy)), *np.tile(xy, (len(lon), 1)).T
    )[2].reshape(len(lon), len(xy))
    assert np.allclose(d, full.min(axis=1), rtol=0, atol=1e-6)
    assert np.allclose(WGS84.inv(lon, lat, near[:, 0], near[:, 1])[2], d, rtol=0, atol=1e-6)


# --- point to segment ----------------------------------------------------------------------------


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


# --- shortest distances between coastlines ------------------------------------------------------


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


def _blob(rng, lon, lat, radius_m, n):
    az = np.sort(rng.uniform(0, 360, n))
    r = radius_m * rng.uniform(0.4, 1.0, n)
    x, y, _ = forward(np.full(n, lon), np.full(n, lat), az, r)
    return shapely.Polygon(np.column_stack([x, y])[::-1])


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


# --- many points ---------------------------------------------------------------------------------


def test_distance_to_many_points_matches_shortest_line(frame):
    taiwan = frame.loc["taiwan", "geometry"]
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(118, 125, 300), rng.uniform(20, 27, 300)
    d, near = distance_to(lon, lat, taiwan, return_points=True)
    inside = shapely.contains_xy(taiwan, lon, lat)
    assert (d[inside] == 0).all() and (d[~inside] > 0).all()
    for i in np.flatnonzero(~inside)[:40]:
        assert d[i] == pytest.approx(shortest_line((lon[i], lat[i]), taiwan).distance_m, abs=1e-3)
        assert inverse(lon[i], lat[i], *near[i])[0] == pytest.approx(d[i], abs=1e-3)
    coast = distance_to(lon[inside], lat[inside], taiwan, boundary=True)
    assert (coast > 0).all()


def _islands(rng, n: int, side_km: float) -> list[shapely.Polygon]:
    """Square islands of ``side_km`` at random near (121.5, 24.5)."""
    x, y = rng.uniform(121, 122, n), rng.uniform(24, 25, n)
    h = side_km / 111.0 / 2
    return [shapely.box(a - h, b - h, a + h, b + h) for a, b in zip(x, y, strict=True)]


def test_distance_to_runs_at_the_same_distance(frame, monkeypatch):
    # An island of between one and two runs of coast is cut in two runs whose
    # chords share their ends, hence their midpoints: the k-d tree returns such
    # ties in any order, and a search that asks for more runs must still take
    # both. It once dropped one, 519 m off on this point off Penghu, with runs
    # of 8 km and 8 then 32 runs asked for.
    from islandchain.geodesy import nearest, pieces

    monkeypatch.setattr(nearest, "_KS", (8, 32, 128))
    coast = shapely.union_all(frame.loc[~frame.kind.isin(list(ic.data.POINT_KINDS)), "geometry"])
    prep = ic.prepare(coast)
    assert prep.pieces is not None
    runs = pieces._chunks(prep.pieces, 8_000.0)
    assert runs is not None
    lon, lat = np.array([119.67781195245476]), np.array([23.773806927699898])
    d, _ = nearest._nearest(prep.pieces, runs, lon, lat)
    seg = _segments(shapely.clip_by_rect(coast, 119.3, 23.4, 120.1, 24.2))
    ref, _, _ = point_segment_distance(lon, lat, seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3])
    assert d[0] == pytest.approx(ref.min(), abs=1e-3)
    # Independently: GeographicLib's inverse to every vertex bounds it from above, and
    # from below by the longest segment (a point of a segment is that near a vertex).
    g = Geodesic.WGS84
    vertices = [g.Inverse(lat[0], lon[0], y, x)["s12"] for x, y in seg[:, :2]]
    lengths = [g.Inverse(y0, x0, y1, x1)["s12"] for x0, y0, x1, y1 in seg]
    assert min(vertices) - max(lengths) <= d[0] <= min(vertices) + 1e-6


def test_distance_to_points_settled_on_a_later_query(monkeypatch):
    # Few runs asked for at first: most points need the later, wider queries.
    from islandchain.geodesy import nearest, pieces

    monkeypatch.setattr(nearest, "_KS", (2, 4, 8))
    rng = np.random.default_rng(11)
    run_km = pieces._CHUNK_M / 1000
    coast = shapely.multipolygons(
        _islands(rng, 40, 0.4 * run_km) + _islands(rng, 30, 0.15 * run_km)
    )
    lon, lat = rng.uniform(120.8, 122.2, 400), rng.uniform(23.8, 25.2, 400)
    d = distance_to(lon, lat, coast, boundary=True)
    seg = _segments(coast)
    for i in range(len(lon)):
        ref, _, _ = point_segment_distance(
            lon[i], lat[i], seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
        )
        assert d[i] == pytest.approx(ref.min(), abs=1e-3)


def test_distance_to_reports_progress_batch_by_batch(monkeypatch):
    from islandchain.geodesy import nearest

    monkeypatch.setattr(nearest, "_BATCH", 1_000)
    sizes: list[int] = []
    real = nearest._nearest_batch
    monkeypatch.setattr(
        nearest,
        "_nearest_batch",
        lambda pieces, chunks, lon, lat, workers=1: (
            sizes.append(len(lon)) or real(pieces, chunks, lon, lat, workers)
        ),
    )
    rng = np.random.default_rng(2)
    lon, lat = rng.uniform(120, 124, 4_500), rng.uniform(22, 26, 4_500)
    box = shapely.box(121.5, 23.5, 122.5, 24.5)
    seen: list[tuple[int, int]] = []
    d = distance_to(lon, lat, box, progress=lambda done, total: seen.append((done, total)))
    # Points go in batches of at most _BATCH (memory bounded whatever their number),
    # each reported once, from this thread, in order.
    assert sorted(sizes) == [500, 1_000, 1_000, 1_000, 1_000]
    assert seen == [(1_000, 4_500), (2_000, 4_500), (3_000, 4_500), (4_000, 4_500), (4_500, 4_500)]
    # Batches on one thread, in one batch, or spread over threads: the same answer.
    monkeypatch.setattr(nearest, "_THREADS", 1)
    assert np.array_equal(distance_to(lon, lat, box), d)
    monkeypatch.setattr(nearest, "_BATCH", 16_384)
    assert np.array_equal(distance_to(lon, lat, box), d)
    # Points only: reported once, at the end.
    seen.clear()
    dots = shapely.MultiPoint([(121, 24), (122, 25)])
    distance_to(lon[:10], lat[:10], dots, progress=lambda *a: seen.append(a))
    assert seen == [(10, 10)]


# --- lines, circles, buffers ---


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


def test_far_points_to_an_archipelago_match_the_per_point_search(frame):
    # distance_to prunes by runs of coast (chunks); shortest_line by pieces.
    coast = shapely.union_all(frame.loc[["ryukyu", "taiwan", "batanes", "luzon"], "geometry"])
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(110, 140, 60), rng.uniform(5, 40, 60)
    d = distance_to(lon, lat, coast, boundary=True)
    for x, y, dd in zip(lon, lat, d, strict=True):
        assert dd == pytest.approx(shortest_line((x, y), coast.boundary).distance_m, abs=1e-3)


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


# --- prepared geometries -------------------------------------------------------------------------


def test_prepare_keys_indexes_by_identity_not_by_value(frame):
    yon = frame.loc["yonaguni", "geometry"]
    prepared = ic.prepare(yon)
    assert ic.prepare(yon) is prepared and ic.prepare(prepared) is prepared
    twin = shapely.from_wkb(shapely.to_wkb(yon))  # equal, but another object
    assert twin.equals(yon) and ic.prepare(twin) is not prepared
    lon, lat = np.array([122.5, 123.2]), np.array([24.2, 24.8])
    assert np.array_equal(distance_to(lon, lat, prepared), distance_to(lon, lat, yon))
    assert shortest_line((122.5, 24.2), prepared) == shortest_line((122.5, 24.2), yon)
    assert geodesic_buffer(prepared, 12 * NMI).equals(geodesic_buffer(yon, 12 * NMI))
    with pytest.raises(GeodesyError, match="empty"):
        ic.prepare(shapely.Polygon())


def test_a_used_prepared_geometry_pickles_and_measures_the_same(frame):
    # Prepared coasts go to other processes (multiprocessing, joblib) and copies.
    import copy
    import pickle

    prepared = ic.prepare(frame.loc["yonaguni", "geometry"])
    lon, lat = np.array([122.5, 123.2]), np.array([24.2, 24.8])
    d = distance_to(lon, lat, prepared)  # builds and solves its pieces
    sep = shortest_line((122.5, 24.2), prepared)
    for other in (pickle.loads(pickle.dumps(prepared)), copy.deepcopy(prepared)):
        assert np.array_equal(distance_to(lon, lat, other), d)
        assert shortest_line((122.5, 24.2), other) == sep


def test_shortest_line_needs_no_point_index_and_agrees_with_it(frame):
    # shortest_line searches balls over runs of vertices; distance_to, the
    # geodesic pieces in their k-d tree. Neither builds the other's index.
    from islandchain.geodesy import clear_index_cache

    taiwan = frame.loc["taiwan", "geometry"]
    track = shapely.LineString([(119.0, 21.0), (119.5, 21.4), (120.2, 21.3)])
    rng = np.random.default_rng(9)
    probes = rng.uniform([118, 20], [124, 27], (6, 2))
    probes = probes[~shapely.contains_xy(taiwan, probes[:, 0], probes[:, 1])]
    clear_index_cache()
    seps = [shortest_line(tuple(x), taiwan) for x in probes]
    assert "pieces" not in ic.prepare(taiwan).__dict__
    d, near = distance_to(probes[:, 0], probes[:, 1], taiwan, return_points=True)
    assert [s.distance_m for s in seps] == pytest.approx(d, abs=1e-6)
    assert np.allclose([s.point_b for s in seps], near, atol=1e-9)
    sep = shortest_line(track, taiwan)
    assert sep.distance_m == pytest.approx(brute_force(track, taiwan), abs=0.01)
    assert inverse(*sep.point_a, *sep.point_b)[0] == pytest.approx(sep.distance_m, abs=1e-6)


# --- the pair search: balls over runs of vertices ------------------------------------------------


def _brute_any(a, b) -> float:
    """Every vertex of each against every segment of the other, and every pair of vertices."""
    va, vb = shapely.get_coordinates(a), shapely.get_coordinates(b)
    best = float(
        inverse(
            np.repeat(va[:, 0], len(vb)),
            np.repeat(va[:, 1], len(vb)),
            np.tile(vb[:, 0], len(va)),
            np.tile(vb[:, 1], len(va)),
        )[0].min()
    )
    for src, dst in ((va, b), (vb, a)):
        lines = [g for g in shapely.get_parts(dst) if g.geom_type != "Point"]
        if not lines:
            continue
        seg = _segments(shapely.GeometryCollection(lines))
        i, j = np.repeat(np.arange(len(src)), len(seg)), np.tile(np.arange(len(seg)), len(src))
        s = seg[j]
        d, _, _ = point_segment_distance(src[i, 0], src[i, 1], s[:, 0], s[:, 1], s[:, 2], s[:, 3])
        best = min(best, float(d.min()))
    return best


def _archipelago(rng, lon, lat, n, spread_m):
    """``n`` small islands (a few to 40 vertices) scattered within ``spread_m``."""
    x, y, _ = forward(
        np.full(n, lon), np.full(n, lat), rng.uniform(0, 360, n), rng.uniform(0, spread_m, n)
    )
    isles = [
        _blob(rng, x[i], y[i], rng.uniform(100, 900), int(rng.integers(4, 40))) for i in range(n)
    ]
    return shapely.union_all(isles)


def test_pair_search_balls_hold_every_point_of_their_segments():
    from islandchain.geodesy.blocks import _blocks, _runs

    rng = np.random.default_rng(5)
    shapes = [
        _archipelago(rng, 124.0, 24.5, 80, 60e3),  # many small rings: Hilbert order
        shapely.LineString([(179.2, -16.0), (-179.6, -16.4), (-178.9, -17.9)]),  # antimeridian
        shapely.LineString([(10.0, 84.0), (100.0, 86.5), (-170.0, 85.0)]),  # over the pole
        shapely.Polygon([(100, -10), (140, -10), (140, 30), (100, 30)]),  # 4,000 km edges
        shapely.MultiPoint(rng.uniform([110, 0], [140, 40], (70, 2))),
    ]
    for geom in shapes:
        blocks = _blocks(geom)
        runs = len(blocks.radius[0])
        # Points along every segment's geodesic, and the run they belong to.
        k = np.arange(runs * 32)
        s0, s1 = blocks.xy[k], blocks.xy[blocks.end[k]]
        az, _, length = WGS84.inv(s0[:, 0], s0[:, 1], s1[:, 0], s1[:, 1])
        f = np.linspace(0, 1, 17)
        lon, lat, _ = WGS84.fwd(
            np.repeat(s0[:, 0], 17),
            np.repeat(s0[:, 1], 17),
            np.repeat(az, 17),
            np.tile(f, len(k)) * np.repeat(length, 17),
        )
        p = _ecef(lon, lat)
        leaf = np.repeat(k // 32, 17)
        for level, (center, radius) in enumerate(zip(blocks.center, blocks.radius, strict=True)):
            block = leaf // 8**level
            gap = np.linalg.norm(p - center[block], axis=1)
            assert np.all(gap <= radius[block]), (geom.geom_type, level)
        sub = _runs(blocks, np.arange(runs))
        which = np.repeat(k % 32 // 8, 17)
        gap = np.linalg.norm(p - sub.sub_center[leaf, which], axis=1)
        assert np.all(gap <= sub.sub_radius[leaf, which]), geom.geom_type


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
