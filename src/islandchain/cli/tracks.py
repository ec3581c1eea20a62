"""``islandchain tracks``: zone events (enter, exit, closest approach) from ship or aircraft
positions, on one machine or on Dask."""

from __future__ import annotations

import contextlib
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from ._common import table
from .options import MAP_SUFFIXES, duration_seconds, format_option, output_option

__all__ = ["tracks"]

#: Extensions ``-o`` writes; the format follows the extension.
EVENT_SUFFIXES = (".parquet", ".csv", ".geojson")
#: At most this many tracks are drawn by ``--map`` (those with the most events).
MAP_TRACKS = 40


def _table_text(events, gaps, tracks: int, positions: int) -> str:
    rows = [
        (
            r.track,
            r.state,
            r.zone,
            r.enter_time,
            r.exit_time or f"({r.exit_how})",
            _duration(r.duration_s),
            f"{r.closest_km:,.1f}" if math.isfinite(r.closest_km) else "-",
        )
        for r in events.itertuples()
    ]
    head = ("track", "state", "zone", "enter (UTC)", "exit (UTC)", "duration", "closest km")
    out = [table(head, rows) if rows else "no track enters the zones checked"]
    out.append("")
    out.append(
        f"{len(events):,} events from {positions:,} positions in {tracks:,} tracks; "
        f"{len(gaps):,} gaps split tracks"
    )
    return "\n".join(out)


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}h{s % 3600 // 60:02d}m{s % 60:02d}s"


def _client(workers: int | None, scheduler: str | None) -> contextlib.AbstractContextManager:
    if workers is None and scheduler is None:
        return contextlib.nullcontext(None)
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"--scheduler {scheduler!r}: no Dask scheduler answers there ({exc}); give its "
                "address, e.g. tcp://10.0.0.5:8786"
            ) from None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return _Owned(Client(cluster), cluster)


class _Owned(contextlib.AbstractContextManager):
    """A client and the local cluster it owns, closed together."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _write_events(path: Path, events) -> None:
    from ..atomic import write_atomic
    from ..tracks.events import iso_times

    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_atomic(path, iso_times(events).to_csv(index=False))
    elif suffix == ".parquet":
        import io

        buffer = io.BytesIO()
        events.to_parquet(buffer, index=False)
        write_atomic(path, buffer.getvalue())
    else:
        import geopandas as gpd

        frame = gpd.GeoDataFrame(
            iso_times(events),
            geometry=gpd.points_from_xy(events.enter_lon, events.enter_lat),
            crs="EPSG:4326",
        )
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp) / "events.geojson"
            frame.to_file(scratch, driver="GeoJSON", engine="pyogrio")
            write_atomic(path, scratch.read_bytes())
    click.echo(f"{path}: {len(events):,} events", err=True)


def _write_map(path: Path, positions: Path, events, gap_s: float) -> None:
    import dataclasses

    from ..export import to_map
    from ..mapping.escape import plain_text, popup_table
    from ..mapping.stories import zones_story
    from ..mapping.story import LegendEntry, Pane, Shape, StoryLayer
    from ..mapping.styles import INTRUSION_COLOUR, PathStyle
    from ..tracks import track_lines
    from ..tracks.events import iso_times

    busiest = events.track.value_counts().index[:MAP_TRACKS].tolist()
    lines = track_lines(positions, busiest, gap_s=gap_s)
    story = zones_story(
        tracks=[(f"track {name}", geom) for name, geom in lines.items()],
        title=f"Zone events of {len(lines)} tracks from {positions.name}",
    )
    shapes = []
    text = iso_times(events[events.track.isin(busiest)])
    import shapely

    for r in text.to_dict("records"):
        for what, lon, lat, when in (
            ("enters", float(r["enter_lon"]), float(r["enter_lat"]), str(r["enter_time"])),
            ("leaves", float(r["exit_lon"]), float(r["exit_lat"]), str(r["exit_time"])),
        ):
            if not (math.isfinite(lon) and math.isfinite(lat)):
                continue
            label = f"{r['track']} {what} {r['state']} {r['zone']} at {when}"
            how = str(r["enter_how"] if what == "enters" else r["exit_how"])
            popup = popup_table(
                label, [("How", how), ("Closest to land", f"{float(r['closest_km']):,.1f} km")]
            )
            style = PathStyle(INTRUSION_COLOUR if what == "enters" else "#333333", radius=5)
            shapes.append(
                Shape(shapely.Point(lon, lat), style, Pane.POINTS, plain_text(label), popup)
            )
    layer = StoryLayer(
        "Zone events (enter and exit)",
        tuple(shapes),
        legend=(
            LegendEntry("enters a zone", INTRUSION_COLOUR, "point"),
            LegendEntry("leaves a zone", "#333333", "point"),
        ),
    )
    out = to_map(dataclasses.replace(story, layers=(*story.layers, layer)), path)
    click.echo(f"{out}: {out.stat().st_size:,} bytes", err=True)


@click.command("tracks")
@click.argument("positions", type=click.Path(path_type=Path))
@format_option("table", ("table", "json", "csv"))
@output_option(
    suffixes=EVENT_SUFFIXES,
    help="Also write the events: .parquet, .csv or .geojson (points where each entered).",
)
@output_option(
    "--map",
    "map_path",
    suffixes=MAP_SUFFIXES,
    help="Draw the tracks with the most events and the enter and exit points over the "
    "zones: an offline .html map, or a .png, .svg or .pdf figure.",
)
@click.option(
    "--zone",
    "kinds",
    multiple=True,
    type=click.Choice(["territorial sea", "contiguous zone", "EEZ", "ADIZ"]),
    help="Zones to check (repeat for several). Default: territorial sea and contiguous zone.",
)
@click.option("--state", "states", multiple=True, help="Only these states' zones (e.g. JPN).")
@click.option("--area", "areas", multiple=True, help="A published area or group to check too.")
@click.option(
    "--cordon", "cordons", multiple=True, metavar="PLACE:NMI", help="A cordon, e.g. Taiwan:24."
)
@click.option(
    "--gap",
    default="6h",
    show_default=True,
    callback=duration_seconds,
    help="Split a track where fixes are further apart than this (s, m or h), and report the "
    "gap: 6 h is the shortest AIS gap Global Fishing Watch records.",
)
@click.option(
    "--daily",
    type=click.Choice(["day", "month", "year"]),
    default=None,
    help="Print days with a track in each zone and track-days per day, month or year.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 512),
    default=None,
    help="Run on N local Dask workers (one process each), partitioned by track.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on the Dask cluster at ADDRESS (tcp://host:8786).",
)
@click.option(
    "--chunk-rows",
    type=click.IntRange(1_000, None),
    default=1_000_000,
    show_default=True,
    help="Positions read at a time (memory is bounded by it).",
)
def tracks(
    positions: Path,
    fmt: str,
    output: Path | None,
    map_path: Path | None,
    kinds: tuple[str, ...],
    states: tuple[str, ...],
    areas: tuple[str, ...],
    cordons: tuple[str, ...],
    gap: float,
    daily: str | None,
    workers: int | None,
    scheduler: str | None,
    chunk_rows: int,
) -> None:
    """When tracks in POSITIONS enter and leave each zone, and how close they come to land.

    POSITIONS is a CSV or (Geo)Parquet file with a track id, a UTC time, lon
    and lat per row, sorted by track then time, or raw AIS sentences (.nmea)
    with c: time tag blocks. Between two fixes a track follows the geodesic;
    enter and exit times are where it crosses the zone's edge, interpolated in
    time. Prints one row per event; times are UTC, ISO 8601.
    """
    from ..tracks import daily_counts, track_events
    from ..tracks.events import iso_times

    if workers is not None and scheduler is not None:
        raise click.BadParameter(
            "give --workers or --scheduler, not both", param_hint="'--workers'"
        )
    default = [] if (areas or cordons) else ["territorial sea", "contiguous zone"]
    zones: dict[str, Any] = {
        "kinds": list(kinds) or default,
        "states": list(states) or None,
        "areas": list(areas),
        "cordons": list(cordons),
    }
    with _client(workers, scheduler) as client:
        result = track_events(positions, zones, gap_s=gap, chunk_rows=chunk_rows, client=client)
    events, gaps = result.events, result.gaps
    shown = daily_counts(events, daily) if daily else None
    if fmt == "json":
        body: dict[str, Any] = {
            "events": json.loads(iso_times(events).to_json(orient="records")),
            "gaps": json.loads(iso_times(gaps).to_json(orient="records")),
        }
        if shown is not None:
            body["counts"] = json.loads(shown.to_json(orient="records"))
        click.echo(json.dumps(body, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo(
            (shown if shown is not None else iso_times(events)).to_csv(index=False), nl=False
        )
    elif shown is not None:
        click.echo(table(tuple(shown.columns), [tuple(map(str, r)) for r in shown.values]))
    else:
        click.echo(_table_text(iso_times(events), gaps, result.tracks, result.positions))
    if output is not None:
        _write_events(output, events)
    if map_path is not None:
        if len(events) == 0:
            click.echo("no events: the map shows the zones only", err=True)
        _write_map(map_path, positions, events, gap)
