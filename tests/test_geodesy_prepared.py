"""islandchain.geodesy.prepared: indexes kept with the geometry."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from geodesy_refs import (
    brute_force,
)

import islandchain as ic
from islandchain.geodesy import (
    NMI,
    GeodesyError,
    distance_to,
    geodesic_buffer,
    inverse,
    shortest_line,
)


@pytest.fixture(scope="module")
def frame():
    return ic.features()


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
