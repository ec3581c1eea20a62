"""Derived geometry kept between runs: zones, cordons and buffers as GeoParquet files.

Building the maritime zones of a region takes tens of seconds; they depend
only on the data files under ``geo/``, the code that builds them and the
parameters asked for. Each result is stored once as a GeoParquet file in the
user's cache folder (``platformdirs.user_cache_dir("islandchain")``, or the
folder named by the environment variable ``ISLANDCHAIN_CACHE_DIR``), under a
name that carries a hash of all three. A change of data, code or parameters
gives a new name, so a stale file is never read; ``islandchain data cache
--clear`` removes them all. Each file also records, in its Parquet key-value
metadata, the name it was written under, its row count and a hash of its
geometry; a file that does not match them (emptied, copied over another, or
written before they were recorded) is built again, never served.

>>> import os, tempfile
>>> saved = os.environ.get(CACHE_ENV)
>>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
>>> import shapely
>>> calls = []
>>> def build():
...     calls.append(1)
...     return shapely.box(0, 0, 1, 1)
>>> a = cached_geometry("example", {"size": 1}, build)
>>> b = cached_geometry("example", {"size": 1}, build)
>>> a.equals(b), len(calls)
(True, 1)
>>> clear()
1
>>> _ = os.environ.pop(CACHE_ENV) if saved is None else os.environ.update({CACHE_ENV: saved})
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from .atomic import write_atomic
from .errors import CacheWarning, OutputError
from .paths import data_dir

if TYPE_CHECKING:
    import geopandas as gpd
    import pyarrow as pa

__all__ = [
    "CACHE_ENV",
    "cache_dir",
    "cache_key",
    "cached_columns",
    "cached_frame",
    "cached_geometry",
    "clear",
]

#: The environment variable that overrides the cache folder.
CACHE_ENV = "ISLANDCHAIN_CACHE_DIR"
# Raised by hand when the stored layout changes.
_LAYOUT = 1
# The Parquet key-value metadata entry that says what a cached file holds.
_STAMP = b"islandchain"


class _Mismatch(ValueError):
    """A cached file whose content is not what its name says."""


# The modules whose code decides the geometry that is cached.
_MODULES = ("cache.py", "data.py", "geodesy", "published.py", "zones.py")


def cache_dir() -> Path:
    """The folder holding the cached files (it may not exist yet).

    Examples
    --------
    >>> cache_dir().name in ("islandchain", os.path.basename(os.environ.get(CACHE_ENV, "")))
    True
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("islandchain"))


@cache
def _version(data: Path) -> str:
    """A hash of every data file and of the code that derives geometry from them."""
    h = hashlib.sha256(f"layout {_LAYOUT}".encode())
    files = sorted(p for p in data.iterdir() if p.is_file() and p.suffix != ".md")
    here = Path(__file__).parent
    for name in _MODULES:  # a module, or a package: every module in it
        path = here / name
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    for path in files:
        h.update(path.name.encode() + b"\0")
        with open(path, "rb") as fh:
            for block in iter(partial(fh.read, 1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def cache_key(name: str, params: dict) -> str:
    """The file name of a result: its name and a hash of data, code and parameters.

    Examples
    --------
    >>> cache_key("zones", {"nmi": 12}) == cache_key("zones", {"nmi": 12})
    True
    >>> cache_key("zones", {"nmi": 12}) == cache_key("zones", {"nmi": 24})
    False
    """
    doc = json.dumps([name, params, _version(data_dir())], sort_keys=True, default=str)
    return f"{name}-{hashlib.sha256(doc.encode()).hexdigest()[:24]}.parquet"


def cached_frame(
    name: str, params: dict, build: Callable[[], gpd.GeoDataFrame]
) -> gpd.GeoDataFrame:
    """A GeoDataFrame from the cache, or built by ``build()`` and stored.

    Parameters
    ----------
    name : str
        What the frame is (part of the file name).
    params : dict
        Everything besides the data and the code that the result depends on;
        JSON-serialisable.
    build : callable
        Makes the frame when it is not cached (EPSG:4326).

    Returns
    -------
    GeoDataFrame
        The same rows, columns and geometry ``build()`` gives.
    """
    import geopandas as gpd

    path = cache_dir() / cache_key(name, params)
    if path.is_file():
        try:
            data = path.read_bytes()
            _verify(data, path.name, ())  # every column, so that all of it is checked
            return gpd.read_parquet(io.BytesIO(data)).set_crs(4326, allow_override=True)
        except (OSError, ValueError):  # unreadable, half-written or not what it says: build again
            pass
    frame = build()
    _store(path, frame)
    return frame


def cached_columns(
    name: str, params: dict, build: Callable[[], gpd.GeoDataFrame], columns: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Some columns of a cached frame as arrays, read without loading geopandas.

    As :func:`cached_frame`, but returns only ``columns``, each a NumPy array
    (``"geometry"`` an array of shapely geometries). A command that needs a
    few columns of a cached frame reads them with pyarrow and shapely alone,
    sparing the import of pandas and geopandas; the frame is built (and
    stored) as :func:`cached_frame` builds it when it is not cached.

    Examples
    --------
    >>> import os, tempfile
    >>> saved = os.environ.get(CACHE_ENV)
    >>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
    >>> import geopandas as gpd
    >>> def build():
    ...     return gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326)
    >>> first = cached_columns("example", {}, build, ("name", "geometry"))
    >>> again = cached_columns("example", {}, build, ("name", "geometry"))
    >>> again["name"].tolist(), again["geometry"][0].equals(first["geometry"][0])
    (['a'], True)
    >>> _ = clear()
    >>> _ = os.environ.pop(CACHE_ENV) if saved is None else os.environ.update({CACHE_ENV: saved})
    """
    path = cache_dir() / cache_key(name, params)
    if path.is_file():
        try:
            return _read_columns(path, columns)
        except (OSError, ValueError, KeyError):  # unreadable, half-written or wrong: build again
            pass
    frame = cached_frame(name, params, build)
    return {
        c: frame.geometry.to_numpy() if c == "geometry" else frame[c].to_numpy() for c in columns
    }


def _read_columns(path: Path, columns: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Columns of a GeoParquet file written by :func:`_store` (geometry as WKB)."""
    import pyarrow as pa

    table = _verify(path.read_bytes(), path.name, columns)
    out = {}
    for c in columns:
        column = table.column(c)
        kind = float if pa.types.is_floating(column.type) else object  # null -> NaN
        values = np.array(column.to_pylist(), dtype=kind)
        out[c] = shapely.from_wkb(values) if c == "geometry" else values
    return out


def cached_geometry(name: str, params: dict, build: Callable[[], shapely.Geometry]):
    """A single geometry from the cache, or built by ``build()`` and stored.

    As :func:`cached_frame`, for one geometry.
    """

    def frame() -> gpd.GeoDataFrame:
        import geopandas as gpd

        return gpd.GeoDataFrame(geometry=[build()], crs="EPSG:4326")

    return cached_columns(name, params, frame, ("geometry",))["geometry"][0]


def _digest(table: pa.Table) -> str:
    """A hash of a table's geometry column as stored (WKB), or "" without one."""
    if "geometry" not in table.column_names:
        return ""
    values = table.column("geometry").to_pylist()
    sizes = np.array([-1 if v is None else len(v) for v in values], dtype="<i8")  # -1: null
    h = hashlib.sha256(sizes.tobytes())
    h.update(b"".join(v for v in values if v))
    return h.hexdigest()


def _verify(data: bytes, key: str, columns: tuple[str, ...]) -> pa.Table:
    """The columns (all if empty) of a cached file's bytes, checked against its stamp.

    Raises ``_Mismatch`` (a ValueError) when the file does not record that it
    was written under ``key``, or its rows or geometry differ from what it
    records; a file written before the stamp existed has none, and is rebuilt.

    Examples
    --------
    >>> import geopandas as gpd
    >>> frame = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1)], crs=4326)
    >>> data = _stamped(frame, "a.parquet")
    >>> _verify(data, "a.parquet", ("geometry",)).num_rows
    1
    >>> _verify(data, "b.parquet", ("geometry",))
    Traceback (most recent call last):
    ...
    islandchain.cache._Mismatch: written as 'a.parquet', read as 'b.parquet'
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    # ParquetFile, not read_table, and lists, not to_numpy: both of those load pandas.
    source = pq.ParquetFile(pa.BufferReader(data))
    raw = (source.schema_arrow.metadata or {}).get(_STAMP)
    if raw is None:
        raise _Mismatch("no record of what the file holds")
    stamp = json.loads(raw)
    if stamp.get("key") != key:
        raise _Mismatch(f"written as {stamp.get('key')!r}, read as {key!r}")
    if source.metadata.num_rows != stamp.get("rows"):
        raise _Mismatch(f"{source.metadata.num_rows} rows, written with {stamp.get('rows')}")
    wanted = list(columns) if columns else None
    if wanted is not None and "geometry" not in wanted and stamp.get("geometry"):
        wanted.append("geometry")  # read to check it, even when not asked for
    table = source.read(columns=wanted)
    if _digest(table) != stamp.get("geometry", ""):
        raise _Mismatch("the geometry differs from the geometry written")
    return table


def _stamped(frame: gpd.GeoDataFrame, key: str) -> bytes:
    """A frame as GeoParquet bytes whose metadata records ``key``, its rows and geometry."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    table = pq.ParquetFile(pa.BufferReader(buffer.getvalue())).read()
    stamp = {"key": key, "rows": table.num_rows, "geometry": _digest(table)}
    metadata = {**(table.schema.metadata or {}), _STAMP: json.dumps(stamp).encode()}
    out = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), out)
    return out.getvalue()


def _store(path: Path, frame: gpd.GeoDataFrame) -> None:
    data = _stamped(frame, path.name)
    try:
        write_atomic(path, data)
    except OutputError as exc:  # a read-only cache folder: the result is still returned
        _warn_unwritable(path.parent, exc)


# The cache folders already warned about in this process.
_WARNED: set[str] = set()


def _warn_unwritable(folder: Path, exc: OutputError) -> None:
    """Warn once per process and folder that results cannot be stored there."""
    if str(folder) in _WARNED:
        return
    _WARNED.add(str(folder))
    reason = "it is a file, not a folder" if folder.is_file() else str(exc)
    warnings.warn(
        f"cache folder {str(folder)!r} cannot be written ({reason}): every run builds its "
        f"zones and map land again (seconds each); set {CACHE_ENV} to a writable folder",
        CacheWarning,
        stacklevel=2,
    )


def clear() -> int:
    """Remove every cached file, and temporary files a killed write left; return how many."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in [*folder.glob("*.parquet"), *folder.glob(".*.tmp")]:
        path.unlink(missing_ok=True)
        removed += 1
    return removed
