"""Results as GIS features: read back by geopandas with the right geometry types and fields."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import pytest

from islandchain import check, check_claims, parse_claims
from islandchain.errors import OutputError
from islandchain.gisout import features_bytes, verdict_features, write_features


def islandchain(*args: str, cwd=None) -> subprocess.CompletedProcess:
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, *args], capture_output=True, text=True, timeout=900, cwd=cwd)


UNKNOWN = """
[[claim]]
subject = "Atlantis"
reference = "Taiwan"
distance = 10
"""


@pytest.fixture(scope="module")
def verdicts():
    return [
        check("Yonaguni", "Taiwan", 111, direction="east", cross_check=False),
        *check_claims(parse_claims(UNKNOWN)[1], cross_check=False),
    ]


def test_verify_geojson_reads_back_with_lines_points_and_fields(tmp_path):
    res = islandchain("verify", "--format", "geojson", "--no-cross-check")
    assert res.returncode == 0, res.stderr
    path = tmp_path / "verdicts.geojson"
    path.write_text(res.stdout)
    frame = gpd.read_file(path)
    assert frame.crs.to_epsg() == 4326
    line = frame[(frame["feature"] == "measured line")].set_index("id")
    assert line.geom_type.eq("LineString").all() and len(line) >= 2
    row = line.loc["taiwan-yonaguni-111km-west"]
    assert row["status"] == "holds" and row["measured_km"] == pytest.approx(107.466, abs=0.01)
    # The line's ends are the measured points, which are features of their own.
    points = frame[frame["feature"].isin(["subject point", "reference point"])]
    assert points.geom_type.eq("Point").all()
    ends = points[points["id"] == "taiwan-yonaguni-111km-west"].geometry
    coords = list(row.geometry.coords)
    assert {(round(p.x, 6), round(p.y, 6)) for p in ends} == {
        (round(x, 6), round(y, 6)) for x, y in (coords[0], coords[-1])
    }


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".kml", ".geojson"])
def test_every_format_keeps_geometry_types_and_status(verdicts, tmp_path, suffix):
    path = write_features(verdict_features(verdicts), tmp_path / f"v{suffix}")
    back = gpd.read_parquet(path) if suffix == ".parquet" else gpd.read_file(path)
    held = back[back["status"] == "holds"]
    assert sorted(held.geom_type) == ["LineString", "Point", "Point"]
    # A claim with nothing measured is still in the file, with its reason.
    if suffix != ".kml":  # KML keeps only placemarks with a geometry
        uncheckable = back[back["status"] == "cannot be checked"]
        assert len(uncheckable) == 1 and "Atlantis" in uncheckable["reason"].iloc[0]


def test_unknown_format_is_refused(verdicts):
    with pytest.raises(OutputError, match="use .geojson, .gpkg, .parquet, .kml"):
        features_bytes(verdict_features(verdicts), ".shp")


def test_zones_check_and_chain_write_their_features(tmp_path):
    out = tmp_path / "pla.gpkg"
    res = islandchain("zones", "check", "pla-2022-08-4", "-o", str(out), "--format", "json")
    assert res.returncode == 0, res.stderr
    frame = gpd.read_file(out)
    inside = frame[frame["feature"] == "inside zone"]
    assert {"Polygon", "MultiPolygon"} >= set(inside.geom_type) and len(inside) >= 1
    assert (frame[frame["feature"] == "checked"]["name"] == "pla-2022-08-4").all()
    res = islandchain("chain", "--format", "geojson")
    assert res.returncode == 0, res.stderr
    (tmp_path / "chain.geojson").write_text(res.stdout)
    gaps = gpd.read_file(tmp_path / "chain.geojson")
    assert gaps.geom_type.eq("LineString").all() and "Bashi Channel" in set(gaps["gap"])


def test_output_with_another_extension_is_one_line(tmp_path):
    res = islandchain("verify", "-o", str(tmp_path / "v.shp"))
    assert res.returncode == 2 and "use .geojson, .gpkg, .parquet, .kml" in res.stderr
    assert not (tmp_path / "v.shp").exists()


def test_zones_tables_print_json():
    res = islandchain("zones", "areas", "--format", "json")
    assert res.returncode == 0, res.stderr
    ids = {a["id"] for a in __import__("json").loads(res.stdout)}
    assert "pla-2022-08-4" in ids
    res = islandchain("zones", "cordon", "--nmi", "50", "--format", "json")
    assert res.returncode == 0, res.stderr
    [cordon] = __import__("json").loads(res.stdout)
    assert ("JPN", "territorial sea") in {(z["state"], z["zone"]) for z in cordon["zones"]}
