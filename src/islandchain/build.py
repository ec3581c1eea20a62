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

import hashlib
import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

__all__ = ["REGION", "SOURCES", "LandSource", "build_land", "clip_to_region", "main"]

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
    >>> parts = clip_to_region(shapely.box(100, 0, 110, 1)[None])
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


def _geoparquet_table(polygons: np.ndarray, source: LandSource, versions: dict) -> pa.Table:
    wkb = shapely.to_wkb(polygons, byte_order=1, output_dimension=2, flavor="iso")
    bounds = shapely.total_bounds(polygons).tolist()
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": ["Polygon"],
                "crs": None,  # GeoParquet: omitted CRS means OGC:CRS84 (lon/lat WGS84)
                "bbox": bounds,
                "edges": "planar",
            }
        },
    }
    # A null CRS key would mean "unknown"; GeoParquet says to omit it for CRS84.
    del geo["columns"]["geometry"]["crs"]
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
        raise SystemExit(
            "the data build needs roaring-landmask: pip install 'islandchain[build]'"
        ) from exc
    prov = getattr(roaring_landmask.LandmaskProvider, provider)
    geom = shapely.from_wkb(roaring_landmask.Shapes.wkb(prov))
    return shapely.get_parts(geom)


def build_land(out_dir: str | Path, sources: tuple[str, ...] = ("osm", "gshhg")) -> dict:
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
    >>> manifest = build_land("geo")  # doctest: +SKIP
    >>> manifest["files"]["land_osm.parquet"]["polygons"]  # doctest: +SKIP
    104805
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    versions = _versions()
    manifest: dict = {
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
        pq.write_table(
            table,
            path,
            compression="zstd",
            compression_level=_ZSTD_LEVEL,
            row_group_size=_ROW_GROUP_SIZE,
            use_dictionary=False,
            write_statistics=False,
        )
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
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def main() -> None:  # pragma: no cover - thin wrapper
    """Build into ``geo/`` of the current folder."""
    print(json.dumps(build_land("geo"), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
