"""``islandchain article``: the main job, run on the article's claims."""

from __future__ import annotations

from pathlib import Path

import click

from ..claims import check_claims, load_claims
from ..examples import claims_file
from ..report import verdicts_text
from ._common import exit_status
from .options import MAP_SUFFIXES, output_option

__all__ = ["article"]


@click.command()
@output_option(
    default=Path("out/article.html"),
    suffixes=MAP_SUFFIXES,
    help="Where to write the article's map: .html, or .png, .svg, .pdf for a figure.",
)
def article(output: Path) -> None:
    """Check the article's geographic claims and export their map.

    Prints the verdicts of claims/article.toml (as `islandchain verify`
    does) and writes the offline HTML map (as `islandchain map` does).
    Exit status as for verify: 0 when every claim holds, 1 when one does not
    hold or cannot be checked, 2 for bad input, 3 for an internal error.
    """
    from ..export import to_map
    from ..mapping.stories import claims_story

    source, claims = load_claims(claims_file("article"))
    verdicts = check_claims(claims)
    path = to_map(claims_story(verdicts, source=str(source.get("title") or "")), output)
    click.echo(verdicts_text(verdicts))
    click.echo(f"map: {path} ({path.stat().st_size:,} bytes); open it in any browser, offline")
    raise click.exceptions.Exit(int(exit_status(verdicts)))
