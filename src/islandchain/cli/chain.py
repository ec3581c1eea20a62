"""``islandchain chain``: the first island chain's gaps, and the passages a state can use."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from ..chain import chain_gaps, chain_variants, nearest_foreign, passages
from ..geodesy import NMI
from ..tables import csv_cell
from ._common import FORMATS, markdown_table, table
from .options import MAP_SUFFIXES, format_option, gis_output_option, output_option, positive_float

__all__ = ["chain"]


def _render(headers: list[str], rows: list[list[object]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            [dict(zip(headers, r, strict=True)) for r in rows],
            indent=2,
            ensure_ascii=False,
            default=str,
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows([csv_cell(c) for c in r] for r in rows)
        return buf.getvalue()
    cells = [[f"{c:.1f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    if fmt == "markdown":
        return markdown_table(headers, cells) + "\n"
    return table(headers, cells)


def _states(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    """Callback: comma-separated ISO3 codes of states the gazetteer knows."""
    from ..data import gazetteer

    known = sorted({code for codes in gazetteer()["admin"] for code in codes})
    own = [c.strip().upper() for c in value.split(",") if c.strip()]
    if not own:
        raise click.BadParameter(
            f"give one or more state codes such as CHN,TWN (known: {', '.join(known)})",
            param_hint="'--controller'",
        )
    unknown = [c for c in own if c not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown state code(s) {', '.join(unknown)}; known: {', '.join(known)}",
            param_hint="'--controller'",
        )
    return own


def _write_gis(
    rows: list[dict[str, object]],
    ends: list[tuple[tuple[float, float], tuple[float, float]]],
    fmt: str,
    output: Path | None,
) -> None:
    """The gaps as geodesic lines with the table's fields: GeoJSON printed, a GIS file written."""
    from ..gisout import gap_features, geojson_text, write_features

    frame = gap_features(rows, ends)
    if fmt == "geojson":
        click.echo(geojson_text(frame))
    if output is not None:
        out = write_features(frame, output)
        click.echo(f"{out}: {len(frame)} features, {out.stat().st_size:,} bytes", err=True)


@click.command()
@click.option(
    "--variant",
    default="core",
    show_default=True,
    help="Which definition of the chain (see geo/island_chain.toml).",
)
@click.option(
    "--controller",
    callback=_states,
    default="CHN,TWN",
    show_default=True,
    help="States whose land is the ship's own, comma-separated ISO3 codes. "
    "The default is the article's scenario: Taiwan under Chinese control.",
)
@click.option(
    "--keep-nmi",
    default=12.0,
    show_default=True,
    callback=positive_float,
    help="Distance to keep from foreign land, nautical miles.",
)
@format_option(formats=(*FORMATS, "geojson"))
@output_option(
    "--map",
    "map_path",
    suffixes=MAP_SUFFIXES,
    help="Also draw the gaps: an offline .html map, or a .png, .svg or .pdf figure.",
)
@gis_output_option
def chain(
    variant: str,
    controller: list[str],
    keep_nmi: float,
    fmt: str,
    map_path: Path | None,
    output: Path | None,
) -> None:
    """Print the gaps of the first island chain and which of them stay open.

    For each gap between consecutive members: its width (the shortest
    geodesic between the two coasts, with both points), the greatest
    distance a ship can keep from both coasts (half the width), and, for a
    ship of the controlling states, how far it can keep from foreign land
    and whether that is at least --keep-nmi. Then the nearest foreign land
    from Taiwan's east-coast ports.
    """
    own = controller
    gaps = chain_gaps(variant)  # an unknown variant stops here, with the known ones
    v = chain_variants()[variant]
    rows, ends = [], []
    found = passages(own, keep_nmi * NMI / 1000, variant)
    for p in found:
        ends.append((p.gap.point_a, p.gap.point_b))
        g = p.gap
        rows.append(
            [
                g.name,
                g.a,
                g.b,
                round(g.width_km, 2),
                round(g.half_width_km, 2),
                f"{g.point_a[1]:.4f}N {g.point_a[0]:.4f}E",
                f"{g.point_b[1]:.4f}N {g.point_b[0]:.4f}E",
                g.land_between,
                "inf" if p.keep_km == float("inf") else round(p.keep_km, 2),
                "open" if p.open else "closed",
                p.note,
            ]
        )
    headers = [
        "gap",
        "from",
        "to",
        "width_km",
        "half_width_km",
        "point_from",
        "point_to",
        "islands_on_crossing",
        "keep_from_foreign_km",
        f"at_{keep_nmi:g}nmi",
        "note",
    ]
    if fmt == "table":
        click.echo(f"{v.name} ({len(gaps)} gaps)\nsource: {v.source}\n")
    if fmt == "geojson" or output is not None:
        _write_gis([dict(zip(headers, r, strict=True)) for r in rows], ends, fmt, output)
    if fmt != "geojson":
        click.echo(_render(headers, rows, fmt))
    if fmt == "table":
        click.echo(
            f"\nNearest foreign land from Taiwan's east-coast ports (own: {', '.join(own)})\n"
        )
        ports = [
            [f.place, f.nearest, f.state, round(f.distance_km, 2), f.compass]
            for f in nearest_foreign(controller=own)
        ]
        click.echo(_render(["from", "nearest foreign land", "state", "km", "bearing"], ports, fmt))
    if map_path is not None:
        from ..export import to_map
        from ..mapping.stories import chain_story

        story = chain_story(variant, controller=own, keep_nmi=keep_nmi, passages=found)
        out = to_map(story, map_path)
        click.echo(f"{out}: {out.stat().st_size:,} bytes", err=fmt != "table")
