"""Direction claims: "Pengjia Islet lies north-east of Keelung".

Judged exactly as the direction of a distance claim: the azimuth of the
geodesic at the reference's measured point towards the subject's, against
the word's sector (±22.5° for the 8-point rose, ±11.25° for the 16-point rose,
halved by "due"; see :class:`islandchain.vocabulary.Direction`). Places that
touch use the bearing between their centroids. A direction that misses on the
default reading but fits a standard one (a group's main island, Taiwan as all
the ROC administers, a place named in the sentence, ...) "holds on another
reading", naming it. :func:`bearing_of` and :func:`bearing_words` are the
steps a distance verdict shares.

>>> from islandchain.claimfile import make_claim
>>> v = check_direction(make_claim({"subject": "Pengjia", "reference": "Keelung",
...                                 "direction": "north-east"}))
>>> v.status.value, v.compass8, v.found.holds
('holds', 'NE', True)
"""

from __future__ import annotations

from ..claimfile import Claim
from ..data import resolve
from ..geodesy import compass
from ..measured import Sector
from ..measuring import Reading, measure, names, point_label, readings, relation
from ..verdicts import Verdict
from ..vocabulary import Direction, Status

__all__ = ["bearing_of", "bearing_words", "check_direction", "holding_bearing"]


def bearing_of(default: Reading, others: tuple[Reading, ...]) -> tuple[float | None, str]:
    """The bearing a direction is judged on, and where it was taken, in words.

    The default reading's azimuth at the reference's measured point; for places
    that touch (no coast-to-coast bearing), the bearing between their centroids.
    """
    if default.azimuth_deg is not None:
        return default.azimuth_deg, f"from {default.reference}"
    centroids = next((r for r in others if r.name == "centroid to centroid"), None)
    if centroids is not None and centroids.azimuth_deg is not None:
        return centroids.azimuth_deg, "between the centroids"
    return None, ""


def bearing_words(word: str, bearing: Direction, azimuth: float | None, where: str) -> str:
    """The direction part of a verdict's reason.

    >>> from islandchain.vocabulary import parse_direction
    >>> bearing_words("west", parse_direction("west"), 279.4, "from Yonaguni Island")
    'bearing from Yonaguni Island 279° (W), stated west (west, 270° ±22.5°): within its sector'
    """
    if azimuth is None:
        return f"stated {word}: no bearing between places that touch"
    inside = bearing.contains(azimuth)
    return (
        f"bearing {where} {azimuth:.0f}° ({compass(azimuth, 16)}), stated "
        f"{word} ({bearing}, {bearing.azimuth_deg:g}° ±{bearing.half_width_deg:g}°): "
        + ("within" if inside else "outside")
        + " its sector"
    )


def holding_bearing(bearing: Direction, others: tuple[Reading, ...]) -> Reading | None:
    """The first standard reading whose bearing lies in the sector, in order of preference."""
    order = list(type(others[0].kind)) if others else []
    fitting = [
        r
        for r in others
        if r.standard and r.azimuth_deg is not None and bearing.contains(r.azimuth_deg)
    ]
    fitting.sort(key=lambda r: (order.index(r.kind), abs(bearing.offset(r.azimuth_deg or 0.0))))
    return fitting[0] if fitting else None


def check_direction(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check a direction claim (``kind = "direction"``).

    Parameters
    ----------
    claim : Claim
        With subject, reference and direction (and optionally measure).
    cross_check : bool
        Unused: a bearing is not cross-checked on GSHHG (kept for one signature).

    Returns
    -------
    Verdict
        ``found`` is the :class:`~islandchain.measured.Sector`.
    """
    assert claim.bearing is not None  # the claims reader requires a direction
    subj, ref = resolve(claim.subject), resolve(claim.reference)
    rel = relation(subj, ref)
    default = measure(subj, ref, claim.measure)
    others = readings(subj, ref, claim.quote)
    azimuth, where = bearing_of(default, others)
    ok = None if azimuth is None else claim.bearing.contains(azimuth)
    held = None if ok else holding_bearing(claim.bearing, others)
    status = (
        Status.HOLDS if ok else Status.HOLDS_ON_ANOTHER_READING if held else Status.DOES_NOT_HOLD
    )
    parts = [bearing_words(claim.direction, claim.bearing, azimuth, where)]
    if held is not None and held.azimuth_deg is not None:
        parts.insert(
            0,
            f"holds if measured {held.description} (bearing {held.azimuth_deg:.0f}°, "
            f"{compass(held.azimuth_deg, 16)})",
        )
    if rel.touching:
        parts.insert(0, f"{names()[subj]} and {names()[ref]} touch ({rel})")
    parts.append(f"subject taken as {names()[subj]}, reference as {names()[ref]}")
    origin = default.reference_point or (0.0, 0.0)
    return Verdict(
        claim,
        status,
        "; ".join(parts),
        subject_id=subj,
        reference_id=ref,
        details={
            "rule": (
                "a direction holds when the bearing lies in the word's sector, edges included: "
                f"{claim.bearing} is {claim.bearing.azimuth_deg:g}° "
                f"±{claim.bearing.half_width_deg:g}°"
            )
        },
        subject_point_label=point_label(default.subject_point, subj),
        reference_point_label=point_label(default.reference_point, ref),
        azimuth_deg=azimuth,
        direction_ok=ok,
        readings=others,
        relation=rel,
        measurement=default,
        holding_reading=held,
        found=Sector(
            origin,
            azimuth,
            claim.bearing.azimuth_deg,
            claim.bearing.half_width_deg,
            where,
            ok,
        ),
    )
