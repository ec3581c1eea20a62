"""The cache of derived geometry serves only what was written under a name (islandchain.cache)."""

from __future__ import annotations

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
import shapely

from islandchain import cache
from islandchain.cache import cached_columns, cached_frame, cached_geometry


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    return tmp_path


def _builder(n: int, calls: list):
    def build() -> gpd.GeoDataFrame:
        calls.append(n)
        boxes = [shapely.box(i, 0, i + 1, 1) for i in range(n)]
        return gpd.GeoDataFrame({"name": [f"r{i}" for i in range(n)]}, geometry=boxes, crs=4326)

    return build


def _path(folder, name, params):
    return folder / cache.cache_key(name, params)


def _read(reader: str, name: str, build):
    """The rows a reader returns, as (names, geometries)."""
    if reader == "frame":
        frame = cached_frame(name, {}, build)
        return list(frame["name"]), list(frame.geometry)
    columns = cached_columns(name, {}, build, ("name", "geometry"))
    return list(columns["name"]), list(columns["geometry"])


@pytest.mark.parametrize("reader", ["frame", "columns"])
def test_an_emptied_file_is_rebuilt_not_served(folder, reader):
    calls: list = []
    build = _builder(3, calls)
    want = _read(reader, "zones", build)
    path = _path(folder, "zones", {})
    table = pq.read_table(path)
    pq.write_table(table.slice(0, 0), path)  # keeps the schema and its metadata
    assert pq.read_schema(path).metadata == table.schema.metadata
    got = _read(reader, "zones", build)
    assert got[0] == want[0] == ["r0", "r1", "r2"] and len(calls) == 2
    assert all(a.equals(b) for a, b in zip(got[1], want[1], strict=True))
    # Rebuilt once, atomically: the next read is served from the file.
    assert _read(reader, "zones", build)[0] == want[0] and len(calls) == 2
    assert pq.read_metadata(path).num_rows == 3


@pytest.mark.parametrize("reader", ["frame", "columns"])
def test_another_results_file_copied_over_is_rebuilt(folder, reader):
    calls: list = []
    _read(reader, "zones", _builder(3, calls))
    _read(reader, "adiz", _builder(1, calls))
    _path(folder, "zones", {}).write_bytes(_path(folder, "adiz", {}).read_bytes())
    got = _read(reader, "zones", _builder(3, calls))
    assert got[0] == ["r0", "r1", "r2"] and calls == [3, 1, 3]


def test_a_changed_geometry_of_the_same_row_count_is_rebuilt(folder):
    calls: list = []
    cached_frame("zones", {}, _builder(2, calls))
    path = _path(folder, "zones", {})
    frame = gpd.read_parquet(path)
    frame.geometry = [shapely.box(5, 5, 6, 6), shapely.box(7, 7, 8, 8)]
    table = pq.read_table(path)
    frame.to_parquet(path)
    moved = pq.read_table(path).replace_schema_metadata(table.schema.metadata)
    pq.write_table(moved, path)  # the old stamp, the same rows, other geometry
    got = cached_frame("zones", {}, _builder(2, calls))
    assert got.geometry.iloc[0].equals(shapely.box(0, 0, 1, 1)) and len(calls) == 2


def test_an_empty_geometry_file_is_rebuilt(folder):
    calls: list = []

    def build():
        calls.append(1)
        return shapely.box(0, 0, 1, 1)

    first = cached_geometry("land", {}, build)
    path = _path(folder, "land", {})
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    assert cached_geometry("land", {}, build).equals(first) and len(calls) == 2


def test_a_file_written_before_the_stamp_is_rebuilt_once(folder):
    calls: list = []
    build = _builder(2, calls)
    path = _path(folder, "zones", {})
    build().to_parquet(path)  # a file as written before the stamp, with no record
    assert cached_columns("zones", {}, build, ("name",))["name"].tolist() == ["r0", "r1"]
    assert len(calls) == 2
    assert cached_frame("zones", {}, build)["name"].tolist() == ["r0", "r1"]
    assert len(calls) == 2  # the rebuilt file carries the stamp and is served


def test_an_unwritable_cache_folder_is_named_once_per_process(tmp_path, monkeypatch):
    from islandchain.errors import CacheWarning

    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file")
    monkeypatch.setenv(cache.CACHE_ENV, str(not_a_folder))
    monkeypatch.setattr(cache, "_WARNED", set())
    with pytest.warns(CacheWarning) as seen:
        for size in (1, 2):  # two results, both rebuilt, one warning
            assert cached_geometry("box", {"size": size}, lambda: shapely.box(0, 0, 1, 1))
    assert len(seen) == 1
    message = str(seen[0].message)
    assert str(not_a_folder) in message and "not a folder" in message
    assert f"set {cache.CACHE_ENV} to a writable folder" in message


def test_the_command_line_shows_the_cache_warning_as_one_line(tmp_path, monkeypatch, capsys):
    import click

    from islandchain.cli._common import run_safely

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "cache").write_text("a file")
    monkeypatch.setattr(cache, "_WARNED", set())

    @click.command()
    def command() -> None:
        for size in (1, 2):
            cached_geometry("box", {"size": size}, lambda: shapely.box(0, 0, 1, 1))
        click.echo("done")

    monkeypatch.setattr("sys.argv", ["islandchain"])
    with pytest.raises(SystemExit) as done:
        run_safely(command)
    out, err = capsys.readouterr()
    assert done.value.code == 0 and out == "done\n"
    assert err.startswith("islandchain: warning: cache folder") and err.count("\n") == 1
    assert "Traceback" not in err and "CacheWarning" not in err
