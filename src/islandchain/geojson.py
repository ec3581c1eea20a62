"""Reading areas and tracks from GeoJSON, strictly: every problem named, nothing guessed.

The reader accepts a geometry, a Feature or a FeatureCollection (RFC 7946),
and the legacy ``crs`` member of GeoJSON 2008 (a named CRS such as
``EPSG:3857`` is transformed to longitude/latitude with pyproj). Lines and
rings that cross the antimeridian are unwrapped, so that a track from 170° E
to 170° W goes east across the date line, as its author meant, not west
round the world.

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "track.geojson"
>>> _ = path.write_text(json.dumps({"type": "LineString", "coordinates": [[170, 24], [-170, 24]]}))
>>> read_geometry(path).bounds
(170.0, 24.0, 190.0, 24.0)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from .errors import InputError
from .io import decode_text, read_bytes

__all__ = [
    "MAX_GEOJSON_BYTES",
    "MAX_VERTICES",
    "parse_geometry",
    "read_geometry",
    "require_valid",
    "unwrap_antimeridian",
]

#: Largest GeoJSON file read, bytes.
MAX_GEOJSON_BYTES = 100 * 1024 * 1024
#: Most vertices in one area or track. Checking a track against the zones takes about
#: 7 KB of memory per vertex (the closest approach to China's coast dominates): 100,000
#: vertices 0.8 GB and 11 s, 200,000 vertices 1.5 GB and 32 s (issue 24, measured with
#: ``check_intrusion``); at 2,000,000 it took 12 GB, so the limit is 250,000 (about 2 GB).
MAX_VERTICES = 250_000
_MAX_DEPTH = 64

_GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
_LONLAT_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:epsg::4326",
    "epsg:4326",
    "crs84",
    "ogc:crs84",
}


def read_geometry(path: str | os.PathLike[str]) -> BaseGeometry:
    """Read an area or track from a GeoJSON file (a geometry, Feature or FeatureCollection).

    Parameters
    ----------
    path : str or path-like
        The file. Coordinates are longitude, latitude in degrees (RFC 7946),
        unless a legacy ``crs`` member names another CRS.

    Returns
    -------
    BaseGeometry
        Valid geometry in lon/lat; several features are united.

    Raises
    ------
    InputError
        Naming the file, the part of it and the fix: a missing or unreadable
        file, JSON that is not GeoJSON, an unknown type, a null or empty
        geometry, coordinates that are not finite numbers or not degrees.
    """
    where = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{where}: no such file")
    if not p.is_file():
        raise InputError(f"{where}: not a file")
    fix = "simplify the geometry first"
    text = decode_text(read_bytes(p, MAX_GEOJSON_BYTES, where, fix), where)
    return parse_geometry(text, where)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def parse_geometry(text: str, where: str = "<geojson>") -> BaseGeometry:
    """Parse GeoJSON text into a valid lon/lat geometry; see :func:`read_geometry`.

    Examples
    --------
    >>> parse_geometry('{"type": "Point", "coordinates": [123.0, 24.4]}').wkt
    'POINT (123 24.4)'
    >>> parse_geometry('{"type": "Banana"}')
    Traceback (most recent call last):
    ...
    islandchain.errors.InputError: <geojson>: "type" is 'Banana'; expected a GeoJSON geometry \
(Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection), \
a Feature or a FeatureCollection
    """
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise InputError(f"{where}: the JSON is nested too deeply to be GeoJSON") from None
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from None
    transformer = _crs_transformer(doc, where)
    named = _geometries(doc, where, "the document", 0, lonlat=transformer is None)
    geoms = [g for g, _ in named]
    if not geoms:
        raise InputError(f"{where}: no geometry in the file")
    nvert = sum(int(shapely.get_num_coordinates(g)) for g in geoms)
    if nvert > MAX_VERTICES:
        raise InputError(
            f"{where}: {nvert:,} vertices is more than the {MAX_VERTICES:,} checked; "
            "simplify the geometry first"
        )
    if transformer is not None:
        geoms = [
            shapely.transform(g, lambda xy: np.column_stack(transformer.transform(*xy.T)))
            for g in geoms
        ]
    geoms_named = list(zip(geoms, (what for _, what in named), strict=True))
    for g in geoms:
        xy = shapely.get_coordinates(g)
        if not np.isfinite(xy).all():
            raise InputError(f"{where}: coordinates must be finite numbers (found NaN or infinity)")
        if np.any(np.abs(xy[:, 1]) > 90) or np.any(np.abs(xy[:, 0]) > 540):
            hint = (
                ' The legacy "crs" member was applied.'
                if transformer is not None
                else ' If they are projected metres, give the "crs" member (e.g. EPSG:3857).'
            )
            raise InputError(
                f"{where}: coordinates must be longitude, latitude in degrees "
                f"(GeoJSON order: lon first).{hint}"
            )
    parts = [require_valid(unwrap_antimeridian(g), f"{where}: {what}") for g, what in geoms_named]
    geom = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    if geom.is_empty:
        raise InputError(f"{where}: the geometry is empty")
    return geom


def _crs_transformer(doc: Any, where: str) -> Transformer | None:
    """A transformer to lon/lat from a legacy ``crs`` member, or None for lon/lat."""
    if not isinstance(doc, dict) or "crs" not in doc or doc["crs"] is None:
        return None
    member = doc["crs"]
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise InputError(
            f'{where}: the "crs" member has no properties.name; give e.g. '
            '{"type": "name", "properties": {"name": "EPSG:3857"}} or drop it for lon/lat'
        )
    if name.strip().lower() in _LONLAT_NAMES:
        return None
    try:
        crs = CRS.from_user_input(name.strip())
    except CRSError:
        raise InputError(f'{where}: the "crs" member names an unknown CRS {name!r}') from None
    return Transformer.from_crs(crs, "OGC:CRS84", always_xy=True)


def _geometries(
    node: Any, where: str, what: str, depth: int, *, lonlat: bool = True
) -> list[tuple[BaseGeometry, str]]:
    if depth > _MAX_DEPTH:
        raise InputError(f"{where}: {what} is nested too deeply")
    if not isinstance(node, dict):
        raise InputError(f"{where}: {what} is not a JSON object")
    kind = node.get("type")
    if kind == "FeatureCollection":
        features = node.get("features")
        if not isinstance(features, list):
            raise InputError(f'{where}: the FeatureCollection has no "features" list')
        out: list[tuple[BaseGeometry, str]] = []
        for i, f in enumerate(features):
            out += _geometries(f, where, f"feature {i}", depth + 1, lonlat=lonlat)
        return out
    if kind == "Feature":
        geometry = node.get("geometry")
        if geometry is None:
            raise InputError(f'{where}: {what} has a null "geometry"; give its coordinates')
        return _geometries(geometry, where, f"the geometry of {what}", depth + 1, lonlat=lonlat)
    if kind == "GeometryCollection":
        members = node.get("geometries")
        if not isinstance(members, list):
            raise InputError(f'{where}: the GeometryCollection in {what} has no "geometries" list')
        out = []
        for i, g in enumerate(members):
            out += _geometries(g, where, f"member {i} of {what}", depth + 1, lonlat=lonlat)
        return out
    if kind not in _GEOMETRY_TYPES:
        raise InputError(
            f'{where}: "type" is {kind!r}; expected a GeoJSON geometry '
            f"({', '.join(_GEOMETRY_TYPES)}), a Feature or a FeatureCollection"
        )
    _check_numbers(node.get("coordinates"), kind, where, what)
    if kind in ("Polygon", "MultiPolygon"):
        _check_rings(node.get("coordinates"), kind, where, what)
    try:
        geom = shapely.geometry.shape(node)
    except (KeyError, TypeError, ValueError, IndexError, shapely.errors.ShapelyError) as exc:
        why = " ".join(str(exc).split())
        raise InputError(f"{where}: {what} is not a valid {kind} ({why})") from None
    if geom.is_empty:
        raise InputError(f"{where}: {what} is an empty {kind}")
    if lonlat:
        _check_longitudes(geom, where, what)
    return [(geom, what)]


def _check_numbers(coords: Any, kind: str, where: str, what: str) -> None:
    """Refuse a coordinate that is not a JSON number: "122.0" or ``true`` is not a longitude."""
    stack = [coords]
    while stack:
        node = stack.pop()
        if not isinstance(node, list):
            continue
        for v in node:
            if isinstance(v, list):
                stack.append(v)
            elif type(v) not in (int, float):
                shown = json.dumps(v)[:40]
                raise InputError(
                    f"{where}: {what} ({kind}) has the coordinate {shown}, a JSON "
                    f"{_json_kind(v)}; positions are numbers, [lon, lat] (RFC 7946 3.1.1)"
                )


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if v is None:
        return "null"
    if isinstance(v, str):
        return "string"
    return "object" if isinstance(v, dict) else type(v).__name__


def require_valid(geom: BaseGeometry, what: str = "the geometry") -> BaseGeometry:
    """``geom`` if its areas are valid (OGC simple features), else an :class:`InputError`.

    A hole outside its shell, a hole equal to its shell, a bow-tie (a ring that crosses
    itself) or overlapping polygons would make an area's share of a zone wrong, so they
    are refused with the part and the fix, never repaired silently. Lines and points
    are returned as they are (shapely.make_valid drops a repeated point).

    >>> bow = shapely.Polygon([(121, 24), (122, 25), (122, 24), (121, 25), (121, 24)])
    >>> require_valid(bow, "track.geojson")
    Traceback (most recent call last):
    ...
    islandchain.errors.InputError: track.geojson: polygon 0 is not a valid area \
(Self-intersection at 121.5, 24.5): a ring must not cross itself or another ring, \
and holes must lie inside their shell (RFC 7946 3.1.6, OGC simple features); redraw \
the rings, or repair them with shapely.make_valid and check the result
    """
    if shapely.is_valid(geom):
        return geom
    polygons = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        return shapely.make_valid(geom)
    bad = next((i for i, g in enumerate(polygons) if not shapely.is_valid(g)), None)
    part = f"polygon {bad}" if bad is not None else "its polygons"
    reason = shapely.is_valid_reason(polygons[bad] if bad is not None else geom)
    reason = _readable_reason(reason if bad is not None else "polygons overlap")
    raise InputError(
        f"{what}: {part} is not a valid area ({reason}): a ring must not cross itself or "
        "another ring, and holes must lie inside their shell (RFC 7946 3.1.6, OGC simple "
        "features); redraw the rings, or repair them with shapely.make_valid and check the result"
    )


def _readable_reason(reason: str) -> str:
    """GEOS's "Self-intersection[121.5 24.5]" as "Self-intersection at 121.5, 24.5"."""
    head, _, rest = reason.partition("[")
    xy = rest.rstrip("]").split()
    if len(xy) == 2:
        try:
            return f"{head} at {float(xy[0]):.6g}, {float(xy[1]):.6g}"
        except ValueError:
            pass
    return head


def _check_rings(coords: Any, kind: str, where: str, what: str) -> None:
    """Refuse a polygon ring that is not closed or has fewer than 4 positions (RFC 7946 3.1.6).

    Malformed nesting is left to shapely, whose message names it.
    """
    polygons = coords if kind == "MultiPolygon" else [coords]
    if not isinstance(polygons, list):
        return
    for p, rings in enumerate(polygons):
        if not isinstance(rings, list):
            return
        for r, ring in enumerate(rings):
            if not isinstance(ring, list) or not ring:
                continue
            part = f"polygon {p}, ring {r}" if kind == "MultiPolygon" else f"ring {r}"
            if len(ring) < 4:
                raise InputError(
                    f"{where}: {what}, {part}: a ring needs at least 4 positions, the last "
                    f"equal to the first (RFC 7946); it has {len(ring)}"
                )
            if ring[0] != ring[-1]:
                raise InputError(
                    f"{where}: {what}, {part}: the ring is not closed; repeat its first "
                    f"position {ring[0]} at the end (RFC 7946)"
                )


def _check_longitudes(geom: BaseGeometry, where: str, what: str) -> None:
    """Refuse a longitude outside [-180, 180] (RFC 7946 positions), naming the fix.

    Values that are plainly not degrees (latitude beyond 90, longitude beyond
    540) are left to the caller's check, which suggests the "crs" member.
    """
    xy = shapely.get_coordinates(geom)
    if not np.isfinite(xy).all() or np.any(np.abs(xy[:, 1]) > 90) or np.any(np.abs(xy[:, 0]) > 540):
        return
    bad = np.flatnonzero(np.abs(xy[:, 0]) > 180)
    if bad.size:
        i = int(bad[0])
        lon = float(xy[i, 0])
        fixed = (lon + 180.0) % 360.0 - 180.0
        raise InputError(
            f"{where}: {what}, position {i}: longitude {lon:g} is outside [-180, 180] "
            f"(RFC 7946); write it as {fixed:g}"
        )


def unwrap_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Make longitudes continuous along each line and ring (no jump over 180°).

    A track from 170° E to 170° W goes east across the date line (to 190°), as its
    author meant, not west round the world; geometries that do not jump are returned
    as they are. The command line and :func:`islandchain.zones.check_intrusion` both
    read areas and tracks through it.

    >>> unwrap_antimeridian(shapely.LineString([(170, 0), (-170, 0)])).bounds
    (170.0, 0.0, 190.0, 0.0)
    """
    xy = shapely.get_coordinates(geom)
    if len(xy) < 2 or np.ptp(xy[:, 0]) <= 180:
        return geom

    def fix(coords: np.ndarray) -> np.ndarray:
        lon = np.unwrap(coords[:, 0], period=360.0)
        if lon.mean() < -180:
            lon += 360.0
        elif lon.mean() > 180 + 180:
            lon -= 360.0
        return np.column_stack([lon, coords[:, 1]])

    def rebuild(g: Any) -> Any:
        kind = g.geom_type
        if kind == "LineString":
            return shapely.LineString(fix(np.asarray(g.coords)))
        if kind == "LinearRing":
            return shapely.LinearRing(fix(np.asarray(g.coords)))
        if kind == "Polygon":
            return shapely.Polygon(
                fix(np.asarray(g.exterior.coords)),
                [fix(np.asarray(r.coords)) for r in g.interiors],
            )
        if kind == "Point":
            return g
        parts = [rebuild(p) for p in shapely.get_parts(g)]
        if kind == "GeometryCollection":
            return shapely.GeometryCollection(parts)
        return type(g)(parts)

    return rebuild(geom)
