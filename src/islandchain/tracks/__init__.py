"""Tracks at scale: ship and aircraft positions in, zone events out.

Positions (CSV, GeoParquet, raw AIS) stream in chunks sorted by track and
time; between two fixes a track follows the geodesic, and an event's enter
and exit times are where that geodesic crosses the zone's edge, interpolated
in time. Gaps longer than a threshold split a track and are reported. The
same pass runs on Dask, partitioned by track, with the same events.

Modules: ``read`` (positions in chunks), ``zoneset`` (zones and the
membership grid), ``crossings`` (exact crossings on the geodesic), ``scan``
(the event pass over chunks), ``closest`` (closest approach per event),
``events`` (the tables), ``daily`` (counts per day, month, year), ``run``
(one machine or Dask).
"""

from .daily import Period, daily_counts
from .events import EVENT_COLUMNS, GAP_COLUMNS, TrackEvents
from .read import Fixes, read_nmea, read_positions
from .run import DEFAULT_GAP_S, track_events, track_lines
from .scan import EnterHow, ExitHow
from .zoneset import Zone, ZoneKind, ZoneSet, zone_set

__all__ = [
    "DEFAULT_GAP_S",
    "EVENT_COLUMNS",
    "GAP_COLUMNS",
    "EnterHow",
    "ExitHow",
    "Fixes",
    "Period",
    "TrackEvents",
    "Zone",
    "ZoneKind",
    "ZoneSet",
    "daily_counts",
    "read_nmea",
    "read_positions",
    "track_events",
    "track_lines",
    "zone_set",
]
