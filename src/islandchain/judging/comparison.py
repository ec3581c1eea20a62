"""Comparisons: "Yonaguni is closer to Taiwan than to Ishigaki", "nearer Taiwan than any
Japanese city".

The two distances are measured under the readings of a distance claim: nearest
coast to nearest coast (the default), centroid to centroid, and town to town
(the nearest pair of populated places or ports on either side; a place with
none is taken at its anchor point). The claim holds on the default reading,
"holds on another reading" when only the others agree, and the verdict says
when the readings disagree. "Than any Japanese city" compares with the nearest
feature of that kind and state.

>>> from islandchain.claimfile import make_claim
>>> v = check_comparison(make_claim({"kind": "comparison", "subject": "Yonaguni",
...     "reference": "Ishigaki", "than": "Taiwan"}))
>>> v.status.value, [c.holds for c in v.found.readings][:1]
('holds', [True])
"""

from __future__ import annotations

import numpy as np
import shapely

from ..claimfile import Claim
from ..data import features, resolve
from ..measured import Compared, Comparison
from ..measuring import Reading, ReadingKind, measure, names, point_label
from ..verdicts import Verdict
from ..vocabulary import Comparative, Measure, Status
from .common import candidates, geometry, reading_between, town_geometry

__all__ = ["check_comparison"]


def _readings(subj: str, other: str, how: Measure) -> list[Reading]:
    """The subject to another place: the claim's measure first, then the others."""
    n = names()
    out = [measure(subj, other, how)]
    out.append(measure(subj, other, Measure.CENTROID if how is Measure.COAST else Measure.COAST))
    out.append(
        reading_between(
            town_geometry(other),
            town_geometry(subj),
            "town to town",
            f"towns of {n[subj]}",
            f"towns of {n[other]}",
            ReadingKind.POINT,
        )
    )
    return out


def _nearest_of_kind(subj: str, kind: str, state: str) -> str:
    """The feature of a kind (and state) nearest the subject, coast to coast."""
    subject = geometry(subj)
    ids = [i for i in candidates(kind, state) if i != subj]
    if not ids:
        raise LookupError(f"no {kind} of {state or 'any state'} in the gazetteer")
    # Cheap planar pre-ranking in degrees, then exact geodesics for the closest few.
    planar = shapely.distance(features().loc[ids].geometry.to_numpy(), subject)
    few = [ids[i] for i in np.argsort(planar)[:12]]
    return min(few, key=lambda i: reading_between(geometry(i), subject, "", "", "").distance_km)


def check_comparison(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check a comparison claim (``kind = "comparison"``).

    Returns
    -------
    Verdict
        ``found`` is a :class:`~islandchain.measured.Comparison` with each reading's two
        distances; ``measurement`` is the default reading to the place said nearer.
    """
    n = names()
    subj, near = resolve(claim.subject), resolve(claim.reference)
    if claim.than:
        far = resolve(claim.than)
        far_words = n[far]
    else:
        try:
            far = _nearest_of_kind(subj, claim.than_kind, claim.than_state)
        except LookupError as exc:
            return Verdict(claim, Status.CANNOT_BE_CHECKED, str(exc), subject_id=subj)
        far_words = f"the nearest {claim.than_kind} of {claim.than_state or 'any state'}, {n[far]}"
    farther = claim.comparative is Comparative.FARTHER
    compared = []
    for a, b in zip(_readings(subj, near, claim.measure), _readings(subj, far, claim.measure),
                    strict=True):  # fmt: skip
        holds = a.distance_km > b.distance_km if farther else a.distance_km < b.distance_km
        compared.append(Compared(a.name, a, b, holds))
    found = Comparison(str(claim.comparative), tuple(compared))
    default = compared[0]
    if default.holds:
        status = Status.HOLDS
    elif any(c.holds for c in compared[1:]):
        status = Status.HOLDS_ON_ANOTHER_READING
    else:
        status = Status.DOES_NOT_HOLD
    word = "farther from" if farther else "closer to"
    parts = [
        f"{c.reading}: {n[subj]} is {c.near.distance_km:.1f} km from {n[near]} and "
        f"{c.far.distance_km:.1f} km from {n[far]}: " + ("holds" if c.holds else "does not hold")
        for c in compared
    ]
    if found.flips:
        agree = [c.reading for c in compared if c.holds]
        parts.insert(
            0,
            f"the comparison flips between readings: {n[subj]} is {word} {n[near]} than "
            f"{far_words} only {', '.join(agree)}",
        )
    return Verdict(
        claim,
        status,
        "; ".join(parts),
        subject_id=subj,
        reference_id=near,
        details={
            "rule": (
                f"'{word}' holds when the distance to {n[near]} is "
                f"{'greater' if farther else 'less'} than to {n[far]}, on the default reading "
                f"({default.reading}); centroid-to-centroid and town-to-town readings are shown"
            ),
            "than": far,
        },
        subject_point_label=point_label(default.near.subject_point, subj),
        reference_point_label=point_label(default.near.reference_point, near),
        azimuth_deg=default.near.azimuth_deg,
        readings=tuple(r for c in compared[1:] for r in (c.near, c.far)),
        best_reading=next((c.reading for c in compared if c.holds), ""),
        measurement=default.near,
        holding_reading=next((c.near for c in compared[1:] if c.holds), None)
        if status is Status.HOLDS_ON_ANOTHER_READING
        else None,
        found=found,
    )
