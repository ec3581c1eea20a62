"""Between claims: "X lies about halfway between A and B", "midway between", "in the middle
of the strait".

The rule, like the tolerance rule for a figure: with *d_A* and *d_B* the
distances from X to A and to B (nearest coast to nearest coast by default),
*share* = *d_A* / (*d_A* + *d_B*) and *D* the distance between A and B, a
"halfway" holds when

- 0.5 − *m* ≤ *share* ≤ 0.5 + *m*, with *m* = :data:`BETWEEN_SHARE` (0.10) for a
  plain "halfway", "midway", "in the middle", and :data:`BETWEEN_SHARE_HEDGED`
  (0.15) for a hedged one ("about halfway", "roughly midway"); and
- X lies within :data:`BETWEEN_OFFSET` × *D* + *U* of the A–B geodesic (the
  shortest line between A and B), so that a place off to one side is not
  "between" them.

A strait's middle is between its two shores. The centroid-to-centroid reading
is shown too, and the verdict says when it would flip.

>>> from islandchain.claimfile import make_claim
>>> v = check_between(make_claim({"kind": "between", "subject": "Penghu",
...     "place": "Taiwan Strait"}))
>>> v.status.value, round(v.found.share, 2)
('does not hold', 0.76)
"""

from __future__ import annotations

import shapely

from ..claimfile import Claim
from ..data import resolve
from ..measured import Halfway
from ..measuring import Reading, names, point_label
from ..straits import strait
from ..tolerance import DATA_UNCERTAINTY_KM
from ..verdicts import Verdict
from ..vocabulary import Comparator, Measure, Status
from .common import geometry, reading_between

__all__ = ["BETWEEN_OFFSET", "BETWEEN_SHARE", "BETWEEN_SHARE_HEDGED", "check_between"]

#: A plain "halfway": the share of the way from A within 0.5 ± this.
BETWEEN_SHARE = 0.10
#: A hedged "about halfway": within 0.5 ± this.
BETWEEN_SHARE_HEDGED = 0.15
#: The subject lies within this share of the A–B distance from the A–B geodesic.
BETWEEN_OFFSET = 0.25


def _sides(claim: Claim) -> tuple[_Side, _Side]:
    """The two places (a name and a geometry each): the pair given, or a strait's shores."""
    n = names()
    if claim.between:
        a, b = (resolve(p) for p in claim.between)
        return (n[a], geometry(a)), (n[b], geometry(b))
    s = strait(claim.place)
    shores = [shapely.union_all([geometry(i) for i in ids]) for ids in s.shores]
    return (n[s.shores[0][0]], shores[0]), (n[s.shores[1][0]], shores[1])


_Side = tuple[str, shapely.Geometry]


def _halfway(subject: _Side, a: _Side, b: _Side, margin: float, name: str) -> Halfway:
    (sn, sg), (an, ag), (bn, bg) = subject, a, b
    to_a = reading_between(ag, sg, name, sn, an)
    to_b = reading_between(bg, sg, name, sn, bn)
    span = reading_between(ag, bg, name, bn, an)
    total = to_a.distance_km + to_b.distance_km
    share = to_a.distance_km / total if total > 0 else 0.0
    line = span.line if span.line is not None else shapely.Point(span.reference_point or (0, 0))
    offset = reading_between(line, sg, "", "", "").distance_km
    holds = (
        abs(share - 0.5) <= margin + 1e-12
        and offset <= BETWEEN_OFFSET * span.distance_km + DATA_UNCERTAINTY_KM
        and total > 0
    )
    return Halfway(to_a, to_b, span, share, offset, holds)


def _centroids(sides: tuple[_Side, _Side]) -> list[_Side]:
    return [(n, shapely.centroid(g)) for n, g in sides]


def check_between(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check a between claim (``kind = "between"``).

    Returns
    -------
    Verdict
        ``found`` is a :class:`~islandchain.measured.Halfway`.
    """
    n = names()
    subj = resolve(claim.subject)
    a, b = _sides(claim)
    hedged = claim.comparator is Comparator.APPROXIMATE
    margin = BETWEEN_SHARE_HEDGED if hedged else BETWEEN_SHARE
    subject = (n[subj], geometry(subj))
    coast = _halfway(subject, a, b, margin, "nearest coast to nearest coast")
    others: list[Halfway] = []
    if claim.between:  # a strait's shores have no useful centroid
        ca, cb = _centroids((a, b))
        centroid = _halfway(
            (n[subj], shapely.centroid(subject[1])), ca, cb, margin, "centroid to centroid"
        )
        others.append(centroid)
    default, rest = (coast, others)
    if claim.measure is Measure.CENTROID and others:
        default, rest = others[0], [coast]
    held = next((h for h in rest if h.holds), None) if not default.holds else None
    status = (
        Status.HOLDS if default.holds
        else Status.HOLDS_ON_ANOTHER_READING if held
        else Status.DOES_NOT_HOLD
    )  # fmt: skip
    where = f"the {n[resolve(claim.place)]}" if claim.place else f"{a[0]} and {b[0]}"

    def words(h: Halfway) -> str:
        return (
            f"{h.to_a.name}: {h.to_a.distance_km:.1f} km from {a[0]} and "
            f"{h.to_b.distance_km:.1f} km from {b[0]} ({100 * h.share:.0f} % of the way), "
            f"{h.offset_km:.1f} km off the {h.span.distance_km:.1f} km line between them: "
            + ("holds" if h.holds else "does not hold")
        )

    parts = [f"{n[subj]} between {where}", words(default), *map(words, rest)]
    if any(h.holds != default.holds for h in rest):
        parts.append("the verdict flips between readings")
    rule = (
        f"'{claim.qualifier or 'halfway'}' holds when the share of the way from {a[0]} lies in "
        f"{0.5 - margin:.2f}-{0.5 + margin:.2f} and the place lies within "
        f"{BETWEEN_OFFSET:g} × the {a[0]}–{b[0]} distance + {DATA_UNCERTAINTY_KM:g} km "
        "of the geodesic between them"
    )
    readings: tuple[Reading, ...] = tuple(r for h in rest for r in (h.to_a, h.to_b))
    return Verdict(
        claim,
        status,
        "; ".join(parts),
        subject_id=subj,
        details={"rule": rule},
        subject_point_label=point_label(default.to_a.subject_point, subj),
        reference_point_label=f"coast of {a[0]}",
        readings=readings,
        measurement=default.to_a,
        holding_reading=held.to_a if held else None,
        found=default,
    )
