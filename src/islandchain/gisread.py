"""Areas and tracks from KML/KMZ (Google Earth), GPX (a GPS) and CSV positions, as from GeoJSON.

Each format is read by the library made for it (GDAL's KML and GPX drivers
through pyogrio, pandas for CSV); the geometry found is then handed to
:func:`islandchain.geojson.parse_geometry`, so that every format has the same
limits and the same one-line errors (coordinates in degrees, at most
:data:`~islandchain.geojson.MAX_VERTICES` vertices, tracks across the
antimeridian unwrapped). A CSV's rows, in order, are one track (one point if
there is one row); its columns are found by name (``lon``/``lat``,
``longitude``/``latitude``, ``x``/``y``: :data:`islandchain.vocabulary.LON_COLUMNS`).

>>> parse_track(b"lat,lon\\n24.0,122.0\\n24.5,123.0\\n", "track.csv").wkt
'LINESTRING (122 24, 123 24.5)'
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from .errors import InputError
from .geojson import MAX_GEOJSON_BYTES, MAX_VERTICES, parse_geometry, read_geometry
from .vocabulary import LAT_COLUMNS, LON_COLUMNS

__all__ = ["TRACK_SUFFIXES", "parse_track", "read_track"]

#: The extensions an area or track is read from.
TRACK_SUFFIXES = (".geojson", ".json", ".kml", ".kmz", ".gpx", ".csv")
#: GPX layers, in the order they are tried: a recorded track, a planned route, waypoints.
_GPX_LAYERS = ("tracks", "routes", "waypoints")


def read_track(path: str | os.PathLike[str]) -> BaseGeometry:
    """Read an area or track from a GeoJSON, KML, KMZ, GPX or CSV file (by its extension).

    Raises
    ------
    InputError
        One line naming the file, what is wrong and the fix.
    """
    where, p = str(path), Path(path)
    if p.suffix.lower() in (".geojson", ".json"):
        return read_geometry(path)
    if not p.is_file():
        raise InputError(f"{where}: {'not a file' if p.exists() else 'no such file'}")
    try:
        with p.open("rb") as file:  # one byte over the limit is enough to refuse it
            data = file.read(MAX_GEOJSON_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{where}: cannot read ({exc.strerror or exc})") from None
    return parse_track(data, where)


def parse_track(data: bytes, where: str) -> BaseGeometry:
    """Read the bytes of a file named ``where``; its extension chooses the format."""
    suffix = Path(where).suffix.lower()
    if suffix not in TRACK_SUFFIXES:
        raise InputError(
            f"{where}: unknown extension {suffix or '(none)'!r}; give a "
            f"{', '.join(TRACK_SUFFIXES)} file"
        )
    if len(data) > MAX_GEOJSON_BYTES:
        raise InputError(
            f"{where}: more than the {MAX_GEOJSON_BYTES:,} bytes read; simplify the geometry first"
        )
    if suffix in (".geojson", ".json"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{where}: not UTF-8 text; GeoJSON files are UTF-8") from None
        return parse_geometry(text, where)
    if suffix == ".csv":
        geoms = [_csv_track(data, where)]
    else:
        if suffix == ".kmz":
            data = _kml_in_kmz(data, where)
        geoms = _ogr_geometries(data, where, _GPX_LAYERS if suffix == ".gpx" else (None,))
    nvert = sum(int(shapely.get_num_coordinates(g)) for g in geoms)
    if nvert > MAX_VERTICES:
        raise InputError(
            f"{where}: {nvert:,} vertices is more than the {MAX_VERTICES:,} checked; "
            "simplify the geometry first"
        )
    # The GeoJSON reader's checks, limits and messages, on what the driver found.
    doc = shapely.to_geojson(shapely.GeometryCollection(geoms))
    return parse_geometry(doc, where)


def _kml_in_kmz(data: bytes, where: str) -> bytes:
    """The main KML document of a KMZ (a zip), its size bounded before it is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as kmz:
            docs = [i for i in kmz.infolist() if i.filename.lower().endswith(".kml")]
            if not docs:
                raise InputError(f"{where}: a KMZ must hold a .kml document; none found")
            doc = next((i for i in docs if i.filename.lower() == "doc.kml"), docs[0])
            if doc.file_size > MAX_GEOJSON_BYTES:
                raise InputError(
                    f"{where}: its KML is {doc.file_size:,} bytes unpacked, more than the "
                    f"{MAX_GEOJSON_BYTES:,} read"
                )
            return kmz.read(doc)
    except zipfile.BadZipFile:
        raise InputError(
            f"{where}: not a KMZ (zip) file; save it again from Google Earth"
        ) from None


def _ogr_geometries(data: bytes, where: str, layers: tuple[str | None, ...]) -> list[BaseGeometry]:
    """The geometries of the first non-empty layer GDAL reads (KML placemarks, GPX tracks)."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    for layer in layers:
        try:
            frame = pyogrio.read_dataframe(io.BytesIO(data), layer=layer)
        except (DataSourceError, DataLayerError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"{where}: cannot be read as {Path(where).suffix[1:].upper()} ({first[:160]})"
            ) from None
        geoms = [g for g in frame.geometry if g is not None and not g.is_empty]
        if geoms:
            return [_single(g) for g in geoms]
    raise InputError(f"{where}: no geometry in the file (no placemark, track, route or point)")


def _single(geom: BaseGeometry) -> BaseGeometry:
    """A multi-part geometry of one part as that part (a GPX track of one segment is a line)."""
    parts = shapely.get_parts(geom)
    return parts[0] if len(parts) == 1 else geom


def _csv_track(data: bytes, where: str) -> BaseGeometry:
    """The positions of a CSV, in row order: a track, or a point for one row."""
    import numpy as np
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skipinitialspace=True)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(
            f"{where}: not a CSV of positions ({str(exc).splitlines()[0][:160]})"
        ) from None
    columns = {str(c).strip().lower(): c for c in frame.columns}
    lon = next((columns[n] for n in LON_COLUMNS if n in columns), None)
    lat = next((columns[n] for n in LAT_COLUMNS if n in columns), None)
    if lon is None or lat is None:
        raise InputError(
            f"{where}: no {'longitude' if lon is None else 'latitude'} column; name the columns "
            f"lon and lat (found: {', '.join(map(str, frame.columns[:8])) or 'none'})"
        )
    xy = frame[[lon, lat]].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(xy).all(axis=1))
    if bad.size:
        raise InputError(
            f"{where}: row {int(bad[0]) + 2}: {lon!s} and {lat!s} must be numbers in degrees"
        )
    if len(xy) == 0:
        raise InputError(f"{where}: no positions (the CSV has a header and no rows)")
    return shapely.Point(xy[0]) if len(xy) == 1 else shapely.LineString(xy)
