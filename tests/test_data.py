"""Tests of the land polygons, the gazetteer, name resolution and the data build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import islandchain as ic
from islandchain.data import data_dir

GEO = data_dir()

ARTICLE_PLACES = ["Taiwan", "Yonaguni Island", "the Senkaku islands"]
REQUIRED = [
    "Taiwan",
    "Pengjia",
    "Mianhua",
    "Huaping",
    "Penghu",
    "Green Island",
    "Orchid Island",
    "Kinmen",
    "Matsu",
    "Yonaguni",
    "Iriomote",
    "Ishigaki",
    "Hateruma",
    "Miyako",
    "Okinawa",
    "Amami",
    "Uotsuri",
    "Kuba",
    "Taisho",
    "Kita-kojima",
    "Minami-kojima",
    "Senkaku",
    "Kyushu",
    "Honshu",
    "Shikoku",
    "Hokkaido",
    "Batanes",
    "Y'Ami",
    "Itbayat",
    "Luzon",
    "Mindoro",
    "Palawan",
    "Borneo",
    "Chinese mainland",
    "Keelung",
    "Su'ao",
    "Hualien",
    "Zhoushan",
    "Xiamen",
]


def test_features_is_a_geodataframe_in_wgs84():
    frame = ic.features()
    assert frame.crs.to_epsg() == 4326
    for col in (
        "name",
        "name_ja",
        "name_zh",
        "aliases",
        "kind",
        "admin",
        "claimants",
        "lon",
        "lat",
        "coord_source",
        "geometry",
    ):
        assert col in frame.columns
    assert frame.index.is_unique
    assert (frame.coord_source.str.len() > 0).all(), "every anchor needs its source"


@pytest.mark.parametrize("name", REQUIRED)
def test_required_places_exist(name):
    row = ic.feature(name)
    assert not row.geometry.is_empty


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("taiwan", "taiwan"),
        ("TAIWAN", "taiwan"),
        ("Formosa", "taiwan"),
        ("臺灣", "taiwan"),
        ("Yonaguni Island", "yonaguni"),
        ("与那国島", "yonaguni"),
        ("yonaguni-jima", "yonaguni"),
        ("the Senkaku islands", "senkaku"),
        ("Diaoyu Islands", "senkaku"),
        ("尖閣諸島", "senkaku"),
        ("Uotsuri-shima", "uotsuri"),
        ("Diaoyu Dao", "uotsuri"),
        ("釣魚台列嶼", "senkaku"),
    ],
)
def test_resolve_names_and_aliases(name, expected):
    assert ic.resolve(name) == expected


def test_unknown_name_suggests_closest():
    with pytest.raises(ic.UnknownPlaceError) as err:
        ic.feature("Yonaguny")
    assert "Yonaguni Island" in err.value.suggestions[:3]
    assert "Yonaguny" in str(err.value) and "Did you mean" in str(err.value)


@pytest.mark.parametrize("bad", ["", "   ", "Atlantis"])
def test_unknown_or_empty_name_is_a_clear_error(bad):
    with pytest.raises(ic.UnknownPlaceError, match="unknown place"):
        ic.resolve(bad)


def test_article_attributes():
    yonaguni = ic.feature("Yonaguni")
    assert yonaguni["admin"] == ("JPN",) and not yonaguni["disputed"]
    senkaku = ic.feature("Senkaku Islands")
    assert senkaku["admin"] == ("JPN",)
    assert set(senkaku["claimants"]) == {"CHN", "TWN"}
    for islet in ("Uotsuri", "Kuba", "Taisho", "Kita-kojima", "Minami-kojima"):
        row = ic.feature(islet)
        assert row["admin"] == ("JPN",) and set(row["claimants"]) == {"CHN", "TWN"}
    assert ic.feature("Taiwan")["admin"] == ("TWN",)


def test_senkaku_group_is_union_of_its_islets():
    group = ic.feature("Senkaku").geometry
    for islet in ("Uotsuri", "Kuba", "Taisho", "Kita-kojima", "Minami-kojima"):
        assert group.covers(ic.feature(islet).geometry)


def test_islets_are_distinct_polygons():
    ids = [
        "uotsuri",
        "kuba",
        "taisho",
        "kita_kojima",
        "minami_kojima",
        "pengjia",
        "mianhua",
        "huaping",
        "yonaguni",
        "hateruma",
    ]
    geoms = [ic.features().loc[i, "geometry"] for i in ids]
    assert len({g.wkb for g in geoms}) == len(ids)


def test_every_feature_lies_within_500m_of_its_anchor():
    checks = ic.check_anchors(500.0)
    assert len(checks) == len(ic.features())
    bad = [(c.id, round(c.distance_m)) for c in checks if not c.ok]
    assert not bad, f"features farther than 500 m from their anchor: {bad}"


def test_every_feature_exists_on_the_cross_check_coastline():
    # GSHHG is only a cross-check (it shifts the Senkakus by ~6 km): every
    # feature must exist there, near its anchor at the scale of that shift.
    checks = ic.check_anchors(10_000.0, source="gshhg")
    # GSHHG has no polygon for the reefs built up since it was drawn (Fiery Cross, Subi,
    # Swallow) nor for Scarborough's rocks: those are measured on the OSM coast only.
    absent = {"scarborough_shoal", "fiery_cross_reef", "subi_reef", "swallow_reef"}
    assert absent <= set(ic.features().index)
    bad = [(c.id, round(c.distance_m)) for c in checks if not c.ok and c.id not in absent]
    assert not bad, f"features missing or misplaced on GSHHG: {bad}"


def test_data_is_read_once_per_process():
    assert ic.features() is ic.features()
    assert ic.land() is ic.land()


def test_land_covers_the_region():
    minx, miny, maxx, maxy = ic.land().total_bounds
    assert minx <= 105.01 and miny <= -4.99 and maxx >= 149.99 and maxy >= 45.99


def test_manifest_matches_files():
    import hashlib

    manifest = json.loads((GEO / "manifest.json").read_text())
    for name, info in manifest["files"].items():
        digest = hashlib.sha256((GEO / name).read_bytes()).hexdigest()
        assert digest == info["sha256"], f"{name} does not match geo/manifest.json"
        if name.startswith("land_"):
            source = name.removeprefix("land_").removesuffix(".parquet")
            assert len(ic.land(source)) == info["polygons"]
        elif name.endswith(".parquet"):  # states.parquet
            import pyarrow.parquet as pq

            assert pq.ParquetFile(GEO / name).metadata.num_rows == info["rows"], name
        else:
            rows = (GEO / name).read_text(encoding="utf-8").count("\n") - 1
            assert rows == info["rows"], name


def test_rebuild_is_byte_identical(tmp_path: Path):
    from islandchain.build import build_land

    manifest = build_land(tmp_path)
    for name in manifest["files"]:
        assert (tmp_path / name).read_bytes() == (GEO / name).read_bytes(), name
    committed = json.loads((GEO / "manifest.json").read_text())
    for name, info in manifest["files"].items():
        assert committed["files"][name] == info, name


def test_malformed_gazetteer_is_a_clear_error(tmp_path, monkeypatch):
    from islandchain import data

    (tmp_path / "gazetteer.csv").write_text(
        "id,name,name_ja,name_zh,aliases,kind,admin,claimants,lon,lat,extent,coord_source\n"
        "x,X,,,,volcano,JPN,,1,2,,test\n"
    )
    monkeypatch.setenv("ISLANDCHAIN_DATA", str(tmp_path))
    data.gazetteer.cache_clear()
    try:
        with pytest.raises(ic.DataError, match="kind 'volcano'"):
            data.gazetteer()
    finally:
        monkeypatch.delenv("ISLANDCHAIN_DATA")
        data.gazetteer.cache_clear()


# --- places people name (issue 14) -------------------------------------------------------

PLACES = [
    # cities: "Taipei" is the city, not the island
    ("Taipei", "taipei", "city"),
    ("Tokyo", "tokyo", "city"),
    ("Beijing", "beijing", "city"),
    ("Manila", "manila", "city"),
    ("Shanghai", "shanghai_city", "city"),
    ("Fuzhou", "fuzhou", "city"),
    ("Taitung", "taitung", "city"),
    ("Hsinchu", "hsinchu", "city"),
    ("Yilan", "yilan", "city"),
    ("Kaohsiung city", "kaohsiung_city", "city"),
    ("Kaohsiung", "kaohsiung_city", "city"),
    ("Basco", "basco", "city"),
    ("Aparri", "aparri", "city"),
    ("Keelung", "keelung_city", "city"),
    ("Chi-lung", "keelung_city", "city"),
    ("Naha", "naha_city", "city"),
    ("Hualien", "hualien_city", "city"),
    ("Xiamen City", "xiamen_city", "city"),
    ("臺北市", "taipei", "city"),
    # where an island and a city share a name, the name is the island
    ("Xiamen", "xiamen_island", "island"),
    ("Ishigaki", "ishigaki", "island"),
    ("Miyako", "miyako", "island"),
    # ports keep their own names and ids
    ("Port of Keelung", "keelung", "port"),
    ("keelung", "keelung", "port"),
    ("Port of Xiamen", "xiamen", "port"),
    ("Su'ao", "suao", "port"),
    # states and their parts
    ("Japan", "japan", "state"),
    ("China", "china", "state"),
    ("the Philippines", "philippines", "state"),
    ("mainland China", "chinese_mainland", "region"),
    ("the Chinese mainland", "chinese_mainland", "region"),
    ("the Chinese coast", "chinese_mainland", "region"),
    ("Okinawa Prefecture", "okinawa_prefecture", "province"),
    ("沖縄県", "okinawa_prefecture", "province"),
    ("Taitung County", "taitung_county", "province"),
    ("Yilan County", "yilan_county", "province"),
    ("Fujian", "fujian_province", "province"),
    ("Fujian Province", "fujian_province", "province"),
    ("Kinmen County", "kinmen_county", "province"),
    # straits
    ("the Taiwan Strait", "taiwan_strait", "strait"),
    ("Miyako Strait", "miyako_strait", "strait"),
    ("Bashi Channel", "bashi_channel", "strait"),
    # islands that were missing
    ("Guam", "guam", "island"),
    ("Okinotorishima", "okinotorishima", "islet"),
    ("沖ノ鳥島", "okinotorishima", "islet"),
    ("Lesser Orchid Island", "lesser_orchid_island", "island"),
    ("小蘭嶼", "lesser_orchid_island", "island"),
    ("Wuqiu", "wuqiu", "island_group"),
    ("Dadan", "dadan", "island"),
    ("Erdan Island", "erdan", "island"),
    ("Itbayat", "itbayat", "island"),
    ("Batan Island", "batan_island", "island"),
    ("Sabtang", "sabtang_island", "island"),
    ("the Zhoushan archipelago", "zhoushan_archipelago", "island_group"),
    ("Nanri Island", "nanri_island", "island"),
    ("Dongshan Island", "dongshan_island", "island"),
    # airports and bases
    ("Taoyuan International Airport", "taiwan_taoyuan_international_airport", "airport"),
    ("TPE", "taiwan_taoyuan_international_airport", "airport"),
    ("Naha Airport", "naha_airport", "airport"),
    ("Kadena Air Base", "kadena", "base"),
    ("MCAS Futenma", "futenma_marine_corps_air_station", "base"),
    # names as they are written
    ("Ludao", "green_island", "island"),
    ("Lüdao", "green_island", "island"),
    ("Lanyu", "orchid_island", "island"),
    ("Pongso no Tao", "orchid_island", "island"),
    ("Senkaku/Diaoyu/Tiaoyutai Islands", "senkaku", "island_group"),
    ("Senkaku / Diaoyu Islands", "senkaku", "island_group"),
    ("Diaoyutai", "uotsuri", "island"),
    ("Y’Ami", "yami", "island"),
    ("Y‘Ami Island", "yami", "island"),
    ("Amami Oshima", "amami_oshima", "island"),
    ("Osumi Islands", "osumi_islands", "island_group"),
    ("Kyūshū", "kyushu", "island"),
    ("釣魚臺列嶼", "senkaku", "island_group"),
    ("钓鱼台列屿", "senkaku", "island_group"),
    ("与那国島", "yonaguni", "island"),
    ("與那國島", "yonaguni", "island"),
    ("绿岛", "green_island", "island"),
    ("兰屿", "orchid_island", "island"),
]


@pytest.mark.parametrize(("name", "expected", "kind"), PLACES)
def test_places_people_name_resolve(name, expected, kind):
    fid = ic.resolve(name)
    assert fid == expected
    row = ic.features().loc[fid]
    assert row.kind == kind
    assert not row.geometry.is_empty


@pytest.mark.parametrize("name", ["Minami-Torishima", "Marcus Island", "Hawaii", "Honolulu"])
def test_places_outside_the_region_say_its_bounds(name):
    with pytest.raises(ic.UnknownPlaceError) as err:
        ic.resolve(name)
    assert type(err.value).__name__ == "OutsideRegionError"
    assert "lon 105°E to 150°E, lat 5°S to 46°N" in str(err.value)
    assert "unknown place" not in str(err.value)


def test_taipei_is_a_point_so_taipei_to_xiamen_is_measured_between_cities():
    # "the distance from Taipei to Xiamen is roughly 350 km": city to city, not coast to coast
    taipei, xiamen = ic.feature("Taipei"), ic.feature("Xiamen City")
    assert taipei.geometry.geom_type == "Point" and taipei.population > 1_000_000
    km = ic.shortest_line(taipei.geometry, xiamen.geometry).distance_km
    assert 330 < km < 370
    coast = ic.shortest_line(ic.feature("Taiwan").geometry, ic.feature("Xiamen").geometry)
    assert coast.distance_km < 250


def test_states_and_provinces_are_the_land_of_their_parts():
    frame = ic.features()
    japan = frame.loc["japan", "geometry"]
    for part in ("yonaguni", "okinawa", "senkaku", "honshu", "okinotorishima"):
        assert japan.covers(frame.loc[part, "geometry"]), part
    assert not japan.intersects(frame.loc["taiwan", "geometry"])
    china = frame.loc["china", "geometry"]
    # The mainland is drawn as a clip of the continent's polygon, so a sliver of Vietnam and
    # North Korea inside its rectangle lies outside China's land: at most 0.5 % of its area.
    mainland = frame.loc["chinese_mainland", "geometry"]
    assert mainland.difference(china).area <= 0.005 * mainland.area
    assert china.covers(frame.loc["hainan", "geometry"])
    for roc in ("taiwan", "kinmen", "matsu", "penghu"):
        # Kinmen's extent is a box of land polygons that takes in a few PRC islets off Xiamen
        # (0.03 % of its area): known, left for planning; nothing more may overlap.
        part = frame.loc[roc, "geometry"]
        assert china.intersection(part).area <= 0.001 * part.area, roc
    # mainland China is the continent only
    assert not frame.loc["chinese_mainland", "geometry"].intersects(frame.loc["hainan", "geometry"])
    okinawa = frame.loc["okinawa_prefecture", "geometry"]
    assert okinawa.covers(frame.loc["miyako", "geometry"])
    assert not okinawa.intersects(frame.loc["amami_oshima", "geometry"])  # Kagoshima
    kinmen = frame.loc["kinmen_county", "geometry"]
    for part in ("kinmen", "wuqiu", "dadan", "erdan"):
        assert kinmen.covers(frame.loc[part, "geometry"]), part
    taitung = frame.loc["taitung_county", "geometry"]
    assert taitung.covers(frame.loc["orchid_island", "geometry"])
    assert taitung.contains(frame.loc["taitung", "geometry"])  # the county seat
    # state_land still counts each piece of land once and holds no points
    assert ic.state_land("JPN").geom_type == "MultiPolygon"


def test_gazetteer_kinds_counts_and_sources():
    frame = ic.features()
    counts = frame.kind.value_counts().to_dict()
    print("gazetteer kinds:", dict(sorted(counts.items())))
    from islandchain.data import KINDS

    assert set(counts) <= set(KINDS)  # every kind counted is a known one
    assert counts["city"] > 1000 and counts["airport"] > 400
    assert counts["state"] == 12 and counts["strait"] == 7 and counts["province"] == 5
    # every feature has a coordinate source, and says which file it comes from
    assert (frame.coord_source.str.strip().str.len() > 10).all()
    derived = frame[frame.origin != "gazetteer.csv"]
    assert derived.coord_source.str.contains("GeoNames geonameid|airportsdata").all()
    assert frame[frame.kind == "city"].population.notna().all()
    assert frame[frame.kind != "city"].population.isna().all()
    # every hand-edited feature is found by its own English name
    hand = frame[frame.origin == "gazetteer.csv"]
    wrong = [(fid, ic.resolve(n)) for fid, n in hand["name"].items() if ic.resolve(n) != fid]
    assert not wrong


def test_every_feature_lies_inside_the_region():
    from islandchain.data import REGION

    frame = ic.features()
    inside = frame.lon.between(REGION[0], REGION[2]) & frame.lat.between(REGION[1], REGION[3])
    assert inside.all(), list(frame.index[~inside])


def test_name_table_lists_every_name_in_every_script():
    from islandchain.data import KINDS, name_table

    table = name_table()
    assert table is name_table()  # computed once
    assert all(len(row) == 3 and row[2] in KINDS for row in table)
    rows = set(table)
    for row in [
        ("Taipei", "taipei", "city"),
        ("Lanyu", "orchid_island", "island"),
        ("釣魚臺列嶼", "senkaku", "island_group"),
        ("钓鱼台列屿", "senkaku", "island_group"),
        ("Taiwan Strait", "taiwan_strait", "strait"),
        ("Naha Airport", "naha_airport", "airport"),
    ]:
        assert row in rows, row
    ids = {fid for _, fid, _ in table}
    assert ids == set(ic.features().index)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ōsumi", "osumi"),
        ("Y’Ami", "Y'Ami"),
        ("Kinmen’s", "kinmens"),
        ("THE Senkaku  Islands", "senkaku islands"),
        ("臺灣", "台湾"),
        ("沖縄", "沖繩"),
        ("釣魚台", "钓鱼台"),
    ],
)
def test_normalised_keys_ignore_case_marks_quotes_and_script(a, b):
    from islandchain.data import normalise_name

    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize("word", ["can", "dna", "tpe", "rctp", "the", "coast", "strait"])
def test_codes_match_only_in_capitals_and_common_words_are_not_places(word):
    from islandchain.data import lookup

    assert lookup(word) is None
    if word.upper() in ("CAN", "DNA", "TPE", "RCTP"):
        assert lookup(word.upper()) is not None


def test_slashed_names_that_disagree_are_a_clear_error():
    with pytest.raises(ic.IslandchainError, match="parts name different features"):
        ic.resolve("Taiwan/Yonaguni")


def test_suggestions_for_a_name_near_a_state_code():
    # "Pratas" is close to the alias "PRC", which is indexed as a code, not a display name.
    with pytest.raises(ic.UnknownPlaceError) as err:
        ic.resolve("Pracas")  # (Pratas itself is a feature now)
    message = str(err.value)
    assert message.startswith("unknown place 'Pracas'")
    assert "Did you mean" in message
