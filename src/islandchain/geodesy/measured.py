"""One measured pair of points: the record every distance result holds.

A :class:`Measured` is two points, what each lies on, the geodesic distance
measured between them and the azimuth at the first towards the second. The
shortest line between two geometries (:class:`~islandchain.geodesy.Separation`)
is one; a strait's width, a gap of the island chain, the nearest foreign
land and every reading of a claim hold one, so a table or a map reads the
same attributes whatever measured them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely

from .ellipsoid import WGS84
from .lines import geodesic_line

__all__ = ["HoldsMeasured", "Measured"]


@dataclass(frozen=True, kw_only=True)
class Measured:
    """Two points and the geodesic measured between them.

    Attributes
    ----------
    point_a, point_b : tuple of float
        ``(lon, lat)`` of the two points, measured from ``point_a``.
    distance_m : float
        The distance measured, metres (a geodesic on WGS84). A record may
        hold a figure its points only illustrate (a strait's mean width, with
        the crossing nearest the mean).
    azimuth_deg : float
        Azimuth at ``point_a`` of the geodesic towards ``point_b``, degrees
        clockwise from north in ``[0, 360)``; ``nan`` when the points coincide
        or no bearing was measured.
    name_a, name_b : str
        What each point lies on, as the record holding it names it (a
        gazetteer id, or words such as "Uotsuri Island").

    Examples
    --------
    >>> m = Measured.between((123.0, 24.45), (121.85, 24.6), "yonaguni", "suao")
    >>> round(m.distance_km, 1), round(m.azimuth_deg)
    (117.7, 278)
    """

    point_a: tuple[float, float]
    point_b: tuple[float, float]
    distance_m: float
    azimuth_deg: float = math.nan
    name_a: str = ""
    name_b: str = ""

    @classmethod
    def between(
        cls,
        point_a: tuple[float, float],
        point_b: tuple[float, float],
        name_a: str = "",
        name_b: str = "",
    ) -> Measured:
        """Measure the geodesic between two points."""
        a = (float(point_a[0]), float(point_a[1]))
        b = (float(point_b[0]), float(point_b[1]))
        az, _, dist = WGS84.inv(*a, *b)
        return cls(
            point_a=a,
            point_b=b,
            distance_m=float(dist),
            azimuth_deg=float(az) % 360 if dist > 0 else math.nan,
            name_a=name_a,
            name_b=name_b,
        )

    @property
    def distance_km(self) -> float:
        """The distance in kilometres."""
        return self.distance_m / 1000.0

    @property
    def bearing(self) -> float | None:
        """The azimuth, or None when there is none (points that coincide)."""
        az = self.azimuth_deg
        return None if not math.isfinite(az) or self.distance_m <= 0 else float(az)

    @property
    def line(self) -> shapely.LineString:
        """The geodesic from ``point_a`` to ``point_b``, densified for drawing."""
        return self.geodesic()

    def geodesic(self, max_segment_m: float = 5_000.0) -> shapely.LineString:
        """The geodesic from ``point_a`` to ``point_b``, segments of at most ``max_segment_m``."""
        return geodesic_line(*self.point_a, *self.point_b, max_segment_m=max_segment_m)


class HoldsMeasured:
    """A record that holds a :class:`Measured` pair as its ``measured`` field.

    Its distance, points, azimuth and line read as the record's own, so a
    strait's width, a gap of the chain and the nearest foreign land answer
    ``distance_km``, ``point_a`` and ``line`` alike.
    """

    measured: Measured

    @property
    def distance_m(self) -> float:
        """The distance measured, metres."""
        return self.measured.distance_m

    @property
    def distance_km(self) -> float:
        """The distance measured, kilometres."""
        return self.measured.distance_km

    @property
    def point_a(self) -> tuple[float, float]:
        """``(lon, lat)`` of the point measured from."""
        return self.measured.point_a

    @property
    def point_b(self) -> tuple[float, float]:
        """``(lon, lat)`` of the point measured to."""
        return self.measured.point_b

    @property
    def azimuth_deg(self) -> float:
        """At ``point_a`` towards ``point_b`` (``nan`` without one)."""
        return self.measured.azimuth_deg

    @property
    def line(self) -> shapely.LineString:
        """The geodesic from ``point_a`` to ``point_b``, densified for drawing."""
        return self.measured.line
