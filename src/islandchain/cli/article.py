"""``islandchain article``: the main job, run on the article's claims."""

from __future__ import annotations

from pathlib import Path

import click

from .map import write_map
from .verify import ARTICLE_CLAIMS, exit_status, verdicts_text

__all__ = ["article"]


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/article.html"),
    show_default=True,
    help="Where to write the article's map.",
)
def article(output: Path) -> None:
    """Check the article's geographic claims and export their map.

    Prints the verdicts of claims/article.toml (as `islandchain verify`
    does) and writes the offline HTML map (as `islandchain map` does).
    Exit status as for verify: 0 when every claim holds, 1 when one does not
    hold or cannot be checked, 2 for bad input, 3 for an internal error.
    """
    path, verdicts = write_map(ARTICLE_CLAIMS, output)
    click.echo(verdicts_text(verdicts))
    click.echo(f"map: {path} ({path.stat().st_size:,} bytes); open it in any browser, offline")
    raise click.exceptions.Exit(exit_status(verdicts))
