"""Measuring a distance claim: how two places relate, and the distance under each reading.

The steps a distance verdict is built from, each a function:

1. :func:`relation`: do the places lie apart, or is one within the other
   (Iriomote in the Yaeyama Islands), or do they overlap?
2. :func:`measure`: the default reading of the claim (nearest coast to
   nearest coast, or centroids, or named points), with the two points that
   realise it and the azimuth at the reference towards the subject;
3. :func:`readings`: the same distance under the other readings a writer may
   have meant: the group's main island, Taiwan as the main island or as all
   the ROC administers, a place named in the sentence, the centroids, the
   rest of a group a part lies in, and the ports and capes on either side.

Every geometry is read once and every pair of geometries measured once per
process (cached), so a file that repeats a pair measures it once.

>>> relation("iriomote", "yaeyama")
<Relation.SUBJECT_WITHIN: 'subject within reference'>
>>> r = measure("taiwan", "yonaguni")
>>> round(r.distance_km, 1), r.kind.value
(107.5, 'coast')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely

from .data import POINT_KINDS, features, name_table
from .geodesy import Measured, Separation, inverse, shortest_line
from .vocabulary import Measure

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "Reading",
    "ReadingKind",
    "Relation",
    "clear_cache",
    "main_island",
    "measure",
    "named_in",
    "readings",
    "relation",
]

_TAIWAN_READINGS = ("taiwan", "roc_territory")
_GROUP_KINDS = ("island_group", "region")
_ISLAND_KINDS = ("island", "islet")
_ROCK_DEG2 = 1e-5


class Relation(StrEnum):
    """How a claim's two places lie to each other."""

    APART = "apart"
    SUBJECT_WITHIN = "subject within reference"
    REFERENCE_WITHIN = "reference within subject"
    OVERLAP = "overlap"
    SAME = "same place"

    @property
    def touching(self) -> bool:
        """True when the places share land, so the coast-to-coast distance is 0."""
        return self is not Relation.APART


class ReadingKind(StrEnum):
    """What a reading measures; the order is the order of preference."""

    COAST = "coast"
    MAIN_ISLAND = "main island"
    TERRITORY = "territory"
    NAMED_PLACE = "named in the sentence"
    REST_OF_GROUP = "rest of the group"
    GROUP_CENTROID = "centroid of a group"
    CENTROID = "centroid"
    POINT = "named point"
    WIDTH = "width"


#: The readings that can make a claim "hold on another reading".
STANDARD_KINDS = frozenset(
    {
        ReadingKind.MAIN_ISLAND,
        ReadingKind.TERRITORY,
        ReadingKind.NAMED_PLACE,
        ReadingKind.REST_OF_GROUP,
        ReadingKind.GROUP_CENTROID,
    }
)


@dataclass(frozen=True, kw_only=True)
class Reading:
    """A distance between two places under one reading, with what was measured.

    Attributes
    ----------
    name : str
        The reading in words: "nearest coast to nearest coast", "centroid to centroid".
    measured : Measured
        The two points that realise the distance, measured from the
        reference (``point_a``, named by :attr:`reference`) to the subject
        (``point_b``, named by :attr:`subject`): what was measured to and
        from, in words ("Uotsuri Island"), the geodesic distance on WGS84 and
        the azimuth at the reference point towards the subject point.
    kind : ReadingKind
    description : str
        How the distance was taken, for a sentence ("from Uotsuri Island,
        the main island of the Senkaku Islands").
    subject_geometry, reference_geometry : shapely.Geometry or None
        The geometries measured between (a coast, a point, a centroid), so
        that a map draws them without deciding anything.
    """

    name: str
    measured: Measured
    kind: ReadingKind = ReadingKind.COAST
    description: str = ""
    subject_geometry: shapely.Geometry | None = None
    reference_geometry: shapely.Geometry | None = None

    @property
    def distance_km(self) -> float:
        """The geodesic distance on WGS84, km."""
        return self.measured.distance_km

    @property
    def subject(self) -> str:
        """What was measured to, in words."""
        return self.measured.name_b

    @property
    def reference(self) -> str:
        """What was measured from, in words."""
        return self.measured.name_a

    @property
    def subject_point(self) -> tuple[float, float]:
        """``(lon, lat)`` of the point on the subject."""
        return self.measured.point_b

    @property
    def reference_point(self) -> tuple[float, float]:
        """``(lon, lat)`` of the point on the reference."""
        return self.measured.point_a

    @property
    def azimuth_deg(self) -> float | None:
        """At the reference point towards the subject point; None when the places touch."""
        return self.measured.bearing

    @property
    def standard(self) -> bool:
        """True for a reading that can make a claim hold on another reading."""
        return self.kind in STANDARD_KINDS

    @property
    def line(self) -> shapely.LineString:
        """The geodesic between the two points, densified for drawing."""
        return self.measured.geodesic(max_segment_m=2_000)


# ------------------------------------------------------------- geometries


@cache
def names() -> dict[str, str]:
    """Feature id -> English name (cached: a lookup per reading must be cheap)."""
    return {str(k): str(v) for k, v in features()["name"].items()}


def _name(fid: str) -> str:
    return names()[fid]


@lru_cache(maxsize=4096)
def _geometry(key: tuple[str, ...], source: str = "osm") -> shapely.Geometry:
    """A geometry named by a key: ("feature", id), ("centroid", id), ("main", group), ("rest", group, part)."""  # noqa: E501
    what = key[0]
    if what == "feature":
        frame = features(source) if _is_land(key[1]) else features("osm")
        return frame.loc[key[1], "geometry"]
    if what == "centroid":
        geom = _geometry(("feature", key[1]))
        # A planar centroid in degrees is fine as a *reading* of "the middle of
        # Taiwan"; the distance from it is still geodesic.
        return geom if shapely.get_type_id(geom) == 0 else shapely.centroid(geom)
    if what == "anchor":
        row = features().loc[key[1]]
        return shapely.Point(float(row["lon"]), float(row["lat"]))
    if what == "rest":
        group, part = _geometry(("feature", key[1]), source), _geometry(("feature", key[2]), source)
        pieces = shapely.get_parts(group)
        # Rocks (under ~0.1 km²) are left out: "the nearest other island".
        keep = pieces[~shapely.intersects(pieces, part) & (shapely.area(pieces) >= _ROCK_DEG2)]
        return shapely.union_all(keep) if len(keep) else shapely.GeometryCollection()
    raise KeyError(key)


def _kind(fid: str) -> str:
    return str(features().loc[fid, "kind"])


def _is_land(fid: str) -> bool:
    return _kind(fid) not in POINT_KINDS


@lru_cache(maxsize=65536)
def _separation(ref: tuple[str, ...], subj: tuple[str, ...], source: str = "osm") -> Separation:
    """The shortest geodesic from the reference's geometry to the subject's."""
    a, b = _geometry(ref, source), _geometry(subj, source)
    if shapely.is_empty(a) or shapely.is_empty(b):
        raise ValueError("empty geometry")
    return shortest_line(a, b)


def clear_cache() -> None:
    """Forget every cached geometry and measure (after the data change)."""
    for fn in (
        _geometry,
        _separation,
        relation,
        main_island,
        _readings,
        _label,
        named_in,
        _landmarks,
        _name_lookup,
        names,
    ):
        fn.cache_clear()


# --------------------------------------------------------------- relation


@lru_cache(maxsize=4096)
def relation(subject: str, reference: str) -> Relation:
    """How two gazetteer features lie to each other.

    A place lies within another when the other covers it, or covers all but
    a thousandth of its area (coastlines built from the same polygons).

    Parameters
    ----------
    subject, reference : str
        Feature ids (see :func:`islandchain.data.resolve`).

    Returns
    -------
    Relation

    Examples
    --------
    >>> relation("uotsuri", "senkaku").value, relation("taiwan", "yonaguni").value
    ('subject within reference', 'apart')
    >>> relation("senkaku", "uotsuri").value
    'reference within subject'
    """
    if subject == reference:
        return Relation.SAME
    a, b = _geometry(("feature", subject)), _geometry(("feature", reference))
    if not shapely.intersects(a, b):
        return Relation.APART
    if _within(a, b) and _within(b, a):
        return Relation.SAME
    if _within(a, b):
        return Relation.SUBJECT_WITHIN
    if _within(b, a):
        return Relation.REFERENCE_WITHIN
    return Relation.OVERLAP


def _within(a: shapely.Geometry, b: shapely.Geometry) -> bool:
    if shapely.covers(b, a):
        return True
    area = shapely.area(a)
    return bool(area > 0 and shapely.area(shapely.intersection(a, b)) >= 0.999 * area)


@cache
def main_island(group: str) -> str | None:
    """The largest named island of a group (its "main island"), or None.

    Examples
    --------
    >>> main_island("senkaku"), main_island("yaeyama"), main_island("taiwan")
    ('uotsuri', 'iriomote', None)
    """
    frame = features()
    if str(frame.loc[group, "kind"]) not in _GROUP_KINDS:
        return None
    geom = frame.loc[group, "geometry"]
    islands = frame[frame.kind.isin(_ISLAND_KINDS) & (frame.index != group)]
    geoms = islands.geometry.to_numpy()
    inside = shapely.covers(geom, geoms) | (
        shapely.area(shapely.intersection(geoms, geom)) >= 0.999 * shapely.area(geoms)
    )
    inside &= shapely.area(geoms) > 0
    if not inside.any():
        return None
    areas = np.where(inside, shapely.area(geoms), -1.0)
    return str(islands.index[int(np.argmax(areas))])


# ----------------------------------------------------------------- labels


@lru_cache(maxsize=65536)
def _label(xy: tuple[float, float], fid: str) -> str:
    """Name a point by the nearest named point feature, e.g. 'coast near Su'ao'."""
    frame = features()
    name = frame.loc[fid, "name"]
    pts = _landmarks()
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


def point_label(xy: tuple[float, float] | None, fid: str) -> str:
    """A point in words: the named point it lies at, or the coast near one."""
    return "" if xy is None or not fid else _label((float(xy[0]), float(xy[1])), fid)


# --------------------------------------------------------------- readings


def _reading(
    ref: tuple[str, ...],
    subj: tuple[str, ...],
    name: str,
    kind: ReadingKind,
    subject: str,
    reference: str,
    description: str = "",
    source: str = "osm",
) -> Reading:
    return Reading(
        name=name,
        measured=replace(_separation(ref, subj, source), name_a=reference, name_b=subject),
        kind=kind,
        description=description or name,
        subject_geometry=_geometry(subj, source),
        reference_geometry=_geometry(ref, source),
    )


def measure(
    subject: str,
    reference: str,
    how: Measure | str = Measure.COAST,
    subject_point: str = "",
    reference_point: str = "",
    source: str = "osm",
) -> Reading:
    """The default reading of a distance claim.

    Parameters
    ----------
    subject, reference : str
        Feature ids; the distance is measured from the reference to the subject.
    how : Measure
        ``coast`` (nearest coast to nearest coast), ``centroid`` or ``point``.
    subject_point, reference_point : str
        Feature ids of named points that replace either side.
    source : {"osm", "gshhg"}
        The coastline measured on.

    Returns
    -------
    Reading
        With the two points and the azimuth (None when the places touch).

    Examples
    --------
    >>> r = measure("iriomote", "yaeyama")
    >>> r.distance_km, r.azimuth_deg
    (0.0, None)
    """
    how = Measure(how)
    if how is Measure.CENTROID:
        return _reading(
            ("centroid", reference),
            ("centroid", subject),
            "centroid to centroid",
            ReadingKind.CENTROID,
            f"centroid of {_name(subject)}",
            f"centroid of {_name(reference)}",
        )
    subj = ("feature", subject_point or subject)
    ref = ("feature", reference_point or reference)
    return _reading(
        ref,
        subj,
        "nearest coast to nearest coast"
        if not (subject_point or reference_point)
        else f"{_name(subj[1])} to {_name(ref[1])}",
        ReadingKind.COAST if how is Measure.COAST else ReadingKind.POINT,
        _name(subj[1]),
        _name(ref[1]),
        source=source,
    )


# Kinds a place named in a sentence may be measured from (not states, provinces, straits).
_NAMED_KINDS = frozenset(
    {"island", "islet", "island_group", "region", "port", "cape", "base", "city", "airport"}
)
# Named points that label coasts and give informative readings: the hand-edited ones.
_LANDMARK_KINDS = ("port", "cape", "base")


@cache
def _name_lookup() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    """Latin names (as written) -> ids, hand-edited first; and (CJK name, id) pairs."""
    latin: dict[str, list[str]] = {}
    cjk: dict[tuple[str, str], None] = {}
    for name, fid, kind in name_table():
        if kind not in _NAMED_KINDS or len(name) < 2:
            continue
        if name.isascii():
            if len(name) >= 3:
                ids = latin.setdefault(name, [])
                if fid not in ids:
                    ids.append(fid)
        else:
            cjk[(name, fid)] = None
    return {k: tuple(v) for k, v in latin.items()}, tuple(cjk)


_WORD = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=4096)
def named_in(text: str) -> tuple[str, ...]:
    """Ids of the gazetteer places named in a text (a claim's quote), in order.

    Latin names match as written (proper nouns, up to five words); names in
    Japanese or Chinese match anywhere in the text. A name several places
    share gives the hand-edited place.

    >>> named_in("Yonaguni lies 111 km east of Su'ao, Taiwan")
    ('yonaguni', 'suao', 'taiwan')
    """
    if not text:
        return ()
    latin, cjk = _name_lookup()
    words = [w.strip(".-'’") for w in _WORD.findall(text)]
    found: dict[str, None] = {}
    i = 0
    while i < len(words):
        for n in range(min(5, len(words) - i), 0, -1):
            ids = latin.get(" ".join(words[i : i + n]))
            if ids:
                found[ids[0]] = None
                i += n - 1
                break
        i += 1
    if not text.isascii():
        for name, fid in cjk:
            if name in text:
                found[fid] = None
    return tuple(found)


def readings(subject: str, reference: str, quote: str = "") -> tuple[Reading, ...]:
    """The distance between two places under every reading, standard ones first.

    Parameters
    ----------
    subject, reference : str
        Feature ids.
    quote : str
        The sentence; places named in it that lie on either side (a port, a
        capital) give readings of their own.

    Returns
    -------
    tuple of Reading

    Examples
    --------
    >>> r = [r for r in readings("senkaku", "okinawa") if r.kind == "main island"][0]
    >>> r.subject, round(r.distance_km, 1)
    ('Uotsuri Island', 417.0)
    """
    named = tuple(f for f in named_in(quote) if f not in (subject, reference))
    return _readings(subject, reference, named)


@lru_cache(maxsize=4096)
def _readings(subject: str, reference: str, named: tuple[str, ...]) -> tuple[Reading, ...]:
    """Every reading, in order: the rest of a group, main islands, Taiwan, named places,
    centroids, named points."""
    rel = relation(subject, reference)
    out = _rest_of_group_readings(subject, reference, rel)
    if not rel.touching:
        out += _main_island_readings(subject, reference)
    out += _territory_readings(subject, reference)
    out += _named_place_readings(subject, reference, named)
    out += _centroid_readings(subject, reference, rel)
    if not rel.touching:  # named points (ports, capes, bases) on either side
        out += _point_readings(subject, reference)
    return tuple(out)


def _rest_of_group_readings(subject: str, reference: str, rel: Relation) -> list[Reading]:
    """Parts and groups: the part to the rest of its group."""
    if rel not in (Relation.SUBJECT_WITHIN, Relation.REFERENCE_WITHIN):
        return []
    part, group = (subject, reference) if rel is Relation.SUBJECT_WITHIN else (reference, subject)
    rest = ("rest", group, part)
    if shapely.is_empty(_geometry(rest)):
        return []
    pn, gn = _name(part), _name(group)
    S, R = ("feature", subject), ("feature", reference)
    ref, subj = (rest, S) if part == subject else (R, rest)
    return [
        _reading(
            ref,
            subj,
            f"{pn} to the rest of {gn}",
            ReadingKind.REST_OF_GROUP,
            pn if part == subject else f"the rest of {gn}",
            f"the rest of {gn}" if part == subject else pn,
            f"from {pn} to the nearest other island of {gn}",
        )
    ]


def _main_island_readings(subject: str, reference: str) -> list[Reading]:
    """The main island of a group, on either side, and between the two main islands."""
    out = []
    sn, rn = _name(subject), _name(reference)
    S, R = ("feature", subject), ("feature", reference)
    ms, mr = main_island(subject), main_island(reference)
    if ms:
        out.append(
            _reading(
                R,
                ("feature", ms),
                f"{_name(ms)} to nearest coast",
                ReadingKind.MAIN_ISLAND,
                _name(ms),
                rn,
                f"to {_name(ms)}, the main island of the {sn}",
            )
        )
    if mr:
        out.append(
            _reading(
                ("feature", mr),
                S,
                f"nearest coast to {_name(mr)}",
                ReadingKind.MAIN_ISLAND,
                sn,
                _name(mr),
                f"from {_name(mr)}, the main island of the {rn}",
            )
        )
    if ms and mr:
        out.append(
            _reading(
                ("feature", mr),
                ("feature", ms),
                f"{_name(ms)} to {_name(mr)}",
                ReadingKind.MAIN_ISLAND,
                _name(ms),
                _name(mr),
                f"between the main islands, {_name(ms)} and {_name(mr)}",
            )
        )
    return out


def _territory_readings(subject: str, reference: str) -> list[Reading]:
    """ "Taiwan" as the main island or as all the ROC administers."""
    out = []
    S, R = ("feature", subject), ("feature", reference)
    for side, fid in (("subject", subject), ("reference", reference)):
        if fid not in _TAIWAN_READINGS:
            continue
        other = next(t for t in _TAIWAN_READINGS if t != fid)
        if other in (subject, reference) or other == main_island(fid):
            continue  # the main-island reading is the same
        s2, r2 = (("feature", other), R) if side == "subject" else (S, ("feature", other))
        if relation(s2[1], r2[1]).touching:
            continue
        out.append(
            _between(r2, s2, ReadingKind.TERRITORY, f"with '{_name(fid)}' read as {_name(other)}")
        )
    return out


def _between(
    ref: tuple[str, ...], subj: tuple[str, ...], kind: ReadingKind, description: str
) -> Reading:
    """A reading between two named places, named after them ("Pengjia Islet to Yonaguni")."""
    sn, rn = _name(subj[1]), _name(ref[1])
    return _reading(ref, subj, f"{sn} to {rn}", kind, sn, rn, description)


def _named_place_readings(subject: str, reference: str, named: tuple[str, ...]) -> list[Reading]:
    """Places named in the sentence that lie on either side (a port, a capital: a
    region such as Taipei is measured from its anchor point, the city)."""
    out = []
    S, R = ("feature", subject), ("feature", reference)
    for fid in named:
        key = ("anchor", fid) if _kind(fid) == "region" else ("feature", fid)
        for side, whole in (("subject", subject), ("reference", reference)):
            if not _within(_geometry(key), _geometry(("feature", whole))):
                continue
            s2, r2 = (key, R) if side == "subject" else (S, key)
            if shapely.intersects(_geometry(s2), _geometry(r2)):
                continue
            how = f"{'to' if side == 'subject' else 'from'} {_name(fid)}, named in the sentence"
            out.append(_between(r2, s2, ReadingKind.NAMED_PLACE, how))
    return out


def _centroid_readings(subject: str, reference: str, rel: Relation) -> list[Reading]:
    """Centroids: a standard reading for a group or region ("the Senkakus"), only
    informative for one island."""
    out = []
    sn, rn = _name(subject), _name(reference)
    S, R = ("feature", subject), ("feature", reference)
    cs, cr = ("centroid", subject), ("centroid", reference)
    gs, gr = _kind(subject) in _GROUP_KINDS, _kind(reference) in _GROUP_KINDS

    def centroid_kind(group: bool) -> ReadingKind:
        return ReadingKind.GROUP_CENTROID if group else ReadingKind.CENTROID

    if not rel.touching:
        out.append(
            _reading(
                R,
                cs,
                "centroid to nearest coast",
                centroid_kind(gs),
                f"centroid of {sn}",
                rn,
                f"to the centroid of {sn}",
            )
        )
        out.append(
            _reading(
                cr,
                S,
                "nearest coast to centroid",
                centroid_kind(gr),
                sn,
                f"centroid of {rn}",
                f"from the centroid of {rn}",
            )
        )
    if _geometry(cs) != _geometry(cr):
        out.append(
            _reading(
                cr,
                cs,
                "centroid to centroid",
                centroid_kind(gs or gr),
                f"centroid of {sn}",
                f"centroid of {rn}",
                "between the centroids",
            )
        )
    return out


@cache
def _landmarks() -> gpd.GeoDataFrame:
    """The hand-edited ports, capes and bases (not every city and airfield)."""
    frame = features()
    keep = frame.kind.isin(_LANDMARK_KINDS)
    if "origin" in frame.columns:
        keep &= frame.origin.fillna("gazetteer.csv").eq("gazetteer.csv")
    return frame[keep]


def _points_on(fid: str) -> list[str]:
    pts = _landmarks()
    pts = pts[pts.index != fid]
    geom = _geometry(("feature", fid))
    near = shapely.dwithin(pts.geometry.to_numpy(), geom, 0.01)
    return [str(p) for p in pts.index[near]]


def _point_readings(subject: str, reference: str) -> list[Reading]:
    out = []
    S, R = ("feature", subject), ("feature", reference)
    on_subject, on_reference = _points_on(subject), _points_on(reference)
    for p in on_subject:
        P = ("feature", p)
        out.append(
            _reading(
                R, P, f"{_name(p)} to nearest coast", ReadingKind.POINT, _name(p), _name(reference)
            )
        )
        for q in on_reference:
            out.append(
                _reading(
                    ("feature", q),
                    P,
                    f"{_name(p)} to {_name(q)}",
                    ReadingKind.POINT,
                    _name(p),
                    _name(q),
                )
            )
    for q in on_reference:
        out.append(
            _reading(
                ("feature", q),
                S,
                f"nearest coast to {_name(q)}",
                ReadingKind.POINT,
                _name(subject),
                _name(q),
            )
        )
    return out
