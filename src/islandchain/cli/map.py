"""``islandchain map``: draw checked claims on a self-contained, offline HTML map."""

from __future__ import annotations

from pathlib import Path

import click

from ..claims import check_claims, load_claims
from ..export import to_html
from ..maps import claims_map
from .verify import ARTICLE_CLAIMS

__all__ = ["map_cmd", "write_map"]


def write_map(
    claims: str | Path, output: Path, tiles: str | None = None, cross_check: bool = True
) -> tuple[Path, list]:
    """Check ``claims`` and write their map to ``output``; return the path and verdicts."""
    source, parsed = load_claims(claims)
    verdicts = check_claims(parsed, cross_check=cross_check)
    title = f"islandchain: {source.get('title') or Path(str(claims)).name}"
    return to_html(claims_map(verdicts, tiles=tiles), output, title=title), verdicts


@click.command("map")
@click.argument("claims", required=False, default=None)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/map.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option(
    "--tiles",
    default=None,
    metavar="NAME",
    help="Web tiles from an xyzservices provider (e.g. OpenStreetMap.Mapnik); "
    "the map then needs the network for them. Default: the offline basemap.",
)
@click.option(
    "--no-cross-check", is_flag=True, help="Skip re-measuring each distance on the GSHHG coastline."
)
def map_cmd(claims: str | None, output: Path, tiles: str | None, no_cross_check: bool) -> None:
    """Draw the claims in CLAIMS (default: the article's) on a map in one HTML file.

    Each distance claim shows the geodesic between the two points that
    realise the measured distance, coloured by verdict, and a ring at the
    stated distance around the reference place. The file holds every script,
    style and shape it needs: it opens with no network.
    """
    path, verdicts = write_map(claims or ARTICLE_CLAIMS, output, tiles, not no_cross_check)
    held = sum(v.holds for v in verdicts)
    click.echo(f"{path}: {len(verdicts)} claims ({held} hold), {path.stat().st_size:,} bytes")
