"""Land thinned for display, at the level of detail each zoom needs.

Pure shapely / numpy: testable without folium, shared by the HTML maps and
the static figures. Never measure on these shapes; every figure islandchain
reports is measured on the full-resolution coast.

Examples
--------
>>> from shapely.geometry import box
>>> levels = display_levels([box(123, 24, 123.1, 24.1)], detail_box=(122, 23, 124, 25))
>>> [(lv.min_zoom, lv.max_zoom) for lv in levels]
[(None, 8), (9, None)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .story import Bounds

__all__ = [
    "DETAIL_ZOOM",
    "GROUP_KINDS",
    "DisplayLevel",
    "as_geometry_array",
    "display_levels",
    "keep_geometries",
    "simplify_for_display",
    "zone_display_geometry",
]

#: Kinds drawn as an anchor only: their polygons cover their members.
GROUP_KINDS: frozenset[str] = frozenset({"region", "island_group"})
#: Kinds whose polygon is all the land of a state or province: kept whole, they would
#: keep every islet of China or Japan on the coarse level too.
_MANY_POLYGON_KINDS: frozenset[str] = frozenset({"state", "province"})
#: From this zoom on, land is drawn from the full-resolution coast.
DETAIL_ZOOM = 9
# Degrees of latitude in km, enough for a display-only area threshold.
_KM_PER_DEG = 111.195


def as_geometry_array(geoms: object) -> np.ndarray:
    """Return geometries (one, a sequence, a GeoSeries or GeoDataFrame) in lon/lat.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> len(as_geometry_array(Point(0, 0)))
    1
    """
    if isinstance(geoms, gpd.GeoDataFrame):
        geoms = geoms.geometry
    if isinstance(geoms, gpd.GeoSeries):
        series: gpd.GeoSeries = geoms
        if series.crs is not None and not series.crs.equals("EPSG:4326"):
            series = series.to_crs("EPSG:4326")
        return np.asarray(series.values, dtype=object)
    if isinstance(geoms, BaseGeometry):
        return np.array([geoms], dtype=object)
    return np.asarray(list(geoms), dtype=object)  # type: ignore[call-overload]


def _approx_area_km2(polys: np.ndarray) -> np.ndarray:
    """Approximate area in km² of lon/lat polygons (cos-latitude scaling)."""
    lat = shapely.get_y(shapely.centroid(polys))
    return shapely.area(polys) * _KM_PER_DEG**2 * np.cos(np.radians(lat))


def _kept_mask(polys: np.ndarray, keep: object, distance_deg: float) -> np.ndarray:
    """Mark polygons that ``keep`` polygons intersect or ``keep`` points are near.

    The small distance around points lets an anchor that sits a few metres
    offshore (a reef, a lagoon) still keep its island.
    """
    mask = np.zeros(len(polys), dtype=bool)
    if keep is None or len(polys) == 0:
        return mask
    keep_geoms = as_geometry_array(keep)
    keep_geoms = keep_geoms[~shapely.is_empty(keep_geoms) & ~shapely.is_missing(keep_geoms)]
    if len(keep_geoms) == 0:
        return mask
    tree = shapely.STRtree(polys)
    # Polygons keep only what they touch: a distance would also keep every
    # coastal rock next to a large island. Points get a small search radius.
    areal = shapely.get_dimensions(keep_geoms) == 2
    _, hit = tree.query(keep_geoms[areal], predicate="intersects")
    mask[np.unique(hit)] = True
    _, hit = tree.query(keep_geoms[~areal], predicate="dwithin", distance=distance_deg)
    mask[np.unique(hit)] = True
    return mask


def _simplify_snap(
    polys: np.ndarray, tolerance: float | np.ndarray, grid: float | np.ndarray
) -> np.ndarray:
    """Simplify (topology preserved) then snap coordinates to ``grid``."""
    simple = shapely.simplify(polys, tolerance, preserve_topology=True)
    # cast: types-shapely declares grid_size a float, but set_precision is a
    # ufunc and takes one grid per geometry (see _simplify_kept).
    return shapely.set_precision(simple, cast(float, grid))


def _simplify_kept(polys: np.ndarray, tolerance: float, grid: float) -> np.ndarray:
    """Simplify kept polygons with settings scaled to each one's size.

    A 200 m islet simplified at 550 m becomes a triangle, and snapped to a
    110 m grid it can vanish; kept features must keep their shape, so each
    gets a tolerance of 5% and a grid of at most 2% of its width (a power of
    ten, so coordinates stay short decimals).
    """
    width = np.sqrt(shapely.area(polys))
    tolerances = np.minimum(tolerance, width * 0.05)
    grids = np.minimum(grid, 10.0 ** np.floor(np.log10(np.maximum(width * 0.02, 1e-7))))
    result = _simplify_snap(polys, tolerances, grids)
    empty = shapely.is_empty(result)
    result[empty] = polys[empty]
    return result


def simplify_for_display(
    land: gpd.GeoDataFrame | gpd.GeoSeries | Sequence[BaseGeometry],
    tolerance_deg: float = 0.005,
    *,
    grid_deg: float = 0.001,
    min_area_km2: float = 0.25,
    keep: object = None,
    keep_distance_deg: float = 0.001,
) -> np.ndarray:
    """Thin land polygons for drawing. Never use the result for measuring.

    Parameters
    ----------
    land : GeoDataFrame, GeoSeries or sequence of geometries
        Land (multi)polygons; reprojected to EPSG:4326 if they carry a CRS.
    tolerance_deg : float
        Douglas-Peucker tolerance in degrees (0.005 deg ~ 550 m, below one
        pixel up to zoom 7); 0 keeps every vertex.
    grid_deg : float
        Coordinates are snapped to this grid (fewer digits in the file).
    min_area_km2 : float
        Polygons smaller than this (approximately) are dropped as invisible
        at the default zoom, unless kept.
    keep : geometry, sequence or GeoSeries, optional
        Land polygons that these polygons intersect, or that lie within
        ``keep_distance_deg`` of these points/lines, are always kept and
        never collapse: pass the named features' islands and anchors (not
        whole groups or regions, which would keep every islet in them).
    keep_distance_deg : float
        Search distance around point and line ``keep`` geometries.

    Returns
    -------
    numpy.ndarray of shapely.Polygon
        Valid polygons in input order.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> parts = simplify_for_display([box(123, 24, 123.1, 24.1), box(124, 24, 124.001, 24.001)])
    >>> len(parts)
    1
    """
    polys = shapely.get_parts(as_geometry_array(land))
    polys = polys[shapely.get_type_id(polys) == shapely.GeometryType.POLYGON]
    kept = _kept_mask(polys, keep, keep_distance_deg)
    visible = kept | (_approx_area_km2(polys) >= min_area_km2)
    polys, kept = polys[visible], kept[visible]
    result = _simplify_snap(polys, tolerance_deg, grid_deg)
    result[kept] = _simplify_kept(polys[kept], tolerance_deg, grid_deg)
    parts = shapely.get_parts(result[~shapely.is_empty(result)])
    return parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]


@dataclass(frozen=True)
class DisplayLevel:
    """Land polygons for a range of zoom levels (None = unbounded).

    Parameters
    ----------
    min_zoom, max_zoom : int or None
        Leaflet zoom levels, inclusive, at which these polygons are drawn.
    polygons : numpy.ndarray of shapely.Polygon
        The land at this level of detail, in lon/lat.
    """

    min_zoom: int | None
    max_zoom: int | None
    polygons: np.ndarray

    def covers(self, zoom: float) -> bool:
        """True if this level is drawn at ``zoom``."""
        lo = -np.inf if self.min_zoom is None else self.min_zoom
        hi = np.inf if self.max_zoom is None else self.max_zoom + 1
        return bool(lo <= zoom < hi)


def display_levels(
    land: gpd.GeoDataFrame | gpd.GeoSeries | Sequence[BaseGeometry],
    *,
    detail_box: Bounds | Sequence[Bounds] | None = None,
    region_box: Bounds | None = None,
    keep: object = None,
    tolerance_deg: float = 0.005,
    detail_zoom: int = DETAIL_ZOOM,
    detail_budget: int = 30_000,
) -> list[DisplayLevel]:
    """Land at two levels of detail, switched by zoom.

    The whole region, simplified to ``tolerance_deg``, below ``detail_zoom``;
    from ``detail_zoom`` on, the full-resolution coast inside ``detail_box``
    (snapped to 1e-5 deg, about 1 m), so coasts, zone edges and named
    features drawn from the same coast agree at any zoom.

    Parameters
    ----------
    land : GeoDataFrame, GeoSeries or sequence of geometries
        Land polygons in lon/lat (or with a CRS).
    detail_box : (west, south, east, north) or a sequence of them, optional
        Where the story is; None = no detailed level.
    keep : optional
        Passed to :func:`simplify_for_display` for the coarse level.
    tolerance_deg : float
        Simplification of the coarse level.
    region_box : (west, south, east, north), optional
        The coarse level is clipped to this box (None = all the land given).
    detail_zoom : int
        First zoom of the detailed level.
    detail_budget : int
        Most vertices of the detailed level: over a large box the coast is
        thinned (10, 30, 100 m) until it fits, so files stay small; if even
        that is too much, the coarse level serves every zoom.

    Returns
    -------
    list of DisplayLevel
        Coarse first.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> island = Point(123, 24.45).buffer(0.05, quad_segs=64)
    >>> coarse, fine = display_levels([island], detail_box=(122, 24, 124, 25))
    >>> len(shapely.get_coordinates(fine.polygons)) > len(shapely.get_coordinates(coarse.polygons))
    True
    """
    geoms = as_geometry_array(land)
    tree = shapely.STRtree(geoms)

    def clip(box: Bounds | Sequence[Bounds]) -> np.ndarray:
        b = np.asarray(box, dtype=float)
        rect: BaseGeometry
        if b.ndim == 1:  # one (west, south, east, north)
            rect = shapely.box(b[0], b[1], b[2], b[3])
        else:
            rect = shapely.union_all(shapely.box(b[:, 0], b[:, 1], b[:, 2], b[:, 3]))
        near = geoms[tree.query(rect, predicate="intersects")]
        inside = shapely.intersection(near, rect)
        return inside[~shapely.is_empty(inside)]

    region = geoms if region_box is None else clip(region_box)
    coarse = simplify_for_display(region, tolerance_deg, keep=keep)
    if detail_box is None:
        return [DisplayLevel(None, None, coarse)]
    inside = clip(detail_box)
    steps = ((0.0, 1e-5, 0.0), (1e-4, 2e-5, 0.001), (3e-4, 5e-5, 0.01), (1e-3, 1e-4, 0.05))
    for tolerance, grid, min_area in steps:
        fine = simplify_for_display(inside, tolerance, grid_deg=grid, min_area_km2=min_area)
        if shapely.get_num_coordinates(fine).sum() <= detail_budget:
            break
    else:
        # Too much coast for one page: the coarse level serves every zoom.
        return [DisplayLevel(None, None, coarse)]
    return [DisplayLevel(None, detail_zoom - 1, coarse), DisplayLevel(detail_zoom, None, fine)]


def zone_display_geometry(
    zone: BaseGeometry, own_land: shapely.Geometry, tolerance_deg: float = 3e-4
) -> BaseGeometry:
    """A maritime zone for drawing under the land: its state's land filled in, then thinned.

    A zone is sea only, so its inner edge is the coast; drawn under the
    land layer, the zone with its own land filled in looks the same, while
    its outline is smooth enough to thin twentyfold. Never measure on it.

    Parameters
    ----------
    zone : Polygon or MultiPolygon
        The zone, in lon/lat.
    own_land : geometry
        The land of the zone's state.
    tolerance_deg : float
        Simplification (3e-4 deg ~ 30 m, below a pixel up to zoom 12).

    Returns
    -------
    geometry

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> island = Point(0, 0).buffer(0.1, quad_segs=256)
    >>> sea = island.buffer(0.2, quad_segs=256).difference(island)
    >>> drawn = zone_display_geometry(sea, island)
    >>> len(drawn.interiors), bool(shapely.get_num_coordinates(drawn) < 200)
    (0, True)
    """
    near = shapely.intersection(own_land, shapely.box(*zone.bounds))
    return shapely.simplify(shapely.union(zone, near), tolerance_deg, preserve_topology=True)


def keep_geometries(features: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Return what the coarse land level must keep for these features.

    Parameters
    ----------
    features : GeoDataFrame
        Named features with ``kind``, ``lon``, ``lat`` and geometry.

    Returns
    -------
    GeoSeries
        The polygons of single features (not :data:`GROUP_KINDS`, states or
        provinces, which would keep every islet inside them) and every
        feature's anchor.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> f = gpd.GeoDataFrame({"kind": ["islet"], "lon": [124.56], "lat": [25.92]},
    ...                      geometry=[Point(124.56, 25.92).buffer(0.001)], crs=4326)
    >>> len(keep_geometries(f))
    2
    """
    single = features[~features["kind"].isin(GROUP_KINDS | _MANY_POLYGON_KINDS)].geometry
    anchors = gpd.GeoSeries(shapely.points(features["lon"], features["lat"]), crs=4326)
    return gpd.GeoSeries(
        list(single.to_crs(4326) if single.crs else single) + list(anchors), crs=4326
    )
