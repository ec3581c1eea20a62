"""Areas and tracks from KML/KMZ, GPX and CSV: the same answer as from GeoJSON, the same limits."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import geopandas as gpd
import pytest
import shapely

from islandchain.errors import InputError
from islandchain.gisread import parse_track, read_track

TRACK = shapely.LineString([(122.2, 24.0), (122.9, 24.35), (123.6, 24.6)])


def islandchain(*args: str) -> subprocess.CompletedProcess:
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, *args], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def track_files(tmp_path_factory):
    """The same track as GeoJSON, KML, KMZ, GPX and CSV, each written by its own library."""
    folder = tmp_path_factory.mktemp("tracks")
    frame = gpd.GeoDataFrame({"name": ["patrol"]}, geometry=[TRACK], crs="EPSG:4326")
    files = {"geojson": folder / "track.geojson", "kml": folder / "track.kml"}
    frame.to_file(files["geojson"], driver="GeoJSON")
    frame.to_file(files["kml"], driver="KML")
    files["kmz"] = folder / "track.kmz"
    with zipfile.ZipFile(files["kmz"], "w") as kmz:
        kmz.write(files["kml"], "doc.kml")
    files["gpx"] = folder / "track.gpx"
    multi = gpd.GeoDataFrame({"name": ["patrol"]}, geometry=[shapely.MultiLineString([TRACK])])
    multi.set_crs("EPSG:4326").to_file(files["gpx"], driver="GPX", layer="tracks")
    files["csv"] = folder / "track.csv"
    rows = "\n".join(f"{x},{y}" for x, y in TRACK.coords)
    files["csv"].write_text(
        "time,longitude,latitude\n"
        + "\n".join(f"2022-08-0{i + 1},{row}" for i, row in enumerate(rows.splitlines()))
        + "\n"
    )
    return files


@pytest.mark.parametrize("kind", ["kml", "kmz", "gpx", "csv"])
def test_every_format_reads_the_same_track(track_files, kind):
    assert shapely.equals_exact(read_track(track_files[kind]), TRACK, tolerance=1e-9)


def test_zones_check_gives_the_same_answer_from_every_format(track_files):
    answers = {}
    for kind, path in track_files.items():
        res = islandchain("zones", "check", str(path), "--format", "json")
        assert res.returncode == 0, res.stderr
        [doc] = json.loads(res.stdout)
        answers[kind] = (
            [(z["state"], z["zone"], z["length_km"]) for z in doc["zones"]],
            doc["closest_km"],
        )
    assert ("JPN", "territorial sea") in {z[:2] for z in answers["geojson"][0]}
    for kind, answer in answers.items():
        assert answer == answers["geojson"], kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("t.csv", b"x_pos,y_pos\n1,2\n", "no longitude column; name the columns lon and lat"),
        ("t.csv", b"lon,lat\n122,24\n123,north\n", "row 3: lon and lat must be numbers"),
        ("t.csv", b"lon,lat\n", "no positions"),
        ("t.csv", b"lon,lat\n122,24\n123,95\n", "latitude in degrees"),
        ("t.kml", b"<kml><Placemark>", "cannot be read as KML"),
        ("t.kmz", b"not a zip", "not a KMZ (zip) file"),
        ("t.gpx", b'<gpx version="1.1"></gpx>', "no geometry in the file"),
        ("t.shp", b"", "unknown extension '.shp'"),
    ],
)
def test_bad_files_get_one_line(name, data, message):
    with pytest.raises(InputError) as err:
        parse_track(data, name)
    text = str(err.value)
    assert message in text and text.startswith(name) and "\n" not in text


def test_kml_longitudes_outside_degrees_are_refused():
    kml = (
        b'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><LineString><coordinates>'
        b"13600000,2700000 13700000,2800000</coordinates></LineString></Placemark></kml>"
    )
    with pytest.raises(InputError, match="longitude, latitude in degrees"):
        parse_track(kml, "projected.kml")


def test_zones_check_names_a_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    res = islandchain("zones", "check", str(bad))
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "lon and lat" in res.stderr
