"""The events table: one row per stay of a track in a zone, with documented columns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["EVENT_COLUMNS", "GAP_COLUMNS", "TrackEvents", "events_frame", "gaps_frame"]

#: The columns of the events table, in order, with what each holds (the README lists them).
EVENT_COLUMNS = {
    "track": "the track id (MMSI, ICAO address, ...)",
    "segment": "the piece of the track between gaps, from 0",
    "state": "whose zone",
    "zone": "territorial sea, contiguous zone, EEZ, ADIZ, area ID or cordon N nmi",
    "enter_time": "UTC: where the geodesic between two fixes crosses into the zone, or the "
    "segment's first fix when it starts inside",
    "enter_how": "crossing or first fix",
    "enter_lon": "where it entered, degrees",
    "enter_lat": "",
    "exit_time": "UTC of the crossing out; empty when the track ends or a gap begins inside",
    "exit_how": "crossing, gap or track end",
    "exit_lon": "where it left (empty without a crossing)",
    "exit_lat": "",
    "end_time": "UTC: the exit time, or the last fix inside",
    "duration_s": "end_time - enter_time, seconds",
    "positions": "fixes inside the zone during the event",
    "closest_km": "closest approach to the state's land over the event's fixes and crossing "
    "points, km (geodesic, full-resolution coast)",
    "closest_lon": "where the track was at its closest approach",
    "closest_lat": "",
}
#: The columns of the gaps table.
GAP_COLUMNS = (
    "track",
    "segment",
    "gap_start",
    "gap_end",
    "gap_s",
    "start_lon",
    "start_lat",
    "end_lon",
    "end_lat",
)
_TIMES = ("enter_time", "exit_time", "end_time")


@dataclass(frozen=True)
class TrackEvents:
    """What :func:`~islandchain.tracks.track_events` returns.

    Attributes
    ----------
    events : DataFrame
        One row per event, :data:`EVENT_COLUMNS`; times as UTC timestamps.
    gaps : DataFrame
        One row per gap longer than the threshold that split a track.
    positions : int
        How many positions were read.
    tracks : int
        How many tracks.
    """

    events: pd.DataFrame
    gaps: pd.DataFrame
    positions: int
    tracks: int


def _utc(values) -> pd.Series:
    times = pd.to_datetime(pd.Series(values, dtype="Int64").astype("float64"), unit="ns", utc=True)
    return times.dt.round("ms")


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """The events table from the scan's event dicts, sorted by track, time and zone."""
    frame = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "closest_m", "zone_index"])
    frame["closest_km"] = frame["closest_m"].astype(float) / 1000.0
    start = frame["enter_time"].astype("int64") if len(frame) else frame["enter_time"]
    end = frame["end_time"].astype("int64") if len(frame) else frame["end_time"]
    frame["duration_s"] = (end - start).astype(float) / 1e9
    for col in _TIMES:
        frame[col] = _utc(frame[col].astype(object).where(frame[col].notna(), None).tolist())
    frame["segment"] = frame["segment"].astype("int64")
    frame["positions"] = frame["positions"].astype("int64")
    frame = frame.sort_values(["track", "enter_time", "zone_index", "segment"], kind="stable")
    return frame[list(EVENT_COLUMNS)].reset_index(drop=True)


def gaps_frame(rows: list[dict]) -> pd.DataFrame:
    """The gaps table, sorted by track and time."""
    frame = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    for col in ("gap_start", "gap_end"):
        frame[col] = _utc(frame[col].tolist())
    frame["segment"] = frame["segment"].astype("int64")
    return frame.sort_values(["track", "gap_start"], kind="stable").reset_index(drop=True)


def iso_times(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its UTC times as ISO 8601 text (``2024-05-01T03:00:00.000Z``), empty
    for a missing time."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            text = out[col].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            out[col] = (
                text.str.slice(0, 23).str.cat(np.full(len(text), "Z")).where(out[col].notna(), "")
            )
    return out
