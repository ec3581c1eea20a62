"""The zones a track is checked against, with a grid for vectorised membership.

A :class:`ZoneSet` holds up to 64 zones (polygons in lon/lat) and a regular
grid over them: for each cell, a bit mask of the zones that hold the whole
cell and a bit mask of the zones whose edge passes within one cell of it.
A position's membership is one grid lookup; only positions in edge cells
are tested exactly, zone by zone, with shapely 2's ``contains_xy`` on the
prepared polygon. The grid is a prefilter only: every answer is exact.

Zones come from the public functions of :mod:`islandchain.zones` and
:mod:`islandchain.published` (:func:`zone_set` picks them by kind), so the
same code runs on whatever region those functions cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

import numpy as np
import shapely
from numpy.typing import NDArray

from ..errors import TrackError

__all__ = ["GRID_DEG", "Zone", "ZoneKind", "ZoneSet", "zone_set"]

#: Side of a grid cell, degrees (about 1.1 km of latitude); coarser when the zones span
#: more than :data:`MAX_CELLS` cells of it.
GRID_DEG = 0.01
#: Most cells in a grid (three 64-bit masks each).
MAX_CELLS = 2_000_000
#: Most zones one set can hold (one bit each in a 64-bit mask).
MAX_ZONES = 64


class ZoneKind(StrEnum):
    """The kinds of zone a track can be checked against."""

    TERRITORIAL_SEA = "territorial sea"
    CONTIGUOUS_ZONE = "contiguous zone"
    EEZ = "EEZ"
    ADIZ = "ADIZ"


@dataclass(frozen=True)
class Zone:
    """One zone: whose it is, what it is, and its polygon in lon/lat."""

    state: str
    zone: str
    geometry: shapely.Geometry = field(repr=False)
    #: The land closest approaches are measured to; by default the state's land.
    land: shapely.Geometry | None = field(default=None, repr=False)


@dataclass(frozen=True, eq=False)
class ZoneSet:
    """Zones with the grid that answers membership for many positions at once.

    Build it with :func:`zone_set` or :meth:`from_zones`; see the module
    docstring for how membership is decided.
    """

    zones: tuple[Zone, ...]
    west: float
    south: float
    nx: int
    ny: int
    #: Per cell: zones holding the whole cell, zones whose edge touches it, and zones whose
    #: edge touches it or a neighbour.
    inside: NDArray[np.uint64] = field(repr=False)
    edge: NDArray[np.uint64] = field(repr=False)
    near: NDArray[np.uint64] = field(repr=False)
    cell: float = GRID_DEG
    #: The centre longitude: positions are read in the zones' own turn of the globe.
    centre: float = 0.0

    @classmethod
    def from_zones(cls, zones: Sequence[Zone]) -> ZoneSet:
        """A zone set over ``zones`` (polygons; a line is refused)."""
        zones = tuple(zones)
        if not zones:
            raise TrackError("no zones to check the tracks against; choose at least one")
        if len(zones) > MAX_ZONES:
            raise TrackError(f"{len(zones)} zones: at most {MAX_ZONES} can be checked at once")
        zones = tuple(_polygonal(z) for z in zones)
        bounds = np.array([shapely.bounds(z.geometry) for z in zones])
        span = (bounds[:, 2].max() - bounds[:, 0].min()) * (bounds[:, 3].max() - bounds[:, 1].min())
        cell = max(GRID_DEG, float(np.sqrt(span / MAX_CELLS)))
        west, south = bounds[:, 0].min() - 2 * cell, bounds[:, 1].min() - 2 * cell
        east, north = bounds[:, 2].max() + 2 * cell, bounds[:, 3].max() + 2 * cell
        nx = int(np.ceil((east - west) / cell)) + 1
        ny = int(np.ceil((north - south) / cell)) + 1
        inside = np.zeros(ny * nx, np.uint64)
        edge = np.zeros(ny * nx, np.uint64)
        near = np.zeros(ny * nx, np.uint64)
        for k, z in enumerate(zones):
            cells_in, cells_edge, cells_near = _rasterise(z.geometry, west, south, nx, ny, cell)
            inside[cells_in] |= np.uint64(1 << k)
            edge[cells_edge] |= np.uint64(1 << k)
            near[cells_near] |= np.uint64(1 << k)
        return cls(zones, west, south, nx, ny, inside, edge, near, cell, (west + east) / 2)

    def __len__(self) -> int:
        return len(self.zones)

    def wrap(self, lon: NDArray[np.float64]) -> NDArray[np.float64]:
        """Longitudes in the zones' own turn of the globe (antimeridian-safe)."""
        return self.centre + (lon - self.centre + 180.0) % 360.0 - 180.0

    def cells(self, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.int64]:
        """The grid cell of each position (wrapped longitudes), -1 outside the grid."""
        ix = np.floor((lon - self.west) / self.cell).astype(np.int64)
        iy = np.floor((lat - self.south) / self.cell).astype(np.int64)
        ok = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        return np.where(ok, iy * self.nx + ix, -1)

    def beyond_one_side(self, lon1, lat1, lon2, lat2) -> NDArray[np.bool_]:
        """Whether both ends of each link lie beyond the same side of the grid (so the link,
        shorter than half the globe, cannot meet a zone)."""
        x1, x2 = self.wrap(lon1), self.wrap(lon2)
        east = self.west + self.nx * self.cell
        north = self.south + self.ny * self.cell
        return (
            ((x1 < self.west) & (x2 < self.west))
            | ((x1 >= east) & (x2 >= east))
            | ((lat1 < self.south) & (lat2 < self.south))
            | ((lat1 >= north) & (lat2 >= north))
        )

    def lookup(
        self, cells: NDArray[np.int64], *, near: bool = False
    ) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
        """The grid's inside and edge (or near-edge) masks of each cell (0 outside the grid)."""
        ok = cells >= 0
        safe = np.where(ok, cells, 0)
        zero = np.uint64(0)
        edge = self.near if near else self.edge
        return np.where(ok, self.inside[safe], zero), np.where(ok, edge[safe], zero)

    def members(
        self, lon: NDArray[np.float64], lat: NDArray[np.float64]
    ) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
        """Exact membership of each position as a bit mask (bit k: zone k), and its cell.

        Examples
        --------
        >>> zs = ZoneSet.from_zones([Zone("X", "box", shapely.box(0, 0, 1, 1))])
        >>> bits, _ = zs.members(np.array([0.5, 2.0, 0.999]), np.array([0.5, 0.5, 0.5]))
        >>> bits.tolist()
        [1, 0, 1]
        """
        lon = self.wrap(lon)
        cells = self.cells(lon, lat)
        bits, edge = self.lookup(cells)
        if edge.any():
            for k, z in enumerate(self.zones):
                bit = np.uint64(1 << k)
                near = np.flatnonzero(edge & bit)
                if len(near) == 0:
                    continue
                hit = shapely.contains_xy(z.geometry, lon[near], lat[near])
                bits[near] = np.where(hit, bits[near] | bit, bits[near] & ~bit)
        return bits, cells

    def contains(self, k: int, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray:
        """Whether zone ``k`` holds each position (exact)."""
        return shapely.contains_xy(self.zones[k].geometry, self.wrap(lon), lat)


def _polygonal(zone: Zone) -> Zone:
    """The zone with its polygons only (a collection's lines and points dropped), prepared."""
    parts = shapely.get_parts(zone.geometry)
    polys = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    if len(polys) == 0:
        raise TrackError(f"zone {zone.state} {zone.zone}: expected an area, got a line or point")
    geom = shapely.MultiPolygon(list(shapely.get_parts(polys)))
    shapely.prepare(geom)
    return Zone(zone.state, zone.zone, geom, zone.land)


def _rasterise(geom: shapely.Geometry, west: float, south: float, nx: int, ny: int, cell: float):
    """Cells wholly inside ``geom``, cells its edge touches, and those and their neighbours."""
    x0, y0, x1, y1 = shapely.bounds(geom)
    i0, i1 = max(int((x0 - west) / cell) - 2, 0), min(int((x1 - west) / cell) + 3, nx)
    j0, j1 = max(int((y0 - south) / cell) - 2, 0), min(int((y1 - south) / cell) + 3, ny)
    w, h = i1 - i0, j1 - j0
    # The edge, densified to half a cell: every cell it passes through holds a vertex or
    # neighbours one; those candidates are then tested exactly against the edge.
    outline = shapely.boundary(geom)
    xy = shapely.get_coordinates(shapely.segmentize(outline, cell / 2))
    ix = np.clip(np.floor((xy[:, 0] - west) / cell).astype(int) - i0, 1, w - 2)
    iy = np.clip(np.floor((xy[:, 1] - south) / cell).astype(int) - j0, 1, h - 2)
    seed = np.zeros((h, w), bool)
    seed[iy, ix] = True
    grown = _grow(seed)
    cy, cx = np.nonzero(grown)
    shapely.prepare(outline)
    boxes = shapely.box(
        west + (cx + i0) * cell,
        south + (cy + j0) * cell,
        west + (cx + i0 + 1) * cell,
        south + (cy + j0 + 1) * cell,
    )
    touch = shapely.intersects(outline, boxes)
    edge = np.zeros((h, w), bool)
    edge[cy[touch], cx[touch]] = True
    near = _grow(edge)
    gx, gy = np.meshgrid(
        west + (np.arange(i0, i1) + 0.5) * cell, south + (np.arange(j0, j1) + 0.5) * cell
    )
    inside = np.zeros((h, w), bool)
    free = ~edge
    inside[free] = shapely.contains_xy(geom, gx[free], gy[free])
    jj, ii = np.meshgrid(np.arange(j0, j1), np.arange(i0, i1), indexing="ij")
    flat = jj * nx + ii
    return flat[inside], flat[edge], flat[near]


def _grow(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The cells of ``mask`` and their eight neighbours."""
    out = mask.copy()
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    rows = out.copy()
    out[:, 1:] |= rows[:, :-1]
    out[:, :-1] |= rows[:, 1:]
    return out


def _cordon_zone(spec: str) -> Zone:
    """``PLACE:NMI``: the sea inside a blockade cordon round a place."""
    from ..zones import blockade_cordon

    place, _, nmi = spec.rpartition(":")
    try:
        distance = float(nmi)
    except ValueError:
        raise TrackError(
            f"cordon {spec!r}: give PLACE:NMI, e.g. Taiwan:24 (a place and a distance in nmi)"
        ) from None
    if not place.strip() or not np.isfinite(distance) or distance <= 0:
        raise TrackError(f"cordon {spec!r}: give PLACE:NMI, e.g. Taiwan:24")
    from .. import data

    ring = blockade_cordon(place.strip(), distance)
    area = shapely.union_all(shapely.get_parts(shapely.polygonize(shapely.get_parts(ring))))
    land = data.feature(data.resolve(place.strip())).geometry
    return Zone(place.strip(), f"cordon {distance:g} nmi", area, land)


@cache
def zone_set(
    kinds: tuple[str, ...] = ("territorial sea", "contiguous zone"),
    states: tuple[str, ...] | None = None,
    areas: tuple[str, ...] = (),
    cordons: tuple[str, ...] = (),
) -> ZoneSet:
    """The zones to check tracks against, by kind, state, published area and cordon.

    Parameters
    ----------
    kinds : tuple of str
        Kinds of :class:`ZoneKind`: maritime zones from
        :func:`islandchain.zones.maritime_zones`, ADIZs from
        :func:`islandchain.zones.adiz_zones`.
    states : tuple of str, optional
        Only these states' zones (ISO codes such as ``"JPN"``); all by default.
    areas : tuple of str
        Published areas (ids or groups, as ``islandchain zones areas`` lists).
    cordons : tuple of str
        ``PLACE:NMI``: the sea inside a cordon at that distance round a place.

    Returns
    -------
    ZoneSet
        Built once per choice in a process and kept.

    Examples
    --------
    >>> zs = zone_set(("territorial sea",), ("JPN",))
    >>> {(z.state, z.zone) for z in zs.zones}
    {('JPN', 'territorial sea')}
    """
    from ..published import published_area
    from ..zones import adiz_zones, maritime_zones

    wanted = [ZoneKind(k) for k in kinds]
    chosen = {s.upper() for s in states} if states else None
    zones: list[Zone] = []
    frames = []
    if any(k is not ZoneKind.ADIZ for k in wanted):
        frames.append(maritime_zones())
    if ZoneKind.ADIZ in wanted:
        frames.append(adiz_zones())
    for frame in frames:
        for row in frame.itertuples():
            if row.zone in {k.value for k in wanted} and (chosen is None or row.state in chosen):
                zones.append(Zone(str(row.state), str(row.zone), row.geometry))
    for name in areas:
        for a in published_area(name):
            zones.append(Zone(str(a.state), f"area {a.id}", a.geometry))
    zones += [_cordon_zone(c) for c in cordons]
    return ZoneSet.from_zones(zones)
