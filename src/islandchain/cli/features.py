"""``islandchain features``: list the named features of the gazetteer."""

from __future__ import annotations

import click

from ..data import features
from ..geodesy import geodesic_area
from ._common import table

__all__ = ["features_cmd"]


@click.command("features")
@click.option("--kind", help="Only features of this kind (island, islet, island_group, cape, ...).")
@click.option("--admin", help="Only features administered by this state (ISO3, e.g. JPN).")
def features_cmd(kind: str | None, admin: str | None) -> None:
    """List every named feature: names, kind, administering state, claimants, anchor, area.

    Areas are geodesic (WGS84) areas of the OpenStreetMap land polygons.
    """
    click.echo(features_table(kind=kind, admin=admin))


def features_table(kind: str | None = None, admin: str | None = None, ids=None) -> str:
    """Return the features table as text (optionally filtered)."""
    frame = features()
    if ids is not None:
        frame = frame.loc[list(ids)]
    if kind:
        frame = frame[frame.kind == kind]
    if admin:
        frame = frame[frame.admin.map(lambda a: admin.upper() in a)]
    rows = [
        (
            fid,
            r["name"],
            r.name_ja,
            r.name_zh,
            r.kind,
            r.admin,
            r.claimants,
            f"{r.lat:.4f}N {r.lon:.4f}E",
            "-"
            if r.kind in ("cape", "port", "base")
            else f"{geodesic_area(r.geometry) / 1e6:,.2f}",
        )
        for fid, r in frame.iterrows()
    ]
    headers = ("id", "name", "ja", "zh", "kind", "admin", "claimed by", "anchor", "km²")
    return table(headers, rows)
