"""The whole region: every state's land, the region's named features, zones everywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely

import islandchain as ic
from islandchain import data
from islandchain.zones import DEFAULT_STATES, ZONE_NMI, check_intrusion, state_land

# Points whose state and zone we know from the map (the three, and places a few
# kilometres off a coast or far from every coast).
KNOWN = [
    ((130.5, 31.0), "JPN", "territorial sea"),  # 15 km off Kyushu's south coast
    ((128.9, 26.5), "JPN", "EEZ"),  # 62 km east of Okinawa Island
    ((142.10, 27.05), "JPN", "territorial sea"),  # 8 km west of Chichijima
    ((126.55, 33.15), "KOR", "territorial sea"),  # 10 km south of Jeju
    ((120.85, 21.85), "TWN", "territorial sea"),  # 6 km south of Eluanbi
    ((127.5, 17.0), None, None),  # the high seas, 254 nmi east of Luzon, the nearest land
]

# Probes spread over the region: off outlying islands, in disputed waters, near the corners
# and on the high seas. Their expected state and zone come from the definition, measured
# with exact geodesics to every state's land (the nearest state; the narrowest breadth
# reached), not from the zone polygons; probes within 5 km of an equidistance line or 2 km
# of a zone's edge are ambiguous at the split's accuracy and are left out.
PROBES = [
    (129.2, 34.0),
    (128.6, 32.6),
    (139.85, 33.0),
    (141.3, 24.6),
    (136.08, 20.6),
    (131.3, 25.9),
    (123.0, 24.3),
    (123.6, 25.9),
    (124.2, 25.5),
    (127.0, 29.0),
    (145.5, 44.6),
    (146.3, 43.9),
    (148.5, 45.5),
    (141.5, 45.7),
    (131.0, 37.4),
    (131.95, 37.3),
    (133.0, 40.0),
    (129.5, 41.5),
    (124.5, 38.0),
    (122.5, 36.0),
    (121.0, 30.0),
    (119.0, 24.0),
    (118.5, 24.4),
    (116.8, 20.9),
    (114.0, 21.0),
    (112.5, 16.6),
    (111.0, 17.0),
    (109.5, 18.0),
    (107.0, 19.5),
    (109.4, 12.2),
    (112.0, 8.9),
    (114.4, 10.5),
    (114.3, 11.2),
    (115.55, 9.7),
    (117.5, 15.2),
    (116.0, 13.0),
    (119.0, 12.0),
    (121.0, 19.5),
    (125.0, 12.0),
    (127.5, 7.0),
    (124.0, 3.0),
    (117.0, 7.6),
    (114.0, 5.2),
    (108.3, 4.2),
    (106.0, 2.0),
    (110.0, -2.0),
    (125.0, -2.0),
    (134.3, 7.2),
    (144.5, 13.2),
    (145.9, 16.0),
    (149.5, -4.5),
    (106.0, 45.0),
    (150.0, 30.0),
    (135.0, 30.0),
    (120.0, 5.0),
]


def _oracle(lon: float, lat: float) -> tuple[str | None, str | None] | None:
    """(state, narrowest zone) by the definition, or None where too close to call."""
    d = np.array([float(ic.distance_to([lon], [lat], state_land(s))[0]) for s in DEFAULT_STATES])
    order = np.argsort(d)
    if d[order[0]] == 0 or any(
        shapely.intersects(shapely.Point(lon, lat), state_land(s)) for s in data.states()
    ):
        return (None, None)  # on land (of any state, coastal or not): in no zone
    if d[order[1]] - d[order[0]] < 5_000 and d[order[1]] < ZONE_NMI["EEZ"] * ic.NMI:
        return None
    for zone, nmi in ZONE_NMI.items():
        if abs(d[order[0]] - nmi * ic.NMI) < 2_000:
            return None
        if d[order[0]] <= nmi * ic.NMI:
            return DEFAULT_STATES[order[0]], zone
    return (None, None)


def _checked(lon: float, lat: float) -> tuple[str | None, str | None]:
    found = check_intrusion(shapely.Point(lon, lat)).intrusions
    found = [i for i in found if i.zone in ZONE_NMI]
    if not found:
        return (None, None)
    states = {i.state for i in found}
    assert len(states) == 1, f"({lon}, {lat}) lies in zones of {sorted(states)}"
    narrowest = min(found, key=lambda i: i.nmi)
    return narrowest.state, narrowest.zone


@pytest.mark.parametrize(("point", "state", "zone"), KNOWN)
def test_zone_check_at_known_points(point, state, zone):
    assert _checked(*point) == (state, zone)


def test_zone_check_at_probes_spread_over_the_region():
    checked = 0
    wrong = []
    for lon, lat in PROBES:
        expected = _oracle(lon, lat)
        if expected is None:
            continue
        checked += 1
        got = _checked(lon, lat)
        if got != expected:
            wrong.append(((lon, lat), expected, got))
    assert checked >= 40
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("point", "state"),
    [
        ((129.30, 34.40), "JPN"),  # Tsushima
        ((142.19, 27.07), "JPN"),  # Chichijima
        ((139.79, 33.11), "JPN"),  # Hachijojima
        ((145.9, 44.1), "RUS"),  # Kunashir
        ((126.55, 33.38), "KOR"),  # Jeju
        ((125.75, 39.03), "PRK"),  # Pyongyang
        ((105.85, 21.03), "VNM"),  # Hanoi
        ((114.94, 4.89), "BRN"),  # Bandar Seri Begawan
        ((116.5, 5.5), "MYS"),  # inland Sabah
        ((109.33, -0.03), "IDN"),  # Pontianak
        ((134.56, 7.50), "PLW"),  # Babeldaob
        ((144.79, 13.44), "USA"),  # Guam
        ((145.75, 15.18), "USA"),  # Saipan
        ((114.17, 22.30), "CHN"),  # Hong Kong
    ],
)
def test_every_state_has_its_land(point, state):
    assert state_land(state).contains(shapely.Point(*point))
    others = [s for s in data.states() if s != state]
    assert not any(state_land(s).contains(shapely.Point(*point)) for s in others)


@pytest.mark.parametrize(
    ("state", "claimant"),
    [("RUS", "JPN"), ("KOR", "JPN"), ("JPN", "CHN"), ("CHN", "VNM"), ("TWN", "CHN")],
)
def test_disputed_land_names_its_claimants(state, claimant):
    assert any(claimant in claim for claim, _ in data.disputed_land(state))


# name, kind, admin, claimants (a subset), and a name in another script.
NAMES = [
    ("Scarborough Shoal", "rock", "CHN", {"PHL"}, "黄岩岛"),
    ("Bajo de Masinloc", "rock", "CHN", {"PHL"}, "黃岩島"),
    ("Panatag", "rock", "CHN", {"PHL"}, "スカボロー礁"),
    ("Second Thomas Shoal", "low_tide_elevation", "PHL", {"CHN"}, "仁爱礁"),
    ("Ayungin", "low_tide_elevation", "PHL", {"CHN"}, "仁愛礁"),
    ("Mischief Reef", "artificial_island", "CHN", {"PHL"}, "美济礁"),
    ("Itu Aba", "island", "TWN", {"CHN", "VNM", "PHL"}, "太平島"),
    ("Taiping Island", "island", "TWN", {"CHN"}, "太平岛"),
    ("Woody Island", "island", "CHN", {"VNM"}, "永兴岛"),
    ("Paracel Islands", "island_group", "CHN", {"VNM", "TWN"}, "西沙群島"),
    ("Spratly Islands", "island_group", "VNM", {"PHL", "MYS"}, "南沙群岛"),
    ("Pratas", "island", "TWN", {"CHN"}, "東沙島"),
    ("Dongsha", "island", "TWN", {"CHN"}, "东沙岛"),
    ("Dokdo", "rock", "KOR", {"JPN"}, "竹島"),
    ("Takeshima", "rock", "KOR", {"JPN"}, "独岛"),
    ("Kunashir", "island", "RUS", {"JPN"}, "国後島"),
    ("Iturup", "island", "RUS", {"JPN"}, "択捉島"),
    ("Chichijima", "island", "JPN", set(), "父島"),
    ("Kume Island", "island", "JPN", set(), "久米島"),
    ("Babuyan Islands", "island_group", "PHL", set(), "巴布延群島"),
    ("Natuna", "island_group", "IDN", set(), "纳土纳群岛"),
    ("Brunei", "state", "BRN", set(), "文莱"),
    ("Subic Bay", "port", "PHL", set(), "苏比克湾"),
    ("Clark Air Base", "base", "PHL", set(), "克拉克空军基地"),
    ("Cam Ranh Bay", "port", "VNM", set(), "金兰湾"),
    ("Reed Bank", "bank", "PHL", {"CHN"}, "礼乐滩"),
    ("Macclesfield Bank", "bank", "CHN", {"TWN"}, "中沙群岛"),
    ("Fiery Cross Reef", "artificial_island", "CHN", {"VNM"}, "永暑礁"),
    ("Thitu", "island", "PHL", {"CHN"}, "中業島"),
    ("Jeju", "island", "KOR", set(), "済州島"),
    ("Ulleungdo", "island", "KOR", set(), "鬱陵島"),
    ("Tsushima", "island", "JPN", set(), "対馬"),
    ("Sakhalin", "island", "RUS", set(), "樺太"),
]


@pytest.mark.parametrize(("name", "kind", "admin", "claimants", "other"), NAMES)
def test_region_names_resolve_with_kind_admin_and_claimants(name, kind, admin, claimants, other):
    fid = data.resolve(name)
    assert data.resolve(other) == fid
    row = data.features().loc[fid]
    assert row.kind == kind
    assert admin in row.admin
    assert claimants <= set(row.claimants)
    assert not row.geometry.is_empty


def test_states_rebuild_is_byte_identical(tmp_path: Path):
    # About 1.5 min of CPU: the Natural Earth join of every OSM polygon of the region.
    from islandchain.build_states import STATES_FILE, build_states

    geo = data.data_dir()
    shutil.copy(geo / "land_osm.parquet", tmp_path / "land_osm.parquet")
    info = build_states(tmp_path, disputes_dir=geo)
    assert (tmp_path / STATES_FILE).read_bytes() == (geo / STATES_FILE).read_bytes()
    committed = json.loads((geo / "manifest.json").read_text())["files"][STATES_FILE]
    assert info["files"][STATES_FILE] == committed
