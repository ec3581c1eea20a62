"""Verdict records: what checking a claim found, with what it measured.

A :class:`Verdict` carries everything a table, a report or a map needs: the
status (a :class:`~islandchain.vocabulary.Status`), the reason in words, the
rule applied, the default reading (:attr:`Verdict.measurement`, with the two
points and the two geometries measured between), the other readings, and the
reading the claim holds on when that is not the default. Maps only draw it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import shapely

from .claimfile import Claim
from .measuring import Reading, Relation
from .tolerance import Acceptance
from .vocabulary import Status

__all__ = ["Verdict", "as_record"]

_HOLDING = (Status.HOLDS, Status.HOLDS_ON_ANOTHER_READING)


@dataclass(frozen=True)
class Verdict:
    """The checked outcome of one claim.

    ``status`` is a :class:`~islandchain.vocabulary.Status` (a ``StrEnum``:
    ``verdict.status == "holds"`` works). Distances are geodesics on WGS84
    measured on the OpenStreetMap coastline; ``cross_check_km`` is the same
    measure on GSHHG.

    Attributes
    ----------
    measurement : Reading or None
        The default reading, with its points and geometries (what a map draws).
    holding_reading : Reading or None
        For "holds on another reading", the reading the figure fits.
    relation : Relation or None
        Whether the places lie apart, one within the other, or overlap.
    acceptance : Acceptance or None
        The interval of measured distances that agree with the statement.
    check_places : bool
        A claim that does not hold whose places are uncertain or whose measured distance
        is far from its figure (:func:`islandchain.placecheck.check_places`): the reason
        starts "check the places" and lists the other pairs.
    place_alternatives : tuple
        Those other pairs of places, each (subject, reference, km or None).
    """

    claim: Claim
    status: Status
    reason: str
    subject_id: str = ""
    reference_id: str = ""
    measured_km: float | None = None
    stated_km: float | None = None
    difference_km: float | None = None
    difference_pct: float | None = None
    tolerance_km: float | None = None
    rule: str = ""
    subject_point: tuple[float, float] | None = None
    reference_point: tuple[float, float] | None = None
    subject_point_label: str = ""
    reference_point_label: str = ""
    azimuth_deg: float | None = None
    compass8: str = ""
    compass16: str = ""
    direction_ok: bool | None = None
    distance_ok: bool | None = None
    readings: tuple[Reading, ...] = ()
    best_reading: str = ""
    cross_check_km: float | None = None
    spread_km: float | None = None
    flips_on_cross_check: bool = False
    details: Mapping[str, object] = field(default_factory=dict)
    stated_max_km: float | None = None
    relation: Relation | None = None
    acceptance: Acceptance | None = None
    measurement: Reading | None = None
    holding_reading: Reading | None = None
    check_places: bool = False
    place_alternatives: tuple[tuple[str, str, float | None], ...] = ()

    @property
    def holds(self) -> bool:
        """True when the claim holds, on the default or on another named reading."""
        return self.status in _HOLDING

    @property
    def malformed(self) -> bool:
        """True when the claim could not be read (a bad field)."""
        return self.claim.malformed

    @property
    def line(self) -> shapely.LineString | None:
        """The geodesic between the measured points, densified for drawing."""
        return None if self.measurement is None else self.measurement.line

    @property
    def subject_geometry(self) -> shapely.Geometry | None:
        """The geometry the distance was measured to (a coast, a point, a centroid)."""
        return None if self.measurement is None else self.measurement.subject_geometry

    @property
    def reference_geometry(self) -> shapely.Geometry | None:
        """The geometry the distance was measured from."""
        return None if self.measurement is None else self.measurement.reference_geometry


def as_record(verdict: Verdict) -> dict[str, Any]:
    """Flatten a verdict into plain values for JSON, CSV or a table.

    Parameters
    ----------
    verdict : Verdict

    Returns
    -------
    dict
        Keys: id, kind, status, quote, subject, reference, stated_km,
        stated_max_km, measured_km, difference_km, difference_pct,
        tolerance_km, accepted_low_km, accepted_high_km, comparator,
        direction, azimuth_deg, compass, direction_ok, relation,
        subject_point, reference_point, cross_check_km, spread_km,
        flips_on_cross_check, holding_reading, best_reading, readings, rule,
        reason, problems.

    Examples
    --------
    >>> from islandchain.claims import check
    >>> r = as_record(check("Yonaguni", "Taiwan", 111, direction="east", cross_check=False))
    >>> r["status"], r["compass"], r["comparator"]
    ('holds', 'E', 'plain')
    """
    c = verdict.claim

    def rnd(x: float | None, n: int = 3) -> float | None:
        return None if x is None else round(float(x), n)

    def point(xy: tuple[float, float] | None, label: str) -> dict[str, object] | None:
        if xy is None:
            return None
        return {"lon": rnd(xy[0], 6), "lat": rnd(xy[1], 6), "label": label}

    acc = verdict.acceptance
    held = verdict.holding_reading
    return {
        "id": c.id,
        "kind": str(c.kind),
        "status": str(verdict.status),
        "quote": c.quote,
        "subject": verdict.subject_id or c.subject or c.place,
        "reference": verdict.reference_id or c.reference,
        "stated_km": rnd(verdict.stated_km),
        "stated_max_km": rnd(verdict.stated_max_km),
        "measured_km": rnd(verdict.measured_km),
        "difference_km": rnd(verdict.difference_km),
        "difference_pct": rnd(verdict.difference_pct, 2),
        "tolerance_km": rnd(verdict.tolerance_km),
        "accepted_low_km": rnd(acc.low_km) if acc else None,
        "accepted_high_km": (
            None if acc is None or acc.high_km == float("inf") else rnd(acc.high_km)
        ),
        "comparator": str(c.comparator) if c.kind == "distance" else "",
        "direction": c.direction,
        "azimuth_deg": rnd(verdict.azimuth_deg, 2),
        "compass": verdict.compass16,
        "direction_ok": verdict.direction_ok,
        "relation": str(verdict.relation) if verdict.relation else "",
        "subject_point": point(verdict.subject_point, verdict.subject_point_label),
        "reference_point": point(verdict.reference_point, verdict.reference_point_label),
        "cross_check_km": rnd(verdict.cross_check_km),
        "spread_km": rnd(verdict.spread_km),
        "flips_on_cross_check": verdict.flips_on_cross_check,
        "holding_reading": (
            {"reading": held.description, "km": rnd(held.distance_km)} if held else None
        ),
        "best_reading": verdict.best_reading,
        "readings": [
            {
                "reading": r.name,
                "kind": str(r.kind),
                "subject": r.subject,
                "reference": r.reference,
                "km": rnd(r.distance_km),
            }
            for r in verdict.readings
        ],
        "rule": verdict.rule,
        "check_places": verdict.check_places,
        "place_alternatives": [
            {"subject": a, "reference": b, "km": rnd(km)} for a, b, km in verdict.place_alternatives
        ],
        "reason": verdict.reason,
        "problems": [str(p) for p in c.problems],
    }
