"""``islandchain verify``: check a claims file and print the verdicts as they are ready."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, overload

import click

from ..claims import Verdict, as_record, iter_verdicts, load_claims
from ..examples import claims_file
from ._common import FORMATS, markdown_table, table

__all__ = [
    "ARTICLE_CLAIMS",
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_NOT_ALL_HOLD",
    "EXIT_OK",
    "exit_status",
    "verdict_chunks",
    "verdicts_text",
    "verify",
]

#: The article's claims, shipped with the repository.
ARTICLE_CLAIMS = claims_file("article")

#: Exit statuses of verify and article (see the README, "Exit statuses").
EXIT_OK = 0
EXIT_NOT_ALL_HOLD = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


_HEADERS = (
    "claim",
    "verdict",
    "stated km",
    "measured km",
    "diff",
    "tolerance",
    "bearing",
    "GSHHG km",
    "best reading",
)
# Control characters (C0 but tab and newline, DEL, C1) never reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def exit_status(verdicts: Iterable[Verdict]) -> int:
    """The exit status for a set of verdicts.

    3 when a check failed unexpectedly (a bug), 2 when a claim could not be
    read, 1 when a claim does not hold or cannot be checked, 0 when every
    claim holds (on the default reading or on another named one).
    """
    status = EXIT_OK
    for v in verdicts:
        if v.details.get("internal_error"):
            return EXIT_INTERNAL
        if v.malformed:
            status = EXIT_BAD_INPUT
        elif not v.holds and status == EXIT_OK:
            status = EXIT_NOT_ALL_HOLD
    return status


@click.command()
@click.argument("claims", required=False, default=None)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--no-cross-check", is_flag=True, help="Skip re-measuring each distance on the GSHHG coastline."
)
def verify(claims: str | None, fmt: str, no_cross_check: bool) -> None:
    """Check the claims in CLAIMS (a TOML claims file, '-' for standard input).

    Without CLAIMS, checks the article's claims (claims/article.toml). Each
    distance is the geodesic on WGS84 between full-resolution coastlines,
    with the bearing, the tolerance rule that decided, other readings of the
    figure and the spread against the GSHHG coastline. Verdicts are printed
    as each is ready; a claim that cannot be read is reported and the others
    are still checked.

    Exit status: 0 when every claim holds (or holds on another reading), 1
    when one does not hold or cannot be checked, 2 when the file cannot be
    read or a claim in it is malformed (after every verdict is printed), 3
    for an internal error.
    """
    _, parsed = load_claims(claims or ARTICLE_CLAIMS)
    for claim in parsed:
        for problem in claim.problems:
            click.echo(f"islandchain: error: {_clean(str(problem))}", err=True)
    done: list[Verdict] = []
    try:
        stream = _progress(iter_verdicts(parsed, cross_check=not no_cross_check), len(parsed))
        for chunk in verdict_chunks(_kept(stream, done), fmt):
            click.echo(chunk, nl=False)
    except BrokenPipeError:  # the reader went away (e.g. `| head`)
        sys.stderr.close()
        raise click.exceptions.Exit(exit_status(done)) from None
    except Exception as exc:  # a bug: one line, its own status
        click.echo(
            f"islandchain: internal error: {type(exc).__name__}: {_clean(str(exc))} "
            "(please report it with the claims file)",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_INTERNAL) from None
    for v in done:
        if v.details.get("internal_error"):
            click.echo(f"islandchain: internal error: claim {v.claim.id!r}: {v.reason}", err=True)
    raise click.exceptions.Exit(exit_status(done))


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


def verdicts_text(verdicts: Iterable[Verdict], fmt: str = "table") -> str:
    """Render verdicts as a table, JSON, Markdown or CSV."""
    return "".join(verdict_chunks(verdicts, fmt)).removesuffix("\n" if fmt != "csv" else "")


def verdict_chunks(verdicts: Iterable[Verdict], fmt: str = "table") -> Iterator[str]:
    """Render verdicts piece by piece, each as soon as its verdict is ready.

    ``table``: one block per verdict, then the summary table. ``json``: one
    array, an element per verdict. ``csv``: a header then a row per verdict.
    ``markdown``: the table rows, then each reason. Control characters from
    claims files are removed.
    """
    records = (_clean_record(as_record(v)) for v in verdicts)
    if fmt == "json":
        yield "["
        for i, r in enumerate(records):
            yield ("," if i else "") + "\n" + _indent(json.dumps(r, indent=2, ensure_ascii=False))
        yield "\n]\n"
    elif fmt == "csv":
        writer = None
        buf = io.StringIO()
        for r in records:
            row = _flat(r)
            if writer is None:
                writer = csv.DictWriter(buf, fieldnames=list(row), lineterminator="\n")
                writer.writeheader()
            writer.writerow(row)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    elif fmt == "markdown":
        header = markdown_table(_HEADERS, [])
        yield header + "\n"
        reasons = []
        for r in records:
            yield markdown_table(_HEADERS, [_row(r)]).split("\n", 2)[2] + "\n"
            quote = f"“{r['quote']}”: " if r["quote"] else ""
            reasons.append(f"- **{r['id']}**: {quote}{r['reason']}".replace("|", "\\|"))
        yield "\n" + "\n".join(reasons) + "\n"
    else:
        rows = []
        for r in records:
            rows.append(_row(r))
            yield "\n".join(_block(r)) + "\n\n"
        yield table(_HEADERS, rows) + "\n"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


@overload
def _clean_record(value: dict[str, Any]) -> dict[str, Any]: ...
@overload
def _clean_record(value: object) -> object: ...
def _clean_record(value: object) -> object:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return {k: _clean_record(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_record(v) for v in value]
    return value


def _flat(r: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in r.items() if k not in ("readings", "holding_reading", "problems")}
    held = r["holding_reading"]
    flat["holding_reading"] = held["reading"] if held else ""
    flat["holding_reading_km"] = held["km"] if held else ""
    flat["problems"] = "; ".join(r["problems"])
    for key in ("subject_point", "reference_point"):
        p = flat.pop(key)
        flat[f"{key}_lon"], flat[f"{key}_lat"], flat[f"{key}_label"] = (
            (p["lon"], p["lat"], p["label"]) if p else ("", "", "")
        )
    return flat


def _row(r: dict[str, Any]) -> tuple[str, ...]:
    stated = _num(r["stated_km"])
    if r["stated_max_km"] is not None:
        stated += f"-{r['stated_max_km']:.1f}"
    return (
        r["id"],
        r["status"],
        stated,
        _num(r["measured_km"]),
        "-"
        if r["difference_km"] is None
        else f"{r['difference_km']:+.1f}"
        + (
            ""
            if r["difference_pct"] is None or abs(r["difference_pct"]) >= 1e4
            else f" ({r['difference_pct']:+.1f}%)"
        ),
        _tolerance(r),
        "-" if r["azimuth_deg"] is None else f"{r['azimuth_deg']:.0f}° {r['compass']}",
        _num(r["cross_check_km"]),
        r["best_reading"] or "-",
    )


def _tolerance(r: dict[str, Any]) -> str:
    if r["tolerance_km"] is not None:
        return f"±{r['tolerance_km']:.2f}"
    low, high = r["accepted_low_km"], r["accepted_high_km"]
    if low is None:
        return "-"
    if high is None:
        return f">={low:.1f}"
    if low <= 0:
        return f"<={high:.1f}"
    return f"{low:.1f}-{high:.1f}"


def _block(r: dict[str, Any]) -> list[str]:
    out = [f"{r['id']}: {r['status'].upper()}"]
    if r["quote"]:
        out.append(f'  "{r["quote"]}"')
    out.append(f"  {r['reason']}")
    for key in ("reference_point", "subject_point"):
        if r[key]:
            p = r[key]
            out.append(f"  {key.replace('_', ' ')}: {p['label']} ({p['lat']:.5f}, {p['lon']:.5f})")
    if r["rule"]:
        out.append(f"  rule: {r['rule']}")
    if r["readings"]:
        out.append("  other readings:")
        for rd in r["readings"]:
            out.append(
                f"    {rd['km']:9.1f} km  {rd['reading']}: {rd['subject']} / {rd['reference']}"
            )
    return out


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"
