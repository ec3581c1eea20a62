"""Claims about geography, checked into verdicts.

A claim says "X lies N km DIRECTION of Y" (``distance``), "the Taiwan Strait,
130 km wide at its narrowest" (``width``, measured by :mod:`islandchain.straits`),
"Japan-administered Yonaguni" (``administration``) or "the Senkakus, disputed by
China" (``dispute``). Claims are read from TOML files by
:mod:`islandchain.claimfile`, their figures judged by the rule in
:mod:`islandchain.tolerance`, measured by :mod:`islandchain.measuring`, and
returned as :class:`~islandchain.verdicts.Verdict` records. This module holds
the checking itself, one step per function, and the notebook API:

>>> v = check("Yonaguni", "Taiwan", 111, direction="east", cross_check=False)
>>> v.status.value, round(v.measured_km, 1), v.compass16
('holds', 107.5, 'E')
>>> check("Kyushu", "Taiwan", 500, qualifier="more than", cross_check=False).status.value
'holds'

A verdict's status is one of four (:class:`~islandchain.vocabulary.Status`):
"holds"; "holds on another reading" when the figure does not fit the default
reading (nearest coast to nearest coast) but fits a standard one the verdict
names (the group's main island, Taiwan as all the ROC administers, a place
named in the sentence, the rest of a group, a centroid); "does not hold";
"cannot be checked" (a place not in the gazetteer, or a field that cannot be
read: the verdict names the file, the claim, the field and the fix).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import shapely

from .claimfile import Claim, load_claims, make_claim, parse_claims
from .data import features, resolve
from .errors import ClaimError, UncheckableWidthError, UnknownPlaceError
from .judging import check_kind
from .judging.direction import bearing_of, bearing_words
from .measuring import (
    Reading,
    ReadingKind,
    Relation,
    measure,
    point_label,
    readings,
    relation,
)
from .measuring import (
    names as feature_names,
)
from .tolerance import DATA_UNCERTAINTY_KM, Acceptance, acceptance, tolerance_km
from .verdicts import Verdict, as_record
from .vocabulary import HEDGES, ClaimKind, Measure, Status

__all__ = [
    "DATA_UNCERTAINTY_KM",
    "HEDGES",
    "Claim",
    "ClaimError",
    "Reading",
    "Status",
    "Verdict",
    "as_record",
    "check",
    "check_claim",
    "check_claims",
    "check_statement",
    "check_text",
    "iter_verdicts",
    "load_claims",
    "parse_claims",
    "tolerance_km",
]


# -------------------------------------------------------------- public API


def check_claims(claims: Iterable[Claim], cross_check: bool = True) -> list[Verdict]:
    """Check claims; see :func:`check_claim`."""
    return list(iter_verdicts(claims, cross_check=cross_check))


def iter_verdicts(claims: Iterable[Claim], cross_check: bool = True) -> Iterator[Verdict]:
    """Check claims one by one, yielding each verdict as soon as it is ready.

    No claim stops the others: a claim that cannot be read, or whose
    check fails unexpectedly, gets a "cannot be checked" verdict saying why.
    A pair of places repeated in many claims is measured once.
    """
    for claim in claims:
        try:
            yield check_claim(claim, cross_check=cross_check)
        except Exception as exc:  # a bug must not hide the other verdicts
            yield Verdict(
                claim,
                Status.CANNOT_BE_CHECKED,
                f"internal error: {type(exc).__name__}: {exc}",
                internal_error=True,
            )


def check(
    subject: str,
    reference: str,
    distance: float | tuple[float, float],
    unit: str = "km",
    *,
    direction: str = "",
    qualifier: str = "",
    measure: str = "coast",
    quote: str = "",
    tolerance_km: float | None = None,
    cross_check: bool = True,
) -> Verdict:
    """Check one distance statement, for notebooks and scripts.

    Parameters
    ----------
    subject, reference : str
        Place names ("X lies N km DIRECTION of Y": X is the subject).
    distance : float or (float, float)
        The stated figure, or a range (low, high).
    unit : str
        km, mi, nmi or any spelling the vocabulary reads.
    direction, qualifier, measure, quote : str
        As in a claims file.
    tolerance_km : float, optional
        Overrides the tolerance rule's margin.
    cross_check : bool
        Also measure on the GSHHG coastline.

    Returns
    -------
    Verdict

    Raises
    ------
    ClaimError
        When an argument cannot be read (unknown place, unit, word), naming
        the argument and the fix.

    Examples
    --------
    >>> check("Yonaguni", "Taiwan", 111, direction="west", cross_check=False).status.value
    'does not hold'
    >>> check("Taiwan", "Yonaguni", (100, 115), cross_check=False).status.value
    'holds'
    """
    entry: dict[str, object] = {
        "id": "check",
        "kind": "distance",
        "subject": subject,
        "reference": reference,
        "unit": unit,
        "direction": direction,
        "qualifier": qualifier,
        "measure": measure,
        "quote": quote,
    }
    if isinstance(distance, tuple | list):
        entry["distance"], entry["distance_max"] = distance
    else:
        entry["distance"] = distance
    if tolerance_km is not None:
        entry["tolerance_km"] = tolerance_km
    claim = make_claim(entry, "check()")
    if claim.problems:
        raise claim.problems[0]
    return check_claim(claim, cross_check=cross_check)


def check_statement(
    kind: str, subject: str, *, quote: str = "", cross_check: bool = True, **fields: object
) -> Verdict:
    """Check one statement without a figure (direction, comparison, extreme, between).

    The keyword arguments are the claims file's fields of that kind (see the README's
    table): ``reference``, ``direction``, ``than``, ``extreme``, ``state``, ``between``, ...

    Raises
    ------
    ClaimError
        When a field cannot be read, naming it and the fix.

    Examples
    --------
    >>> check_statement("comparison", "Yonaguni", reference="Taiwan", than="Ishigaki").status.value
    'holds on another reading'
    >>> check_statement("extreme", "Yonaguni", extreme="westernmost", state="Japan").status.value
    'holds'
    """
    entry = {"id": "check", "kind": kind, "subject": subject, "quote": quote, **fields}
    claim = make_claim(entry, "check_statement()")
    if claim.problems:
        raise claim.problems[0]
    return check_claim(claim, cross_check=cross_check)


def check_text(text: str, cross_check: bool = True) -> list[Verdict]:
    """Find the distance statements in a text and check each.

    Extraction is :func:`islandchain.extract.extract_claims`; this function
    only hands its claims to :func:`check_claims`.

    Examples
    --------
    >>> [v.status.value for v in check_text("Yonaguni lies 111 km east of Taiwan.",
    ...                                      cross_check=False)]
    ['holds']
    """
    from .extract import extract_claims, to_toml  # extraction sits beside claims

    found = extract_claims(text)
    if not found.claims and not found.statements:
        return []
    _, claims = parse_claims(to_toml(found), "<text>")
    return check_claims(claims, cross_check=cross_check)


def check_claim(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check one claim against the data.

    Parameters
    ----------
    claim : Claim
    cross_check : bool
        Also measure a distance on the GSHHG coastline and report the spread.

    Returns
    -------
    Verdict
        Never raises for a bad claim: it becomes "cannot be checked".

    Examples
    --------
    >>> _, [c] = parse_claims('[[claim]]\\nsubject = "Taiwan"\\nreference = "Yonaguni"\\n'
    ...                       'distance = 111\\ndirection = "west"')
    >>> check_claim(c, cross_check=False).status.value
    'holds'
    """
    if claim.problems:
        return Verdict(
            claim,
            Status.CANNOT_BE_CHECKED,
            "; ".join(str(p) for p in claim.problems),
        )
    if claim.unresolved:
        return Verdict(
            claim,
            Status.CANNOT_BE_CHECKED,
            f"places not in the gazetteer: {', '.join(claim.unresolved)}",
        )
    try:
        if claim.kind == ClaimKind.DISTANCE:
            return _check_distance(claim, cross_check)
        if claim.kind == ClaimKind.WIDTH:
            return _check_width(claim, cross_check)
        if claim.kind in (
            ClaimKind.DIRECTION,
            ClaimKind.COMPARISON,
            ClaimKind.EXTREME,
            ClaimKind.BETWEEN,
        ):
            return check_kind(claim, cross_check)
        return _check_status(claim)
    except (UnknownPlaceError, UncheckableWidthError) as exc:
        return Verdict(claim, Status.CANNOT_BE_CHECKED, str(exc))


# ------------------------------------------------------ status claims


def _check_status(claim: Claim) -> Verdict:
    fid = resolve(claim.place)
    row = features().loc[fid]
    admin, claimants = tuple(row["admin"]), tuple(row["claimants"])
    problems = []
    if claim.admin and claim.admin not in admin:
        problems.append(f"administered by {', '.join(admin)}, not {claim.admin}")
    missing = [c for c in claim.claimants if c not in claimants]
    if missing:
        problems.append(
            f"not recorded as disputed by {', '.join(missing)} "
            f"(claimants: {', '.join(claimants) or 'none'})"
        )
    facts = f"{row['name']}: administered by {', '.join(admin)}" + (
        f"; claimed by {', '.join(claimants)}" if claimants else "; undisputed"
    )
    return Verdict(
        claim,
        Status.DOES_NOT_HOLD if problems else Status.HOLDS,
        "; ".join(problems) if problems else facts,
        subject_id=fid,
        details={"admin": admin, "claimants": claimants, "facts": facts},
    )


# ---------------------------------------------------- distance claims


def _acceptance(claim: Claim) -> Acceptance:
    """The measured distances that agree with the statement."""
    return acceptance(
        float(claim.distance or 0.0),
        claim.unit,
        claim.comparator,
        claim.distance_max,
        claim.tolerance_km,
    )


def _direction_ok(claim: Claim, azimuth: float | None) -> bool | None:
    """Does an azimuth lie in the stated word's sector? None if unstated or unknown."""
    if claim.bearing is None or azimuth is None:
        return None
    return claim.bearing.contains(azimuth)


def _fits(claim: Claim, acc: Acceptance, r: Reading) -> bool:
    return acc.contains(r.distance_km) and _direction_ok(claim, r.azimuth_deg) is not False


def _holding_reading(claim: Claim, acc: Acceptance, others: tuple[Reading, ...]) -> Reading | None:
    """The first standard reading the statement fits, in order of preference."""
    order = list(type(others[0].kind)) if others else []
    fitting = [r for r in others if r.standard and _fits(claim, acc, r)]
    stated = float(claim.distance_km or 0.0)
    fitting.sort(key=lambda r: (order.index(r.kind), abs(r.distance_km - stated)))
    return fitting[0] if fitting else None


def _check_distance(claim: Claim, cross_check: bool) -> Verdict:
    """A distance claim: measured, judged and explained."""
    m = _measure_distance(claim, cross_check)
    acc = _acceptance(claim)
    judged = _judge(claim, acc, m, _holding_reading if m.may_read_otherwise else None)
    return _conclude(claim, acc, m, judged, *_explain_distance(claim, acc, m, judged))


@dataclass(frozen=True)
class _Measures:
    """What the measuring step of a claim found, before any judgement."""

    subject_id: str
    reference_id: str
    default: Reading
    others: tuple[Reading, ...]
    #: The readings the best explanation of the figure is chosen among.
    candidates: tuple[Reading, ...]
    relation: Relation | None = None
    azimuth: float | None = None
    bearing_from: str = ""
    cross_km: float | None = None
    subject_label: str = ""
    reference_label: str = ""
    #: May another reading make the claim hold?
    may_read_otherwise: bool = True
    #: "holds if <verb> <reading> ...; N km <label>", the words for another reading.
    held_verb: str = "measured"
    default_label: str = ""


@dataclass(frozen=True)
class _Judgement:
    status: Status
    distance_ok: bool
    direction_ok: bool | None
    held: Reading | None
    best: str
    flips: bool


def _measure_distance(claim: Claim, cross_check: bool) -> _Measures:
    """Measuring: how the places lie, the default reading, the others, GSHHG."""
    subj, ref = resolve(claim.subject), resolve(claim.reference)
    sub_pt = resolve(claim.subject_point) if claim.subject_point else ""
    ref_pt = resolve(claim.reference_point) if claim.reference_point else ""
    default = measure(subj, ref, claim.measure, sub_pt, ref_pt)
    others = readings(subj, ref, claim.quote)
    # Touching places have no coast-to-coast bearing: the bearing between
    # their centroids is used and the reason says so.
    azimuth, bearing_from = default.azimuth_deg, f"from {default.reference}"
    if claim.bearing is not None:
        azimuth, bearing_from = bearing_of(default, others)
    cross_km = None
    if cross_check and claim.measure == Measure.COAST and not (sub_pt and ref_pt):
        cross_km = measure(subj, ref, claim.measure, sub_pt, ref_pt, source="gshhg").distance_km
    return _Measures(
        subject_id=subj,
        reference_id=ref,
        default=default,
        others=others,
        candidates=others,
        relation=relation(subj, ref),
        azimuth=azimuth,
        bearing_from=bearing_from,
        cross_km=cross_km,
        subject_label=point_label(default.subject_point, sub_pt or subj),
        reference_label=point_label(default.reference_point, ref_pt or ref),
        may_read_otherwise=claim.measure == Measure.COAST and not (sub_pt or ref_pt),
        default_label=default.name,
    )


_HeldOf = Callable[[Claim, Acceptance, tuple[Reading, ...]], Reading | None]


def _judge(claim: Claim, acc: Acceptance, m: _Measures, held_of: _HeldOf | None) -> _Judgement:
    """Judging: the figure and the direction against the rule, then another reading."""
    km = m.default.distance_km
    distance_ok = acc.contains(km)
    direction_ok = _direction_ok(claim, m.azimuth)
    ok = distance_ok and direction_ok is not False
    held = None if ok or held_of is None else held_of(claim, acc, m.others)
    stated = float(claim.distance_km or 0.0)
    # The reading that best explains the figure: inside the interval first, then nearest it.
    best = min(
        m.candidates,
        key=lambda r: (acc.miss_km(r.distance_km), abs(r.distance_km - stated)),
        default=None,
    )
    return _Judgement(
        status=(
            Status.HOLDS
            if ok
            else Status.HOLDS_ON_ANOTHER_READING
            if held
            else Status.DOES_NOT_HOLD
        ),
        distance_ok=distance_ok,
        direction_ok=direction_ok,
        held=held,
        best=best.name if best else "",
        flips=m.cross_km is not None and acc.contains(m.cross_km) != distance_ok,
    )


def _explain_distance(
    claim: Claim, acc: Acceptance, m: _Measures, j: _Judgement
) -> tuple[list[str], list[str]]:
    """Explaining a distance verdict: the relation, the figure, the bearing; the places."""
    names = feature_names()
    sn, rn = names[m.subject_id], names[m.reference_id]
    km, azimuth = m.default.distance_km, m.azimuth
    parts = []
    if m.relation is not None and m.relation is not Relation.APART:
        parts.append(_relation_words(m.relation, sn, rn))
    parts.append(
        f"measured {km:.1f} km vs stated {claim.stated} ({acc.describe()}): "
        + ("within" if j.distance_ok else "outside")
    )
    if claim.bearing is not None:
        parts.append(bearing_words(claim.direction, claim.bearing, azimuth, m.bearing_from))
    return parts, [f"subject taken as {sn}, reference as {rn}"]


def _conclude(
    claim: Claim,
    acc: Acceptance,
    m: _Measures,
    j: _Judgement,
    body: list[str],
    closing: list[str],
) -> Verdict:
    """The verdict's tail, shared by every measured claim: its words and its record."""
    km = m.default.distance_km
    parts = list(body)
    if j.held is not None:
        parts.insert(
            0,
            f"holds if {m.held_verb} {j.held.description} ({j.held.distance_km:.1f} km); "
            f"{km:.1f} km {m.default_label}",
        )
    if j.flips:
        parts.append(f"the verdict flips on the GSHHG coastline ({m.cross_km:.1f} km)")
    parts += closing
    return Verdict(
        claim,
        j.status,
        "; ".join(parts),
        subject_id=m.subject_id,
        reference_id=m.reference_id,
        measurement=m.default,
        readings=m.others,
        holding_reading=j.held,
        best_reading=j.best,
        relation=m.relation,
        acceptance=acc,
        azimuth_deg=m.azimuth,
        direction_ok=j.direction_ok,
        distance_ok=j.distance_ok,
        subject_point_label=m.subject_label,
        reference_point_label=m.reference_label,
        cross_check_km=m.cross_km,
        flips_on_cross_check=j.flips,
    )


# ------------------------------------------------------- width claims

_WIDTHS = ("narrowest", "average", "widest")


@lru_cache(maxsize=256)
def _width(place: str, at: str, source: str = "osm") -> Reading:
    """A strait's width as a reading (cached: each width walks the shores)."""
    from .straits import strait_width  # the straits sit beside claims

    w = strait_width(place, at, source=source)
    names = features()["name"]
    return Reading(
        name=f"{at} width",
        # No bearing: a width is judged on its figure alone.
        measured=replace(
            w.measured,
            azimuth_deg=math.nan,
            name_a=str(names[w.shore_a]),
            name_b=str(names[w.shore_b]),
        ),
        kind=ReadingKind.WIDTH,
        description=f"as the {'mean' if at == 'average' else at} width",
        subject_geometry=shapely.Point(w.point_b),
        reference_geometry=shapely.Point(w.point_a),
    )


def _check_width(claim: Claim, cross_check: bool) -> Verdict:
    """A strait's width: narrowest unless the claim says widest or average."""
    m = _measure_width(claim, cross_check)
    acc = _acceptance(claim)
    judged = _judge(claim, acc, m, _first_fitting)
    default = m.default
    at = claim.at or "narrowest"
    name = str(features().loc[m.subject_id, "name"])
    body = [
        f"{name} at its {at if at != 'average' else 'mean'}: measured "
        f"{default.distance_km:.1f} km vs stated {claim.stated} ({acc.describe()}): "
        + ("within" if judged.distance_ok else "outside"),
        f"from {default.reference} to {default.subject}",
    ]
    return _conclude(claim, acc, m, judged, body, [])


def _measure_width(claim: Claim, cross_check: bool) -> _Measures:
    """Measuring a width: at the stated place, and the other widths when it says none."""
    at = claim.at or "narrowest"
    default = _width(claim.place, at)
    others: list[Reading] = []
    if not claim.at:  # "130 km wide": the other widths, where measurable
        for other in _WIDTHS[1:]:
            try:
                others.append(_width(claim.place, other))
            except UncheckableWidthError:
                pass
    return _Measures(
        subject_id=resolve(claim.place),
        reference_id="",
        default=default,
        others=tuple(others),
        candidates=(default, *others),
        cross_km=_width(claim.place, at, "gshhg").distance_km if cross_check else None,
        subject_label=f"coast of {default.subject}",
        reference_label=f"coast of {default.reference}",
        held_verb="read",
        default_label=at,
    )


def _first_fitting(claim: Claim, acc: Acceptance, others: tuple[Reading, ...]) -> Reading | None:
    """The first other width the figure fits."""
    return next((r for r in others if acc.contains(r.distance_km)), None)


def _relation_words(rel: Relation, subject: str, reference: str) -> str:
    if rel is Relation.SUBJECT_WITHIN:
        return f"{subject} is part of {reference}: 0 km"
    if rel is Relation.REFERENCE_WITHIN:
        return f"{reference} is part of {subject}: 0 km"
    if rel is Relation.SAME:
        return f"{subject} and {reference} are the same place: 0 km"
    return f"{subject} and {reference} overlap: 0 km"
