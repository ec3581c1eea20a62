"""What the claims beyond "N km" measured: a sector, a comparison, an extreme, a halfway point.

A verdict on a direction, comparison, extreme or between claim carries one of
these records in :attr:`~islandchain.verdicts.Verdict.found`, so that tables,
reports and maps show and draw what was measured without measuring again.
Each has ``summary`` (a few words for a table cell) and :func:`found_record`
turns any of them into plain values for JSON and CSV.

>>> s = Sector((122.0, 24.0), 45.3, 45.0, 22.5, "from Keelung", True)
>>> s.summary
'bearing 45° (NE) in 45°±22.5°'
>>> found_record(s)["kind"]
'sector'
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from .geodesy import compass
from .measuring import Reading

__all__ = [
    "Compared",
    "Comparison",
    "ExtremeFound",
    "Found",
    "Halfway",
    "Sector",
    "found_record",
]


@dataclass(frozen=True)
class Sector:
    """A stated direction's sector and the bearing measured.

    Attributes
    ----------
    origin : (lon, lat)
        The reference's measured point, where the bearing is taken.
    azimuth_deg : float or None
        The measured bearing towards the subject (None when nothing could be measured).
    centre_deg, half_width_deg : float
        The stated word's sector: centre ± half-width.
    bearing_from : str
        Where the bearing was taken, in words ("from Keelung", "between the centroids").
    holds : bool or None
        The bearing lies in the sector.
    """

    origin: tuple[float, float]
    azimuth_deg: float | None
    centre_deg: float
    half_width_deg: float
    bearing_from: str
    holds: bool | None

    @property
    def summary(self) -> str:
        """Bearing and sector in a few words."""
        if self.azimuth_deg is None:
            return f"no bearing; sector {self.centre_deg:g}°±{self.half_width_deg:g}°"
        return (
            f"bearing {self.azimuth_deg:.0f}° ({compass(self.azimuth_deg, 16)}) "
            f"{'in' if self.holds else 'outside'} {self.centre_deg:g}°±{self.half_width_deg:g}°"
        )


@dataclass(frozen=True)
class Compared:
    """One reading of a comparison: the subject to the place said nearer, and to the other."""

    reading: str
    near: Reading
    far: Reading
    holds: bool


@dataclass(frozen=True)
class Comparison:
    """A comparison under every reading, the default first; ``flips`` when they disagree."""

    comparative: str
    readings: tuple[Compared, ...]

    @property
    def flips(self) -> bool:
        """True when the readings disagree on whether the comparison holds."""
        return len({c.holds for c in self.readings}) > 1

    @property
    def summary(self) -> str:
        """The default reading's two distances."""
        c = self.readings[0]
        return f"{c.near.distance_km:.1f} vs {c.far.distance_km:.1f} km" + (
            " (flips)" if self.flips else ""
        )


@dataclass(frozen=True)
class ExtremeFound:
    """The feature that is the extreme, against the one named.

    Attributes
    ----------
    extreme, among, scope, field : str
        "westernmost"; what it is one of ("island"); over which features
        ("islands administered by JPN"); the data field used ("the west edge
        of each feature's geometry (its least longitude)").
    winner_id, winner_name : str
        The feature that is the extreme.
    winner_point, named_point : (lon, lat)
        Where each reaches the extreme (its extreme vertex, or its nearest point).
    winner_value, named_value : float
        The extreme coordinate in degrees, or the distance in km.
    margin_km : float
        How far the named feature falls short of the winner, in km (0 when it is it).
    claimants : tuple of str
        The states that dispute the winner (ISO3).
    claimed_id, claimed_name : str
        With the land the state claims but does not administer counted, the extreme
        ("" when the same).
    candidates : int
        How many features were compared.
    winner_geometry, named_geometry : shapely geometry
        For a map to mark.
    """

    extreme: str
    among: str
    scope: str
    field: str
    winner_id: str
    winner_name: str
    winner_point: tuple[float, float]
    winner_value: float
    named_id: str
    named_name: str
    named_point: tuple[float, float]
    named_value: float
    margin_km: float
    claimants: tuple[str, ...] = ()
    claimed_id: str = ""
    claimed_name: str = ""
    candidates: int = 0
    winner_geometry: shapely.Geometry | None = None
    named_geometry: shapely.Geometry | None = None

    @property
    def summary(self) -> str:
        """The winner, and the margin when the named one is not it."""
        if self.margin_km <= 0:
            return f"{self.extreme}: {self.winner_name}"
        return f"{self.extreme}: {self.winner_name} (by {self.margin_km:.1f} km)"


@dataclass(frozen=True)
class Halfway:
    """Where a place lies between two others.

    Attributes
    ----------
    to_a, to_b : Reading
        The subject to each of the two places.
    span : Reading
        The two places to each other (its line is the A–B geodesic).
    share : float
        ``d_a / (d_a + d_b)``: 0.5 is exactly halfway.
    offset_km : float
        The subject's distance from the A–B geodesic.
    holds : bool
    """

    to_a: Reading
    to_b: Reading
    span: Reading
    share: float
    offset_km: float
    holds: bool

    @property
    def summary(self) -> str:
        """The two distances and the offset."""
        return (
            f"{self.to_a.distance_km:.1f} / {self.to_b.distance_km:.1f} km "
            f"({100 * self.share:.0f} %), {self.offset_km:.1f} km off the line"
        )


#: Any of the records a verdict beyond a distance carries.
Found = Sector | Comparison | ExtremeFound | Halfway


def _xy(p: tuple[float, float] | None) -> list[float] | None:
    return None if p is None else [round(float(p[0]), 6), round(float(p[1]), 6)]


def _reading(r: Reading) -> dict[str, object]:
    return {
        "reading": r.name,
        "subject": r.subject,
        "reference": r.reference,
        "km": round(r.distance_km, 3),
        "subject_point": _xy(r.subject_point),
        "reference_point": _xy(r.reference_point),
    }


def found_record(found: Found | None) -> dict[str, object] | None:
    """A record's plain values, for JSON and CSV.

    Examples
    --------
    >>> found_record(None) is None
    True
    """
    if found is None:
        return None
    if isinstance(found, Sector):
        return {
            "kind": "sector",
            "origin": _xy(found.origin),
            "azimuth_deg": None if found.azimuth_deg is None else round(found.azimuth_deg, 2),
            "sector_deg": [found.centre_deg, found.half_width_deg],
            "bearing_from": found.bearing_from,
            "holds": found.holds,
            "summary": found.summary,
        }
    if isinstance(found, Comparison):
        return {
            "kind": "comparison",
            "comparative": found.comparative,
            "flips": found.flips,
            "readings": [
                {
                    "reading": c.reading,
                    "near": _reading(c.near),
                    "far": _reading(c.far),
                    "holds": c.holds,
                }
                for c in found.readings
            ],
            "summary": found.summary,
        }
    if isinstance(found, ExtremeFound):
        return {
            "kind": "extreme",
            "extreme": found.extreme,
            "among": found.among,
            "scope": found.scope,
            "field": found.field,
            "winner": found.winner_id,
            "winner_name": found.winner_name,
            "winner_point": _xy(found.winner_point),
            "winner_value": round(found.winner_value, 5),
            "named": found.named_id,
            "named_name": found.named_name,
            "named_point": _xy(found.named_point),
            "named_value": round(found.named_value, 5),
            "margin_km": round(found.margin_km, 3),
            "claimants": list(found.claimants),
            "claimed": found.claimed_id,
            "candidates": found.candidates,
            "summary": found.summary,
        }
    return {
        "kind": "halfway",
        "to_a": _reading(found.to_a),
        "to_b": _reading(found.to_b),
        "span": _reading(found.span),
        "share": round(found.share, 4),
        "offset_km": round(found.offset_km, 3),
        "holds": found.holds,
        "summary": found.summary,
    }
