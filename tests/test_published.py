"""Published areas: reading positions, joining corners, ADIZs and exercise areas.

The checks against published statements cite their sources; the figures they
compare with are in ``geo/published_areas.toml`` and the closing notes.
"""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest
import shapely

import islandchain as ic
from islandchain.geodesy import WGS84
from islandchain.published import (
    PositionError,
    corners_polygon,
    edge_spread,
    parse_position,
    polyline,
    published_area,
    published_areas,
    published_lines,
)
from islandchain.zones import blockade_cordon, check_intrusion

CAPE_IRIZAKI = (122.9337, 24.4493)


@pytest.fixture(scope="module", params=["geodesic", "rhumb"])
def areas(request):
    return published_areas(edges=request.param)


@pytest.fixture(scope="module")
def exercise_2022():
    frame = published_areas("exercise", group="pla-2022-08")
    return {row.id: check_intrusion(row.geometry) for row in frame.itertuples()}


def entered(check, state, zone):
    return next((i for i in check.intrusions if i.state == state and i.zone == zone), None)


@pytest.mark.parametrize(
    ("text", "lon", "lat"),
    [
        ("24°45'N 123°00'E", 123.0, 24.75),
        ("北纬25°15′26″、东经120°29′20″", 120 + 29 / 60 + 20 / 3600, 25 + 15 / 60 + 26 / 3600),
        ("北緯 33 度 12 秒 東経 126 度 59 分 53 秒", 126 + 59 / 60 + 53 / 3600, 33 + 12 / 60),
        ("25-15.26N 120-29.20E", 120 + 29.20 / 60, 25 + 15.26 / 60),
        ("241000N 1203100E", 120 + 31 / 60, 24 + 10 / 60),
        ("N25°30' E121°57'", 121.95, 25.5),
        ("121.95E 25.5N", 121.95, 25.5),
        ("10°30'S 105°40'W", -105 - 40 / 60, -10.5),
    ],
)
def test_positions_are_read_in_the_forms_notices_print(text, lon, lat):
    assert parse_position(text) == pytest.approx((lon, lat), abs=1e-12)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("25°75'N 123°E", "below 60"),
        ("95°N 123°E", "beyond 90"),
        ("25°N 26°N", "one latitude"),
        ("25°30' 123°E", "one latitude (N or S) and one longitude"),
        ("abc N 123 E", "cannot read"),
        ("", "empty"),
    ],
)
def test_unreadable_positions_say_what_is_wrong(text, says):
    with pytest.raises(PositionError, match=re.escape(says)) as err:
        parse_position(text)
    assert isinstance(err.value, ic.IslandchainError)


def test_corners_in_the_wrong_order_are_refused():
    with pytest.raises(PositionError, match="cross each other"):
        corners_polygon(["25N 122E", "24N 123E", "25N 123E", "24N 122E"])
    with pytest.raises(PositionError, match="at least 3"):
        corners_polygon(["25N 122E", "24N 123E"])


def test_rhumb_edges_keep_their_bearing_and_geodesics_do_not():
    ends = ["33°11'N 121°47'E", "33°11'N 125°00'E"]
    rhumb, geo = polyline(ends, "rhumb"), polyline(ends, "geodesic")
    # A rhumb line on a parallel stays on it; the geodesic bulges towards the pole.
    assert np.ptp(shapely.get_coordinates(rhumb)[:, 1]) < 1e-9
    assert shapely.bounds(geo)[3] - shapely.bounds(rhumb)[3] > 0.01  # 1.15 km at 123.4°E
    # A slanting rhumb line crosses every meridian at the same angle.
    xy = shapely.get_coordinates(corners_polygon(["20N 120E", "23N 124E", "20N 124E"], "rhumb"))
    leg = xy[: np.argmax(xy[:, 1]) + 1]
    az, _, _ = WGS84.inv(leg[:-1, 0], leg[:-1, 1], leg[1:, 0], leg[1:, 1])
    assert np.ptp(az) < 0.01


def test_the_two_readings_differ_by_metres_for_exercise_areas_and_kilometres_for_the_adiz():
    small = published_area("pla-2022-08-4")[0].positions
    adiz = published_area("chn-ecs-adiz")[0].positions
    assert edge_spread(small) < 50
    assert 1_000 < edge_spread(adiz) < 5_000


def test_the_english_release_misprints_seconds_as_decimal_minutes():
    # Xinhua's English text reads 25-15.26N; the Chinese original 25°15′26″.
    chinese = published_area("pla-2022-08-1")[0].positions
    english = ["25-15.26N 120-29.20E", "24-50.30N 120-05.45E", "25-04.32N 119-51.22E"]
    gaps = [
        ic.inverse(*parse_position(e), *c)[0] for e, c in zip(english, chinese[:3], strict=True)
    ]
    assert 600 < max(gaps) < 650  # the note in published_areas.toml says "up to 0.63 km"


def test_every_published_area_is_valid_and_cited(areas):
    assert areas.geometry.is_valid.all()
    assert (areas.source.str.len() > 40).all()
    assert set(areas.kind) == {"adiz", "exercise"}
    assert len(areas.loc[areas.group == "pla-2022-08"]) == 6


def test_the_prc_adiz_covers_the_senkakus_and_stops_short_of_taiwan(areas):
    adiz = areas.loc["chn-ecs-adiz"].geometry
    for islet in ("uotsuri", "kuba", "taisho", "kita_kojima", "minami_kojima"):
        assert adiz.contains(ic.feature(islet).geometry), islet
    # Taiwan's northernmost islet lies just outside, on either reading of the edges.
    pengjia = ic.shortest_line(ic.feature("pengjia").geometry, adiz)
    assert 0.5 < pengjia.distance_km < 3
    assert not adiz.intersects(ic.feature("taiwan").geometry)
    # Regression: against the outline alone, the second pass of the search once
    # found no candidate vertex and failed inside numpy.
    assert ic.shortest_line(ic.feature("pengjia").geometry, adiz.boundary).distance_m > 0


def test_the_prc_adiz_overlap_with_taiwans_adiz_against_the_published_figure(areas):
    # ROC Air Force, 2 Dec 2013 (Focus Taiwan/CNA): the overlap with Taiwan's ADIZ is
    # about 23,000 km², counting only the part east of the median line, which "only
    # reaches as far north as 27 degrees latitude"; the MND's report to the
    # legislature gave about 24,000 km². Taiwan's ADIZ ends at 123°E (ROC MOFA, 2010).
    adiz = areas.loc["chn-ecs-adiz"].geometry
    median = shapely.get_coordinates(published_lines().loc["taiwan-strait-median-line"].geometry)
    east_of_median = shapely.Polygon(np.vstack([median, [[123, 23], [123, 27]]]))
    overlap = ic.geodesic_area(shapely.intersection(adiz, east_of_median)) / 1e6
    assert overlap == pytest.approx(23_000, rel=0.05)
    assert overlap == pytest.approx(24_000, rel=0.01)


def test_yonaguni_was_two_thirds_in_taiwans_adiz_before_2010():
    # "The western two-thirds of the island falls within Taiwan's ADIZ" (ROC MOFA,
    # Taipei Times, 30 May 2010): the line ran along 123°E.
    island = ic.feature("Yonaguni").geometry
    west = shapely.intersection(island, shapely.box(122, 24, 123, 25))
    assert ic.geodesic_area(west) / ic.geodesic_area(island) == pytest.approx(2 / 3, abs=0.05)


@pytest.mark.parametrize(("nmi", "inside"), [(13.9, True), (14.1, False)])
def test_japans_adiz_reaches_14_nmi_west_of_yonaguni(areas, nmi, inside):
    lon, lat, _ = ic.forward(*CAPE_IRIZAKI, 270.0, nmi * ic.NMI)
    assert areas.loc["jpn-adiz-yonaguni"].geometry.contains(shapely.Point(lon, lat)) is inside


def test_a_blockade_cordon_enters_japans_adiz_only_at_50_nmi():
    # The article: a blockade "would very likely intrude into Japan's airspace".
    found = {}
    for nmi in (12, 24, 50):
        cordon = blockade_cordon("Taiwan", nmi)
        found[nmi] = entered(check_intrusion(cordon), "JPN", "ADIZ")
    assert found[12] is None and found[24] is None
    assert found[50] is not None and 20 < found[50].length_km < 80
    # Before the 2010 extension (the 123°E line) even the 50 nmi cordon stayed west.
    assert shapely.bounds(blockade_cordon("Taiwan", 50))[2] < 123.0


def test_the_august_2022_area_off_hateruma_lies_in_japans_eez(exercise_2022):
    # Japan: the exercise area "includes part of Japan's EEZ" (Chief Cabinet Secretary
    # Matsuno, 3 Aug 2022); the Coast Guard placed it 60 km south-west of Hateruma;
    # five missiles fell in it, inside Japan's EEZ (Ministry of Defense, 4 Aug 2022).
    check = exercise_2022["pla-2022-08-4"]
    eez = entered(check, "JPN", "EEZ")
    assert eez is not None and eez.area_km2 / check.area_km2 > 0.8
    area = published_areas().loc["pla-2022-08-4"].geometry
    sep = ic.shortest_line(ic.feature("Hateruma").geometry, area)
    tol, _ = ic.tolerance_km(60)
    assert sep.distance_km == pytest.approx(60, abs=tol)
    assert ic.compass(sep.azimuth_deg) == "SW"


def test_the_august_2022_area_north_west_of_yonaguni_only_touches_japans_eez(exercise_2022):
    # The Coast Guard: an area 64 km north-west of Yonaguni; it "reached near Japan's
    # EEZ boundary" (JBpress, Sasaki, 2022). On the equidistance line a corner of it
    # crosses into Japan's EEZ. The closest point bears 348° (NNW), not north-west.
    check = exercise_2022["pla-2022-08-3"]
    eez = entered(check, "JPN", "EEZ")
    assert eez is not None and eez.area_km2 / check.area_km2 < 0.1
    area = published_areas().loc["pla-2022-08-3"].geometry
    sep = ic.shortest_line(ic.feature("Yonaguni").geometry, area)
    tol, _ = ic.tolerance_km(64)
    assert sep.distance_km == pytest.approx(64, abs=tol)
    assert 315 <= sep.azimuth_deg < 360


def test_no_2022_area_enters_japans_territorial_sea_but_some_enter_taiwans(exercise_2022):
    # The areas "ignored Taiwan's claimed territorial sea" (JBpress, 2022).
    for check in exercise_2022.values():
        assert entered(check, "JPN", "territorial sea") is None
        assert entered(check, "JPN", "contiguous zone") is None
        assert check.closest_km["JPN"] > 24 * ic.NMI / 1000
    into_twn = [k for k, c in exercise_2022.items() if entered(c, "TWN", "territorial sea")]
    assert len(into_twn) >= 2


def test_published_areas_by_id_group_and_name():
    assert [a.id for a in published_area("PLA-2022-08")] == [
        f"pla-2022-08-{i}" for i in range(1, 7)
    ]
    assert published_area("Taiwan Strait median line")[0].kind == "median line"
    with pytest.raises(ic.IslandchainError, match="pla-2022-08"):
        published_area("pla-2022-8")


def test_zones_areas_and_check_commands():
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    listing = subprocess.run([*exe, "zones", "areas"], capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert "chn-ecs-adiz" in listing.stdout and "taiwan-strait-median-line" in listing.stdout
    out = subprocess.run(
        [*exe, "zones", "check", "pla-2022-08-4", "--edges", "rhumb"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "rhumb edges" in out.stdout and "JPN    EEZ" in out.stdout and "%" in out.stdout
    bad = subprocess.run([*exe, "zones", "check", "pla-2022-8"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Did you mean" in bad.stderr and "Traceback" not in bad.stderr
