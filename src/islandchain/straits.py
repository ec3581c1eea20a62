"""Straits and channels: their shores, their names, and their widths.

A strait is a gazetteer feature of kind ``"strait"`` (its names in English,
Japanese and Chinese, and a label point in its water) described in
``geo/straits.toml`` by its two **shores** — the gazetteer features on either
side — and, where a published definition gives them, its two **ends**.

:func:`strait_width` measures the width as asked:

``"narrowest"``
    the shortest geodesic between the two shores (exact, on WGS84, between the
    full-resolution coastlines). Always measurable.
``"widest"`` and ``"average"``
    measured only where the strait's ends are defined in the data. The
    shores between the two end lines are walked every
    :data:`SAMPLE_SPACING_M` metres; at each point the width is the geodesic
    distance to the nearest point of the other shore (points whose shortest
    line to the other shore crosses their own land, such as Taiwan's east
    coast, are not facing the strait and are left out). "widest" is the
    largest of these widths, "average" their mean. Without defined ends such
    a figure cannot be checked: :class:`~islandchain.errors.UncheckableWidthError`
    says why, and the narrowest crossing is never offered in its place.

The result, :class:`StraitWidth`, carries the distance, the two points, the
shore features they lie on and a sentence saying which crossing was measured.

Examples
--------
>>> w = strait_width("Miyako Strait")
>>> w.at, w.shore_a, w.shore_b
('narrowest', 'okinawa', 'miyako')
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import shapely

from .data import data_dir, features, resolve
from .errors import DataError, InputError, UncheckableWidthError, UnknownPlaceError
from .geodesy import (
    HoldsMeasured,
    Measured,
    aeqd_transformers,
    distance_to,
    shortest_line,
    transform,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SAMPLE_SPACING_M",
    "Strait",
    "StraitWidth",
    "WidthAt",
    "strait",
    "strait_width",
    "straits",
]

#: Spacing of the shore points at which widths are taken for "widest" and "average".
SAMPLE_SPACING_M = 1_000.0
# A shore point whose line across crosses more than this much of its own land
# faces away from the strait.
_OWN_LAND_TOLERANCE_M = 200.0


class WidthAt(StrEnum):
    """Which crossing a width refers to."""

    NARROWEST = "narrowest"
    WIDEST = "widest"
    AVERAGE = "average"


@dataclass(frozen=True)
class Strait:
    """A strait or channel as the data define it.

    Attributes
    ----------
    id, name, name_ja, name_zh : str
        Gazetteer id and published names.
    shores : tuple of two tuples of str
        Gazetteer ids of the land on either side.
    ends : tuple of two (id, id) pairs, or None
        Each end as a feature on shore A and one on shore B; ``None`` when the
        data do not define the strait's ends.
    source, ends_source : str
        Where the shores and the ends come from.
    """

    id: str
    name: str
    name_ja: str
    name_zh: str
    shores: tuple[tuple[str, ...], tuple[str, ...]]
    ends: tuple[tuple[str, str], tuple[str, str]] | None
    source: str
    ends_source: str


@dataclass(frozen=True)
class StraitWidth(HoldsMeasured):
    """A measured width of a strait, with what was measured.

    Attributes
    ----------
    strait : str
        Gazetteer id of the strait.
    name : str
        Its English name.
    at : str
        ``"narrowest"``, ``"widest"`` or ``"average"``.
    measured : Measured
        The crossing: ``point_a`` on shore A, ``point_b`` on shore B (their
        names are the gazetteer ids of the shore features they lie on) and
        the width, metres (geodesic on WGS84). For ``"average"``, the mean
        width, with the measured crossing whose width is nearest the mean.
    crossing : str
        Which crossing was measured, in words.
    samples : int
        How many shore points were measured (0 for the narrowest crossing,
        which is exact over the whole coastline).
    """

    strait: str
    name: str
    at: str
    measured: Measured
    crossing: str
    samples: int

    @property
    def shore_a(self) -> str:
        """Gazetteer id of the shore feature ``point_a`` lies on."""
        return self.measured.name_a

    @property
    def shore_b(self) -> str:
        """Gazetteer id of the shore feature ``point_b`` lies on."""
        return self.measured.name_b


@cache
def _table() -> dict[str, Strait]:
    path = data_dir() / "straits.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the straits ({exc})") from None
    frame = features()
    out: dict[str, Strait] = {}
    for n, entry in enumerate(doc.get("strait", []), start=1):
        where = f"{path}: strait {entry.get('id', n)!r}"
        sid = entry.get("id", "")
        if sid not in frame.index or frame.loc[sid, "kind"] != "strait":
            raise DataError(f"{where}: needs a gazetteer row of kind 'strait' with this id")
        shores = entry.get("shores", [])
        if len(shores) != 2 or not all(shores):
            raise DataError(f"{where}: 'shores' must be two lists of gazetteer ids")
        ends = entry.get("ends")
        if ends is not None and (len(ends) != 2 or any(len(e) != 2 for e in ends)):
            raise DataError(f"{where}: 'ends' must be two [shore A id, shore B id] pairs")
        ids = [i for side in shores for i in side] + [i for e in ends or () for i in e]
        unknown = [i for i in ids if i not in frame.index]
        if unknown:
            raise DataError(f"{where}: unknown gazetteer ids {', '.join(unknown)}")
        row = frame.loc[sid]
        out[sid] = Strait(
            id=sid,
            name=row["name"],
            name_ja=row["name_ja"],
            name_zh=row["name_zh"],
            shores=(tuple(shores[0]), tuple(shores[1])),
            ends=None if ends is None else (tuple(ends[0]), tuple(ends[1])),
            source=" ".join(entry.get("source", "").split()),
            ends_source=" ".join(entry.get("ends_source", "").split()),
        )
    missing = set(frame.index[frame.kind == "strait"]) - set(out)
    if missing:
        raise DataError(f"{path}: no shores for the straits {', '.join(sorted(missing))}")
    return out


def straits() -> list[Strait]:
    """Every strait the data define.

    Returns
    -------
    list of Strait
        In the order of ``geo/straits.toml``.

    Examples
    --------
    >>> [s.id for s in straits()][:2]
    ['taiwan_strait', 'miyako_strait']
    """
    return list(_table().values())


def strait(name: str) -> Strait:
    """The strait a name refers to.

    Parameters
    ----------
    name : str
        Any of its names, in any script (``"Bashi Channel"``, ``"巴士海峽"``).

    Returns
    -------
    Strait

    Raises
    ------
    UnknownPlaceError
        If the name is not known.
    InputError
        If the name is a place that is not a strait.

    Examples
    --------
    >>> strait("台湾海峡").name
    'Taiwan Strait'
    """
    table = _table()
    try:
        fid = resolve(name)
    except UnknownPlaceError as exc:
        # Suggest straits only: a cape or a port is no answer to a misspelt strait.
        names = {s.name.lower(): s.name for s in table.values()}

        def close() -> tuple[str, ...]:
            found = difflib.get_close_matches(name.lower(), list(names), n=4, cutoff=0.3)
            return tuple(names[n] for n in found)

        raise UnknownPlaceError(name, close) from exc.__cause__
    if fid not in table:
        kind = features().loc[fid, "kind"]
        raise InputError(
            f"place {name!r} is a {kind}, not a strait: a width needs a strait "
            f"({', '.join(s.name for s in table.values())})"
        )
    return table[fid]


def _shore(ids: tuple[str, ...], source: str) -> shapely.Geometry:
    frame = features(source)
    return shapely.union_all(frame.loc[list(ids)].geometry.to_numpy())


def _on_which(xy: tuple[float, float], ids: tuple[str, ...], source: str) -> str:
    """The shore feature a point lies on (the nearest one)."""
    if len(ids) == 1:
        return ids[0]
    frame = features(source)
    point = shapely.Point(xy)
    return min(ids, key=lambda i: shapely.distance(frame.loc[i, "geometry"], point))


def _label(frame: pd.DataFrame, fid: str) -> str:
    return str(frame.loc[fid, "name"])


def _where(xy: tuple[float, float]) -> str:
    return f"{xy[1]:.3f}°N {xy[0]:.3f}°E"


def strait_width(name: str, at: str | WidthAt = "narrowest", source: str = "osm") -> StraitWidth:
    """Measure a strait's width between its two shores.

    Parameters
    ----------
    name : str
        The strait, by any of its names.
    at : {"narrowest", "widest", "average"}
        Which width. "narrowest" is always measured; "widest" and "average"
        only where the data define the strait's ends.
    source : {"osm", "gshhg"}
        The coastline measured.

    Returns
    -------
    StraitWidth
        The distance, the two points, the shore features and the crossing.

    Raises
    ------
    UncheckableWidthError
        For "widest" or "average" when the strait's ends are not defined: the
        message says why it cannot be checked.
    InputError
        For an ``at`` that is not one of the three, or a place that is not a
        strait.

    Examples
    --------
    >>> w = strait_width("Bashi Channel")
    >>> w.shore_b, round(w.distance_km) > 50
    ('batanes', True)
    >>> try:
    ...     strait_width("Miyako Strait", at="widest")
    ... except UncheckableWidthError as err:
    ...     print(err.reason.split(";")[0])
    its ends are not defined in the data (geo/straits.toml gives only its two shores)
    """
    try:
        which = WidthAt(at.value if isinstance(at, WidthAt) else str(at).strip().lower())
    except ValueError:
        raise InputError(
            f"width 'at' {at!r}: use one of {', '.join(w.value for w in WidthAt)}"
        ) from None
    s = strait(name)
    if which is WidthAt.NARROWEST:
        return _narrowest(s, source)
    if s.ends is None:
        raise UncheckableWidthError(
            s.name,
            which.value,
            "its ends are not defined in the data (geo/straits.toml gives only its two "
            "shores); only the narrowest crossing can be measured, and it is not a "
            f"{which.value} width",
        )
    return _along(s, which, source)


def _narrowest(s: Strait, source: str) -> StraitWidth:
    frame = features(source)
    sep = shortest_line(_shore(s.shores[0], source), _shore(s.shores[1], source))
    a = _on_which(sep.point_a, s.shores[0], source)
    b = _on_which(sep.point_b, s.shores[1], source)
    return StraitWidth(
        strait=s.id,
        name=s.name,
        at="narrowest",
        measured=Measured(
            point_a=sep.point_a,
            point_b=sep.point_b,
            distance_m=sep.distance_m,
            azimuth_deg=sep.azimuth_deg,
            name_a=a,
            name_b=b,
        ),
        crossing=(
            f"narrowest crossing: the shortest geodesic between the shores, from "
            f"{_label(frame, a)} ({_where(sep.point_a)}) to {_label(frame, b)} "
            f"({_where(sep.point_b)})"
        ),
        samples=0,
    )


def _end_line(pair: tuple[str, str], source: str) -> tuple[np.ndarray, np.ndarray]:
    frame = features(source)
    sep = shortest_line(frame.loc[pair[0], "geometry"], frame.loc[pair[1], "geometry"])
    return np.array(sep.point_a), np.array(sep.point_b)


def _side(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sign of the cross product: which side of the line a->b each point lies."""
    return np.sign((b[0] - a[0]) * (p[:, 1] - a[1]) - (b[1] - a[1]) * (p[:, 0] - a[0]))


@cache
def _crossings(sid: str, source: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Widths every SAMPLE_SPACING_M of both shores between the ends: (width, a, b)."""
    s = _table()[sid]
    assert s.ends is not None
    (n_a, n_b), (s_a, s_b) = (_end_line(e, source) for e in s.ends)
    corners = np.array([n_a, n_b, s_a, s_b])
    lon0, lat0 = corners.mean(axis=0)
    fwd, back = aeqd_transformers(float(lon0), float(lat0))
    pc = np.column_stack(fwd.transform(corners[:, 0], corners[:, 1]))
    north, south = (pc[0], pc[1]), (pc[2], pc[3])
    mid_n, mid_s = pc[:2].mean(axis=0), pc[2:].mean(axis=0)
    # The window: the end points' box, widened by the longer end line, holds
    # every shore point that can lie between the ends.
    reach = max(np.hypot(*(pc[0] - pc[1])), np.hypot(*(pc[2] - pc[3])))
    window = shapely.box(*(pc.min(axis=0) - reach), *(pc.max(axis=0) + reach))
    shores = [_shore(ids, source) for ids in s.shores]
    lonlat_bounds = shapely.bounds(transform(window, back))  # the window's box in lon/lat
    local = [transform(shapely.clip_by_rect(g, *lonlat_bounds), fwd) for g in shores]
    widths, pts_a, pts_b = [], [], []
    for side in (0, 1):
        own, other = local[side], shores[1 - side]
        lines = shapely.get_parts(shapely.intersection(shapely.boundary(own), window))
        lines = lines[shapely.get_type_id(lines) == 1]
        if not len(lines):
            continue
        lengths = shapely.length(lines)
        counts = np.maximum(1, np.floor(lengths / SAMPLE_SPACING_M).astype(int))
        owners = np.repeat(np.arange(len(lines)), counts)
        offsets = np.concatenate([np.arange(c) for c in counts]) * SAMPLE_SPACING_M
        xy = shapely.get_coordinates(shapely.line_interpolate_point(lines[owners], offsets))
        # Between the two end lines: on the inner side of each.
        inner = (_side(xy, *north) == _side(mid_s[None], *north)) & (
            _side(xy, *south) == _side(mid_n[None], *south)
        )
        xy = xy[inner]
        if not len(xy):
            continue
        lon, lat = fwd.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        dist, near = distance_to(lon, lat, other, boundary=True, return_points=True)
        nx, ny = fwd.transform(near[:, 0], near[:, 1])
        across = shapely.linestrings(np.stack([xy, np.column_stack([nx, ny])], axis=1))
        # Facing the strait: the line across does not run over its own land.
        over_own = shapely.length(shapely.intersection(across, own))
        facing = over_own <= _OWN_LAND_TOLERANCE_M
        here = np.column_stack([lon, lat])[facing]
        widths.append(dist[facing])
        if side == 0:
            pts_a.append(here)
            pts_b.append(near[facing])
        else:
            pts_a.append(near[facing])
            pts_b.append(here)
    if not widths or not sum(len(w) for w in widths):
        raise UncheckableWidthError(
            s.name, "widest or average", "no shore between its defined ends faces the other shore"
        )
    out = (np.concatenate(widths), np.concatenate(pts_a), np.concatenate(pts_b))
    for arr in out:
        arr.setflags(write=False)  # cached: shared by every caller
    return out


def _along(s: Strait, which: WidthAt, source: str) -> StraitWidth:
    assert s.ends is not None  # checked by the caller, which explains a strait without ends
    frame = features(source)
    width, pa, pb = _crossings(s.id, source)
    if which is WidthAt.WIDEST:
        i = int(np.argmax(width))
        value = float(width[i])
    else:
        value = float(width.mean())
        i = int(np.argmin(np.abs(width - value)))
    a_xy, b_xy = (float(pa[i, 0]), float(pa[i, 1])), (float(pb[i, 0]), float(pb[i, 1]))
    a, b = _on_which(a_xy, s.shores[0], source), _on_which(b_xy, s.shores[1], source)
    ends = " and ".join(f"{_label(frame, e[0])}–{_label(frame, e[1])}" for e in s.ends)
    how = (
        f"widest crossing between the ends ({ends})"
        if which is WidthAt.WIDEST
        else f"mean width between the ends ({ends}); the crossing shown is the one nearest the mean"
    )
    return StraitWidth(
        strait=s.id,
        name=s.name,
        at=which.value,
        measured=replace(Measured.between(a_xy, b_xy, a, b), distance_m=value),
        crossing=(
            f"{how}: from {_label(frame, a)} ({_where(a_xy)}) to {_label(frame, b)} "
            f"({_where(b_xy)}); widths taken every {SAMPLE_SPACING_M / 1000:g} km of both "
            f"shores, {len(width)} in all, each to the nearest point of the other shore"
        ),
        samples=int(len(width)),
    )
