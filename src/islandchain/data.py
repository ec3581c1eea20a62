"""Land polygons, the gazetteer of named features, and name resolution.

The data live under ``geo/`` (see ``geo/README.md``): the land polygons of two
sources (OpenStreetMap, the reference; GSHHG, the cross-check) and
``gazetteer.csv``, one row per named feature. A feature's geometry is made at
load time from the land polygons, as the row's ``extent`` says:

``""`` (empty)
    the land polygon that holds the anchor, or the nearest one; for capes,
    ports and bases the anchor point itself.
``members:a|b``
    the union of other features' geometries.
``bbox:minx,miny,maxx,maxy``
    the union of every land polygon that intersects the box.
``clip:minx,miny,maxx,maxy``
    the anchor's polygon clipped to the box (used for the Chinese mainland,
    whose polygon is all of Eurasia).

Everything is read once per process and cached.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from rapidfuzz import fuzz, process

from .errors import DataError, InputError, IslandchainError, UnknownPlaceError

__all__ = [
    "GAZETTEER_COLUMNS",
    "LAND_SOURCES",
    "POINT_KINDS",
    "AnchorCheck",
    "check_anchors",
    "data_dir",
    "feature",
    "features",
    "gazetteer",
    "land",
    "resolve",
    "state_land",
]

GAZETTEER_COLUMNS = (
    "id",
    "name",
    "name_ja",
    "name_zh",
    "aliases",
    "kind",
    "admin",
    "claimants",
    "lon",
    "lat",
    "extent",
    "coord_source",
)
#: Kinds whose geometry is the anchor point itself rather than a land polygon.
POINT_KINDS = frozenset({"cape", "port", "base"})
KINDS = frozenset({"island", "islet", "island_group", "cape", "port", "base", "region"})
LAND_SOURCES = ("osm", "gshhg")

_GEOD = Geod(ellps="WGS84")


def data_dir() -> Path:
    """Return the folder holding the geodata.

    ``ISLANDCHAIN_DATA`` overrides it; otherwise the data installed with the
    package (``islandchain/geo``, a link to the checkout's ``geo/`` folder in
    a source tree, copied into the wheel) is used, as pyproj finds its data.

    Returns
    -------
    Path
        The data folder.

    Examples
    --------
    >>> (data_dir() / "gazetteer.csv").exists()
    True
    """
    env = os.environ.get("ISLANDCHAIN_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "geo"


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataError(
            f"missing data file {path}. Set ISLANDCHAIN_DATA to the folder holding "
            "islandchain's geo/ data, or rebuild it with `islandchain data build`."
        )
    return path


@cache
def land(source: str = "osm") -> gpd.GeoDataFrame:
    """Return the land polygons of one source, clipped to the region.

    Parameters
    ----------
    source : {"osm", "gshhg"}
        ``"osm"``: OpenStreetMap land polygons, the reference for every
        measurement. ``"gshhg"``: GSHHG 2.3.7 full resolution, kept to measure
        how far results depend on the coastline source.

    Returns
    -------
    GeoDataFrame
        One polygon per row (EPSG:4326), column ``polygon_id``.

    Examples
    --------
    >>> land().crs.to_epsg()
    4326
    """
    if source not in LAND_SOURCES:
        raise InputError(f"unknown land source {source!r}: use one of {', '.join(LAND_SOURCES)}")
    frame = gpd.read_parquet(_require(data_dir() / f"land_{source}.parquet"))
    # GeoParquet stores OGC:CRS84 (lon/lat); EPSG:4326 is the same datum and
    # the name every GIS tool expects.
    return frame.set_crs(4326, allow_override=True)


@cache
def _land_index(source: str) -> tuple[np.ndarray, shapely.STRtree]:
    polygons = land(source).geometry.to_numpy()
    return polygons, shapely.STRtree(polygons)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@cache
def gazetteer() -> pd.DataFrame:
    """Return the gazetteer as read from ``geo/gazetteer.csv``.

    Returns
    -------
    DataFrame
        One row per named feature with the columns of
        :data:`GAZETTEER_COLUMNS`; ``aliases``, ``admin`` and ``claimants``
        are tuples, ``lon``/``lat`` floats.

    Examples
    --------
    >>> gazetteer().loc[gazetteer().id == "yonaguni", "admin"].item()
    ('JPN',)
    """
    path = _require(data_dir() / "gazetteer.csv")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = set(GAZETTEER_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise DataError(f"{path}: missing columns {', '.join(sorted(missing))}")
        rows = []
        for line, row in enumerate(reader, start=2):
            rows.append(_parse_row(path, line, row))
    frame = pd.DataFrame(rows, columns=[*GAZETTEER_COLUMNS, "disputed"])
    dup = frame.id[frame.id.duplicated()]
    if len(dup):
        raise DataError(f"{path}: duplicate ids {', '.join(dup)}")
    return frame


def _parse_row(path: Path, line: int, row: dict) -> dict:
    where = f"{path}:{line} ({row.get('id') or '?'})"
    out = {k: (row.get(k) or "").strip() for k in GAZETTEER_COLUMNS}
    if not re.fullmatch(r"[a-z0-9_]+", out["id"]):
        raise DataError(f"{where}: id must be lowercase letters, digits and _")
    if out["kind"] not in KINDS:
        raise DataError(f"{where}: kind {out['kind']!r} is not one of {', '.join(sorted(KINDS))}")
    try:
        out["lon"], out["lat"] = float(out["lon"]), float(out["lat"])
    except ValueError:
        raise DataError(f"{where}: lon/lat must be decimal degrees") from None
    if not (-180 <= out["lon"] <= 180 and -90 <= out["lat"] <= 90):
        raise DataError(f"{where}: lon/lat out of range")
    for key in ("aliases", "admin", "claimants"):
        out[key] = _split(out[key])
    if not out["admin"]:
        raise DataError(f"{where}: admin (administering state) is required")
    out["disputed"] = bool(out["claimants"])
    return out


def _parse_box(spec: str, where: str) -> tuple[float, float, float, float]:
    try:
        minx, miny, maxx, maxy = (float(v) for v in spec.split(","))
    except ValueError:
        raise DataError(f"{where}: box must be minlon,minlat,maxlon,maxlat") from None
    return minx, miny, maxx, maxy


def _anchor_polygon(polygons: np.ndarray, tree: shapely.STRtree, point) -> shapely.Geometry:
    holding = tree.query(point, predicate="within")
    if len(holding):
        return polygons[holding[0]]
    return polygons[tree.query_nearest(point)[0]]


def _build_geometries(source: str) -> list[shapely.Geometry]:
    gaz = gazetteer()
    polygons, tree = _land_index(source)
    points = shapely.points(gaz.lon.to_numpy(), gaz.lat.to_numpy())
    geoms: dict[str, shapely.Geometry] = {}
    pending: dict[str, tuple[str, ...]] = {}
    for row, point in zip(gaz.itertuples(index=False), points, strict=True):
        extent = row.extent
        where = f"gazetteer {row.id!r}"
        if extent.startswith("members:"):
            pending[row.id] = _split(extent.removeprefix("members:"))
        elif extent.startswith("bbox:"):
            box = shapely.box(*_parse_box(extent.removeprefix("bbox:"), where))
            idx = np.sort(tree.query(box, predicate="intersects"))
            geoms[row.id] = shapely.union_all(polygons[idx]) if len(idx) else shapely.Point()
        elif extent.startswith("clip:"):
            box = _parse_box(extent.removeprefix("clip:"), where)
            geoms[row.id] = shapely.clip_by_rect(_anchor_polygon(polygons, tree, point), *box)
        elif extent:
            raise DataError(f"{where}: unknown extent {extent!r}")
        elif row.kind in POINT_KINDS:
            geoms[row.id] = point
        else:
            geoms[row.id] = _anchor_polygon(polygons, tree, point)
    # Groups may contain groups: resolve until nothing is left.
    while pending:
        ready = {k: v for k, v in pending.items() if all(m in geoms for m in v)}
        if not ready:
            unknown = {m for v in pending.values() for m in v} - set(gaz.id) - set(geoms)
            raise DataError(
                f"gazetteer groups {', '.join(sorted(pending))} name unknown or circular "
                f"members: {', '.join(sorted(unknown)) or 'a cycle'}"
            )
        for key, members in ready.items():
            geoms[key] = shapely.union_all([geoms[m] for m in members])
            del pending[key]
    return [geoms[i] for i in gaz.id]


@cache
def features(source: str = "osm") -> gpd.GeoDataFrame:
    """Return every named feature with its attributes and geometry.

    Parameters
    ----------
    source : {"osm", "gshhg"}
        The land polygons the geometries are taken from.

    Returns
    -------
    GeoDataFrame
        Indexed by feature id (EPSG:4326), with the gazetteer's columns
        (``name``, ``name_ja``, ``name_zh``, ``aliases``, ``kind``, ``admin``,
        ``claimants``, ``disputed``, ``lon``, ``lat``, ``coord_source``) and
        the ``geometry``.

    Examples
    --------
    >>> features().loc["yonaguni", "admin"]
    ('JPN',)
    """
    gaz = gazetteer()
    frame = gpd.GeoDataFrame(
        gaz.drop(columns="extent"), geometry=_build_geometries(source), crs=4326
    )
    frame.index = pd.Index(gaz.id, name="id")
    return frame


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"[’'`ʼ‘]", "", text)
    text = re.sub(r"[\s\-_.,]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


_GENERIC = re.compile(r"\s*\b(islands?|islets?|isles?|island group|group|shima|jima|to|dao|yu)\s*$")


def _keys(name: str) -> list[str]:
    """Lookup keys of a name, most specific first (the order decides ties)."""
    key = _normalise(name)
    keys = [key, key.replace(" ", "")]
    bare = _GENERIC.sub("", key).strip()
    if bare and bare != key:
        keys += [bare, bare.replace(" ", "")]
    return list(dict.fromkeys(keys))


@cache
def _name_index() -> tuple[dict[str, str], dict[str, str]]:
    """Map normalised names to ids, plus display names for suggestions."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    display: dict[str, str] = {}
    for row in gazetteer().itertuples(index=False):
        names = [row.id, row.name, row.name_ja, row.name_zh, *row.aliases]
        for name in filter(None, names):
            exact.setdefault(_normalise(name), row.id)
            for key in _keys(name):
                loose.setdefault(key, row.id)
            display.setdefault(name, row.id)
    # Exact spellings win over suffix-stripped ones ("Yonaguni" the island,
    # not a group that shares the stem).
    loose.update(exact)
    return loose, display


def resolve(name: str) -> str:
    """Return the feature id a place name refers to.

    Names, aliases and ids match case-insensitively in English, Japanese and
    Chinese; "the", punctuation and a generic suffix ("Island", "Islands",
    "-jima", "Dao") are optional.

    Parameters
    ----------
    name : str
        A place name, e.g. ``"the Senkaku islands"`` or ``"与那国島"``.

    Returns
    -------
    str
        The gazetteer id.

    Raises
    ------
    UnknownPlaceError
        If nothing matches; its message lists the closest known names.

    Examples
    --------
    >>> resolve("the Senkaku islands")
    'senkaku'
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownPlaceError(str(name), ())
    index, display = _name_index()
    for key in _keys(name):
        if key in index:
            return index[key]
    return _suggest(name, display)


def _suggest(name: str, display: dict[str, str]) -> str:
    matches = process.extract(
        name, list(display), scorer=fuzz.WRatio, processor=_normalise, limit=12
    )
    names = _display_names()
    seen: dict[str, None] = {}
    for _match, _score, _ in matches:
        seen.setdefault(names[display[_match]], None)
    raise UnknownPlaceError(name, tuple(list(seen)[:5]))


@cache
def _display_names() -> dict[str, str]:
    gaz = gazetteer()
    return dict(zip(gaz.id, gaz.name, strict=True))


def feature(name: str, source: str = "osm") -> pd.Series:
    """Return one named feature.

    Parameters
    ----------
    name : str
        Any of its names or aliases (see :func:`resolve`).
    source : {"osm", "gshhg"}
        The land polygons its geometry comes from.

    Returns
    -------
    Series
        The feature's row of :func:`features`; ``.geometry`` is its shape and
        ``.name`` its id.

    Examples
    --------
    >>> feature("Uotsuri-jima")["claimants"]
    ('CHN', 'TWN')
    """
    return features(source).loc[resolve(name)]


@dataclass(frozen=True)
class AnchorCheck:
    """How far a feature's geometry lies from its anchor coordinate."""

    id: str
    distance_m: float
    ok: bool


def check_anchors(
    limit_m: float = 500.0, source: str = "osm", ids: Iterable[str] | None = None
) -> list[AnchorCheck]:
    """Check that every feature's geometry exists and lies near its anchor.

    Parameters
    ----------
    limit_m : float
        Largest accepted geodesic distance from the anchor to the geometry.
    source : {"osm", "gshhg"}
        The land polygons to check.
    ids : iterable of str, optional
        Only these features.

    Returns
    -------
    list of AnchorCheck
        One per feature; ``distance_m`` is ``inf`` for a missing geometry.

    Examples
    --------
    >>> all(c.ok for c in check_anchors())
    True
    """
    frame = features(source)
    if ids is not None:
        frame = frame.loc[list(ids)]
    points = shapely.points(frame.lon.to_numpy(), frame.lat.to_numpy())
    geoms = frame.geometry.to_numpy()
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    lines = shapely.shortest_line(points, np.where(empty, shapely.Point(0, 0), geoms))
    coords = shapely.get_coordinates(lines).reshape(-1, 4)
    # shortest_line is planar in degrees; it only picks the point, the
    # distance itself is geodesic. Within 500 m the pick is exact enough.
    _, _, dist = _GEOD.inv(coords[:, 0], coords[:, 1], coords[:, 2], coords[:, 3])
    dist = np.where(empty, np.inf, dist)
    return [
        AnchorCheck(id=i, distance_m=float(d), ok=bool(d <= limit_m))
        for i, d in zip(frame.index, dist, strict=True)
    ]


# Features that stand for more than their own land or for no coast at all.
_NOT_LAND = {"roc_territory", "taipei"}


@cache
def state_land(state: str) -> shapely.Geometry:
    """The land of one state in the gazetteer, as one geometry.

    Parameters
    ----------
    state : str
        ISO3 code of the administering state (``"JPN"``, ``"TWN"``...).

    Returns
    -------
    shapely geometry
        The union of the state's islands, island groups and mainland.
        Features administered jointly (Borneo) are left out.

    Examples
    --------
    >>> state_land("JPN").geom_type
    'MultiPolygon'
    """
    frame = features()
    rows = frame[[tuple(a) == (state.upper(),) for a in frame.admin]]
    rows = rows[~rows.kind.isin(list(POINT_KINDS)) & ~rows.index.isin(list(_NOT_LAND))]
    if rows.empty:
        known = sorted({a for codes in frame.admin for a in codes})
        raise IslandchainError(f"no land for state {state!r}; known states: {', '.join(known)}")
    return shapely.union_all(rows.geometry.to_numpy())
