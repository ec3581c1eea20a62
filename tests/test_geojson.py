"""Reading areas and tracks from GeoJSON: strict, named errors, nothing guessed."""

from __future__ import annotations

import json

import pytest
import shapely

from islandchain import check_intrusion
from islandchain.errors import InputError
from islandchain.geojson import parse_geometry, read_geometry

POINT_OFF_YONAGUNI = [122.93, 24.43]  # a few km off the west coast of Yonaguni


def _write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("doc", "needle"),
    [
        ({"type": "Banana"}, "'Banana'"),
        ({"type": "Feature", "geometry": None, "properties": {}}, 'null "geometry"'),
        ({"type": "FeatureCollection"}, '"features" list'),
        ({"type": "Point", "coordinates": [200, 100]}, "longitude, latitude in degrees"),
        ({"type": "Point", "coordinates": [13_681_000, 2_805_000]}, '"crs" member'),
        ({"type": "LineString", "coordinates": [[1, 2]]}, "not a valid LineString"),
        ({"type": "Point", "coordinates": []}, "empty Point"),
        ('{"type": "Point", "coordinates": [NaN, 24]}', "not valid JSON"),
        ('{"type": "Point", "coordinates": [1e999, 24]}', "finite numbers"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ("not json", "not valid JSON"),
        ([1, 2, 3], "not a JSON object"),
        (
            {"type": "Point", "coordinates": [1, 2], "crs": {"type": "name", "properties": {}}},
            "properties.name",
        ),
        (
            {"type": "Point", "coordinates": [1, 2], "crs": {"properties": {"name": "EPSG:0"}}},
            "unknown CRS",
        ),
    ],
)
def test_bad_geojson_is_named(tmp_path, doc, needle):
    path = _write(tmp_path, "bad.geojson", doc)
    with pytest.raises(InputError) as err:
        read_geometry(path)
    message = str(err.value)
    assert needle in message
    assert message.startswith(str(path))
    assert "\n" not in message


@pytest.mark.parametrize("lon", [482.5, -237.5, 180.5])
def test_longitude_outside_180_is_refused_with_the_fix(tmp_path, lon):
    # 482.5 and -237.5 both mean 122.5° E, inside Japan's zones: refused, not misplaced.
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [1, 2]},
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[122, 24], [lon, 24.3]]},
            },
        ],
    }
    path = _write(tmp_path, "wrapped.geojson", doc)
    with pytest.raises(InputError) as err:
        read_geometry(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert "feature 1, position 1" in message and f"{lon:g}" in message
    assert f"write it as {(lon + 180) % 360 - 180:g}" in message
    assert "\n" not in message


def test_longitude_180_and_minus_180_are_accepted():
    geom = parse_geometry(json.dumps({"type": "LineString", "coordinates": [[-180, 1], [180, 2]]}))
    assert geom.length > 0


@pytest.mark.parametrize(
    ("ring", "needle"),
    [
        ([[121, 24], [122, 24], [121, 24]], "at least 4 positions"),
        ([[121, 24], [121, 24]], "at least 4 positions"),
        ([[121, 24], [122, 24], [122, 25], [121, 25]], "not closed"),
    ],
)
def test_polygon_rings_follow_rfc_7946(tmp_path, ring, needle):
    path = _write(tmp_path, "ring.geojson", {"type": "MultiPolygon", "coordinates": [[ring]]})
    with pytest.raises(InputError) as err:
        read_geometry(path)
    message = str(err.value)
    assert message.startswith(str(path)) and needle in message and "polygon 0, ring 0" in message
    assert "\n" not in message


def test_closed_ring_of_four_positions_is_read():
    ring = [[121, 24], [122, 24], [122, 25], [121, 24]]
    assert parse_geometry(json.dumps({"type": "Polygon", "coordinates": [ring]})).area == 0.5


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_geometry(tmp_path / "nothere.geojson")
    # UTF-16 with its byte-order mark is read, as the one decoder reads every input.
    path = tmp_path / "utf16.geojson"
    path.write_bytes(json.dumps({"type": "Point", "coordinates": [1, 2]}).encode("utf-16"))
    assert read_geometry(path).equals(shapely.Point(1, 2))
    latin = tmp_path / "latin1.geojson"
    latin.write_bytes('{"type": "Point", "coordinates": [1, 2], "n": "\u00e9"}'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_geometry(latin)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.geojson"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"type": "Point", "coordinates": [1, 2]}).encode()
    )
    assert read_geometry(path).wkt == "POINT (1 2)"


def test_track_across_the_antimeridian_goes_east():
    geom = parse_geometry(
        json.dumps({"type": "LineString", "coordinates": [[170, 24], [-170, 24]]})
    )
    assert geom.bounds == (170.0, 24.0, 190.0, 24.0)
    assert check_intrusion(geom).intrusions == ()


def test_legacy_crs_is_applied():
    metres = {
        "type": "Point",
        "coordinates": [13_681_000.0, 2_805_000.0],
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
    }
    lon, lat = parse_geometry(json.dumps(metres)).coords[0]
    assert lon == pytest.approx(122.899, abs=1e-3)
    assert lat == pytest.approx(24.4227, abs=1e-3)


def test_bow_ties_are_refused_naming_the_feature_and_the_fix():
    bow = [[[122, 24], [123, 25], [123, 24], [122, 25], [122, 24]]]
    bow2 = [[[122.5, 24], [123.5, 25], [123.5, 24], [122.5, 25], [122.5, 24]]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": c}}
            for c in (bow, bow2)
        ],
    }
    # Repairing silently would change the area measured (issue 24): refused, with the fix.
    with pytest.raises(
        InputError,
        match=r"feature 0: polygon 0 is not a valid area "
        r"\(Self-intersection at 122.5, 24.5\).*shapely.make_valid",
    ):
        parse_geometry(json.dumps(doc))


def test_a_point_inside_a_zone_is_an_intrusion():
    check = check_intrusion(
        parse_geometry(json.dumps({"type": "Point", "coordinates": POINT_OFF_YONAGUNI}))
    )
    zones = {(i.state, i.zone): i.points for i in check.intrusions}
    assert zones[("JPN", "territorial sea")] == 1
    assert ("TWN", "territorial sea") not in zones


def test_geometry_collection_keeps_its_point():
    doc = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": POINT_OFF_YONAGUNI},
            {"type": "LineString", "coordinates": [[125, 20], [126, 20]]},
        ],
    }
    check = check_intrusion(parse_geometry(json.dumps(doc)))
    found = {(i.state, i.zone): i for i in check.intrusions}
    assert found[("JPN", "territorial sea")].points == 1
    assert found[("PHL", "EEZ")].length_km > 50
