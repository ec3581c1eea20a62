"""Areas and lines as states publish them: ADIZs, exercise areas, the median line.

States announce an exercise area or an air defence identification zone as a
list of corners ("the maritime areas and their air space bounded by lines
joining ..."). This module reads such positions in the forms they are printed
in, joins them into geometry along geodesics or rhumb lines, and loads the
published areas kept in ``geo/published_areas.toml`` with their sources.

Sources rarely say how corners are joined. Over the short edges of an exercise
area the two readings differ by metres; over the 300 km edges of an ADIZ by
about a kilometre, enough to move an islet from one side to the other:
:func:`edge_spread` says by how much.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import Transformer

from .cache import cached_geometry
from .data import data_dir, feature, features, land
from .errors import DataError, IslandchainError, PositionError
from .geodesy import NMI, distance_to, geodesic_buffer, geodesic_line

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "EDGES",
    "PositionError",
    "PublishedArea",
    "corners_polygon",
    "edge_spread",
    "parse_position",
    "polyline",
    "published_area",
    "published_areas",
    "published_lines",
]

#: How the corners of an area can be joined.
EDGES = ("geodesic", "rhumb")
# Both readings are drawn with vertices at most this far apart, metres.
_STEP_M = 2_000.0
# Ellipsoidal (not Web) Mercator: a rhumb line is straight in it, so densifying a
# straight segment there and projecting back traces the rhumb line exactly.
_TO_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3395", always_xy=True)
_FROM_MERCATOR = Transformer.from_crs("EPSG:3395", "EPSG:4326", always_xy=True)
_HEMISPHERE_WORDS = {
    "北纬": "N",
    "北緯": "N",
    "南纬": "S",
    "南緯": "S",
    "东经": "E",
    "東經": "E",
    "東経": "E",
    "东經": "E",
    "西经": "W",
    "西經": "W",
    "西経": "W",
}
_ANGLE_CHARS = re.compile(r"[\d\s.°'′″\"度分秒-]+")
_FORMS = (
    "25°15'26\"N 120°29'20\"E, 25-15.26N 120-29.20E (degrees-minutes), "
    "251526N 1202920E (AIP), 25.2572N 120.4889E, 北纬25°15′26″ 东经120°29′20″"
)


def _angle(text: str, hemisphere: str, original: str) -> float:
    t = text.strip(" ,、;/")
    if not t or not _ANGLE_CHARS.fullmatch(t):
        raise PositionError(f"{original!r}: cannot read {t!r} as an angle; write it as {_FORMS}")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        whole = t.split(".")[0]
        if len(whole) <= 3:  # decimal degrees
            deg, minutes, seconds = float(t), 0.0, 0.0
        elif len(whole) in (4, 5):  # DDMM(.m), AIP style
            deg, minutes, seconds = float(whole[:-2]), float(t[len(whole) - 2 :]), 0.0
        elif len(whole) in (6, 7):  # DDMMSS(.s), AIP style
            deg, minutes = float(whole[:-4]), float(whole[-4:-2])
            seconds = float(t[len(whole) - 2 :])
        else:
            raise PositionError(f"{original!r}: {t!r} has too many digits for an angle")
    elif m := re.fullmatch(r"(\d{1,3})-(\d{1,2}(?:\.\d+)?)", t):
        deg, minutes, seconds = float(m[1]), float(m[2]), 0.0
    else:
        numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", t)]
        if not 1 <= len(numbers) <= 3:
            raise PositionError(f"{original!r}: cannot read {t!r} as degrees, minutes, seconds")
        deg, minutes, seconds = (numbers + [0.0, 0.0])[:3]
    if minutes >= 60 or seconds >= 60:
        raise PositionError(f"{original!r}: minutes and seconds must be below 60 in {t!r}")
    value = deg + minutes / 60 + seconds / 3600
    limit = 90 if hemisphere in "NS" else 180
    if value > limit:
        raise PositionError(f"{original!r}: {value:g}° is beyond {limit}° {hemisphere}")
    return -value if hemisphere in "SW" else value


def parse_position(text: str) -> tuple[float, float]:
    """Read a printed position as (longitude, latitude) in degrees.

    Parameters
    ----------
    text : str
        Latitude and longitude with their hemispheres, in any order and in the
        forms notices use: degrees-minutes-seconds with symbols or 度分秒,
        ``25-15.26N`` (degrees and decimal minutes), ``251526N`` (AIP),
        decimal degrees, or Chinese/Japanese hemisphere words (北纬, 東経...).

    Returns
    -------
    (float, float)
        Longitude and latitude, degrees, south and west negative.

    Raises
    ------
    PositionError
        Naming the part that could not be read and the accepted forms.

    Examples
    --------
    >>> parse_position("24°45'N 123°00'E")
    (123.0, 24.75)
    >>> parse_position("北纬25°30′00″、东经121°57′00″")
    (121.95, 25.5)
    """
    if not isinstance(text, str) or not text.strip():
        raise PositionError(f"empty position {text!r}; write it as {_FORMS}")
    s = text.strip()
    words = False
    for word, hemisphere in _HEMISPHERE_WORDS.items():
        if word in s:
            words, s = True, s.replace(word, f" {hemisphere}")
    parts = re.split(r"([NSEW])", s.upper())
    if len(parts) != 5:
        raise PositionError(
            f"{text!r}: a position needs one latitude (N or S) and one longitude (E or W); "
            f"write it as {_FORMS}"
        )
    if words or not parts[0].strip(" ,、;"):  # hemisphere first: N25°30′ E121°57′
        pairs = [(parts[1], parts[2]), (parts[3], parts[4])]
    else:
        if parts[4].strip(" ,、;"):
            raise PositionError(f"{text!r}: unexpected {parts[4].strip()!r} after the longitude")
        pairs = [(parts[1], parts[0]), (parts[3], parts[2])]
    values = {h: _angle(t, h, text) for h, t in pairs}
    lat = [v for h, v in values.items() if h in "NS"]
    lon = [v for h, v in values.items() if h in "EW"]
    if len(lat) != 1 or len(lon) != 1:
        raise PositionError(f"{text!r}: give one latitude (N/S) and one longitude (E/W)")
    return lon[0], lat[0]


def _rhumb_line(lon1: float, lat1: float, lon2: float, lat2: float) -> np.ndarray:
    x, y = _TO_MERCATOR.transform([lon1, lon2], [lat1, lat2])
    # Mercator stretches by sec(lat); step so that true spacing stays under _STEP_M.
    stretch = 1 / math.cos(math.radians(max(abs(lat1), abs(lat2))))
    line = shapely.segmentize(shapely.LineString(np.column_stack([x, y])), _STEP_M * stretch)
    xy = shapely.get_coordinates(line)
    lon, lat = _FROM_MERCATOR.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def _edge(a: tuple[float, float], b: tuple[float, float], edges: str) -> np.ndarray:
    if edges == "geodesic":
        return shapely.get_coordinates(geodesic_line(*a, *b, max_segment_m=_STEP_M))
    return _rhumb_line(*a, *b)


def _check_edges(edges: str) -> str:
    if edges not in EDGES:
        raise IslandchainError(f"edges must be one of {', '.join(EDGES)}, not {edges!r}")
    return edges


def _as_position(position: str | Sequence[float]) -> tuple[float, float]:
    if isinstance(position, str):
        return parse_position(position)
    lon, lat = map(float, position)
    return lon, lat


def _as_positions(positions: Sequence[str | Sequence[float]]) -> list[tuple[float, float]]:
    out = [_as_position(p) for p in positions]
    for lon, lat in out:
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
            raise PositionError(f"({lon}, {lat}) is not a longitude, latitude in degrees")
    return out


def polyline(
    positions: Sequence[str | Sequence[float]], edges: str = "geodesic"
) -> shapely.LineString:
    """Points joined in order along geodesics or rhumb lines.

    Parameters
    ----------
    positions : sequence of str or (lon, lat)
        As printed (see :func:`parse_position`) or as numbers.
    edges : {"geodesic", "rhumb"}
        How consecutive points are joined (see :func:`corners_polygon`).

    Returns
    -------
    shapely.LineString
        With a vertex at least every 2 km.

    Examples
    --------
    >>> line = polyline(["27°00'N 122°00'E", "23°00'N 118°00'E"])
    >>> line.coords[0], line.coords[-1]
    ((122.0, 27.0), (118.0, 23.0))
    """
    pts = _as_positions(positions)
    if len(pts) < 2:
        raise PositionError(f"a line needs at least 2 positions, got {len(pts)}")
    _check_edges(edges)
    pieces = [_edge(a, b, edges) for a, b in zip(pts[:-1], pts[1:], strict=True)]
    return shapely.LineString(np.vstack([p[:-1] for p in pieces] + [pieces[-1][-1:]]))


def corners_polygon(
    positions: Sequence[str | Sequence[float]], edges: str = "geodesic"
) -> shapely.Polygon:
    """The area bounded by lines joining the corners, in order.

    Parameters
    ----------
    positions : sequence of str or (lon, lat)
        The corners as printed (see :func:`parse_position`) or as numbers.
        The last corner is joined back to the first.
    edges : {"geodesic", "rhumb"}
        How corners are joined. Navigational warnings are plotted on Mercator
        charts, where a straight line is a rhumb line; "geodesic" is the
        shortest path. Vertices are added every 2 km along each edge.

    Returns
    -------
    shapely.Polygon
        In lon/lat.

    Raises
    ------
    PositionError
        If a corner cannot be read, there are fewer than three, or the edges cross.

    Examples
    --------
    >>> area = corners_polygon(["25°34'N 122°50'E", "25°03'N 122°50'E",
    ...                         "25°03'N 122°11'E", "25°34'N 122°11'E"])
    >>> from islandchain.geodesy import geodesic_area
    >>> round(geodesic_area(area) / 1e6, -1)
    3750.0
    """
    pts = _as_positions(positions)
    if len(pts) >= 2 and pts[0] == pts[-1]:
        pts = pts[:-1]
    if len(pts) < 3:
        raise PositionError(f"an area needs at least 3 corners, got {len(pts)}")
    ring = polyline([*pts, pts[0]], edges)
    polygon = shapely.Polygon(ring)
    if not polygon.is_valid:
        raise PositionError(
            f"the edges joining {len(pts)} corners cross each other; check their order "
            f"({shapely.is_valid_reason(polygon)})"
        )
    return polygon


def edge_spread(positions: Sequence[str | Sequence[float]]) -> float:
    """How far apart the geodesic and the rhumb-line readings of an outline get, metres.

    Parameters
    ----------
    positions : sequence of str or (lon, lat)
        The corners (or points of a line), in order.

    Returns
    -------
    float
        The largest geodesic distance from a vertex of one reading to the
        other reading, both ways.

    Examples
    --------
    >>> edge_spread(["24°45'N 123°00'E", "26°44'N 120°58'E"]) > 500
    True
    """
    pts = _as_positions(positions)
    closed = [*pts, pts[0]] if len(pts) >= 3 else pts
    a, b = polyline(closed, "geodesic"), polyline(closed, "rhumb")
    xa, xb = shapely.get_coordinates(a), shapely.get_coordinates(b)
    return float(
        max(
            np.max(distance_to(xa[:, 0], xa[:, 1], b)),
            np.max(distance_to(xb[:, 0], xb[:, 1], a)),
        )
    )


@dataclass(frozen=True)
class PublishedArea:
    """One published area or line, as read from ``geo/published_areas.toml``."""

    id: str
    name: str
    kind: str
    state: str
    published: str
    source: str
    geometry: shapely.Geometry
    group: str = ""
    valid: str = ""
    note: str = ""
    positions: tuple[tuple[float, float], ...] = ()
    edges: str = "geodesic"


_REQUIRED = ("id", "name", "kind", "state", "published", "source")
# The tables of published_areas.toml.
TABLES = ("area", "line")


@cache
def _document() -> dict[str, Any]:
    path = data_dir() / "published_areas.toml"
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: {exc}") from None


def _territorial_sea(spec: dict[str, Any], where: str) -> shapely.Geometry:
    try:
        minx, miny, maxx, maxy = (float(x) for x in spec["box"])
        box, nmi = (minx, miny, maxx, maxy), float(spec["nmi"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{where}: seaward_of needs box and nmi ({exc})") from None
    return _coast_and_sea(box, nmi, tuple(spec.get("except", ())))


# Edge-independent, and the slowest step of loading: built once for every reading.
@cache
def _coast_and_sea(
    box: tuple[float, float, float, float], nmi: float, leave_out: tuple[str, ...]
) -> shapely.Geometry:
    """The land in a box, less some features, with everything within ``nmi`` of it."""
    params = {"box": box, "nmi": nmi, "except": leave_out}
    return cached_geometry(
        "coast_and_sea", params, lambda: _build_coast_and_sea(box, nmi, leave_out)
    )


def _build_coast_and_sea(
    box: tuple[float, float, float, float], nmi: float, leave_out: tuple[str, ...]
) -> shapely.Geometry:
    window = shapely.box(*box)
    polys = land()
    polys = polys.geometry.iloc[polys.sindex.query(window, predicate="intersects")]
    coast: shapely.Geometry = shapely.intersection(shapely.union_all(polys.to_numpy()), window)
    for fid in leave_out:
        coast = shapely.difference(coast, features().loc[fid].geometry)
    return geodesic_buffer(coast, nmi * NMI)


def _seaward_area(
    pts: Sequence[tuple[float, float]], edges: str, spec: dict[str, Any], where: str
) -> shapely.Geometry:
    # The announced line ends at the coast at both ends: close it inland along the
    # parallels of its first and last points, then cut away land and territorial sea.
    sea = _territorial_sea(spec, where)
    west = spec["box"][0]
    closing = [(west, pts[-1][1]), (west, pts[0][1])]
    outline = shapely.Polygon(
        np.vstack([shapely.get_coordinates(polyline(pts, edges)), closing, pts[:1]])
    )
    area: shapely.Geometry = outline if outline.is_valid else shapely.make_valid(outline)
    return shapely.difference(area, sea)


def _buffer_area(spec: dict[str, Any], where: str) -> shapely.Geometry:
    try:
        west_of = float(spec["west_of"]) if "west_of" in spec else None
        return _feature_zone(spec["feature"], float(spec["nmi"]), west_of)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{where}: buffer needs feature and nmi ({exc})") from None


@cache
def _feature_zone(name: str, nmi: float, west_of: float | None) -> shapely.Geometry:
    params = {"feature": name, "nmi": nmi, "west_of": west_of}
    return cached_geometry("feature_zone", params, lambda: _build_feature_zone(name, nmi, west_of))


def _build_feature_zone(name: str, nmi: float, west_of: float | None) -> shapely.Geometry:
    zone = geodesic_buffer(feature(name).geometry, nmi * NMI)
    if west_of is not None:
        b = zone.bounds
        zone = shapely.intersection(zone, shapely.box(b[0] - 1, b[1] - 1, west_of, b[3] + 1))
    return zone


def _read(entry: dict[str, Any], table: str, edges: str | None) -> PublishedArea:
    where = f"published_areas.toml [[{table}]] {entry.get('id', '?')!r}"
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise DataError(f"{where}: missing {', '.join(missing)}")
    use = _check_edges(edges or entry.get("edges", "geodesic"))
    pts = tuple(_as_positions(entry.get("positions", [])))
    geom: shapely.Geometry
    if table == "line":
        geom = polyline(pts, use)
    elif "buffer" in entry:
        geom = _buffer_area(entry["buffer"], where)
    elif "seaward_of" in entry:
        geom = _seaward_area(pts, use, entry["seaward_of"], where)
    else:
        geom = corners_polygon(pts, use)
    return PublishedArea(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        state=entry["state"],
        published=str(entry["published"]),
        source=" ".join(entry["source"].split()),
        geometry=geom,
        group=entry.get("group", ""),
        valid=entry.get("valid", ""),
        note=" ".join(entry.get("note", "").split()),
        positions=pts,
        edges=use,
    )


@cache
def _all(edges: str | None) -> dict[str, tuple[PublishedArea, ...]]:
    """Every entry, by table ("area", "line")."""
    doc = _document()
    out = {table: tuple(_read(e, table, edges) for e in doc.get(table, [])) for table in TABLES}
    ids = [a.id for items in out.values() for a in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DataError(f"published_areas.toml: duplicate ids {', '.join(dupes)}")
    return out


def _frame(rows: Sequence[PublishedArea]) -> gpd.GeoDataFrame:
    columns = ("id", "group", "name", "kind", "state", "published", "valid", "source", "note")
    data = {c: [getattr(a, c) for a in rows] for c in columns}
    import geopandas as gpd

    frame = gpd.GeoDataFrame(data, geometry=[a.geometry for a in rows], crs="EPSG:4326")
    return frame.set_index("id", drop=False)


def published_areas(
    kind: str | None = None, *, group: str | None = None, edges: str | None = None
) -> gpd.GeoDataFrame:
    """The published areas (ADIZs, exercise areas) with their sources.

    Parameters
    ----------
    kind : {"adiz", "exercise"}, optional
        Only areas of this kind.
    group : str, optional
        Only the areas announced together under this group id (``"pla-2022-08"``).
    edges : {"geodesic", "rhumb"}, optional
        Join corners this way instead of as each entry says (default geodesic).

    Returns
    -------
    GeoDataFrame
        Indexed by id, with ``group``, ``name``, ``kind``, ``state``,
        ``published``, ``valid``, ``source``, ``note`` and the geometry.

    Examples
    --------
    >>> len(published_areas("exercise", group="pla-2022-08"))
    6
    """
    rows = list(_all(edges)["area"])
    if kind is not None:
        rows = [a for a in rows if a.kind == kind]
    if group is not None:
        rows = [a for a in rows if a.group == group]
    return _frame(rows)


def published_lines(edges: str | None = None) -> gpd.GeoDataFrame:
    """The published lines (the Taiwan Strait median line), as :func:`published_areas`."""
    return _frame(_all(edges)["line"])


def published_area(name: str, edges: str | None = None) -> list[PublishedArea]:
    """The published areas an id, a group id or a name refers to.

    Parameters
    ----------
    name : str
        An area id (``"pla-2022-08-4"``), a group (``"pla-2022-08"``: all its
        areas) or an area's name, case-insensitively.
    edges : {"geodesic", "rhumb"}, optional
        As in :func:`published_areas`.

    Returns
    -------
    list of PublishedArea

    Raises
    ------
    IslandchainError
        If nothing matches; the message lists the closest ids.

    Examples
    --------
    >>> [a.id for a in published_area("pla-2022-08")][:2]
    ['pla-2022-08-1', 'pla-2022-08-2']
    """
    key = name.strip().casefold()
    items = [a for table in _all(edges).values() for a in table]
    hits = [a for a in items if key in (a.id.casefold(), a.group.casefold(), a.name.casefold())]
    if hits:
        return hits
    from rapidfuzz import fuzz, process  # for an id not found only

    choices = sorted({a.id for a in items} | {a.group for a in items if a.group})
    close = [c for c, _, _ in process.extract(name, choices, scorer=fuzz.WRatio, limit=4)]
    raise IslandchainError(
        f"no published area {name!r}. Did you mean: {', '.join(repr(c) for c in close)}? "
        "Run `islandchain zones areas` to list them all."
    )
