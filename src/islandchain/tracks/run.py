"""Running the zone-event pass: streaming on one machine, or on Dask partitioned by track.

On one machine the chunks go through :func:`~.scan.scan` in turn with the
state it carries, so memory is bounded by the chunk size whatever the file's
size. With a Dask client (``dask.distributed``) the chunks are cut at track
boundaries into batches of whole tracks, each scanned by a worker from a
fresh state; a batch holds at least one whole track, so a single track
larger than a chunk is sent whole. Both give the same events: each event
depends only on its track's fixes, and the scan does not depend on where
the positions are cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import TrackError
from .events import TrackEvents, events_frame, gaps_frame
from .read import CHUNK_ROWS, Fixes, fixes_from_frame, read_positions
from .scan import Carry, finish, scan
from .zoneset import ZoneSet, zone_set

__all__ = ["DEFAULT_GAP_S", "batches_by_track", "scan_batch", "track_events", "track_lines"]

#: A track is split where two fixes are further apart than this, seconds: 6 hours, the
#: shortest gap Global Fishing Watch records as an AIS gap event (its 12-hour events are
#: those Welch et al., Science Advances 2022, study as suspected disabling).
DEFAULT_GAP_S = 6 * 3600.0


def _chunks(positions: Any, chunk_rows: int) -> Iterator[Fixes]:
    if isinstance(positions, Fixes):
        yield positions
    elif isinstance(positions, str | Path):
        yield from read_positions(positions, chunk_rows=chunk_rows)
    elif hasattr(positions, "columns"):
        yield fixes_from_frame(positions)
    else:
        yield from positions


def _zones(zones: ZoneSet | dict | None) -> ZoneSet:
    if isinstance(zones, ZoneSet):
        return zones
    spec = zones or {}
    return zone_set(**{k: tuple(v) if v is not None else None for k, v in spec.items()})


def scan_batch(zones: ZoneSet | dict | None, fixes: Fixes, gap_s: float) -> tuple[list, list]:
    """Events and gaps of a batch of whole tracks, from a fresh state (one Dask task)."""
    zs = _zones(zones)
    carry = Carry()
    events, gaps = scan(zs, fixes, carry, int(gap_s * 1e9), last=True)
    return events, gaps


def _take(f: Fixes, sl: slice) -> Fixes:
    return Fixes(
        f.track[sl], f.time[sl], f.lon[sl], f.lat[sl], f.first_row + (sl.start or 0), f.source
    )


def _join(a: Fixes, b: Fixes) -> Fixes:
    return Fixes(
        np.concatenate([a.track, b.track]),
        np.concatenate([a.time, b.time]),
        np.concatenate([a.lon, b.lon]),
        np.concatenate([a.lat, b.lat]),
        a.first_row,
        a.source,
    )


def batches_by_track(chunks: Iterable[Fixes]) -> Iterator[Fixes]:
    """Chunks cut at their last track boundary, the tail carried to the next: whole tracks."""
    tail: Fixes | None = None
    seen: set = set()
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        f = chunk if tail is None else _join(tail, chunk)
        change = np.flatnonzero(f.track[1:] != f.track[:-1]) + 1
        if len(change) == 0:
            tail = f
            continue
        cut = int(change[-1])
        done = _take(f, slice(0, cut))
        _refuse_repeats(done, seen)
        yield done
        tail = _take(f, slice(cut, len(f)))
    if tail is not None:
        _refuse_repeats(tail, seen)
        yield tail


def _refuse_repeats(f: Fixes, seen: set) -> None:
    """Tracks must be contiguous across batches too (the scan checks within one)."""
    starts = np.concatenate([[0], np.flatnonzero(f.track[1:] != f.track[:-1]) + 1])
    for i in starts:
        if f.track[i] in seen:
            raise TrackError(
                f"{f.source}: row {f.first_row + int(i):,}, track: {str(f.track[i])!r} appears "
                "again after other tracks; sort the positions by track, then time"
            )
    seen.update(f.track[starts].tolist())


def _local(zs: ZoneSet, chunks: Iterable[Fixes], gap_ns: int) -> tuple[list, list, int, int]:
    carry = Carry()
    events: list[dict] = []
    gaps: list[dict] = []
    n = 0
    for chunk in chunks:
        e, g = scan(zs, chunk, carry, gap_ns)
        events += e
        gaps += g
        n += len(chunk)
    events += finish(carry)
    tracks = len(carry.finished | ({carry.track} if carry.track is not None else set()))
    return events, gaps, n, tracks


def _distributed(
    client: Any, zones: dict | None, chunks: Iterable[Fixes], gap_s: float
) -> tuple[list, list, int, int]:
    from distributed import as_completed

    futures = []
    n = tracks = 0
    window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
    pending = as_completed()
    results: list[tuple[int, tuple[list, list]]] = []
    for i, batch in enumerate(batches_by_track(chunks)):
        n += len(batch)
        tracks += int(np.count_nonzero(batch.track[1:] != batch.track[:-1])) + 1
        # Track ids as fixed-width text: one buffer to send, not a Python string per row.
        packed = Fixes(
            np.asarray(batch.track, dtype=str),
            batch.time,
            batch.lon,
            batch.lat,
            batch.first_row,
            batch.source,
        )
        fut = client.submit(_indexed, i, zones, packed, gap_s, pure=False)
        futures.append(fut)
        pending.add(fut)
        while pending.count() >= window:  # bounded memory: a few batches in flight
            results.append(next(pending).result())
    for fut in pending:
        results.append(fut.result())
    results.sort(key=lambda r: r[0])
    events = [e for _, (ev, _) in results for e in ev]
    gaps = [g for _, (_, gp) in results for g in gp]
    return events, gaps, n, tracks


def _indexed(i: int, zones: dict | None, batch: Fixes, gap_s: float):
    return i, scan_batch(zones, batch, gap_s)


def track_events(
    positions: Any,
    zones: ZoneSet | dict | None = None,
    *,
    gap_s: float = DEFAULT_GAP_S,
    chunk_rows: int = CHUNK_ROWS,
    client: Any = None,
) -> TrackEvents:
    """Zone events of ship or aircraft tracks: when each entered and left each zone.

    Parameters
    ----------
    positions : path, DataFrame, Fixes or iterable of Fixes
        A CSV, (Geo)Parquet or NMEA file (:func:`~islandchain.tracks.read_positions`),
        or a frame with track, time (UTC), lon and lat columns, sorted by
        track, then time.
    zones : dict or ZoneSet, optional
        The arguments of :func:`~islandchain.tracks.zone_set` (``kinds``,
        ``states``, ``areas``, ``cordons``); by default every state's
        territorial sea and contiguous zone.
    gap_s : float
        Fixes further apart than this (seconds) split the track; the gap is
        reported, never bridged. Default :data:`DEFAULT_GAP_S`.
    chunk_rows : int
        Rows read at a time.
    client : distributed.Client, optional
        Run on this Dask cluster, partitioned by track (same events).

    Returns
    -------
    TrackEvents

    Examples
    --------
    >>> import pandas as pd
    >>> fixes = pd.DataFrame({"track": ["a", "a"], "lon": [122.60, 123.30],
    ...     "lat": [24.30, 24.30], "time": ["2024-05-01T00:00:00Z", "2024-05-01T02:00:00Z"]})
    >>> ev = track_events(fixes, {"kinds": ["territorial sea"], "states": ["JPN"]}).events
    >>> ev[["state", "zone", "enter_how", "exit_how"]].values.tolist()
    [['JPN', 'territorial sea', 'crossing', 'crossing']]
    """
    if not (gap_s > 0):
        raise TrackError(f"gap {gap_s!r}: give a positive number of seconds")
    if not (isinstance(chunk_rows, int) and chunk_rows > 0):
        raise TrackError(f"chunk_rows {chunk_rows!r}: give a positive whole number")
    chunks = _chunks(positions, chunk_rows)
    if client is not None:
        if isinstance(zones, ZoneSet):
            raise TrackError(
                "on Dask, give the zones as zone_set arguments (a dict), not a ZoneSet"
            )
        events, gaps, n, tracks = _distributed(client, zones, chunks, gap_s)
    else:
        events, gaps, n, tracks = _local(_zones(zones), chunks, int(gap_s * 1e9))
    return TrackEvents(events_frame(events), gaps_frame(gaps), n, tracks)


def track_lines(
    positions: Any,
    names: Iterable[str],
    *,
    gap_s: float = DEFAULT_GAP_S,
    chunk_rows: int = CHUNK_ROWS,
    tolerance_deg: float = 0.002,
) -> dict[str, Any]:
    """The tracks ``names`` as lines for a map: one part per segment between gaps.

    Reads the positions again, keeping only those tracks' fixes, and
    simplifies each part to ``tolerance_deg`` (about 200 m) for drawing.
    """
    import shapely

    wanted = set(names)
    parts: dict[str, list] = {n: [] for n in wanted}
    for chunk in _chunks(positions, chunk_rows):
        keep = np.isin(chunk.track, list(wanted))
        for name in np.unique(chunk.track[keep]).tolist():
            sel = chunk.track == name
            parts[name].append((chunk.time[sel], chunk.lon[sel], chunk.lat[sel]))
    out = {}
    for name, pieces in parts.items():
        if not pieces:
            continue
        t = np.concatenate([p[0] for p in pieces])
        x = np.unwrap(np.concatenate([p[1] for p in pieces]), period=360.0)
        y = np.concatenate([p[2] for p in pieces])
        cut = np.flatnonzero(np.diff(t) > gap_s * 1e9) + 1
        lines = [
            shapely.LineString(np.column_stack([xs, ys]))
            for xs, ys in zip(np.split(x, cut), np.split(y, cut), strict=True)
            if len(xs) > 1
        ]
        if lines:
            out[name] = shapely.simplify(shapely.multilinestrings(lines), tolerance_deg)
    return out
