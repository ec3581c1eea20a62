"""``islandchain extract``: find distance statements in a text and write a claims file."""

from __future__ import annotations

from pathlib import Path

import click

from ..extract import extract_claims, skipped_report, to_json, to_toml
from ..extract.text import printable
from ..io import decode_text, read_bytes
from .options import output_option

__all__ = ["MAX_ARTICLE_BYTES", "extract", "read_article"]


#: Most bytes of an article read: 2,000,000 characters (the extraction's limit) of up to
#: 4 bytes each; more stops reading at once with one line (status 2).
MAX_ARTICLE_BYTES = 8_000_000


def read_article(article: str) -> tuple[str, str]:
    """Read ARTICLE ('-' for standard input) as text; return (text, name shown).

    UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 are read
    (:func:`islandchain.io.decode_text`), at most :data:`MAX_ARTICLE_BYTES` bytes;
    anything else is bad input named in one line.
    """
    name = "<stdin>" if article == "-" else article
    shown = printable(name)
    fix = "split the text (extraction reads at most 2,000,000 characters)"
    return decode_text(read_bytes(article, MAX_ARTICLE_BYTES, shown, fix), shown), name


@click.command()
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True))
@output_option(
    help="Write here instead of standard output ('-': standard output); checked before any "
    "work, written atomically (a failed write keeps the old file).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "json"]),
    default="toml",
    show_default=True,
    help="toml: a claims file for `islandchain verify`; json: claims, spans, skipped figures.",
)
@click.option("--title", default="", help="Title recorded in the claims file's [source].")
@click.option("-q", "--quiet", is_flag=True, help="Do not list skipped figures on standard error.")
def extract(article: str, output: Path | None, fmt: str, title: str, quiet: bool) -> None:
    """Find distance statements in ARTICLE (plain text in English, Japanese or Chinese;
    '-' for standard input) and write them as claims.

    Reads "N km DIRECTION of PLACE", "the distance between A and B is N", "A and B are
    N apart", "N separate A from B", widths, ranges ("40-60 km"), qualifiers ("about",
    "more than", 約, 左右), conversions ("110 km (68 miles)") and the Japanese and
    Chinese forms (与那国島は台湾の東約110キロ, 钓鱼岛距离台湾基隆约190公里). Places
    are resolved through the gazetteer. The claims file is always valid input for

        islandchain extract article.txt | islandchain verify -

    Every distance figure that did not become a claim is listed on standard error
    with the reason (and in the JSON under "skipped"). Work is bounded: at most
    2,000,000 characters, sentences read in pieces of 3,000, 20,000 figures; a limit
    reached is reported.

    Exit status: 0 when claims were found, 1 when none were, 2 for bad input.
    """
    text, name = read_article(article)
    source = {"file": printable(name, 500)}
    if title:
        source["title"] = printable(title, 500)
    result = extract_claims(text)
    body = to_json(result, source) + "\n" if fmt == "json" else to_toml(result, source)
    if output is not None and str(output) != "-":
        from ..export import write_atomic

        write_atomic(output, body)
    else:
        click.echo(body, nl=False)
    for mention in result.unresolved:
        hint = f" (did you mean {', '.join(mention.suggestions)}?)" if mention.suggestions else ""
        click.echo(
            f"unresolved place: {printable(mention.text, 80)!r}: not in the gazetteer, "
            f"perhaps a place outside the region{printable(hint, 200)}",
            err=True,
        )
    if not quiet:
        report = skipped_report(result)
        if report:
            click.echo(report, err=True)
    for claim in result.claims:
        for note in claim.notes:
            click.echo(f"note on {claim.id}: {printable(note, 300)}", err=True)
    found = len(result.claims) + len(result.statements)
    click.echo(
        f"{found} claims found in {printable(name, 120)}; {len(result.skipped)} figures skipped",
        err=True,
    )
    if not found:
        raise click.exceptions.Exit(1)
