"""Verdicts as text: the summary table, Markdown, CSV, JSON and a block per verdict.

What ``islandchain verify`` and ``islandchain article`` print, as functions a
script can call. Every piece is cleaned of control characters, so nothing from
a claims file reaches a terminal raw.

>>> from islandchain import check
>>> verdict = check("Taiwan", "Yonaguni", 111, cross_check=False)
>>> verdicts_text([verdict], "markdown").splitlines()[0].startswith("| claim | verdict")
True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, overload

from .claims import Verdict, as_record
from .tables import clean_text, csv_cell, markdown_cell, markdown_table, table

__all__ = ["FORMATS", "flat_record", "verdict_chunks", "verdicts_text"]

#: The formats verdicts can be printed in.
FORMATS = ("table", "json", "markdown", "csv")

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
            row = {k: csv_cell(v) for k, v in _flat(r).items()}
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
            quote = f"“{markdown_cell(r['quote'])}”: " if r["quote"] else ""
            reasons.append(f"- **{markdown_cell(r['id'])}**: {quote}{markdown_cell(r['reason'])}")
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
    return clean_text(text)


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
    found = flat.pop("found", None)
    flat["found"] = found["summary"] if found else ""
    flat["found_record"] = json.dumps(found, ensure_ascii=False) if found else ""
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
    found = r.get("found")
    return (
        r["id"],
        r["status"],
        stated,
        found["summary"] if found else _num(r["measured_km"]),
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
    if r.get("found"):
        out.append(f"  measured: {r['found']['summary']}")
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


def flat_record(verdict: Verdict) -> dict[str, Any]:
    """A verdict's fields as one flat row (the CSV's columns), control characters removed.

    >>> from islandchain import check
    >>> flat_record(check("Taiwan", "Yonaguni", 111, cross_check=False))["status"]
    'holds'
    """
    return _flat(_clean_record(as_record(verdict)))
