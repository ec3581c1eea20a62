"""``islandchain extract``: find distance statements in a text and write a claims file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import IslandchainError
from ..extract import extract_claims, to_toml

__all__ = ["extract"]


@click.command()
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the claims file here instead of standard output.",
)
@click.option("--title", default="", help="Title recorded in the claims file's [source].")
def extract(article: str, output: Path | None, title: str) -> None:
    """Find "N km DIRECTION of PLACE" statements in ARTICLE (plain text, '-' for stdin).

    Places are resolved through the gazetteer (names, aliases, simple plurals).
    Writes a TOML claims file that `islandchain verify` reads, e.g.

        islandchain extract article.txt | islandchain verify -

    Mentions that cannot be resolved are listed on standard error and kept in
    the claims file as unresolved, so that verify reports them.
    """
    if article == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        try:
            text, name = Path(article).read_text(encoding="utf-8"), article
        except (OSError, UnicodeDecodeError) as exc:
            raise IslandchainError(f"{article}: cannot read the article ({exc})") from None
    source = {"file": name}
    if title:
        source["title"] = title
    result = extract_claims(text)
    if not result.claims:
        raise IslandchainError(f"{name}: no distance statements found")
    toml = to_toml(result, source)
    if output:
        output.write_text(toml, encoding="utf-8")
    else:
        click.echo(toml, nl=False)
    for mention in result.unresolved:
        hint = f" (did you mean {', '.join(mention.suggestions)}?)" if mention.suggestions else ""
        click.echo(f"unresolved place: {mention.text!r}{hint}", err=True)
    click.echo(f"{len(result.claims)} claims found in {name}", err=True)
