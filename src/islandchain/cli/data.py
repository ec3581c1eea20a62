"""``islandchain data``: rebuild and check the geodata under geo/."""

from __future__ import annotations

from pathlib import Path

import click

from ..data import check_anchors, data_dir
from ._common import table

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
def build_cmd(out: Path | None) -> None:
    """Rebuild the land polygons from roaring-landmask, byte for byte.

    Needs the build extra (pip install 'islandchain[build]'); takes about 10 s
    and 1 GB of memory. Writes land_osm.parquet, land_gshhg.parquet and
    manifest.json.
    """
    from ..build import build_land

    manifest = build_land(out or data_dir())
    for name, info in manifest["files"].items():
        click.echo(f"{name}: {info['polygons']} polygons, sha256 {info['sha256']}")


@data.command("check")
@click.option("--limit", default=500.0, show_default=True, help="Largest anchor distance, m.")
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
