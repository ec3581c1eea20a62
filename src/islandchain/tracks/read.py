"""Reading positions in chunks: CSV and (Geo)Parquet with pyarrow, raw AIS with pyais.

A position file has a track id, a UTC time, a longitude and a latitude per
row (other columns, such as speed and course, are left alone). Columns are
found by name, case-insensitively (:data:`COLUMN_NAMES`); a GeoParquet file
may give the position as a point geometry instead of lon and lat.

Times must say they are UTC: text ends in ``Z`` or ``+00:00``
(``2024-05-01T03:00:00Z``), a Parquet timestamp carries a time zone (it is
then converted to UTC). A naive time, or text with another offset, is
refused: a track's times in two zones would give wrong crossing times
silently.

Files are read in chunks of ``chunk_rows`` rows, so memory does not grow with
the file. Raw AIS (NMEA 0183 ``!AIVDM`` sentences with a ``c:`` UNIX-time tag
block, as AIS receivers log them) is decoded whole by :func:`read_nmea` and
sorted by track and time, since such logs interleave the ships.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from ..errors import TrackError

__all__ = ["COLUMN_NAMES", "Fixes", "fixes_from_frame", "read_nmea", "read_positions"]

#: Names each column may have, in order of preference (compared case-insensitively).
COLUMN_NAMES = {
    "track": ("track", "track_id", "mmsi", "icao24", "vessel", "id"),
    "time": ("time", "timestamp", "basedatetime", "datetime", "t"),
    "lon": ("lon", "longitude", "lng", "long", "x"),
    "lat": ("lat", "latitude", "y"),
}
#: How many rows a chunk holds by default.
CHUNK_ROWS = 1_000_000
_UTC_TEXT = r"(Z|[+-]00:?00)$"
_PARQUET = (".parquet", ".geoparquet", ".pq")
_NMEA = (".nmea", ".ais", ".aivdm")


@dataclass(frozen=True)
class Fixes:
    """A chunk of positions: track ids, UTC times (ns since 1970) and lon/lat degrees.

    ``first_row`` is the 1-based number of the chunk's first data row in its
    source, so an error can name the row.
    """

    track: NDArray[np.object_]
    time: NDArray[np.int64]
    lon: NDArray[np.float64]
    lat: NDArray[np.float64]
    first_row: int = 1
    source: str = "positions"

    def __len__(self) -> int:
        return len(self.time)


def _find(names: list[str], what: str, source: str) -> str:
    lower = {n.lower(): n for n in names}
    for candidate in COLUMN_NAMES[what]:
        if candidate in lower:
            return lower[candidate]
    wanted = ", ".join(COLUMN_NAMES[what])
    raise TrackError(
        f"{source}: no {what} column (looked for {wanted}; found {', '.join(names) or 'none'}); "
        f"name the columns track, time, lon, lat"
    )


def _bad_row(source: str, row: int, field: str, problem: str) -> TrackError:
    return TrackError(f"{source}: row {row:,}, {field}: {problem}")


def _times(column: pa.Array, source: str, first_row: int) -> NDArray[np.int64]:
    """UTC times of a column as ns since 1970, or one line naming the first bad row."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if column.null_count:
        row = first_row + int(np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False))[0])
        raise _bad_row(source, row, "time", "empty; every position needs a UTC time")
    if pa.types.is_timestamp(column.type):
        if column.type.tz is None:
            raise TrackError(
                f"{source}: the time column has no time zone; store UTC timestamps "
                "(timestamp with tz='UTC')"
            )
        return column.cast(pa.timestamp("ns", tz="UTC")).cast(pa.int64()).to_numpy()
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        raise TrackError(
            f"{source}: the time column holds {column.type}, not times; give ISO 8601 UTC "
            "times such as 2024-05-01T03:00:00Z"
        )
    ok = pc.match_substring_regex(pc.utf8_trim_whitespace(column), _UTC_TEXT).to_numpy(
        zero_copy_only=False
    )
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise _bad_row(
            source,
            first_row + i,
            "time",
            f"{_show(column[i].as_py())} is not a UTC time; give ISO 8601 in UTC, "
            "e.g. 2024-05-01T03:00:00Z (ending in Z or +00:00)",
        )
    try:
        return _cast_times(column)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        i = _first_unparsed(column)
        raise _bad_row(
            source,
            first_row + i,
            "time",
            f"{_show(column[i].as_py())} is not an ISO 8601 time such as 2024-05-01T03:00:00Z",
        ) from None


def _cast_times(column: pa.Array) -> NDArray[np.int64]:
    text = pc.utf8_trim_whitespace(column)
    return text.cast(pa.timestamp("ns", tz="UTC")).cast(pa.int64()).to_numpy()


def _first_unparsed(column: pa.Array) -> int:
    """The index of the first value that does not parse (bisection on slices)."""
    lo, hi = 0, len(column)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            _cast_times(column.slice(lo, mid - lo))
            lo = mid
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            hi = mid
    return lo


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…'"


def _numbers(column: pa.Array, field: str, limit: float, source: str, first_row: int) -> NDArray:
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    try:
        values = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        values = None
    if values is None:
        for i in range(len(column)):  # the first value that is not a number
            try:
                float(column[i].as_py())
            except (TypeError, ValueError):
                raise _bad_row(
                    source, first_row + i, field, f"{_show(column[i].as_py())} is not a number"
                ) from None
        values = np.array([float(v) for v in column.to_pylist()])
    bad = ~(np.isfinite(values) & (np.abs(values) <= limit))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _bad_row(
            source,
            first_row + i,
            field,
            f"{_show(column[i].as_py())} is not a {field} in degrees (-{limit:g} to {limit:g}); "
            "drop rows without a position (AIS gives 181 and 91 for 'not available')",
        )
    return values


def _tracks(column: pa.Array, source: str, first_row: int) -> NDArray[np.object_]:
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    text = column.cast(pa.string())
    empty = pc.or_(text.is_null(), pc.equal(pc.utf8_trim_whitespace(text), ""))
    if pc.any(empty).as_py():
        i = int(np.flatnonzero(empty.to_numpy(zero_copy_only=False))[0])
        raise _bad_row(source, first_row + i, "track", "empty; every position needs a track id")
    return np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)


def fixes_from_table(table: pa.Table | pa.RecordBatch, source: str, first_row: int) -> Fixes:
    """Check one chunk's columns and turn them into :class:`Fixes`."""
    names = list(table.schema.names)
    track = _tracks(table.column(_find(names, "track", source)), source, first_row)
    time = _times(table.column(_find(names, "time", source)), source, first_row)
    lower = {n.lower() for n in names}
    if not ({"lon", "longitude", "lng", "long", "x"} & lower) and "geometry" in lower:
        import shapely

        geom = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
        lon, lat = shapely.get_x(geom), shapely.get_y(geom)
        lon = _numbers(pa.array(lon), "lon", 180, source, first_row)
        lat = _numbers(pa.array(lat), "lat", 90, source, first_row)
    else:
        lon = _numbers(table.column(_find(names, "lon", source)), "lon", 180, source, first_row)
        lat = _numbers(table.column(_find(names, "lat", source)), "lat", 90, source, first_row)
    return Fixes(track, time, lon, lat, first_row, source)


def fixes_from_frame(frame, source: str = "positions") -> Fixes:
    """:class:`Fixes` from a pandas DataFrame with track, time, lon and lat columns.

    Examples
    --------
    >>> import pandas as pd
    >>> f = fixes_from_frame(pd.DataFrame({"mmsi": [1], "time": ["2024-01-01T00:00:00Z"],
    ...                                    "lon": [123.0], "lat": [24.0]}))
    >>> len(f), f.track.tolist()
    (1, ['1'])
    """
    return fixes_from_table(pa.Table.from_pandas(frame, preserve_index=False), source, 1)


def read_positions(path: str | Path, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[Fixes]:
    """The positions of a CSV, Parquet or NMEA file, in chunks of at most ``chunk_rows`` rows.

    Raises
    ------
    TrackError
        A file that cannot be read, a missing column, a bad value (naming the row).
    """
    p = Path(path)
    source = str(path)
    if not p.is_file():
        raise TrackError(f"{source}: no such file; give a CSV, Parquet or NMEA file of positions")
    suffix = p.suffix.lower()
    if suffix in _NMEA or (suffix == ".txt" and _looks_like_nmea(p)):
        yield from _split(read_nmea(p), chunk_rows)
        return
    if suffix in _PARQUET:
        yield from _read_parquet(p, source, chunk_rows)
        return
    yield from _read_csv(p, source, chunk_rows)


def _looks_like_nmea(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    return b"!AIVDM" in head or b"!AIVDO" in head


def _read_parquet(path: Path, source: str, chunk_rows: int) -> Iterator[Fixes]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
    except (pa.ArrowInvalid, OSError) as exc:
        raise TrackError(f"{source}: not a Parquet file ({exc})") from None
    wanted = [_find(names, w, source) for w in ("track", "time")]
    lower = {n.lower(): n for n in names}
    if "geometry" in lower and not ({"lon", "longitude", "lng", "long", "x"} & set(lower)):
        wanted.append(lower["geometry"])
    else:
        wanted += [_find(names, w, source) for w in ("lon", "lat")]
    row = 1
    for batch in pf.iter_batches(batch_size=chunk_rows, columns=wanted):
        yield fixes_from_table(batch, source, row)
        row += batch.num_rows


def _read_csv(path: Path, source: str, chunk_rows: int) -> Iterator[Fixes]:
    from pyarrow import csv

    # Every column as text: the checks below name the first bad row of each field.
    try:
        with open(path, encoding="utf-8") as fh:
            header = fh.readline().strip().split(",")
    except UnicodeDecodeError:
        raise TrackError(f"{source}: not a UTF-8 CSV file of positions") from None
    types = {name: pa.string() for name in header}
    block = max(1 << 16, min(chunk_rows * 64, 1 << 28))
    try:
        reader = csv.open_csv(
            path,
            read_options=csv.ReadOptions(block_size=block),
            convert_options=csv.ConvertOptions(column_types=types),
        )
        row = 1
        pending: list[pa.RecordBatch] = []
        size = 0
        for batch in reader:
            pending.append(batch)
            size += batch.num_rows
            if size >= chunk_rows:
                table = pa.Table.from_batches(pending)
                yield fixes_from_table(table, source, row)
                row += table.num_rows
                pending, size = [], 0
        if pending:
            yield fixes_from_table(pa.Table.from_batches(pending), source, row)
    except pa.ArrowInvalid as exc:
        raise TrackError(f"{source}: not a CSV file of positions ({_first_line(exc)})") from None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _split(fixes: Fixes, chunk_rows: int) -> Iterator[Fixes]:
    for start in range(0, max(len(fixes), 1), chunk_rows):
        sl = slice(start, start + chunk_rows)
        yield Fixes(
            fixes.track[sl],
            fixes.time[sl],
            fixes.lon[sl],
            fixes.lat[sl],
            fixes.first_row + start,
            fixes.source,
        )


def read_nmea(path: str | Path) -> Fixes:
    """Positions decoded from raw AIS sentences with pyais, sorted by track and time.

    Position reports (message types 1-3, 18, 19 and 27) are kept; each needs
    the ``c:`` tag block (UNIX time of reception) AIS receivers put before
    the sentence, e.g. ``\\c:1714532400*5A\\!AIVDM,...``. Other messages, and
    reports whose position is "not available", are skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pyais.encode import encode_dict
    >>> line = encode_dict({"type": 1, "mmsi": 431000001, "lon": 123.0, "lat": 24.0})[0]
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "log.nmea"
    >>> _ = p.write_text("\\\\c:1714532400*00\\\\" + line + "\\n")
    >>> f = read_nmea(p)
    >>> f.track.tolist(), round(float(f.lon[0]), 3), int(f.time[0] // 10**9)
    (['431000001'], 123.0, 1714532400)
    """
    from pyais import NMEAMessage

    source = str(path)
    tracks, times, lons, lats = [], [], [], []
    with open(path, encoding="ascii", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            text = line.strip()
            if not text:
                continue
            when = re.match(r"\\(?:[^\\]*,)?c:(\d+)", text)
            sentence = text[text.rfind("\\") + 1 :] if text.startswith("\\") else text
            if not sentence.startswith(("!AIVDM", "!AIVDO")):
                raise _bad_row(source, number, "sentence", f"{_show(text)} is not an AIS sentence")
            if when is None:
                raise _bad_row(
                    source,
                    number,
                    "time",
                    "no c: tag block with the UNIX time of reception "
                    "(\\c:1714532400*hh\\!AIVDM...)",
                )
            try:
                msg = NMEAMessage.from_string(sentence).decode()
            except Exception:  # noqa: BLE001 - pyais raises many kinds for a bad sentence
                raise _bad_row(
                    source, number, "sentence", f"{_show(sentence)} does not decode"
                ) from None
            if getattr(msg, "msg_type", 0) not in (1, 2, 3, 18, 19, 27):
                continue
            report: Any = msg  # a position report (types 1-3, 18, 19, 27)
            lon, lat = float(report.lon), float(report.lat)
            if abs(lon) > 180 or abs(lat) > 90:
                continue
            tracks.append(str(report.mmsi))
            times.append(int(when.group(1)) * 10**9)
            lons.append(lon)
            lats.append(lat)
    track = np.asarray(tracks, dtype=object)
    time = np.asarray(times, dtype=np.int64)
    order = np.lexsort((time, track.astype(str))) if len(track) else np.zeros(0, np.int64)
    return Fixes(
        track[order], time[order], np.asarray(lons)[order], np.asarray(lats)[order], 1, source
    )
