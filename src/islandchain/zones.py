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

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
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
    "no_zone_text",
    "read_geometry",
    "state_land",
]

#: Breadth of each zone from the coast, nautical miles.
ZONE_NMI = {"territorial sea": 12.0, "contiguous zone": 24.0, "EEZ": 200.0}
#: The default area of interest: the whole region of the data (lon 105–150 E, lat 5 S–46 N).
DEFAULT_BBOX = (105.0, -5.0, 150.0, 46.0)
#: The states whose zones are drawn and checked by default: every state with a coast in the
#: region (Cambodia, Thailand, Laos and Mongolia have only inland land in it).
DEFAULT_STATES = (
    "BRN",
    "CHN",
    "FSM",
    "IDN",
    "JPN",
    "KOR",
    "MYS",
    "PHL",
    "PLW",
    "PNG",
    "PRK",
    "RUS",
    "TWN",
    "USA",
    "VNM",
)
#: The equidistance split is computed in tiles of at most this many degrees, each in its
#: own azimuthal equidistant projection (so that the split stays within about 1 km of
#: true equidistance over the whole region), from the coasts within :data:`_MARGIN`.
_TILE = 9.0
_MARGIN = 5.0
#: What each zone row says about the boundaries it assumes.
_NOTES = {
    "JPN": "Japan–China, Japan–Taiwan and Japan–Korea EEZ boundaries are largely undelimited; "
    "Japan claims the equidistance line",
    "TWN": "China claims Taiwan; Taiwan–Philippines and Taiwan–Japan boundaries undelimited",
    "CHN": "China claims its continental shelf to the Okinawa Trough, beyond the equidistance "
    "line, and waters within its nine-dash line in the South China Sea",
    "PHL": "Philippines–Taiwan boundary in the Luzon Strait undelimited",
    "KOR": "Korea–Japan and Korea–China EEZ boundaries undelimited (joint fishery zones)",
    "VNM": "Vietnam–China boundary delimited in the Gulf of Tonkin only (2000)",
}


#: A disputed part smaller than this (square degrees, about a square metre) is a
#: sliver the cuts left, not a zone.
_SLIVER_DEG2 = 1e-10

#: Threads that build zones: GEOS and PROJ release the GIL, so states and tiles
#: are built side by side on one machine.
_THREADS = max(1, min(4, os.cpu_count() or 1))


@cache
def _coast_sites() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Vertices every ~2 km along every state's coast and land borders: (xy, owner, states)."""
    everyone = data.states()
    pts, owners = [], []
    for i, s in enumerate(everyone):
        lines = shapely.get_parts(shapely.boundary(state_land(s)))
        # Plain Douglas-Peucker, line by line: the sites are points, so topology does not
        # matter, and keeping it costs GEOS about 80 s on the region's coasts (0.1 s
        # without). A ring it shrinks to one point (an islet) is that point.
        plain = shapely.simplify(lines, 0.004, preserve_topology=False)
        ring = shapely.get_num_coordinates(plain) >= 3
        xy = np.vstack(
            [
                shapely.get_coordinates(shapely.segmentize(plain[ring], 0.02)),
                shapely.get_coordinates(plain[~ring]),
            ]
        )
        pts.append(xy)
        owners.append(np.full(len(xy), i))
    xy, owner = np.vstack(pts), np.concatenate(owners)
    xy, first = np.unique(xy, axis=0, return_index=True)
    return xy, owner[first], everyone


def _tile_regions(tile: tuple[float, float, float, float]) -> dict[str, BaseGeometry]:
    """Each state's part of one tile: nearer its coast than any other state's."""
    xy, owner, everyone = _coast_sites()
    w, s, e, n = tile
    near = (
        (xy[:, 0] >= w - _MARGIN)
        & (xy[:, 0] <= e + _MARGIN)
        & (xy[:, 1] >= s - _MARGIN)
        & (xy[:, 1] <= n + _MARGIN)
    )
    if not near.any():
        return {}
    present = np.unique(owner[near])
    box = shapely.box(*tile)
    if len(present) == 1:
        return {everyone[present[0]]: box}
    fwd, inv = aeqd_transformers((w + e) / 2, (s + n) / 2)
    px, py = fwd.transform(xy[near, 0], xy[near, 1])
    # Sites a metre apart are one (GEOS' Voronoi fails on near-duplicates).
    sites, first = np.unique(np.round(np.column_stack([px, py]), -1), axis=0, return_index=True)
    who = owner[near][first]
    window = shapely.box(w - _MARGIN, s - _MARGIN, e + _MARGIN, n + _MARGIN)
    extent = transform(shapely.segmentize(window, 0.5), fwd)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=extent, ordered=True)
    )
    target = transform(shapely.segmentize(box, 0.05), fwd)
    out: dict[str, BaseGeometry] = {}
    for i in present:
        region = shapely.coverage_union_all(cells[who == i])
        region = shapely.intersection(shapely.segmentize(region, 2_000), target)
        if not region.is_empty:
            out[everyone[i]] = shapely.make_valid(transform(region, inv))
    return out


@cache
def _equidistance_regions(states: tuple[str, ...], bbox: tuple[float, ...]) -> dict:
    """Each state's part of the box: nearer its coast than any other state's, by tiles."""
    west, south, east, north = bbox
    nx = max(1, int(np.ceil((east - west) / _TILE)))
    ny = max(1, int(np.ceil((north - south) / _TILE)))
    xs, ys = np.linspace(west, east, nx + 1), np.linspace(south, north, ny + 1)
    tiles = [(xs[i], ys[j], xs[i + 1], ys[j + 1]) for i in range(nx) for j in range(ny)]
    _coast_sites()  # built once, before the threads share it
    pieces: dict[str, list[shapely.Geometry]] = {s: [] for s in states}
    with ThreadPoolExecutor(_THREADS) as pool:  # GEOS and PROJ let go of the GIL
        for regions in pool.map(_tile_regions, tiles):
            for s, geom in regions.items():
                if s in pieces:
                    pieces[s].append(geom)

        # Snapped to 1e-9° (0.1 mm): neighbouring tiles' edges differ in the last digits
        # (12.000000000000004 against 11.999999999999998), which left hairline holes
        # along every seam.
        def merge(p: list[shapely.Geometry]) -> shapely.Geometry:
            return shapely.union_all(p, grid_size=1e-9) if p else shapely.Polygon()

        return dict(zip(pieces, pool.map(merge, pieces.values()), strict=True))


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
    params = {"states": states, "bbox": bbox, "nmi": ZONE_NMI, "tile": _TILE, "margin": _MARGIN}
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
    box = shapely.box(bbox[0], bbox[1], bbox[2], bbox[3])
    for s in states:  # the cached inputs, loaded once before the threads share them
        state_land(s), data.disputed_land(s), data.undisputed_land(s)
    data.land_states(), data.land()
    # The largest states first, so that the threads finish together.
    order = sorted(states, key=lambda s: -shapely.get_num_coordinates(state_land(s)))
    with ThreadPoolExecutor(_THREADS) as pool:
        built = pool.map(lambda s: _state_zones(s, regions[s], box), order)
        done = dict(zip(order, built, strict=True))
    rows = [row for s in states for row in done[s]]
    import geopandas as gpd

    columns = ["state", "zone", "nmi", "note", "claimants", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def _not_sea(state: str) -> np.ndarray:
    """A state's land, then every land polygon cut by one of its land borders (whole).

    Returned as pieces to cut away one after the other: the polygons are whole
    land masses (Eurasia, Borneo), and merging them into the state's land first
    cost GEOS more than the two cuts.
    """
    ls = data.land_states()
    cut_ids = np.unique(ls.polygon_id[np.r_[False, ls.polygon_id[1:] == ls.polygon_id[:-1]]])
    mine = np.unique(ls.polygon_id[ls.admin == state])
    whole = data.land().geometry.to_numpy()[np.intersect1d(mine, cut_ids)]
    return np.array([state_land(state), *whole], dtype=object)


def _without(geom: shapely.Geometry, pieces: np.ndarray) -> shapely.Geometry:
    """``geom`` less each of ``pieces`` in turn (the pieces a bounding box misses skipped)."""
    for piece in pieces:
        if shapely.intersects(shapely.envelope(geom), shapely.envelope(piece)):
            geom = shapely.difference(geom, piece)
    # A cut along a shared edge can leave lines beside the polygons: a zone is an area.
    parts = shapely.get_parts(geom)
    return shapely.multipolygons(parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON])


def _state_zones(state: str, region: shapely.Geometry, box: shapely.Geometry) -> list[dict]:
    """The three zones of one state within its equidistance region, with disputed parts."""
    land = state_land(state)
    area = shapely.intersection(region, box)
    if shapely.is_empty(area) or shapely.is_empty(land):
        return []
    not_sea = _not_sea(state)
    disputed = data.disputed_land(state)
    coast = prepare(land)  # one index for the three buffers
    rows = []
    for zone, nmi in ZONE_NMI.items():
        # The sea within the breadth with the land still in it: the disputed parts are
        # cut from it first, then the land from each piece (cutting the land, at full
        # resolution, is the costly step: once per piece, not once per disputed part).
        sea = shapely.intersection(geodesic_buffer(coast, nmi * NMI), area)
        if shapely.is_empty(sea):
            continue
        note = _NOTES.get(state, "")
        taken = shapely.Polygon()  # the disputed parts so far, land in them
        for claimants, part in disputed:
            only = shapely.difference(
                shapely.intersection(sea, _reach_of(state, part, nmi, sea)), taken
            )
            piece = _without(only, not_sea)
            if shapely.area(piece) < _SLIVER_DEG2:  # empty, or a sliver along a cut
                continue
            taken = shapely.union(taken, only)
            who = ", ".join(claimants)
            rows.append(
                {
                    "state": state,
                    "zone": zone,
                    "nmi": nmi,
                    "note": f"generated only by land {state} administers and {who} claims; " + note,
                    "claimants": "|".join(claimants),
                    "geometry": piece,
                }
            )
        geom = _without(shapely.difference(sea, taken), not_sea)
        if not shapely.is_empty(geom):
            rows.append(
                {
                    "state": state,
                    "zone": zone,
                    "nmi": nmi,
                    "note": note,
                    "claimants": "",
                    "geometry": geom,
                }
            )
    return rows


def _reach_of(state: str, part: shapely.Geometry, nmi: float, sea: shapely.Geometry):
    """What only disputed land ``part`` generates: within the breadth of it, beyond that
    of the rest of the state's land (all of ``sea`` when the state has no other land)."""
    rest = data.undisputed_land(state)
    if shapely.is_empty(rest):
        return sea
    reach = geodesic_buffer(prepare(part), nmi * NMI)
    window = shapely.box(*shapely.bounds(reach))
    near_rest = shapely.intersection(rest, shapely.buffer(window, nmi / 60 * 1.5))
    if not near_rest.is_empty:
        reach = shapely.difference(reach, geodesic_buffer(near_rest, nmi * NMI))
    return reach


def no_zone_text(geometry: BaseGeometry, closest_km: dict[str, float] | None = None) -> str:
    """One line saying why a geometry enters no zone: outside the region, land, the high seas.

    ``closest_km`` (from :class:`ZoneCheck`) tells a point on land from one at sea.

    Examples
    --------
    >>> no_zone_text(shapely.Point(160.0, 20.0))
    'outside the region of the data (lon 105°E to 150°E, lat 5°S to 46°N): no zones are built there'
    >>> no_zone_text(shapely.Point(140.0, 12.0)).startswith("on the high seas")
    True
    """
    region = shapely.box(*data.REGION)
    if not shapely.intersects(geometry, region):
        return f"outside the region of the data ({data.region_text()}): no zones are built there"
    on_land = [s for s, km in (closest_km or {}).items() if km == 0]
    if on_land and shapely.get_type_id(geometry) == 0:
        return f"on land ({', '.join(on_land)}): in no maritime zone"
    where = "on the high seas" if shapely.within(geometry, region) else "inside the region"
    text = (
        f"{where}: in no territorial sea, contiguous zone or EEZ of the region's coastal "
        f"states ({', '.join(DEFAULT_STATES)})"
    )
    if not shapely.within(geometry, region):
        text += f"; the part outside the region ({data.region_text()}) is not checked"
    return text


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
    if enclosed.is_empty:  # a point, or a track that encloses nothing
        return frozenset()
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
