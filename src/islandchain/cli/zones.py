"""``islandchain zones``: maritime zones, and which of them an area or track enters."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from ..gisread import TRACK_SUFFIXES, read_track
from ..published import EDGES, published_area, published_areas, published_lines
from ..zones import ZONE_NMI, blockade_cordon, check_intrusion, no_zone_text
from ._common import progress_line, table
from .options import MAP_SUFFIXES, format_option, gis_output_option, output_option, positive_float

__all__ = ["zones"]


def _share(intrusion, check) -> str:
    whole, part = (
        (check.area_km2, intrusion.area_km2)
        if check.area_km2
        else (check.length_km, intrusion.length_km)
    )
    return f"{100 * part / whole:.0f} %" if whole and part else "-"


def _report(check, title: str, geometry=None) -> str:
    with_points = any(i.points for i in check.intrusions)
    rows = [
        (
            i.state,
            i.zone,
            "-" if math.isnan(i.nmi) else f"{i.nmi:g}",
            f"{i.area_km2:,.1f}" if i.area_km2 else "-",
            f"{i.length_km:,.1f}" if i.length_km else "-",
            *((str(i.points) if i.points else "-",) if with_points else ()),
            _share(i, check),
        )
        for i in check.intrusions
    ]
    headers: tuple[str, ...] = ("state", "zone", "nmi", "area inside km²", "length inside km")
    headers += ("points inside", "share") if with_points else ("share",)
    out = [
        title,
        "",
        table(headers, rows)
        if rows
        else (
            no_zone_text(geometry, check.closest_km)
            if geometry is not None
            else "enters no zone of the states checked"
        ),
        "",
        "closest approach to land:",
    ]
    out += [
        f"  {s}: {km:,.1f} km" for s, km in sorted(check.closest_km.items(), key=lambda kv: kv[1])
    ]
    return "\n".join(out)


_MAP_OPTION = output_option(
    "--map",
    "map_path",
    suffixes=MAP_SUFFIXES,
    help="Also draw the zones, ADIZs and what was checked: an offline .html map, "
    "or a .png, .svg or .pdf figure.",
)


def _write_map(
    path: Path | None,
    *,
    tracks=(),
    areas=None,
    checks=None,
    title: str | None = None,
    err: bool = False,
) -> None:
    """The map of what was checked, drawn from the checks made (``checks``, by label or id)."""
    if path is None:
        return
    from ..export import to_map
    from ..mapping.stories import zones_story

    out = to_map(zones_story(tracks=tracks, areas=areas, checks=checks, title=title), path)
    click.echo(f"{out}: {out.stat().st_size:,} bytes", err=err)  # off stdout for JSON


@click.group()
def zones() -> None:
    """Maritime zones (territorial sea, contiguous zone, EEZ) and intrusion checks.

    Zones are geodesic buffers of each state's coast (12, 24 and 200 nmi),
    split between neighbours along the equidistance line, around Taiwan, the
    Senkakus and the southern Ryukyus. They are measured from the coast, not
    from declared baselines; real boundaries here are largely undelimited.
    """


def _records(check, name: str) -> list[dict]:
    """The zone check as JSON records: one per zone entered, then the closest approaches."""
    return [
        {
            "checked": name,
            "state": i.state,
            "zone": i.zone,
            "nmi": None if math.isnan(i.nmi) else i.nmi,
            "area_km2": round(i.area_km2, 3),
            "length_km": round(i.length_km, 3),
            "points": i.points,
            "share": _share(i, check),
            "note": i.note,
        }
        for i in check.intrusions
    ]


def _print_check(checks: list, fmt: str, output: Path | None) -> None:
    """Each (name, title, geometry, check) as a table, JSON or GeoJSON; features to OUTPUT."""
    if fmt == "table":
        for _, title, geometry, check in checks:
            click.echo(_report(check, title, geometry) + ("\n" if len(checks) > 1 else ""))
    elif fmt == "json":
        doc = [
            {
                "checked": name,
                "zones": _records(check, name),
                "closest_km": {s: round(km, 3) for s, km in check.closest_km.items()},
            }
            for name, _, _, check in checks
        ]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    if fmt != "geojson" and output is None:
        return
    import pandas as pd

    from ..gisout import geojson_text, write_features, zone_features

    frame = pd.concat([zone_features(n, g, c) for n, _, g, c in checks], ignore_index=True)
    if fmt == "geojson":
        click.echo(geojson_text(frame))
    if output is not None:
        out = write_features(frame, output)
        click.echo(f"{out}: {len(frame)} features, {out.stat().st_size:,} bytes", err=True)


@zones.command("check")
@click.argument("target")
@_MAP_OPTION
@click.option(
    "--edges",
    type=click.Choice(EDGES),
    default=None,
    help="Join a published area's corners along geodesics (default) or rhumb lines.",
)
@format_option(formats=("table", "json", "geojson"))
@gis_output_option
def check_cmd(
    target: str, edges: str | None, map_path: Path | None, fmt: str, output: Path | None
) -> None:
    """Which zones of which states TARGET enters.

    TARGET is a file of an area or track in lon/lat: GeoJSON (a geometry,
    Feature or FeatureCollection), KML or KMZ (Google Earth), GPX (a GPS's
    tracks, routes or waypoints) or CSV (positions in row order, columns lon
    and lat): an exercise area from its corner coordinates, a ship's track, a
    cordon; or a published area from `islandchain zones areas`: an id such as
    pla-2022-08-4, or a group such as pla-2022-08 to check each of its areas.
    Prints the area (or length) inside each maritime zone and ADIZ and the
    closest approach to each state's land.
    """
    if not target.strip():
        raise click.BadParameter(
            "give a GeoJSON file or a published area id (see `islandchain zones areas`)",
            param_hint="'TARGET'",
        )
    if Path(target).is_file() or target.lower().endswith(TRACK_SUFFIXES) or "/" in target:
        geometry = read_track(target)
        # A long track (many thousand positions) shows its progress on a terminal.
        with progress_line("measured positions", least=100_000) as progress:
            check = check_intrusion(geometry, progress=progress)
        _print_check([(Path(target).name, target, geometry, check)], fmt, output)
        name = Path(target).name
        # The map checks an area as its outline; a line or points as they are.
        lineal = not geometry.geom_type.endswith("Polygon")
        checked = {name: check} if lineal else None
        _write_map(map_path, tracks=[(name, geometry)], checks=checked, err=fmt != "table")
        return
    found = published_area(target, edges)
    rows = []
    for area in found:
        title = f"{area.id}: {area.name} ({area.edges} edges)\nsource: {area.source}"
        rows.append((area.id, title, area.geometry, check_intrusion(area.geometry)))
    _print_check(rows, fmt, output)
    checks = {row[0]: row[3] for row in rows}
    if map_path is not None:  # the frame of areas is for the map only
        frame = published_areas(edges=edges)
        chosen = frame.loc[[a.id for a in found if a.id in frame.index]]
        _write_map(map_path, areas=chosen, checks=checks, err=fmt != "table")


@zones.command("areas")
@format_option(formats=("table", "json"))
def areas_cmd(fmt: str) -> None:
    """List the published areas and lines: ADIZs, exercise areas, the median line.

    They are read from geo/published_areas.toml, with the corners exactly as
    their sources printed them; pass an id or group to `islandchain zones check`.
    """
    headers = ("id", "group", "kind", "state", "published", "name")
    rows = [
        (a.id, a.group, a.kind, a.state, a.published, a.name)
        for frame in (published_areas(), published_lines())
        for a in frame.itertuples()
    ]
    if fmt == "json":
        doc = [dict(zip(headers, map(str, r), strict=True)) for r in rows]
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(table(headers, rows))


def _nmi_list(ctx: click.Context, param: click.Parameter, value: str) -> list[float]:
    """Callback: comma-separated positive distances in nautical miles."""
    values = [float(positive_float(ctx, param, x) or 0) for x in value.split(",") if x.strip()]
    if not values:
        raise click.BadParameter("give distances such as 12,24,50", param_hint="'--nmi'")
    return values


@zones.command("cordon")
@_MAP_OPTION
@click.option("--around", default="Taiwan", show_default=True, help="The place blockaded.")
@click.option(
    "--nmi",
    "distances",
    default="12,24,50",
    callback=_nmi_list,
    show_default=True,
    help="Cordon distances from the coast, nautical miles, comma-separated.",
)
@format_option(formats=("table", "json", "geojson"))
@gis_output_option
def cordon_cmd(
    around: str, distances: list[float], map_path: Path | None, fmt: str, output: Path | None
) -> None:
    """Check a blockade cordon at given distances round a place against every zone.

    The article: a blockade of Taiwan "would very likely intrude into Japan's
    airspace and waters". This shows at which cordon distance that happens.
    """
    values = distances
    cordons = [
        (f"cordon {nmi:g} nmi round {around}", blockade_cordon(around, nmi)) for nmi in values
    ]
    checks = [(label, label, cordon, check_intrusion(cordon)) for label, cordon in cordons]
    _print_check(checks, fmt, output)
    if fmt == "table":
        click.echo(f"zone breadths: {', '.join(f'{k} {v:g} nmi' for k, v in ZONE_NMI.items())}")
    title = f"Blockade cordons round {around}"
    drawn = {label: check for label, _, _, check in checks}
    _write_map(map_path, tracks=cordons, checks=drawn, title=title, err=fmt != "table")
