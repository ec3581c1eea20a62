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
``admin:JPN``
    the union of every land feature (island, islet, island group, region)
    that this one state alone administers: "Japan" is all of Japan's land in
    the gazetteer.

Several extents joined by ``;`` are united (``clip:...;members:guishan``).

Besides the hand-edited ``gazetteer.csv``, two files derived from installed
packages hold places (``islandchain data build`` rebuilds them):
``cities.csv`` (GeoNames populated places, CC BY 4.0) and ``airports.csv``
(airportsdata). ``outside.csv`` and ``outside_extra.csv`` name places
outside the region, so that asking for one says where the region ends.

Name resolution ignores case, diacritics (macrons), straight and curly
quotes, punctuation, a leading "the", a generic suffix ("Island", "-jima",
"Dao") and the difference between simplified, traditional and Japanese
characters (OpenCC). Names of the hand-edited gazetteer win over derived
ones, and among cities the larger wins. Normalised keys are computed once.

Everything is read once per process and cached.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import shapely
from pyproj import Geod

from .errors import (
    DataError,
    InputError,
    IslandchainError,
    OutsideRegionError,
    UnknownPlaceError,
)
from .paths import data_dir

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from opencc import OpenCC
    from pandas.api.typing import NAType

__all__ = [
    "AGGREGATE_KINDS",
    "GAZETTEER_COLUMNS",
    "KINDS",
    "LAND_SOURCES",
    "PLACE_FILES",
    "POINT_KINDS",
    "REGION",
    "AnchorCheck",
    "LandStates",
    "STATES_FILE",
    "check_anchors",
    "data_dir",
    "disputed_land",
    "undisputed_land",
    "feature",
    "features",
    "gazetteer",
    "land",
    "lookup",
    "name_table",
    "normalise_name",
    "region_text",
    "land_states",
    "resolve",
    "state_land",
    "states",
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
#: (A strait's point lies in its water; its shores are in ``straits.py``.)
#: Submerged features (a bank, a shoal, a low-tide elevation) are points too: the data
#: hold no outline of them, and they are not land.
POINT_KINDS = frozenset(
    {"cape", "port", "base", "airport", "city", "strait", "bank", "shoal", "low_tide_elevation"}
)
#: Kinds that stand for the land of others put together: a state, a
#: prefecture, county or province.
AGGREGATE_KINDS = frozenset({"state", "province"})
KINDS = frozenset(
    {
        "island",
        "islet",
        "rock",
        "reef",
        "artificial_island",
        "bank",
        "shoal",
        "low_tide_elevation",
        "island_group",
        "region",
        "state",
        "province",
        "cape",
        "port",
        "base",
        "airport",
        "city",
        "strait",
    }
)
LAND_SOURCES = ("osm", "gshhg")
#: The files holding features, hand-edited first: names in earlier files win.
PLACE_FILES = ("gazetteer.csv", "cities.csv", "airports.csv")
#: The region the data cover: (minlon, minlat, maxlon, maxlat).
REGION: tuple[float, float, float, float] = (105.0, -5.0, 150.0, 46.0)


class _GazetteerRow(NamedTuple):
    """One row of :func:`gazetteer`, typed: pandas' own row tuples type every
    field as any scalar. The fields are the gazetteer's columns, in order."""

    id: str
    name: str
    name_ja: str
    name_zh: str
    aliases: tuple[str, ...]
    kind: str
    admin: tuple[str, ...]
    claimants: tuple[str, ...]
    lon: float
    lat: float
    extent: str
    coord_source: str
    disputed: bool
    population: int | NAType
    origin: str


_GEOD = Geod(ellps="WGS84")


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
    import geopandas as gpd

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
    """Return the gazetteer: the hand-edited features, then cities and airports.

    Returns
    -------
    DataFrame
        One row per named feature with the columns of
        :data:`GAZETTEER_COLUMNS`, plus ``disputed`` (bool), ``population``
        (cities; ``<NA>`` otherwise) and ``origin`` (the file it comes from,
        one of :data:`PLACE_FILES`). ``aliases``, ``admin`` and ``claimants``
        are tuples, ``lon``/``lat`` floats.

    Examples
    --------
    >>> gazetteer().loc[gazetteer().id == "yonaguni", "admin"].item()
    ('JPN',)
    >>> gazetteer().set_index("id").loc["taipei", ["kind", "origin"]].tolist()
    ['city', 'cities.csv']
    """
    rows = []
    for filename in PLACE_FILES:
        path = data_dir() / filename
        if filename != "gazetteer.csv" and not path.exists():
            continue  # the derived files are optional (a test data folder)
        with _require(path).open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = set(GAZETTEER_COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise DataError(f"{path}: missing columns {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                parsed = _parse_row(path, line, row)
                parsed["origin"] = filename
                rows.append(parsed)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(_GazetteerRow._fields))
    frame["population"] = frame["population"].astype("Int64")
    dup = frame.id[frame.id.duplicated()]
    if len(dup):
        raise DataError(f"{data_dir()}: duplicate ids {', '.join(dup)}")
    return frame


def _gazetteer_rows() -> Iterator[_GazetteerRow]:
    """The rows of :func:`gazetteer` as typed tuples."""
    return map(_GazetteerRow._make, gazetteer().itertuples(index=False, name=None))


def _parse_row(path: Path, line: int, row: Mapping[str, str | None]) -> dict[str, object]:
    where = f"{path}:{line} ({row.get('id') or '?'})"
    text = {k: (row.get(k) or "").strip() for k in GAZETTEER_COLUMNS}
    out: dict[str, object] = dict(text)
    if not re.fullmatch(r"[a-z0-9_]+", text["id"]):
        raise DataError(f"{where}: id must be lowercase letters, digits and _")
    if text["kind"] not in KINDS:
        raise DataError(f"{where}: kind {text['kind']!r} is not one of {', '.join(sorted(KINDS))}")
    try:
        lon, lat = float(text["lon"]), float(text["lat"])
    except ValueError:
        raise DataError(f"{where}: lon/lat must be decimal degrees") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise DataError(f"{where}: lon/lat out of range")
    out["lon"], out["lat"] = lon, lat
    split = {key: _split(text[key]) for key in ("aliases", "admin", "claimants")}
    out.update(split)
    if not split["admin"]:
        raise DataError(f"{where}: admin (administering state) is required")
    out["disputed"] = bool(split["claimants"])
    population = (row.get("population") or "").strip()
    try:
        out["population"] = int(population) if population else None
    except ValueError:
        raise DataError(f"{where}: population must be a whole number") from None
    return out


def _parse_box(spec: str, where: str) -> tuple[float, float, float, float]:
    try:
        minx, miny, maxx, maxy = (float(v) for v in spec.split(","))
    except ValueError:
        raise DataError(f"{where}: box must be minlon,minlat,maxlon,maxlat") from None
    return minx, miny, maxx, maxy


def _anchor_polygon(
    polygons: np.ndarray, tree: shapely.STRtree, point: shapely.Geometry
) -> shapely.Geometry:
    holding = tree.query(point, predicate="within")
    if len(holding):
        return polygons[holding[0]]
    return polygons[tree.query_nearest(point)[0]]


def _build_geometries(source: str) -> list[shapely.Geometry]:
    rows = list(_gazetteer_rows())
    polygons, tree = _land_index(source)
    points = shapely.points([row.lon for row in rows], [row.lat for row in rows])
    geoms: dict[str, shapely.Geometry] = {}
    # Parts still waiting for other features: id -> (own parts, member ids).
    pending: dict[str, tuple[list[shapely.Geometry], tuple[str, ...]]] = {}
    for row, point in zip(rows, points, strict=True):
        where = f"gazetteer {row.id!r}"
        if not row.extent:
            if row.kind in POINT_KINDS:
                geoms[row.id] = point
            else:
                geoms[row.id] = _anchor_polygon(polygons, tree, point)
            continue
        parts: list[shapely.Geometry] = []
        members: list[str] = []
        for extent in (e.strip() for e in row.extent.split(";") if e.strip()):
            if extent.startswith("members:"):
                members += _split(extent.removeprefix("members:"))
            elif extent.startswith("admin:"):
                state = extent.removeprefix("admin:").strip().upper()
                if source == "osm":  # every land polygon the state administers
                    parts.append(state_land(state))
                else:  # GSHHG: its polygons that meet the land the state administers
                    idx = np.sort(tree.query(state_land(state), predicate="intersects"))
                    parts.append(shapely.union_all(polygons[idx]) if len(idx) else shapely.Point())
            elif extent.startswith("bbox:"):
                box = shapely.box(*_parse_box(extent.removeprefix("bbox:"), where))
                idx = np.sort(tree.query(box, predicate="intersects"))
                parts.append(shapely.union_all(polygons[idx]) if len(idx) else shapely.Point())
            elif extent.startswith("clip:"):
                rect = _parse_box(extent.removeprefix("clip:"), where)
                parts.append(shapely.clip_by_rect(_anchor_polygon(polygons, tree, point), *rect))
            else:
                raise DataError(f"{where}: unknown extent {extent!r}")
        if members:
            pending[row.id] = (parts, tuple(members))
        else:
            geoms[row.id] = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    # Groups may contain groups: resolve until nothing is left.
    while pending:
        ready = {k: v for k, v in pending.items() if all(m in geoms for m in v[1])}
        if not ready:
            known = {row.id for row in rows}
            unknown = {m for v in pending.values() for m in v[1]} - known - set(geoms)
            raise DataError(
                f"gazetteer groups {', '.join(sorted(pending))} name unknown or circular "
                f"members: {', '.join(sorted(unknown)) or 'a cycle'}"
            )
        for key, (own, member_ids) in ready.items():
            geoms[key] = shapely.union_all([*own, *(geoms[m] for m in member_ids)])
            del pending[key]
    return [geoms[row.id] for row in rows]


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
    import geopandas as gpd
    import pandas as pd

    gaz = gazetteer()
    frame = gpd.GeoDataFrame(
        gaz.drop(columns="extent"), geometry=_feature_geometries(source), crs=4326
    )
    frame.index = pd.Index(gaz.id, name="id")
    return frame


def _feature_geometries(source: str) -> list[shapely.Geometry]:
    """The features' geometries, built once per data version (islandchain.cache).

    States and provinces are unions of thousands of land polygons: several
    seconds to build, a fraction of a second to read back.
    """
    from .cache import cached_frame

    def build() -> gpd.GeoDataFrame:
        import geopandas as gpd

        return gpd.GeoDataFrame(geometry=_build_geometries(source), crs=4326)

    geoms = cached_frame("features", {"source": source}, build).geometry.to_numpy()
    if len(geoms) != len(gazetteer()):  # pragma: no cover - a cache from other data
        return _build_geometries(source)
    return list(geoms)


# Airport and state codes (IATA "TPE", ICAO "RCTP", "PRC"): matched as written only.
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,3}$")
_QUOTES = re.compile(r"[’'`ʼ‘ʻ´]")
_SEPARATORS = re.compile(r"[\s\-_.,‐‑–—・･]+")
_HAS_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@cache
def _opencc() -> tuple[OpenCC, OpenCC]:
    """Converters: Japanese shinjitai to traditional, traditional to simplified."""
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")


def _fold_latin(text: str) -> str:
    """Drop the diacritics of Latin letters (ō -> o, ü -> u); other scripts kept."""
    out = []
    for char in text:
        if "\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff":
            base = unicodedata.normalize("NFD", char)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
        else:
            out.append(char)
    return "".join(out)


def normalise_name(name: str) -> str:
    """Return the key a name is looked up by.

    Case, Latin diacritics (macrons), straight and curly quotes, punctuation,
    spacing and a leading "the" are ignored; Han characters are folded to
    simplified Chinese (Japanese forms and traditional ones alike), with
    OpenCC.

    Parameters
    ----------
    name : str
        A place name as written.

    Returns
    -------
    str
        Its lookup key.

    Examples
    --------
    >>> normalise_name("The Ōsumi Islands")
    'osumi islands'
    >>> normalise_name("Y’Ami") == normalise_name("Y'ami")
    True
    >>> normalise_name("釣魚臺列嶼") == normalise_name("钓鱼台列屿")
    True
    >>> normalise_name("与那国島") == normalise_name("與那國島")
    True
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _fold_latin(_QUOTES.sub("", text))
    if _HAS_CJK.search(text):
        jp2t, t2s = _opencc()
        text = t2s.convert(jp2t.convert(text))
    text = _SEPARATORS.sub(" ", text).strip()
    return re.sub(r"^the ", "", text)


# Generic words a name may be written with or without, in the key's form
# (simplified characters): "Yonaguni Island" = "Yonaguni".
_GENERIC = re.compile(
    r"\s*\b(islands?|islets?|isles?|island group|group|archipelago|shima|jima|to|dao|yu)\s*$"
    r"|(岛|屿|诸岛|群岛|列岛)$"
)


def _keys(name: str, key: str | None = None) -> list[str]:
    """Lookup keys of a name, most specific first (the order decides ties)."""
    key = normalise_name(name) if key is None else key
    keys = [key, key.replace(" ", "")]
    bare = _GENERIC.sub("", key).strip()
    if bare and bare != key:
        keys += [bare, bare.replace(" ", "")]
    return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class _Index:
    """Precomputed lookup tables: normalised key -> id, and display names."""

    keys: dict[str, str]
    display: dict[str, str]
    outside: dict[str, tuple[str, float, float]]
    ids: frozenset[str]
    codes: dict[str, str]


@cache
def _name_index() -> _Index:
    """Map normalised names to ids, once per process.

    Tiers, first wins: exact names of the hand-edited gazetteer, their
    suffix-stripped forms, then the same for derived files (cities largest
    first, then airports).
    """
    tiers: list[dict[str, str]] = [{}, {}, {}, {}]
    display: dict[str, str] = {}
    codes: dict[str, str] = {}
    for row in _gazetteer_rows():
        hand = row.origin == "gazetteer.csv"
        exact, loose = (tiers[0], tiers[1]) if hand else (tiers[2], tiers[3])
        for name in filter(None, (row.name, row.name_ja, row.name_zh, *row.aliases)):
            if _CODE.match(name):
                # "CAN", "DNA", "PRC": codes match only as written, never the word.
                codes.setdefault(name, row.id)
                continue
            key = normalise_name(name)
            exact.setdefault(key, row.id)
            for k in _keys(name, key):
                loose.setdefault(k, row.id)
            display.setdefault(name, row.id)
    keys: dict[str, str] = {}
    for tier in tiers:
        for k, v in tier.items():
            keys.setdefault(k, v)
    # Ids come last: the name "Keelung" is the city, the id "keelung" the port
    # (an id written exactly as it is matches first, see resolve).
    for fid in gazetteer().id:
        for k in _keys(fid):
            keys.setdefault(k, fid)
    return _Index(keys, display, _outside_index(), frozenset(gazetteer().id), codes)


def _outside_index() -> dict[str, tuple[str, float, float]]:
    out: dict[str, tuple[str, float, float]] = {}
    for filename in ("outside_extra.csv", "outside.csv"):
        path = data_dir() / filename
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                lon = float(row["lon"]) if row["lon"] else math.nan
                lat = float(row["lat"]) if row["lat"] else math.nan
                for name in _split(row["name"]):
                    for k in _keys(name):
                        out.setdefault(k, (_split(row["name"])[0], lon, lat))
    return out


def region_text() -> str:
    """Return the bounds of the data's region as text.

    Examples
    --------
    >>> region_text()
    'lon 105°E to 150°E, lat 5°S to 46°N'
    """
    minx, miny, maxx, maxy = REGION

    def deg(v: float, pos: str, neg: str) -> str:
        return f"{abs(v):g}°{pos if v >= 0 else neg}"

    return (
        f"lon {deg(minx, 'E', 'W')} to {deg(maxx, 'E', 'W')}, "
        f"lat {deg(miny, 'N', 'S')} to {deg(maxy, 'N', 'S')}"
    )


def _lookup(name: str, index: _Index) -> str | None:
    code = index.codes.get(name.strip())
    if code is not None:
        return code
    for key in _keys(name):
        if key in index.keys:
            return index.keys[key]
    return None


def _resolve_slashed(name: str, index: _Index) -> str | None:
    """ "Senkaku/Diaoyu/Tiaoyutai Islands": every part names one feature."""
    parts = [p.strip() for p in re.split(r"\s*[/／]\s*", name) if p.strip()]
    if len(parts) < 2:
        return None
    # The generic word written once at the end belongs to every part.
    last = normalise_name(parts[-1])
    suffix = _GENERIC.search(last)
    found = []
    for part in parts:
        fid = None
        if suffix and suffix.group(0).strip() and not _GENERIC.search(normalise_name(part)):
            fid = _lookup(f"{part} {suffix.group(0).strip()}", index)
        fid = fid or _lookup(part, index)
        if fid:
            found.append(fid)
    if not found:
        return None
    if len(set(found)) > 1:
        names = _display_names()
        raise InputError(
            f"place {name!r}: its parts name different features "
            f"({', '.join(dict.fromkeys(names[f] for f in found))}); write one of them"
        )
    return found[0]


def lookup(name: str) -> str | None:
    """Return the feature id a name refers to, or ``None``: no error, no suggestions.

    The cheap test for text extraction, which tries many phrases that are not
    places: the same rules as :func:`resolve`, but a name that is not found
    (or lies outside the region, or is a slashed name whose parts disagree)
    gives ``None``.

    Examples
    --------
    >>> lookup("Lanyu"), lookup("the coast guard said")
    ('orchid_island', None)
    """
    if not isinstance(name, str) or not name.strip():
        return None
    index = _name_index()
    if name in index.ids:
        return name
    fid = _lookup(name, index)
    if fid is None and ("/" in name or "／" in name):
        try:
            fid = _resolve_slashed(name, index)
        except InputError:
            return None
    return fid


def resolve(name: str) -> str:
    """Return the feature id a place name refers to.

    An id written exactly (``"keelung"``, the port) is that feature. Names
    and aliases match in English, Japanese and Chinese, ignoring
    case, macrons, curly or straight quotes, simplified or traditional
    characters (see :func:`normalise_name`); "the" and a generic suffix
    ("Island", "Islands", "-jima", "Dao") are optional; names written with
    slashes ("Senkaku/Diaoyu Islands") resolve when every part names the same
    feature. Codes (IATA ``"TPE"``, ICAO ``"RCTP"``, ``"PRC"``) match only as
    written, in capitals, so that the word "can" is not Guangzhou's airport.

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
    OutsideRegionError
        If the name is a known place outside the region the data cover; its
        message gives the region's bounds. (A subclass of UnknownPlaceError.)
    UnknownPlaceError
        If nothing matches; its message lists the closest known names.

    Examples
    --------
    >>> resolve("the Senkaku islands")
    'senkaku'
    >>> resolve("Senkaku/Diaoyu/Tiaoyutai Islands")
    'senkaku'
    >>> resolve("Taipei")
    'taipei'
    >>> try:
    ...     resolve("Hawaii")
    ... except OutsideRegionError as err:
    ...     print(err.region)
    lon 105°E to 150°E, lat 5°S to 46°N
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownPlaceError(str(name), ())
    index = _name_index()
    if name in index.ids:
        return name
    fid = _lookup(name, index)
    if fid is None and ("/" in name or "／" in name):
        fid = _resolve_slashed(name, index)
    if fid is not None:
        return fid
    for key in _keys(name):
        if key in index.outside:
            _, lon, lat = index.outside[key]
            where = "" if math.isnan(lon) else _format_position(lon, lat)
            raise OutsideRegionError(name, where, region_text())
    return _suggest(name, index.display)


def _format_position(lon: float, lat: float) -> str:
    return f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'} {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"


@cache
def _suggest_choices() -> tuple[list[str], list[str]]:
    """Names offered as suggestions: every name and alias of the hand-edited
    features, and the main names of cities and airports (their many alternate
    names would make each miss slow)."""
    names: dict[str, None] = {}
    for row in _gazetteer_rows():
        own = (row.name, row.name_ja, row.name_zh)
        extra = row.aliases if row.origin == "gazetteer.csv" else ()
        names.update(dict.fromkeys(n for n in (*own, *extra) if n))
    choices = list(names)
    return choices, [normalise_name(n) for n in choices]


def _suggest(name: str, display: dict[str, str]) -> str:
    raise UnknownPlaceError(name, lambda: _suggestions(name, display))


def _suggestions(name: str, display: dict[str, str]) -> tuple[str, ...]:
    from rapidfuzz import fuzz, process  # for a name not found only

    choices, keys = _suggest_choices()
    matches = process.extract(
        normalise_name(name), keys, scorer=fuzz.WRatio, limit=12, score_cutoff=50
    )
    names = _display_names()
    seen: dict[str, None] = {}
    for _match, _score, i in matches:
        # A code or alias may be indexed apart from the display names ("PRC").
        fid = display.get(choices[i]) or lookup(choices[i])
        if fid in names:
            seen.setdefault(names[fid], None)
    return tuple(list(seen)[:5])


@cache
def _display_names() -> dict[str, str]:
    gaz = gazetteer()
    return dict(zip(gaz.id, gaz.name, strict=True))


@cache
def name_table() -> tuple[tuple[str, str, str], ...]:
    """Every name and alias of every feature, with its id and kind.

    Meant for text extraction: one cheap pass gives every spelling to look
    for. Names are listed as written in the data and, for names in Han
    characters, also in their simplified and traditional forms (OpenCC), so
    that a text in either script finds them. A name may appear for several
    features (a city and an island); :func:`resolve` decides which one is
    meant.

    Returns
    -------
    tuple of (name, feature_id, kind)
        Cached; hand-edited features first, then cities (largest first),
        then airports.

    Examples
    --------
    >>> ("Lanyu", "orchid_island", "island") in name_table()
    True
    >>> ("钓鱼台列屿", "senkaku", "island_group") in name_table()
    True
    """
    jp2t, t2s = _opencc()
    import opencc

    s2t = opencc.OpenCC("s2t")
    rows: dict[tuple[str, str, str], None] = {}
    for row in _gazetteer_rows():
        for name in filter(None, (row.name, row.name_ja, row.name_zh, *row.aliases)):
            rows[(name, row.id, row.kind)] = None
            if _HAS_CJK.search(name):
                for variant in (t2s.convert(jp2t.convert(name)), s2t.convert(name)):
                    rows[(variant, row.id, row.kind)] = None
    return tuple(rows)


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
    # A stand-in where the geometry is missing; its distance is replaced by inf below.
    targets = geoms.copy()
    targets[empty] = shapely.Point(0, 0)
    lines = shapely.shortest_line(points, targets)
    coords = shapely.get_coordinates(lines).reshape(-1, 4)
    # shortest_line is planar in degrees; it only picks the point, the
    # distance itself is geodesic. Within 500 m the pick is exact enough.
    _, _, dist = _GEOD.inv(coords[:, 0], coords[:, 1], coords[:, 2], coords[:, 3])
    dist = np.where(empty, np.inf, dist)
    return [
        AnchorCheck(id=i, distance_m=float(d), ok=bool(d <= limit_m))
        for i, d in zip(frame.index, dist, strict=True)
    ]


#: The file giving each land polygon its state (``islandchain data build --only states``).
STATES_FILE = "states.parquet"


class LandStates(NamedTuple):
    """Every OSM land polygon of the region, or piece of one cut at a border, with its state."""

    #: Row of ``land_osm.parquet`` each piece comes from.
    polygon_id: np.ndarray
    #: ISO 3166-1 alpha-3 code of the administering state.
    admin: np.ndarray
    #: The other states claiming the land, ``|``-separated ("" where none).
    claimants: np.ndarray
    geometry: np.ndarray


@cache
def land_states() -> LandStates:
    """Every land polygon of the region with its administering state and claimants.

    Read from ``geo/states.parquet`` (Natural Earth 1:10m admin-0 units
    joined to the OpenStreetMap land, disputed land from ``geo/disputes.toml``;
    see ``geo/README.md``), with pyarrow and shapely only.

    Returns
    -------
    LandStates
        Arrays of the same length: ``polygon_id``, ``admin``, ``claimants`` and
        ``geometry`` (the whole OSM polygon, or its piece where a land border
        cuts it).

    Examples
    --------
    >>> ls = land_states()
    >>> sorted({"JPN", "RUS", "VNM", "USA"} - set(ls.admin))
    []
    >>> sorted(set(ls.claimants[ls.admin == "RUS"]))
    ['', 'JPN']
    """
    import pyarrow.parquet as pq

    table = pq.read_table(_require(data_dir() / STATES_FILE))
    osm = pq.read_table(_require(data_dir() / "land_osm.parquet"), columns=["geometry"])
    polygons = shapely.from_wkb(np.array(osm.column("geometry").to_pylist(), dtype=object))
    ids = np.array(table.column("polygon_id").to_pylist(), dtype=np.int64)
    pieces = np.array(table.column("geometry").to_pylist(), dtype=object)
    cut = np.array([p is not None for p in pieces])
    geoms = polygons[ids]
    geoms[cut] = shapely.from_wkb(pieces[cut])
    admin = np.array(table.column("admin").to_pylist(), dtype=object)
    claimants = np.array(table.column("claimants").to_pylist(), dtype=object)
    return LandStates(ids, admin, claimants, geoms)


def _merge(ids: np.ndarray, geoms: np.ndarray) -> shapely.Geometry:
    """One geometry of land pieces: whole polygons are disjoint; the pieces of
    one cut polygon are united (they may share an edge)."""
    _, start, count = np.unique(ids, return_index=True, return_counts=True)
    parts = list(geoms[start[count == 1]])
    for first, n in zip(start[count > 1], count[count > 1], strict=True):
        parts += list(shapely.get_parts(shapely.union_all(geoms[first : first + n])))
    polys = [p for p in parts if shapely.get_type_id(p) == 3]
    return shapely.normalize(shapely.multipolygons(polys))


@cache
def state_land(state: str) -> shapely.Geometry:
    """The land of one state, as one geometry.

    Parameters
    ----------
    state : str
        ISO3 code of the administering state (``"JPN"``, ``"TWN"``...).

    Returns
    -------
    shapely geometry
        Every land polygon of the region (OpenStreetMap) that the state
        administers (``geo/states.parquet``): Japan with Tsushima, the
        Izu and Ogasawara Islands; Russia with the southern Kurils; the
        United States with Guam and the Northern Marianas.

    Examples
    --------
    >>> state_land("JPN").geom_type
    'MultiPolygon'
    >>> state_land("JPN").contains(shapely.Point(129.30, 34.40))  # Tsushima
    True
    """
    code = state.upper() if isinstance(state, str) else state
    ls = land_states()
    mask = ls.admin == code
    if not mask.any():
        known = sorted(set(ls.admin))
        raise IslandchainError(f"no land for state {state!r}; known states: {', '.join(known)}")
    return _merge(ls.polygon_id[mask], ls.geometry[mask])


@cache
def disputed_land(state: str) -> tuple[tuple[tuple[str, ...], shapely.Geometry], ...]:
    """The land a state administers that other states claim, by claimants.

    Examples
    --------
    >>> [(c, g.geom_type) for c, g in disputed_land("RUS")]
    [(('JPN',), 'MultiPolygon')]
    """
    ls = land_states()
    code = state.upper()
    out = []
    for claim in sorted(set(ls.claimants[(ls.admin == code) & (ls.claimants != "")])):
        mask = (ls.admin == code) & (ls.claimants == claim)
        out.append((_split(claim), _merge(ls.polygon_id[mask], ls.geometry[mask])))
    return tuple(out)


@cache
def undisputed_land(state: str) -> shapely.Geometry:
    """The land a state administers that no other state claims (may be empty).

    Examples
    --------
    >>> undisputed_land("TWN").is_empty
    True
    """
    ls = land_states()
    mask = (ls.admin == state.upper()) & (ls.claimants == "")
    if not mask.any():
        return shapely.MultiPolygon()
    return _merge(ls.polygon_id[mask], ls.geometry[mask])


def states() -> tuple[str, ...]:
    """Every state administering land in the region, by ISO3 code.

    Examples
    --------
    >>> {"JPN", "CHN", "TWN", "PHL", "KOR", "PRK", "RUS", "VNM"} <= set(states())
    True
    """
    return tuple(sorted(set(land_states().admin)))
