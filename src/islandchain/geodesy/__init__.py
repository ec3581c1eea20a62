"""Exact geodesy on the WGS84 ellipsoid.

Every distance here is a geodesic on the WGS84 ellipsoid, solved by
GeographicLib's algorithms through :class:`pyproj.Geod`; nothing is measured
in a projection. Coordinates are longitude and latitude in degrees (EPSG:4326).

Segments
--------
A segment between two consecutive vertices of a line or polygon ring is taken
to be the *geodesic* joining them (as GeographicLib and PostGIS ``geography``
do), not a straight line in longitude and latitude. For coastline segments of
tens to hundreds of metres the two readings differ by millimetres.

Shortest distances
------------------
The shortest distance between two geometries that do not touch is realised
between a vertex of one and a point of a segment of the other, and that point
may lie inside the segment. :func:`shortest_line` finds it exactly:

1. the vertices of each geometry go in runs of 32 (islands of an archipelago
   in the order of a Hilbert curve), runs of eight runs, and so on; each block
   gets a ball in geocentric coordinates from its longitude-latitude box
   alone (no radius of curvature exceeds ``a**2 / b``, so the box's extent
   bounds every chord from its centre), holding every point of its segments
   (a geodesic bulges away from its chord by at most ``L**2 / (8 b**2 / a)``);
2. no geodesic is shorter than the great-circle arc with the same chord on a
   sphere of WGS84's largest radius of curvature (``a**2 / b``), so the
   distance between two balls gives a strict lower bound of the geodesic
   distance between their blocks; pairs of blocks are refined level by level,
   and a pair goes when its bound exceeds the exact distance between two
   vertices found so far;
3. the surviving runs, and only they, get the geocentric position of their
   vertices: tighter balls for sub-runs of 8, then each vertex against each
   sub-run's ball, then against each of its segments' chords;
4. for the survivors the point of the geodesic segment nearest a vertex is
   found by iterating on the angle at which the geodesic from the vertex
   meets the segment (the first-variation condition of a shortest path),
   each step solved with GeographicLib, to better than 0.1 mm.

The bounds are strict, so the answer is the true minimum over every
vertex-segment pair; ``tests/test_geodesy_pairs.py`` checks it against a brute force.
Most of a coast is pruned from its box alone, so measuring between two
coasts for the first time costs about as much as measuring again. (Many
points, :func:`distance_to`, use another index, built when first needed:
every segment cut into geodesic pieces of at most 1 km, their chords in a
k-d tree, with the same bounds.)

Indexes
-------
The index of a geometry is built once and kept with it in a
:class:`PreparedGeometry`; :func:`prepare` returns the same object for the
same shapely geometry (by identity, never by hashing its coordinates), and
every function accepts a prepared geometry wherever it takes a geometry.
Many points (:func:`distance_to`) go in batches of 16,384, in the order of a
space-filling curve and on parallel threads: for each, an upper bound from
the nearest run of about 3 km of coast, then only the runs and pieces whose
chord bound can beat it, so memory stays bounded whatever the number of points.

Limits
------
Distances treat every edge as a geodesic, but whether two geometries touch,
and whether a point lies inside a polygon, is decided by shapely in the plane
of longitude and latitude. The two agree for edges of coastline size; give a
geometry that crosses the antimeridian with unwrapped longitudes (past 180,
as :mod:`islandchain.geojson` reads it), and keep edges that pass over a pole
or span tens of degrees out of the geometries measured here.

Modules
-------
``ellipsoid`` (points to points), ``pieces`` (geodesic pieces and their
bounds), ``blocks`` (the pair search's index), ``prepared`` (indexes kept by
identity), ``nearest`` (many points), ``pairs`` (:func:`shortest_line`),
``lines`` (lines, circles, projections), ``measured`` (the
:class:`Measured` pair every distance result holds), ``buffer`` and ``area``. Everything
public is here, in ``islandchain.geodesy``.
"""

from ..errors import GeodesyError
from .area import geodesic_area, geodesic_perimeter
from .buffer import geodesic_buffer
from .ellipsoid import NMI, WGS84, compass, forward, inverse
from .lines import aeqd_transformers, geodesic_circle, geodesic_line, transform
from .measured import HoldsMeasured, Measured
from .nearest import Progress, distance_to
from .pairs import Separation, shortest_line
from .pieces import point_segment_distance
from .prepared import PreparedGeometry, clear_index_cache, prepare

__all__ = [
    "NMI",
    "WGS84",
    "aeqd_transformers",
    "clear_index_cache",
    "compass",
    "distance_to",
    "forward",
    "geodesic_area",
    "geodesic_buffer",
    "geodesic_circle",
    "geodesic_line",
    "geodesic_perimeter",
    "inverse",
    "point_segment_distance",
    "prepare",
    "shortest_line",
    "transform",
    "GeodesyError",
    "HoldsMeasured",
    "Measured",
    "PreparedGeometry",
    "Progress",
    "Separation",
]
