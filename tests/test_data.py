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
    bad = [(c.id, round(c.distance_m)) for c in checks if not c.ok]
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


def test_places_rebuild_is_byte_identical(tmp_path: Path):
    from islandchain.build import build_places

    info = build_places(tmp_path, gazetteer_dir=GEO)
    assert set(info["files"]) == {"cities.csv", "airports.csv", "outside.csv"}
    committed = json.loads((GEO / "manifest.json").read_text())
    for name in info["files"]:
        assert (tmp_path / name).read_bytes() == (GEO / name).read_bytes(), name
        assert committed["files"][name] == info["files"][name], name


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
