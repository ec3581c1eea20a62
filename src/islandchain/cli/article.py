"""``islandchain article``: the main job, run on the article's places and claims."""

from __future__ import annotations

import click

from .features import features_table

__all__ = ["article"]

#: The places the article names, as gazetteer ids.
ARTICLE_PLACES = (
    "taiwan",
    "roc_territory",
    "yonaguni",
    "yonaguni_west_cape",
    "senkaku",
    "uotsuri",
    "kuba",
    "taisho",
    "kita_kojima",
    "minami_kojima",
    "chinese_mainland",
)


@click.command()
def article() -> None:
    """Print the named features and a table of the article's places."""
    click.echo("Named features\n")
    click.echo(features_table())
    click.echo("\nThe article's places\n")
    click.echo(features_table(ids=ARTICLE_PLACES))
