"""The ``islandchain`` command line: one command group, one module per subcommand."""

from __future__ import annotations

import click

from .. import __version__
from ._common import run_safely
from .article import article
from .chain import chain
from .data import data
from .extract import extract
from .features import features_cmd
from .map import map_cmd
from .verify import verify
from .zones import zones

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="islandchain")
def cli() -> None:
    """Check claims about the geography of the first island chain.

    Distances and bearings are geodesics on the WGS84 ellipsoid, measured
    between full-resolution coastlines (OpenStreetMap land polygons, with
    GSHHG as a cross-check). Run `islandchain COMMAND --help` for each
    command.
    """


cli.add_command(article)
cli.add_command(features_cmd)
cli.add_command(data)
cli.add_command(verify)
cli.add_command(extract)
cli.add_command(map_cmd)
cli.add_command(chain)
cli.add_command(zones)


def main() -> None:
    """Entry point of the console script."""
    run_safely(cli)
