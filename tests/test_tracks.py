"""Tests of islandchain.tracks: zone events from positions, exact crossings, gaps, Dask."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from islandchain.errors import TrackError
from islandchain.tracks import (
    Fixes,
    Zone,
    ZoneSet,
    daily_counts,
    track_events,
    zone_set,
)
from islandchain.zones import maritime_zones

JPN_TS = {"kinds": ["territorial sea"], "states": ["JPN"]}


def _frame(track: str, points: list[tuple[float, float]], start: str, step_s: float):
    t0 = pd.Timestamp(start)
    return pd.DataFrame(
        {
            "track": track,
            "time": [
                (t0 + pd.Timedelta(seconds=i * step_s)).isoformat() for i in range(len(points))
            ],
            "lon": [p[0] for p in points],
            "lat": [p[1] for p in points],
        }
    )


def _truth(zone: shapely.Geometry, a, b, t_a: pd.Timestamp, t_b: pd.Timestamp) -> list:
    """Independent crossing times: GeographicLib's geodesic, shapely's scalar ``contains``,
    a crossing bracketed every 50 m and bisected to a millimetre, time linear in distance."""
    line = Geodesic.WGS84.InverseLine(a[1], a[0], b[1], b[0])

    def inside(s: float) -> bool:
        p = line.Position(s)
        return zone.contains(shapely.Point(p["lon2"], p["lat2"]))

    out = []
    steps = np.arange(0.0, line.s13 + 50.0, 50.0).clip(max=line.s13)
    for lo, hi in zip(steps[:-1], steps[1:], strict=True):
        side = inside(lo)
        if inside(hi) == side:
            continue
        while hi - lo > 1e-3:
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if inside(mid) == side else (lo, mid)
        out.append(t_a + (t_b - t_a) * (lo / line.s13))
    return out


def test_track_south_of_yonaguni_enters_japans_territorial_sea_at_exact_times():
    # Three fixes an hour apart, passing about 14 km south of Yonaguni's coast.
    pts = [(122.60, 24.30), (122.95, 24.31), (123.30, 24.30)]
    frame = _frame("ccg-2301", pts, "2024-05-01T00:00:00Z", 3600)
    ev = track_events(frame, JPN_TS).events
    assert list(ev.zone) == ["territorial sea"] and list(ev.state) == ["JPN"]
    row = ev.iloc[0]
    assert row.enter_how == "crossing" and row.exit_how == "crossing"
    ts = maritime_zones()
    zone = shapely.union_all(ts[(ts.state == "JPN") & (ts.zone == "territorial sea")].geometry)
    t = [pd.Timestamp(frame.time[i]) for i in range(3)]
    expected = _truth(zone, pts[0], pts[1], t[0], t[1]) + _truth(zone, pts[1], pts[2], t[1], t[2])
    assert len(expected) == 2
    assert abs((row.enter_time - expected[0]).total_seconds()) < 1.0
    assert abs((row.exit_time - expected[1]).total_seconds()) < 1.0
    assert row.positions == 1  # the middle fix
    # Closest approach along the geodesic path inside the zone, against the path sampled
    # every 20 m with GeographicLib, each sample measured to Japan's land.
    from islandchain.geodesy import distance_to
    from islandchain.zones import state_land

    lons, lats = [], []
    ends = [(row.enter_lon, row.enter_lat), pts[1], (row.exit_lon, row.exit_lat)]
    for (x1, y1), (x2, y2) in zip(ends[:-1], ends[1:], strict=True):
        line = Geodesic.WGS84.InverseLine(y1, x1, y2, x2)
        for s in np.arange(0.0, line.s13, 20.0):
            p = line.Position(s)
            lons.append(p["lon2"])
            lats.append(p["lat2"])
    sampled = float(distance_to(lons, lats, state_land("JPN")).min()) / 1000
    assert sampled - 0.011 <= row.closest_km <= sampled + 1e-6
    assert row.closest_km < 15.0  # closer than the middle fix (15.3 km): between fixes


def test_a_corner_crossed_between_two_fixes_gives_its_event():
    box = shapely.box(0.0, 0.0, 1.0, 1.0)
    zs = ZoneSet.from_zones([Zone("X", "box", box)])
    # Both fixes outside; the geodesic cuts the box's north-east corner.
    pts = [(0.8, 1.15), (1.15, 0.8)]
    frame = _frame("t", pts, "2024-01-01T00:00:00Z", 600)
    ev = track_events(frame, zs).events
    assert len(ev) == 1
    row = ev.iloc[0]
    assert (row.enter_how, row.exit_how, row.positions) == ("crossing", "crossing", 0)
    t0, t1 = pd.Timestamp(frame.time[0]), pd.Timestamp(frame.time[1])
    expected = _truth(box, pts[0], pts[1], t0, t1)
    assert len(expected) == 2
    assert abs((row.enter_time - expected[0]).total_seconds()) < 1.0
    assert abs((row.exit_time - expected[1]).total_seconds()) < 1.0
    assert row.enter_lon == pytest.approx(1.0, abs=1e-6) or row.enter_lat == pytest.approx(
        1.0, abs=1e-6
    )


def test_a_track_crossing_the_antimeridian():
    zs = ZoneSet.from_zones([Zone("X", "box", shapely.box(179.9, -1.0, 180.1, 1.0))])
    frame = _frame("t", [(179.5, 0.0), (-179.5, 0.0)], "2024-01-01T00:00:00Z", 3600)
    ev = track_events(frame, zs).events
    assert len(ev) == 1
    row = ev.iloc[0]
    # 0.4 and 0.6 of the way (the geodesic on the equator is the equator).
    assert (row.enter_time - pd.Timestamp("2024-01-01T00:24:00Z")).total_seconds() == (
        pytest.approx(0, abs=1.0)
    )
    assert (row.exit_time - pd.Timestamp("2024-01-01T00:36:00Z")).total_seconds() == (
        pytest.approx(0, abs=1.0)
    )


def test_gaps_split_tracks_and_are_reported():
    inside = [(122.95, 24.40), (122.96, 24.40), (122.97, 24.40)]
    frame = _frame("f", inside, "2024-05-01T00:00:00Z", 7 * 3600)  # 7-hour gaps
    res = track_events(frame, JPN_TS)
    assert len(res.gaps) == 2 and list(res.gaps.gap_s) == [7 * 3600.0] * 2
    assert list(res.events.exit_how) == ["gap", "gap", "track end"]
    assert list(res.events.enter_how) == ["first fix"] * 3
    assert list(res.events.segment) == [0, 1, 2]
    assert res.events.exit_time.isna().all()
    bridged = track_events(frame, JPN_TS, gap_s=8 * 3600)
    assert len(bridged.gaps) == 0 and len(bridged.events) == 1
    assert bridged.events.positions.iloc[0] == 3


def _traffic(n_tracks: int = 12, seed: int = 3) -> pd.DataFrame:
    """Small seeded traffic round Yonaguni, in and out of its territorial sea."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(n_tracks):
        lon = 122.7 + np.cumsum(rng.normal(0.01, 0.01, 60))
        lat = 24.35 + np.cumsum(rng.normal(0.0, 0.01, 60))
        step = float(rng.choice([60, 600, 3 * 3600]))
        frames.append(
            _frame(f"v{i:02d}", list(zip(lon, lat, strict=True)), "2024-05-01T22:00:00Z", step)
        )
    return pd.concat(frames, ignore_index=True)


def test_events_do_not_depend_on_where_the_positions_are_cut(tmp_path):
    frame = _traffic()
    path = tmp_path / "traffic.csv"
    frame.to_csv(path, index=False)
    zones = {"kinds": ["territorial sea", "contiguous zone"], "states": ["JPN"]}
    whole = track_events(path, zones)
    assert len(whole.events) > 5
    for rows in (1_000, 7):
        cut = track_events(path, zones, chunk_rows=rows)
        pd.testing.assert_frame_equal(cut.events, whole.events)
        pd.testing.assert_frame_equal(cut.gaps, whole.gaps)


def test_dask_and_single_machine_give_identical_events():
    distributed = pytest.importorskip("distributed")
    frame = _traffic(8)
    zones = {"kinds": ["territorial sea", "contiguous zone"], "states": ["JPN"]}
    fixes = read_positions_from(frame)
    single = track_events(iter(fixes), zones)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = track_events(iter(read_positions_from(frame)), zones, client=client)
    assert len(single.events) > 3
    pd.testing.assert_frame_equal(on_dask.events, single.events)
    pd.testing.assert_frame_equal(on_dask.gaps, single.gaps)


def read_positions_from(frame: pd.DataFrame, rows: int = 100) -> list[Fixes]:
    from islandchain.tracks.read import fixes_from_frame

    whole = fixes_from_frame(frame)
    return [
        Fixes(
            whole.track[i : i + rows],
            whole.time[i : i + rows],
            whole.lon[i : i + rows],
            whole.lat[i : i + rows],
            1 + i,
        )
        for i in range(0, len(whole), rows)
    ]


def test_daily_counts_count_days_and_track_days():
    frame = pd.concat(
        [
            _frame("a", [(122.95, 24.40), (122.96, 24.40)], "2024-05-01T23:00:00Z", 7200),
            _frame("b", [(122.95, 24.40), (122.96, 24.40)], "2024-05-02T05:00:00Z", 600),
        ]
    )
    ev = track_events(frame, JPN_TS).events
    by_day = daily_counts(ev, "day")
    assert by_day[["period", "days", "track_days"]].values.tolist() == [
        ["2024-05-01", 1, 1],
        ["2024-05-02", 1, 2],
    ]
    assert daily_counts(ev, "year")[["days", "track_days", "tracks"]].values.tolist() == [[2, 3, 2]]


def test_raw_ais_sentences_are_decoded_with_pyais(tmp_path):
    from pyais.encode import encode_dict

    lines = []
    for i, (lon, lat) in enumerate([(122.60, 24.30), (122.95, 24.31), (123.30, 24.30)]):
        sentence = encode_dict({"type": 1, "mmsi": 412000001, "lon": lon, "lat": lat})[0]
        lines.append(f"\\c:{1714521600 + 3600 * i}*00\\{sentence}")
    path = tmp_path / "log.nmea"
    path.write_text("\n".join(lines) + "\n")
    ev = track_events(path, JPN_TS).events
    assert list(ev.track) == ["412000001"]
    assert ev.enter_how.iloc[0] == "crossing"


def test_zone_choice_as_zones_check_offers():
    zs = zone_set(("ADIZ",), ("JPN",))
    assert [(z.state, z.zone) for z in zs.zones] == [("JPN", "ADIZ")]
    cordon = zone_set((), None, (), ("Taiwan:24",))
    assert cordon.zones[0].zone == "cordon 24 nmi"
    with pytest.raises(TrackError, match="PLACE:NMI"):
        zone_set((), None, (), ("Taiwan",))


# --- bad input: one line, exit status 2 ------------------------------------------------------

GOOD = "track,time,lon,lat\na,2024-05-01T00:00:00Z,122.6,24.3\na,2024-05-01T01:00:00Z,123.3,24.3\n"
BAD = [
    ("unsorted times", GOOD + "a,2024-05-01T00:30:00Z,123.0,24.3\n", "row 3, time: earlier"),
    (
        "track again",
        GOOD + "b,2024-05-01T00:00:00Z,123,24\na,2024-05-01T02:00:00Z,123,24\n",
        "row 4, track: 'a' appears again",
    ),
    ("missing column", "track,time,lon\na,2024-05-01T00:00:00Z,122.6\n", "no lat column"),
    ("non-UTC time", GOOD.replace("01:00:00Z", "10:00:00+09:00"), "row 2, time:"),
    ("naive time", GOOD.replace("01:00:00Z", "01:00:00"), "is not a UTC time"),
    ("not a time", GOOD.replace("01:00:00Z", "yesterdayZ"), "not an ISO 8601 time"),
    ("bad longitude", GOOD.replace("123.3", "181"), "row 2, lon: '181'"),
    ("not a number", GOOD.replace("123.3", "east"), "row 2, lon: 'east' is not a number"),
    ("empty track", GOOD.replace("a,2024-05-01T01", ",2024-05-01T01"), "row 2, track: empty"),
]


@pytest.mark.parametrize(("case", "text", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_line(invoke, tmp_path, case, text, message):
    path = tmp_path / "positions.csv"
    path.write_text(text)
    status, out, err = invoke("tracks", str(path))
    assert status == 2, (case, err)
    assert err.count("\n") == 1 and message in err and "Traceback" not in err, err
    assert str(path) in err


def test_many_rows_of_garbage_give_one_line_fast(invoke, tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_text("track,time,lon,lat\n" + "x,never,?,?\n" * 200_000)
    status, _, err = invoke("tracks", str(path), "--chunk-rows", "1000")
    assert status == 2 and err.count("\n") == 1 and "row 1, time" in err, err


def test_cli_writes_events_atomically_in_each_format(invoke, tmp_path):
    path = tmp_path / "positions.csv"
    path.write_text(GOOD)
    for name in ("events.csv", "events.parquet", "events.geojson"):
        status, out, err = invoke("tracks", str(path), "--state", "JPN", "-o", str(tmp_path / name))
        assert status == 0, err
        assert "territorial sea" in out
    assert pd.read_parquet(tmp_path / "events.parquet").enter_how.tolist()[-1] == "crossing"
    geo = json.loads((tmp_path / "events.geojson").read_text())
    assert geo["features"][0]["geometry"]["type"] == "Point"
    status, out, _ = invoke("tracks", str(path), "--state", "JPN", "--format", "json")
    body = json.loads(out)
    assert body["events"][-1]["exit_time"].endswith("Z")
    status, _, err = invoke("tracks", str(path), "-o", str(tmp_path / "events.txt"))
    assert status == 2 and err.count("\n") == 1
