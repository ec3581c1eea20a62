"""Maritime zones, the equidistance split, and intrusion checks."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import shapely

import islandchain as ic
from islandchain.zones import (
    blockade_cordon,
    check_intrusion,
    equidistance_error,
    maritime_zones,
    state_land,
)

CAPE_IRIZAKI = (122.9337, 24.4493)  # Yonaguni's western cape


@pytest.fixture(scope="module")
def zones():
    return maritime_zones()


_ZONES: dict[tuple[int, str, str], shapely.Geometry] = {}


def zone(zones, state, name):
    """A state's zone, its disputed and undisputed parts together (merged once)."""
    key = (id(zones), state, name)
    if key not in _ZONES:
        rows = zones[(zones.state == state) & (zones.zone == name)].geometry
        _ZONES[key] = shapely.union_all(rows)
    return _ZONES[key]


def test_every_state_has_three_valid_zones(zones):
    from islandchain.zones import DEFAULT_STATES

    assert set(zones.state) == set(DEFAULT_STATES)
    assert zones.geometry.is_valid.all()
    for state in zones.state.unique():
        ts, cz, eez = (zone(zones, state, z) for z in ("territorial sea", "contiguous zone", "EEZ"))
        # Wider zones hold the narrower ones (up to the vertex tolerance).
        assert shapely.area(shapely.difference(ts, cz)) < 1e-6 * shapely.area(ts)
        assert shapely.area(shapely.difference(cz, eez)) < 1e-6 * shapely.area(cz)
    japan = zones[zones.state == "JPN"]
    # The Senkakus' waters are the part generated only by land China and Taiwan claim.
    assert "CHN|TWN" in set(japan.claimants) and "undelimited" in " ".join(japan.note)


@pytest.mark.parametrize(
    ("nmi", "inside_ts", "inside_cz"), [(10, True, True), (14, False, True), (26, False, False)]
)
def test_territorial_sea_and_contiguous_zone_west_of_yonaguni(zones, nmi, inside_ts, inside_cz):
    lon, lat, _ = ic.forward(*CAPE_IRIZAKI, 270.0, nmi * ic.NMI)
    p = shapely.Point(lon, lat)
    assert zone(zones, "JPN", "territorial sea").contains(p) is inside_ts
    assert zone(zones, "JPN", "contiguous zone").contains(p) is inside_cz
    assert zone(zones, "JPN", "EEZ").contains(p)


@pytest.mark.parametrize(
    ("state", "name"),
    [
        ("JPN", "territorial sea"),
        ("JPN", "contiguous zone"),
        ("PHL", "territorial sea"),
        ("PHL", "contiguous zone"),
    ],
)
def test_zone_boundaries_lie_at_their_breadth(zones, state, name):
    # The outline is the coast (land is cut out), the clipping box, the equidistance
    # lines with neighbours nearer than twice the breadth (Hokkaido and Kunashir,
    # Mindanao and the islands of Sabah and Sulawesi), and the outer limit: every
    # vertex of the outer limit is at the breadth from the coast, to 0.1 % or 10 m
    # (round the small pockets of sea where three or more islands' seas meet too);
    # every vertex on an equidistance line is closer than the breadth and as far
    # from a neighbour's land, to the split's kilometre.
    from islandchain.zones import DEFAULT_BBOX, DEFAULT_STATES, ZONE_NMI

    geom = zone(zones, state, name)
    xy = shapely.get_coordinates(geom.boundary)
    d = ic.distance_to(xy[:, 0], xy[:, 1], state_land(state), boundary=True)
    west, south, east, north = DEFAULT_BBOX
    on_box = (
        np.isclose(xy[:, 0], west)
        | np.isclose(xy[:, 0], east)
        | np.isclose(xy[:, 1], south)
        | np.isclose(xy[:, 1], north)
    )
    outer = (d > 100) & ~on_box
    assert outer.sum() > 100
    breadth = ZONE_NMI[name] * ic.NMI
    off = outer & (np.abs(d - breadth) > max(0.001 * breadth, 10.0))
    assert off.sum() < 0.2 * outer.sum()  # most of the outline is the outer limit
    assert np.all(d[off] < breadth)
    if not off.any():
        return
    near = shapely.box(*shapely.bounds(shapely.multipoints(xy[off]))).buffer(3.0)
    others = [s for s in DEFAULT_STATES if s != state]
    lands = [state_land(s) for s in others]
    lands = [shapely.intersection(land, near) for land in lands]
    to_other = np.min(
        [ic.distance_to(xy[off, 0], xy[off, 1], land) for land in lands if not land.is_empty],
        axis=0,
    )
    assert np.max(np.abs(to_other - d[off])) < 1_000, xy[off][np.argmax(np.abs(to_other - d[off]))]


def test_the_median_line_splits_the_yonaguni_taiwan_gap(zones):
    sep = ic.shortest_line(ic.feature("Yonaguni").geometry, ic.feature("Taiwan").geometry)
    for km, state in ((sep.distance_km / 2 - 3, "JPN"), (sep.distance_km / 2 + 3, "TWN")):
        lon, lat, _ = ic.forward(*sep.point_a, sep.azimuth_deg, km * 1000)
        assert zone(zones, state, "EEZ").contains(shapely.Point(lon, lat)), (km, state)


def test_equidistance_line_is_within_a_kilometre_of_true_equidistance():
    # Round Taiwan (exact geodesics to both coasts).
    assert equidistance_error(("JPN", "TWN", "CHN", "PHL"), (118.0, 20.0, 127.0, 28.0)) < 1_000


def test_the_articles_blockade_statement():
    # "would very likely intrude into Japan's airspace and waters": a cordon
    # 12 or 24 nmi off Taiwan's main island stays out of every Japanese zone
    # (the median line with Yonaguni is 29 nmi out); at 50 nmi it crosses
    # Yonaguni's territorial sea, and the part of Japan's ADIZ west of 123°E.
    for nmi, enters in (
        (12, set()),
        (24, set()),
        (50, {"territorial sea", "contiguous zone", "EEZ", "ADIZ"}),
    ):
        check = check_intrusion(blockade_cordon("Taiwan", nmi))
        japan = {i.zone for i in check.intrusions if i.state == "JPN"}
        assert japan == enters, nmi
    check = check_intrusion(blockade_cordon("Taiwan", 50))
    assert check.closest_km["JPN"] == pytest.approx(107.47 - 50 * 1.852, abs=0.5)


def test_area_check_reports_area_inside(zones):
    box = shapely.box(122.5, 24.2, 123.5, 24.7)  # an exercise area round Yonaguni
    check = check_intrusion(box)
    ts = {(i.state, i.zone): i for i in check.intrusions}[("JPN", "territorial sea")]
    assert ts.area_km2 > 500 and ts.length_km == 0
    assert check.closest_km["JPN"] == 0


def test_zones_check_command(tmp_path):
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    track = tmp_path / "track.geojson"
    track.write_text(
        json.dumps(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[121.9, 24.6], [123.2, 24.3]]},
            }
        )
    )
    res = subprocess.run([*exe, "zones", "check", str(track)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "JPN    territorial sea" in res.stdout
    swapped = tmp_path / "swapped.geojson"
    swapped.write_text(json.dumps({"type": "Point", "coordinates": [24.6, 121.9]}))
    res = subprocess.run([*exe, "zones", "check", str(swapped)], capture_output=True, text=True)
    assert res.returncode == 2 and "lon first" in res.stderr
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json")
    res = subprocess.run([*exe, "zones", "check", str(broken)], capture_output=True, text=True)
    assert res.returncode == 2 and "not valid JSON" in res.stderr
    assert "Traceback" not in res.stderr


# --- the cache of derived geometry ---------------------------------------------------------------


def test_zones_are_read_back_from_the_cache(zones, monkeypatch):
    from islandchain import zones as zones_module

    # The module fixture built them; a new process would find them on disk.
    zones_module._maritime_zones.cache_clear()
    monkeypatch.setattr(zones_module, "_build_zones", lambda *a: pytest.fail("rebuilt"))
    again = maritime_zones()
    assert list(again.columns) == list(zones.columns) and len(again) == len(zones)
    # Vertex for vertex (topological equality of full-resolution coasts takes minutes).
    assert shapely.equals_exact(again.geometry.values, zones.geometry.values, 0.0).all()
    assert again.crs.to_epsg() == 4326


@pytest.mark.parametrize("damage", ["emptied", "adiz copied over"])
def test_a_damaged_zones_file_is_rebuilt_not_served(zones, damage, monkeypatch):
    # A zones file emptied (its schema and metadata kept) or replaced by the ADIZ
    # file read without error; a point then entered no zone and TWN/PHL vanished.
    import pyarrow.parquet as pq

    from islandchain import cache
    from islandchain import zones as zones_module

    ic.adiz_zones()  # both files on disk
    lon, lat, _ = ic.forward(*CAPE_IRIZAKI, 270.0, 10 * ic.NMI)
    point = shapely.Point(lon, lat)
    want = check_intrusion(point)
    assert {(i.state, i.zone) for i in want.intrusions} >= {("JPN", "territorial sea")}
    name, params, _ = zones_module._zones_cached(
        zones_module.DEFAULT_STATES, tuple(float(x) for x in zones_module.DEFAULT_BBOX)
    )
    path = cache.cache_dir() / cache.cache_key(name, params)
    if damage == "emptied":
        pq.write_table(pq.read_table(path).slice(0, 0), path)
    else:
        path.write_bytes((cache.cache_dir() / cache.cache_key("adiz_zones", {})).read_bytes())
    built = []
    monkeypatch.setattr(zones_module, "_build_zones", lambda *a: built.append(1) or zones.copy())
    zones_module._maritime_zones.cache_clear()
    zones_module._default_zones.cache_clear()
    got = check_intrusion(point)

    def entered(check):  # nmi is NaN for an ADIZ, and NaN != NaN
        return [(i.state, i.zone, i.points, i.note) for i in check.intrusions]

    assert entered(got) == entered(want) and len(built) == 1
    assert set(got.closest_km) == set(want.closest_km) >= {"TWN", "PHL"}
    zones_module._maritime_zones.cache_clear()
    frame = maritime_zones()
    assert len(frame) == len(zones) and len(built) == 1  # the rebuilt file is served


def test_cordons_are_built_once_per_parameters_and_cleared(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from islandchain import cache
    from islandchain.cli import cli

    monkeypatch.setenv("ISLANDCHAIN_CACHE_DIR", str(tmp_path))
    built = []
    real = ic.geodesic_buffer
    monkeypatch.setattr(
        "islandchain.zones.geodesic_buffer", lambda *a, **k: built.append(1) or real(*a, **k)
    )
    first = blockade_cordon("Yonaguni", 12)
    assert blockade_cordon("yonaguni", 12).equals(first) and len(built) == 1
    blockade_cordon("Yonaguni", 24)
    assert len(built) == 2 and len(list(tmp_path.glob("cordon-*.parquet"))) == 2
    res = CliRunner().invoke(cli, ["data", "cache"])
    assert res.exit_code == 0 and "2 cached files" in res.output
    res = CliRunner().invoke(cli, ["data", "cache", "--clear"])
    assert res.exit_code == 0 and "removed 2 cached files" in res.output
    assert not list(tmp_path.glob("*.parquet")) and cache.clear() == 0
    blockade_cordon("Yonaguni", 12)
    assert len(built) == 3


def test_many_positions_report_progress_and_match_shortest_line():
    # A track of ship reports as points: measured by distance_to in batches.
    rng = np.random.default_rng(4)
    xy = np.column_stack([rng.uniform(121, 124, 3_000), rng.uniform(22, 26, 3_000)])
    track = shapely.MultiPoint(xy)
    seen: list[tuple[int, int]] = []
    check = check_intrusion(track, progress=lambda done, total: seen.append((done, total)))
    states = list(check.closest_km)
    assert seen[-1] == (3_000 * len(states), 3_000 * len(states))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    for s in states:
        sep = ic.shortest_line(track, state_land(s))
        assert check.closest_km[s] == pytest.approx(sep.distance_km, abs=1e-6)
        assert ic.inverse(*check.closest_points[s][0], *check.closest_points[s][1])[0] / 1000 == (
            pytest.approx(check.closest_km[s], abs=1e-6)
        )
