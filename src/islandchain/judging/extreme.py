"""Extremes: "Japan's westernmost island", "the southernmost point of Taiwan", "the closest
Japanese island to Taiwan".

Judged over the gazetteer's features of that state (administered by it: the
``admin`` field) and kind (``kind``: island covers islands and islets),
keeping only inhabited ones when the claim says so
(:data:`~islandchain.judging.common.INHABITED_FIELD`). A compass extreme is
read from the extreme coordinate of each feature's geometry (westernmost: the
least longitude of any vertex); "closest"/"farthest" from the coast-to-coast
geodesic to the reference. The verdict names the feature that is the extreme,
how far the named one falls short (in km along the axis, or in km of
distance), the states that dispute the winner, and the extreme when the land
the state claims but does not administer is counted. A "point" is the extreme
vertex itself: the named place holds when it lies within
:data:`EXTREME_POINT_KM` of it.

>>> from islandchain.claimfile import make_claim
>>> v = check_extreme(make_claim({"kind": "extreme", "subject": "Eluanbi",
...     "extreme": "southernmost", "among": "point", "within": "Taiwan"}))
>>> v.status.value, v.found.winner_name
('holds', 'Taiwan')
"""

from __future__ import annotations

import numpy as np
import shapely

from ..claimfile import Claim
from ..data import features, resolve
from ..geodesy import inverse
from ..measured import ExtremeFound
from ..measuring import names, relation
from ..verdicts import Verdict
from ..vocabulary import STATE_NAMES, Extreme, Status
from .common import INHABITED_FIELD, candidates, claimed, geometry, inhabited, reading_between

__all__ = ["EXTREME_POINT_KM", "check_extreme"]

#: A named place is "the southernmost point" when it lies this near the extreme vertex (km).
EXTREME_POINT_KM = 5.0

_FIELD = {
    "lon": "the {side} edge of each feature's geometry (its {which} longitude, any vertex)",
    "lat": "the {side} edge of each feature's geometry (its {which} latitude, any vertex)",
    "distance": "the geodesic from each feature's coast to the nearest coast of {ref}",
}


def _extreme_point(geom: shapely.Geometry, extreme: Extreme) -> tuple[tuple[float, float], float]:
    """The vertex of a geometry that reaches the extreme, and its coordinate."""
    xy = shapely.get_coordinates(geom)
    col = 0 if extreme.axis == "lon" else 1
    i = int(np.argmin(xy[:, col]) if extreme.sign < 0 else np.argmax(xy[:, col]))
    return (float(xy[i, 0]), float(xy[i, 1])), float(xy[i, col])


_Value = tuple[tuple[float, float], float]


def _values(ids: list[str], extreme: Extreme, reference: str) -> dict[str, _Value]:
    """Each candidate's point and value (coordinate, or km to the reference)."""
    out = {}
    for fid in ids:
        if extreme.axis == "distance":
            r = reading_between(geometry(reference), geometry(fid), "", "", "")
            out[fid] = (r.subject_point or (0.0, 0.0), r.distance_km)
        else:
            out[fid] = _extreme_point(geometry(fid), extreme)
    return out


def _best(values: dict[str, _Value], extreme: Extreme) -> str:
    return min(values, key=lambda f: -extreme.sign * values[f][1])


def _margin_km(extreme: Extreme, named: _Value, winner: _Value) -> float:
    """How far the named point falls short of the winner's, along the extreme's axis, in km."""
    (nx, ny), nv = named
    (wx, wy), wv = winner
    if extreme.axis == "distance":
        return max(0.0, -extreme.sign * (nv - wv))
    if extreme.axis == "lon":
        km = float(inverse(nx, (ny + wy) / 2, wx, (ny + wy) / 2)[0]) / 1000
    else:
        km = float(inverse(nx, ny, nx, wy)[0]) / 1000
    return km if -extreme.sign * (nv - wv) > 0 else 0.0


def _scope(claim: Claim, among: str) -> str:
    n = names()
    what = "land" if among == "point" else f"{among}s"
    what = "inhabited " + what if claim.inhabited else what
    where = [f"administered by {claim.state}"] if claim.state else []
    if claim.within:
        where.append(f"within {n[resolve(claim.within)]}")
    return f"{what} {' and '.join(where)}"


def check_extreme(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check an extreme claim (``kind = "extreme"``).

    Returns
    -------
    Verdict
        ``found`` is an :class:`~islandchain.measured.ExtremeFound`.
    """
    assert claim.extreme is not None  # the claims reader requires it
    n = names()
    extreme, among = claim.extreme, claim.among or "island"
    subj = resolve(claim.subject)
    ref = resolve(claim.reference) if extreme.axis == "distance" else ""
    within = resolve(claim.within) if claim.within else ""
    point = among == "point"
    ids = candidates(among, claim.state, within)
    if claim.inhabited:
        ids = [i for i in ids if inhabited(i)]
    if ref:
        ids = [i for i in ids if not relation(i, ref).touching]
    if not ids:
        return Verdict(
            claim, Status.CANNOT_BE_CHECKED, f"no {_scope(claim, among)} in the gazetteer",
            subject_id=subj,
        )  # fmt: skip
    values = _values(ids, extreme, ref)
    winner = _best(values, extreme)  # for a point: the land its extreme vertex lies on
    named = values.get(subj) or _values([subj], extreme, ref)[subj]
    margin = _margin_km(extreme, named, values[winner])
    if point:
        sep = reading_between(shapely.Point(values[winner][0]), geometry(subj), "", "", "")
        margin = sep.distance_km
        holds = margin <= EXTREME_POINT_KM
    else:
        holds = subj == winner or relation(subj, winner).touching
    # The land the state claims but does not administer, counted too.
    claimed_ids = claimed(among, claim.state) if claim.state and not point else []
    claimed_win = ""
    if claimed_ids:
        more = values | _values(claimed_ids, extreme, ref)
        best = _best(more, extreme)
        claimed_win = best if best != winner else ""
    claimants = tuple(features().loc[winner, "claimants"])
    holds_claimed = bool(claimed_win) and (
        subj == claimed_win or relation(subj, claimed_win).touching
    )
    status = (
        Status.HOLDS if holds
        else Status.HOLDS_ON_ANOTHER_READING if holds_claimed
        else Status.DOES_NOT_HOLD
    )  # fmt: skip
    scope = _scope(claim, among)
    side = {"westernmost": "west", "easternmost": "east", "northernmost": "north",
            "southernmost": "south"}.get(extreme.value, "")  # fmt: skip
    fld = _FIELD[extreme.axis].format(
        side=side, which="least" if extreme.sign < 0 else "greatest", ref=n.get(ref, "")
    )

    def shown(v: float) -> str:
        return f"{v:.1f} km" if extreme.axis == "distance" else f"{v:.3f}°"

    value = shown(values[winner][1])
    if point:
        first = (
            f"the {extreme} point of the {scope} is on {n[winner]} at {values[winner][0][1]:.4f}°N "
            f"{values[winner][0][0]:.4f}°E; {n[subj]} lies {margin:.1f} km from it "
            f"({'within' if holds else 'beyond'} {EXTREME_POINT_KM:g} km)"
        )
    elif holds:
        first = f"{n[subj]} is the {extreme} of {len(ids)} {scope} ({value})"
    else:
        first = (
            f"the {extreme} of {len(ids)} {scope} is {n[winner]} ({value}), "
            f"not {n[subj]} ({shown(named[1])}): {margin:.1f} km "
            + ("nearer" if extreme.axis == "distance" else "further " + side)
        )
    parts = [first]
    if claimants:
        names_ = ", ".join(STATE_NAMES.get(c, c) for c in claimants)
        parts.append(f"{n[winner]} is disputed: claimed by {names_}")
    if claimed_win:
        parts.append(
            f"counting the land {STATE_NAMES.get(claim.state, claim.state)} claims but does not "
            f"administer, the {extreme} is {n[claimed_win]}"
        )
    if claim.inhabited:
        parts.append(f"inhabited: {INHABITED_FIELD}")
    parts.append(f"judged by {fld}")
    wp, np_ = values[winner][0], named[0]
    return Verdict(
        claim,
        status,
        "; ".join(parts),
        subject_id=subj,
        reference_id=ref,
        details={
            "rule": (
                f"an extreme holds when the named place is the {extreme} of the {scope} "
                + (f"(within {EXTREME_POINT_KM:g} km of its extreme vertex)" if point else "")
                + f", judged by {fld}"
            )
        },
        subject_point_label=n[subj],
        reference_point_label=n[winner],
        found=ExtremeFound(
            str(extreme),
            among,
            scope,
            fld,
            winner,
            n[winner],
            wp,
            values[winner][1],
            subj,
            n[subj],
            np_,
            named[1],
            margin,
            claimants,
            claimed_win,
            n[claimed_win] if claimed_win else "",
            len(ids),
            shapely.Point(wp) if point else geometry(winner),
            geometry(subj),
        ),  # fmt: skip
    )
