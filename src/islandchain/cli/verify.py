"""``islandchain verify``: check a claims file and print the verdicts as they are ready."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from ..claims import Verdict, iter_verdicts, load_claims
from ..examples import claims_file
from ..report import FORMATS, verdict_chunks
from ._common import ExitStatus, clean_text, exit_status
from .options import cross_check_option, format_option, gis_output_option

__all__ = ["verify"]


@click.command()
@click.argument("claims", required=False, default=None)
@format_option(formats=(*FORMATS, "geojson"))
@gis_output_option
@cross_check_option
def verify(claims: str | None, fmt: str, output: Path | None, no_cross_check: bool) -> None:
    """Check the claims in CLAIMS (a TOML claims file, '-' for standard input).

    Without CLAIMS, checks the article's claims (claims/article.toml). Each
    distance is the geodesic on WGS84 between full-resolution coastlines,
    with the bearing, the tolerance rule that decided, other readings of the
    figure and the spread against the GSHHG coastline. Verdicts are printed
    as each is ready; a claim that cannot be read is reported and the others
    are still checked.

    --format geojson prints each verdict's measured line and points as GeoJSON
    features with the verdict's fields; -o FILE writes them as .geojson, .gpkg,
    .parquet or .kml.

    Exit status: 0 when every claim holds (or holds on another reading), 1
    when one does not hold or cannot be checked, 2 when the file cannot be
    read or a claim in it is malformed (after every verdict is printed), 3
    for an internal error.
    """
    _, parsed = load_claims(claims or claims_file("article"))
    for claim in parsed:
        for problem in claim.problems:
            click.echo(f"islandchain: error: {clean_text(str(problem))}", err=True)
    done: list[Verdict] = []
    try:
        stream = _progress(iter_verdicts(parsed, cross_check=not no_cross_check), len(parsed))
        if fmt == "geojson":
            done.extend(stream)
        else:
            for chunk in verdict_chunks(_kept(stream, done), fmt):
                click.echo(chunk, nl=False)
    except BrokenPipeError:  # the reader went away (e.g. `| head`)
        sys.stderr.close()
        raise click.exceptions.Exit(exit_status(done)) from None
    except Exception as exc:  # a bug: one line, its own status
        click.echo(
            f"islandchain: internal error: {type(exc).__name__}: {clean_text(str(exc))} "
            "(please report it with the claims file)",
            err=True,
        )
        raise click.exceptions.Exit(ExitStatus.INTERNAL) from None
    if fmt == "geojson" or output is not None:
        _write_gis(done, fmt, output)
    for v in done:
        if v.internal_error:
            click.echo(f"islandchain: internal error: claim {v.claim.id!r}: {v.reason}", err=True)
    raise click.exceptions.Exit(exit_status(done))


def _write_gis(verdicts: list[Verdict], fmt: str, output: Path | None) -> None:
    """The verdicts as features: GeoJSON on standard output, and/or a GIS file."""
    from ..gisout import geojson_text, verdict_features, write_features

    frame = verdict_features(verdicts)
    if fmt == "geojson":
        click.echo(geojson_text(frame))
    if output is not None:
        out = write_features(frame, output)
        click.echo(f"{out}: {len(frame)} features, {out.stat().st_size:,} bytes", err=True)


def _kept(verdicts: Iterable[Verdict], into: list[Verdict]) -> Iterator[Verdict]:
    for v in verdicts:
        into.append(v)
        yield v


def _progress(verdicts: Iterator[Verdict], total: int) -> Iterator[Verdict]:
    """Show 'checked N/M claims' on a terminal's standard error, at most 5 times a second."""
    if total < 20 or not sys.stderr.isatty():
        yield from verdicts
        return
    last = 0.0
    for i, v in enumerate(verdicts, start=1):
        now = time.monotonic()
        if now - last > 0.2 or i == total:
            sys.stderr.write(f"\rchecked {i:,}/{total:,} claims")
            sys.stderr.flush()
            last = now
        yield v
    sys.stderr.write("\r\x1b[K")
    sys.stderr.flush()
