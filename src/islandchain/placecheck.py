"""When a verdict should say "check the places" rather than a bare "does not hold".

An extracted claim records how sure the reading of its places was (``confidence``) and
the other pairs of places its sentence allows (``alternatives``). A claim that does not
hold is shown with the warning when its places are uncertain, or when the distance
measured is far from the figure: less than half or more than twice it. Set from the
published development corpus as extraction read it before issue 28: 7 of the 13 measured
claims read with the wrong places fell outside that band, and 3 of the 36 read with the
right places (whose figures were wrong by that much).

>>> from islandchain.claimfile import make_claim
>>> c = make_claim({"subject": "Taipei", "reference": "Taiwan", "distance": 300,
...                 "alternatives": [["Taiwan", "Ishigaki"]]})
>>> why, others = check_places(c, 0.0, 300.0)
>>> why
'check the places: measured 0.0 km is far from the figure (300 km)'
>>> [(a, b, round(km)) for a, b, km in others]
[('Taiwan', 'Ishigaki', 218)]
"""

from __future__ import annotations

from .claimfile import Claim
from .data import resolve
from .errors import IslandchainError
from .measuring import measure
from .vocabulary import Measure

__all__ = ["CONFIDENT", "FAR_RATIO", "check_places"]

#: Below this confidence of its reading, a claim's places are uncertain.
CONFIDENT = 0.6
#: A measured distance this many times the figure, or less than its inverse, is far from it.
FAR_RATIO = 2.0


def check_places(
    claim: Claim, measured_km: float, stated_km: float
) -> tuple[str, tuple[tuple[str, str, float | None], ...]]:
    """The warning for a claim that does not hold (or "") and the other pairs measured."""
    reasons = []
    if claim.confidence is not None and claim.confidence < CONFIDENT:
        reasons.append(f"the places were read with confidence {claim.confidence:.2f}")
    if stated_km > 0 and not 1 / FAR_RATIO <= measured_km / stated_km <= FAR_RATIO:
        reasons.append(f"measured {measured_km:.1f} km is far from the figure ({stated_km:g} km)")
    if not reasons:
        return "", ()
    return "check the places: " + "; ".join(reasons), _measured(claim.alternatives)


def _measured(pairs) -> tuple[tuple[str, str, float | None], ...]:
    out = []
    for a, b in pairs:
        try:
            km: float | None = measure(resolve(a), resolve(b), Measure.COAST).distance_km
        except IslandchainError:
            km = None
        out.append((a, b, km))
    return tuple(out)


def describe(pairs: tuple[tuple[str, str, float | None], ...]) -> str:
    """The other pairs in words: "other readings: Taiwan–Ishigaki 218.2 km"."""
    if not pairs:
        return "the sentence names no other pair of places"
    shown = [
        f"{a}–{b} " + (f"{km:.1f} km" if km is not None else "not measurable") for a, b, km in pairs
    ]
    return "other pairs the sentence allows: " + ", ".join(shown)
