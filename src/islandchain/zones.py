"""Maritime zones and intrusion checks: whose waters an area or a track enters.

Zones are geodesic buffers of each state's land in the gazetteer
(territorial sea 12 nmi, contiguous zone 24 nmi, exclusive economic zone
200 nmi), split between neighbouring states along the equidistance line
where they overlap. They are measured from the coast (the low-water line of
the OpenStreetMap coastline), not from the straight baselines states have
declared, and real boundaries are largely undelimited in this region: every
zone carries a note saying so.

The equidistance split is a Voronoi partition of the states' coastline
vertices in an azimuthal equidistant projection centred on the area asked
for; :func:`equidistance_error` measures, with exact geodesics, how far the
computed line is from true equidistance.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from . import data
from .cache import cached_columns, cached_frame, cached_geometry
from .errors import IslandchainError
from .geodesy import (
    NMI,
    aeqd_transformers,
    distance_to,
    geodesic_area,
    geodesic_buffer,
    geodesic_perimeter,
    prepare,
    transform,
)
from .geodesy import shortest_line as _shortest_line
from .geojson import read_geometry, require_valid, unwrap_antimeridian

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEFAULT_BBOX",
    "DEFAULT_STATES",
    "ZONE_NMI",
    "MARITIME_ZONES",
    "Intrusion",
    "ZoneCheck",
    "blockade_cordon",
    "adiz_zones",
    "check_intrusion",
    "equidistance_error",
    "maritime_zones",
    "read_geometry",
    "state_land",
]

#: Breadth of each zone from the coast, nautical miles.
ZONE_NMI = {"territorial sea": 12.0, "contiguous zone": 24.0, "EEZ": 200.0}
#: The default area of interest: Taiwan, the Senkakus, the southern Ryukyus and the
#: Batanes. Wider boxes work, but the equidistance split departs further from true
#: equidistance away from the centre (0.5 km here, 3.3 km for 116-131 E, 18-30 N).
DEFAULT_BBOX = (118.0, 20.0, 127.0, 28.0)
#: The states whose zones are drawn and checked by default.
DEFAULT_STATES = ("JPN", "TWN", "CHN", "PHL")
_NOTES = {
    "JPN": "Japan–China and Japan–Taiwan EEZ boundaries are undelimited; Japan claims the "
    "equidistance line",
    "TWN": "China claims Taiwan; Taiwan–Philippines and Taiwan–Japan boundaries undelimited",
    "CHN": "China claims its continental shelf to the Okinawa Trough, beyond the equidistance line",
    "PHL": "Philippines–Taiwan boundary in the Luzon Strait undelimited",
}


@cache
def _equidistance_regions(states: tuple[str, ...], bbox: tuple[float, ...]) -> dict:
    """Each state's part of the plane: nearer its coast than any other state's."""
    fwd, inv = aeqd_transformers((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)
    window = shapely.box(bbox[0] - 8, max(bbox[1] - 8, -89), bbox[2] + 8, min(bbox[3] + 8, 89))
    pts: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    for i, s in enumerate(states):
        coast = shapely.boundary(shapely.intersection(state_land(s), window))
        # Vertices every ~1 km along the coast: the split is exact to about that.
        xy = shapely.get_coordinates(shapely.segmentize(shapely.simplify(coast, 0.002), 0.01))
        pts.append(xy)
        owners.append(np.full(len(xy), i))
    xy, owner = np.vstack(pts), np.concatenate(owners)
    xy, first = np.unique(xy, axis=0, return_index=True)
    owner = owner[first]
    px, py = fwd.transform(xy[:, 0], xy[:, 1])
    extent = transform(shapely.segmentize(shapely.box(*window.bounds), 0.5), fwd)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(
            shapely.multipoints(np.column_stack([px, py])), extend_to=extent, ordered=True
        )
    )
    out = {}
    for i, s in enumerate(states):
        region = shapely.coverage_union_all(cells[owner == i])
        region = shapely.intersection(shapely.segmentize(region, 2_000), extent)
        out[s] = shapely.make_valid(transform(region, inv))
    return out


@cache
def state_land(state: str) -> shapely.Geometry:
    """The land of one state (as :func:`islandchain.data.state_land`), from the cache.

    Zone checks measure the closest approach to each state's land; reading
    the union from the cache spares loading and merging every feature.
    """
    code = state.upper() if isinstance(state, str) else state
    return cached_geometry("state_land", {"state": code}, lambda: data.state_land(code))


def maritime_zones(
    states: tuple[str, ...] = DEFAULT_STATES,
    bbox: tuple[float, float, float, float] = DEFAULT_BBOX,
) -> gpd.GeoDataFrame:
    """Territorial seas, contiguous zones and EEZs, split along equidistance lines.

    Parameters
    ----------
    states : tuple of str
        The states whose zones to draw; each is split from the others only.
    bbox : (west, south, east, north)
        The area of interest; zones are clipped to it.

    Returns
    -------
    GeoDataFrame
        One row per state and zone: ``state``, ``zone``, ``nmi``, ``note`` and
        the geometry (EPSG:4326). Each zone is everything within its breadth
        of the state's coast that is nearer that state than the others;
        wider zones include narrower ones.

    Examples
    --------
    >>> z = maritime_zones()
    >>> sorted(set(z.zone))
    ['EEZ', 'contiguous zone', 'territorial sea']

    Built once per data version and parameters, then read from the cache
    (:mod:`islandchain.cache`); every call returns a copy.
    """
    return _maritime_zones(tuple(s.upper() for s in states), tuple(float(x) for x in bbox)).copy()


def _zones_cached(
    states: tuple[str, ...], bbox: tuple[float, ...]
) -> tuple[str, dict, Callable[[], gpd.GeoDataFrame]]:
    """The cache name, parameters and builder of the zones of ``states`` in ``bbox``."""
    params = {"states": states, "bbox": bbox, "nmi": ZONE_NMI}
    return "maritime_zones", params, lambda: _build_zones(states, bbox)


@cache
def _maritime_zones(states: tuple[str, ...], bbox: tuple[float, ...]) -> gpd.GeoDataFrame:
    return cached_frame(*_zones_cached(states, bbox))


#: The columns of a zones frame that :func:`check_intrusion` reads.
_COLUMNS = ("state", "zone", "nmi", "note", "geometry")


@cache
def _default_zones() -> dict[str, np.ndarray]:
    """The default zones of :func:`check_intrusion` as arrays, read without geopandas.

    The rows of ``pd.concat([maritime_zones(), adiz_zones()])``, from the same
    cached files (built and stored as those functions build them when missing).
    """
    bbox = tuple(float(x) for x in DEFAULT_BBOX)
    parts = (
        cached_columns(*_zones_cached(DEFAULT_STATES, bbox), _COLUMNS),
        cached_columns("adiz_zones", {}, _build_adiz, _COLUMNS),
    )
    return {c: np.concatenate([p[c] for p in parts]) for c in _COLUMNS}


def _build_zones(states: tuple[str, ...], bbox: tuple[float, ...]) -> gpd.GeoDataFrame:
    regions = _equidistance_regions(tuple(states), tuple(bbox))
    west, south, east, north = bbox
    box = shapely.box(west, south, east, north)
    rows = []
    for s in states:
        land = state_land(s)
        near = shapely.intersection(
            land, shapely.box(bbox[0] - 4, bbox[1] - 4, bbox[2] + 4, bbox[3] + 4)
        )
        if near.is_empty:
            continue
        coast = prepare(near)  # one index for the three buffers
        for zone, nmi in ZONE_NMI.items():
            buf = geodesic_buffer(coast, nmi * NMI)
            geom = shapely.intersection(shapely.intersection(buf, regions[s]), box)
            geom = shapely.difference(geom, land)
            if geom.is_empty:
                continue
            note = _NOTES.get(s, "")
            if s == "JPN":
                note += "; includes zones generated by the Senkaku Islands (claimed by CHN, TWN)"
            rows.append({"state": s, "zone": zone, "nmi": nmi, "note": note, "geometry": geom})
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def equidistance_error(
    states: tuple[str, ...] = DEFAULT_STATES,
    bbox: tuple[float, float, float, float] = DEFAULT_BBOX,
    samples: int = 400,
) -> float:
    """The largest departure from true equidistance along the computed lines, metres.

    Points on the border between two states' regions are measured to both
    coasts with exact geodesics; the result is the largest difference.
    """
    regions = _equidistance_regions(tuple(states), tuple(bbox))
    worst = 0.0
    box = shapely.box(*bbox)
    for i, a in enumerate(states):
        for b in states[i + 1 :]:
            border = shapely.intersection(
                shapely.intersection(regions[a].boundary, regions[b].boundary), box
            )
            if border.is_empty or border.length == 0:
                continue
            pts = shapely.line_interpolate_point(
                shapely.line_merge(border) if border.geom_type != "Point" else border,
                np.linspace(0, 1, samples),
                normalized=True,
            )
            xy = shapely.get_coordinates(pts)
            da = distance_to(xy[:, 0], xy[:, 1], state_land(a), boundary=True)
            db = distance_to(xy[:, 0], xy[:, 1], state_land(b), boundary=True)
            worst = max(worst, float(np.max(np.abs(da - db))))
    return worst


def adiz_zones() -> gpd.GeoDataFrame:
    """The published air defence identification zones, in the form of :func:`maritime_zones`.

    Returns
    -------
    GeoDataFrame
        One row per ADIZ in ``geo/published_areas.toml``: ``state``, ``zone``
        ("ADIZ"), ``nmi`` (NaN: an ADIZ has no breadth), ``note`` (its name and
        what the outline leaves out) and the geometry.

    Examples
    --------
    >>> sorted(adiz_zones().state)
    ['CHN', 'JPN']
    """
    return _adiz_zones().copy()


@cache
def _adiz_zones() -> gpd.GeoDataFrame:
    return cached_frame("adiz_zones", {}, _build_adiz)


def _build_adiz() -> gpd.GeoDataFrame:
    import geopandas as gpd

    from .published import published_areas

    areas = published_areas("adiz")
    rows = [
        {
            "state": a.state,
            "zone": "ADIZ",
            "nmi": float("nan"),
            "note": f"{a.name}. {a.note}",
            "geometry": a.geometry,
        }
        for a in areas.itertuples()
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


#: The maritime zones, innermost first (an ADIZ is not one).
MARITIME_ZONES = tuple(ZONE_NMI)


@dataclass(frozen=True)
class Intrusion:
    """How much of an area or track lies in one zone of one state.

    ``geometry`` is the part inside the zone (what a map highlights); it
    takes no part in comparing two intrusions.
    """

    state: str
    zone: str
    nmi: float
    area_km2: float
    length_km: float
    note: str
    #: Points (positions of a ship, a buoy, a launch site) inside the zone.
    points: int = 0
    geometry: BaseGeometry | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ZoneCheck:
    """The zones an area or track enters, and how close it comes to each state's land.

    ``home_states`` are the states whose territorial sea the track encloses
    for the most part (a cordon's own state, whose waters lie inside it);
    ``geometry`` is the geometry checked.
    """

    intrusions: tuple[Intrusion, ...]
    closest_km: dict
    closest_points: dict
    #: The whole area checked (km², 0 for a track) and its whole length (km, 0 for an area).
    area_km2: float = 0.0
    length_km: float = 0.0
    home_states: frozenset[str] = frozenset()
    geometry: BaseGeometry | None = field(default=None, compare=False, repr=False)

    def share(self, intrusion: Intrusion) -> float:
        """The fraction of the area (or, for a track, of the length) inside ``intrusion``."""
        if self.area_km2:
            return intrusion.area_km2 / self.area_km2
        return intrusion.length_km / self.length_km if self.length_km else 0.0

    def innermost(self, skip: Iterable[str] = ()) -> tuple[Intrusion, ...]:
        """The innermost maritime zone each state's waters are entered to, narrowest first.

        An area enters a zone only with some of its area (touching an edge is
        not entering); states in ``skip`` (the area's own) are left out.

        Examples
        --------
        >>> from islandchain.published import published_area
        >>> (area,) = published_area("pla-2022-08-4")
        >>> [(i.state, i.zone) for i in check_intrusion(area.geometry).innermost({"CHN"})]
        [('JPN', 'EEZ'), ('TWN', 'EEZ')]
        """
        left = set(skip)
        out = []
        for i in sorted(
            (i for i in self.intrusions if i.zone in MARITIME_ZONES), key=lambda i: i.nmi
        ):
            if i.state in left or (self.area_km2 and not i.area_km2):
                continue
            left.add(i.state)
            out.append(i)
        return tuple(out)

    def entries(self, zone: str = "territorial sea") -> tuple[Intrusion, ...]:
        """The zones of that kind a track enters, its home states' left out."""
        return tuple(
            i
            for i in self.intrusions
            if i.zone == zone and i.state not in self.home_states and (i.length_km or i.area_km2)
        )


def check_intrusion(
    geometry,
    zones: gpd.GeoDataFrame | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    closest: bool = True,
) -> ZoneCheck:
    """Which zones of which states an area or a track enters.

    Parameters
    ----------
    geometry : shapely geometry or GeoDataFrame
        An area (an exercise zone, the sea inside a blockade cordon) or a track
        (a ship's route, a cordon line), in lon/lat. Lines and rings that jump
        across the date line are unwrapped as the command line reads them
        (:func:`~islandchain.geojson.unwrap_antimeridian`); an invalid area (a
        bow-tie, a hole outside its shell) raises :class:`~islandchain.errors.InputError`
        naming the polygon (:func:`~islandchain.geojson.require_valid`).
    zones : GeoDataFrame, optional
        From :func:`maritime_zones` (and :func:`adiz_zones`); by default the
        zones of Japan, Taiwan, China and the Philippines around Taiwan and
        the published ADIZs.
    progress : callable, optional
        Called as ``progress(done, total)`` while the closest approaches are
        measured: positions (vertices) measured so far and in all, each once
        per state. Many positions (a track of ship reports as points) go
        through :func:`~islandchain.geodesy.distance_to` in batches, reported
        as each batch is done; other geometries once per state.
    closest : bool
        Also measure the closest approach to each state's land (a map of the
        zones entered needs only the intrusions).

    Returns
    -------
    ZoneCheck
        ``intrusions``: one per zone entered, with the geodesic area (for
        areas) or length (for tracks) inside and the part inside;
        ``closest_km``: the closest approach to each state's land, by state
        (empty when ``closest`` is false); ``home_states``: the states whose
        territorial sea the track encloses.

    Examples
    --------
    >>> cordon = blockade_cordon("Taiwan", 50)
    >>> any(i.state == "JPN" and i.zone == "territorial sea"
    ...     for i in check_intrusion(cordon).intrusions)
    True
    """
    geopandas = sys.modules.get("geopandas")  # no frame exists before it is imported
    if geopandas is not None and isinstance(geometry, geopandas.GeoDataFrame | geopandas.GeoSeries):
        geometry = shapely.union_all(geometry.to_crs("EPSG:4326").geometry.to_numpy())
    if not isinstance(geometry, BaseGeometry) or geometry.is_empty:
        raise IslandchainError("check_intrusion needs a non-empty geometry in lon/lat")
    # The same reading as the command line's: across the date line, and valid areas only.
    geometry = require_valid(unwrap_antimeridian(geometry), "check_intrusion")
    if zones is None:
        table = _default_zones()
    else:
        table = {c: zones[c].to_numpy() for c in _COLUMNS if c != "geometry"}
        table["geometry"] = zones.geometry.to_numpy()
    out = []
    inside = shapely.intersection(geometry, table["geometry"])
    rows = zip(table["state"], table["zone"], table["nmi"], table["note"], strict=True)
    for (state, zone, nmi, note), part in zip(rows, inside, strict=True):
        if part.is_empty:
            continue
        area, length, npoints = _measures(part)
        if area == 0 and length == 0 and npoints == 0:
            continue
        out.append(
            Intrusion(str(state), str(zone), float(nmi), area, length, str(note), npoints, part)
        )
    positions = _positions(geometry)
    home = _home_states(geometry, table) if positions is None else frozenset()
    near: dict = {}
    points: dict = {}
    if closest:
        near, points = _closest(geometry, positions, table, progress)
    return ZoneCheck(tuple(out), near, points, *_size(geometry), home, geometry)


def _closest(geometry, positions, table, progress) -> tuple[dict, dict]:
    """The closest approach to each state's land (km) and the two points realising it."""
    closest, points = {}, {}
    states = list(dict.fromkeys(table["state"].tolist()))
    n = len(positions) if positions is not None else int(shapely.get_num_coordinates(geometry))
    for k, s in enumerate(states):
        if positions is not None:
            # The exact minimum over the positions, as shortest_line gives it,
            # in batches that can report progress.
            step = None if progress is None else _offset(progress, k * n, len(states) * n)
            d, near = distance_to(
                positions[:, 0], positions[:, 1], state_land(s), return_points=True, progress=step
            )
            i = int(np.argmin(d))
            xy, to = positions[i], near[i]
            closest[s] = float(d[i]) / 1000.0
            points[s] = ((float(xy[0]), float(xy[1])), (float(to[0]), float(to[1])))
        else:
            sep = _shortest_line(geometry, state_land(s))
            closest[s], points[s] = sep.distance_km, (sep.point_a, sep.point_b)
            if progress is not None:
                progress((k + 1) * n, len(states) * n)
    return closest, points


def _home_states(geometry, table: dict[str, np.ndarray]) -> frozenset[str]:
    """States whose territorial sea the track mostly encloses (a cordon's own state)."""
    track = shapely.boundary(geometry) if geometry.geom_type.endswith("Polygon") else geometry
    enclosed = shapely.union_all(shapely.get_parts(shapely.polygonize(shapely.get_parts(track))))
    seas = table["zone"] == "territorial sea"
    geoms, states = table["geometry"][seas], table["state"][seas]
    own = shapely.area(shapely.intersection(geoms, enclosed)) > 0.5 * shapely.area(geoms)
    return frozenset(str(s) for s, g, o in zip(states, geoms, own, strict=True) if o and g.area)


#: From this many positions (points only), closest approaches go through distance_to.
_MANY_POSITIONS = 1_000


def _positions(geom) -> np.ndarray | None:
    """The (n, 2) lon/lat of a geometry made only of many points, else None."""
    parts = shapely.get_parts(geom)
    while np.isin(shapely.get_type_id(parts), (4, 5, 6, 7)).any():  # multi-parts, collections
        parts = shapely.get_parts(parts)
    if len(parts) < _MANY_POSITIONS or not np.all(shapely.get_type_id(parts) == 0):
        return None
    return shapely.get_coordinates(parts)


def _offset(progress: Callable[[int, int], None], start: int, total: int):
    """A progress callback for one part of a longer run."""
    return lambda done, _: progress(start + done, total)


def _measures(geom) -> tuple[float, float, int]:
    """Area (km²) of the polygonal parts, length (km) of the lineal parts, number of points."""
    parts = shapely.get_parts(geom)
    while np.isin(shapely.get_type_id(parts), (4, 5, 6, 7)).any():  # multi-parts, collections
        parts = shapely.get_parts(parts)
    kinds = shapely.get_type_id(parts)
    polys, lines = parts[np.isin(kinds, (3,))], parts[np.isin(kinds, (1, 2))]
    points = parts[kinds == 0]
    area = geodesic_area(shapely.multipolygons(polys)) / 1e6 if len(polys) else 0.0
    length = geodesic_perimeter(shapely.multilinestrings(lines)) / 1000 if len(lines) else 0.0
    npoints = len(points)
    return area, length, npoints


def _size(geom) -> tuple[float, float]:
    """(area km², 0) for an area, (0, length km) for a track."""
    area, length, _ = _measures(geom)
    return (area, 0.0) if area else (0.0, length)


def blockade_cordon(place: str = "Taiwan", nmi: float = 24.0) -> shapely.Geometry:
    """A cordon line at a geodesic distance round a place.

    Parameters
    ----------
    place : str
        A gazetteer name.
    nmi : float
        Distance from the coast, nautical miles.

    Returns
    -------
    shapely geometry
        The outline of the geodesic buffer: where ships holding the cordon sail.
    """
    fid = data.resolve(place)

    def build() -> shapely.Geometry:
        return shapely.boundary(geodesic_buffer(data.feature(fid).geometry, nmi * NMI))

    return cached_geometry("cordon", {"feature": fid, "nmi": float(nmi)}, build)
