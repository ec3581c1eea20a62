"""Tests of `islandchain features` and `islandchain data build --only places`."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from islandchain.cli import cli


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_default_lists_the_hand_edited_gazetteer_and_counts_the_rest():
    res = invoke("features")
    assert res.exit_code == 0
    for name in ("Yonaguni Island", "Japan", "Okinawa Prefecture", "Taiwan Strait", "Guam"):
        assert name in res.output
    assert "Tokyo" not in res.output  # cities are many: listed on request
    assert "city" in res.output.splitlines()[-1] and "--kind city" in res.output


def test_cities_largest_first_with_population():
    res = invoke("features", "--kind", "city", "--admin", "TWN", "--limit", "3")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0].split()[:5] == ["id", "name", "ja/zh", "admin", "population"]
    assert lines[2].split()[:2] == ["taipei", "Taipei"]
    populations = [
        int(re.findall(r"\b\d{1,3}(?:,\d{3})+\b", line)[0].replace(",", "")) for line in lines[2:5]
    ]
    assert populations == sorted(populations, reverse=True)
    assert "3 of" in lines[-1]


def test_min_population_implies_cities():
    res = invoke("features", "--min-population", "5000000")
    assert res.exit_code == 0
    assert "Tokyo" in res.output and "Yonaguni" not in res.output


def test_straits_show_their_shores():
    res = invoke("features", "--kind", "strait")
    assert res.exit_code == 0
    row = next(line for line in res.output.splitlines() if line.startswith("taiwan_strait"))
    assert "Pingtan Island" in row and "Taiwan" in row and row.rstrip().endswith("yes")


@pytest.mark.parametrize("kind", ["airport", "base", "state", "province"])
def test_each_new_kind_lists(kind):
    res = invoke("features", "--kind", kind)
    assert res.exit_code == 0 and f" {kind} " in res.output


def test_unknown_kind_is_one_clear_line():
    res = CliRunner().invoke(cli, ["features", "--kind", "volcano"])
    assert res.exit_code == 2
    assert "'volcano' is not one of" in res.output and "Traceback" not in res.output


def test_data_build_places_rebuilds_the_committed_files_byte_for_byte(tmp_path):
    from islandchain.data import data_dir

    res = invoke("data", "build", "--only", "places", "--out", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert "cities.csv: " in res.output
    geo = data_dir()
    committed = json.loads((geo / "manifest.json").read_text())
    built = json.loads((tmp_path / "manifest.json").read_text())
    for name in ("cities.csv", "airports.csv", "outside.csv"):
        assert (tmp_path / name).read_bytes() == (geo / name).read_bytes(), name
        assert committed["files"][name] == built["files"][name], name
