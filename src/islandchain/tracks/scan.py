"""The zone-event pass: chunks of sorted fixes in, events and gaps out.

:func:`scan` takes one chunk of :class:`~islandchain.tracks.read.Fixes`
(sorted by track, then time) and the :class:`Carry` left by the previous
chunk: the last fix of the track the chunk may continue, its open events
and its segment number. The last fix is put back in front of the chunk, so a
link between two chunks is handled as any other, and an event open at a
chunk's end is carried, not closed: the events do not depend on where the
file is cut. Membership is one grid lookup per fix (:class:`ZoneSet`); only
links near an edge go to the exact crossing (:mod:`.crossings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from ..errors import TrackError
from .closest import fold_closest
from .crossings import bisect_link, crossing_points, crossings
from .read import Fixes
from .zoneset import ZoneSet

__all__ = ["Carry", "EnterHow", "ExitHow", "scan", "finish"]

#: Links spanning more than this (degrees) are sampled along the geodesic, not the chord.
_CHORD_DEG = 0.2


class EnterHow(StrEnum):
    """How an event begins: the geodesic crosses the edge, or a segment's first fix is inside."""

    CROSSING = "crossing"
    FIRST_FIX = "first fix"


class ExitHow(StrEnum):
    """How an event ends: a crossing, a gap in the reports, or the end of the track."""

    CROSSING = "crossing"
    GAP = "gap"
    TRACK_END = "track end"


@dataclass
class Carry:
    """What one chunk leaves to the next (mutable, owned by one scan)."""

    track: object = None
    time: int = 0
    lon: float = 0.0
    lat: float = 0.0
    row: int = 0
    segment: int = 0
    #: Open events of the carried track, by zone index: partial event dicts.
    open: dict[int, dict] = field(default_factory=dict)
    #: Tracks already finished (a track appearing again means unsorted input).
    finished: set = field(default_factory=set)


def _check_order(track: NDArray, time: NDArray, rows: NDArray, carry: Carry, source: str) -> None:
    """Refuse a chunk whose tracks are not contiguous or whose times go back."""
    change = np.flatnonzero(track[1:] != track[:-1]) + 1
    starts = np.concatenate([[0], change])
    labels = track[starts]
    seen = np.fromiter((label in carry.finished for label in labels), bool, len(labels))
    again = np.flatnonzero(pd.Index(labels).duplicated() | seen)
    if len(again):
        i = starts[again[0]]
        raise TrackError(
            f"{source}: row {rows[i]:,}, track: {str(track[i])!r} appears again after other "
            "tracks; sort the positions by track, then time"
        )
    same = track[1:] == track[:-1]
    back = np.flatnonzero(same & (time[1:] < time[:-1]))
    if len(back):
        i = int(back[0]) + 1
        raise TrackError(
            f"{source}: row {rows[i]:,}, time: earlier than the row before in track "
            f"{str(track[i])!r}; sort the positions by track, then time"
        )
    carry.finished.update(track[starts[:-1]].tolist())
    if carry.track is not None and track[0] != carry.track:
        carry.finished.add(carry.track)


def _candidates(zs: ZoneSet, lon, lat, bits, cells, j: NDArray) -> NDArray[np.uint64]:
    """For links ``j -> j+1``: the zones whose edge the link may cross (a superset)."""
    _, edge = zs.lookup(cells)
    cand = (bits[j] ^ bits[j + 1]) | edge[j] | edge[j + 1]
    # Links between cells, or from outside the grid (unless both ends lie beyond one side).
    out = (cells[j] < 0) & ~zs.beyond_one_side(lon[j], lat[j], lon[j + 1], lat[j + 1])
    multi = np.flatnonzero((cells[j] != cells[j + 1]) | out)
    if len(multi) == 0:
        return cand
    a, b = j[multi], j[multi] + 1
    x1 = zs.wrap(lon[a])
    x2 = x1 + (lon[b] - lon[a] + 180.0) % 360.0 - 180.0
    span = np.maximum(np.abs(x2 - x1), np.abs(lat[b] - lat[a]))
    n = np.ceil(span / (zs.cell / 2)).astype(np.int64) + 1
    owner = np.repeat(np.arange(len(multi)), n)
    first = np.concatenate([[0], np.cumsum(n)[:-1]])
    share = (np.arange(len(owner)) - first[owner]) / np.maximum(n[owner] - 1, 1)
    sx = x1[owner] + share * (x2 - x1)[owner]
    sy = lat[a][owner] + share * (lat[b] - lat[a])[owner]
    far = np.flatnonzero(span[owner] > _CHORD_DEG)
    if len(far):  # long links: sample the geodesic itself
        from ..geodesy import WGS84
        from .crossings import geodesic_points

        o = owner[far]
        az, _, length = WGS84.inv(x1[o], lat[a][o], x2[o], lat[b][o])
        sx[far], sy[far] = geodesic_points(
            x1[o], lat[a][o], np.asarray(az), np.asarray(length), share[far]
        )
    s_in, s_edge = zs.lookup(zs.cells(zs.wrap(sx), sy), near=True)
    mask = s_edge | (s_in ^ bits[a][owner])
    cand[multi] |= np.bitwise_or.reduceat(mask, first)
    return cand


def _crossings(zs: ZoneSet, lon, lat, bits, link_j: NDArray, cand: NDArray):
    """All crossings on the candidate links: (link index j, zone k, share), consistent
    with the fixes' membership (each crossing toggles it)."""
    pj, pk = [], []
    for zone in range(len(zs)):
        sel = np.flatnonzero(cand & np.uint64(1 << zone))
        pj.append(link_j[sel])
        pk.append(np.full(len(sel), zone, np.int64))
    j, k = np.concatenate(pj), np.concatenate(pk)
    if len(j) == 0:
        return j, k, np.zeros(0)
    idx, share = crossings(zs, k, lon[j], lat[j], lon[j + 1], lat[j + 1])
    cj, ck = j[idx], k[idx]
    # Each link must cross an odd number of times when its ends differ, even when not.
    flips = ((bits[j] ^ bits[j + 1]) >> k.astype(np.uint64)) & np.uint64(1)
    count = np.bincount(idx, minlength=len(j))
    wrong = np.flatnonzero(count % 2 != flips.astype(np.int64))
    if len(wrong):
        keep = ~np.isin(idx, wrong)
        cj, ck, share = cj[keep], ck[keep], share[keep]
        odd = wrong[flips[wrong] == 1]  # grazing ends: one crossing by bisection on the link
        if len(odd):
            s = bisect_link(zs, k[odd], lon[j[odd]], lat[j[odd]], lon[j[odd] + 1], lat[j[odd] + 1])
            cj, ck = np.concatenate([cj, j[odd]]), np.concatenate([ck, k[odd]])
            share = np.concatenate([share, s])
    order = np.lexsort((share, cj, ck))
    return cj[order], ck[order], share[order]


def scan(
    zs: ZoneSet, fixes: Fixes, carry: Carry, gap_ns: int, *, last: bool = False
) -> tuple[list[dict], list[dict]]:
    """Events closed and gaps found in one chunk; ``carry`` is updated for the next.

    ``last`` marks the final chunk: the tracks' open events are then closed
    (``exit_how`` "track end").
    """
    head = carry.track is not None and len(fixes) > 0 and fixes.track[0] == carry.track
    events: list[dict] = []
    if carry.track is not None and not head:
        events += _close_open(carry, ExitHow.TRACK_END.value)
    if len(fixes) == 0:
        return events, []
    h = int(head)
    track = np.concatenate([[carry.track], fixes.track]) if head else fixes.track
    time = np.concatenate([[carry.time], fixes.time]) if head else fixes.time
    lon = np.concatenate([[carry.lon], fixes.lon]) if head else fixes.lon
    lat = np.concatenate([[carry.lat], fixes.lat]) if head else fixes.lat
    rows = np.arange(fixes.first_row - h, fixes.first_row + len(fixes))
    _check_order(track, time, rows, carry, fixes.source)
    bits, cells = zs.members(lon, lat)
    same = track[1:] == track[:-1]
    dt = np.diff(time)
    gap = same & (dt > gap_ns)
    link = same & ~gap
    link_j = np.flatnonzero(link)
    cand = _candidates(zs, lon, lat, bits, cells, link_j)
    busy = cand != 0
    cj, ck, cs = _crossings(zs, lon, lat, bits, link_j[busy], cand[busy])
    cx, cy = crossing_points(lon[cj], lat[cj], lon[cj + 1], lat[cj + 1], cs)
    # Segment number of each fix: gaps so far within its track.
    start = np.concatenate([[True], ~same])
    run = np.cumsum(start) - 1
    gaps_before = np.concatenate([[0], np.cumsum(gap)])
    base = gaps_before[np.flatnonzero(start)][run]
    segment = gaps_before - base + np.where(run == 0, carry.segment if head else 0, 0)
    seg_start = np.concatenate([[True], ~link])  # a fix that begins a segment
    seg_end = np.concatenate([~link, [True]])
    open_at_end = not last  # the chunk's last track may go on in the next chunk
    gaps = [
        {
            "track": str(track[j]),
            "segment": int(segment[j]),
            "gap_start": int(time[j]),
            "gap_end": int(time[j + 1]),
            "gap_s": float(dt[j]) / 1e9,
            "start_lon": float(lon[j]),
            "start_lat": float(lat[j]),
            "end_lon": float(lon[j + 1]),
            "end_lat": float(lat[j + 1]),
        }
        for j in np.flatnonzero(gap)
    ]
    ctx = _Chunk(zs, track, time, lon, lat, segment, h, [])
    for k in range(len(zs)):
        inside = (bits >> np.uint64(k)) & np.uint64(1) == 1
        sel = ck == k
        where = (cj[sel], cs[sel], cx[sel], cy[sel])
        events += _zone_events(ctx, k, inside, seg_start, seg_end, where, carry, open_at_end)
    fold_closest(zs, ctx.portions, lon, lat)
    carry.track, carry.time = track[-1], int(time[-1])
    carry.lon, carry.lat, carry.row = float(lon[-1]), float(lat[-1]), int(rows[-1])
    carry.segment = int(segment[-1])
    if last:
        events += _close_open(carry, ExitHow.TRACK_END.value)
        carry.finished.add(carry.track)
        carry.track = None
    return events, gaps


@dataclass(frozen=True)
class _Chunk:
    zs: ZoneSet
    track: NDArray
    time: NDArray
    lon: NDArray
    lat: NDArray
    segment: NDArray
    head: int
    #: (event, first fix, last fix) of each part of an event in the chunk; the crossing
    #: points go in as (event, -1, -1) with the point in the event's ``_edge``.
    portions: list


def _zone_events(ctx: _Chunk, k, inside, seg_start, seg_end, where, carry: Carry, open_at_end):
    """Events of zone ``k`` in a chunk, as transitions paired in order along the fixes."""
    n = len(ctx.time)
    # Transitions: (key along the fixes, is entry, how, link j, share, lon, lat).
    trans: list[tuple] = []
    for j, s, x, y in zip(*(w.tolist() for w in where), strict=True):
        trans.append((j + 0.5, not bool(inside[j]), EnterHow.CROSSING.value, j, s, x, y))
    # Crossings on one link in order: toggles alternate from the link's start.
    first_fix = np.flatnonzero(seg_start & inside)
    if ctx.head:
        first_fix = first_fix[first_fix > 0]  # the carried fix continues its events
    for i in first_fix.tolist():
        trans.append((i - 0.25, True, EnterHow.FIRST_FIX.value, i, 0.0, 0.0, 0.0))
    ends = np.flatnonzero(seg_end & inside)
    for i in ends.tolist():
        if i == n - 1 and open_at_end:
            continue
        gap_follows = i < n - 1 and ctx.track[i + 1] == ctx.track[i]
        how = ExitHow.GAP.value if gap_follows else ExitHow.TRACK_END.value
        trans.append((i + 0.25, False, how, i, 0.0, 0.0, 0.0))
    trans.sort(key=lambda t: (t[0], t[4]))
    _fix_directions(trans, inside)
    events = []
    current = carry.open.pop(k, None) if ctx.head else None
    for _, entry, how, j, s, x, y in trans:
        if entry:
            current = _open_event(ctx, k, how, j, s, (x, y))
        elif current is not None:
            _add_fixes(current, ctx, current.pop("_from"), j)  # j: the last fix inside
            events.append(_close(current, ctx, how, j, s, (x, y)))
            current = None
    if current is not None:
        _add_fixes(current, ctx, current.pop("_from"), n - 1)
        current["_from"] = 1  # in the next chunk, fixes after the carried one
        carry.open[k] = current
    return events


def _fix_directions(trans: list, inside: NDArray) -> None:
    """Crossings on one link alternate, starting from the side of its first fix."""
    i = 0
    while i < len(trans):
        how, j = trans[i][2], trans[i][3]
        if how != EnterHow.CROSSING.value:
            i += 1
            continue
        side = bool(inside[j])
        while i < len(trans) and trans[i][2] == EnterHow.CROSSING.value and trans[i][3] == j:
            t = trans[i]
            trans[i] = (t[0], not side, *t[2:])
            side = not side
            i += 1


def _open_event(ctx: _Chunk, k: int, how: str, j: int, s: float, at: tuple) -> dict:
    zone = ctx.zs.zones[k]
    if how == EnterHow.CROSSING.value:
        t = ctx.time[j] + s * (ctx.time[j + 1] - ctx.time[j])
        x, y = at
        first = j + 1
    else:
        t, x, y, first = float(ctx.time[j]), float(ctx.lon[j]), float(ctx.lat[j]), j
    return {
        "track": str(ctx.track[j]),
        "segment": int(ctx.segment[j if how != EnterHow.CROSSING.value else j + 1]),
        "state": zone.state,
        "zone": zone.zone,
        "zone_index": k,
        "enter_time": int(round(float(t))),
        "enter_how": how,
        "enter_lon": x,
        "enter_lat": y,
        "positions": 0,
        "last_fix_time": int(round(float(t))),
        "closest_m": float("inf"),
        "closest_lon": float("nan"),
        "closest_lat": float("nan"),
        # Crossing points: (lon, lat, link, side) for the closest approach.
        "_edge": [(x, y, j, "in")] if how == EnterHow.CROSSING.value else [],
        "_from": first,
    }


def _add_fixes(event: dict, ctx: _Chunk, first: int, last: int) -> None:
    """Count the event's fixes ``first..last`` of the chunk; note them for the closest approach."""
    ctx.portions.append((event, first, last))
    if last < first:
        return
    event["positions"] += last - first + 1
    event["last_fix_time"] = int(ctx.time[last])


def _close(event: dict, ctx: _Chunk, how: str, j: int, s: float, at: tuple) -> dict:
    if how == ExitHow.CROSSING.value:
        t = ctx.time[j] + s * (ctx.time[j + 1] - ctx.time[j])
        x, y = at
        event["exit_time"] = int(round(float(t)))
        event["exit_lon"], event["exit_lat"] = x, y
        event["_edge"].append((x, y, j, "out"))
        event["end_time"] = event["exit_time"]
    else:
        event["exit_time"] = None
        event["exit_lon"] = event["exit_lat"] = float("nan")
        event["end_time"] = event["last_fix_time"]
    event["exit_how"] = how
    return event


def _close_open(carry: Carry, how: str) -> list[dict]:
    """Close the carried track's open events at its last fix."""
    out = []
    for _, event in sorted(carry.open.items()):
        event.pop("_from", None)
        event["exit_time"] = None
        event["exit_lon"] = event["exit_lat"] = float("nan")
        event["end_time"] = event["last_fix_time"]
        event["exit_how"] = how
        out.append(event)
    carry.open = {}
    return out


def finish(carry: Carry) -> list[dict]:
    """Close the events still open when the positions end."""
    return _close_open(carry, ExitHow.TRACK_END.value)
