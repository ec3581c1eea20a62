"""Results as GIS features: GeoJSON, GeoPackage, GeoParquet and KML, written by geopandas/pyogrio.

One writer for every command (:func:`write_features`; the format follows the
extension, the write is atomic) and one builder per kind of result, each a
GeoDataFrame in EPSG:4326 whose properties are the fields the command prints:

- :func:`verdict_features`: per verdict, the measured line and the two measured
  points (``feature`` says which), with the verdict's fields;
- :func:`zone_features`: what was checked, and the part of it inside each zone;
- :func:`gap_features`: each gap of the chain as the geodesic across it.

>>> import tempfile, pathlib, geopandas
>>> from islandchain import check
>>> frame = verdict_features([check("Yonaguni", "Taiwan", 111, cross_check=False)])
>>> path = write_features(frame, pathlib.Path(tempfile.mkdtemp()) / "verdicts.gpkg")
>>> back = geopandas.read_file(path)
>>> sorted(back.geom_type), back["status"].iloc[0]
(['LineString', 'Point', 'Point'], 'holds')
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import shapely

from .atomic import write_atomic
from .errors import OutputError

__all__ = [
    "GIS_SUFFIXES",
    "features_bytes",
    "gap_features",
    "geojson_text",
    "verdict_features",
    "write_features",
    "zone_features",
]

#: Extension -> (pyogrio driver, or "parquet" for GeoParquet through pyarrow).
GIS_SUFFIXES: dict[str, str] = {
    ".geojson": "GeoJSON",
    ".gpkg": "GPKG",
    ".parquet": "parquet",
    ".kml": "KML",
}


def _frame(records: Sequence[dict[str, Any]], geometries: Sequence[Any]) -> Any:
    """The features; in a column of numbers, an empty field is a null, not a text."""
    import geopandas as gpd

    frame = gpd.GeoDataFrame(list(records), geometry=list(geometries), crs="EPSG:4326")
    for name in frame.columns.drop("geometry"):
        values = [v for v in frame[name] if v is not None and v != ""]
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        if values and numbers:
            frame[name] = [None if v == "" else v for v in frame[name]]
    return frame


def _scalar(value: object) -> object:
    """A property every format holds: lists and tables as JSON text."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def verdict_features(verdicts: Iterable[object]) -> Any:
    """Each verdict's measured line and points, with its fields as properties.

    A verdict with nothing measured (cannot be checked) is one feature with no
    geometry, so that every claim is in the file.
    """
    from .report import flat_record

    records, geoms = [], []
    for v in verdicts:
        props = {k: _scalar(x) for k, x in flat_record(v).items()}  # type: ignore[arg-type]
        line = getattr(v, "line", None)
        parts = [("measured line", line)] if line is not None else []
        for role in ("subject", "reference"):
            xy = getattr(v, f"{role}_point", None)
            if xy is not None:
                parts.append((f"{role} point", shapely.Point(xy)))
        for name, geom in parts or [("claim", None)]:
            records.append({"feature": name, **props})
            geoms.append(geom)
    return _frame(records, geoms)


def zone_features(name: str, geometry: Any, check: Any, zones: Any = None) -> Any:
    """What was checked (one feature) and its part inside each zone it enters.

    ``check`` is the :class:`~islandchain.zones.ZoneCheck` of ``geometry``;
    ``zones`` the zones it was checked against (by default those of
    :func:`~islandchain.zones.check_intrusion`).
    """
    import pandas as pd

    from .zones import adiz_zones, maritime_zones

    if zones is None:
        zones = pd.concat([maritime_zones(), adiz_zones()], ignore_index=True)
    closest = {f"closest_{s}_km": round(km, 3) for s, km in check.closest_km.items()}
    records: list[dict[str, Any]] = [
        {"feature": "checked", "name": name, "state": "", "zone": "", **closest}
    ]
    geoms = [geometry]
    for i in check.intrusions:
        row = zones[(zones["state"] == i.state) & (zones["zone"] == i.zone)]
        inside = shapely.intersection(geometry, shapely.union_all(row.geometry.to_numpy()))
        records.append(
            {
                "feature": "inside zone",
                "name": name,
                "state": i.state,
                "zone": i.zone,
                "nmi": i.nmi,
                "area_km2": round(i.area_km2, 3),
                "length_km": round(i.length_km, 3),
                "points": i.points,
                "note": i.note,
            }
        )
        geoms.append(inside)
    return _frame(records, geoms)


def gap_features(rows: Sequence[dict[str, Any]], points: Sequence[tuple[Any, Any]]) -> Any:
    """Each gap as the geodesic between its two measured points, ``rows`` as properties."""
    from .geodesy.lines import geodesic_line

    geoms = [geodesic_line(*a, *b) for a, b in points]
    return _frame([{k: _scalar(v) for k, v in r.items()} for r in rows], geoms)


def geojson_text(frame: Any) -> str:
    """The features as a GeoJSON FeatureCollection (RFC 7946: lon/lat, no ``crs``)."""
    return str(frame.to_json(na="null", show_bbox=False, drop_id=True, ensure_ascii=False))


def features_bytes(frame: Any, suffix: str) -> bytes:
    """The features in the format of ``suffix`` (.geojson, .gpkg, .parquet, .kml), as bytes."""
    driver = GIS_SUFFIXES.get(suffix.lower())
    if driver is None:
        raise OutputError(f"unknown GIS format {suffix!r}: use {', '.join(GIS_SUFFIXES)}")
    if driver == "GeoJSON":
        return geojson_text(frame).encode()
    buf = io.BytesIO()
    if driver == "parquet":
        frame.to_parquet(buf, index=False)
    else:
        import pyogrio

        options: dict[str, Any] = {"geometry_type": "Unknown"} if driver == "GPKG" else {}
        layer = "islandchain"
        pyogrio.write_dataframe(frame, buf, driver=driver, layer=layer, **options)
    return buf.getvalue()


def write_features(frame: Any, path: str | os.PathLike[str]) -> Path:
    """Write features to ``path`` atomically; the extension chooses the format.

    Raises
    ------
    OutputError
        For another extension, or when the file cannot be written.
    """
    return write_atomic(path, features_bytes(frame, Path(path).suffix))
