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
from .geodesy import compass
from .measured import Found, found_record
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
    measure on GSHHG. A verdict holds what was judged; every figure derived
    from it (the measured and stated distances, their difference, the
    tolerance and the rule, the points, the compass words, the spread) is a
    property.

    Attributes
    ----------
    claim : Claim
    status : Status
    reason : str
        The verdict in words.
    subject_id, reference_id : str
        Gazetteer ids the claim's places resolved to.
    measurement : Reading or None
        The default reading, with its measured pair of points and its
        geometries (what a map draws).
    readings : tuple of Reading
        The other readings.
    holding_reading : Reading or None
        For "holds on another reading", the reading the figure fits.
    best_reading : str
        The reading that best explains the figure.
    relation : Relation or None
        Whether the places lie apart, one within the other, or overlap.
    acceptance : Acceptance or None
        The interval of measured distances that agree with the statement.
    azimuth_deg : float or None
        The bearing judged: the measurement's, or between the centroids when
        the places touch.
    direction_ok, distance_ok : bool or None
        Whether the stated direction and figure fit (None: not stated or
        not judged).
    subject_point_label, reference_point_label : str
        The measured points in words.
    cross_check_km : float or None
        The same measure on the GSHHG coastline.
    flips_on_cross_check : bool
        True when the figure's fit differs on GSHHG.
    internal_error : bool
        True when checking failed on a bug (status "cannot be checked").
    details : mapping
        Facts of an administration or dispute claim (``admin``,
        ``claimants``, ``facts``); the ``rule`` of a claim without a figure.
    found : Sector, Comparison, ExtremeFound, Halfway or None
        What a direction, comparison, extreme or between claim measured
        (:mod:`islandchain.measured`).
    """

    claim: Claim
    status: Status
    reason: str
    subject_id: str = ""
    reference_id: str = ""
    measurement: Reading | None = None
    readings: tuple[Reading, ...] = ()
    holding_reading: Reading | None = None
    best_reading: str = ""
    relation: Relation | None = None
    acceptance: Acceptance | None = None
    azimuth_deg: float | None = None
    direction_ok: bool | None = None
    distance_ok: bool | None = None
    subject_point_label: str = ""
    reference_point_label: str = ""
    cross_check_km: float | None = None
    flips_on_cross_check: bool = False
    internal_error: bool = False
    details: Mapping[str, object] = field(default_factory=dict)
    found: Found | None = None

    @property
    def holds(self) -> bool:
        """True when the claim holds, on the default or on another named reading."""
        return self.status in _HOLDING

    @property
    def malformed(self) -> bool:
        """True when the claim could not be read (a bad field)."""
        return self.claim.malformed

    @property
    def measured_km(self) -> float | None:
        """The distance on the default reading, km."""
        return None if self.measurement is None else self.measurement.distance_km

    @property
    def stated_km(self) -> float | None:
        """The stated figure (a range's low end), km; None for a claim without one."""
        return None if self.acceptance is None else float(self.claim.distance_km or 0.0)

    @property
    def stated_max_km(self) -> float | None:
        """A range's high end, km."""
        return None if self.acceptance is None else self.claim.distance_max_km

    @property
    def difference_km(self) -> float | None:
        """Measured less stated (for a range, the distance outside it; 0 inside), km."""
        km, stated = self.measured_km, self.stated_km
        if km is None or stated is None:
            return None
        if self.claim.distance_max is None:
            return km - stated
        high = float(self.claim.distance_max_km or 0.0)
        return 0.0 if stated <= km <= high else km - (stated if km < stated else high)

    @property
    def difference_pct(self) -> float | None:
        """The difference as a percentage of the stated figure."""
        diff, stated = self.difference_km, self.stated_km
        return 100 * diff / stated if diff is not None and stated else None

    @property
    def tolerance_km(self) -> float | None:
        """The margin the rule allows, km."""
        return None if self.acceptance is None else self.acceptance.tolerance_km

    @property
    def rule(self) -> str:
        """The reading of the statement applied, and its interval, in words.

        A claim without a figure (direction, comparison, extreme, between) gives its
        rule in ``details["rule"]``.
        """
        if self.acceptance is None:
            return str(self.details.get("rule", ""))
        return self.acceptance.rule

    @property
    def subject_point(self) -> tuple[float, float] | None:
        """``(lon, lat)`` of the measured point on the subject."""
        return None if self.measurement is None else self.measurement.subject_point

    @property
    def reference_point(self) -> tuple[float, float] | None:
        """``(lon, lat)`` of the measured point on the reference."""
        return None if self.measurement is None else self.measurement.reference_point

    @property
    def compass8(self) -> str:
        """The bearing on the 8-point rose ("" without one)."""
        return "" if self.azimuth_deg is None else compass(self.azimuth_deg, 8)

    @property
    def compass16(self) -> str:
        """The bearing on the 16-point rose ("" without one)."""
        return "" if self.azimuth_deg is None else compass(self.azimuth_deg, 16)

    @property
    def spread_km(self) -> float | None:
        """How far the GSHHG measure lies from the OpenStreetMap one, km."""
        km = self.measured_km
        return None if self.cross_check_km is None or km is None else abs(self.cross_check_km - km)

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
        reason, problems, found (what a direction, comparison, extreme or
        between claim measured; see :func:`islandchain.measured.found_record`).

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
        "reason": verdict.reason,
        "problems": [str(p) for p in c.problems],
        "found": found_record(verdict.found),
    }
