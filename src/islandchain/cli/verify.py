"""``islandchain verify``: check a claims file and print the verdicts."""

from __future__ import annotations

import csv
import io
import json

import click

from ..claims import Verdict, as_record, check_claims, load_claims
from ..examples import claims_file
from ._common import FORMATS, markdown_table, table

__all__ = ["ARTICLE_CLAIMS", "verify", "verdicts_text"]

#: The article's claims, shipped with the repository.
ARTICLE_CLAIMS = claims_file("article")


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
    figure and the spread against the GSHHG coastline.

    Exit status: 0 when every claim holds, 1 when one does not hold or
    cannot be checked, 2 for bad input.
    """
    _, parsed = load_claims(claims or ARTICLE_CLAIMS)
    verdicts = check_claims(parsed, cross_check=not no_cross_check)
    click.echo(verdicts_text(verdicts, fmt), nl=fmt != "csv")
    raise click.exceptions.Exit(0 if all(v.holds for v in verdicts) else 1)


def verdicts_text(verdicts: list[Verdict], fmt: str = "table") -> str:
    """Render verdicts as a table, JSON, Markdown or CSV."""
    records = [as_record(v) for v in verdicts]
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    headers = (
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
    rows = [
        (
            r["id"],
            r["status"],
            _num(r["stated_km"]),
            _num(r["measured_km"]),
            "-"
            if r["difference_km"] is None
            else f"{r['difference_km']:+.1f} ({r['difference_pct']:+.1f}%)",
            "-" if r["tolerance_km"] is None else f"±{r['tolerance_km']:.2f}",
            "-" if r["azimuth_deg"] is None else f"{r['azimuth_deg']:.0f}° {r['compass']}",
            _num(r["cross_check_km"]),
            r["best_reading"] or "-",
        )
        for r in records
    ]
    if fmt == "csv":
        buf = io.StringIO()
        flat = [{k: v for k, v in r.items() if k != "readings"} for r in records]
        for r in flat:
            for key in ("subject_point", "reference_point"):
                p = r.pop(key)
                r[f"{key}_lon"], r[f"{key}_lat"], r[f"{key}_label"] = (
                    (p["lon"], p["lat"], p["label"]) if p else ("", "", "")
                )
        writer = csv.DictWriter(buf, fieldnames=list(flat[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue()
    if fmt == "markdown":
        lines = [markdown_table(headers, rows), ""]
        lines += [f"- **{r['id']}**: {r['reason']}".replace("|", "\\|") for r in records]
        return "\n".join(lines)
    out = [table(headers, rows), ""]
    for r in records:
        out.append(f"{r['id']}: {r['status'].upper()}")
        if r["quote"]:
            out.append(f'  "{r["quote"]}"')
        out.append(f"  {r['reason']}")
        for key in ("reference_point", "subject_point"):
            if r[key]:
                p = r[key]
                out.append(
                    f"  {key.replace('_', ' ')}: {p['label']} ({p['lat']:.5f}, {p['lon']:.5f})"
                )
        if r["rule"]:
            out.append(f"  rule: {r['rule']}")
        if r["readings"]:
            out.append("  other readings:")
            for rd in r["readings"]:
                out.append(
                    f"    {rd['km']:9.1f} km  {rd['reading']}: {rd['subject']} / {rd['reference']}"
                )
        out.append("")
    return "\n".join(out)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"
