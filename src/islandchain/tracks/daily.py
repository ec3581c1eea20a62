"""Daily counts as the coast guards publish them: days with a track in a zone, and track-days.

The Japan Coast Guard counts, for the sea round the Senkakus, the days on which
at least one China Coast Guard ship was in the contiguous zone or the
territorial sea, and ship-days (each ship counted once per day it was there).
:func:`daily_counts` does the same from events: an event counts on every UTC
day from its enter time to its end time.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

__all__ = ["Period", "daily_counts"]


class Period(StrEnum):
    """The periods counts are given for."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_FORMAT = {Period.DAY: "%Y-%m-%d", Period.MONTH: "%Y-%m", Period.YEAR: "%Y"}


def daily_counts(events: pd.DataFrame, period: Period | str = Period.DAY) -> pd.DataFrame:
    """Days with at least one track in each zone, and track-days, per period.

    Parameters
    ----------
    events : DataFrame
        From :func:`~islandchain.tracks.track_events` (``.events``).
    period : {"day", "month", "year"}
        Count per UTC day, month or year.

    Returns
    -------
    DataFrame
        ``state``, ``zone``, ``period``, ``days`` (days with at least one
        track inside), ``track_days`` (the sum over those days of the
        tracks inside) and ``tracks`` (distinct tracks in the period).

    Examples
    --------
    >>> ev = pd.DataFrame({"track": ["a", "b"], "state": "JPN", "zone": "territorial sea",
    ...     "enter_time": pd.to_datetime(["2024-05-01T23:00Z", "2024-05-02T01:00Z"]),
    ...     "end_time": pd.to_datetime(["2024-05-02T01:00Z", "2024-05-02T02:00Z"])})
    >>> daily_counts(ev, "month")[["period", "days", "track_days", "tracks"]].values.tolist()
    [['2024-05', 2, 3, 2]]
    """
    period = Period(period)
    columns = ["state", "zone", "period", "days", "track_days", "tracks"]
    if len(events) == 0:
        return pd.DataFrame(columns=columns)
    start = events["enter_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D")
    end = events["end_time"].dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D")
    ndays = ((end - start) // pd.Timedelta(days=1)).astype("int64") + 1
    rep = np.repeat(np.arange(len(events)), ndays.to_numpy())
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(ndays.to_numpy()) - ndays.to_numpy(), ndays)
    days = pd.DataFrame(
        {
            "state": events["state"].to_numpy()[rep],
            "zone": events["zone"].to_numpy()[rep],
            "track": events["track"].to_numpy()[rep],
            "day": start.to_numpy(dtype="datetime64[ns]")[rep] + offset * np.timedelta64(1, "D"),
        }
    ).drop_duplicates()
    days["period"] = pd.to_datetime(days["day"]).dt.strftime(_FORMAT[period])
    per_day = days.groupby(["state", "zone", "period", "day"]).track.nunique()
    out = per_day.groupby(["state", "zone", "period"]).agg(days="size", track_days="sum")
    out["tracks"] = days.groupby(["state", "zone", "period"]).track.nunique()
    return out.reset_index()[columns]
