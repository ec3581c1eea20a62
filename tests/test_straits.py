"""Tests of straits and their widths (islandchain.straits)."""

from __future__ import annotations

import dataclasses

import pytest
import shapely

import islandchain as ic
from islandchain.errors import InputError, IslandchainError, UncheckableWidthError
from islandchain.geodesy import inverse
from islandchain.straits import StraitWidth, WidthAt, strait, strait_width, straits


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the Taiwan Strait", "taiwan_strait"),
        ("Formosa Strait", "taiwan_strait"),
        ("臺灣海峽", "taiwan_strait"),
        ("台湾海峡", "taiwan_strait"),
        ("Miyako Strait", "miyako_strait"),
        ("宮古海峡", "miyako_strait"),
        ("the Bashi Channel", "bashi_channel"),
        ("巴士海峡", "bashi_channel"),
        ("Luzon Strait", "luzon_strait"),
        ("Osumi Strait", "osumi_strait"),
        ("津軽海峡", "tsugaru_strait"),
    ],
)
def test_strait_names_in_three_scripts(name, expected):
    assert strait(name).id == expected
    assert ic.features().loc[expected, "kind"] == "strait"


def test_every_strait_has_two_shores_of_land_and_three_names():
    frame = ic.features()
    for s in straits():
        assert s.name and s.name_ja and s.name_zh, s.id
        assert len(s.shores) == 2 and all(s.shores), s.id
        for side in s.shores:
            for fid in side:
                assert frame.loc[fid, "kind"] not in ("city", "airport", "strait"), (s.id, fid)
        assert s.source, s.id
        if s.ends is not None:
            assert s.ends_source, s.id


def test_label_point_lies_in_water_at_the_narrowest_crossing():
    frame = ic.features()
    land = ic.land().geometry
    for s in straits():
        point = frame.loc[s.id, "geometry"]
        assert not land.intersects(point).any(), f"{s.id} label point is on land"
        w = strait_width(s.id)
        mid = ((w.point_a[0] + w.point_b[0]) / 2, (w.point_a[1] + w.point_b[1]) / 2)
        assert inverse(point.x, point.y, *mid)[0] < 1_000, s.id


def test_taiwan_strait_narrowest_is_pingtan_to_taiwan():
    w = strait_width("Taiwan Strait")
    assert isinstance(w, StraitWidth) and w.at == "narrowest" and w.samples == 0
    assert (w.shore_a, w.shore_b) == ("pingtan", "taiwan")
    # The same crossing measured directly between the two islands.
    direct = ic.shortest_line(ic.feature("Pingtan").geometry, ic.feature("Taiwan").geometry)
    assert w.distance_m == pytest.approx(direct.distance_m, abs=1.0)
    assert 120 < w.distance_km < 135  # "the 130 km-wide Taiwan Strait"
    assert "Pingtan Island" in w.crossing and "Taiwan" in w.crossing
    assert inverse(*w.point_a, *w.point_b)[0] == pytest.approx(w.distance_m, abs=1.0)


def test_miyako_strait_narrowest_is_between_okinawa_and_miyako():
    w = strait_width("Miyako Strait", at="narrowest")
    assert (w.shore_a, w.shore_b) == ("okinawa", "miyako")
    direct = ic.shortest_line(ic.feature("Okinawa").geometry, ic.feature("Miyako").geometry)
    assert w.distance_m == pytest.approx(direct.distance_m, abs=1.0)


@pytest.mark.parametrize("at", ["widest", "average", "WIDEST"])
def test_widest_or_average_without_ends_cannot_be_checked(at):
    with pytest.raises(UncheckableWidthError) as err:
        strait_width("Miyako Strait", at=at)
    assert isinstance(err.value, IslandchainError)
    assert "cannot be checked" in str(err.value) and "ends are not defined" in str(err.value)
    assert err.value.strait == "Miyako Strait" and err.value.at == at.lower()


def test_taiwan_strait_widest_and_average_between_its_ends():
    narrow = strait_width("Taiwan Strait")
    widest = strait_width("Taiwan Strait", at="widest")
    average = strait_width("Taiwan Strait", at=WidthAt.AVERAGE)
    assert narrow.distance_m < average.distance_m < widest.distance_m
    assert widest.samples == average.samples > 500
    for w in (widest, average):
        # The points lie on the shores; the widest crossing is the width, the one
        # shown for the average is the measured crossing nearest the mean.
        across = inverse(*w.point_a, *w.point_b)[0]
        if w.at == "widest":
            assert across == pytest.approx(w.distance_m, abs=1.0)
        else:
            assert abs(across - w.distance_m) < 2_000
        shore_a = ic.features().loc[w.shore_a, "geometry"]
        shore_b = ic.features().loc[w.shore_b, "geometry"]
        assert ic.distance_to(*w.point_a, shore_a.boundary)[0] < 50
        assert ic.distance_to(*w.point_b, shore_b.boundary)[0] < 50
        assert "Cape Fugui" in w.crossing and "Dongshan Island" in w.crossing
    # Every crossing lies between the northern and southern ends.
    assert 21.8 < widest.point_b[1] < 25.4
    assert "nearest the mean" in average.crossing


def test_bad_requests_are_clear_errors():
    with pytest.raises(InputError, match="use one of narrowest, widest, average"):
        strait_width("Taiwan Strait", at="longest")
    with pytest.raises(InputError, match="not a strait"):
        strait_width("Yonaguni")
    with pytest.raises(ic.UnknownPlaceError):
        strait_width("Strait of Atlantis")


def test_width_is_a_frozen_record():
    w = strait_width("Osumi Strait")
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.distance_m = 0.0  # type: ignore[misc]
    assert isinstance(w.line, shapely.LineString) and w.distance_km == w.distance_m / 1000
