"""Claims about geography, read from TOML, checked into verdicts.

A claims file holds one ``[source]`` table and an array of ``[[claim]]``
tables. Three kinds of claim are understood:

``distance``
    "X lies N km DIRECTION of Y": ``subject``, ``reference``, ``distance``,
    ``unit`` (km, mi, nmi), optional ``qualifier`` ("about", "some",
    "nearly", ...), ``direction`` (of the subject seen from the reference),
    ``measure`` (``coast``: nearest coast to nearest coast, the default;
    ``centroid``: centroid to centroid; ``point``: named points given by
    ``subject_point`` / ``reference_point``, e.g. a port or a cape) and
    ``tolerance_km`` to override the rule below.
``administration``
    "Japan-administered Yonaguni": ``place`` and ``admin`` (a state).
``dispute``
    "the Senkakus, Japanese ownership of which is disputed by China":
    ``place``, ``claimants`` (the states that dispute it) and optionally
    ``admin``.

The tolerance rule (see the README) for a distance claim is

    tolerance = max(rounding, share × stated) + data uncertainty

where *rounding* is half the step the figure is rounded to (111 → 0.5 km,
170 → 5 km, 1,200 → 50 km), *share* is 5 % for a plain figure and 10 % for a
hedged one ("about", "some", "nearly", ...), and the *data uncertainty* is
0.2 km (how far the OpenStreetMap coastlines may lie from published
positions). A direction holds when the measured azimuth lies in the stated
word's own sector of the 8-point rose (±22.5°).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from .data import POINT_KINDS, features, resolve
from .errors import ClaimError, UnknownPlaceError
from .geodesy import compass, inverse, shortest_line

__all__ = [
    "DATA_UNCERTAINTY_KM",
    "DIRECTIONS",
    "STATES",
    "UNITS",
    "Claim",
    "ClaimError",
    "Reading",
    "Verdict",
    "as_record",
    "check_claim",
    "check_claims",
    "load_claims",
    "parse_claims",
    "tolerance_km",
]

#: Kilometres per unit.
UNITS: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852}
_UNIT_ALIASES = {
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "nm": "nmi",
    "nautical mile": "nmi",
    "nautical miles": "nmi",
}
#: Azimuth of each direction word, degrees clockwise from north.
DIRECTIONS: dict[str, float] = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
HEDGES = frozenset(
    {
        "about",
        "some",
        "nearly",
        "around",
        "roughly",
        "approximately",
        "almost",
        "approx",
        "approx.",
        "circa",
        "c.",
        "~",
        "just",
        "only",
        "more than",
        "less than",
        "over",
        "under",
        "within",
    }
)
#: State names and the ISO 3166-1 alpha-3 codes the gazetteer uses.
STATES: dict[str, str] = {
    "japan": "JPN",
    "jpn": "JPN",
    "china": "CHN",
    "prc": "CHN",
    "chn": "CHN",
    "people's republic of china": "CHN",
    "taiwan": "TWN",
    "roc": "TWN",
    "twn": "TWN",
    "republic of china": "TWN",
    "philippines": "PHL",
    "phl": "PHL",
    "indonesia": "IDN",
    "idn": "IDN",
    "malaysia": "MYS",
    "mys": "MYS",
    "brunei": "BRN",
    "brn": "BRN",
    "south korea": "KOR",
    "korea": "KOR",
    "kor": "KOR",
    "russia": "RUS",
    "rus": "RUS",
    "united states": "USA",
    "usa": "USA",
    "us": "USA",
}
DATA_UNCERTAINTY_KM = 0.2
_SECTOR_DEG = 22.5
_KINDS = ("distance", "administration", "dispute")
_MEASURES = ("coast", "centroid", "point")
_TAIWAN_READINGS = ("taiwan", "roc_territory")


@dataclass(frozen=True)
class Claim:
    """One claim as read from a claims file."""

    id: str
    kind: str
    quote: str = ""
    source: str = ""
    subject: str = ""
    reference: str = ""
    distance: float | None = None
    unit: str = "km"
    qualifier: str = ""
    direction: str = ""
    measure: str = "coast"
    subject_point: str = ""
    reference_point: str = ""
    tolerance_km: float | None = None
    place: str = ""
    admin: str = ""
    claimants: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()

    @property
    def distance_km(self) -> float | None:
        """The stated distance in kilometres."""
        return None if self.distance is None else self.distance * UNITS[self.unit]


@dataclass(frozen=True)
class Reading:
    """The distance under one reading of a claim (e.g. centroid to coast)."""

    name: str
    distance_km: float
    subject: str
    reference: str


@dataclass(frozen=True)
class Verdict:
    """The checked outcome of one claim.

    ``status`` is ``"holds"``, ``"does not hold"`` or ``"cannot be checked"``.
    Distances are geodesics on WGS84 measured on the OpenStreetMap coastline;
    ``cross_check_km`` is the same measure on GSHHG.
    """

    claim: Claim
    status: str
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

    @property
    def holds(self) -> bool:
        """True when the claim holds."""
        return self.status == "holds"


# --------------------------------------------------------------------- reading


def load_claims(path: str | Path) -> tuple[dict, list[Claim]]:
    """Read a claims file.

    Parameters
    ----------
    path : str or Path
        A TOML claims file, or ``"-"`` for standard input.

    Returns
    -------
    source : dict
        The file's ``[source]`` table.
    claims : list of Claim

    Raises
    ------
    ClaimError
        For malformed TOML or a bad field, naming the file, claim and field.

    Examples
    --------
    >>> source, claims = load_claims("claims/article.toml")  # doctest: +SKIP
    """
    import sys

    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ClaimError(name, "-", "file", f"cannot read: {exc.strerror}") from None
    return parse_claims(text, name)


def parse_claims(text: str, where: str = "<claims>") -> tuple[dict, list[Claim]]:
    """Parse the text of a claims file; see :func:`load_claims`.

    Examples
    --------
    >>> _, [c] = parse_claims('''
    ... [[claim]]
    ... subject = "Taiwan"
    ... reference = "Yonaguni"
    ... distance = 111
    ... direction = "west"
    ... ''')
    >>> c.kind, c.distance_km, c.direction
    ('distance', 111.0, 'west')
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ClaimError(where, "-", "toml", f"not valid TOML ({exc})") from None
    source = doc.get("source", {})
    if not isinstance(source, dict):
        raise ClaimError(where, "-", "source", "must be a table: [source]")
    entries = doc.get("claim", [])
    if not isinstance(entries, list) or not entries:
        raise ClaimError(where, "-", "claim", "no [[claim]] entries found")
    claims = [_parse_claim(entry, i, where, source) for i, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            raise ClaimError(where, claim.id, "id", "duplicate id")
        seen.add(claim.id)
    return source, claims


def _parse_claim(entry: dict, number: int, where: str, source: dict) -> Claim:
    cid = str(entry.get("id") or f"claim-{number}")

    def fail(fld: str, problem: str) -> ClaimError:
        return ClaimError(where, cid, fld, problem)

    def text(fld: str) -> str:
        value = entry.get(fld, "")
        if not isinstance(value, str):
            raise fail(fld, f"must be text, got {value!r}")
        return value.strip()

    known = set(Claim.__dataclass_fields__)
    unknown = set(entry) - known
    if unknown:
        raise fail(sorted(unknown)[0], f"unknown field; known fields: {', '.join(sorted(known))}")
    kind = text("kind") or ("distance" if {"distance", "reference"} & set(entry) else "")
    if kind not in _KINDS:
        raise fail("kind", f"{kind!r} is not one of {', '.join(_KINDS)}")
    fields: dict[str, object] = {
        "id": cid,
        "kind": kind,
        "quote": text("quote"),
        "source": text("source") or str(source.get("title", "")),
    }
    if kind == "distance":
        fields.update(_parse_distance(entry, text, fail))
    else:
        place = text("place")
        if not place:
            raise fail("place", "missing: name the place the claim is about")
        fields["place"] = place
        if "admin" in entry:
            fields["admin"] = _state(text("admin"), fail, "admin")
        if kind == "administration" and "admin" not in fields:
            raise fail("admin", "missing: name the administering state, e.g. 'Japan'")
        if kind == "dispute":
            claimants = entry.get("claimants")
            if isinstance(claimants, str):
                claimants = [claimants]
            if not claimants or not isinstance(claimants, list):
                raise fail("claimants", "missing: list the states that dispute it, e.g. ['China']")
            fields["claimants"] = tuple(_state(str(c), fail, "claimants") for c in claimants)
    unresolved = entry.get("unresolved", [])
    if isinstance(unresolved, str) or not isinstance(unresolved, list):
        raise fail("unresolved", "must be a list of place names, e.g. ['Atlantis']")
    fields["unresolved"] = tuple(str(u) for u in unresolved)
    # A place that is not in the gazetteer is bad input, unless the file says
    # it is a known gap (extract writes such mentions to ``unresolved``).
    for fld in ("subject", "reference", "subject_point", "reference_point", "place"):
        name = fields.get(fld)
        if name and name not in fields["unresolved"]:
            try:
                resolve(str(name))
            except UnknownPlaceError as exc:
                hint = (
                    f"; did you mean {', '.join(repr(x) for x in exc.suggestions)}?"
                    if exc.suggestions
                    else ""
                )
                raise fail(
                    fld,
                    f"unknown place {name!r}{hint} (`islandchain features` lists every known name)",
                ) from None
    return Claim(**fields)


def _parse_distance(entry: dict, text, fail) -> dict:
    out: dict[str, object] = {}
    for fld in ("subject", "reference"):
        out[fld] = text(fld)
        if not out[fld]:
            raise fail(fld, "missing: name a place in the gazetteer")
    if "distance" not in entry:
        raise fail("distance", "missing: give the stated distance, e.g. distance = 111")
    distance = entry["distance"]
    if isinstance(distance, bool) or not isinstance(distance, int | float):
        raise fail("distance", f"must be a number, got {distance!r}")
    if not math.isfinite(distance) or distance <= 0:
        raise fail("distance", f"must be a positive number of {entry.get('unit', 'km')}")
    out["distance"] = float(distance)
    unit = text("unit").lower() or "km"
    unit = _UNIT_ALIASES.get(unit, unit)
    if unit not in UNITS:
        raise fail("unit", f"{unit!r} is not one of {', '.join(UNITS)}")
    out["unit"] = unit
    qualifier = text("qualifier").lower()
    if qualifier and qualifier not in HEDGES:
        raise fail("qualifier", f"{qualifier!r} is not one of {', '.join(sorted(HEDGES))}")
    out["qualifier"] = qualifier
    direction = re.sub(r"[\s\-]+", "", text("direction").lower())
    if direction and direction not in DIRECTIONS:
        raise fail("direction", f"{direction!r} is not one of {', '.join(DIRECTIONS)}")
    out["direction"] = direction
    measure = text("measure").lower() or "coast"
    if measure not in _MEASURES:
        raise fail("measure", f"{measure!r} is not one of {', '.join(_MEASURES)}")
    out["measure"] = measure
    out["subject_point"] = text("subject_point")
    out["reference_point"] = text("reference_point")
    if measure == "point" and not (out["subject_point"] or out["reference_point"]):
        raise fail("measure", "'point' needs subject_point and/or reference_point")
    if "tolerance_km" in entry:
        tol = entry["tolerance_km"]
        if isinstance(tol, bool) or not isinstance(tol, int | float) or tol < 0:
            raise fail("tolerance_km", f"must be a number >= 0, got {tol!r}")
        out["tolerance_km"] = float(tol)
    return out


def _state(name: str, fail, fld: str) -> str:
    code = STATES.get(name.strip().lower())
    if code is None:
        raise fail(fld, f"unknown state {name!r}; use a name or ISO3 code such as Japan/JPN")
    return code


# -------------------------------------------------------------------- checking


def tolerance_km(stated_km: float, qualifier: str = "", unit: str = "km") -> tuple[float, str]:
    """Return the tolerance for a stated distance and the rule that gave it.

    Parameters
    ----------
    stated_km : float
        The stated distance in km.
    qualifier : str
        "about", "some", ... or "" for a plain figure.
    unit : str
        The unit the figure was stated in; rounding is judged in that unit.

    Returns
    -------
    tolerance : float
        Kilometres.
    rule : str
        The rule in words.

    Examples
    --------
    >>> round(tolerance_km(111)[0], 2)
    5.75
    >>> round(tolerance_km(170, "about")[0], 2)
    17.2
    """
    figure = stated_km / UNITS[unit]
    # Trailing zeros are ambiguous ("100 km" may mean 100 +- 50 or +- 5): count
    # a round figure as rounded to no more than a tenth of itself.
    step = min(_rounding_step(figure), figure / 10)
    rounding = step / 2 * UNITS[unit]
    share = 0.10 if qualifier else 0.05
    tol = max(rounding, share * stated_km) + DATA_UNCERTAINTY_KM
    rule = (
        f"max(rounding ±{rounding:g} km, {share:.0%} of stated {'hedged' if qualifier else 'plain'}"
        f" figure) + {DATA_UNCERTAINTY_KM:g} km data uncertainty = ±{tol:.2f} km"
    )
    return tol, rule


def _rounding_step(figure: float) -> float:
    if figure != int(figure):
        decimals = len(repr(figure).split(".")[1])
        return 10.0**-decimals
    n = int(figure)
    step = 1
    while n and n % 10 == 0 and n // 10:
        n //= 10
        step *= 10
    return float(step)


def check_claims(claims: Iterable[Claim], cross_check: bool = True) -> list[Verdict]:
    """Check claims; see :func:`check_claim`."""
    return [check_claim(c, cross_check=cross_check) for c in claims]


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

    Examples
    --------
    >>> _, [c] = parse_claims('''
    ... [[claim]]
    ... subject = "Taiwan"
    ... reference = "Yonaguni"
    ... distance = 111
    ... direction = "west"
    ... ''')
    >>> check_claim(c).status  # doctest: +SKIP
    'holds'
    """
    if claim.unresolved:
        return Verdict(
            claim,
            "cannot be checked",
            f"places not in the gazetteer: {', '.join(claim.unresolved)}",
        )
    try:
        if claim.kind == "distance":
            return _check_distance(claim, cross_check)
        return _check_status(claim)
    except UnknownPlaceError as exc:
        return Verdict(claim, "cannot be checked", str(exc))


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
    status = "does not hold" if problems else "holds"
    reason = "; ".join(problems) if problems else facts
    return Verdict(
        claim,
        status,
        reason,
        subject_id=fid,
        details={"admin": admin, "claimants": claimants, "facts": facts},
    )


def _geometry(fid: str, source: str) -> shapely.Geometry:
    return features(source).loc[fid, "geometry"]


def _measure(a: shapely.Geometry, b: shapely.Geometry):
    sep = shortest_line(a, b)
    return sep.distance_m / 1000, sep


def _centroid(fid: str) -> shapely.Geometry:
    geom = _geometry(fid, "osm")
    # A planar centroid in degrees is fine as a *reading* of "the middle of
    # Taiwan"; the distance from it is still geodesic.
    return geom if geom.geom_type == "Point" else shapely.centroid(geom)


def _check_distance(claim: Claim, cross_check: bool) -> Verdict:
    subj, ref = resolve(claim.subject), resolve(claim.reference)
    sub_pt = resolve(claim.subject_point) if claim.subject_point else ""
    ref_pt = resolve(claim.reference_point) if claim.reference_point else ""
    stated = float(claim.distance_km)
    if claim.tolerance_km is not None:
        tol, rule = claim.tolerance_km, f"tolerance ±{claim.tolerance_km:g} km set by the claim"
    else:
        tol, rule = tolerance_km(stated, claim.qualifier, claim.unit)

    def geoms(source: str) -> tuple[shapely.Geometry, shapely.Geometry]:
        if claim.measure == "centroid":
            return _centroid(subj), _centroid(ref)
        a = _geometry(sub_pt, "osm") if sub_pt else _geometry(subj, source)
        b = _geometry(ref_pt, "osm") if ref_pt else _geometry(ref, source)
        return a, b

    # Measured from the reference to the subject: "X lies west of Y" is the
    # azimuth at Y towards X.
    a, b = geoms("osm")
    km, sep = _measure(b, a)
    ref_xy, sub_xy = sep.point_a, sep.point_b
    azimuth = sep.azimuth_deg
    diff = km - stated
    distance_ok = abs(diff) <= tol
    direction_ok = None
    if claim.direction:
        off = (azimuth - DIRECTIONS[claim.direction] + 180) % 360 - 180
        direction_ok = abs(off) <= _SECTOR_DEG
    ok = distance_ok and direction_ok is not False

    readings = _readings(claim, subj, ref)
    best = min(readings, key=lambda r: abs(r.distance_km - stated)) if readings else None

    cross_km = spread = None
    flips = False
    if cross_check and claim.measure == "coast" and not (sub_pt and ref_pt):
        ga, gb = geoms("gshhg")
        cross_km, _ = _measure(gb, ga)
        spread = abs(cross_km - km)
        flips = (abs(cross_km - stated) <= tol) != distance_ok

    c8, c16 = compass(azimuth, 8), compass(azimuth, 16)
    parts = [
        f"measured {km:.1f} km vs stated {stated:.1f} km "
        f"({diff:+.1f} km, {diff / stated:+.1%}); tolerance ±{tol:.2f} km: "
        + ("within" if distance_ok else "outside")
    ]
    if claim.direction:
        parts.append(
            f"bearing from {claim.reference} {azimuth:.0f}° ({c16}), stated {claim.direction}: "
            + ("within" if direction_ok else "outside")
            + f" its ±{_SECTOR_DEG:g}° sector"
        )
    if flips:
        parts.append(f"the verdict flips on the GSHHG coastline ({cross_km:.1f} km)")
    names = features()["name"]
    parts.append(f"subject taken as {names[subj]}, reference as {names[ref]}")
    return Verdict(
        claim,
        "holds" if ok else "does not hold",
        "; ".join(parts),
        subject_id=subj,
        reference_id=ref,
        measured_km=km,
        stated_km=stated,
        difference_km=diff,
        difference_pct=100 * diff / stated,
        tolerance_km=tol,
        rule=rule,
        subject_point=sub_xy,
        reference_point=ref_xy,
        subject_point_label=_label_point(sub_xy, subj),
        reference_point_label=_label_point(ref_xy, ref),
        azimuth_deg=azimuth,
        compass8=c8,
        compass16=c16,
        direction_ok=direction_ok,
        distance_ok=distance_ok,
        readings=tuple(readings),
        best_reading=best.name if best else "",
        cross_check_km=cross_km,
        spread_km=spread,
        flips_on_cross_check=flips,
    )


def _readings(claim: Claim, subj: str, ref: str) -> list[Reading]:
    """The distance under other common readings, to see where a figure comes from."""
    frame = features()
    subjects = [subj]
    refs = [ref]
    # "Taiwan" may mean the main island or all the ROC administers.
    for group in (subjects, refs):
        if group[0] in _TAIWAN_READINGS:
            group.extend(t for t in _TAIWAN_READINGS if t != group[0])
    out = []
    for s in subjects:
        for r in refs:
            sa, rb = frame.loc[s, "geometry"], frame.loc[r, "geometry"]
            sn, rn = frame.loc[s, "name"], frame.loc[r, "name"]
            out.append(Reading("nearest coast to nearest coast", _measure(rb, sa)[0], sn, rn))
            out.append(
                Reading(
                    "centroid to nearest coast",
                    _measure(rb, _centroid(s))[0],
                    f"centroid of {sn}",
                    rn,
                )
            )
            out.append(
                Reading(
                    "nearest coast to centroid",
                    _measure(_centroid(r), sa)[0],
                    sn,
                    f"centroid of {rn}",
                )
            )
            out.append(
                Reading(
                    "centroid to centroid",
                    _measure(_centroid(r), _centroid(s))[0],
                    f"centroid of {sn}",
                    f"centroid of {rn}",
                )
            )
    # Named points (ports, capes, bases) on either side.
    pts = frame[frame.kind.isin(list(POINT_KINDS))]
    sub_geom, ref_geom = frame.loc[subj, "geometry"], frame.loc[ref, "geometry"]
    on_subject = pts[shapely.dwithin(pts.geometry.to_numpy(), sub_geom, 0.01)]
    on_reference = pts[shapely.dwithin(pts.geometry.to_numpy(), ref_geom, 0.01)]
    for _, prow in on_subject.iterrows():
        out.append(
            Reading(
                f"{prow['name']} to nearest coast",
                _measure(ref_geom, prow.geometry)[0],
                prow["name"],
                frame.loc[ref, "name"],
            )
        )
        for _, qrow in on_reference.iterrows():
            out.append(
                Reading(
                    f"{prow['name']} to {qrow['name']}",
                    _point_km(prow, qrow),
                    prow["name"],
                    qrow["name"],
                )
            )
    for _, qrow in on_reference.iterrows():
        out.append(
            Reading(
                f"nearest coast to {qrow['name']}",
                _measure(qrow.geometry, sub_geom)[0],
                frame.loc[subj, "name"],
                qrow["name"],
            )
        )
    return out


def _point_km(p, q) -> float:
    return float(inverse(p["lon"], p["lat"], q["lon"], q["lat"])[0]) / 1000


def _label_point(xy: tuple[float, float], fid: str) -> str:
    """Name a point by the nearest named point feature, e.g. 'coast near Su'ao'."""
    frame = features()
    name = frame.loc[fid, "name"]
    pts = frame[frame.kind.isin(list(POINT_KINDS))]
    if len(pts):
        d = inverse(
            np.full(len(pts), xy[0]),
            np.full(len(pts), xy[1]),
            pts.lon.to_numpy(),
            pts.lat.to_numpy(),
        )[0]
        i = int(np.argmin(d))
        km = d[i] / 1000
        near = pts.iloc[i]["name"]
        if km <= 2:
            return f"{near} ({name})"
        if km <= 30:
            return f"coast of {name} {km:.0f} km from {near}"
    return f"coast of {name} at {xy[1]:.4f}°N {xy[0]:.4f}°E"


def as_record(verdict: Verdict) -> dict:
    """Flatten a verdict into plain values for JSON, CSV or a table.

    Parameters
    ----------
    verdict : Verdict

    Returns
    -------
    dict
        Keys: id, kind, status, quote, subject, reference, stated_km,
        measured_km, difference_km, difference_pct, tolerance_km, direction,
        azimuth_deg, compass, direction_ok, subject_point, reference_point,
        cross_check_km, spread_km, best_reading, readings, rule, reason.

    Examples
    --------
    >>> as_record(check_claim(c))["status"]  # doctest: +SKIP
    'holds'
    """
    c = verdict.claim

    def rnd(x: float | None, n: int = 3) -> float | None:
        return None if x is None else round(float(x), n)

    def point(xy: tuple[float, float] | None, label: str) -> dict | None:
        if xy is None:
            return None
        return {"lon": rnd(xy[0], 6), "lat": rnd(xy[1], 6), "label": label}

    return {
        "id": c.id,
        "kind": c.kind,
        "status": verdict.status,
        "quote": c.quote,
        "subject": verdict.subject_id or c.subject or c.place,
        "reference": verdict.reference_id or c.reference,
        "stated_km": rnd(verdict.stated_km),
        "measured_km": rnd(verdict.measured_km),
        "difference_km": rnd(verdict.difference_km),
        "difference_pct": rnd(verdict.difference_pct, 2),
        "tolerance_km": rnd(verdict.tolerance_km),
        "direction": c.direction,
        "azimuth_deg": rnd(verdict.azimuth_deg, 2),
        "compass": verdict.compass16,
        "direction_ok": verdict.direction_ok,
        "subject_point": point(verdict.subject_point, verdict.subject_point_label),
        "reference_point": point(verdict.reference_point, verdict.reference_point_label),
        "cross_check_km": rnd(verdict.cross_check_km),
        "spread_km": rnd(verdict.spread_km),
        "flips_on_cross_check": verdict.flips_on_cross_check,
        "best_reading": verdict.best_reading,
        "readings": [
            {
                "reading": r.name,
                "subject": r.subject,
                "reference": r.reference,
                "km": rnd(r.distance_km),
            }
            for r in verdict.readings
        ],
        "rule": verdict.rule,
        "reason": verdict.reason,
    }
