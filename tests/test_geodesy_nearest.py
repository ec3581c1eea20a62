"""islandchain.geodesy.nearest: distance_to for many points."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    _islands,
    _segments,
)
from geographiclib.geodesic import Geodesic

import islandchain as ic
from islandchain.geodesy import (
    WGS84,
    distance_to,
    inverse,
    point_segment_distance,
    shortest_line,
)


@pytest.fixture(scope="module")
def frame():
    return ic.features()


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


def test_far_points_to_an_archipelago_match_the_per_point_search(frame):
    # distance_to prunes by runs of coast (chunks); shortest_line by pieces.
    coast = shapely.union_all(frame.loc[["ryukyu", "taiwan", "batanes", "luzon"], "geometry"])
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(110, 140, 60), rng.uniform(5, 40, 60)
    d = distance_to(lon, lat, coast, boundary=True)
    for x, y, dd in zip(lon, lat, d, strict=True):
        assert dd == pytest.approx(shortest_line((x, y), coast.boundary).distance_m, abs=1e-3)
