"""The first island chain: its members, the gaps between them, and who controls what.

The chain's definitions live in ``geo/island_chain.toml`` (members in order,
each a gazetteer id, with the name of each passage and the source of the
definition). A gap's width is the shortest geodesic between the two coasts;
a ship passing through it can keep at most half that width from both.

With a state in control of more territory (the article's scenario: Taiwan
under Chinese control), :func:`passages` says how far from *foreign* land a
ship of that state can keep through each gap, and :func:`nearest_foreign`
how close foreign territory is from given places such as Taiwan's east-coast
ports.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import shapely

from .data import AGGREGATE_KINDS, POINT_KINDS, data_dir, features, land, resolve
from .errors import DataError, InputError, IslandchainError
from .geodesy import HoldsMeasured, Measured, compass, geodesic_area, shortest_line

__all__ = [
    "ChainVariant",
    "Gap",
    "Passage",
    "ForeignDistance",
    "chain_variants",
    "chain_gaps",
    "passages",
    "nearest_foreign",
]


@dataclass(frozen=True)
class ChainVariant:
    """One published definition of the chain."""

    id: str
    name: str
    source: str
    members: tuple[str, ...]
    gap_names: tuple[str, ...]


@dataclass(frozen=True)
class Gap(HoldsMeasured):
    """The passage between two consecutive members of the chain.

    Attributes
    ----------
    name : str
        The strait's or channel's name.
    measured : Measured
        The narrowest crossing: the shortest geodesic between the two coasts,
        from ``point_a`` on the first member to ``point_b`` on the second;
        its names are the members' gazetteer ids, in chain order (the chain
        runs north-east to south-west).
    half_width_km : float
        The greatest distance a ship can keep from both coasts while passing.
    admin_a, admin_b : tuple of str
        Administering states of each side.
    land_between : int
        Islands of 1 km² or more (not part of either side) within a tenth of
        the width of the narrowest crossing: when not zero, a ship on that
        crossing passes nearer land than ``half_width_km`` says.
    """

    name: str
    measured: Measured
    half_width_km: float
    admin_a: tuple[str, ...]
    admin_b: tuple[str, ...]
    land_between: int

    @property
    def a(self) -> str:
        """Gazetteer id of the member on the first side."""
        return self.measured.name_a

    @property
    def b(self) -> str:
        """Gazetteer id of the member on the second side."""
        return self.measured.name_b

    @property
    def width_km(self) -> float:
        """Shortest geodesic between the two coasts, km."""
        return self.measured.distance_km


@cache
def chain_variants() -> dict[str, ChainVariant]:
    """The chain's definitions from ``geo/island_chain.toml``.

    Returns
    -------
    dict of str to ChainVariant
        By variant id, ``"core"`` first.

    Examples
    --------
    >>> chain_variants()["core"].members[:3]
    ('kyushu', 'osumi_islands', 'tokara')
    """
    path = data_dir() / "island_chain.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the island chain ({exc})") from None
    out = {}
    known = set(features().index)
    for v in doc.get("variant", []):
        members, gaps = tuple(v["members"]), tuple(v["gaps"])
        missing = [m for m in members if m not in known]
        if missing:
            raise DataError(f"{path}: variant {v['id']!r} names unknown features {missing}")
        if len(gaps) != len(members) - 1:
            raise DataError(
                f"{path}: variant {v['id']!r} has {len(members)} members "
                f"but {len(gaps)} gap names (need one fewer)"
            )
        out[v["id"]] = ChainVariant(v["id"], v["name"], v["source"].strip(), members, gaps)
    return out


def _variant(variant: str) -> ChainVariant:
    variants = chain_variants()
    if variant not in variants:
        raise IslandchainError(
            f"unknown island-chain variant {variant!r}; known: {', '.join(variants)}"
        )
    return variants[variant]


@cache
def chain_gaps(variant: str = "core", source: str = "osm") -> tuple[Gap, ...]:
    """Measure every gap of the chain.

    Parameters
    ----------
    variant : str
        A variant id from :func:`chain_variants`.
    source : {"osm", "gshhg"}
        The coastline to measure on.

    Returns
    -------
    tuple of Gap
        In chain order.

    Examples
    --------
    >>> gap = {g.name: g for g in chain_gaps()}["Miyako Strait"]
    >>> 200 < gap.width_km < 300
    True
    """
    v = _variant(variant)
    frame = features(source)
    polys = land(source).geometry.to_numpy()
    tree = shapely.STRtree(polys)
    out = []
    for name, a, b in zip(v.gap_names, v.members[:-1], v.members[1:], strict=True):
        ga, gb = frame.loc[a, "geometry"], frame.loc[b, "geometry"]
        sep = shortest_line(ga, gb)
        # Islands on the crossing: land of 1 km2 or more, touching neither
        # side, within a tenth of the width of the narrowest crossing.
        line = sep.geodesic(max_segment_m=1_000)
        band = line.buffer(max(shapely.length(line) * 0.1, 1e-4))
        hits = polys[tree.query(band, predicate="intersects")]
        hits = hits[~(shapely.intersects(hits, ga) | shapely.intersects(hits, gb))]
        between = [h for h in hits if geodesic_area(h) >= 1e6]
        out.append(
            Gap(
                name=name,
                measured=replace(sep, name_a=a, name_b=b),
                half_width_km=sep.distance_km / 2,
                admin_a=tuple(frame.loc[a, "admin"]),
                admin_b=tuple(frame.loc[b, "admin"]),
                land_between=int(len(between)),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Passage:
    """How far from foreign land a state's ship can keep through one gap."""

    gap: Gap
    sides_controlled: int
    keep_km: float
    open: bool
    note: str


def passages(
    controller: Iterable[str] = ("CHN", "TWN"),
    min_distance_km: float = 12 * 1.852,
    variant: str = "core",
) -> list[Passage]:
    """Which gaps a state can pass while keeping a given distance from foreign land.

    Parameters
    ----------
    controller : iterable of str
        The states whose land counts as the ship's own (ISO3 codes). The
        default is the article's scenario: China with Taiwan under its control.
    min_distance_km : float
        The distance to keep from foreign land (12 nmi: outside territorial
        seas; 24 nmi: outside contiguous zones; 200 nmi: outside EEZs).
    variant : str
        The chain's definition.

    Returns
    -------
    list of Passage
        ``keep_km`` is the width when one side is the controller's (the ship
        can hug its own coast), half the width when neither is, and infinite
        when both are. ``open`` when ``keep_km >= min_distance_km``.

    Examples
    --------
    >>> p = {x.gap.name: x for x in passages()}["Yonaguni–Taiwan gap"]
    >>> p.sides_controlled, p.open
    (1, True)
    """
    own = {c.upper() for c in controller}
    out = []
    for gap in chain_gaps(variant):
        sides = int(bool(set(gap.admin_a) & own)) + int(bool(set(gap.admin_b) & own))
        # A side shared with a foreign state (Borneo) still has foreign coast.
        foreign_a = bool(set(gap.admin_a) - own)
        foreign_b = bool(set(gap.admin_b) - own)
        if not foreign_a and not foreign_b:
            keep, note = np.inf, "both sides controlled"
        elif foreign_a and foreign_b:
            keep, note = gap.half_width_km, "foreign land on both sides: mid-channel"
        else:
            keep, note = gap.width_km, "along the controlled coast"
        if gap.land_between:
            note += f"; {gap.land_between} other islands lie in the gap"
        out.append(Passage(gap, sides, float(keep), bool(keep >= min_distance_km), note))
    return out


@dataclass(frozen=True)
class ForeignDistance(HoldsMeasured):
    """The nearest foreign territory from a place.

    Attributes
    ----------
    place, nearest : str
        English names of the place and of the nearest foreign land.
    state : str
        Its administering states, joined by ``|``.
    measured : Measured
        The shortest geodesic from the place (``point_a``) to that land
        (``point_b``), named by the two names.
    compass : str
        The azimuth on the 16-point rose.
    """

    place: str
    nearest: str
    state: str
    measured: Measured
    compass: str

    @property
    def point_from(self) -> tuple[float, float]:
        """``(lon, lat)`` on the place."""
        return self.measured.point_a

    @property
    def point_to(self) -> tuple[float, float]:
        """``(lon, lat)`` on the nearest foreign land."""
        return self.measured.point_b


def nearest_foreign(
    places: Sequence[str] = ("keelung", "suao", "hualien"),
    controller: Iterable[str] = ("CHN", "TWN"),
) -> list[ForeignDistance]:
    """How close the nearest land of another state is from each place.

    Parameters
    ----------
    places : sequence of str
        Gazetteer names (ports, capes, islands).
    controller : iterable of str
        States whose land is not foreign.

    Returns
    -------
    list of ForeignDistance
        One per place, measured as exact geodesics to every foreign island
        and island group in the gazetteer.

    Examples
    --------
    >>> [f.nearest for f in nearest_foreign(["Su'ao"])]
    ['Yonaguni Island']
    """
    own = {c.upper() for c in controller}
    frame = features()
    # Single islands, so the answer names Yonaguni rather than "Yaeyama Islands".
    foreign = frame[~frame.kind.isin([*POINT_KINDS, *AGGREGATE_KINDS, "region", "island_group"])]
    foreign = foreign[[not (set(a) & own) for a in foreign.admin]]
    if foreign.empty:
        raise InputError(
            f"controller {', '.join(sorted(own))}: no land of another state is left in the "
            "gazetteer; name fewer controlling states"
        )
    out = []
    for name in places:
        fid = resolve(name)
        geom = frame.loc[fid, "geometry"]
        # The first of the nearest, in the gazetteer's order.
        oid, sep = min(
            ((oid, shortest_line(geom, row.geometry)) for oid, row in foreign.iterrows()),
            key=lambda found: found[1].distance_m,
        )
        out.append(
            ForeignDistance(
                place=str(frame.loc[fid, "name"]),
                nearest=str(foreign.loc[oid, "name"]),
                state="|".join(foreign.loc[oid, "admin"]),
                measured=replace(
                    sep, name_a=str(frame.loc[fid, "name"]), name_b=str(foreign.loc[oid, "name"])
                ),
                compass=compass(sep.azimuth_deg, 16),
            )
        )
    return out
